package io.rvc4j.adapter.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.rvc4j.core.error.InvalidParameterException;
import io.rvc4j.core.model.AudioClip;
import io.rvc4j.core.model.AudioSource;
import io.rvc4j.core.model.ConversionParams;
import io.rvc4j.core.model.DecodeSpec;
import io.rvc4j.core.model.ModelRef;
import io.rvc4j.core.model.OutputFormat;
import io.rvc4j.core.model.StreamSettings;
import io.rvc4j.core.port.in.ConvertVoiceCommand;
import io.rvc4j.dsp.codec.FfmpegAudioCodec;
import io.rvc4j.engine.Rvc;
import io.rvc4j.engine.bench.EngineBench;
import io.rvc4j.engine.bench.Memory;
import io.rvc4j.engine.bench.StreamBench;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rvc bench}: times conversions of one input with one voice and prints the stage times as JSON. Modes:
 * {@code e2e} (end-to-end runs through the convert use case, then a per-stage breakdown), {@code stream} (per-block
 * times of the streaming use case at several block sizes), {@code cold} (JVM start to the first converted second,
 * with the warm-up {@code rvc convert} does), {@code rss} (resident memory after each of many conversions). No numbers
 * are judged here; tools/bench does that.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Time conversions (stages, real-time factor, memory) and print JSON.")
final class BenchCommand implements Callable<Integer> {
    enum Mode { E2E, STREAM, COLD, RSS }

    @Spec
    CommandSpec spec;

    @Mixin
    EngineOptions engine;

    @Mixin
    ConversionOptions conversion;

    @Option(names = "--model", paramLabel = "NAME", required = true, description = "Voice to convert with.")
    String model;

