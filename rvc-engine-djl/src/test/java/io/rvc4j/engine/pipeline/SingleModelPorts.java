package io.rvc4j.engine.pipeline;

import io.rvc4j.core.model.AudioClip;
import io.rvc4j.core.model.DecodeSpec;
import io.rvc4j.core.model.ModelRef;
import io.rvc4j.core.model.OutputFormat;
import io.rvc4j.core.model.VoiceModelInfo;
import io.rvc4j.core.port.out.AudioCodec;
import io.rvc4j.core.port.out.ModelRegistry;
import java.util.List;

/** Out-ports for tests that drive the convert use case on one model with audio given and compared as samples. */
final class SingleModelPorts {
    private SingleModelPorts() {
    }

    /** A registry that holds {@code info} and resolves every name to it. */
    static ModelRegistry registry(VoiceModelInfo info) {
        return new ModelRegistry() {
            @Override
            public List<VoiceModelInfo> list() {
                return List.of(info);
            }

            @Override
            public VoiceModelInfo resolve(ModelRef ref) {
                return info;
            }
        };
    }

    /** The input is given decoded and the output is checked as samples, so the codec is never asked to decode. */
    static AudioCodec noCodec() {
        return new AudioCodec() {
            @Override
            public AudioClip decode(byte[] data, DecodeSpec spec) {
                throw new AssertionError("no decoding expected");
            }

            @Override
            public byte[] encode(AudioClip clip, OutputFormat format) {
                return new byte[0];
            }
        };
    }
}
