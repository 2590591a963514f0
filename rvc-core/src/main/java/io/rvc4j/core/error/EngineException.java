package io.rvc4j.core.error;

/** The inference engine or a native library failed; a fault of the system, not of the request. */
public class EngineException extends RvcException {
    private static final long serialVersionUID = 1L;

    public EngineException(String message) {
        super(message);
    }

    public EngineException(String message, Throwable cause) {
        super(message, cause);
    }
}
