package io.rvc4j.adapter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rvc4j.engine.demo.DemoModels;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code rvc bench} over the real engine and the random-weight demo voice (Harvest, so no rmvpe.pt is needed), one
 * repeat on a second or two of audio. Only the report's shape is checked: no timing is asserted anywhere.
 */
class BenchCommandIT {
    @TempDir
    static Path models;
    @TempDir
    Path work;

    static Path hello;

    @BeforeAll
    static void demoModels() {
        DemoModels.ensure(models);
        hello = Path.of(System.getProperty("rvc4j.root", "..")).resolve("examples/hello.wav");
    }

    private static JsonNode bench(String... extra) throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = RvcCommand.commandLine(EngineFactory.DEFAULT);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        String[] base = {"bench", "--models-dir", models.toString(), "--model", DemoModels.VOICE, "-i",
            hello.toString(), "--f0-method", "harvest", "--warmup", "0", "--repeats", "1"};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        int code = cl.execute(args);
        assertThat(code).as(err.toString()).isZero();
        return new ObjectMapper().readTree(out.toString());
    }

    @Test
    void e2e_report_has_every_stage_with_positive_times() throws IOException {
        JsonNode r = bench("--breakdown", "1", "--seconds", "1");
        assertThat(r.get("mode").asText()).isEqualTo("e2e");
        assertThat(r.get("input_seconds").asDouble()).isEqualTo(1.0);
        JsonNode run = r.get("runs").get(0);
        for (String stage : List.of("prepare", "f0", "convert", "total", "rtf")) {
            assertThat(run.get(stage).asDouble()).as(stage).isPositive();
        }
        assertThat(run.get("io").asDouble()).isGreaterThanOrEqualTo(0);
        JsonNode breakdown = r.get("breakdown").get(0);
        for (String stage : List.of("f0", "features", "synthesis")) {
            assertThat(breakdown.get(stage).asDouble()).as(stage).isPositive();
        }
        // the demo voice has no index: retrieval is reported, as zero
        assertThat(breakdown.get("retrieval").asDouble()).isZero();
        assertThat(r.get("breakdown_load").get("load").asDouble()).isPositive();
        assertThat(r.get("peak_rss_mib").asDouble()).isPositive();
    }

    @Test
    void stream_report_has_latency_and_block_times_per_block_size() throws IOException {
        JsonNode r = bench("--mode", "stream", "--blocks-ms", "250", "--seconds", "1.5");
        JsonNode row = r.get("stream").get(0);
        assertThat(row.get("block_ms").asDouble()).isEqualTo(250.0);
        // block + crossfade (50 ms) + search (12.5 ms)
        assertThat(row.get("algorithmic_latency_ms").asDouble()).isEqualTo(312.5);
        assertThat(row.get("blocks_timed").asInt()).isEqualTo(6);
        assertThat(row.get("block_time_ms_median").asDouble()).isPositive();
    }

    @Test
    void cold_report_times_the_first_second_from_jvm_start() throws IOException {
        JsonNode r = bench("--mode", "cold", "--seconds", "1", "-q");
        assertThat(r.get("mode").asText()).isEqualTo("cold");
        for (String key : List.of("jvm_to_command_s", "engine_build_s", "warm_up_s")) {
            assertThat(r.get(key).asDouble()).as(key).isGreaterThanOrEqualTo(0);
        }
        double convert = r.get("first_second_convert_s").asDouble();
        assertThat(convert).isPositive();
        // JVM start -> command -> engine built -> warm-up and first second converted: three parts of one span, each
        // in whole milliseconds, so they add up to it but for floating-point rounding
        assertThat(r.get("jvm_start_to_first_second_s").asDouble()).isCloseTo(r.get("jvm_to_command_s").asDouble()
                + r.get("engine_build_s").asDouble() + convert, within(1e-9));
        assertThat(r.get("peak_rss_mib").asDouble()).isPositive();
    }

    @Test
    void rss_report_has_memory_and_time_after_each_conversion() throws IOException {
        JsonNode r = bench("--mode", "rss", "--seconds", "0.5", "-q");
        assertThat(r.get("mode").asText()).isEqualTo("rss");
        assertThat(r.get("input_seconds").asDouble()).isEqualTo(0.5);
        assertThat(r.get("conversions").asInt()).isEqualTo(1);
        assertThat(r.get("seconds_each")).hasSize(1);
        assertThat(r.get("seconds_each").get(0).asDouble()).isPositive();
        assertThat(r.get("rss_mib_after_each")).hasSize(1);
        // both positive; not compared: Linux updates the high-water mark (VmHWM) lazily, it can trail VmRSS
        assertThat(r.get("rss_mib_after_each").get(0).asDouble()).isPositive();
        assertThat(r.get("peak_rss_mib").asDouble()).isPositive();
    }
}
