package io.rvc4j.core.model;

/** Audio as a request brings it: encoded bytes in any container FFmpeg reads, or an already decoded clip. */
public sealed interface AudioSource {

    /**
     * Encoded bytes.
     *
     * @param data the file's bytes
     * @param label where they came from (a file or form-field name), for error messages
     */
    record Encoded(byte[] data, String label) implements AudioSource {
        public Encoded {
            Check.present("audio", data);
            Check.present("label", label);
        }
    }

    /** A clip decoded by the caller. */
    record Decoded(AudioClip clip, String label) implements AudioSource {
        public Decoded {
            Check.present("audio", clip);
            Check.present("label", label);
        }
    }

    String label();

    static AudioSource encoded(byte[] data, String label) {
        return new Encoded(data, label);
    }

    static AudioSource decoded(AudioClip clip, String label) {
        return new Decoded(clip, label);
    }
}
