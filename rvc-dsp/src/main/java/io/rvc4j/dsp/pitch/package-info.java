/**
 * Non-neural f0 estimators (WORLD Harvest with StoneMask, Praat's autocorrelation method as RVC's {@code pm}), the
 * median post-filter RVC applies, and the frame-wise median that combines several methods into a hybrid.
 */
package io.rvc4j.dsp.pitch;
