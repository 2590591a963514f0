package io.rvc4j.core.error;

/** A model or index file exists but cannot be read: truncated, corrupt, of an unknown layout or an unsupported version. */
public class InvalidModelFileException extends RvcException {
    private static final long serialVersionUID = 1L;

    public InvalidModelFileException(String message) {
        super(message);
    }

    public InvalidModelFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
