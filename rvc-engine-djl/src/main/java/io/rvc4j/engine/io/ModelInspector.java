package io.rvc4j.engine.io;

import io.rvc4j.core.error.InvalidModelFileException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Metadata of a model file for {@code rvc inspect}: a JSON-ready map (snake_case keys; values are strings, numbers,
 * booleans, lists and maps) for RVC {@code .pth} models, FAISS {@code .index} files, fairseq or Transformers
 * HuBERT, other torch checkpoints, safetensors and NumPy files. The format is told from the content, not the name.
 */
public final class ModelInspector {

    private static final Set<String> FAISS_MAGIC = Set.of("IwFl", "IxF2", "IxFI", "IxFl");

    private ModelInspector() {
    }

    public static Map<String, Object> inspect(Path file) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("file", file.toAbsolutePath().normalize().toString());
        if (Files.isDirectory(file)) {
            HubertModelFile h = HubertModelFile.read(file);
            out.put("format", "transformers-hubert");
            hubert(out, h);
            return out;
        }
        String source = file.toString();
        ByteBuffer bytes = ByteSource.open(file).readAll();
        String sha256 = ByteSource.of(bytes, source).sha256();
        out.put("bytes", (long) bytes.remaining());
        out.put("sha256", sha256);
        if (ZipRecords.looksLikeZip(bytes) || TorchLegacy.looksLegacy(bytes)) {
            torch(out, file, sha256, TorchCheckpoint.read(bytes, source));
        } else if (bytes.remaining() >= 4 && FAISS_MAGIC.contains(fourcc(bytes))) {
            index(out, FaissReader.read(bytes, source));
        } else if (bytes.remaining() >= 6 && fourcc(bytes).equals("\u0093NUM")) {
            TensorData t = Npy.read(bytes, source);
            out.put("format", "npy");
            out.put("dtype", t.dtype().name().toLowerCase(java.util.Locale.ROOT));
            out.put("shape", shape(t));
        } else if (Safetensors.looksLikeSafetensors(bytes)) {
            Safetensors.Contents c = Safetensors.read(bytes, source);
            out.put("format", "safetensors");
            out.put("tensor_count", c.tensors().size());
            out.put("metadata", c.metadata());
        } else {
            throw new InvalidModelFileException(source + ": unrecognised file format (not a torch checkpoint, FAISS "
                    + "index, safetensors or .npy file)");
        }
        return out;
    }

    private static void torch(Map<String, Object> out, Path file, String sha256, Object root) {
        if (RvcModelFile.looksLikeRvc(root)) {
            RvcModelFile m = RvcModelFile.of(file, sha256, root);
            out.put("format", m.trainingCheckpoint() ? "rvc-training-checkpoint" : "rvc");
            out.put("version", m.version());
            out.put("sample_rate", m.sampleRate());
            out.put("f0", m.pitchGuided());
            out.put("speakers", m.speakers());
            out.put("info", m.info());
            out.put("config", m.config().toList());
            out.put("tensor_count", m.weights().size());
            out.put("weight_dtype", m.weights().values().iterator().next().dtype().name().toLowerCase(
                    java.util.Locale.ROOT));
            if (!m.extras().isEmpty()) {
                out.put("extras", m.extras());
            }
        } else if (HubertModelFile.looksLikeFairseqHubert(root)) {
            out.put("format", "fairseq-hubert");
            hubert(out, HubertModelFile.fromFairseq(file, root));
        } else {
            out.put("format", "torch");
            out.put("tensor_count", countTensors(root));
            if (root instanceof Map<?, ?> m) {
                List<String> keys = new ArrayList<>();
                m.keySet().forEach(k -> keys.add(String.valueOf(k)));
                out.put("top_level_keys", keys.size() > 50 ? keys.subList(0, 50) : keys);
            }
        }
    }

    private static void hubert(Map<String, Object> out, HubertModelFile h) {
        HubertConfig c = h.config();
        out.put("hidden_size", c.hiddenSize());
        out.put("layers", c.layers());
        out.put("heads", c.heads());
        out.put("ffn_dim", c.ffnDim());
        List<List<Integer>> conv = new ArrayList<>();
        c.convLayers().forEach(l -> conv.add(List.of(l.dim(), l.kernel(), l.stride())));
        out.put("conv_layers", conv);
        out.put("pos_conv_kernel", c.posConvKernel());
        out.put("pos_conv_groups", c.posConvGroups());
        out.put("final_proj_dim", c.finalProjDim());
        out.put("tensor_count", h.weights().size());
    }

    private static void index(Map<String, Object> out, FaissIndex index) {
        out.put("format", "faiss");
        out.put("index_type", index.type() == FaissIndex.Type.IVF_FLAT ? "IndexIVFFlat" : "IndexFlat");
        out.put("dim", index.d());
        out.put("ntotal", index.ntotal());
        out.put("nlist", index.nlist());
        out.put("nprobe", index.nprobe());
        out.put("metric", index.metric().name());
    }

    private static List<Long> shape(TensorData t) {
        List<Long> s = new ArrayList<>();
        for (long d : t.shape()) {
            s.add(d);
        }
        return s;
    }

    /** Tensors reachable from the root, each counted once (the graph may share or even cycle). */
    private static int countTensors(Object root) {
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Object> todo = new ArrayList<>();
        todo.add(root);
        int n = 0;
        while (!todo.isEmpty()) {
            Object o = todo.remove(todo.size() - 1);
            if (o == null || !seen.add(o)) {
                continue;
            }
            if (o instanceof TensorData) {
                n++;
            } else if (o instanceof Map<?, ?> m) {
                todo.addAll(m.values());
            } else if (o instanceof List<?> l) {
                todo.addAll(l);
            } else if (o instanceof PickleStub s) {
                todo.addAll(s.args());
                todo.add(s.state());
            }
        }
        return n;
    }

    private static String fourcc(ByteBuffer b) {
        byte[] f = new byte[4];
        b.get(b.position(), f);
        return new String(f, StandardCharsets.ISO_8859_1);
    }
}
