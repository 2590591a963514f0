package io.rvc4j.engine.synth;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.rvc4j.core.error.EngineException;
import io.rvc4j.core.error.InvalidParameterException;

/** Checks the arguments of a synthesizer call, so a bad shape fails with a message instead of deep in libtorch. */
final class DjlSynthesisInputs {

    /**
     * Most frames one call accepts (120 s at 100 frames/s). The attention holds several [heads, T, T] arrays, about
     * 1.2 GB each at this length; RVC's pipeline splits input into chunks of at most about 45 s, far below.
     */
    static final long MAX_FRAMES = 12_000;

    private DjlSynthesisInputs() {
    }

    /** @return the frame count T */
    static long check(SynthesizerConfig c, Device device, NDArray phone, NDArray pitch, NDArray nsff0, int sid) {
        if (phone == null) {
            throw new InvalidParameterException("phone", "is required");
        }
        Shape s = phone.getShape();
        if (s.dimension() != 3 || s.get(0) != 1 || s.get(1) < 1 || s.get(2) != c.phoneChannels()) {
            throw new InvalidParameterException("phone", "must have shape [1, T, " + c.phoneChannels()
                    + "] with T >= 1 for a " + c.version() + " model, got " + s);
        }
        long frames = s.get(1);
        if (frames > MAX_FRAMES) {
            throw new InvalidParameterException("phone", "at most " + MAX_FRAMES + " frames (120 s) per call, got "
                    + frames + "; split longer input as the pipeline does");
        }
        onDevice("phone", phone, device);
        if (sid < 0 || sid >= c.speakers()) {
            throw DjlSynthesizer.badSpeaker(sid, c.speakers());
        }
        if (!c.f0()) {
            return frames;
        }
        if (pitch == null || nsff0 == null) {
            throw new InvalidParameterException(pitch == null ? "pitch" : "nsff0",
                    "is required by a pitch-guided (f0) model");
        }
        for (NDArray a : new NDArray[] {pitch, nsff0}) {
            String name = a == pitch ? "pitch" : "nsff0";
            if (!a.getShape().equals(new Shape(1, frames))) {
                throw new InvalidParameterException(name, "must have shape [1, " + frames + "] like phone, got "
                        + a.getShape());
            }
            onDevice(name, a, device);
        }
        if (!pitch.getDataType().isInteger()) {
            throw new InvalidParameterException("pitch", "must hold integer coarse pitch, got " + pitch.getDataType());
        }
        // One scalar read each, not a per-frame round trip: an out-of-range index would fail inside libtorch.
        long lo = scalar(pitch.min());
        long hi = scalar(pitch.max());
        if (lo < 0 || hi >= DjlTextEncoder.PITCH_BINS) {
            throw new InvalidParameterException("pitch", "coarse pitch must lie in 0.." + (DjlTextEncoder.PITCH_BINS - 1)
                    + ", got values from " + lo + " to " + hi);
        }
        try (NDArray nan = nsff0.isNaN(); NDArray inf = nsff0.isInfinite(); NDArray bad = nan.logicalOr(inf);
                NDArray any = bad.any()) {
            if (any.getBoolean()) {
                throw new InvalidParameterException("nsff0", "must be finite Hz (0 for unvoiced), found NaN or infinity");
            }
        }
        return frames;
    }

    /** The window of the realtime form must lie inside the T frames. */
    static void checkWindow(int skipHead, int returnLength, long frames) {
        if (skipHead < 0 || returnLength < 1 || skipHead + (long) returnLength > frames) {
            throw new InvalidParameterException("return_length", "skip_head " + skipHead + " + return_length "
                    + returnLength + " must fit in the " + frames + " frames, with skip_head >= 0 and return_length >= 1");
        }
    }

    private static long scalar(NDArray a) {
        try (a; NDArray l = a.toType(DataType.INT64, true)) {
            return l.getLong();
        }
    }

    private static void onDevice(String name, NDArray a, Device device) {
        if (!a.getDevice().equals(device)) {
            throw new EngineException(name + " is on " + a.getDevice() + " but the synthesizer on " + device);
        }
    }
}
