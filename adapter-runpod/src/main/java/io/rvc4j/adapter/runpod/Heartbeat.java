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
 * RUNPOD_PING_INTERVAL}, naming the jobs in progress; on its own thread, sharing no lock with the jobs, so a busy
 * worker still looks alive. A 429 or 5xx is retried up to three times, one second apart, as the SDK's urllib3 does.
 */
final class Heartbeat implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Heartbeat.class);
    static final int RETRIES = 3;

    private final PlatformClient platform;
    private final Supplier<List<String>> jobsInProgress;
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(Threads.named("runpod-heartbeat", true));

    Heartbeat(PlatformClient platform, Supplier<List<String>> jobsInProgress, Duration interval) {
        this.platform = platform;
        this.jobsInProgress = jobsInProgress;
        timer.scheduleWithFixedDelay(this::beat, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void beat() {
        for (int attempt = 0; attempt <= RETRIES; attempt++) {
            try {
                platform.ping(jobsInProgress.get());
                return;
            } catch (IOException e) {
                LOG.debug("Ping Request Error: {}", e.toString());
                try {
                    Thread.sleep(1000L * (attempt + 1));
                } catch (InterruptedException ie) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("Ping Request Error: {}", e.toString());
                return;
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
