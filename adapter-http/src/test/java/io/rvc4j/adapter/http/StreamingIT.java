package io.rvc4j.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The WebSocket stream on a real server with the JDK's WebSocket client, over the real SOLA stitcher and sinc
 * resampler. With the echo converter every block lines up with the held-back tail at offset 0, so the converted
 * stream is the input delayed by exactly the reported latency, which makes order, alignment and length checkable
 * sample by sample.
 */
class StreamingIT {
    private static final double TONE_HZ = 100;
    private static ServerHarness h;

    @BeforeAll
    static void start() {
        h = new ServerHarness();
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    /** Runs a whole session: params, chunks, end; returns the output samples (mono) and checks the framing. */
    private static float[] runSession(ServerHarness.Socket s, float[] input, int chunkFrames, JsonNode[] ackOut) {
        s.sendText("{}");
        JsonNode ack = s.nextJson();
        assertThat(ack.get("type").asText()).isEqualTo("ready");
        ackOut[0] = ack;
        for (int i = 0; i < input.length; i += chunkFrames) {
            float[] chunk = java.util.Arrays.copyOfRange(input, i, Math.min(input.length, i + chunkFrames));
            s.sendBinary(PcmFormat.S16LE.encode(chunk, 1));
        }
        s.sendText("{\"type\": \"end\"}");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int blockBytes = ack.get("block_bytes").asInt();
        while (true) {
            Object m = s.next();
            if (m instanceof byte[] b) {
                out.writeBytes(b);
                continue;
            }
            JsonNode end = s.nextJsonFrom(m);
            assertThat(end.get("type").asText()).as("after the audio comes the end message").isEqualTo("end");
            assertThat(end.get("input_frames").asInt()).isEqualTo(input.length);
            assertThat(end.get("output_frames").asInt()).isEqualTo(input.length);
            int block = ack.get("block_size").asInt();
            assertThat(end.get("blocks").asInt()).isEqualTo((input.length + block - 1) / block);
            assertThat(end.get("mean_block_compute_ms").asDouble()).isPositive()
                    .isLessThanOrEqualTo(end.get("max_block_compute_ms").asDouble());
            break;
        }
        assertThat(s.next()).isEqualTo(new ServerHarness.Socket.Closed(1000, "end of stream"));
        assertThat(blockBytes).isEqualTo(ack.get("block_size").asInt() * 2);
        return PcmFormat.S16LE.decodeMono(ByteBuffer.wrap(out.toByteArray()), 1);
    }

    /** Two tones whose sum does not repeat within the SOLA search, so only the right alignment matches. */
    static float[] voice(double seconds, double amplitude) {
        float[] a = EngineDoubles.sine(16_000, seconds, 97, amplitude);
        float[] b = EngineDoubles.sine(16_000, seconds, 151, amplitude);
        for (int i = 0; i < a.length; i++) {
            a[i] += b[i];
        }
        return a;
    }

    private static void assertDelayedCopy(float[] input, float[] output, int latency) {
        assertThat(output).hasSize(input.length);
        double worst = 0;
        for (int i = latency; i < output.length; i++) {
            worst = Math.max(worst, Math.abs(output[i] - input[i - latency]));
        }
        // Measured: 3.8e-4 at the right delay (sinc round trip 16k -> 40k -> 16k per window, SOLA crossfades, two
        // 16-bit quantisations), 0.029 one frame off; 0.002 sits between with margin on both sides.
        assertThat(worst).as("largest deviation from the input delayed by %d frames", latency).isLessThan(0.002);
    }

    @Test
    void streams_params_then_chunks_and_returns_the_converted_chunks_in_order_with_the_input_length() {
        ServerHarness.Socket s = h.openStream("{\"model_name\": \"alice\"}");
        float[] input = voice(1.3, 0.3);
        JsonNode[] ack = new JsonNode[1];
        float[] output = runSession(s, input, 1600, ack);
        assertThat(ack[0].get("sample_rate").asInt()).isEqualTo(16_000);
        assertThat(ack[0].get("channels").asInt()).isEqualTo(1);
        assertThat(ack[0].get("format").asText()).isEqualTo("s16le");
        assertThat(ack[0].get("block_size").asInt()).isEqualTo(8000);
        assertThat(ack[0].get("block_ms").asDouble()).isEqualTo(500.0);
        int latency = ack[0].get("latency_frames").asInt();
        assertThat(latency).isEqualTo(800 + 200); // 50 ms crossfade + 12.5 ms search at 16 kHz
        assertThat(ack[0].get("latency_ms").asDouble()).isEqualTo(62.5);
        assertDelayedCopy(input, output, latency);
    }

    @Test
    void honours_the_pcm_contract_of_the_first_message_float_stereo_small_blocks() {
        ServerHarness.Socket s = h.openStream("{\"model_name\": \"bob\"}");
        s.sendText("{\"format\": \"f32le\", \"channels\": 2, \"sample_rate\": 16000, \"block_ms\": 100, "
                + "\"crossfade_ms\": 10, \"search_ms\": 5, \"context_ms\": 200}");
        JsonNode ack = s.nextJson();
        assertThat(ack.get("block_size").asInt()).isEqualTo(1600);
        assertThat(ack.get("latency_frames").asInt()).isEqualTo(160 + 80);
        assertThat(ack.get("block_bytes").asInt()).isEqualTo(1600 * 2 * 4);
        float[] mono = EngineDoubles.sine(16_000, 0.25, TONE_HZ, 0.5);
        s.sendBinary(PcmFormat.F32LE.encode(mono, 2));
        byte[] first = (byte[]) s.next();
        assertThat(first.length).as("two whole 100 ms blocks of stereo f32").isEqualTo(2 * 1600 * 2 * 4);
        ByteBuffer b = ByteBuffer.wrap(first).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 3200; i++) {
            assertThat(b.getFloat()).as("left and right of frame %d", i).isEqualTo(b.getFloat());
        }
        s.sendText("{\"type\": \"end\"}");
        assertThat(s.next()).isInstanceOf(byte[].class);
        assertThat(s.nextJson().get("output_frames").asInt()).isEqualTo(mono.length);
    }

