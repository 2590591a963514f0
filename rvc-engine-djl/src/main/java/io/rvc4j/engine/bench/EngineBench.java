package io.rvc4j.engine.bench;

import io.rvc4j.core.model.AudioSource;
import io.rvc4j.core.model.ConversionParams;
import io.rvc4j.core.model.ModelRef;
import io.rvc4j.core.model.OutputFormat;
import io.rvc4j.core.port.in.ConversionResult;
import io.rvc4j.core.port.in.ConvertVoiceCommand;
import io.rvc4j.engine.Rvc;
import io.rvc4j.engine.RvcBuilder;
import io.rvc4j.engine.synth.Precision;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The measurement {@code rvc bench} runs: end-to-end conversions through the real use case (engine wired as
 * {@link Rvc#builder()} wires it, ports timed by decorators), then, with the engine closed, a per-stage breakdown of
 * the neural steps. Results are plain maps and lists, ready for JSON.
 */
public final class EngineBench {
    /**
     * @param modelsDir models directory
     * @param model voice name
     * @param audio the input file's bytes (decoded by the engine's codec in every run, as a user's file would be)
     * @param inputSeconds duration of the input, for the real-time factor
     * @param audio16k the input decoded at 16 kHz mono (for the breakdown)
     * @param warmup untimed conversions before the timed ones
     * @param repeats timed end-to-end conversions
     * @param breakdownRepeats timed breakdown passes (0: none; the breakdown runs the generator in fp32)
     * @param precision the generator's precision ({@code fp32}, {@code fp16}); null: env RVC_PRECISION, else fp32
     */
    public record Settings(Path modelsDir, String model, String device, byte[] audio, String audioName,
            double inputSeconds, float[] audio16k, ConversionParams params, int warmup, int repeats,
            int breakdownRepeats, String precision) {
    }

    private EngineBench() {
    }

    public static Map<String, Object> run(Settings s) {
        Map<String, Object> report = new LinkedHashMap<>();
        Precision precision = s.precision() == null ? RvcBuilder.precisionFromEnv() : Precision.parse(s.precision());
        report.put("impl", "rvc4j");
        report.put("precision", precision.toString());
        report.put("model", s.model());
        report.put("input_seconds", s.inputSeconds());
        report.put("warmup", s.warmup());
        report.put("repeats", s.repeats());
        StageClock clock = new StageClock();
        List<Map<String, Double>> runs = new ArrayList<>();
        long buildStart = System.nanoTime();
        try (Rvc rvc = TimedEngine.open(s.modelsDir(), s.device(), clock, precision)) {
            ConvertVoiceCommand cmd = new ConvertVoiceCommand(ModelRef.named(s.model()),
                    AudioSource.encoded(s.audio(), s.audioName()), s.params(), OutputFormat.WAV);
            for (int i = 0; i < s.warmup(); i++) {
                if (i > 0) {
                    clock.reset();
                }
                convert(rvc, cmd, clock);
                if (i == 0) {
                    Map<String, Double> first = clock.snapshot();
                    first.put("since_build", (System.nanoTime() - buildStart) / 1e9);
                    report.put("first_run", first);
                }
            }
            for (int i = 0; i < s.repeats(); i++) {
                clock.reset();
                Map<String, Double> r = convert(rvc, cmd, clock);
                r.put("rtf", r.get("total") / s.inputSeconds());
                r.put("rss_mib", Memory.rssMiB());
                runs.add(r);
            }
        }
        report.put("runs", runs);
        if (s.breakdownRepeats() > 0) {
            List<Map<String, Double>> parts = new ArrayList<>();
            StageClock loadClock = new StageClock();
            try (StageBreakdown b = StageBreakdown.load(s.modelsDir(), s.model(), s.device(), s.params(),
                    loadClock)) {
                for (int i = 0; i < s.breakdownRepeats(); i++) {
                    StageClock c = new StageClock();
                    b.run(s.audio16k(), s.params(), c);
                    parts.add(c.snapshot());
                }
            }
            report.put("breakdown_load", loadClock.snapshot());
            report.put("breakdown", parts);
        }
        report.put("peak_rss_mib", Memory.peakRssMiB());
        return report;
    }

    /**
     * One conversion; stages: load (model cache), prepare, f0, convert, io (decode + encode + service glue), total;
     * and cpu_s, the process's CPU seconds during it.
     */
    private static Map<String, Double> convert(Rvc rvc, ConvertVoiceCommand cmd, StageClock clock) {
        double cpu = Memory.cpuSeconds();
        long start = System.nanoTime();
        ConversionResult result = rvc.convertVoice().convert(cmd);
        double total = (System.nanoTime() - start) / 1e9;
        cpu = Memory.cpuSeconds() - cpu;
        if (result.encoded().length == 0) {
            throw new IllegalStateException("empty conversion result");
        }
        Map<String, Double> r = clock.snapshot();
        double inner = r.values().stream().mapToDouble(Double::doubleValue).sum();
        r.put("io", total - inner);
        r.put("total", total);
        r.put("cpu_s", cpu);
        return r;
    }
}
