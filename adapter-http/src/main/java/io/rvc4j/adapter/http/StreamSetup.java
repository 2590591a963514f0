package io.rvc4j.adapter.http;

import io.rvc4j.core.error.InvalidParameterException;
import io.rvc4j.core.model.StreamSettings;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The stream's PCM contract, read from the first JSON message. Defaults a simple client can rely on: 16 kHz, mono,
 * s16le, 500 ms blocks, 1 s of left context, 50 ms crossfade, 12.5 ms SOLA search, a -60 dB silence gate
 * ({@link StreamSettings#defaults(int)}).
 *
 * @param format the PCM encoding both ways
 * @param channels interleaved channels both ways (the voice is converted in mono and copied to every channel)
 * @param settings the core stream settings, in frames
 */
record StreamSetup(PcmFormat format, int channels, StreamSettings settings) {
    static final int DEFAULT_SAMPLE_RATE = 16_000;
    static final int MAX_CHANNELS = 8;
    /** The core's block bounds: 1/50 s to 4 s (StreamSettings). */
    static final double MIN_BLOCK_MS = 20;
    static final double MAX_BLOCK_MS = 4000;
    static final double MAX_CONTEXT_MS = 4000;

    static StreamSetup parse(Function<String, String> fields) {
        RequestParams p = new RequestParams(fields);
        int rate = p.text("sample_rate").map(v -> RequestParams.integer("sample_rate", v)).orElse(DEFAULT_SAMPLE_RATE);
        if (rate < 8_000 || rate > 192_000) {
            throw new InvalidParameterException("sample_rate", "must be an integer between 8000 and 192000, got " + rate);
        }
        StreamSettings d = StreamSettings.defaults(rate);
        int channels = p.text("channels").map(v -> RequestParams.integer("channels", v)).orElse(1);
        if (channels < 1 || channels > MAX_CHANNELS) {
            throw new InvalidParameterException("channels", "must be an integer between 1 and " + MAX_CHANNELS
                    + ", got " + channels);
        }
        PcmFormat format = p.text("format").map(PcmFormat::parse).orElse(PcmFormat.S16LE);
        int block;
        if (p.text("block_size").isPresent()) {
            block = RequestParams.integer("block_size", p.text("block_size").get());
            inRange("block_size", block, frames(MIN_BLOCK_MS, rate), frames(MAX_BLOCK_MS, rate), "frames");
        } else {
            block = p.text("block_ms").map(v -> frames(ms("block_ms", v, MIN_BLOCK_MS, MAX_BLOCK_MS), rate))
                    .orElse(d.blockFrames());
        }
        double blockMs = 1000.0 * block / rate;
        int context = p.text("context_ms").map(v -> frames(ms("context_ms", v, 0, MAX_CONTEXT_MS), rate))
                .orElse(d.contextFrames());
        int crossfade = p.text("crossfade_ms").map(v -> frames(ms("crossfade_ms", v, 0, blockMs), rate))
                .orElse(Math.min(d.crossfadeFrames(), block));
        int search = p.text("search_ms").map(v -> frames(ms("search_ms", v, 0, blockMs), rate))
                .orElse(Math.min(d.searchFrames(), block));
        double gate = p.text("silence_threshold_db").map(v -> RequestParams.number("silence_threshold_db", v))
                .orElse(d.silenceThresholdDb());
        if (gate < -120 || gate > 0) {
            throw new InvalidParameterException("silence_threshold_db", "must be between -120 and 0, got " + gate);
        }
        return new StreamSetup(format, channels, new StreamSettings(rate, block, context, crossfade, search, gate));
    }

    /** The effective settings as the ack reports them. */
    Map<String, Object> describe() {
        StreamSettings s = settings;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sample_rate", s.sampleRate());
        m.put("channels", channels);
        m.put("format", format.id());
        m.put("block_size", s.blockFrames());
        m.put("block_ms", ms(s.blockFrames()));
        m.put("block_bytes", s.blockFrames() * channels * format.bytesPerSample());
        m.put("context_ms", ms(s.contextFrames()));
        m.put("crossfade_ms", ms(s.crossfadeFrames()));
        m.put("search_ms", ms(s.searchFrames()));
        m.put("silence_threshold_db", s.silenceThresholdDb());
        return m;
    }

    double ms(int frames) {
        return Math.round(1e4 * frames / settings.sampleRate()) / 10.0;
    }

    private static double ms(String name, String text, double min, double max) {
        double v = RequestParams.number(name, text);
        if (v < min || v > max) {
            throw new InvalidParameterException(name, "must be between " + min + " and " + max + " ms, got " + text);
        }
        return v;
    }

    private static int frames(double ms, int rate) {
        return (int) Math.round(ms * rate / 1000.0);
    }

    private static void inRange(String name, int v, int min, int max, String unit) {
        if (v < min || v > max) {
            throw new InvalidParameterException(name, "must be between " + min + " and " + max + " " + unit + ", got " + v);
        }
    }
}
