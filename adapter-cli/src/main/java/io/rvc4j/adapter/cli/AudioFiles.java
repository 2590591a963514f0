package io.rvc4j.adapter.cli;

import io.rvc4j.core.error.InvalidAudioException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/** Expands the CLI's inputs (files and directories) into audio files, as Applio's batch mode does. */
final class AudioFiles {
    /** The extensions a directory scan picks up; single files are taken whatever their name. */
    static final Set<String> AUDIO_EXTENSIONS = Set.of("wav", "mp3", "flac", "ogg", "opus", "m4a", "aac", "wma",
            "aiff", "aif", "webm", "mp4", "alac", "ac3");

    /**
     * The largest input file: the largest byte array a JVM can allocate (2 GiB less a header). The codec's own limit
     * (two hours of audio) is checked after reading; this one keeps {@code readAllBytes} from failing with an
     * {@code OutOfMemoryError}.
     */
    static final long MAX_INPUT_BYTES = Integer.MAX_VALUE - 8;

    private AudioFiles() {
    }

    /** Fails, before any work, when {@code file} is missing or too large to read ({@link #MAX_INPUT_BYTES}). */
    static long requireReadable(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_INPUT_BYTES) {
            throw new InvalidAudioException(file + ": " + size + " bytes, more than the " + MAX_INPUT_BYTES
                    + " bytes (2 GiB) an input file can have; cut it or encode it compressed (flac, mp3) first");
        }
        return size;
    }

    /** The bytes of an input file, refused with a clear message when they cannot be held in memory. */
    static byte[] read(Path file) throws IOException {
        long size = requireReadable(file);
        try {
            return Files.readAllBytes(file);
        } catch (OutOfMemoryError e) {
            // One large allocation failed and nothing else was allocated: safe to report as bad input and go on.
            throw new InvalidAudioException(file + ": " + size + " bytes do not fit in the Java heap (at most "
                    + Runtime.getRuntime().maxMemory() + " bytes); raise it, e.g. RVC_JAVA_OPTS=-Xmx8g", e);
        }
    }

    static List<Path> expand(List<Path> inputs) {
        List<Path> files = new ArrayList<>();
        for (Path input : inputs) {
            if (Files.isDirectory(input)) {
                try (Stream<Path> list = Files.list(input)) {
                    list.filter(Files::isRegularFile).filter(AudioFiles::isAudio).sorted().forEach(files::add);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot list " + input, e);
                }
            } else {
                files.add(input);
            }
        }
        return files;
    }

    /** Writes {@code data} to {@code file}, creating its folder first. */
    static void write(Path file, byte[] data) throws IOException {
        requireWritableLocation(file);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.write(file, data);
    }

    /**
     * Fails early, before any conversion, when {@code file} cannot be created because one of its ancestors is not a
     * directory ({@code -o notes.txt/out.wav}); {@code createDirectories} would only say "file exists".
     */
    static void requireWritableLocation(Path file) throws IOException {
        for (Path p = file.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                if (!Files.isDirectory(p)) {
                    throw new IOException("cannot write " + file + ": " + p + " is not a directory");
                }
                return;
            }
        }
    }

    static boolean isAudio(Path file) {
        return AUDIO_EXTENSIONS.contains(extension(file));
    }

    static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? name : name.substring(0, dot);
    }
}
