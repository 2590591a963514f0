package io.rvc4j.dsp.pitch;

/**
 * Praat's {@code Pitch_pathFinder}: a Viterbi search through each frame's candidates that rewards strength, prefers
 * higher octaves by {@code octaveCost} per octave below the ceiling, and charges {@code octaveJumpCost} per octave of
 * frequency jump and {@code voicedUnvoicedCost} per voicing change (both scaled by 0.01 s / time step). Unvoiced
 * candidates score the voicing threshold plus a silence term from the frame intensity. The winner of each frame ends
 * up in candidate slot 0.
 */
final class PitchPathFinder {
    private final double silenceThreshold;
    private final double voicingThreshold;
    private final double octaveCost;
    private final double octaveJumpCost;
    private final double voicedUnvoicedCost;
    private final double ceiling;

    PitchPathFinder(PraatPitch.Settings s, double timeStep) {
        double timeStepCorrection = 0.01 / timeStep;
        this.silenceThreshold = s.silenceThreshold();
        this.voicingThreshold = s.voicingThreshold();
        this.octaveCost = s.octaveCost();
        this.octaveJumpCost = s.octaveJumpCost() * timeStepCorrection;
        this.voicedUnvoicedCost = s.voicedUnvoicedCost() * timeStepCorrection;
        this.ceiling = s.pitchCeiling();
    }

    void choose(PitchCandidates[] frames) {
        int n = frames.length;
        double[][] delta = new double[n][];
        int[][] psi = new int[n][];
        for (int f = 0; f < n; f++) {
            PitchCandidates c = frames[f];
            double unvoiced = silenceThreshold <= 0 ? 0.0
                    : 2.0 - c.intensity / (silenceThreshold / (1.0 + voicingThreshold));
            unvoiced = voicingThreshold + Math.max(0.0, unvoiced);
            delta[f] = new double[c.count];
            psi[f] = new int[c.count];
            for (int k = 0; k < c.count; k++) {
                delta[f][k] = voiced(c.frequency[k]) ? c.strength[k]
                        - octaveCost * PraatFrameAnalyzer.log2(ceiling / c.frequency[k]) : unvoiced;
            }
        }
        for (int f = 1; f < n; f++) {
            PitchCandidates prev = frames[f - 1];
            PitchCandidates cur = frames[f];
            for (int k2 = 0; k2 < cur.count; k2++) {
                double f2 = cur.frequency[k2];
                boolean currentVoiceless = !voiced(f2);
                double maximum = -1e30;
                int place = 0;
                for (int k1 = 0; k1 < prev.count; k1++) {
                    double f1 = prev.frequency[k1];
                    boolean previousVoiceless = !voiced(f1);
                    double cost;
                    if (currentVoiceless) {
                        cost = previousVoiceless ? 0.0 : voicedUnvoicedCost;
                    } else if (previousVoiceless) {
                        cost = voicedUnvoicedCost;
                    } else {
                        cost = octaveJumpCost * Math.abs(PraatFrameAnalyzer.log2(f1 / f2));
                    }
                    double value = delta[f - 1][k1] - cost + delta[f][k2];
                    if (value > maximum) {
                        maximum = value;
                        place = k1;
                    }
                }
                delta[f][k2] = maximum;
                psi[f][k2] = place;
            }
        }
        int place = 0;
        double maximum = delta[n - 1][0];
        for (int k = 1; k < frames[n - 1].count; k++) {
            if (delta[n - 1][k] > maximum) {
                place = k;
                maximum = delta[n - 1][k];
            }
        }
        for (int f = n - 1; f >= 0; f--) {
            frames[f].swap(0, place);
            place = psi[f][place];
        }
    }

    private boolean voiced(double f) {
        return f > 0.0 && f < ceiling;
    }
}
