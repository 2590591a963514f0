/** The error family: one unchecked root, {@link io.rvc4j.core.error.RvcException}, and a few subtypes that say what failed. */
package io.rvc4j.core.error;
