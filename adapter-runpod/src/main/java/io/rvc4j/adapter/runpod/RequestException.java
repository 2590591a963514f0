package io.rvc4j.adapter.runpod;

/** A job input the adapter itself refuses (unknown operation, wrong shape); its message is the job's error text. */
final class RequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RequestException(String message) {
        super(message);
    }
}
