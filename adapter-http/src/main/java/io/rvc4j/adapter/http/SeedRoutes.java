package io.rvc4j.adapter.http;

import io.javalin.http.Context;
import io.rvc4j.core.model.AudioSource;
import io.rvc4j.core.model.ConversionParams;
import io.rvc4j.core.model.ModelRef;
import io.rvc4j.core.model.OutputFormat;
import io.rvc4j.core.model.VoiceModelInfo;
import io.rvc4j.core.port.in.ConvertVoiceCommand;
import io.rvc4j.engine.Rvc;
import java.util.Map;

/** The AniVoiceChanger seed's file endpoints: {@code GET /}, {@code GET /models}, {@code POST /convert}. */
final class SeedRoutes {
    static final String ROOT_MESSAGE = "AniVoiceChanger API is running";

    private final Rvc rvc;
    private final ParamDefaults defaults;
    private final WorkQueue queue;

    SeedRoutes(Rvc rvc, ParamDefaults defaults, WorkQueue queue) {
        this.rvc = rvc;
        this.defaults = defaults;
        this.queue = queue;
    }

    void root(Context ctx) {
        ctx.json(Map.of("message", ROOT_MESSAGE));
    }

    /** The seed's shape: model names only, sorted; the registry re-lists the directory on every call. */
    void models(Context ctx) {
        ctx.json(Map.of("models", rvc.listModels().listModels().stream().map(VoiceModelInfo::name).toList()));
    }

    /** Multipart {@code audio_file} and the seed's form fields; answers the converted audio, WAV unless asked. */
    void convert(Context ctx) {
        WorkQueue.Ticket ticket = queue.admit();
        boolean handedOver = false;
        try {
            Uploads.require(ctx, "POST /convert", "audio_file");
            RequestParams fields = new RequestParams(ctx::formParam);
            ModelRef model = fields.model(defaults);
            ConversionParams params = fields.conversion(defaults.base());
            OutputFormat format = fields.outputFormat(OutputFormat.WAV);
            byte[] audio = Uploads.file(ctx, "audio_file");
            ConvertVoiceCommand command = new ConvertVoiceCommand(model,
                    AudioSource.encoded(audio, "audio_file"), params, format);
            ctx.future(() -> ticket.run(() -> rvc.convertVoice().convert(command)).thenAccept(result -> ctx
                    .contentType(result.format().mimeType())
                    .header("Content-Disposition", "attachment; filename=\"converted_" + result.modelName() + "."
                            + result.format().extension() + "\"")
                    .result(result.encoded())));
            handedOver = true;
        } finally {
            // Not only RuntimeExceptions: Javalin (Kotlin) lets a failed body read escape as a checked IOException.
            if (!handedOver) {
                ticket.cancel();
            }
        }
    }
}
