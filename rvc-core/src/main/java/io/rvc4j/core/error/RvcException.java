package io.rvc4j.core.error;

/** The root of every failure rvc4j reports; unchecked, so ports stay free of throws clauses. */
public class RvcException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RvcException(String message) {
        super(message);
    }

    public RvcException(String message, Throwable cause) {
        super(message, cause);
    }
}
