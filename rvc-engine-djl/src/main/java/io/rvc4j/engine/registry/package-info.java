/** The voice models on disk: a {@code ModelRegistry} over a models directory, support-file lookup and a bounded cache. */
package io.rvc4j.engine.registry;
