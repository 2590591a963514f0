package io.rvc4j.engine.synth;

import ai.djl.ndarray.types.DataType;
import io.rvc4j.core.error.InvalidParameterException;
import java.util.Locale;

/**
 * The number type of the synthesizer's generator (the NSF-HiFiGAN, 85-90 % of a conversion's work). Everything else
 * (content encoder, pitch, text encoder, flow, the NSF source's phase) stays fp32, and the generator takes fp32 in and
 * gives fp32 out. {@code fp32} is the reference's type and the default; {@code fp16} halves the generator's memory
 * traffic and uses the half-precision units of GPUs (and of CPUs that have them), at a fidelity cost measured in
 * docs/performance.md. bf16 is refused: DJL 0.35's PyTorch engine aborts the process on any bfloat16 array.
 */
public enum Precision {
    FP32(DataType.FLOAT32),
    FP16(DataType.FLOAT16);

    private final DataType type;

    Precision(DataType type) {
        this.type = type;
    }

    DataType dataType() {
        return type;
    }

    /** {@code fp32} or {@code fp16} (case-insensitive); null means fp32. */
    public static Precision parse(String text) {
        if (text == null || text.isBlank()) {
            return FP32;
        }
        if (text.trim().equalsIgnoreCase("bf16")) {
            throw new InvalidParameterException("precision", "bf16 is not available: DJL 0.35's PyTorch engine aborts "
                    + "the process on bfloat16 arrays; use fp16 or fp32");
        }
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException("precision", "must be fp32 or fp16, got '" + text + "'");
        }
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
