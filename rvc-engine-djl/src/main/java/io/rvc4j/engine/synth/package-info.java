/** The RVC synthesizers (prior encoder, reverse flow, NSF-HiFiGAN) on DJL's PyTorch engine. */
package io.rvc4j.engine.synth;
