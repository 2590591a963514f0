package io.rvc4j.adapter.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.rvc4j.core.error.InvalidAudioException;
import io.rvc4j.core.error.InvalidModelFileException;
import io.rvc4j.core.error.InvalidParameterException;
import io.rvc4j.core.error.ModelNotFoundException;
import io.rvc4j.engine.registry.ModelInstaller;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.eclipse.jetty.http.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become HTTP responses. Every error body is {@code {"error": "<message>"}} (plus
 * {@code "parameter"} when one field is at fault), the same shape the WebSocket and the RunPod seed use:
 * <ul>
 *   <li>422: a parameter is missing, malformed or out of range ({@link InvalidParameterException}; the message gives the
 *   valid range), as FastAPI answers validation failures;</li>
 *   <li>400: the request or its audio cannot be used (unreadable body, not multipart, undecodable or empty audio,
 *   a model file that is not a valid RVC model);</li>
 *   <li>404: unknown voice model; 401, 409, 413, 503: see {@link ApiException};</li>
 *   <li>500: anything else, with a generic message; the cause is logged with a reference the client also gets.</li>
 * </ul>
 */
final class ApiErrors {
    private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);
    private static final String VOICE_MODEL_NOT_FOUND = "Voice model not found: ";

    private ApiErrors() {
    }

    static void register(RoutesConfig routes) {
        routes.exception(Exception.class, ApiErrors::handle);
        routes.error(404, ApiErrors::notFoundAsJson);
    }

    /** Javalin answers unmatched routes in plain text; give them the one error shape. Our own 404s are JSON already. */
    private static void notFoundAsJson(Context ctx) {
        String type = ctx.res().getContentType();
        if (type == null || !type.startsWith("application/json")) {
            write(ctx, 404, "no route " + ctx.method() + " " + ctx.path() + "; see /docs", null);
        }
    }

    /** Jetty's own refusals (a malformed multipart body, a body over its limits) carry their HTTP status. */
    private static Throwable jettyRefusal(Throwable e) {
        return cause(e, HttpException.class);
    }

    /** The first throwable of {@code type} in {@code e}'s cause chain (Jetty and Javalin wrap what a read throws). */
    private static Throwable cause(Throwable e, Class<?> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return t;
            }
        }
        return null;
    }

    /** Maps any exception, unwrapping the wrappers async execution adds. */
    static void handle(Exception raw, Context ctx) {
        Throwable e = unwrap(raw);
        if (e instanceof ModelInstaller.ModelExistsException) {
            write(ctx, 409, e.getMessage(), null);
        } else if (e instanceof ModelInstaller.ModelTooLargeException) {
            write(ctx, 413, e.getMessage(), null);
        } else if (e instanceof InvalidParameterException p) {
            write(ctx, 422, p.getMessage(), p.parameter());
        } else if (e instanceof InvalidAudioException || e instanceof InvalidModelFileException) {
            write(ctx, 400, e.getMessage(), null);
        } else if (e instanceof ModelNotFoundException m) {
            write(ctx, 404, clientMessage(m), null);
        } else if (e instanceof ApiException a) {
            a.headers().forEach(ctx::header);
            write(ctx, a.status(), a.getMessage(), null);
        } else if (cause(e, BodyLimit.TooLarge.class) instanceof BodyLimit.TooLarge t) {
            write(ctx, 413, ApiException.tooLarge(t.limitBytes()).getMessage(), null);
        } else if (e instanceof HttpResponseException h) {
            write(ctx, h.getStatus(), h.getMessage(), null);
        } else if (isTooLarge(e)) {
            write(ctx, 413, "the request body is larger than the server accepts", null);
        } else if (jettyRefusal(e) instanceof HttpException h && h.getCode() >= 400 && h.getCode() < 500) {
            write(ctx, h.getCode(), "the request body cannot be read: " + h.getReason(), null);
        } else {
            String ref = Long.toHexString(System.nanoTime());
            LOG.error("request {} {} failed (ref {})", ctx.method(), ctx.path(), ref, e);
            write(ctx, 500, "internal error while processing the request (ref " + ref + ")", null);
        }
    }

    /**
     * What a client is told about a missing model: the seed's "Voice model not found: <name>", without the registry's
     * "(looked in <models dir>)"; any other missing file (an index, pitch weights) is named in the log only, under a
     * reference the client gets, since the server's paths are not the client's business.
     */
    static String clientMessage(ModelNotFoundException e) {
        String m = String.valueOf(e.getMessage());
        int looked = m.indexOf(" (looked in ");
        if (m.startsWith(VOICE_MODEL_NOT_FOUND) && looked > 0) {
            return m.substring(0, looked);
        }
        if (m.startsWith(VOICE_MODEL_NOT_FOUND) && m.indexOf('/') < 0 && m.indexOf('\\') < 0) {
            return m;
        }
        String ref = Long.toHexString(System.nanoTime());
        LOG.warn("a model file is missing (ref {}): {}", ref, m);
        return "a model file the server needs was not found (ref " + ref + ")";
    }

    /** The JSON body of an error; also used by the WebSocket. */
    static Map<String, Object> body(String message, String parameter) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        if (parameter != null) {
            body.put("parameter", parameter);
        }
        return body;
    }

    static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static void write(Context ctx, int status, String message, String parameter) {
        ctx.status(status).json(body(message, parameter));
    }

    /** Jetty's multipart parser reports an over-limit part as an IllegalStateException or a "too large" IOException. */
    private static boolean isTooLarge(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT);
            if (m.contains("exceed") && (m.contains("max") || m.contains("size") || m.contains("length"))
                    || m.contains("too large")) {
                return true;
            }
        }
        return false;
    }
}
