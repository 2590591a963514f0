package io.rvc4j.core.service;

import java.util.concurrent.atomic.AtomicReference;

/** Two pieces of (loading) work at once: one on a helper thread, one on the caller's. */
public final class InParallel {
    private InParallel() {
    }

    /**
     * Runs {@code helper} on a new daemon thread named {@code helperName} and {@code here} on the calling thread, and
     * returns when both are done. A failure of {@code here} is thrown first (the helper's added as suppressed), else
     * the helper's.
     */
    public static void run(String helperName, Runnable helper, Runnable here) {
        AtomicReference<RuntimeException> helperFailure = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                helper.run();
            } catch (RuntimeException e) {
                helperFailure.set(e);
            }
        }, helperName);
        t.setDaemon(true);
        t.start();
        RuntimeException failure = null;
        try {
            here.run();
        } catch (RuntimeException e) {
            failure = e;
        }
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + helperName + " was running", e);
        }
        if (failure != null) {
            if (helperFailure.get() != null) {
                failure.addSuppressed(helperFailure.get());
            }
            throw failure;
        }
        if (helperFailure.get() != null) {
            throw helperFailure.get();
        }
    }
}
