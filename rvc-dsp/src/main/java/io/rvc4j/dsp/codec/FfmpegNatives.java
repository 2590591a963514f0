package io.rvc4j.dsp.codec;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_WARNING;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import org.bytedeco.ffmpeg.avutil.LogCallback;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the FFmpeg natives from the Bytedeco jars once and routes FFmpeg's log (stderr by default) to SLF4J. The
 * callback is process-wide and called from native threads concurrently, so it lives in a static field (otherwise
 * the GC would free its native thunk) and is stateless.
 */
final class FfmpegNatives {
    private static final Logger LOG = LoggerFactory.getLogger("io.rvc4j.dsp.codec.ffmpeg");
    /** Linux EAGAIN as an FFmpeg error code (there is no AVERROR_EAGAIN constant in the presets). */
    static final int AVERROR_EAGAIN = -11;

    private static final LogCallback CALLBACK = new LogCallback() {
        @Override
        public void call(int level, BytePointer message) {
            String text = message == null ? "" : message.getString().strip();
            if (level <= AV_LOG_ERROR) {
                LOG.debug("ffmpeg error: {}", text);
            } else if (LOG.isTraceEnabled()) {
                LOG.trace("ffmpeg: {}", text);
            }
        }
    };

    static {
        avutil.setLogCallback(CALLBACK);
        av_log_set_level(AV_LOG_WARNING);
    }

    private FfmpegNatives() {
    }

    /** Triggers the static initialiser: natives loaded, logging routed. */
    static void ensureLoaded() {
        // the work happens in the static block
    }

    /** FFmpeg's text for an error code. */
    static String describe(int code) {
        byte[] buf = new byte[256];
        av_strerror(code, buf, buf.length);
        int n = 0;
        while (n < buf.length && buf[n] != 0) {
            n++;
        }
        return new String(buf, 0, n, java.nio.charset.StandardCharsets.UTF_8) + " (" + code + ")";
    }
}
