package io.rvc4j.adapter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code rvc models add URL} against a real HTTP server (the JDK's, on port 0) serving model zips: the download path
 * end to end, HTTP errors and the size limit. Exit codes per DESIGN.md: a bad source is bad input (2).
 */
class ModelsAddUrlIT {
    @TempDir
    Path models;

    private HttpServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    /** Paths answered with chunked transfer encoding: no Content-Length, so only the bytes read count. */
    private final Map<String, Boolean> chunked = new ConcurrentHashMap<>();

    record Run(int code, String out, String err) {
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = files.get(exchange.getRequestURI().getPath());
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                boolean noLength = chunked.getOrDefault(exchange.getRequestURI().getPath(), false);
                exchange.sendResponseHeaders(200, noLength ? 0 : body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** A model zip: one .pth (itself a zip, as PyTorch saves them) of {@code pthBytes} bytes in a folder. */
    private static byte[] modelZip(int pthBytes) throws IOException {
        ByteArrayOutputStream pth = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(pth)) {
            z.putNextEntry(new ZipEntry("archive/data.pkl"));
            byte[] data = new byte[pthBytes];
            new Random(pthBytes).nextBytes(data); // incompressible, so the sizes below are the payload's
            z.write(data);
            z.closeEntry();
        }
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(zip)) {
            z.setLevel(0); // stored: the download is as large as the model
            z.putNextEntry(new ZipEntry("Singer/Singer_e300.pth"));
            z.write(pth.toByteArray());
            z.closeEntry();
        }
        return zip.toByteArray();
    }

    private Run rvc(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = RvcCommand.commandLine((options, codec) -> {
            throw new AssertionError("models add needs no engine");
        });
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 4];
        all[0] = "models";
        all[1] = "add";
        System.arraycopy(args, 0, all, 2, args.length);
        all[args.length + 2] = "--models-dir";
        all[args.length + 3] = models.toString();
        return new Run(cl.execute(all), out.toString(), err.toString());
    }

    @Test
    void installs_a_zip_downloaded_from_a_url_under_the_name_of_the_file() throws IOException {
        files.put("/files/Singer.zip", modelZip(10_000));
        Run run = rvc(url("/files/Singer.zip"), "-q");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("installed Singer into", "(no index)");
        assertThat(models.resolve("Singer/Singer.pth")).isRegularFile();
        assertThat(Files.size(models.resolve("Singer/Singer.pth"))).isGreaterThan(10_000);
        assertThat(run.err()).isEmpty();
    }

    @Test
    void an_http_error_exits_2_naming_the_url_and_the_status() {
        Run run = rvc(url("/files/Missing.zip"));
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("rvc: source: download of " + url("/files/Missing.zip") + " answered HTTP 404");
        assertThat(models).isEmptyDirectory();
    }

    @Test
    void a_download_over_max_size_is_refused_by_its_content_length_or_by_the_bytes_read() throws IOException {
        byte[] zip = modelZip(50_000);
        files.put("/big.zip", zip);
        Run declared = rvc(url("/big.zip"), "--max-size", "20000");
        assertThat(declared.code()).isEqualTo(2);
        assertThat(declared.err()).contains(url("/big.zip") + " has " + zip.length
                + " bytes (Content-Length), more than --max-size 20000 bytes");

        files.put("/chunked.zip", zip);
        chunked.put("/chunked.zip", true);
        Run streamed = rvc(url("/chunked.zip"), "--max-size", "20000");
        assertThat(streamed.code()).isEqualTo(2);
        assertThat(streamed.err()).contains(url("/chunked.zip") + " is larger than --max-size 20000 bytes");
        assertThat(models).isEmptyDirectory();
    }
}
