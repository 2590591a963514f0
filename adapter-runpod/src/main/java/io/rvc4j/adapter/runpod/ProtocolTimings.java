package io.rvc4j.adapter.runpod;

import java.time.Duration;
import java.util.List;

/**
 * How long the worker waits for the platform, and between attempts when it answers badly. {@link #SDK} holds the values of the
 * Python SDK 1.12 (runpod-worker-protocol.md sections 5 and 7); the worker always runs with them, tests pass shorter
 * ones so that retries and timeouts can be exercised in milliseconds.
 *
 * @param resultRetryWaits waits before the second, third, ... attempt of a result post (5xx or I/O error)
 * @param tooManyRequests wait after a 429 from job-take or job-stop
 * @param takeError wait after any other failed job-take or job-stop
 * @param longPoll client deadline on a job-take or job-stop long poll; when it passes, the worker asks again at once
 */
record ProtocolTimings(List<Duration> resultRetryWaits, Duration tooManyRequests, Duration takeError,
        Duration longPoll) {

    /**
     * The SDK's values: aiohttp-retry {@code FibonacciRetry(attempts=3)} with {@code max_timeout} 3 s waits 2 s, then
     * 3 s, before the second and third result post (section 7); a 429 from job-take sleeps 5 s (section 5). After any
     * other job-take error the SDK asks again at once; we wait 1 s so that a platform that is down is not hammered.
     * Job-take and job-stop run under a 90 s deadline ({@code jobs_fetcher_timeout}, section 5 and 9); the platform
     * long-polls below it, and a deadline hit is not an error.
     */
    static final ProtocolTimings SDK = new ProtocolTimings(List.of(Duration.ofSeconds(2), Duration.ofSeconds(3)),
            Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(90));

    ProtocolTimings {
        resultRetryWaits = List.copyOf(resultRetryWaits);
    }
}
