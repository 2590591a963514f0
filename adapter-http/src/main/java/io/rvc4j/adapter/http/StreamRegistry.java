package io.rvc4j.adapter.http;

import io.rvc4j.core.model.ModelRef;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Stream sessions from {@code POST /convert/stream} to their end. Ids are 256 random bits (unguessable), each may be
 * connected once, a session not connected within the TTL is dropped, a connected one idle for longer than the idle
 * timeout is closed, and no more than {@code maxStreams} exist at once. A sweeper thread enforces the timeouts.
 */
final class StreamRegistry implements AutoCloseable {
    private static final int ID_BYTES = 32;

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final Set<LiveStream> active = ConcurrentHashMap.newKeySet();
    private final int maxStreams;
    private final Duration ttl;
    private final Duration idle;
    private final ScheduledExecutorService sweeper;

    /**
     * A session issued but not yet connected.
     *
     * @param id the unguessable id
     * @param model the model named at setup
     * @param fields the setup's JSON fields, the defaults for the socket's first message
     * @param expiresNanos when it is dropped unless connected
     */
    record Pending(String id, ModelRef model, JsonFields fields, long expiresNanos) {
    }

    StreamRegistry(int maxStreams, Duration ttl, Duration idle) {
        this.maxStreams = maxStreams;
        this.ttl = ttl;
        this.idle = idle;
        this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rvc-stream-sweeper");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(50, Math.min(ttl.toMillis(), idle.toMillis()) / 4);
        sweeper.scheduleAtFixedRate(this::sweep, period, period, TimeUnit.MILLISECONDS);
    }

    /** Issues a session, or 503 when {@code maxStreams} are pending or connected. */
    synchronized Pending issue(ModelRef model, JsonFields fields) {
        if (pending.size() + active.size() >= maxStreams) {
            throw ApiException.busy("too many streams: " + maxStreams + " are open or waiting to connect", 5);
        }
        byte[] bytes = new byte[ID_BYTES];
        random.nextBytes(bytes);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Pending p = new Pending(id, model, fields, System.nanoTime() + ttl.toNanos());
        pending.put(id, p);
        return p;
    }

    /** Takes a session for connection; empty when unknown, expired or already used. */
    Optional<Pending> claim(String id) {
        Pending p = id == null ? null : pending.remove(id);
        if (p == null || System.nanoTime() - p.expiresNanos() > 0) {
            return Optional.empty();
        }
        return Optional.of(p);
    }

    void activate(LiveStream stream) {
        active.add(stream);
    }

    void deactivate(LiveStream stream) {
        active.remove(stream);
        synchronized (active) {
            active.notifyAll();
        }
    }

    int pendingCount() {
        return pending.size();
    }

    int activeCount() {
        return active.size();
    }

    /**
     * Server shutdown, first step: drops the unconnected sessions and asks every connected stream to send what it has
     * converted and then close ({@link LiveStream#goAway}).
     */
    void endAll(String reason) {
        pending.clear();
        for (LiveStream s : active) {
            s.goAway(reason);
        }
    }

    /** Waits until no stream is connected or the deadline passes; returns whether none is left. */
    boolean awaitClosed(long deadlineNanos) throws InterruptedException {
        synchronized (active) {
            while (!active.isEmpty()) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                active.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        }
        return true;
    }

    /** Closes every connected stream with {@code reason} at once (what is left after the shutdown grace period). */
    void closeAll(String reason) {
        pending.clear();
        for (LiveStream s : active) {
            s.fail(LiveStream.CLOSE_GOING_AWAY, reason);
        }
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
    }

    private void sweep() {
        long now = System.nanoTime();
        pending.values().removeIf(p -> now - p.expiresNanos() > 0);
        for (LiveStream s : active) {
            if (s.idleNanos() > idle.toNanos()) {
                s.fail(LiveStream.CLOSE_POLICY, "closed after " + idle.toSeconds() + " s without a message");
            }
        }
    }
}
