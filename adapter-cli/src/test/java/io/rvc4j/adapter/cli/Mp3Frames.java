package io.rvc4j.adapter.cli;

/** Reads MPEG-1 Layer III frame headers (ISO 11172-3, 2.4.1.3) of an MP3 file, for tests of what was written. */
final class Mp3Frames {
    /** Bitrate index to kbit/s, MPEG-1 Layer III. */
    private static final int[] KBPS = {0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, -1};
    private static final int[] RATES = {44_100, 48_000, 32_000, -1};

    private Mp3Frames() {
    }

    /** Offset of the first frame: after an ID3v2 tag (10-byte header, syncsafe size) if there is one. */
    static int firstFrame(byte[] mp3) {
        int pos = 0;
        if (mp3.length > 10 && mp3[0] == 'I' && mp3[1] == 'D' && mp3[2] == '3') {
            pos = 10 + ((mp3[6] & 0x7f) << 21 | (mp3[7] & 0x7f) << 14 | (mp3[8] & 0x7f) << 7 | (mp3[9] & 0x7f));
        }
        while (pos + 1 < mp3.length && !((mp3[pos] & 0xff) == 0xff && (mp3[pos + 1] & 0xe0) == 0xe0)) {
            pos++;
        }
        return pos;
    }

    static int bitrateKbps(byte[] mp3, int frame) {
        requireMpeg1Layer3(mp3, frame);
        return KBPS[(mp3[frame + 2] & 0xf0) >> 4];
    }

    /** Frame length in bytes: 144 * bitrate / sample rate, plus the padding slot. */
    static int length(byte[] mp3, int frame) {
        int rate = RATES[(mp3[frame + 2] & 0x0c) >> 2];
        int padding = (mp3[frame + 2] & 0x02) >> 1;
        return 144 * bitrateKbps(mp3, frame) * 1000 / rate + padding;
    }

    /**
     * The 4 bytes where LAME writes its "Xing" (VBR) or "Info" (CBR) tag in the first frame: after the 4-byte header
     * and the side information, 17 bytes for mono and 32 for the other channel modes.
     */
    static String xingTag(byte[] mp3, int frame) {
        requireMpeg1Layer3(mp3, frame);
        boolean mono = (mp3[frame + 3] & 0xc0) == 0xc0;
        return new String(mp3, frame + 4 + (mono ? 17 : 32), 4, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static void requireMpeg1Layer3(byte[] mp3, int frame) {
        int b1 = mp3[frame + 1] & 0xff;
        if ((mp3[frame] & 0xff) != 0xff || (b1 & 0xe0) != 0xe0 || (b1 & 0x18) != 0x18 || (b1 & 0x06) != 0x02) {
            throw new AssertionError("no MPEG-1 Layer III frame header at byte " + frame);
        }
    }
}
