package io.rvc4j.adapter.http;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The bounded queue in front of the engine: {@code workers} jobs run, {@code waiting} more may wait, and one more is
 * refused with 503 and a {@code Retry-After} estimated from recent job times. A caller is admitted before it reads
 * its upload, so a full server does not first swallow a large body.
 */
final class WorkQueue implements AutoCloseable {
    /** Weight of the newest job time in the moving average behind Retry-After. */
    private static final double EWMA_WEIGHT = 0.3;

    private final int workers;
    private final Semaphore slots;
    private final ExecutorService pool;
    private final AtomicInteger admitted = new AtomicInteger();
    /** Notified whenever a job is released, for {@link #drain}. */
    private final Object idle = new Object();
    private volatile double averageSeconds = 1.0;

    WorkQueue(int workers, int waiting) {
        this.workers = workers;
        this.slots = new Semaphore(workers + waiting);
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(workers, workers, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "rvc-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Reserves a place or throws 503; the ticket must be {@link Ticket#run run} or {@link Ticket#cancel cancelled}. */
    Ticket admit() {
        if (!slots.tryAcquire()) {
            long retry = Math.round(Math.ceil(averageSeconds * (admitted.get() + 1) / workers));
            throw ApiException.busy("the server is busy: " + admitted.get() + " conversions are running or waiting; "
                    + "retry later", retry);
        }
        admitted.incrementAndGet();
        return new Ticket();
    }

    /** Jobs running or waiting. */
    int load() {
        return admitted.get();
    }

    /**
     * Waits up to {@code timeoutMillis} for every admitted job to finish, then stops the workers. A job admitted but not
     * yet started (its request still uploading) counts: the workers keep taking jobs until the last admitted one has
     * run, so a request admitted before the stop still gets its answer. Callers stop admitting first (the server
     * refuses new work with 503 while it drains). Returns whether everything finished in time.
     */
    boolean drain(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        synchronized (idle) {
            while (admitted.get() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                idle.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        }
        pool.shutdown();
        long left = Math.max(0, deadline - System.nanoTime());
        return pool.awaitTermination(left, TimeUnit.NANOSECONDS) && admitted.get() == 0;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }

    /** One admitted job. */
    final class Ticket {
        private boolean done;

        <T> CompletableFuture<T> run(Supplier<T> job) {
            done = true;
            try {
                return submit(job);
            } catch (RejectedExecutionException e) {
                release();
                throw ApiException.busy("the server is shutting down", 1);
            }
        }

        private <T> CompletableFuture<T> submit(Supplier<T> job) {
            return CompletableFuture.supplyAsync(() -> {
                long start = System.nanoTime();
                try {
                    return job.get();
                } finally {
                    double seconds = (System.nanoTime() - start) / 1e9;
                    averageSeconds = EWMA_WEIGHT * seconds + (1 - EWMA_WEIGHT) * averageSeconds;
                    release();
                }
            }, pool);
        }

        void cancel() {
            if (!done) {
                done = true;
                release();
            }
        }

        private void release() {
            admitted.decrementAndGet();
            slots.release();
            synchronized (idle) {
                idle.notifyAll();
            }
        }
    }
}
