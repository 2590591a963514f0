package io.rvc4j.adapter.runpod;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The production worker loop, the SDK's JobScaler (runpod-worker-protocol.md section 9): take jobs while fewer than
 * {@code concurrency} run, run each on its own thread, post each result exactly once; on stop, take nothing more,
 * finish what runs, post it, return. A job-take long poll that is open when the stop comes is not cut off: the
 * platform may be handing out a job on it, so the loop waits for its answer (at most its 90 s deadline) and runs and
 * answers whatever job it brings. A stop-channel thread abandons jobs the platform cancels (nothing is posted for
 * them, as in the SDK).
 */
final class JobLoop {
    private static final Logger LOG = LoggerFactory.getLogger(JobLoop.class);
    private final PlatformClient platform;
    private final JobHandler handler;
    private final ProgressReporter progress;
    private final int concurrency;
    private final boolean stopChannel;
    private final ProtocolTimings timings;
    private final Map<String, RunningJob> running = new ConcurrentHashMap<>();
    private final Set<String> abandoned = ConcurrentHashMap.newKeySet();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Object slots = new Object();
    /** Back-off pauses wait on this, so that a stop request ends them at once. */
    private final Object wake = new Object();
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean stopping;

    JobLoop(PlatformClient platform, JobHandler handler, ProgressReporter progress, int concurrency,
            boolean stopChannel, ProtocolTimings timings) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, got " + concurrency);
        }
        this.platform = platform;
        this.handler = handler;
        this.progress = progress;
        this.concurrency = concurrency;
        this.stopChannel = stopChannel;
        this.timings = timings;
    }

    /** Ids of the jobs in progress, for the heartbeat. */
    List<String> jobsInProgress() {
        return new ArrayList<>(running.keySet());
    }

    /** Takes and runs jobs until {@link #requestStop()}, then drains; returns when every taken job was answered. */
    void run() {
        ExecutorService jobs = Executors.newFixedThreadPool(concurrency, Threads.named("runpod-job", false));
        Thread stopper = stopChannel ? Threads.start("runpod-job-stop", this::watchStopChannel) : null;
        try {
            while (!stopping) {
                int wanted = awaitFreeSlots();
                if (wanted == 0) {
                    break;
                }
                List<JsonNode> taken = take(wanted);
                for (JsonNode job : taken) {
                    String id = job.get("id").asText();
                    if (running.putIfAbsent(id, new RunningJob()) != null) {
                        LOG.warn("{} | taken twice; the copy that is already running will answer it", id);
                        continue;
                    }
                    inFlight.incrementAndGet();
                    jobs.execute(() -> runJob(id, job));
                }
            }
        } finally {
            LOG.info("Stopping: no new jobs; waiting for {} job(s) in flight", inFlight.get());
            jobs.shutdown();
            awaitQuietly(jobs);
            if (stopper != null) {
                stopper.interrupt();
            }
            progress.close();
            finished.countDown();
        }
    }

    /**
     * Stops taking jobs. Nothing is interrupted: an open long poll is let finish and a job it brings is run, jobs in
     * flight finish, and every one of them is posted.
     */
    void requestStop() {
        stopping = true;
        synchronized (slots) {
            slots.notifyAll();
        }
        synchronized (wake) {
            wake.notifyAll();
        }
    }

    /** Waits until {@link #run()} has returned. */
    boolean awaitFinished(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private int awaitFreeSlots() {
        synchronized (slots) {
            while (!stopping && inFlight.get() >= concurrency) {
                try {
                    slots.wait();
                } catch (InterruptedException e) {
                    return 0;
                }
            }
            return stopping ? 0 : concurrency - inFlight.get();
        }
    }

    private List<JsonNode> take(int wanted) {
        try {
            return platform.takeJobs(wanted, inFlight.get() > 0);
        } catch (PlatformClient.TooManyRequests e) {
            pause(timings.tooManyRequests());
        } catch (HttpTimeoutException e) {
            // The platform held the poll past its deadline: no job. The SDK asks again at once, logging at debug.
            LOG.debug("Job acquisition timed out. Retrying.");
        } catch (IOException e) {
            LOG.error("Failed to get job. | Error Type: {} | Error Message: {}", e.getClass().getSimpleName(),
                    e.getMessage());
            pause(timings.takeError());
        } catch (InterruptedException e) {
            // Nothing in the worker interrupts the taker; if something else does, stop as for SIGTERM.
            requestStop();
        }
        return List.of();
    }

    private void runJob(String id, JsonNode job) {
        running.get(id).thread = Thread.currentThread();
        try {
            if (abandoned.contains(id)) {
                throw new InterruptedException("stopped before it started");
            }
            JsonNode input = job.get("input");
            LOG.info("{} | Started. ({})", id, JobHandler.operationOf(input));
            ObjectNode body;
            ProgressReporter.Ticker ticker = progress.start(id, JobHandler.operationOf(input));
            try {
                body = handler.handle(input);
            } finally {
                ticker.close(); // waits for an update in flight, so none can follow the result
            }
            if (abandoned.remove(id)) {
                LOG.info("{} | stopped by the platform; no result posted", id);
                return;
            }
            Thread.interrupted(); // a stop signal that came too late must not break the result post
            if (platform.postResult(id, body, false)) {
                LOG.info("{} | Finished.{}", id, body.has("error") ? " (error: " + body.get("error").asText() + ")" : "");
            }
        } catch (InterruptedException e) {
            LOG.warn("{} | interrupted: {}", id, e.getMessage());
        } finally {
            abandoned.remove(id);
            running.remove(id);
            inFlight.decrementAndGet();
            synchronized (slots) {
                slots.notifyAll();
            }
        }
    }

    private void watchStopChannel() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                List<String> ids = platform.pollStop();
                if (ids.isEmpty()) {
                    Thread.sleep(1000); // the SDK waits a second after an empty answer
                }
                for (String id : ids) {
                    RunningJob job = running.get(id);
                    if (job != null) {
                        LOG.info("{} | stop requested by the platform", id);
                        abandoned.add(id);
                        Thread t = job.thread;
                        if (t != null) {
                            t.interrupt();
                        }
                    }
                }
            } catch (PlatformClient.TooManyRequests e) {
                nap(timings.tooManyRequests());
            } catch (HttpTimeoutException e) {
                LOG.debug("Stop poll timed out. Retrying.");
            } catch (IOException e) {
                LOG.error("Stop channel | Error Type: {} | Error Message: {}", e.getClass().getSimpleName(),
                        e.getMessage());
                nap(timings.takeError());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** A taken job; its thread is known once it starts. */
    private static final class RunningJob {
        volatile Thread thread;
    }

    /** The stop channel's waits: it runs until {@link #run()} interrupts it, after the last job, stop or not. */
    private static void nap(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The taker's waits: {@code d}, or less when a stop is requested meanwhile. */
    private void pause(Duration d) {
        long end = System.nanoTime() + d.toNanos();
        synchronized (wake) {
            try {
                for (long left = d.toMillis(); !stopping && left > 0; left = (end - System.nanoTime()) / 1_000_000) {
                    wake.wait(left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void awaitQuietly(ExecutorService jobs) {
        boolean interrupted = false;
        while (true) {
            try {
                if (jobs.awaitTermination(1, TimeUnit.DAYS)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
