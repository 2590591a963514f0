package io.rvc4j.engine.synth;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.rvc4j.core.error.EngineException;
import io.rvc4j.core.error.InvalidParameterException;

/** Checks the arguments of a synthesizer call, so a bad shape fails with a message instead of deep in libtorch. */
final class DjlSynthesisInputs {

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
        return frames;
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
