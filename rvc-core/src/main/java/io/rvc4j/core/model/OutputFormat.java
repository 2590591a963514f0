package io.rvc4j.core.model;

import io.rvc4j.core.error.InvalidParameterException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Encoded output formats. MP3 is libmp3lame CBR 192 kbit/s, WAV is 16-bit PCM unless the codec is told otherwise. */
public enum OutputFormat {
    MP3("mp3", "audio/mpeg"),
    WAV("wav", "audio/wav"),
    FLAC("flac", "audio/flac"),
    OGG("ogg", "audio/ogg");

    private final String extension;
    private final String mimeType;

    OutputFormat(String extension, String mimeType) {
        this.extension = extension;
        this.mimeType = mimeType;
    }

    public String extension() {
        return extension;
    }

    public String mimeType() {
        return mimeType;
    }

    /** Parses {@code mp3}, {@code wav}, {@code flac} or {@code ogg} (case-insensitive, a leading dot allowed). */
    public static OutputFormat parse(String name) {
        String key = Check.present("output_format", name).trim().toLowerCase(Locale.ROOT);
        if (key.startsWith(".")) {
            key = key.substring(1);
        }
        for (OutputFormat f : values()) {
            if (f.extension.equals(key)) {
                return f;
            }
        }
        throw new InvalidParameterException("output_format", "must be one of "
                + Arrays.stream(values()).map(OutputFormat::extension).collect(Collectors.joining(", "))
                + ", got '" + name + "'");
    }

    /** The format a file name's extension names, if any. */
    public static java.util.Optional<OutputFormat> fromFileName(String fileName) {
        int dot = fileName.lastIndexOf('.');
        if (dot < 0) {
            return java.util.Optional.empty();
        }
        String ext = fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.extension.equals(ext)).findFirst();
    }

    @Override
    public String toString() {
        return extension;
    }
}
