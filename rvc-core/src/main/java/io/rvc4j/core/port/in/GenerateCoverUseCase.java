package io.rvc4j.core.port.in;

/** AICoverGen's cover from separated stems: convert, vocal effects, overall pitch shift, mix, encode. */
public interface GenerateCoverUseCase {
    CoverResult generate(GenerateCoverCommand command);

    /** {@link #generate(GenerateCoverCommand)}, telling {@code listener} as each stage starts. */
    default CoverResult generate(GenerateCoverCommand command, StageListener listener) {
        return generate(command);
    }
}
