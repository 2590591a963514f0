/** The cover mix: gains, rate and channel conversion, summing, and peak handling (limiter or hard clip). */
package io.rvc4j.dsp.mix;
