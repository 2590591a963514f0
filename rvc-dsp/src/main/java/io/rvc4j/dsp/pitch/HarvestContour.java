package io.rvc4j.dsp.pitch;

import java.util.ArrayList;
import java.util.List;

/**
 * Harvest's contour stage (WORLD {@code FixF0Contour}, {@code SmoothF0Contour}): the best-scoring candidate per frame,
 * then four repairs tuned by Morise on speech databases (drop abrupt jumps, drop voiced runs shorter than 6 frames,
 * extend voiced runs along consistent candidates and merge overlaps by score, bridge unvoiced gaps under 9 frames),
 * and finally a zero-phase low-pass of each voiced run. WORLD's quirks are kept, because they change results: the
 * running mean in {@code ExtendSub} is not reset between sections, and with no section long enough the extended
 * contour is replaced by the un-extended one.
 */
final class HarvestContour {
    private static final double STEP1_ALLOWED_RANGE = 0.008;
    private static final int STEP2_VOICE_RANGE_MINIMUM = 6;
    private static final double STEP3_ALLOWED_RANGE = 0.18;
    private static final int STEP4_THRESHOLD = 9;
    /** Frames an extension may reach beyond a section ({@code Extend}). */
    private static final int EXTEND_REACH = 100;
    /** Consecutive misses that stop an extension ({@code ExtendF0}). */
    private static final int EXTEND_MISSES = 4;
    /** Frames times mean f0 a section needs to be kept ({@code ExtendSub}: 2200). */
    private static final double SECTION_THRESHOLD = 2200.0;

    private final double[] candidates;
    private final double[] scores;
    private final int frames;
    private final int width;

    HarvestContour(double[] candidates, double[] scores, int frames, int width) {
        this.candidates = candidates;
        this.scores = scores;
        this.frames = frames;
        this.width = width;
    }

    /** The fixed and smoothed contour at the candidates' frame rate. */
    double[] contour() {
        double[] base = searchBase();
        double[] step1 = fixStep1(base);
        double[] step2 = fixStep2(step1);
        double[] step3 = fixStep3(step2);
        double[] step4 = fixStep4(step3);
        return F0Smoother.smooth(step4);
    }

    private double[] searchBase() {
        double[] base = new double[frames];
        for (int i = 0; i < frames; i++) {
            double best = 0;
            for (int j = 0; j < width; j++) {
                if (scores[i * width + j] > best) {
                    base[i] = candidates[i * width + j];
                    best = scores[i * width + j];
                }
            }
        }
        return base;
    }

    private double[] fixStep1(double[] base) {
        double[] out = new double[frames];
        for (int i = 2; i < frames; i++) {
            if (base[i] == 0.0) {
                continue;
            }
            double reference = base[i - 1] * 2 - base[i - 2];
            boolean jump = Math.abs((base[i] - reference) / reference) > STEP1_ALLOWED_RANGE
                    && Math.abs(base[i] - base[i - 1]) / base[i - 1] > STEP1_ALLOWED_RANGE;
            out[i] = jump ? 0.0 : base[i];
        }
        return out;
    }

    private double[] fixStep2(double[] step1) {
        double[] out = step1.clone();
        int[] boundaries = Sections.boundaries(step1);
        for (int i = 0; i < boundaries.length / 2; i++) {
            if (boundaries[i * 2 + 1] - boundaries[i * 2] >= STEP2_VOICE_RANGE_MINIMUM) {
                continue;
            }
            for (int j = boundaries[i * 2]; j <= boundaries[i * 2 + 1]; j++) {
                out[j] = 0.0;
            }
        }
        return out;
    }

    private double[] fixStep3(double[] step2) {
        int[] boundaries = Sections.boundaries(step2);
        int sections = boundaries.length / 2;
        List<Sections.Channel> channels = new ArrayList<>(sections);
        for (int i = 0; i < sections; i++) {
            channels.add(Sections.Channel.of(step2, boundaries[i * 2], boundaries[i * 2 + 1], EXTEND_REACH + 2));
        }
        int[] shifted = boundaries.clone();
        for (int i = 0; i < sections; i++) {
            shifted[i * 2 + 1] = extend(channels.get(i), boundaries[i * 2 + 1],
                    Math.min(frames - 2, boundaries[i * 2 + 1] + EXTEND_REACH), 1);
            shifted[i * 2] = extend(channels.get(i), boundaries[i * 2],
                    Math.max(1, boundaries[i * 2] - EXTEND_REACH), -1);
        }
        int kept = selectSections(channels, shifted);
        if (kept == 0) {
            return step2.clone();
        }
        return merge(channels, shifted, kept);
    }

