/** Band-limited sample-rate conversion (Kaiser-windowed sinc, polyphase). */
package io.rvc4j.dsp.resample;
