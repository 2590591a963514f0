package io.rvc4j.adapter.http;

import io.rvc4j.core.error.InvalidAudioException;
import io.rvc4j.core.error.InvalidParameterException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Locale;

/** Raw interleaved little-endian PCM as the stream carries it: 16-bit integers or 32-bit floats. */
enum PcmFormat {
    S16LE("s16le", 2),
    F32LE("f32le", 4);

    /** Full scale of 16-bit PCM, as numpy/soundfile scale int16 to float. */
    private static final float S16_SCALE = 32768f;

    private final String id;
    private final int bytesPerSample;

    PcmFormat(String id, int bytesPerSample) {
        this.id = id;
        this.bytesPerSample = bytesPerSample;
    }

    String id() {
        return id;
    }

    int bytesPerSample() {
        return bytesPerSample;
    }

    static PcmFormat parse(String text) {
        String key = text.trim().toLowerCase(Locale.ROOT);
        for (PcmFormat f : values()) {
            if (f.id.equals(key)) {
                return f;
            }
        }
        throw new InvalidParameterException("format", "must be s16le or f32le, got '" + text + "'");
    }

    /** Decodes whole frames and mixes them down to mono. */
    float[] decodeMono(ByteBuffer data, int channels) {
        int frameBytes = bytesPerSample * channels;
        if (data.remaining() % frameBytes != 0) {
            throw new InvalidAudioException("a binary message must hold whole frames of " + frameBytes + " bytes ("
                    + channels + " channel(s) of " + id + "), got " + data.remaining() + " bytes");
        }
        ByteBuffer in = data.slice().order(ByteOrder.LITTLE_ENDIAN);
        float[] mono = new float[in.remaining() / frameBytes];
        for (int i = 0; i < mono.length; i++) {
            float sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += this == S16LE ? in.getShort() / S16_SCALE : in.getFloat();
            }
            mono[i] = sum / channels;
        }
        return mono;
    }

    /** Encodes mono samples, copied to every channel; 16-bit output is clipped to full scale. */
    byte[] encode(float[] mono, int channels) {
        ByteBuffer out = ByteBuffer.allocate(mono.length * channels * bytesPerSample).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : mono) {
            for (int c = 0; c < channels; c++) {
                if (this == S16LE) {
                    out.putShort((short) Math.max(-32768, Math.min(32767, Math.round(v * S16_SCALE))));
                } else {
                    out.putFloat(v);
                }
            }
        }
        return out.array();
    }
}