    @Option(names = {"-i", "--input"}, paramLabel = "FILE", required = true, description = "Input audio.")
    Path input;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "e2e",
            description = "e2e, stream, cold or rss. Default: ${DEFAULT-VALUE}.")
    Mode mode;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "1", description = "Untimed runs first. Default: ${DEFAULT-VALUE}.")
    int warmup;

    @Option(names = "--repeats", paramLabel = "N", defaultValue = "3",
            description = "Timed runs (rss: conversions). Default: ${DEFAULT-VALUE}.")
    int repeats;

    @Option(names = "--breakdown", paramLabel = "N", defaultValue = "1",
            description = "e2e: per-stage breakdown passes after the runs (0: none). Default: ${DEFAULT-VALUE}.")
    int breakdown;

    @Option(names = "--blocks-ms", paramLabel = "MS", split = ",", defaultValue = "250,500,1000",
            description = "stream: block sizes in ms. Default: ${DEFAULT-VALUE}.")
    List<Integer> blocksMs;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "0",
            description = "Use only the first S seconds of the input (0: all). Default: ${DEFAULT-VALUE}.")
    double seconds;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the JSON report to FILE.")
    Path json;

    @Mixin
    ProgressOptions progressOptions;

    private final EngineFactory engines;

    BenchCommand(EngineFactory engines) {
        this.engines = engines;
    }

    @Override
    public Integer call() throws IOException {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        if (repeats < 1 || warmup < 0 || breakdown < 0) {
            throw new InvalidParameterException("repeats", "needs --repeats >= 1, --warmup >= 0, --breakdown >= 0");
        }
        ConversionParams params = conversion.toParams();
        byte[] bytes = AudioFiles.read(input);
        AudioClip clip16 = new FfmpegAudioCodec().decode(bytes, DecodeSpec.RVC_INPUT);
        float[] audio16k = clip16.monoSamples();
        if (seconds > 0 && seconds * 16_000 < audio16k.length) {
            audio16k = Arrays.copyOf(audio16k, (int) (seconds * 16_000));
            bytes = new FfmpegAudioCodec().encode(AudioClip.mono(16_000, audio16k), OutputFormat.WAV);
        }
        double inputSeconds = audio16k.length / 16_000.0;
        Progress progress = progressOptions.start(spec.commandLine().getErr(), 1);
        progress.step(input.getFileName().toString(), String.format(Locale.ROOT, "timing (%s: %d warm-up, %d timed)",
                mode.name().toLowerCase(Locale.ROOT), warmup, repeats));
        Map<String, Object> report = switch (mode) {
            case E2E -> EngineBench.run(new EngineBench.Settings(engine.modelsDir(), model, engine.device, bytes,
                    input.toString(), inputSeconds, audio16k, params, warmup, repeats, breakdown, engine.precision));
            case STREAM -> stream(params, audio16k);
            case COLD -> cold(params, audio16k, jvmStart);
            case RSS -> rss(params, bytes, inputSeconds);
        };
        progress.clear();
        report.put("mode", mode.name().toLowerCase(Locale.ROOT));
        report.put("threads", threads());
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        String text = mapper.writeValueAsString(report);
        if (json != null) {
            Files.writeString(json, text);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(text);
        out.flush();
        return ExitCodes.OK;
    }

    private Map<String, Object> stream(ConversionParams params, float[] audio16k) {
        Map<String, Object> report = new LinkedHashMap<>();
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Rvc rvc = engines.open(engine)) {
            for (int ms : blocksMs) {
                int block = 16 * ms;
                StreamSettings settings = new StreamSettings(16_000, block, 16_000, Math.min(800, block),
                        Math.min(200, block), -60);
                rows.add(StreamBench.run(rvc, model, params, settings, audio16k, warmup));
            }
        }
        report.put("stream", rows);
        report.put("peak_rss_mib", Memory.peakRssMiB());
        return report;
    }

    private Map<String, Object> cold(ConversionParams params, float[] audio16k, long jvmStart) {
        float[] first = Arrays.copyOf(audio16k, Math.min(audio16k.length, 16_000));
        Map<String, Object> report = new LinkedHashMap<>();
        long t0 = System.currentTimeMillis();
        report.put("jvm_to_command_s", (t0 - jvmStart) / 1000.0);
        try (Rvc rvc = engines.open(engine)) {
            long t1 = System.currentTimeMillis();
            // as `rvc convert` does: voice and pitch weights load in parallel before the first conversion
            rvc.warmUp().warmUp(ModelRef.named(model), params.f0Method());
            long tw = System.currentTimeMillis();
            report.put("warm_up_s", (tw - t1) / 1000.0);
            rvc.convertVoice().convert(new ConvertVoiceCommand(ModelRef.named(model),
                    AudioSource.decoded(AudioClip.mono(16_000, first), "first second"), params, OutputFormat.WAV));
            long t2 = System.currentTimeMillis();
            report.put("engine_build_s", (t1 - t0) / 1000.0);
            report.put("first_second_convert_s", (t2 - t1) / 1000.0);
            report.put("jvm_start_to_first_second_s", (t2 - jvmStart) / 1000.0);
        }
        report.put("peak_rss_mib", Memory.peakRssMiB());
        return report;
    }

    private Map<String, Object> rss(ConversionParams params, byte[] bytes, double inputSeconds) {
        Map<String, Object> report = new LinkedHashMap<>();
        List<Double> rss = new ArrayList<>();
        List<Double> times = new ArrayList<>();
        try (Rvc rvc = engines.open(engine)) {
            ConvertVoiceCommand cmd = new ConvertVoiceCommand(ModelRef.named(model),
                    AudioSource.encoded(bytes, input.toString()), params, OutputFormat.WAV);
            for (int i = 0; i < warmup + repeats; i++) {
                long start = System.nanoTime();
                rvc.convertVoice().convert(cmd);
                if (i >= warmup) {
                    times.add((System.nanoTime() - start) / 1e9);
                    rss.add(Memory.rssMiB());
                }
            }
        }
        report.put("input_seconds", inputSeconds);
        report.put("conversions", rss.size());
        report.put("seconds_each", times);
        report.put("rss_mib_after_each", rss);
        report.put("peak_rss_mib", Memory.peakRssMiB());
        return report;
    }

    private static Map<String, Object> threads() {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("available_processors", Runtime.getRuntime().availableProcessors());
        t.put("ai.djl.pytorch.num_threads", System.getProperty("ai.djl.pytorch.num_threads"));
        t.put("ai.djl.pytorch.num_interop_threads", System.getProperty("ai.djl.pytorch.num_interop_threads"));
        return t;
    }
}
