package io.rvc4j.core.port.in;

/** Convert a singing or speaking voice with an RVC model. */
public interface ConvertVoiceUseCase {
    ConversionResult convert(ConvertVoiceCommand command);

    /** {@link #convert(ConvertVoiceCommand)}, telling {@code listener} as each stage starts. */
    default ConversionResult convert(ConvertVoiceCommand command, StageListener listener) {
        return convert(command);
    }
}
