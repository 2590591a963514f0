package io.rvc4j.core.error;

/** Audio that cannot be used: undecodable, empty, too long, or without an audio stream. */
public class InvalidAudioException extends RvcException {
    private static final long serialVersionUID = 1L;

    public InvalidAudioException(String message) {
        super(message);
    }

    public InvalidAudioException(String message, Throwable cause) {
        super(message, cause);
    }
}
