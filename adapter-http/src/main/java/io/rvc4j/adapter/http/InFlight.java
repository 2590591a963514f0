package io.rvc4j.adapter.http;

import jakarta.servlet.ServletRequestEvent;
import jakarta.servlet.ServletRequestListener;

/**
 * Counts HTTP requests from arrival until their response is complete (asynchronous ones included), so a graceful stop
 * can wait for the last byte of every in-flight answer, not just for the handler to return.
 */
final class InFlight implements ServletRequestListener {
    private int count;

    @Override
    public synchronized void requestInitialized(ServletRequestEvent event) {
        count++;
    }

    @Override
    public synchronized void requestDestroyed(ServletRequestEvent event) {
        count--;
        notifyAll();
    }

    synchronized int count() {
        return count;
    }

    /** Waits until no request is in flight or the deadline passes; returns whether it reached zero. */
    synchronized boolean awaitIdle(long deadlineNanos) throws InterruptedException {
        while (count > 0) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }
}
