package io.rvc4j.core.port.in;

/** Start a real-time conversion stream for one client. */
public interface OpenStreamUseCase {
    VoiceStream open(OpenStreamCommand command);
}
