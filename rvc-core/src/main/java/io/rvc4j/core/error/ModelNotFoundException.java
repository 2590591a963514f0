package io.rvc4j.core.error;

/** A voice model (or a support model such as HuBERT or RMVPE) is not where the registry looked. */
public class ModelNotFoundException extends RvcException {
    private static final long serialVersionUID = 1L;

    public ModelNotFoundException(String message) {
        super(message);
    }
}