    @Test
    void the_setup_request_sets_the_session_defaults_and_the_first_message_overrides_them() {
        ServerHarness.Socket s = h.openStream("{\"model_name\": \"alice\", \"block_ms\": 100, \"pitch_change\": 5}");
        s.sendText("{\"pitch_change\": 7}");
        JsonNode ack = s.nextJson();
        assertThat(ack.get("block_size").asInt()).as("from the POST body").isEqualTo(1600);
        s.sendBinary(PcmFormat.S16LE.encode(voice(0.1, 0.3), 1));
        assertThat(s.next()).isInstanceOf(byte[].class);
        assertThat(h.engine.converter.lastParams.pitch()).as("the first message wins").isEqualTo(7);
    }

    @Test
    void an_empty_binary_frame_ends_the_input_as_in_the_seed() {
        ServerHarness.Socket s = h.openStream("{\"model_name\": \"alice\"}");
        s.sendText("{\"block_ms\": 100}");
        s.nextJson();
        s.sendBinary(PcmFormat.S16LE.encode(EngineDoubles.sine(16_000, 0.05, TONE_HZ, 0.5), 1));
        s.sendBinary(new byte[0]);
        assertThat(((byte[]) s.next()).length).isEqualTo(800 * 2);
        assertThat(s.nextJson().get("type").asText()).isEqualTo("end");
    }

    @Test
    void bad_parameters_in_the_first_message_answer_an_error_and_close() {
        ServerHarness.Socket s = h.openStream("{\"model_name\": \"alice\"}");
        s.sendText("{\"pitch_change\": 99}");
        JsonNode error = s.nextJson();
        assertThat(error.get("error").asText()).contains("pitch_change").contains("24");
        assertThat(((ServerHarness.Socket.Closed) s.next()).code()).isEqualTo(1008);
    }

    @Test
    void bad_pcm_settings_and_audio_before_parameters_answer_an_error() {
        ServerHarness.Socket s1 = h.openStream("{\"model_name\": \"alice\"}");
        s1.sendText("{\"format\": \"mp3\"}");
        assertThat(s1.nextJson().get("error").asText()).contains("format").contains("s16le");
        ServerHarness.Socket s2 = h.openStream("{\"model_name\": \"alice\"}");
        s2.sendBinary(new byte[320]);
        assertThat(s2.nextJson().get("error").asText()).contains("JSON parameters");
        ServerHarness.Socket s3 = h.openStream("{\"model_name\": \"alice\"}");
        s3.sendText("{}");
        s3.nextJson();
        s3.sendBinary(new byte[3]);
        assertThat(s3.nextJson().get("error").asText()).contains("whole frames");
    }

    @Test
    void an_unknown_session_and_a_reused_session_answer_an_error_and_close() {
        ServerHarness.Socket unknown = h.connect("/ws/not-a-session");
        assertThat(unknown.nextJson().get("error").asText()).contains("unknown");
        assertThat(((ServerHarness.Socket.Closed) unknown.next()).code()).isEqualTo(1008);

        JsonNode created = ServerHarness.json(h.postJson("/convert/stream", "{\"model_name\": \"alice\"}"));
        String url = created.get("websocket_url").asText();
        ServerHarness.Socket first = h.connect(url);
        first.sendText("{}");
        assertThat(first.nextJson().get("type").asText()).isEqualTo("ready");
        ServerHarness.Socket again = h.connect(url);
        assertThat(again.nextJson().get("error").asText()).contains("already used");
    }

