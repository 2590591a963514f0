/** Splicing independently converted stream blocks (SOLA). */
package io.rvc4j.dsp.stream;
