package io.rvc4j.core.port.in;

import io.rvc4j.core.model.StreamSettings;

/**
 * One client's real-time conversion. Input may arrive in chunks of any size; output comes in whole blocks, so that
 * output frame {@code i} corresponds to input frame {@code i - latencyFrames()}. Not thread-safe: one client, one
 * thread at a time.
 */
public interface VoiceStream extends AutoCloseable {

    StreamSettings settings();

    /** Accepts input samples and returns whatever output became ready (possibly none). */
    float[] push(float[] samples);

    /** Ends the input: pads the last partial block with silence and returns the remaining output. */
    float[] flush();

    /** Delay between an input sample and its converted output, in frames. */
    int latencyFrames();

    /** Releases the stream's state; idempotent. */
    @Override
    void close();
}
