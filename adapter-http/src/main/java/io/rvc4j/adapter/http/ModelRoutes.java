package io.rvc4j.adapter.http;

import io.javalin.http.Context;
import io.rvc4j.core.error.InvalidParameterException;
import io.rvc4j.core.model.ModelRef;
import io.rvc4j.core.model.VoiceModelInfo;
import io.rvc4j.engine.Rvc;
import io.rvc4j.engine.registry.ModelInstaller;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /models} (multipart: a {@code file} that is a {@code .zip}, or a {@code model} {@code .pth} with an
 * optional {@code index}; a {@code name} field, else the file's stem) and {@code DELETE /models/{name}}.
 */
final class ModelRoutes {
    private final Rvc rvc;
    private final ModelInstaller installer;

    ModelRoutes(Rvc rvc, ModelInstaller installer) {
        this.rvc = rvc;
        this.installer = installer;
    }

    void upload(Context ctx) {
        Uploads.require(ctx, "POST /models", "file");
        var zip = ctx.uploadedFile("file");
        var pth = ctx.uploadedFile("model");
        if ((zip == null) == (pth == null)) {
            throw new InvalidParameterException("file", "send either a 'file' part (.zip) or a 'model' part (.pth) "
                    + "with an optional 'index' part");
        }
        String fileName = zip != null ? zip.filename() : pth.filename();
        String name = Optional.ofNullable(ctx.formParam("name")).filter(n -> !n.isBlank()).map(String::trim)
                .orElseGet(() -> stem(fileName));
        ModelInstaller.checkName(name);
        ModelInstaller.Upload upload = zip != null
                ? installer.fromZip(Uploads.file(ctx, "file"))
                : installer.checked(Uploads.file(ctx, "model"),
                        Uploads.optionalFile(ctx, "index"));
        Path folder = installer.install(name, upload);
        VoiceModelInfo info = rvc.registry().resolve(ModelRef.named(name));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", info.name());
        body.put("model_bytes", info.modelBytes());
        body.put("has_index", info.indexFile().isPresent());
        body.put("folder", folder.getFileName().toString());
        ctx.status(201).header("Location", "/models/" + name).json(body);
    }

    void delete(Context ctx) {
        String name = ModelInstaller.checkName(ctx.pathParam("name"));
        installer.remove(rvc.registry().resolve(ModelRef.named(name)));
        ctx.status(204);
    }

    private static String stem(String fileName) {
        String slashed = fileName == null ? "" : fileName.replace('\\', '/');
        String base = slashed.substring(slashed.lastIndexOf('/') + 1);
        int dot = base.lastIndexOf('.');
        String ext = dot < 0 ? "" : base.substring(dot + 1).toLowerCase(Locale.ROOT);
        return ext.equals("zip") || ext.equals("pth") ? base.substring(0, dot) : base;
    }
}
