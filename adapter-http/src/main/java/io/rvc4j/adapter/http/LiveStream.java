package io.rvc4j.adapter.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.rvc4j.core.error.InvalidAudioException;
import io.rvc4j.core.error.InvalidModelFileException;
import io.rvc4j.core.error.InvalidParameterException;
import io.rvc4j.core.error.ModelNotFoundException;
import io.rvc4j.core.model.ConversionParams;
import io.rvc4j.core.model.ModelRef;
import io.rvc4j.core.port.in.OpenStreamCommand;
import io.rvc4j.core.port.in.VoiceStream;
import io.rvc4j.engine.Rvc;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connected client. Messages are handled in arrival order on the session's own thread, behind a bounded queue, so
 * a slow conversion or a slow reader only ever delays its own session. Sends are asynchronous; when the client stops
 * reading and more than {@link #MAX_UNSENT_SECONDS} of audio piles up unsent, the session is closed rather than let
 * memory grow.
 */
final class LiveStream {
    private static final Logger LOG = LoggerFactory.getLogger(LiveStream.class);
    /** Messages that may wait for the session's thread (many tiny chunks); past it the session is closed. */
    static final int MAX_QUEUED_MESSAGES = 4096;
    /**
     * Input audio that may wait for conversion: a client may send a recording faster than real time, but no more than
     * this far ahead of the converter.
     */
    static final double MAX_QUEUED_SECONDS = 60;
    /** The byte budget until the parameters are known. */
    private static final long MAX_QUEUED_BYTES_BEFORE_SETUP = 8L * 1024 * 1024;
    /** Converted audio that may wait for a client that does not read. */
    static final double MAX_UNSENT_SECONDS = 20;
    static final int CLOSE_NORMAL = 1000;
    static final int CLOSE_GOING_AWAY = 1001;
    static final int CLOSE_POLICY = 1008;
    static final int CLOSE_INTERNAL = 1011;

    private final StreamRegistry.Pending pending;
    private final Rvc rvc;
    private final ParamDefaults defaults;
    private final Session socket;
    private final ThreadPoolExecutor worker;
    private final AtomicLong unsentBytes = new AtomicLong();
    private final AtomicLong queuedBytes = new AtomicLong();
    private volatile long lastActivityNanos = System.nanoTime();
    private volatile boolean closed;
    /** Set once the last message (end or error) is out; later failures add nothing. */
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile boolean goingAway;
    private boolean paramsReceived;
    private volatile StreamSetup setup;
    private VoiceStream stream;
    private StreamStats stats;

    LiveStream(StreamRegistry.Pending pending, Rvc rvc, ParamDefaults defaults, Session socket) {
        this.pending = pending;
        this.rvc = rvc;
        this.defaults = defaults;
        this.socket = socket;
        this.worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(MAX_QUEUED_MESSAGES), r -> {
                    Thread t = new Thread(r, "rvc-stream-" + pending.id().substring(0, 8));
                    t.setDaemon(true);
                    return t;
                });
    }

    String id() {
        return pending.id();
    }

    /** Time since the client's last message; zero while the session still has work, since then the client waits on us. */
    long idleNanos() {
        if (worker.getActiveCount() > 0 || !worker.getQueue().isEmpty()) {
            return 0;
        }
        return System.nanoTime() - lastActivityNanos;
    }

    /** A text frame: the parameters first, later {@code {"type": "end"}}. Called on Jetty's thread. */
    void onText(String text) {
        lastActivityNanos = System.nanoTime();
        if (goingAway) {
            return;
        }
        if (!paramsReceived) {
            paramsReceived = true;
            enqueue(() -> start(text));
        } else if (JsonFields.isEndMessage(text)) {
            enqueue(this::finish);
        } else {
            fail(CLOSE_POLICY, "after the parameters only binary audio or {\"type\": \"end\"} may be sent");
        }
    }

    /** A binary frame: PCM, or an empty frame that ends the input as the seed's code does. */
    void onBinary(ByteBuffer data) {
        lastActivityNanos = System.nanoTime();
        if (goingAway) {
            return;
        }
        if (!paramsReceived) {
            fail(CLOSE_POLICY, "send the JSON parameters before any audio");
            return;
        }
        if (!data.hasRemaining()) {
            enqueue(this::finish);
            return;
        }
        int size = data.remaining();
        StreamSetup known = setup;
        long budget = known == null ? MAX_QUEUED_BYTES_BEFORE_SETUP : (long) (MAX_QUEUED_SECONDS
                * known.settings().sampleRate()) * known.channels() * known.format().bytesPerSample();
        if (queuedBytes.addAndGet(size) > budget) {
            fail(CLOSE_POLICY, "input backlog exceeded: more than " + (int) MAX_QUEUED_SECONDS
                    + " s of audio waits to be converted; send audio no faster than it can be converted");
            return;
        }
        ByteBuffer copy = ByteBuffer.allocate(size).put(data).flip();
        enqueue(() -> {
            queuedBytes.addAndGet(-size);
            push(copy);
        });
    }

    /** Closes the session with an error message first; safe from any thread, more than once (the first one counts). */
    void fail(int code, String message) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        sendJson(ApiErrors.body(message, null));
        shutdown(code, message);
    }

    /** Server stop: drop new input, convert and flush what has arrived, send it, then {@code reason} and 1001. */
    void goAway(String reason) {
        goingAway = true;
        try {
            worker.execute(() -> {
                try {
                    if (!closed && stream != null) {
                        send(stream.flush());
                    }
                } catch (RuntimeException e) {
                    LOG.warn("stream {}: could not flush before shutdown: {}", id().substring(0, 8), e.toString());
                }
                fail(CLOSE_GOING_AWAY, reason);
            });
        } catch (RejectedExecutionException e) {
            fail(CLOSE_GOING_AWAY, reason);
        }
    }

    /** The socket went away (client close, network, server stop): drop queued work and free the stream. */
    void onClosed() {
        closed = true;
        worker.getQueue().clear();
        try {
            worker.execute(this::release);
        } catch (RejectedExecutionException e) {
            // already shut down: release() ran or will run
        }
        worker.shutdown();
    }

    private void start(String text) {
        JsonFields first = JsonFields.parse(text, "the first message");
        var fields = pending.fields().under(first);
        RequestParams params = new RequestParams(fields);
        ModelRef model = first.has("model_name") || first.has("voice_model") ? params.model(defaults) : pending.model();
        ConversionParams conversion = params.conversion(defaults.base());
        setup = StreamSetup.parse(fields);
        stats = new StreamStats(setup.settings().blockFrames());
        stream = rvc.openStream().open(new OpenStreamCommand(model, conversion, setup.settings()));
        Map<String, Object> ack = new LinkedHashMap<>();
        ack.put("type", "ready");
        ack.put("session_id", id());
        ack.put("model_name", ((ModelRef.ByName) model).name());
        ack.putAll(setup.describe());
        ack.put("latency_frames", stream.latencyFrames());
        ack.put("latency_ms", setup.ms(stream.latencyFrames()));
        ack.put("expected_delay_ms", setup.ms(stream.latencyFrames() + setup.settings().blockFrames()));
        sendJson(ack);
    }

    private void push(ByteBuffer data) {
        float[] in = setup.format().decodeMono(data, setup.channels());
        stats.input(in.length);
        long start = System.nanoTime();
        float[] out = stream.push(in);
        stats.converted(start, out.length / setup.settings().blockFrames());
        send(out);
    }

    private void finish() {
        long start = System.nanoTime();
        float[] out = stream.flush();
        stats.converted(start, out.length == 0 ? 0 : 1);
        send(out);
        Map<String, Object> end = stats.endMessage();
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        sendJson(end);
        shutdown(CLOSE_NORMAL, "end of stream");
    }

    private void send(float[] converted) {
        if (converted.length == 0) {
            return;
        }
        stats.output(converted.length);
        byte[] bytes = setup.format().encode(converted, setup.channels());
        long limit = (long) (MAX_UNSENT_SECONDS * setup.settings().sampleRate()) * setup.channels()
                * setup.format().bytesPerSample();
        if (unsentBytes.addAndGet(bytes.length) > limit) {
            fail(CLOSE_POLICY, "the client is not reading: more than " + (int) MAX_UNSENT_SECONDS
                    + " s of converted audio is waiting to be sent");
            return;
        }
        synchronized (socket) {
            socket.sendBinary(ByteBuffer.wrap(bytes), Callback.from(() -> unsentBytes.addAndGet(-bytes.length),
                    e -> unsentBytes.addAndGet(-bytes.length)));
        }
    }

    private void sendJson(Map<String, ?> message) {
        try {
            String text = JsonFields.MAPPER.writeValueAsString(message);
            synchronized (socket) {
                if (socket.isOpen()) {
                    socket.sendText(text, Callback.NOOP);
                }
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON message", e);
        }
    }

    private void enqueue(Runnable task) {
        if (closed) {
            return;
        }
        try {
            worker.execute(() -> runTask(task));
        } catch (RejectedExecutionException e) {
            if (!closed) {
                fail(CLOSE_POLICY, "input backlog exceeded: more than " + MAX_QUEUED_MESSAGES
                        + " messages wait to be converted; send larger chunks or send them more slowly");
            }
        }
    }

    private void runTask(Runnable task) {
        if (closed) {
            return;
        }
        try {
            task.run();
        } catch (InvalidParameterException e) {
            fail(CLOSE_POLICY, RequestParams.renamed(e).getMessage());
        } catch (ModelNotFoundException e) {
            fail(CLOSE_POLICY, ApiErrors.clientMessage(e));
        } catch (InvalidAudioException | InvalidModelFileException | ApiException e) {
            fail(CLOSE_POLICY, e.getMessage());
        } catch (RuntimeException e) {
            String ref = Long.toHexString(System.nanoTime());
            LOG.error("stream {} failed (ref {})", id().substring(0, 8), ref, e);
            fail(CLOSE_INTERNAL, "internal error while converting the stream (ref " + ref + ")");
        }
    }

    private void shutdown(int code, String reason) {
        closed = true;
        synchronized (socket) {
            if (socket.isOpen()) {
                socket.close(code, reason.length() > 120 ? reason.substring(0, 120) : reason, Callback.NOOP);
            }
        }
    }

    private void release() {
        if (stream != null) {
            stream.close();
        }
    }
}
