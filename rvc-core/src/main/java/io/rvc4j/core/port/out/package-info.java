/** Out-ports: what the use cases need from the world, named by capability and implemented by rvc-dsp and rvc-engine-djl. */
package io.rvc4j.core.port.out;
