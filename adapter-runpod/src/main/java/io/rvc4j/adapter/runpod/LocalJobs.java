package io.rvc4j.adapter.runpod;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The local API's queue: jobs run on {@code concurrency} threads in submission order and keep their result, with
 * RunPod's job states (IN_QUEUE, IN_PROGRESS, COMPLETED, FAILED, CANCELLED), for {@link #RETENTION} after they end.
 */
final class LocalJobs implements AutoCloseable {
    /** RunPod keeps a /run result 30 minutes after completion (operation-reference). */
    static final Duration RETENTION = Duration.ofMinutes(30);

    private final JobHandler handler;
    private final ExecutorService runner;
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();

    LocalJobs(JobHandler handler, int concurrency) {
        this.handler = handler;
        this.runner = Executors.newFixedThreadPool(concurrency, Threads.named("runpod-local-job", true));
    }

    /** One job and its state; the fields are read by status requests while the job runs. */
    static final class Job {
        final String id;
        final JsonNode input;
        final long submittedNanos = System.nanoTime();
        final CompletableFuture<Void> done = new CompletableFuture<>();
        volatile String status = "IN_QUEUE";
        volatile long startedNanos;
        volatile long finishedNanos;
        volatile ObjectNode result;
        volatile Future<?> future;

        Job(String id, JsonNode input) {
            this.id = id;
            this.input = input;
        }

        boolean isFinal() {
            return done.isDone();
        }
    }

    Job submit(String id, JsonNode input) {
        evictExpired();
        Job job = new Job(id, input);
        jobs.put(id, job);
        job.future = runner.submit(() -> execute(job));
        return job;
    }

    Optional<Job> find(String id) {
        return Optional.ofNullable(jobs.get(id));
    }

    /** Waits up to {@code wait} for a job to end; returns the job either way. */
    Job await(Job job, Duration wait) throws InterruptedException {
        try {
            job.done.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            // not done yet: the caller reports the current state
        }
        return job;
    }

    /** Cancels a queued or running job; a finished job keeps its state. */
    Job cancel(Job job) {
        synchronized (job) {
            if (!job.isFinal()) {
                job.status = "CANCELLED";
                job.finishedNanos = System.nanoTime();
                job.done.complete(null);
                Future<?> f = job.future;
                if (f != null) {
                    f.cancel(true);
                }
            }
        }
        return job;
    }

    /** Cancels every queued job; returns how many. */
    int purgeQueue() {
        int n = 0;
        for (Job job : jobs.values()) {
            if ("IN_QUEUE".equals(job.status) && cancel(job).status.equals("CANCELLED")) {
                n++;
            }
        }
        return n;
    }

    /** Counts by state, for /health. */
    Map<String, Long> counts() {
        Map<String, Long> counts = new ConcurrentHashMap<>();
        jobs.values().forEach(j -> counts.merge(j.status, 1L, Long::sum));
        return counts;
    }

    private void execute(Job job) {
        synchronized (job) {
            if (job.isFinal()) {
                return;
            }
            job.status = "IN_PROGRESS";
            job.startedNanos = System.nanoTime();
        }
        ObjectNode result = handler.handle(job.input);
        synchronized (job) {
            if (job.isFinal()) {
                return; // cancelled while running: the result is dropped, as RunPod drops it
            }
            job.result = result;
            job.status = result.has("error") ? "FAILED" : "COMPLETED";
            job.finishedNanos = System.nanoTime();
            job.done.complete(null);
        }
    }

    private void evictExpired() {
        long now = System.nanoTime();
        jobs.values().removeIf(j -> j.isFinal() && now - j.finishedNanos > RETENTION.toNanos());
    }

    @Override
    public void close() {
        runner.shutdownNow();
    }
}
