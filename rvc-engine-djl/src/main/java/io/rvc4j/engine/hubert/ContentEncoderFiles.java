package io.rvc4j.engine.hubert;

import ai.djl.ndarray.NDManager;
import io.rvc4j.core.error.InvalidModelFileException;
import io.rvc4j.engine.io.HubertConfig;
import io.rvc4j.engine.io.HubertModelFile;
import java.nio.file.Path;

/**
 * Loads the content encoder from a fairseq checkpoint ({@code hubert_base.pt}) or a Transformers folder, read by
 * {@link HubertModelFile} (names normalised to fairseq's, config read from the file and checked against the shapes).
 */
public final class ContentEncoderFiles {
    private ContentEncoderFiles() {
    }

    /**
     * Loads the encoder at {@code path} (file or folder) onto {@code manager}'s device, with the heads and strides the
     * file declares ({@link HubertModelFile}).
     */
    public static DjlContentEncoder load(Path path, NDManager manager) {
        HubertModelFile file = HubertModelFile.read(path);
        return DjlContentEncoder.load(file.weights(), config(file.config(), path), manager);
    }

    /** The encoder settings of a checkpoint's config; only HuBERT-base's layout (post-LN, group norm) is supported. */
    public static ContentEncoderConfig config(HubertConfig c, Path source) {
        if (c.layerNormFirst() || !"default".equals(c.extractorMode())) {
            throw new InvalidModelFileException(source + ": only the HuBERT-base layout (post-LN layers, group norm "
                    + "after the first conv) is supported, got layer_norm_first=" + c.layerNormFirst()
                    + ", extractor_mode=" + c.extractorMode());
        }
        return new ContentEncoderConfig(c.heads(),
                c.convLayers().stream().map(HubertConfig.ConvLayer::stride).toList(), ContentEncoderConfig.BASE_EPS);
    }
}
