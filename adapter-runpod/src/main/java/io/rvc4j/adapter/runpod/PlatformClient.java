package io.rvc4j.adapter.runpod;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's calls to the RunPod platform, with the SDK 1.12 wire details (runpod-worker-protocol.md sections 4-8):
 * raw {@code Authorization}, the job-take long poll, the result post with its odd content type and Fibonacci retries,
 * the heartbeat ping and the per-job stop channel.
 */
final class PlatformClient {
    private static final Logger LOG = LoggerFactory.getLogger(PlatformClient.class);
    /** The SDK's session timeout, which bounds a result post. */
    static final Duration POST_TIMEOUT = Duration.ofSeconds(600);
    /** Sent as {@code runpod_version} on pings and in the User-Agent. */
    static final String VERSION = "rvc4j-java-" + Optional.ofNullable(PlatformClient.class.getPackage()
            .getImplementationVersion()).orElse("dev");

    private final PlatformConfig config;
    private final HttpClient http;
    private final List<Duration> retryWaits;
    private final Duration longPoll;

    /** @param timings result-post retry waits and the long-poll deadline ({@link ProtocolTimings#SDK} in production) */
    PlatformClient(PlatformConfig config, ProtocolTimings timings) {
        this.config = config;
        this.retryWaits = timings.resultRetryWaits();
        this.longPoll = timings.longPoll();
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** Thrown for 429 on job-take or job-stop: the SDK sleeps 5 s before asking again. */
    static final class TooManyRequests extends IOException {
        private static final long serialVersionUID = 1L;

        TooManyRequests(String url) {
            super("429 Too Many Requests from " + url);
        }
    }

    /**
     * Asks for up to {@code wanted} jobs. An empty list means no job (204, 400, a non-JSON or empty body). Jobs without
     * {@code id} or {@code input} are logged and skipped, as the SDK does.
     *
     * @throws java.net.http.HttpTimeoutException when the long poll outlasts its deadline: no job, ask again
     */
    List<JsonNode> takeJobs(int wanted, boolean jobInProgress) throws IOException, InterruptedException {
        String url = config.jobTakeUrl(wanted, jobInProgress);
        HttpResponse<byte[]> response = http.send(request(url, longPoll).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        int status = response.statusCode();
        if (status == 204 || status == 400) {
            return List.of();
        }
        if (status == 429) {
            throw new TooManyRequests(url);
        }
        if (status / 100 != 2) {
            throw new IOException("job-take answered HTTP " + status);
        }
        if (!isJson(response) || response.body().length == 0) {
            return List.of();
        }
        JsonNode body;
        try {
            body = Json.MAPPER.readTree(response.body());
        } catch (IOException e) {
            LOG.warn("job-take returned a body that is not JSON; ignored");
            return List.of();
        }
        List<JsonNode> jobs = new ArrayList<>();
        for (JsonNode job : body.isArray() ? body : List.of(body)) {
            if (job.hasNonNull("id") && job.has("input")) {
                jobs.add(job);
            } else {
                LOG.error("Job has missing field(s): id or input.");
            }
        }
        return jobs;
    }

    /**
     * Posts a job's result (or a progress update) to job-done: at most {@code 1 + waits} attempts, retried on 5xx and
     * I/O errors. Returns whether the platform took it; a final failure is logged, as in the SDK, not re-queued.
     */
    boolean postResult(String jobId, ObjectNode body, boolean isStream) throws InterruptedException {
        return post(jobId, config.jobDoneUrl(jobId, isStream), body, retryWaits);
    }

    /** A best-effort {@code {"status": "IN_PROGRESS", "output": progress}} post (the SDK's progress_update). */
    void postProgress(String jobId, JsonNode progress) throws InterruptedException {
        ObjectNode body = Json.object();
        body.put("status", "IN_PROGRESS");
        body.set("output", progress);
        post(jobId, config.jobDoneUrl(jobId, false), body, List.of());
    }

    private boolean post(String jobId, String url, ObjectNode body, List<Duration> waits) throws InterruptedException {
        byte[] json = Json.write(body).getBytes(StandardCharsets.UTF_8);
        HttpRequest request = request(url, POST_TIMEOUT)
                // The SDK's quirk, reproduced: a JSON body labelled as a form, plus a header named "charset".
                .header("Content-Type", "application/x-www-form-urlencoded").header("charset", "utf-8")
                .header("X-Request-ID", jobId).POST(HttpRequest.BodyPublishers.ofByteArray(json)).build();
        for (int attempt = 0; ; attempt++) {
            String failure;
            try {
                int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status / 100 == 2) {
                    return true;
                }
                failure = "HTTP " + status;
                if (status < 500) {
                    LOG.error("{} | Failed to return job results. | {}", jobId, failure);
                    return false;
                }
            } catch (IOException e) {
                failure = e.toString();
            }
            if (attempt >= waits.size()) {
                LOG.error("{} | Failed to return job results. | {} after {} attempts", jobId, failure, attempt + 1);
                return false;
            }
            LOG.warn("{} | result post failed ({}), retrying in {} ms", jobId, failure, waits.get(attempt).toMillis());
            Thread.sleep(waits.get(attempt).toMillis());
        }
    }

    /** One heartbeat: {@code job_id} lists the jobs in progress and is left out when idle. */
    void ping(List<String> jobIds) throws IOException, InterruptedException {
        String url = config.pingUrl().orElseThrow();
        if (!jobIds.isEmpty()) {
            url = PlatformConfig.withQuery(url, "job_id=" + URLEncoder.encode(String.join(",", jobIds),
                    StandardCharsets.UTF_8));
        }
        url = PlatformConfig.withQuery(url, "runpod_version=" + URLEncoder.encode(VERSION, StandardCharsets.UTF_8));
        Duration timeout = config.pingInterval().multipliedBy(2);
        int status = http.send(request(url, timeout).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status == 429 || status >= 500) {
            throw new IOException("ping answered HTTP " + status);
        }
    }

    /** Long-polls the stop channel for ids of jobs to abandon. */
    List<String> pollStop() throws IOException, InterruptedException {
        String url = config.jobStopUrl().orElseThrow();
        HttpResponse<byte[]> response = http.send(request(url, longPoll).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        int status = response.statusCode();
        if (status == 204) {
            return List.of();
        }
        if (status == 429) {
            throw new TooManyRequests(url);
        }
        if (status / 100 != 2) {
            throw new IOException("job-stop answered HTTP " + status);
        }
        if (!isJson(response) || response.body().length == 0) {
            return List.of();
        }
        JsonNode ids = Json.MAPPER.readTree(response.body()).path("jobsToStop");
        List<String> out = new ArrayList<>();
        ids.forEach(id -> {
            if (id.isTextual()) {
                out.add(id.asText());
            }
        });
        return out;
    }

    private HttpRequest.Builder request(String url, Duration timeout) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("User-Agent", "rvc4j-runpod/" + VERSION + " Java/" + Runtime.version().feature());
        return config.apiKey().isEmpty() ? builder : builder.header("Authorization", config.apiKey());
    }

    private static boolean isJson(HttpResponse<?> response) {
        return response.headers().firstValue("Content-Type").map(t -> t.startsWith("application/json")).orElse(false);
    }
}
