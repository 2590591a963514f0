/** AICoverGen's vocal chain: pedalboard 0.7.7's JUCE high-pass, compressor and Freeverb, ported sample for sample. */
package io.rvc4j.dsp.effects;
