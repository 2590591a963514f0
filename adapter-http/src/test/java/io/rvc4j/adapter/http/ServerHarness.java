package io.rvc4j.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/** A real server on a free port over {@link EngineDoubles}, a temp models dir with "alice" and "bob", and a real client. */
final class ServerHarness implements AutoCloseable {
    /** The checkpoint magic torch.save writes (a zip archive); the doubles never read further. */
    static final byte[] FAKE_PTH = {'P', 'K', 3, 4, 0, 0, 0, 0};

    final Path modelsDir;
    final EngineDoubles engine;
    final RvcServer server;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ServerHarness() {
        this(c -> c);
    }

    ServerHarness(UnaryOperator<ServerConfig> tweak) {
        try {
            modelsDir = Files.createTempDirectory("rvc-http-models");
            Files.createDirectories(modelsDir.resolve("alice"));
            Files.write(modelsDir.resolve("alice/alice.pth"), FAKE_PTH);
            Files.write(modelsDir.resolve("bob.pth"), FAKE_PTH);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        engine = new EngineDoubles(modelsDir);
        server = new RvcServer(engine.rvc, tweak.apply(ServerConfig.defaults(modelsDir))).start();
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<byte[]> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    HttpResponse<byte[]> postJson(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** POSTs {@code body} with chunked transfer encoding: a streamed publisher sends no {@code Content-Length}. */
    HttpResponse<byte[]> postChunked(String path, String contentType, byte[] body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body))).build());
    }

    HttpResponse<byte[]> postMultipart(String path, Multipart body) {
        return send(body.request(uri(path)).build());
    }

    static JsonNode json(HttpResponse<byte[]> response) {
        try {
            return JsonFields.MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + new String(response.body(), StandardCharsets.UTF_8), e);
        }
    }

    /** Opens a WebSocket to {@code path}, collecting every message (String or byte[]) in arrival order. */
    Socket connect(String path) {
        Socket socket = new Socket();
        socket.ws = http.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + server.port() + path), socket)
                .orTimeout(5, TimeUnit.SECONDS).join();
        return socket;
    }

    /** Gets a session id from {@code POST /convert/stream} and connects to it. */
    Socket openStream(String setupJson) {
        JsonNode created = json(postJson("/convert/stream", setupJson));
        return connect(created.get("websocket_url").asText());
    }

    @Override
    public void close() {
        server.stop();
        engine.rvc.close();
        try (Stream<Path> walk = Files.walk(modelsDir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A multipart/form-data body. */
    static final class Multipart {
        private final String boundary = "----rvc4j" + UUID.randomUUID();
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final Map<String, String> fields = new LinkedHashMap<>();

        Multipart field(String name, Object value) {
            fields.put(name, String.valueOf(value));
            write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n");
            return this;
        }

        Multipart file(String name, String fileName, byte[] data) {
            write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + fileName
                    + "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
            out.writeBytes(data);
            write("\r\n");
            return this;
        }

        HttpRequest.Builder request(URI uri) {
            return HttpRequest.newBuilder(uri).header("Content-Type", contentType())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bytes()));
        }

        String contentType() {
            return "multipart/form-data; boundary=" + boundary;
        }

        byte[] bytes() {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.writeBytes(out.toByteArray());
            body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            return body.toByteArray();
        }

        private void write(String s) {
            out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A WebSocket client that queues whole messages; a close arrives as a {@link Closed}. */
    static final class Socket implements WebSocket.Listener {
        final BlockingQueue<Object> messages = new LinkedBlockingQueue<>();
        WebSocket ws;
        private volatile boolean reading = true;
        private final StringBuilder text = new StringBuilder();
        private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

        record Closed(int code, String reason) {
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                messages.add(text.toString());
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] b = new byte[data.remaining()];
            data.get(b);
            binary.writeBytes(b);
            if (last) {
                messages.add(binary.toByteArray());
                binary.reset();
            }
            if (reading) {
                webSocket.request(1);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            messages.add(new Closed(statusCode, reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            messages.add(new Closed(-1, String.valueOf(error)));
        }

        void sendText(String s) {
            ws.sendText(s, true).join();
        }

        void sendBinary(byte[] b) {
            ws.sendBinary(ByteBuffer.wrap(b), true).join();
        }

        Object next() {
            try {
                Object m = messages.poll(10, TimeUnit.SECONDS);
                if (m == null) {
                    throw new AssertionError("no WebSocket message within 10 s");
                }
                return m;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }

        JsonNode nextJson() {
            return nextJsonFrom(next());
        }

        /** Stops asking for messages, as a client that no longer reads its socket. */
        void stopReading() {
            reading = false;
        }

        JsonNode nextJsonFrom(Object m) {
            if (!(m instanceof String s)) {
                throw new AssertionError("expected a JSON text message, got " + describe(m));
            }
            try {
                return JsonFields.MAPPER.readTree(s);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + s, e);
            }
        }

        static String describe(Object m) {
            return m instanceof byte[] b ? b.length + " binary bytes" : String.valueOf(m);
        }
    }
}
