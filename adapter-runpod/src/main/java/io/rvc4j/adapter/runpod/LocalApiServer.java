package io.rvc4j.adapter.runpod;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local API of {@code --rp_serve_api}, shaped so that RunPod's own client works against it unchanged
 * (runpod-worker-protocol.md sections 12.2, 14 and 15). Routes, each also under {@code /{endpointId}/} and {@code
 * /v2/{endpointId}/}: {@code POST /run}, {@code POST /runsync[?wait=ms]}, {@code GET|POST /status/{id}}, {@code
 * GET|POST /stream/{id}}, {@code POST /cancel/{id}}, {@code POST /purge-queue}, {@code GET /health}. Bodies over
 * RunPod's limits (10 MB on /run, 20 MB on /runsync) are refused with 413 before they are read whole. A bare seed
 * payload (no {@code input} wrapper) is accepted too, see {@link #isBareSeedPayload}.
 */
final class LocalApiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalApiServer.class);
    /** RunPod's payload limits (operation-reference): 10 MB for /run, 20 MB for /runsync; read here as MiB. */
    static final int RUN_LIMIT_BYTES = 10 * 1024 * 1024;
    static final int RUNSYNC_LIMIT_BYTES = 20 * 1024 * 1024;
    /** How much of an oversized body is read and dropped before answering 413. */
    static final long DRAIN_LIMIT_BYTES = 256L * 1024 * 1024;
    /** /runsync waits 90 s by default; {@code ?wait=} takes 1000..300000 ms. */
    static final Duration RUNSYNC_DEFAULT_WAIT = Duration.ofSeconds(90);

    static {
        // The JDK server writes headers and body separately; without TCP_NODELAY a client's delayed ACK stalls
        // every small response by about 40 ms. Read once, when the JDK server's configuration class loads.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService requests;
    private final LocalJobs jobs;
    private final int concurrency;

    LocalApiServer(String host, int port, JobHandler handler, int concurrency) throws IOException {
        this.jobs = new LocalJobs(handler, concurrency);
        this.concurrency = concurrency;
        this.server = HttpServer.create(new InetSocketAddress(host, port), 0);
        this.requests = Executors.newCachedThreadPool(Threads.named("runpod-local-api", true));
        server.setExecutor(requests);
        server.createContext("/", this::dispatch);
        server.start();
        LOG.info("Local RunPod API on http://{}:{}/ (routes /run /runsync /status/{id} /health, also under"
                + " /{endpointId}/)", host, port());
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void dispatch(HttpExchange exchange) throws IOException {
        try (exchange) {
            List<String> path = new ArrayList<>(Arrays.stream(exchange.getRequestURI().getPath().split("/"))
                    .filter(s -> !s.isEmpty()).toList());
            if (!path.isEmpty() && path.get(0).equals("v2")) {
                path.remove(0);
            }
            if (path.size() >= 2 && !isRoute(path.get(0))) {
                path.remove(0); // the endpoint id of RunPod's client URLs
            } else if (path.size() == 1 && !isRoute(path.get(0))) {
                path.remove(0);
            }
            route(exchange, exchange.getRequestMethod(), path);
        } catch (RuntimeException e) {
            LOG.error("local API request failed", e);
            send(exchange, 500, JobHandler.error(ErrorMapper.message(e)));
        }
    }

    private static boolean isRoute(String segment) {
        return List.of("run", "runsync", "status", "stream", "cancel", "purge-queue", "health").contains(segment);
    }

    private void route(HttpExchange ex, String method, List<String> path) throws IOException {
        String op = path.isEmpty() ? "health" : path.get(0);
        String id = path.size() > 1 ? path.get(1) : null;
        boolean post = method.equals("POST");
        boolean get = method.equals("GET");
        switch (op) {
            case "run" -> requirePost(ex, post, () -> submit(ex, RUN_LIMIT_BYTES, false));
            case "runsync" -> requirePost(ex, post, () -> submit(ex, RUNSYNC_LIMIT_BYTES, true));
            case "status" -> withJob(ex, get || post, id, job -> send(ex, 200, statusBody(job)));
            case "stream" -> withJob(ex, get || post, id, job -> {
                ObjectNode body = statusBody(job);
                body.remove("output");
                body.putArray("stream");
                send(ex, 200, body);
            });
            case "cancel" -> withJob(ex, post, id, job -> send(ex, 200, brief(jobs.cancel(job))));
            case "purge-queue" -> requirePost(ex, post, () -> {
                ObjectNode body = Json.object();
                body.put("removed", jobs.purgeQueue());
                body.put("status", "completed");
                send(ex, 200, body);
            });
            case "health" -> {
                if (!get) {
                    send(ex, 405, JobHandler.error("use GET for /health"));
                } else {
                    send(ex, 200, health());
                }
            }
            default -> send(ex, 404, JobHandler.error("no route " + ex.getRequestURI().getPath()
                    + "; use /run, /runsync, /status/{id}, /stream/{id}, /cancel/{id}, /purge-queue, /health"));
        }
    }

    private void submit(HttpExchange ex, int limit, boolean sync) throws IOException {
        byte[] body = readLimited(ex.getRequestBody(), limit);
        if (body == null) {
            send(ex, 413, JobHandler.error("Payload too large: " + (sync ? "/runsync" : "/run") + " accepts at most "
                    + limit / (1024 * 1024) + " MB (RunPod's limit); send audio as a smaller file"));
            return;
        }
        JsonNode request;
        try {
            request = Json.parse(body, "request body");
        } catch (RequestException e) {
            send(ex, 400, JobHandler.error(e.getMessage()));
            return;
        }
        boolean bare = isBareSeedPayload(request);
        if (!bare && (!request.isObject() || !request.path("input").isObject())) {
            send(ex, 400, JobHandler.error("request body must be {\"input\": {...}} with an object as input (locally,"
                    + " a bare seed payload with an \"operation\" is accepted too)"));
            return;
        }
        LocalJobs.Job job = jobs.submit((sync ? "sync-" : "") + UUID.randomUUID(), bare ? request : request.get("input"));
        if (!sync) {
            send(ex, 200, brief(job));
            return;
        }
        try {
            LocalJobs.Job done = jobs.await(job, waitOf(ex));
            ObjectNode result = done.result;
            if (bare && done.isFinal() && result != null) {
                // The seed's examples read the handler's answer at the top level: {"success": ...} or {"error": ...}.
                send(ex, 200, result.has("output") ? result.get("output") : result);
            } else {
                send(ex, 200, statusBody(done));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            send(ex, 503, JobHandler.error("server is shutting down"));
        }
    }

    /**
     * The seed's examples (aicovergen-runpod-api.md) post the job input itself, {@code {"operation": ...}}, without
     * RunPod's {@code {"input": ...}} wrapper. Only this local API accepts that: a body with an {@code operation} and
     * no {@code input} is taken as the input, and {@code /runsync} then answers the handler's result bare, as the seed
     * shows it. The platform itself still requires the wrapper.
     */
    static boolean isBareSeedPayload(JsonNode request) {
        return request.isObject() && request.has("operation") && !request.has("input");
    }

    private static Duration waitOf(HttpExchange ex) {
        String query = ex.getRequestURI().getQuery();
        if (query != null) {
            for (String part : query.split("&")) {
                if (part.startsWith("wait=")) {
                    try {
                        long ms = Long.parseLong(part.substring(5));
                        return Duration.ofMillis(Math.max(1000, Math.min(300_000, ms)));
                    } catch (NumberFormatException e) {
                        return RUNSYNC_DEFAULT_WAIT;
                    }
                }
            }
        }
        return RUNSYNC_DEFAULT_WAIT;
    }

    /** {@code {"id", "status", "delayTime", "executionTime", "output" | "error"}}, as RunPod's /status answers. */
    private static ObjectNode statusBody(LocalJobs.Job job) {
        ObjectNode body = brief(job);
        long start = job.startedNanos;
        if (start != 0) {
            body.put("delayTime", (start - job.submittedNanos) / 1_000_000);
        }
        if (start != 0 && job.finishedNanos != 0) {
            body.put("executionTime", (job.finishedNanos - start) / 1_000_000);
        }
        ObjectNode result = job.result;
        if (result != null) {
            body.setAll(result);
        }
        return body;
    }

    private static ObjectNode brief(LocalJobs.Job job) {
        ObjectNode body = Json.object();
        body.put("id", job.id);
        body.put("status", job.status);
        return body;
    }

    private ObjectNode health() {
        Map<String, Long> counts = jobs.counts();
        ObjectNode body = Json.object();
        ObjectNode j = body.putObject("jobs");
        j.put("completed", counts.getOrDefault("COMPLETED", 0L));
        j.put("failed", counts.getOrDefault("FAILED", 0L));
        long running = counts.getOrDefault("IN_PROGRESS", 0L);
        j.put("inProgress", running);
        j.put("inQueue", counts.getOrDefault("IN_QUEUE", 0L));
        j.put("retried", 0);
        ObjectNode w = body.putObject("workers");
        w.put("idle", Math.max(0, concurrency - running));
        w.put("running", running);
        return body;
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private interface JobAction {
        void run(LocalJobs.Job job) throws IOException;
    }

    private void requirePost(HttpExchange ex, boolean post, IoAction action) throws IOException {
        if (post) {
            action.run();
        } else {
            send(ex, 405, JobHandler.error("use POST for " + ex.getRequestURI().getPath()));
        }
    }

    private void withJob(HttpExchange ex, boolean methodOk, String id, JobAction action) throws IOException {
        if (!methodOk) {
            send(ex, 405, JobHandler.error("method " + ex.getRequestMethod() + " not allowed here"));
        } else if (id == null) {
            send(ex, 404, JobHandler.error("a job id is required: " + ex.getRequestURI().getPath() + "/{id}"));
        } else {
            var job = jobs.find(id);
            if (job.isPresent()) {
                action.run(job.get());
            } else {
                send(ex, 404, JobHandler.error("Job ID not found: " + id));
            }
        }
    }

    /** The whole body, or null when it is longer than {@code limit}; never reads more than {@code limit + 1} bytes. */
    private static byte[] readLimited(InputStream in, int limit) throws IOException {
        byte[] bytes = in.readNBytes(limit + 1);
        if (bytes.length <= limit) {
            return bytes;
        }
        // Read (and drop) a bounded rest, so that the client gets to read the 413 instead of a reset connection.
        long skipped = 0;
        byte[] sink = new byte[64 * 1024];
        for (int n; skipped < DRAIN_LIMIT_BYTES && (n = in.read(sink)) > 0; ) {
            skipped += n;
        }
        return null;
    }

    private static void send(HttpExchange ex, int status, JsonNode body) throws IOException {
        byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        requests.shutdownNow();
        jobs.close();
    }
}
