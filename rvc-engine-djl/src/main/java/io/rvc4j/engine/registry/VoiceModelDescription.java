package io.rvc4j.engine.registry;

import io.rvc4j.core.model.VoiceModelInfo;
import io.rvc4j.engine.io.FaissIndex;
import io.rvc4j.engine.io.FaissReader;
import io.rvc4j.engine.io.RvcModelFile;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a voice model is, read from its files without loading any weights: the {@code .pth}'s pickle (version, rate,
 * f0, speakers, config, info) and SHA-256, and the {@code .index}'s header (size and dimension; the vectors are not
 * read).
 *
 * @param name the registry name
 * @param modelFile the {@code .pth}
 * @param modelBytes its size
 * @param sha256 SHA-256 of the {@code .pth}, hex
 * @param version {@code v1} or {@code v2}
 * @param sampleRate the synthesizer's rate
 * @param pitchGuided the f0 flag
 * @param speakers rows of the speaker table
 * @param config the 18 constructor arguments as stored (with the speaker count)
 * @param info the file's {@code info} text
 * @param index the index header, when the model has an index
 */
public record VoiceModelDescription(String name, Path modelFile, long modelBytes, String sha256, String version,
        int sampleRate, boolean pitchGuided, int speakers, List<Object> config, String info,
        Optional<IndexDescription> index) {

    /**
     * An index file's header.
     *
     * @param file the {@code .index}
     * @param type IVF_FLAT or FLAT
     * @param dim vector width (256 for v1 models, 768 for v2)
     * @param ntotal stored vectors
     * @param nlist inverted lists (1 for a flat index)
     * @param nprobe lists probed per query as stored
     * @param metric L2 or INNER_PRODUCT
     */
    public record IndexDescription(Path file, FaissIndex.Type type, int dim, long ntotal, int nlist, int nprobe,
            FaissIndex.Metric metric) {
    }

    public VoiceModelDescription {
        config = List.copyOf(config);
    }

    /**
     * Reads the description of a listed or resolved model.
     *
     * @throws io.rvc4j.core.error.InvalidModelFileException when the {@code .pth} is not an RVC model or the index is
     *     not a readable FAISS file
     */
    public static VoiceModelDescription of(VoiceModelInfo info) {
        RvcModelFile m = RvcModelFile.read(info.modelFile());
        Optional<IndexDescription> index = info.indexFile().map(p -> {
            FaissIndex.Header h = FaissReader.readHeader(p);
            return new IndexDescription(p, h.type(), h.d(), h.ntotal(), h.nlist(), h.nprobe(), h.metric());
        });
        return new VoiceModelDescription(info.name(), info.modelFile(), info.modelBytes(), m.sha256(), m.version(),
                m.sampleRate(), m.pitchGuided(), m.speakers(), m.config().toList(), m.info(), index);
    }

    /** JSON-ready, with the key names {@code rvc inspect} uses for files. */
    public Map<String, Object> toMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", name);
        out.put("file", modelFile.toAbsolutePath().normalize().toString());
        out.put("bytes", modelBytes);
        out.put("sha256", sha256);
        out.put("version", version);
        out.put("sample_rate", sampleRate);
        out.put("f0", pitchGuided);
        out.put("speakers", speakers);
        out.put("info", info);
        out.put("config", config);
        out.put("index", index.map(i -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("file", i.file().toAbsolutePath().normalize().toString());
            m.put("index_type", i.type() == FaissIndex.Type.IVF_FLAT ? "IndexIVFFlat" : "IndexFlat");
            m.put("dim", i.dim());
            m.put("ntotal", i.ntotal());
            m.put("nlist", i.nlist());
            m.put("nprobe", i.nprobe());
            m.put("metric", i.metric().name());
            return (Object) m;
        }).orElse(null));
        return out;
    }
}
