/** Audio decoding and encoding on Bytedeco FFmpeg, entirely in memory. */
package io.rvc4j.dsp.codec;
