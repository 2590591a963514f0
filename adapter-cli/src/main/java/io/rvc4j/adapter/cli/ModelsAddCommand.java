package io.rvc4j.adapter.cli;

import io.rvc4j.core.error.InvalidParameterException;
import io.rvc4j.engine.registry.ModelInstaller;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rvc models add SOURCE}: installs a shared model (a zip holding one .pth and an optional .index, or a .pth)
 * from a file or a URL into the models directory, as AICoverGen and Applio users do. Hugging Face {@code /blob/} and
 * pixeldrain page links are turned into their download links.
 */
@Command(name = "add", mixinStandardHelpOptions = true, description = "Install a model zip or .pth from a file or URL.")
final class ModelsAddCommand implements Callable<Integer> {
    /** Largest model accepted by default: RVC voices are 50-200 MB; 1 GiB leaves room and bounds memory. */
    static final long DEFAULT_MAX_BYTES = 1L << 30;

    @Spec
    CommandSpec spec;

    @Mixin
    EngineOptions engine;

    @Parameters(paramLabel = "SOURCE", description = "A .zip or .pth file, or an http(s) URL to one.")
    String source;

    @Option(names = "--name", paramLabel = "NAME", description = "Model name. Default: the file name without extension.")
    String name;

    @Option(names = "--index", paramLabel = "FILE", description = "An .index to install with a .pth source.")
    Path index;

    @Option(names = "--max-size", paramLabel = "BYTES", description = "Refuse larger downloads or files. Default: 1 GiB.")
    long maxBytes = DEFAULT_MAX_BYTES;

    @Mixin
    ProgressOptions progressOptions;

    @Override
    public Integer call() throws IOException, InterruptedException {
        boolean url = source.startsWith("http://") || source.startsWith("https://");
        String fileName = url ? lastSegment(URI.create(source).getPath()) : Path.of(source).getFileName().toString();
        String model = ModelInstaller.checkName(name != null ? name : stem(fileName));
        Progress progress = progressOptions.start(spec.commandLine().getErr(), 1);
        progress.step(model, url ? "downloading " + downloadLink(source) : "reading " + source);
        byte[] data = url ? download(downloadLink(source)) : readLimited(Path.of(source));
        progress.step(model, "checking");
        ModelInstaller installer = new ModelInstaller(engine.modelsDir(), maxBytes);
        ModelInstaller.Upload upload = isZip(data) && !fileName.toLowerCase(Locale.ROOT).endsWith(".pth")
                ? installer.fromZip(data)
                : installer.checked(data, index == null ? Optional.empty() : Optional.of(readLimited(index)));
        progress.step(model, "installing");
        Path folder = installer.install(model, upload);
        progress.clear();
        spec.commandLine().getOut().println("installed " + model + " into " + folder.toAbsolutePath()
                + (upload.index().isPresent() ? " (with index)" : " (no index)"));
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }

    /** AICoverGen rewrites pixeldrain pages to their API; Hugging Face blob pages serve HTML, resolve serves the file. */
    static String downloadLink(String url) {
        if (url.startsWith("https://pixeldrain.com/u/")) {
            return "https://pixeldrain.com/api/file/" + url.substring("https://pixeldrain.com/u/".length());
        }
        if (url.contains("huggingface.co/") && url.contains("/blob/")) {
            return url.replaceFirst("/blob/", "/resolve/");
        }
        return url;
    }

    private byte[] download(String url) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(30)).build();
        HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = response.body()) {
            if (response.statusCode() != 200) {
                throw new InvalidParameterException("source", "download of " + url + " answered HTTP "
                        + response.statusCode());
            }
            long declared = response.headers().firstValueAsLong("content-length").orElse(-1);
            if (declared > maxBytes) {
                throw new InvalidParameterException("source", url + " has " + declared + " bytes (Content-Length), "
                        + "more than --max-size " + maxBytes + " bytes");
            }
            byte[] data = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (data.length > maxBytes) {
                throw new InvalidParameterException("source", url + " is larger than --max-size " + maxBytes + " bytes");
            }
            return data;
        }
    }

    private byte[] readLimited(Path file) throws IOException {
        long size = Files.size(file);
        if (size > maxBytes) {
            throw new InvalidParameterException("source", file + " has " + size + " bytes, more than --max-size "
                    + maxBytes);
        }
        return Files.readAllBytes(file);
    }

    private static boolean isZip(byte[] b) {
        return b.length >= 4 && b[0] == 'P' && b[1] == 'K' && b[2] == 3 && b[3] == 4;
    }

    private static String lastSegment(String path) {
        String p = path == null ? "" : path;
        return p.substring(p.lastIndexOf('/') + 1);
    }

    private static String stem(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot <= 0 ? fileName : fileName.substring(0, dot);
    }
}
