package io.rvc4j.adapter.runpod;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What the RunPod platform tells a worker through its environment (runpod-worker-protocol.md sections 2 and 3), with
 * the URL placeholders already replaced.
 *
 * @param jobTakeUrl {@code RUNPOD_WEBHOOK_GET_JOB} with {@code $ID} (and, more tolerant than the SDK,
 *     {@code $RUNPOD_POD_ID}) replaced by the worker id
 * @param jobDoneTemplate {@code RUNPOD_WEBHOOK_POST_OUTPUT} with the worker id in; {@code $ID} stays for the job id
 * @param pingUrl {@code RUNPOD_WEBHOOK_PING} with the worker id in, when set
 * @param apiKey {@code RUNPOD_AI_API_KEY}, sent raw as {@code Authorization}
 * @param workerId {@code RUNPOD_POD_ID}, or a random UUID as the SDK makes one
 * @param podIdSet whether {@code RUNPOD_POD_ID} was set (the SDK pings only then)
 * @param pingInterval {@code RUNPOD_PING_INTERVAL} (ms, default 10000), in whole seconds as the SDK uses it
 */
record PlatformConfig(Optional<String> jobTakeUrl, String jobDoneTemplate, Optional<String> pingUrl, String apiKey,
        String workerId, boolean podIdSet, Duration pingInterval) {
    static final String GET_JOB = "RUNPOD_WEBHOOK_GET_JOB";
    /** The SDK's default when the variable is unset: a literal that is not a URL. */
    static final String JOB_DONE_DEFAULT = "JOB_DONE_URL";
    static final String PING_DEFAULT = "PING_NOT_SET";
    static final long DEFAULT_PING_MS = 10_000;

    static PlatformConfig fromEnv(Map<String, String> env) {
        String podId = blankToNull(env.get("RUNPOD_POD_ID"));
        String workerId = podId != null ? podId : UUID.randomUUID().toString();
        Optional<String> take = Optional.ofNullable(blankToNull(env.get(GET_JOB)))
                .map(t -> t.replace("$RUNPOD_POD_ID", workerId).replace("$ID", workerId));
        String done = env.getOrDefault("RUNPOD_WEBHOOK_POST_OUTPUT", JOB_DONE_DEFAULT).replace("$RUNPOD_POD_ID", workerId);
        String ping = env.getOrDefault("RUNPOD_WEBHOOK_PING", PING_DEFAULT);
        Optional<String> pingUrl = PING_DEFAULT.equals(ping) || ping.isBlank()
                ? Optional.empty() : Optional.of(ping.replace("$RUNPOD_POD_ID", workerId));
        return new PlatformConfig(take, done, pingUrl, env.getOrDefault("RUNPOD_AI_API_KEY", ""), workerId,
                podId != null, pingInterval(env.get("RUNPOD_PING_INTERVAL")));
    }

    /** Production mode: the platform set the job-take URL. */
    boolean production() {
        return jobTakeUrl.isPresent();
    }

    /** The SDK starts its heartbeat only with a key, a pod id and a ping URL. */
    boolean heartbeatEnabled() {
        return !apiKey.isEmpty() && podIdSet && pingUrl.isPresent();
    }

    /** The job-done URL of one job, with the query the SDK appends. */
    String jobDoneUrl(String jobId, boolean isStream) {
        return withQuery(jobDoneTemplate.replace("$ID", jobId), "isStream=" + isStream);
    }

    /** The take URL for {@code batchSize} jobs (the batch path when more than one), with {@code job_in_progress}. */
    String jobTakeUrl(int batchSize, boolean jobInProgress) {
        String url = jobTakeUrl.orElseThrow();
        if (batchSize > 1) {
            url = withQuery(url.replace("/job-take/", "/job-take-batch/"), "batch_size=" + batchSize);
        }
        return withQuery(url, "job_in_progress=" + (jobInProgress ? 1 : 0));
    }

    /** The per-job stop channel, which the SDK derives from the take URL when it has {@code /job-take/}. */
    Optional<String> jobStopUrl() {
        return jobTakeUrl.filter(u -> u.contains("/job-take/")).map(u -> u.replace("/job-take/", "/job-stop/"));
    }

    /**
     * Appends a query parameter. The SDK appends {@code &} blindly and relies on the template's own {@code ?}; a
     * template without one gets {@code ?} here instead of a broken URL.
     */
    static String withQuery(String url, String parameter) {
        if (url.endsWith("?") || url.endsWith("&")) {
            return url + parameter;
        }
        return url + (url.indexOf('?') >= 0 ? "&" : "?") + parameter;
    }

    /**
     * The SDK divides the milliseconds by 1000 with integer division; below 1000 that is 0 s, a busy loop. We keep
     * whole seconds but never go below one.
     */
    static Duration pingInterval(String millis) {
        long ms = DEFAULT_PING_MS;
        if (millis != null && !millis.isBlank()) {
            try {
                ms = Long.parseLong(millis.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("RUNPOD_PING_INTERVAL must be milliseconds, got '" + millis + "'", e);
            }
        }
        return Duration.ofSeconds(Math.max(1, ms / 1000));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
