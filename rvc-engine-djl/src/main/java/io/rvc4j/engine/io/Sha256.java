package io.rvc4j.engine.io;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of file contents as lower-case hex (how model hubs publish checksums). */
final class Sha256 {

    private Sha256() {
    }

    static String of(ByteBuffer content) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(content.duplicate());
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
