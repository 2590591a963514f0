/**
 * The voice models on disk: a {@code ModelRegistry} over a models directory, and support-file lookup (loaded voices
 * are cached by {@code pipeline.VoiceCache}).
 */
package io.rvc4j.engine.registry;
