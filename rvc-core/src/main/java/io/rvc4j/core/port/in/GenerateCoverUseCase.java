package io.rvc4j.core.port.in;

/** AICoverGen's cover from separated stems: convert, vocal effects, overall pitch shift, mix, encode. */
public interface GenerateCoverUseCase {
    CoverResult generate(GenerateCoverCommand command);
}
