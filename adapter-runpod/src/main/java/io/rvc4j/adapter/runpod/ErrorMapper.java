package io.rvc4j.adapter.runpod;

import io.rvc4j.core.error.InvalidAudioException;
import io.rvc4j.core.error.InvalidModelFileException;
import io.rvc4j.core.error.InvalidParameterException;
import io.rvc4j.core.error.ModelNotFoundException;
import io.rvc4j.core.error.RvcException;

/**
 * The one place where a failure becomes the seed's {@code {"error": "..."}} text. The seed names three messages that
 * clients match on (aicovergen-runpod-api.md, 오류 처리): every error of those kinds starts with that exact text, and
 * the rest of the message says what and where.
 */
final class ErrorMapper {
    static final String MODEL_NOT_FOUND = "Voice model not found";
    static final String INVALID_AUDIO = "Invalid base64 audio data";

    private ErrorMapper() {
    }

    /** The error text for a failed job. */
    static String message(Throwable failure) {
        if (failure instanceof ModelNotFoundException) {
            // The registry's messages are the seed's ("Voice model not found: ...", "No model file exists in ...");
            // a missing support file (rmvpe.pt, hubert_base.pt) names itself and must not read as a missing voice.
            return failure.getMessage() == null ? MODEL_NOT_FOUND : failure.getMessage();
        }
        if (failure instanceof InvalidAudioException) {
            return startingWith(failure.getMessage(), INVALID_AUDIO);
        }
        if (failure instanceof InvalidParameterException || failure instanceof RequestException) {
            return failure.getMessage();
        }
        if (failure instanceof InvalidModelFileException) {
            return "Invalid model file: " + failure.getMessage();
        }
        if (failure instanceof RvcException) {
            return "Error during processing: " + failure.getMessage();
        }
        if (failure instanceof OutOfMemoryError) {
            return "Out of memory while processing the job; send shorter audio";
        }
        return "Internal error: " + failure.getClass().getSimpleName()
                + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
    }

    /** Keeps a message that already starts with one of the seed's texts; otherwise puts the first one in front. */
    private static String startingWith(String message, String... seedTexts) {
        String text = message == null ? "" : message;
        for (String seed : seedTexts) {
            if (text.startsWith(seed)) {
                return text;
            }
        }
        return text.isEmpty() ? seedTexts[0] : seedTexts[0] + ": " + text;
    }
}
