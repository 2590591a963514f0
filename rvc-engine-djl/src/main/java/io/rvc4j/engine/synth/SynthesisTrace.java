package io.rvc4j.engine.synth;

import ai.djl.ndarray.NDArray;

/**
 * The intermediates of one synthesizer call, for parity tests and diagnostics; all live on the caller's manager.
 *
 * @param mP prior mean from {@code enc_p}, {@code [1, inter, T]}
 * @param logsP prior log-scale from {@code enc_p}, {@code [1, inter, T]}
 * @param zP the prior sample {@code m_p + exp(logs_p) * eps * 0.66666} (equal to {@code m_p} when deterministic)
 * @param z the flow output (reverse direction), {@code [1, inter, T]}
 * @param har the NSF source {@code [1, 1, T * upp]}, or null for no-f0 models
 * @param audio the waveform {@code [1, 1, T * upp]}
 */
public record SynthesisTrace(NDArray mP, NDArray logsP, NDArray zP, NDArray z, NDArray har, NDArray audio)
        implements AutoCloseable {

    /** Frees every array of the trace (safe to call twice). */
    @Override
    public void close() {
        for (NDArray a : new NDArray[] {mP, logsP, zP, z, har, audio}) {
            if (a != null) {
                a.close();
            }
        }
    }
}
