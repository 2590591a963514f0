package io.rvc4j.adapter.runpod;

/** Entry point of {@code bin/rvc-runpod}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.out.println("""
                Usage: rvc-runpod [--test-input JSON]
                RunPod serverless worker for the AICoverGen RunPod API
                (health_check, list_models, generate_cover_from_separate_audio).
                The worker loop is not built yet (issue 7).""");
    }
}
