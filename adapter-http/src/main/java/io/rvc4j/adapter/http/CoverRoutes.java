package io.rvc4j.adapter.http;

import io.javalin.http.Context;
import io.rvc4j.core.error.InvalidParameterException;
import io.rvc4j.core.model.AudioSource;
import io.rvc4j.core.model.ConversionParams;
import io.rvc4j.core.model.CoverParams;
import io.rvc4j.core.model.MixGains;
import io.rvc4j.core.model.ModelRef;
import io.rvc4j.core.model.OutputFormat;
import io.rvc4j.core.model.PeakPolicy;
import io.rvc4j.core.model.ReverbParams;
import io.rvc4j.core.port.in.GenerateCoverCommand;
import io.rvc4j.engine.Rvc;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code POST /cover}: AICoverGen's cover from separated stems, with the RunPod seed's field names. The stems come as
 * multipart files ({@code voice_audio}, {@code instrument_audio}, optional {@code backup_audio}) or as base64 strings
 * in a JSON body; the answer is the encoded mix with {@code Content-Disposition: attachment; filename=cover_<model>.<ext>}.
 * Conversion defaults are AICoverGen's (index 0.5, rms mix 0.25, ...), not the AniVoiceChanger environment's.
 */
final class CoverRoutes {
    /** Seed spellings of the fields RequestParams reads under AniVoiceChanger names. */
    private static final Map<String, String> COVER_NAMES = Map.of(
            "pitch_change", "pitch_adjust", "volume_envelope", "rms_mix_rate", "pitch_extraction_algo", "f0_method");

    private final Rvc rvc;
    private final ParamDefaults defaults;
    private final WorkQueue queue;

    CoverRoutes(Rvc rvc, ParamDefaults defaults, WorkQueue queue) {
        this.rvc = rvc;
        this.defaults = defaults;
        this.queue = queue;
    }

    void cover(Context ctx) {
        WorkQueue.Ticket ticket = queue.admit();
        boolean handedOver = false;
        try {
            GenerateCoverCommand command = isJson(ctx) ? fromJson(ctx) : fromMultipart(ctx);
            ctx.future(() -> ticket.run(() -> rvc.generateCover().generate(command)).thenAccept(result -> ctx
                    .contentType(result.format().mimeType())
                    .header("Content-Disposition", "attachment; filename=\"" + result.fileName() + "\"")
                    .header("X-Sample-Rate", Integer.toString(result.sampleRate()))
                    .header("X-Duration-Seconds", String.format(Locale.ROOT, "%.3f", result.durationSeconds()))
                    .result(result.encoded())));
            handedOver = true;
        } finally {
            // Not only RuntimeExceptions: Javalin (Kotlin) lets a failed body read escape as a checked IOException.
            if (!handedOver) {
                ticket.cancel();
            }
        }
    }

    private GenerateCoverCommand fromMultipart(Context ctx) {
        Uploads.require(ctx, "POST /cover", "voice_audio");
        Function<String, String> fields = ctx::formParam;
        CoverParams params = params(fields);
        return new GenerateCoverCommand(model(fields), AudioSource.encoded(
                Uploads.file(ctx, "voice_audio"), "voice_audio"),
                AudioSource.encoded(Uploads.file(ctx, "instrument_audio"), "instrument_audio"),
                Uploads.optionalFile(ctx, "backup_audio").map(b -> AudioSource.encoded(b, "backup_audio")),
                params);
    }

    private GenerateCoverCommand fromJson(Context ctx) {
        JsonFields fields = JsonFields.parse(ctx.body(), "the request body");
        CoverParams params = params(fields);
        return new GenerateCoverCommand(model(fields), base64(fields, "voice_audio").orElseThrow(() -> missing("voice_audio")),
                base64(fields, "instrument_audio").orElseThrow(() -> missing("instrument_audio")),
                base64(fields, "backup_audio"), params);
    }

    private ModelRef model(Function<String, String> fields) {
        return new RequestParams(fields).model(defaults);
    }

    /** The RunPod seed's parameters over AICoverGen's defaults; {@code pitch_adjust} is in semitones. */
    CoverParams params(Function<String, String> fields) {
        Function<String, String> aliased = name -> switch (name) {
            case "pitch_change" -> fields.apply("pitch_adjust");
            case "pitch" -> null;
            default -> fields.apply(name);
        };
        RequestParams p = new RequestParams(aliased);
        try {
            ConversionParams conversion = p.conversion(ConversionParams.defaults());
            ReverbParams d = ReverbParams.defaults();
            ReverbParams reverb = new ReverbParams(
                    num(p, "reverb_rm_size", d.roomSize()), num(p, "reverb_wet", d.wetLevel()),
                    num(p, "reverb_dry", d.dryLevel()), num(p, "reverb_damping", d.damping()));
            MixGains gains = new MixGains(num(p, "main_gain", 0), num(p, "backup_gain", 0), num(p, "inst_gain", 0));
            int all = p.text("pitch_change_all").map(v -> RequestParams.integer("pitch_change_all", v)).orElse(0);
            PeakPolicy peaks = p.text("peak_policy").map(CoverRoutes::peakPolicy).orElse(PeakPolicy.LIMIT);
            return new CoverParams(conversion, all, reverb, gains, p.outputFormat(OutputFormat.MP3), peaks);
        } catch (InvalidParameterException e) {
            String name = COVER_NAMES.get(e.parameter());
            throw name == null ? e : new InvalidParameterException(name, e.getMessage().substring(e.parameter().length() + 2));
        }
    }

    private static double num(RequestParams p, String name, double fallback) {
        return p.text(name).map(v -> RequestParams.number(name, v)).orElse(fallback);
    }

    private static PeakPolicy peakPolicy(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "limit" -> PeakPolicy.LIMIT;
            case "clip" -> PeakPolicy.CLIP;
            default -> throw new InvalidParameterException("peak_policy", "must be limit or clip, got '" + text + "'");
        };
    }

    private static Optional<AudioSource> base64(JsonFields fields, String name) {
        String text = fields.apply(name);
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        int comma = text.startsWith("data:") ? text.indexOf(',') : -1;
        try {
            return Optional.of(AudioSource.encoded(Base64.getMimeDecoder().decode(text.substring(comma + 1)), name));
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException(name, "is not valid base64: " + e.getMessage());
        }
    }

    private static InvalidParameterException missing(String name) {
        return new InvalidParameterException(name, "is required (base64 of an audio file)");
    }

    private static boolean isJson(Context ctx) {
        String type = ctx.contentType();
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("application/json");
    }
}
