package io.rvc4j.adapter.runpod;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;

/** Job inputs as the seed writes them. */
final class Requests {
    static final byte[] VOCALS = WavCodecDouble.sineWav(16_000, 1, 0.5, 440);
    static final byte[] INSTRUMENTAL = WavCodecDouble.sineWav(44_100, 2, 0.5, 110);

    private Requests() {
    }

    static ObjectNode operation(String name) {
        ObjectNode input = Json.object();
        input.put("operation", name);
        return input;
    }

    /** A cover of "alice" with only the required params. */
    static ObjectNode cover(String model) {
        ObjectNode input = operation(JobHandler.GENERATE_COVER);
        ObjectNode p = input.putObject("params");
        p.put("voice_audio", b64(VOCALS));
        p.put("instrument_audio", b64(INSTRUMENTAL));
        p.put("voice_model", model);
        return input;
    }

    static ObjectNode convert(String model) {
        ObjectNode input = operation(JobHandler.CONVERT_VOICE);
        ObjectNode p = input.putObject("params");
        p.put("voice_audio", b64(VOCALS));
        p.put("voice_model", model);
        return input;
    }

    /** The {@code {"id", "input"}} job the platform hands out. */
    static ObjectNode job(String id, ObjectNode input) {
        ObjectNode job = Json.object();
        job.put("id", id);
        job.set("input", input);
        return job;
    }

    static String b64(byte[] data) {
        return Base64.getEncoder().encodeToString(data);
    }
}
