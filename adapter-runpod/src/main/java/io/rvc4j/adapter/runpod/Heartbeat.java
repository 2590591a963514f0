package io.rvc4j.adapter.runpod;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's heartbeat (runpod-worker-protocol.md section 8): a ping at once, then every {@code
 * RUNPOD_PING_INTERVAL} after the previous beat ended, naming the jobs in progress; on its own thread, sharing no
 * lock with the jobs, so a busy worker still looks alive. A ping answered 429 or 5xx, or failing with an I/O error, is
 * retried once per wait in {@link ProtocolTimings#pingRetryWaits()} (the SDK's urllib3: three retries, after 0, 2 and
 * 4 s); after the last attempt the beat ends at once, and the next one comes an interval later.
 */
final class Heartbeat implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Heartbeat.class);

    private final PlatformClient platform;
    private final Supplier<List<String>> jobsInProgress;
    private final List<Duration> retryWaits;
    private ScheduledExecutorService timer;

    Heartbeat(PlatformClient platform, Supplier<List<String>> jobsInProgress, List<Duration> retryWaits) {
        this.platform = platform;
        this.jobsInProgress = jobsInProgress;
        this.retryWaits = List.copyOf(retryWaits);
    }

    /** Starts beating on a daemon thread: the first beat at once, the next ones {@code interval} apart. */
    static Heartbeat start(PlatformClient platform, Supplier<List<String>> jobsInProgress, Duration interval,
            List<Duration> retryWaits) {
        Heartbeat heartbeat = new Heartbeat(platform, jobsInProgress, retryWaits);
        heartbeat.timer = Executors.newSingleThreadScheduledExecutor(Threads.named("runpod-heartbeat", true));
        heartbeat.timer.scheduleWithFixedDelay(heartbeat::beat, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return heartbeat;
    }

    /** One beat: the ping and its retries. Returns the number of attempts made. */
    int beat() {
        for (int attempt = 0; ; attempt++) {
            try {
                platform.ping(jobsInProgress.get());
                return attempt + 1;
            } catch (IOException e) {
                if (attempt >= retryWaits.size()) {
                    LOG.warn("Ping Request Error: {} ({} attempts)", e.toString(), attempt + 1);
                    return attempt + 1;
                }
                LOG.debug("Ping Request Error: {}; retrying in {} ms", e.toString(), retryWaits.get(attempt).toMillis());
                try {
                    Thread.sleep(retryWaits.get(attempt).toMillis());
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return attempt + 1;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return attempt + 1;
            } catch (RuntimeException e) {
                LOG.warn("Ping Request Error: {}", e.toString());
                return attempt + 1;
            }
        }
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
