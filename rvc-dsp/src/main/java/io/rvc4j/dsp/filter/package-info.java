/** IIR filter design and zero-phase filtering that match SciPy's {@code butter} and {@code filtfilt}. */
package io.rvc4j.dsp.filter;
