package io.rvc4j.adapter.runpod;

import io.rvc4j.core.error.InvalidAudioException;
import io.rvc4j.core.model.AudioSource;
import java.util.Base64;
import java.util.regex.Pattern;

/** Base64 audio in and out of a job, as the seed carries it. */
final class AudioPayload {
    /** A data URL prefix ({@code data:audio/wav;base64,}) that browser clients often leave on. */
    private static final Pattern DATA_URL = Pattern.compile("^data:[^,;]*(;[^,]*)?;base64,");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private AudioPayload() {
    }

    /**
     * Decodes one base64 field into an encoded audio source. Standard and URL-safe alphabets, line breaks and a
     * data-URL prefix are accepted (Python's {@code b64decode} tolerates them too).
     *
     * @throws InvalidAudioException starting with the seed's "Invalid base64 audio data"
     */
    static AudioSource decode(String field, String base64) {
        String text = WHITESPACE.matcher(DATA_URL.matcher(base64.trim()).replaceFirst("")).replaceAll("");
        byte[] bytes;
        try {
            bytes = text.indexOf('-') >= 0 || text.indexOf('_') >= 0
                    ? Base64.getUrlDecoder().decode(text)
                    : Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidAudioException(ErrorMapper.INVALID_AUDIO + ": " + field + " is not valid base64 ("
                    + e.getMessage() + ")", e);
        }
        if (bytes.length == 0) {
            throw new InvalidAudioException(ErrorMapper.INVALID_AUDIO + ": " + field + " is empty");
        }
        return AudioSource.encoded(bytes, field);
    }

    static String encode(byte[] data) {
        return Base64.getEncoder().encodeToString(data);
    }
}
