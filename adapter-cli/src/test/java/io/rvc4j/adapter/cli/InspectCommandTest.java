package io.rvc4j.adapter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.rvc4j.engine.demo.DemoModels;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code rvc inspect} by file and by voice name; nothing here loads weights or starts the inference engine. */
class InspectCommandTest {

    @TempDir
    static Path models;

    @BeforeAll
    static void demoModels() {
        DemoModels.ensure(models);
    }

    private record Run(int code, String out, String err) {
    }

    private static Run rvc(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = RvcCommand.commandLine(EngineFactory.DEFAULT);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return new Run(cl.execute(args), out.toString(), err.toString());
    }

    @Test
    void describes_a_voice_by_name_from_the_models_directory() {
        Run run = rvc("inspect", "--models-dir", models.toString(), DemoModels.VOICE);
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("\"name\" : \"" + DemoModels.VOICE + "\"", "\"version\" : \"v2\"",
                "\"sample_rate\" : 40000", "\"f0\" : true", "\"sha256\"", "\"index\"");
    }

    @Test
    void gives_the_same_hash_by_name_and_by_file() throws Exception {
        Run byName = rvc("inspect", "--models-dir", models.toString(), DemoModels.VOICE);
        Run byFile = rvc("inspect", models.resolve(DemoModels.VOICE).resolve(DemoModels.VOICE + ".pth").toString());
        assertThat(byFile.code()).as(byFile.err()).isZero();
        String hash = byFile.out().replaceAll("(?s).*\"sha256\" : \"([0-9a-f]{64})\".*", "$1");
        assertThat(hash).hasSize(64);
        assertThat(byName.out()).contains(hash);
    }

    @Test
    void answers_an_unknown_name_with_exit_3_and_a_missing_file_with_exit_2() {
        Run unknown = rvc("inspect", "--models-dir", models.toString(), "nobody");
        assertThat(unknown.code()).isEqualTo(ExitCodes.MODEL_NOT_FOUND);
        assertThat(unknown.err()).contains("Voice model not found: nobody");
        assertThat(rvc("inspect", "--models-dir", models.toString(), "nobody.pth").code()).isEqualTo(ExitCodes.USAGE);
    }
}
