package io.rvc4j.core.port.in;

/** Convert a singing or speaking voice with an RVC model. */
public interface ConvertVoiceUseCase {
    ConversionResult convert(ConvertVoiceCommand command);
}
