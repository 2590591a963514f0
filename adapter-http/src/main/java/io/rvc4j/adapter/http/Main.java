package io.rvc4j.adapter.http;

/** Entry point of {@code bin/rvc-server}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.out.println("""
                Usage: rvc-server [--port N]
                Serves the AniVoiceChanger API (GET /, GET /models, POST /convert, POST /convert/stream, WS /ws/{id}).
                Environment: PORT (default 8000), RVC_MODELS_DIR, MODEL_NAME, PITCH_CHANGE, VOLUME_ENVELOPE,
                INDEX_RATE, PITCH_EXTRACTION_ALGO, GPU_INDEX.
                The server itself is not built yet (issue 6).""");
    }
}
