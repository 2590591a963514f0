package io.rvc4j.adapter.http;

import java.util.Map;

/**
 * A refusal that belongs to the HTTP protocol rather than the domain: unreadable body (400), missing key (401),
 * conflict (409), too large (413), busy or draining (503). {@link ApiErrors} turns it into the response.
 */
final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient Map<String, String> headers;

    ApiException(int status, String message) {
        this(status, message, Map.of());
    }

    ApiException(int status, String message, Map<String, String> headers) {
        super(message);
        this.status = status;
        this.headers = Map.copyOf(headers);
    }

    int status() {
        return status;
    }

    Map<String, String> headers() {
        return headers;
    }

    static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }

    static ApiException tooLarge(long limitBytes) {
        return new ApiException(413, "the request body is larger than the limit of " + limitBytes + " bytes");
    }

    static ApiException busy(String message, long retryAfterSeconds) {
        return new ApiException(503, message, Map.of("Retry-After", Long.toString(Math.max(1, retryAfterSeconds))));
    }
}