    /** {@code ExtendF0}: walks from {@code origin} towards {@code lastPoint}, following the nearest candidate. */
    private int extend(Sections.Channel channel, int origin, int lastPoint, int shift) {
        double current = channel.get(origin);
        int shiftedOrigin = origin;
        int distance = Math.abs(lastPoint - origin);
        int misses = 0;
        for (int i = 0; i <= distance; i++) {
            int at = origin + shift * i + shift;
            double chosen = nearest(current, at, STEP3_ALLOWED_RANGE);
            channel.set(at, chosen);
            if (chosen == 0.0) {
                misses++;
            } else {
                current = chosen;
                misses = 0;
                shiftedOrigin = at;
            }
            if (misses == EXTEND_MISSES) {
                break;
            }
        }
        return shiftedOrigin;
    }

    /** {@code SelectBestF0}: the candidate of {@code frame} nearest to {@code reference} within the range, else 0. */
    private double nearest(double reference, int frame, double allowedRange) {
        double best = 0.0;
        double bestError = allowedRange;
        for (int k = 0; k < width; k++) {
            double c = candidates[frame * width + k];
            double e = Math.abs(reference - c) / reference;
            if (e > bestError) {
                continue;
            }
            best = c;
            bestError = e;
        }
        return best;
    }

    /** {@code ExtendSub}: keeps sections with more than 2200 / mean f0 frames, moving them to the front. */
    private static int selectSections(List<Sections.Channel> channels, int[] bounds) {
        int count = 0;
        double meanF0 = 0.0;
        for (int i = 0; i < channels.size(); i++) {
            int st = bounds[i * 2];
            int ed = bounds[i * 2 + 1];
            Sections.Channel c = channels.get(i);
            for (int j = st; j < ed; j++) {
                meanF0 += c.get(j);
            }
            meanF0 /= ed - st;
            if (SECTION_THRESHOLD / meanF0 < ed - st) {
                Sections.swap(count++, i, channels, bounds);
            }
        }
        return count;
    }

    /** {@code MergeF0}: later sections overwrite or join the merged contour, overlaps decided by summed score. */
    private double[] merge(List<Sections.Channel> channels, int[] bounds, int count) {
        int[] order = new int[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        for (int i = 1; i < count; i++) {
            for (int j = i - 1; j >= 0; j--) {
                if (bounds[order[j] * 2] > bounds[order[i] * 2]) {
                    int tmp = order[i];
                    order[i] = order[j];
                    order[j] = tmp;
                } else {
                    break;
                }
            }
        }
        double[] merged = new double[frames];
        channels.get(0).copyInto(merged);
        for (int i = 1; i < count; i++) {
            Sections.Channel c = channels.get(order[i]);
            int st = bounds[order[i] * 2];
            int ed = bounds[order[i] * 2 + 1];
            if (st - bounds[1] > 0) {
                for (int j = st; j <= ed; j++) {
                    merged[j] = c.get(j);
                }
                bounds[0] = st;
                bounds[1] = ed;
            } else {
                bounds[1] = mergeOverlap(merged, bounds[0], bounds[1], c, st, ed);
            }
        }
        return merged;
    }

    private int mergeOverlap(double[] merged, int st1, int ed1, Sections.Channel f0b, int st2, int ed2) {
        if (st1 <= st2 && ed1 >= ed2) {
            return ed1;
        }
        double score1 = 0.0;
        double score2 = 0.0;
        for (int i = st2; i <= ed1; i++) {
            score1 += scoreOf(merged[i], i);
            score2 += scoreOf(f0b.get(i), i);
        }
        int from = score1 > score2 ? ed1 : st2;
        for (int i = from; i <= ed2; i++) {
            merged[i] = f0b.get(i);
        }
        return ed2;
    }

    /** {@code SearchScore}: the best score among the frame's candidates equal to {@code f0}. */
    private double scoreOf(double f0, int frame) {
        double score = 0.0;
        for (int k = 0; k < width; k++) {
            int at = frame * width + k;
            if (f0 == candidates[at] && score < scores[at]) {
                score = scores[at];
            }
        }
        return score;
    }

    private double[] fixStep4(double[] step3) {
        double[] out = step3.clone();
        int[] b = Sections.boundaries(step3);
        for (int i = 0; i < b.length / 2 - 1; i++) {
            int distance = b[(i + 1) * 2] - b[i * 2 + 1] - 1;
            if (distance >= STEP4_THRESHOLD) {
                continue;
            }
            double tmp0 = step3[b[i * 2 + 1]] + 1;
            double tmp1 = step3[b[(i + 1) * 2]] - 1;
            double coefficient = (tmp1 - tmp0) / (distance + 1.0);
            int count = 1;
            for (int j = b[i * 2 + 1] + 1; j <= b[(i + 1) * 2] - 1; j++) {
                out[j] = tmp0 + coefficient * count++;
            }
        }
        return out;
    }
}
