package io.rvc4j.adapter.runpod;

import java.time.Duration;
import java.util.List;

/**
 * How long the worker waits for the platform, and between attempts when it answers badly. {@link #SDK} holds the values of the
 * Python SDK 1.12 (runpod-worker-protocol.md sections 5, 7 and 8); the worker always runs with them, tests pass shorter
 * ones so that retries and timeouts can be exercised in milliseconds.
 *
 * @param resultRetryWaits waits before the second, third, ... attempt of a result post (5xx or I/O error)
 * @param tooManyRequests wait after a 429 from job-take or job-stop
 * @param takeError wait after any other failed job-take or job-stop
 * @param longPoll client deadline on a job-take or job-stop long poll; when it passes, the worker asks again at once
 * @param pingRetryWaits waits before the second, third, ... attempt of a heartbeat ping (429, 5xx or I/O error)
 */
record ProtocolTimings(List<Duration> resultRetryWaits, Duration tooManyRequests, Duration takeError,
        Duration longPoll, List<Duration> pingRetryWaits) {

    /**
     * The SDK's values: aiohttp-retry {@code FibonacciRetry(attempts=3)} with {@code max_timeout} 3 s waits 2 s, then
     * 3 s, before the second and third result post (section 7); a 429 from job-take sleeps 5 s (section 5). After any
     * other job-take error the SDK asks again at once; we wait 1 s so that a platform that is down is not hammered.
     * Job-take and job-stop run under a 90 s deadline ({@code jobs_fetcher_timeout}, section 5 and 9); the platform
     * long-polls below it, and a deadline hit is not an error. The heartbeat's session retries a ping with urllib3's
     * {@code Retry(total=3, backoff_factor=1)} (section 8): urllib3 2.x waits 0 s before the first retry and
     * {@code backoff_factor * 2^(n-1)} before the n-th consecutive one after, so 0 s, 2 s, 4 s (its
     * {@code get_backoff_time}; a {@code Retry-After} header, which urllib3 would honour, is not read here).
     */
    static final ProtocolTimings SDK = new ProtocolTimings(List.of(Duration.ofSeconds(2), Duration.ofSeconds(3)),
            Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(90),
            List.of(Duration.ZERO, Duration.ofSeconds(2), Duration.ofSeconds(4)));

    ProtocolTimings {
        resultRetryWaits = List.copyOf(resultRetryWaits);
        pingRetryWaits = List.copyOf(pingRetryWaits);
    }
}
