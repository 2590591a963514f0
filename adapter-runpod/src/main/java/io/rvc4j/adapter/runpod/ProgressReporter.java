package io.rvc4j.adapter.runpod;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Progress updates on long jobs, the SDK's {@code progress_update}: while a job runs longer than {@code interval},
 * every {@code interval} a best-effort {@code {"status": "IN_PROGRESS", "output": {...}}} goes to job-done. The use
 * cases run as one call, so the update says which operation runs and for how long. A ticker's {@link
 * Ticker#close()} waits for a post in progress, so an update can never arrive after (and overwrite) the result.
 */
final class ProgressReporter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProgressReporter.class);

    private final PlatformClient platform;
    private final Duration interval;
    private final ScheduledExecutorService timer;

    /** {@code interval} zero turns progress updates off. */
    ProgressReporter(PlatformClient platform, Duration interval) {
        this.platform = platform;
        this.interval = interval;
        this.timer = interval.isZero() ? null
                : Executors.newScheduledThreadPool(1, Threads.named("runpod-progress", true));
    }

    Ticker start(String jobId, String operation) {
        return new Ticker(jobId, operation);
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    /** One job's updates; closing it stops them. */
    final class Ticker implements AutoCloseable {
        private final String jobId;
        private final String operation;
        private final long startNanos = System.nanoTime();
        private final ScheduledFuture<?> task;
        private boolean closed;

        private Ticker(String jobId, String operation) {
            this.jobId = jobId;
            this.operation = operation;
            long ms = interval.toMillis();
            this.task = timer == null ? null : timer.scheduleAtFixedRate(this::send, ms, ms, TimeUnit.MILLISECONDS);
        }

        private synchronized void send() {
            if (closed) {
                return;
            }
            long elapsed = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startNanos);
            ObjectNode update = Json.object();
            update.put("operation", operation);
            update.put("message", operation + " running for " + elapsed + " s");
            update.put("elapsed_seconds", elapsed);
            try {
                platform.postProgress(jobId, update);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                LOG.warn("{} | progress update failed: {}", jobId, e.toString());
            }
        }

        @Override
        public synchronized void close() {
            closed = true;
            if (task != null) {
                task.cancel(false);
            }
        }
    }
}
