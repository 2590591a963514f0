/** The composition root: {@link io.rvc4j.engine.Rvc} wires the core's use cases over the engine's and DSP's ports. */
package io.rvc4j.engine;
