package io.rvc4j.core.error;

/** A request parameter is missing, malformed or out of range; the message names the parameter and its valid range. */
public class InvalidParameterException extends RvcException {
    private static final long serialVersionUID = 1L;

    private final String parameter;

    public InvalidParameterException(String parameter, String message) {
        super(parameter + ": " + message);
        this.parameter = parameter;
    }

    /** The offending parameter, in the snake_case spelling of the API documents. */
    public String parameter() {
        return parameter;
    }
}
