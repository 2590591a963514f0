package io.rvc4j.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The stream's silence gate on a real server, seen from the client: which blocks reach the model, what comes back. */
class SilenceGateIT {
    /**
     * The silence gate end to end: 4 voiced blocks, 4 blocks of a quiet tone at -50 dBFS (RMS), 4 voiced blocks, with
     * {@code silence_threshold_db: -40}. The quiet blocks must skip the model (the stand-in counts its calls) and come
     * back as digital silence, although the echo converter would have returned the tone (measured with the gate at
     * -60 dB: 12 calls and a peak of 0.0049 there); the voiced blocks on either side must still be the input delayed by
     * {@code latency_frames}.
     */
    @Test
    void blocks_below_the_silence_threshold_skip_the_model_and_come_back_as_silence() {
        try (ServerHarness own = new ServerHarness()) {
            ServerHarness.Socket s = own.openStream("{\"model_name\": \"alice\"}");
            s.sendText("{\"block_ms\": 100, \"crossfade_ms\": 10, \"search_ms\": 5, \"context_ms\": 200, "
                    + "\"silence_threshold_db\": -40}");
            JsonNode ack = s.nextJson();
            assertThat(ack.get("silence_threshold_db").asDouble()).isEqualTo(-40.0);
            int block = ack.get("block_size").asInt();
            int latency = ack.get("latency_frames").asInt();
            float[] voiced = StreamingIT.voice(4.0 * block / 16_000, 0.3);
            // -50 dBFS RMS: a sine of peak 10^(-50/20) * sqrt(2)
            float[] quiet = EngineDoubles.sine(16_000, 4.0 * block / 16_000, 130, Math.pow(10, -50 / 20.0) * Math.sqrt(2));
            float[] input = new float[12 * block];
            System.arraycopy(voiced, 0, input, 0, 4 * block);
            System.arraycopy(quiet, 0, input, 4 * block, 4 * block);
            System.arraycopy(voiced, 0, input, 8 * block, 4 * block);
            int callsBefore = own.engine.converter.started.get();
            for (int i = 0; i < input.length; i += block / 2) {
                s.sendBinary(PcmFormat.S16LE.encode(Arrays.copyOfRange(input, i, i + block / 2), 1));
            }
            s.sendText("{\"type\": \"end\"}");
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            Object m;
            while ((m = s.next()) instanceof byte[] b) {
                bytes.writeBytes(b);
            }
            JsonNode end = s.nextJsonFrom(m);
            assertThat(end.get("blocks").asInt()).isEqualTo(12);
            assertThat(own.engine.converter.started.get() - callsBefore).as("model calls: the 8 voiced blocks only")
                    .isEqualTo(8);
            float[] out = PcmFormat.S16LE.decodeMono(ByteBuffer.wrap(bytes.toByteArray()), 1);
            assertThat(out).hasSize(input.length);

            // After the last voiced block's held-back tail has faded out (crossfade + search = latency_frames) and
            // before the next voiced block's output begins, the output is exactly zero.
            double quietPeak = 0;
            for (int i = 4 * block + latency; i < 8 * block; i++) {
                quietPeak = Math.max(quietPeak, Math.abs(out[i]));
            }
            assertThat(quietPeak).as("output over the gated stretch").isZero();
            double worst = 0;
            for (int i = latency; i < 4 * block; i++) {
                worst = Math.max(worst, Math.abs(out[i] - input[i - latency]));
            }
            for (int i = 9 * block; i < 12 * block; i++) {
                worst = Math.max(worst, Math.abs(out[i] - input[i - latency]));
            }
            // as assertDelayedCopy: 3.8e-4 measured at the right delay, 0.029 one frame off
            assertThat(worst).as("voiced blocks: the input delayed by latency_frames").isLessThan(0.002);
        }
    }
}
