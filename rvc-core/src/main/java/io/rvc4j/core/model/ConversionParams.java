package io.rvc4j.core.model;

import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Every knob of one voice conversion, validated. Ranges follow the two seed APIs and DESIGN.md; a value outside its
 * range is rejected with the range in the message, never clamped.
 *
 * @param pitch key shift in <b>semitones</b> (-24..24). AICoverGen's own code counts the vocal shift in octaves and
 *     multiplies by 12; we do not: 12 here is one octave up.
 * @param f0Method the pitch estimator
 * @param indexRate share of the FAISS-retrieved features (0..1)
 * @param filterRadius median filter radius applied to Harvest's f0 (0..7; RVC filters only when it is 3 or more)
 * @param rmsMixRate loudness envelope mix, the seed's {@code volume_envelope} (0 = input envelope, 1 = model output)
 * @param protect consonant protection (0..0.5; 0.5 turns it off)
 * @param crepeHopLength CREPE hop in 16 kHz samples (AICoverGen's {@code crepe_hop_length}, 32..320)
 * @param f0MethodWeight the AniVoiceChanger seed's {@code f0_method_weight} (0..1) when the caller gave one: the weight
 *     of the first method of a hybrid in a weighted median. Empty (the default) means AICoverGen's hybrid, the plain
 *     frame-wise {@code np.nanmedian} of the methods' tracks
 * @param speakerId row of the model's speaker table ({@code sid}, 0..)
 * @param outputSampleRate 0 keeps the model's rate; otherwise 16000..48000 (RVC's {@code resample_sr})
 * @param f0Curve optional user f0 track that overrides extraction
 * @param deterministic when true both noise draws of the synthesizer are zero (parity tests, benchmarks)
 */
public record ConversionParams(
        int pitch,
        PitchMethod f0Method,
        double indexRate,
        int filterRadius,
        double rmsMixRate,
        double protect,
        int crepeHopLength,
        OptionalDouble f0MethodWeight,
        int speakerId,
        int outputSampleRate,
        Optional<F0Curve> f0Curve,
        boolean deterministic) {

    public static final int MIN_PITCH = -24;
    public static final int MAX_PITCH = 24;
    public static final int MAX_FILTER_RADIUS = 7;
    public static final double MAX_PROTECT = 0.5;
    /** AICoverGen's web UI range for the CREPE hop. */
    public static final int MIN_CREPE_HOP = 32;
    public static final int MAX_CREPE_HOP = 320;
    /** The seed's documented default of {@code f0_method_weight}; reported by {@link #hybridWeight()} when none is given. */
    public static final double DEFAULT_HYBRID_WEIGHT = 0.33;
    public static final int MAX_SPEAKER_ID = 65_535;

    public ConversionParams {
        Check.inRange("pitch", pitch, MIN_PITCH, MAX_PITCH);
        Check.present("f0_method", f0Method);
        Check.inRange("index_rate", indexRate, 0, 1);
        Check.inRange("filter_radius", filterRadius, 0, MAX_FILTER_RADIUS);
        Check.inRange("rms_mix_rate", rmsMixRate, 0, 1);
        Check.inRange("protect", protect, 0, MAX_PROTECT);
        Check.inRange("crepe_hop_length", crepeHopLength, MIN_CREPE_HOP, MAX_CREPE_HOP);
        Check.present("f0_method_weight", f0MethodWeight);
        if (f0MethodWeight.isPresent()) {
            Check.inRange("f0_method_weight", f0MethodWeight.getAsDouble(), 0, 1);
        }
        Check.inRange("sid", speakerId, 0, MAX_SPEAKER_ID);
        if (outputSampleRate != 0) {
            Check.inRange("output_sample_rate", outputSampleRate, 16_000, 48_000);
        }
        Check.present("f0_file", f0Curve);
    }

    /**
     * The hybrid weight as the seed reports it: the given {@code f0_method_weight}, or the seed's documented 0.33 when
     * none was given (the engine then takes the plain median; see {@link #f0MethodWeight()}).
     */
    public double hybridWeight() {
        return f0MethodWeight.orElse(DEFAULT_HYBRID_WEIGHT);
    }

    /** AICoverGen's defaults: rmvpe, index 0.5, filter 3, rms mix 0.25, protect 0.33, CREPE hop 128. */
    public static ConversionParams defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder seeded with this record's values. */
    public Builder toBuilder() {
        return new Builder().pitch(pitch).f0Method(f0Method).indexRate(indexRate).filterRadius(filterRadius)
                .rmsMixRate(rmsMixRate).protect(protect).crepeHopLength(crepeHopLength).f0MethodWeight(f0MethodWeight)
                .speakerId(speakerId).outputSampleRate(outputSampleRate).f0Curve(f0Curve.orElse(null))
                .deterministic(deterministic);
    }

    /** Collects values; {@link #build()} validates them all at once through the record constructor. */
    public static final class Builder {
        private int pitch;
        private PitchMethod f0Method = PitchMethod.RMVPE;
        private double indexRate = 0.5;
        private int filterRadius = 3;
        private double rmsMixRate = 0.25;
        private double protect = 0.33;
        private int crepeHopLength = 128;
        private OptionalDouble f0MethodWeight = OptionalDouble.empty();
        private int speakerId;
        private int outputSampleRate;
        private F0Curve f0Curve;
        private boolean deterministic;

        private Builder() {
        }

        public Builder pitch(int semitones) {
            this.pitch = semitones;
            return this;
        }

        public Builder f0Method(PitchMethod method) {
            this.f0Method = method;
            return this;
        }

        public Builder indexRate(double rate) {
            this.indexRate = rate;
            return this;
        }

        public Builder filterRadius(int radius) {
            this.filterRadius = radius;
            return this;
        }

        public Builder rmsMixRate(double rate) {
            this.rmsMixRate = rate;
            return this;
        }

        public Builder protect(double value) {
            this.protect = value;
            return this;
        }

        public Builder crepeHopLength(int hop) {
            this.crepeHopLength = hop;
            return this;
        }

        /** An explicit {@code f0_method_weight}: hybrids then take the weighted median. */
        public Builder hybridWeight(double weight) {
            this.f0MethodWeight = OptionalDouble.of(weight);
            return this;
        }

        /** The weight if given; empty keeps AICoverGen's plain median for hybrids. */
        public Builder f0MethodWeight(OptionalDouble weight) {
            this.f0MethodWeight = weight;
            return this;
        }

        public Builder speakerId(int sid) {
            this.speakerId = sid;
            return this;
        }

        public Builder outputSampleRate(int rate) {
            this.outputSampleRate = rate;
            return this;
        }

        public Builder f0Curve(F0Curve curve) {
            this.f0Curve = curve;
            return this;
        }

        public Builder deterministic(boolean value) {
            this.deterministic = value;
            return this;
        }

        public ConversionParams build() {
            return new ConversionParams(pitch, f0Method, indexRate, filterRadius, rmsMixRate, protect, crepeHopLength,
                    f0MethodWeight, speakerId, outputSampleRate, Optional.ofNullable(f0Curve), deterministic);
        }
    }
}
