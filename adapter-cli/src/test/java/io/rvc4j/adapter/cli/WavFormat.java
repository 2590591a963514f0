package io.rvc4j.adapter.cli;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Reads the {@code fmt } chunk of a RIFF WAVE file, for tests of what was written. */
final class WavFormat {
    private static final int EXTENSIBLE = 0xFFFE;

    private WavFormat() {
    }

    /**
     * The sample format tag: 1 PCM, 3 IEEE float. For WAVE_FORMAT_EXTENSIBLE (which FFmpeg writes for samples wider
     * than 16 bits) the tag is the first two bytes of the SubFormat GUID.
     */
    static int formatTag(byte[] wav) {
        ByteBuffer fmt = fmt(wav);
        int tag = fmt.getShort(0) & 0xffff;
        return tag == EXTENSIBLE ? fmt.getShort(24) & 0xffff : tag;
    }

    static int bitsPerSample(byte[] wav) {
        return fmt(wav).getShort(14) & 0xffff;
    }

    private static ByteBuffer fmt(byte[] wav) {
        ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        if (!new String(wav, 0, 4, StandardCharsets.US_ASCII).equals("RIFF")
                || !new String(wav, 8, 4, StandardCharsets.US_ASCII).equals("WAVE")) {
            throw new AssertionError("not a RIFF WAVE file");
        }
        int pos = 12;
        while (pos + 8 <= wav.length) {
            String id = new String(wav, pos, 4, StandardCharsets.US_ASCII);
            int size = b.getInt(pos + 4);
            if (id.equals("fmt ")) {
                return b.slice(pos + 8, size).order(ByteOrder.LITTLE_ENDIAN);
            }
            pos += 8 + size + (size & 1);
        }
        throw new AssertionError("no fmt chunk");
    }
}
