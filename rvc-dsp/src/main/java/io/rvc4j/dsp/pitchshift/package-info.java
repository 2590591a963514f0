/** Time-preserving pitch shifting (WSOLA time stretch plus resampling, as SoX pitch does). */
package io.rvc4j.dsp.pitchshift;
