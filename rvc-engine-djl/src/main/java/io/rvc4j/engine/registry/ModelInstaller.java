package io.rvc4j.engine.registry;

import io.rvc4j.core.error.InvalidModelFileException;
import io.rvc4j.core.error.InvalidParameterException;
import io.rvc4j.core.model.VoiceModelInfo;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Writes uploaded voice models into the models directory in AICoverGen's layout ({@code <dir>/<name>/<name>.pth} and
 * an optional {@code <name>.index}) and removes them. Everything is checked before anything is written: the name, the
 * sizes (a zip's unpacked size too), zip entry paths (no traversal, no absolute paths), exactly one {@code .pth}, at
 * most one {@code .index}, and the files' magic numbers. Files land in a hidden staging folder first and are moved
 * into place in one step, so the registry never lists a half-written model.
 */
public final class ModelInstaller {
    /** Model names: a safe file name, no path separators, no leading dot. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._ -]{0,63}");
    /** More entries than this in a model zip is not a model zip. */
    public static final int MAX_ZIP_ENTRIES = 1000;
    private static final String STAGING_PREFIX = ".upload-";

    private final Path modelsDir;
    private final long maxBytes;

    /** The files of one model, validated, in memory. */
    public record Upload(byte[] model, Optional<byte[]> index) {
    }

    /**
     * @param modelsDir the registry's directory
     * @param maxBytes the most a model may take, unpacked (.pth and .index together)
     */
    public ModelInstaller(Path modelsDir, long maxBytes) {
        this.modelsDir = modelsDir;
        this.maxBytes = maxBytes;
    }

    public static String checkName(String name) {
        if (name == null || !NAME.matcher(name).matches() || name.contains("..")) {
            throw new InvalidParameterException("name", "must be 1 to 64 letters, digits, '.', '_', '-' or spaces, "
                    + "starting with a letter or digit, got '" + name + "'");
        }
        return name;
    }

    /** Reads a zip holding one {@code .pth} and at most one {@code .index}, anywhere in its folders. */
    public Upload fromZip(byte[] zip) {
        byte[] model = null;
        byte[] index = null;
        long total = 0;
        int entries = 0;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (++entries > MAX_ZIP_ENTRIES) {
                    throw new InvalidModelFileException("the zip has more than " + MAX_ZIP_ENTRIES + " entries");
                }
                String path = checkEntryPath(e.getName());
                String lower = path.toLowerCase(Locale.ROOT);
                if (e.isDirectory() || lower.startsWith("__macosx/") || lower.contains("/__macosx/")) {
                    continue;
                }
                boolean isModel = lower.endsWith(".pth");
                boolean isIndex = lower.endsWith(".index");
                if (!isModel && !isIndex) {
                    continue;
                }
                byte[] data = readLimited(in, maxBytes - total, path);
                total += data.length;
                if (isModel) {
                    if (model != null) {
                        throw new InvalidModelFileException("the zip holds more than one .pth file; a voice model has one");
                    }
                    model = data;
                } else {
                    if (index != null) {
                        throw new InvalidModelFileException("the zip holds more than one .index file");
                    }
                    index = data;
                }
            }
        } catch (ZipException e) {
            throw new InvalidModelFileException("the upload is not a valid zip: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the uploaded zip failed", e);
        }
        if (model == null) {
            throw new InvalidModelFileException("the zip holds no .pth file");
        }
        return checked(model, Optional.ofNullable(index));
    }

    /** Validates a {@code .pth} and an optional {@code .index} uploaded as separate files. */
    public Upload checked(byte[] model, Optional<byte[]> index) {
        if (!isTorchCheckpoint(model)) {
            throw new InvalidModelFileException("the .pth is not a PyTorch checkpoint (neither a zip archive nor a "
                    + "legacy pickle)");
        }
        index.ifPresent(i -> {
            if (i.length < 4 || i[0] != 'I') {
                throw new InvalidModelFileException("the .index is not a FAISS index (its 4-byte type code must start "
                        + "with 'I')");
            }
        });
        return new Upload(model, index);
    }

    /** Installs under {@code <dir>/<name>/}; a model of that name must not exist. Returns the model folder. */
    public Path install(String name, Upload upload) {
        checkName(name);
        Path target = modelsDir.resolve(name);
        if (Files.exists(target) || Files.exists(modelsDir.resolve(name + ".pth"))) {
            throw new ModelExistsException(name);
        }
        Path staging = modelsDir.resolve(STAGING_PREFIX + UUID.randomUUID());
        try {
            Files.createDirectories(staging);
            Files.write(staging.resolve(name + ".pth"), upload.model());
            if (upload.index().isPresent()) {
                Files.write(staging.resolve(name + ".index"), upload.index().get());
            }
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (FileAlreadyExistsException e) {
            throw new ModelExistsException(name);
        } catch (IOException e) {
            throw new UncheckedIOException("writing the model into " + modelsDir.toAbsolutePath() + " failed", e);
        } finally {
            deleteTree(staging);
        }
    }

    /** Removes a model the registry resolved: its folder, or its flat {@code .pth} (and the same-stem index). */
    public void remove(VoiceModelInfo model) {
        try {
            Path root = modelsDir.toRealPath();
            Path file = model.modelFile().toRealPath();
            Path parent = file.getParent();
            if (parent.equals(root)) {
                Files.delete(file);
                String stem = file.getFileName().toString().replaceFirst("\\.pth$", "");
                Files.deleteIfExists(root.resolve(stem + ".index"));
            } else if (parent.getParent() != null && parent.getParent().equals(root)) {
                deleteTree(parent);
            } else {
                throw new InvalidParameterException("name", "model '" + model.name() + "' lies outside the models "
                        + "directory and cannot be deleted here");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("deleting model '" + model.name() + "' failed", e);
        }
    }

    /** Rejects absolute paths and any {@code ..} segment, in either separator style. */
    public static String checkEntryPath(String raw) {
        String path = raw.replace('\\', '/');
        if (path.startsWith("/") || path.matches("^[A-Za-z]:.*") || Stream.of(path.split("/")).anyMatch(".."::equals)) {
            throw new InvalidModelFileException("the zip entry '" + raw + "' points outside the model folder");
        }
        return path;
    }

    private static byte[] readLimited(InputStream in, long budget, String name) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[64 * 1024];
        long n = 0;
        for (int r = in.read(buf); r > 0; r = in.read(buf)) {
            n += r;
            if (n > budget) {
                throw new ModelTooLargeException("the zip unpacks to more than the model size limit (at '" + name + "')");
            }
            out.write(buf, 0, r);
        }
        return out.toByteArray();
    }

    /** A model of that name is already installed. */
    public static final class ModelExistsException extends InvalidParameterException {
        private static final long serialVersionUID = 1L;

        ModelExistsException(String name) {
            super("name", "a voice model named '" + name + "' already exists; delete it first");
        }
    }

    /** The model's files are larger than the installer accepts. */
    public static final class ModelTooLargeException extends InvalidModelFileException {
        private static final long serialVersionUID = 1L;

        ModelTooLargeException(String message) {
            super(message);
        }
    }

    /** torch.save writes a zip archive since 1.6, and a pickle (protocol 2: 0x80 0x02) before. */
    private static boolean isTorchCheckpoint(byte[] b) {
        return b.length >= 4 && (b[0] == 'P' && b[1] == 'K' && b[2] == 3 && b[3] == 4 || (b[0] & 0xff) == 0x80 && b[1] == 2);
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