    @Test
    void two_sessions_convert_at_the_same_time_each_with_its_own_correct_output() {
        float[] a = voice(1.2, 0.3);
        float[] b = voice(1.2, -0.2);
        ServerHarness.Socket sa = h.openStream("{\"model_name\": \"alice\"}");
        ServerHarness.Socket sb = h.openStream("{\"model_name\": \"bob\"}");
        CompletableFuture<float[]> fa = CompletableFuture.supplyAsync(() -> runSession(sa, a, 2000, new JsonNode[1]));
        CompletableFuture<float[]> fb = CompletableFuture.supplyAsync(() -> runSession(sb, b, 3000, new JsonNode[1]));
        assertDelayedCopy(a, fa.join(), 1000);
        assertDelayedCopy(b, fb.join(), 1000);
    }

    @Test
    void a_session_stuck_in_conversion_does_not_delay_another_session() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        h.engine.converter.heldModel = "bob";
        h.engine.converter.hold = gate;
        try {
            ServerHarness.Socket slow = h.openStream("{\"model_name\": \"bob\"}");
            slow.sendText("{\"block_ms\": 100}");
            slow.nextJson();
            slow.sendBinary(PcmFormat.S16LE.encode(EngineDoubles.sine(16_000, 0.2, TONE_HZ, 0.5), 1));
            float[] input = voice(1.0, 0.3);
            long start = System.nanoTime();
            float[] out = runSession(h.openStream("{\"model_name\": \"alice\"}"), input, 1600, new JsonNode[1]);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertDelayedCopy(input, out, 1000);
            assertThat(slow.messages).as("the stuck session has produced nothing yet").isEmpty();
        } finally {
            gate.countDown();
            h.engine.converter.hold = null;
            h.engine.converter.heldModel = null;
        }
    }

    @Test
    void a_client_that_stops_reading_does_not_block_another_session() {
        ServerHarness.Socket deaf = h.openStream("{\"model_name\": \"alice\"}");
        deaf.sendText("{\"block_ms\": 20, \"crossfade_ms\": 5, \"search_ms\": 2}");
        deaf.nextJson();
        deaf.stopReading();
        byte[] second = PcmFormat.S16LE.encode(EngineDoubles.sine(16_000, 1.0, TONE_HZ, 0.5), 1);
        for (int i = 0; i < 5; i++) {
            deaf.sendBinary(second);
        }
        float[] input = voice(1.0, 0.3);
        float[] out = runSession(h.openStream("{\"model_name\": \"alice\"}"), input, 1600, new JsonNode[1]);
        assertDelayedCopy(input, out, 1000);
    }

    @Test
    void refuses_more_sessions_than_the_limit_with_503_and_frees_the_place_when_one_ends() {
        try (ServerHarness two = new ServerHarness(c -> c.withStreams(2, Duration.ofSeconds(30), Duration.ofSeconds(30)))) {
            ServerHarness.Socket a = two.openStream("{\"model_name\": \"alice\"}");
            a.sendText("{}");
            a.nextJson();
            assertThat(two.postJson("/convert/stream", "{\"model_name\": \"alice\"}").statusCode()).isEqualTo(200);
            var refused = two.postJson("/convert/stream", "{\"model_name\": \"alice\"}");
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();
            a.sendText("{\"type\": \"end\"}");
            while (!(a.next() instanceof ServerHarness.Socket.Closed)) {
                // drain until the session has closed
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            int status;
            do {
                status = two.postJson("/convert/stream", "{\"model_name\": \"alice\"}").statusCode();
            } while (status != 200 && System.nanoTime() < deadline);
            assertThat(status).isEqualTo(200);
        }
    }

    @Test
    void an_idle_session_is_closed_with_a_message_and_an_unclaimed_one_expires() throws Exception {
        try (ServerHarness quick = new ServerHarness(c -> c.withStreams(8, Duration.ofMillis(400), Duration.ofMillis(400)))) {
            idleAndExpiry(quick);
        }
    }

    private static void idleAndExpiry(ServerHarness h) throws Exception {
        ServerHarness.Socket idle = h.openStream("{\"model_name\": \"alice\"}");
        idle.sendText("{}");
        idle.nextJson();
        JsonNode error = idle.nextJson();
        assertThat(error.get("error").asText()).contains("without a message");
        assertThat(((ServerHarness.Socket.Closed) idle.next()).code()).isEqualTo(1008);

        String url = ServerHarness.json(h.postJson("/convert/stream", "{\"model_name\": \"alice\"}"))
                .get("websocket_url").asText();
        TimeUnit.MILLISECONDS.sleep(700);
        assertThat(h.connect(url).nextJson().get("error").asText()).contains("expired");
    }
}
