package io.rvc4j.adapter.runpod;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SDK's local test mode (runpod-worker-protocol.md 12.1): one job from {@code --test_input} or from {@code
 * test_input.json} in the working directory, run through the same handler, no network. The result body goes to
 * standard output as JSON (logs go to standard error), so {@code rvc-runpod --test_input ... > result.json} works.
 * Exit code 0 on success, 1 when the job failed or there was no job.
 */
final class LocalTestRunner {
    private static final Logger LOG = LoggerFactory.getLogger(LocalTestRunner.class);
    static final String TEST_INPUT_FILE = "test_input.json";
    static final String DEFAULT_JOB_ID = "local_test";

    private LocalTestRunner() {
    }

    static int run(Optional<String> testInput, Path workingDir, JobHandler handler, PrintStream out) {
        String text;
        if (testInput.isPresent()) {
            LOG.info("test_input set, using test_input as job input.");
            text = testInput.get();
        } else {
            Path file = workingDir.resolve(TEST_INPUT_FILE);
            if (!Files.isRegularFile(file)) {
                LOG.warn("test_input.json not found, exiting.");
                return 1;
            }
            LOG.info("Using test_input.json as job input.");
            try {
                text = Files.readString(file);
            } catch (IOException e) {
                LOG.error("cannot read {}: {}", file, e.toString());
                return 1;
            }
        }
        JsonNode job;
        try {
            job = Json.parse(text, testInput.isPresent() ? "--test_input" : TEST_INPUT_FILE);
        } catch (RequestException e) {
            LOG.error(e.getMessage());
            return 1;
        }
        if (!job.isObject() || !job.has("input")) {
            LOG.error("Job has no input parameter. Unable to run.");
            return 1;
        }
        String id = job.hasNonNull("id") ? job.get("id").asText() : DEFAULT_JOB_ID;
        LOG.info("{} | Started.", id);
        ObjectNode result = handler.handle(job.get("input"));
        out.println(Json.write(result));
        out.flush();
        if (result.has("error")) {
            LOG.error("Job {} failed with error: {}", id, result.get("error").asText());
            return 1;
        }
        LOG.info("Job {} completed successfully.", id);
        LOG.info("Local testing complete, exiting.");
        return 0;
    }
}
