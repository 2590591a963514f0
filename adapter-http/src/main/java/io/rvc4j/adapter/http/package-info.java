/** The Javalin HTTP adapter: the AniVoiceChanger API and its WebSocket stream. */
package io.rvc4j.adapter.http;
