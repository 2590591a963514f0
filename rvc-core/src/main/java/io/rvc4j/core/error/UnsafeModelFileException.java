package io.rvc4j.core.error;

/** A model file asks for code to run (a pickle global outside the allow-list); it is refused, never executed. */
public class UnsafeModelFileException extends InvalidModelFileException {
    private static final long serialVersionUID = 1L;

    public UnsafeModelFileException(String message) {
        super(message);
    }
}
