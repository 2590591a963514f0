package io.rvc4j.adapter.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;

/**
 * The hand-written OpenAPI 3 document at {@code /openapi.json} (Javalin 7 has no working OpenAPI plugin,
 * stack-probe.md section 2) and Swagger UI at {@code /docs}, served from the {@code org.webjars:swagger-ui} jar.
 */
final class DocsRoutes {
    private static final String WEBJAR = "META-INF/resources/webjars/swagger-ui/";
    /** The Swagger UI files the page loads; nothing else from the jar is served. */
    private static final Map<String, String> ASSETS = Map.of(
            "swagger-ui.css", "text/css",
            "swagger-ui-bundle.js", "text/javascript",
            "swagger-ui-standalone-preset.js", "text/javascript",
            "favicon-32x32.png", "image/png",
            "favicon-16x16.png", "image/png");

    private final byte[] openApi;
    private final byte[] page;
    private final String assetRoot;

    DocsRoutes() {
        this.openApi = resource("openapi.json");
        this.page = resource("docs.html");
        this.assetRoot = WEBJAR + swaggerUiVersion() + "/";
    }

    void openApi(Context ctx) {
        ctx.contentType("application/json").result(openApi);
    }

    void page(Context ctx) {
        ctx.contentType("text/html; charset=utf-8").result(page);
    }

    void asset(Context ctx) {
        String name = ctx.pathParam("asset");
        String type = ASSETS.get(name);
        if (type == null) {
            throw new ApiException(404, "no such docs asset: " + name);
        }
        ctx.contentType(type).header("Cache-Control", "max-age=86400").result(classpath(assetRoot + name));
    }

    /** The OpenAPI document's text, for tests. */
    String openApiText() {
        return new String(openApi, StandardCharsets.UTF_8);
    }

    private static byte[] resource(String name) {
        return classpath("io/rvc4j/adapter/http/" + name);
    }

    private static byte[] classpath(String path) {
        try (InputStream in = DocsRoutes.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + path, e);
        }
    }

    /** The webjar's own version, so the pinned version lives in the pom alone. */
    private static String swaggerUiVersion() {
        Properties p = new Properties();
        try (InputStream in = DocsRoutes.class.getClassLoader()
                .getResourceAsStream("META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("org.webjars:swagger-ui is not on the classpath");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the swagger-ui version", e);
        }
        return p.getProperty("version");
    }
}
