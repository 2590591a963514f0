package io.rvc4j.adapter.runpod;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rvc4j.core.model.DeviceInfo;
import io.rvc4j.core.model.HealthReport;
import io.rvc4j.core.model.VoiceModelInfo;
import io.rvc4j.engine.Rvc;
import java.util.List;

/**
 * The AICoverGen RunPod API over the engine: routes a job's {@code input} by {@code operation}, and turns the outcome
 * into the body RunPod receives, {@code {"output": ...}} or {@code {"error": "..."}} (runpod-worker-protocol.md 6.1).
 * Never throws: a failing job is answered with an error, never dropped. Thread-safe (the engine is).
 */
final class JobHandler {
    static final String HEALTH_CHECK = "health_check";
    static final String LIST_MODELS = "list_models";
    static final String GENERATE_COVER = "generate_cover_from_separate_audio";
    static final String CONVERT_VOICE = "convert_voice";
    /** AICoverGen's handler treats a job without {@code operation} as a cover request. */
    static final String DEFAULT_OPERATION = GENERATE_COVER;
    static final List<String> OPERATIONS = List.of(HEALTH_CHECK, LIST_MODELS, GENERATE_COVER, CONVERT_VOICE);

    private final Rvc engine;
    private final CoverOperations covers;

    JobHandler(Rvc engine) {
        this.engine = engine;
        this.covers = new CoverOperations(engine.generateCover(), engine.convertVoice());
    }

    /**
     * The result body for one job's {@code input}. Errors are caught too (an {@code UnsatisfiedLinkError} from a
     * native library, an {@code OutOfMemoryError} on a huge input): RunPod must get an answer for every job it handed
     * out, and the worker stays up for the next one.
     */
    ObjectNode handle(JsonNode input) {
        try {
            return output(route(input));
        } catch (RuntimeException | Error e) {
            return error(ErrorMapper.message(e));
        }
    }

    /** The operation a job's input names, for logs and progress messages. */
    static String operationOf(JsonNode input) {
        JsonNode op = input == null ? null : input.get("operation");
        return op == null || op.isNull() ? DEFAULT_OPERATION : op.asText();
    }

    static ObjectNode output(JsonNode value) {
        ObjectNode body = Json.object();
        body.set("output", value);
        return body;
    }

    static ObjectNode error(String message) {
        ObjectNode body = Json.object();
        body.put("error", message);
        return body;
    }

    private JsonNode route(JsonNode input) {
        if (input == null || !input.isObject()) {
            throw new RequestException("input must be a JSON object with an \"operation\", got "
                    + (input == null ? "nothing" : input.getNodeType().toString()));
        }
        JsonNode op = input.get("operation");
        if (op != null && !op.isNull() && !op.isTextual()) {
            throw new RequestException("operation must be a string, got " + op);
        }
        String operation = operationOf(input);
        return switch (operation) {
            case HEALTH_CHECK -> health();
            case LIST_MODELS -> models();
            case GENERATE_COVER -> covers.generateCover(new Params(input.get("params")));
            case CONVERT_VOICE -> covers.convertVoice(new Params(input.get("params")));
            default -> throw new RequestException("Unknown operation: " + operation + ". Available operations: "
                    + String.join(", ", OPERATIONS));
        };
    }

    private JsonNode health() {
        HealthReport report = engine.checkHealth().health();
        ObjectNode out = Json.object();
        out.put("status", report.status());
        out.put("device", seedDevice(report.device()));
        ArrayNode names = out.putArray("available_models");
        report.models().forEach(names::add);
        out.put("gpu_available", report.device().gpuAvailable());
        if (!report.healthy()) {
            ArrayNode problems = out.putArray("problems");
            report.problems().forEach(problems::add);
        }
        return out;
    }

    /**
     * The seed's {@code device}: AICoverGen reports torch's device type, {@code "cuda"} on a GPU and {@code "cpu"}
     * otherwise. The engine names a GPU by its index ({@code gpu:0}), which the seed has no place for.
     */
    static String seedDevice(DeviceInfo device) {
        String name = device.name();
        return name.startsWith("gpu") || name.startsWith("cuda") ? "cuda" : name;
    }

    private JsonNode models() {
        List<VoiceModelInfo> models = engine.listModels().listModels();
        ObjectNode out = Json.object();
        ArrayNode names = out.putArray("models");
        models.forEach(m -> names.add(m.name()));
        out.put("count", models.size());
        return out;
    }
}
