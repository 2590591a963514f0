package io.rvc4j.adapter.http;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The per-route request body limit, enforced while the body is read: {@code POST /models} may send up to
 * {@code maxModelUploadBytes}, every other route {@code maxUploadBytes}. It sits in front of Javalin's servlet, so it
 * counts every byte the servlet layer reads (multipart parts, {@code ctx.body()}) whether or not the request declared
 * a {@code Content-Length}; the byte past the limit turns the rest of the body into a {@link TooLarge} failure, which
 * {@link ApiErrors} answers with 413. Jetty's own multipart and request-size limits are set to the larger of the two
 * limits (they cannot differ per route), so without this a chunked {@code /convert} body could grow to the model limit.
 * A declared {@code Content-Length} over the limit is refused earlier, before any byte is read, by {@link AccessGuard}.
 */
final class BodyLimit extends Handler.Wrapper {
    private final long maxUploadBytes;
    private final long maxModelUploadBytes;

    BodyLimit(long maxUploadBytes, long maxModelUploadBytes) {
        this.maxUploadBytes = maxUploadBytes;
        this.maxModelUploadBytes = maxModelUploadBytes;
    }

    /** The largest body {@code path} accepts. */
    long limitFor(String path) {
        return "/models".equals(path) ? maxModelUploadBytes : maxUploadBytes;
    }

    /** The larger of the two limits: what Jetty's route-blind limits are set to. */
    long largest() {
        return Math.max(maxUploadBytes, maxModelUploadBytes);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String method = request.getMethod();
        boolean hasBody = "POST".equals(method) || "PUT".equals(method) || "PATCH".equals(method);
        Request counted = hasBody ? new Counted(request, limitFor(Request.getPathInContext(request))) : request;
        return super.handle(counted, response, callback);
    }

    /** The body went past the route's limit while it was read. Jetty reports it as 413 too, should it surface there. */
    static final class TooLarge extends HttpException.RuntimeException {
        private static final long serialVersionUID = 1L;
        private final long limitBytes;

        TooLarge(long limitBytes) {
            super(413, "the request body is larger than the limit of " + limitBytes + " bytes");
            this.limitBytes = limitBytes;
        }

        long limitBytes() {
            return limitBytes;
        }
    }

    /** Counts the body bytes handed to the reader; past the limit every read returns the same terminal failure. */
    private static final class Counted extends Request.Wrapper {
        private final long limit;
        private long read;
        private Content.Chunk failure;

        Counted(Request wrapped, long limit) {
            super(wrapped);
            this.limit = limit;
        }

        @Override
        public Content.Chunk read() {
            synchronized (this) {
                if (failure != null) {
                    return failure;
                }
            }
            Content.Chunk chunk = super.read();
            if (chunk == null || Content.Chunk.isFailure(chunk)) {
                return chunk;
            }
            ByteBuffer bytes = chunk.getByteBuffer();
            synchronized (this) {
                read += bytes == null ? 0 : bytes.remaining();
                if (read <= limit) {
                    return chunk;
                }
                chunk.release();
                failure = Content.Chunk.from(new TooLarge(limit), true);
                return failure;
            }
        }

        @Override
        public void demand(Runnable demandCallback) {
            boolean failed;
            synchronized (this) {
                failed = failure != null;
            }
            if (failed) {
                getContext().execute(demandCallback);
            } else {
                super.demand(demandCallback);
            }
        }
    }
}
