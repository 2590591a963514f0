package io.rvc4j.adapter.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;

/**
 * Runs before every route: the optional API key, the declared body size (a {@code Content-Length} over the route's
 * limit is answered 413 before the body is read; {@link BodyLimit} counts the bytes of bodies without one) and refusal
 * of new work while the server drains.
 * <p>
 * The key is off unless {@code RVC_API_KEY} is set; then it is read from {@code X-API-Key} or
 * {@code Authorization: Bearer}, compared in constant time, and never required for {@code /}, {@code /health}, the
 * docs, CORS preflights, or {@code /ws/{id}}: a browser cannot set headers on a WebSocket, and the session id, issued
 * by the key-protected {@code POST /convert/stream}, is itself an unguessable single-use capability.
 */
final class AccessGuard {
    private final Optional<byte[]> key;
    private final BodyLimit limits;
    private volatile boolean draining;

    AccessGuard(ServerConfig config, BodyLimit limits) {
        this.key = config.apiKey().map(k -> k.getBytes(StandardCharsets.UTF_8));
        this.limits = limits;
    }

    void check(Context ctx) {
        if (ctx.method() == HandlerType.OPTIONS) {
            return;
        }
        String path = ctx.path();
        if (key.isPresent() && !isOpen(path) && !presented(ctx)) {
            throw new ApiException(401, "missing or wrong API key: send it as X-API-Key or Authorization: Bearer",
                    Map.of("WWW-Authenticate", "Bearer"));
        }
        if (ctx.method() == HandlerType.POST || ctx.method() == HandlerType.PUT) {
            if (draining) {
                throw ApiException.busy("the server is shutting down", 5);
            }
            long limit = limits.limitFor(path);
            long length = ctx.req().getContentLengthLong();
            if (length > limit) {
                throw ApiException.tooLarge(limit);
            }
        }
    }

    void startDraining() {
        draining = true;
    }

    boolean draining() {
        return draining;
    }

    static boolean isOpen(String path) {
        return path.equals("/") || path.equals("/health") || path.equals("/openapi.json") || path.equals("/docs")
                || path.startsWith("/docs/") || path.startsWith("/ws/");
    }

    private boolean presented(Context ctx) {
        String given = ctx.header("X-API-Key");
        String auth = ctx.header("Authorization");
        if (given == null && auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            given = auth.substring(7).trim();
        }
        return given != null && MessageDigest.isEqual(key.get(), given.getBytes(StandardCharsets.UTF_8));
    }
}
