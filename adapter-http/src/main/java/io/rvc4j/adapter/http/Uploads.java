package io.rvc4j.adapter.http;

import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import io.rvc4j.core.error.InvalidParameterException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Optional;

/** Reading multipart/form-data requests: the content type check and the file parts. */
final class Uploads {
    private Uploads() {
    }

    static void require(Context ctx, String route, String filePart) {
        String type = ctx.contentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            throw ApiException.badRequest(route + " takes multipart/form-data with a file part '" + filePart
                    + "', got " + (type == null ? "no Content-Type" : type));
        }
    }

    /** The bytes of a required file part; a missing part is a 422 naming it. */
    static byte[] file(Context ctx, String part) {
        return optionalFile(ctx, part).orElseThrow(() ->
                new InvalidParameterException(part, "is required (a file part)"));
    }

    static Optional<byte[]> optionalFile(Context ctx, String part) {
        UploadedFile file = ctx.uploadedFile(part);
        if (file == null) {
            return Optional.empty();
        }
        try (InputStream in = file.content()) {
            return Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw ApiException.badRequest("could not read the upload '" + part + "': " + e.getMessage());
        }
    }
}
