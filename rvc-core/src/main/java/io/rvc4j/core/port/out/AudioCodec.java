package io.rvc4j.core.port.out;

import io.rvc4j.core.model.AudioClip;
import io.rvc4j.core.model.DecodeSpec;
import io.rvc4j.core.model.OutputFormat;

/** Turns encoded audio into clips and back. */
public interface AudioCodec {

    /**
     * Decodes any container and codec the implementation reads.
     *
     * @throws io.rvc4j.core.error.InvalidAudioException for empty, corrupt, audio-less or over-long input
     */
    AudioClip decode(byte[] data, DecodeSpec spec);

    /** Encodes a clip; the result is a complete file in {@code format}. */
    byte[] encode(AudioClip clip, OutputFormat format);
}
