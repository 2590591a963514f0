package io.rvc4j.adapter.runpod;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * RunPod's side of the worker protocol, as a real HTTP server on port 0: job-take (single and batch, long-polling
 * briefly), job-done, ping and job-stop, under the URL shapes of runpod-worker-protocol.md section 3. It hands out
 * queued jobs and records every request, so tests can assert what the worker sent.
 */
final class FakeRunpodPlatform implements AutoCloseable {
    /** How long job-take and job-stop hold an empty poll before answering 204 (RunPod holds longer). */
    static final Duration HOLD = Duration.ofMillis(100);

    /** What the fake does to a request instead of answering it at once. */
    enum Fault {
        /** A job-take held open until its {@link Hold} is released (or runs out), then answered as usual. */
        HELD_TAKE,
        /** Answers HTTP 500. */
        HTTP_500,
        /** Closes the connection without reading the body or answering (the worker sees a reset or an EOF). */
        DROP_BEFORE_BODY,
        /** Reads the whole body, then closes the connection without answering: the platform saw the result, the worker
         * cannot know it and must post again. */
        DROP_AFTER_BODY
    }

    /** Holds the next job-take open: a long poll that has not answered yet. */
    record Hold(CountDownLatch release, Duration max) {
        void await() {
            try {
                release.await(max.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A status recorded for a request whose connection was closed without an answer. */
    static final int DROPPED = 0;

    /**
     * One recorded request.
     *
     * @param body the body as read ({@code ""} when the connection was dropped before reading it)
     * @param status the status answered, or {@link #DROPPED}
     * @param atNanos when the request arrived ({@link System#nanoTime()})
     * @param fault the fault injected into it, or null
     */
    record Call(String method, String path, Map<String, String> query, Map<String, String> headers, String body,
            int status, long atNanos, Fault fault) {
        JsonNode json() {
            return Json.parse(body, "posted body");
        }

        String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }
    }

    static {
        // As in LocalApiServer: no 40 ms delayed-ACK stall per response, so timings measure the worker.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    final BlockingQueue<JsonNode> jobs = new LinkedBlockingQueue<>();
    final BlockingQueue<String> jobsToStop = new LinkedBlockingQueue<>();
    final ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
    /** The next this-many job-done posts are answered 503. */
    final AtomicInteger failDonePosts = new AtomicInteger();
    /** Faults for the next job-done posts of a job, by job id, used up in order. */
    final Map<String, ConcurrentLinkedQueue<Fault>> doneFaults = new ConcurrentHashMap<>();
    /** Job-takes to hold open, used up in order; {@link #takesHeld} gets a permit when one starts holding. */
    final ConcurrentLinkedQueue<Hold> takeHolds = new ConcurrentLinkedQueue<>();
    final Semaphore takesHeld = new Semaphore(0);
    /** Statuses the next pings are answered with instead of 200, used up in order. */
    final ConcurrentLinkedQueue<Integer> pingStatuses = new ConcurrentLinkedQueue<>();
    /** Raw answers the next job-takes give instead of a job: "status|content-type|body". */
    final ConcurrentLinkedQueue<String> takeOverrides = new ConcurrentLinkedQueue<>();

    FakeRunpodPlatform() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v2/test-endpoint";
    }

    /** The environment RunPod gives a worker, pointing here. */
    Map<String, String> env(String podId) {
        Map<String, String> env = new HashMap<>();
        env.put("RUNPOD_WEBHOOK_GET_JOB", base() + "/job-take/$ID?gpu=TEST");
        env.put("RUNPOD_WEBHOOK_POST_OUTPUT", base() + "/job-done/$RUNPOD_POD_ID/$ID?gpu=TEST");
        env.put("RUNPOD_WEBHOOK_PING", base() + "/ping/$RUNPOD_POD_ID?gpu=TEST");
        env.put("RUNPOD_AI_API_KEY", "test-key");
        env.put("RUNPOD_POD_ID", podId);
        env.put("RUNPOD_PING_INTERVAL", "1000");
        return env;
    }

    /** The next job-done posts for {@code jobId} meet these faults, one each, before one is accepted. */
    void failDone(String jobId, Fault... faults) {
        doneFaults.computeIfAbsent(jobId, id -> new ConcurrentLinkedQueue<>()).addAll(List.of(faults));
    }

    List<Call> calls(Predicate<Call> filter) {
        return calls.stream().filter(filter).toList();
    }

    List<Call> takes() {
        return calls(c -> c.path.contains("/job-take"));
    }

    List<Call> pings() {
        return calls(c -> c.path.contains("/ping/"));
    }

    /** Every job-done post for one job, progress updates included, in arrival order. */
    List<Call> donePosts(String jobId) {
        return calls(c -> c.path.contains("/job-done/") && c.path.endsWith("/" + jobId));
    }

    /** The job's final result posts (those that are not IN_PROGRESS updates) that the platform accepted. */
    List<Call> results(String jobId) {
        return donePosts(jobId).stream().filter(c -> c.status == 200).filter(c -> !c.json().has("status")).toList();
    }

    /** Waits until the job has an accepted result post. */
    Call awaitResult(String jobId, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            List<Call> r = results(jobId);
            if (!r.isEmpty()) {
                return r.get(0);
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no result for " + jobId + " within " + timeout + "; calls: " + summary());
    }

    String summary() {
        return calls.stream().map(c -> c.method + " " + c.path + " " + c.query).toList().toString();
    }

    private void handle(HttpExchange ex) throws IOException {
        long arrived = System.nanoTime();
        try (ex) {
            Map<String, String> headers = new HashMap<>();
            ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.get(0)));
            String path = ex.getRequestURI().getPath();
            Fault fault = path.contains("/job-done/") ? nextFault(path) : null;
            if (fault == Fault.DROP_BEFORE_BODY) {
                // Closing an exchange that sent no response headers closes its connection (JDK HttpServer).
                calls.add(new Call(ex.getRequestMethod(), path, query(ex), headers, "", DROPPED, arrived, fault));
                return;
            }
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (fault == Fault.DROP_AFTER_BODY) {
                calls.add(new Call(ex.getRequestMethod(), path, query(ex), headers, body, DROPPED, arrived, fault));
                return;
            }
            int status = 200;
            String type = "application/json";
            String answer = "";
            if (path.contains("/job-take")) {
                Hold hold = takeHolds.poll();
                if (hold != null) {
                    fault = Fault.HELD_TAKE;
                    takesHeld.release();
                    hold.await();
                }
                String override = takeOverrides.poll();
                if (override != null) {
                    String[] parts = override.split("\\|", 3);
                    status = Integer.parseInt(parts[0]);
                    type = parts[1];
                    answer = parts[2];
                } else {
                    int batch = Integer.parseInt(query(ex).getOrDefault("batch_size", "1"));
                    List<JsonNode> taken = take(batch);
                    if (taken.isEmpty()) {
                        status = 204;
                    } else if (path.contains("/job-take-batch/")) {
                        ArrayNode array = Json.MAPPER.createArrayNode();
                        taken.forEach(array::add);
                        answer = Json.write(array);
                    } else {
                        answer = Json.write(taken.get(0));
                    }
                }
            } else if (path.contains("/job-done/")) {
                if (fault == Fault.HTTP_500) {
                    status = 500;
                } else if (failDonePosts.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    status = 503;
                }
            } else if (path.contains("/job-stop/")) {
                String id = poll(jobsToStop);
                if (id == null) {
                    status = 204;
                } else {
                    answer = "{\"jobsToStop\":[\"" + id + "\"]}";
                }
            } else if (path.contains("/ping/")) {
                Integer forced = pingStatuses.poll();
                status = forced == null ? 200 : forced;
            } else {
                status = 404;
            }
            calls.add(new Call(ex.getRequestMethod(), path, query(ex), headers, body, status, arrived, fault));
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", type);
            ex.sendResponseHeaders(status, status == 204 ? -1 : bytes.length);
            if (status != 204) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }

    private Fault nextFault(String donePath) {
        String jobId = donePath.substring(donePath.lastIndexOf('/') + 1);
        ConcurrentLinkedQueue<Fault> faults = doneFaults.get(jobId);
        return faults == null ? null : faults.poll();
    }

    private List<JsonNode> take(int batch) {
        List<JsonNode> taken = new ArrayList<>();
        JsonNode first = poll(jobs);
        if (first != null) {
            taken.add(first);
            while (taken.size() < batch && !jobs.isEmpty()) {
                JsonNode next = jobs.poll();
                if (next != null) {
                    taken.add(next);
                }
            }
        }
        return taken;
    }

    private static <T> T poll(BlockingQueue<T> queue) {
        try {
            return queue.poll(HOLD.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static Map<String, String> query(HttpExchange ex) {
        Map<String, String> q = new HashMap<>();
        String raw = ex.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String part : raw.split("&")) {
                int eq = part.indexOf('=');
                q.put(URLDecoder.decode(eq < 0 ? part : part.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return q;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
