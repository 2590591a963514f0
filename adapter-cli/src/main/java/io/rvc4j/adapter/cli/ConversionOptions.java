package io.rvc4j.adapter.cli;

import io.rvc4j.core.error.InvalidParameterException;
import io.rvc4j.core.model.ConversionParams;
import io.rvc4j.core.model.F0Curve;
import io.rvc4j.core.model.PitchMethod;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;
import picocli.CommandLine.Option;

/** The conversion parameters of DESIGN.md in kebab-case; validation is the core's (ranges in its messages). */
final class ConversionOptions {
    @Option(names = "--pitch", paramLabel = "SEMITONES", description = "Key shift in semitones, -24..24 (12 = one octave up). Default: 0.")
    int pitch;

    @Option(names = "--f0-method", paramLabel = "METHOD", defaultValue = "rmvpe",
            description = "rmvpe, crepe, crepe-tiny, harvest, pm or hybrid[a+b]. Default: ${DEFAULT-VALUE}.")
    String f0Method;

    @Option(names = "--index-rate", paramLabel = "0..1", defaultValue = "0.5", description = "Share of retrieved features. Default: ${DEFAULT-VALUE}.")
    double indexRate;

    @Option(names = "--filter-radius", paramLabel = "0..7", defaultValue = "3", description = "Median filter on Harvest's f0. Default: ${DEFAULT-VALUE}.")
    int filterRadius;

    @Option(names = "--rms-mix-rate", paramLabel = "0..1", defaultValue = "0.25",
            description = "Loudness envelope mix (0 = input's, 1 = model's). Default: ${DEFAULT-VALUE}.")
    double rmsMixRate;

    @Option(names = "--protect", paramLabel = "0..0.5", defaultValue = "0.33", description = "Consonant protection (0.5 = off). Default: ${DEFAULT-VALUE}.")
    double protect;

    @Option(names = "--crepe-hop-length", paramLabel = "32..320", defaultValue = "128", description = "CREPE hop in 16 kHz samples. Default: ${DEFAULT-VALUE}.")
    int crepeHopLength;

    @Option(names = "--f0-method-weight", paramLabel = "0..1",
            description = "Weight of the first method of a hybrid in a weighted median. Default: none, the plain "
                    + "frame-wise median of the methods (AICoverGen's).")
    Double hybridWeight;

    @Option(names = "--f0-file", paramLabel = "CSV", description = "An f0 track (time,f0 lines) that overrides extraction.")
    Path f0File;

    @Option(names = "--sid", paramLabel = "N", description = "Speaker id. Default: 0.")
    int speakerId;

    @Option(names = "--output-sample-rate", paramLabel = "HZ", description = "Resample the voice to this rate (16000..48000); 0 keeps the model's.")
    int outputSampleRate;

    @Option(names = "--deterministic", description = "Zero both noise draws of the synthesizer (reproducible output).")
    boolean deterministic;

    ConversionParams toParams() {
        return ConversionParams.builder().pitch(pitch).f0Method(PitchMethod.parse(f0Method)).indexRate(indexRate)
                .filterRadius(filterRadius).rmsMixRate(rmsMixRate).protect(protect).crepeHopLength(crepeHopLength)
                .f0MethodWeight(hybridWeight == null ? OptionalDouble.empty() : OptionalDouble.of(hybridWeight))
                .speakerId(speakerId).outputSampleRate(outputSampleRate)
                .f0Curve(f0File == null ? null : readCurve(f0File)).deterministic(deterministic).build();
    }

    private static F0Curve readCurve(Path file) {
        try {
            return F0Curve.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new InvalidParameterException("f0_file", "cannot read " + file + ": " + e.getMessage());
        }
    }
}
