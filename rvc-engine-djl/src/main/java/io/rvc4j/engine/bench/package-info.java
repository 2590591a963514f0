/**
 * Benchmark support for {@code rvc bench} and {@code tools/bench/}: an engine wired with timing decorators around its
 * ports, a per-stage breakdown of the neural steps, streaming block timings and resident-memory probes. Nothing here
 * is on the conversion path of a normally built engine.
 */
package io.rvc4j.engine.bench;
