package io.rvc4j.dsp.pitch;

import io.rvc4j.core.model.PitchAlgorithm;
import io.rvc4j.core.model.PitchMethod;
import io.rvc4j.core.model.PitchRequest;
import io.rvc4j.core.port.out.PitchExtractor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The accuracy table of docs/pitch.md: every extractor on synthetic signals whose f0 is known at every sample
 * (harmonic tones with /a/ formants at fixed pitches, an exponential sweep, vibrato, a pure-sine sweep), clean and
 * with white noise at 20 dB SNR. Any {@link PitchExtractor} can be added, so the neural methods join the same table:
 * call {@link #table(Map)} with more entries.
 *
 * <p>Metrics over frames at 100 fps. Frames within 30 ms of a voicing change are left out. Gross error: share of
 * frames voiced in truth and estimate whose f0 is off by more than 20 %. Median cents: median |1200 log2(est/true)|
 * over those frames. Voicing recall: share of truly voiced frames estimated voiced; precision: share of frames
 * estimated voiced that are truly voiced. Speed: wall milliseconds per second of audio, best of three runs.
 */
public final class PitchAccuracyReport {
    private static final double GROSS_ERROR = 0.2;
    private static final double NOISE_SNR_DB = 20;

    private PitchAccuracyReport() {
    }

    /** One row of the table. */
    public record Row(String method, String condition, double grossError, double medianCents, double recall,
            double precision, double msPerSecond) {
    }

    /** The test signals by name, clean and noisy. */
    static Map<String, Signals.Truth> signals() {
        Map<String, Signals.Truth> clean = new LinkedHashMap<>();
        for (double hz : new double[] {100, 220, 440}) {
            clean.put("vowel " + (int) hz + " Hz",
                    Signals.padded(Signals.tone(t -> hz, 1.5, 0.5, 30, true), 0.3));
        }
        clean.put("sweep 80-800 Hz", Signals.padded(Signals.tone(t -> 80 * Math.pow(10, t / 3.0), 3.0, 0.5, 30, true),
                0.3));
        clean.put("vibrato 220 Hz +-1 st", Signals.padded(Signals.tone(
                t -> 220 * Math.pow(2, Math.sin(2 * Math.PI * 5.5 * t) / 12), 3.0, 0.5, 30, true), 0.3));
        clean.put("sine sweep 100-600 Hz", Signals.padded(Signals.tone(t -> 100 * Math.pow(6, t / 3.0), 3.0, 0.5, 1,
                false), 0.3));
        Map<String, Signals.Truth> all = new LinkedHashMap<>(clean);
        long seed = 1;
        for (Map.Entry<String, Signals.Truth> e : clean.entrySet()) {
            all.put(e.getKey() + ", 20 dB SNR", Signals.withNoise(e.getValue(), NOISE_SNR_DB, seed++));
        }
        return all;
    }

    /** The signal groups of the per-signal breakdown, in table order; "all" pools every signal. */
    static final List<String> GROUPS = List.of("all", "vowels", "sweep", "vibrato", "sine sweep");

    private static String group(String signal) {
        if (signal.startsWith("vowel")) {
            return "vowels";
        }
        if (signal.startsWith("sine sweep")) {
            return "sine sweep";
        }
        return signal.startsWith("sweep") ? "sweep" : "vibrato";
    }

    /**
     * Rows per method, signal group ({@link #GROUPS}) and condition (clean, 20 dB SNR). Each signal is extracted
     * (best of three timed runs) once and counted in its group and in "all". The map key is the f0 method as RVC
     * spells it ({@code hybrid[a+b]} included); anything after a space is a label.
     */
    public static List<Row> table(Map<String, PitchExtractor> extractors) {
        Map<String, Signals.Truth> signals = signals();
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, PitchExtractor> m : extractors.entrySet()) {
            PitchRequest request = new PitchRequest(PitchMethod.parse(m.getKey().split(" ")[0]), 3, 160);
            Map<String, Tally> tallies = new LinkedHashMap<>();
            for (boolean noisy : new boolean[] {false, true}) {
                for (String g : GROUPS) {
                    tallies.put(g + (noisy ? ", 20 dB SNR" : ", clean"), new Tally());
                }
            }
            for (Map.Entry<String, Signals.Truth> s : signals.entrySet()) {
                String condition = s.getKey().endsWith("SNR") ? ", 20 dB SNR" : ", clean";
                Extraction x = Extraction.of(s.getValue(), m.getValue(), request);
                tallies.get("all" + condition).add(s.getValue(), x);
                tallies.get(group(s.getKey()) + condition).add(s.getValue(), x);
            }
            tallies.forEach((k, t) -> rows.add(t.row(m.getKey(), k)));
        }
        return rows;
    }

    /** One extraction: the track and the best of three wall times. */
    private record Extraction(float[] f0, double millis) {
        static Extraction of(Signals.Truth t, PitchExtractor extractor, PitchRequest request) {
            float[] f0 = null;
            long best = Long.MAX_VALUE;
            for (int run = 0; run < 3; run++) {
                long start = System.nanoTime();
                f0 = extractor.extract(t.samples(), request).f0Hz();
                best = Math.min(best, System.nanoTime() - start);
            }
            return new Extraction(f0, best / 1e6);
        }
    }

    /** The table as Markdown. */
    public static String markdown(List<Row> rows) {
        StringBuilder b = new StringBuilder();
        b.append("| method | signals, condition | gross error (>20 %) | median error (cents) | voicing recall | voicing precision"
                + " | ms per s of audio |\n|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            b.append(String.format(Locale.ROOT, "| %s | %s | %.1f %% | %.2f | %.1f %% | %.1f %% | %.0f |%n", r.method(),
                    r.condition(), 100 * r.grossError(), r.medianCents(), 100 * r.recall(), 100 * r.precision(),
                    r.msPerSecond()));
        }
        return b.toString();
    }

    /** Default extractors of this module; the neural ones are added by the engine module's report. */
    public static Map<String, PitchExtractor> dspExtractors() {
        Map<String, PitchExtractor> m = new LinkedHashMap<>();
        m.put(PitchAlgorithm.HARVEST.id(), new HarvestPitchExtractor());
        m.put(PitchAlgorithm.PM.id(), new PmPitchExtractor());
        return m;
    }

    public static void main(String[] args) {
        System.out.print(markdown(table(dspExtractors())));
    }

    private static final class Tally {
        private final List<Double> cents = new ArrayList<>();
        private int bothVoiced;
        private int gross;
        private int truthVoiced;
        private int truthVoicedHit;
        private int estimatedVoiced;
        private int estimatedVoicedTrue;
        private double seconds;
        private double millis;

        void add(Signals.Truth t, Extraction x) {
            float[] f0 = x.f0();
            millis += x.millis();
            seconds += t.samples().length / 16000.0;
            double[] truth = t.framesF0(f0.length);
            boolean[] silent = t.framesSilent(f0.length);
            for (int i = 0; i < f0.length; i++) {
                boolean est = f0[i] > 0;
                if (truth[i] > 0) {
                    truthVoiced++;
                    if (est) {
                        truthVoicedHit++;
                        bothVoiced++;
                        double rel = Math.abs(f0[i] - truth[i]) / truth[i];
                        if (rel > GROSS_ERROR) {
                            gross++;
                        }
                        cents.add(Math.abs(1200 * Math.log(f0[i] / truth[i]) / Math.log(2)));
                    }
                }
                if (est && (truth[i] > 0 || silent[i])) {
                    estimatedVoiced++;
                    if (truth[i] > 0) {
                        estimatedVoicedTrue++;
                    }
                }
            }
        }

        Row row(String method, String condition) {
            cents.sort(Double::compare);
            int n = cents.size();
            double median = n == 0 ? Double.NaN
                    : n % 2 == 1 ? cents.get(n / 2) : (cents.get(n / 2 - 1) + cents.get(n / 2)) / 2;
            return new Row(method, condition, bothVoiced == 0 ? Double.NaN : (double) gross / bothVoiced, median,
                    truthVoiced == 0 ? Double.NaN : (double) truthVoicedHit / truthVoiced,
                    estimatedVoiced == 0 ? Double.NaN : (double) estimatedVoicedTrue / estimatedVoiced,
                    millis / seconds);
        }
    }
}
