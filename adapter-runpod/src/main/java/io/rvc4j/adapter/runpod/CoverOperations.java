package io.rvc4j.adapter.runpod;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rvc4j.core.model.AudioSource;
import io.rvc4j.core.model.ConversionParams;
import io.rvc4j.core.model.CoverParams;
import io.rvc4j.core.model.MixGains;
import io.rvc4j.core.model.ModelRef;
import io.rvc4j.core.model.OutputFormat;
import io.rvc4j.core.model.PeakPolicy;
import io.rvc4j.core.model.PitchMethod;
import io.rvc4j.core.model.ReverbParams;
import io.rvc4j.core.port.in.ConversionResult;
import io.rvc4j.core.port.in.ConvertVoiceCommand;
import io.rvc4j.core.port.in.ConvertVoiceUseCase;
import io.rvc4j.core.port.in.CoverResult;
import io.rvc4j.core.port.in.GenerateCoverCommand;
import io.rvc4j.core.port.in.GenerateCoverUseCase;
import java.util.Optional;

/**
 * {@code generate_cover_from_separate_audio} and {@code convert_voice}: parse the seed's params, build the command,
 * call the use case, write the seed's response. Ranges are the seed's and AICoverGen's web UI's.
 */
final class CoverOperations {
    /** The seed's range for {@code pitch_adjust} and {@code pitch_change_all}; both are semitones in rvc4j. */
    static final int MAX_PITCH_SEMITONES = 12;

    private final GenerateCoverUseCase cover;
    private final ConvertVoiceUseCase convert;

    CoverOperations(GenerateCoverUseCase cover, ConvertVoiceUseCase convert) {
        this.cover = cover;
        this.convert = convert;
    }

    ObjectNode generateCover(Params p) {
        String model = p.requiredString("voice_model");
        AudioSource vocals = AudioPayload.decode("voice_audio", p.requiredString("voice_audio"));
        AudioSource instrumental = AudioPayload.decode("instrument_audio", p.requiredString("instrument_audio"));
        Optional<AudioSource> backup = p.optionalString("backup_audio").map(b -> AudioPayload.decode("backup_audio", b));
        CoverParams params = new CoverParams(conversion(p),
                p.integer("pitch_change_all", 0, -MAX_PITCH_SEMITONES, MAX_PITCH_SEMITONES),
                new ReverbParams(p.number("reverb_rm_size", 0.15, 0, 1), p.number("reverb_wet", 0.2, 0, 1),
                        p.number("reverb_dry", 0.8, 0, 1), p.number("reverb_damping", 0.7, 0, 1)),
                new MixGains(gain(p, "main_gain"), gain(p, "backup_gain"), gain(p, "inst_gain")),
                outputFormat(p), p.bool("hard_clip", false) ? PeakPolicy.CLIP : PeakPolicy.LIMIT);

        CoverResult result = cover.generate(
                new GenerateCoverCommand(ModelRef.named(model), vocals, instrumental, backup, params));

        ObjectNode out = success(result.encoded(), result.fileName(), result.modelName());
        ObjectNode echo = echoConversion(out.putObject("parameters"), params.conversion());
        echo.put("pitch_change_all", params.pitchChangeAll());
        Json.putNumber(echo, "reverb_rm_size", params.reverb().roomSize());
        Json.putNumber(echo, "reverb_wet", params.reverb().wetLevel());
        Json.putNumber(echo, "reverb_dry", params.reverb().dryLevel());
        Json.putNumber(echo, "reverb_damping", params.reverb().damping());
        Json.putNumber(echo, "main_gain", params.gains().mainDb());
        Json.putNumber(echo, "backup_gain", params.gains().backupDb());
        Json.putNumber(echo, "inst_gain", params.gains().instrumentalDb());
        echo.put("output_format", params.outputFormat().extension());
        return out;
    }

    /** Vocals-only conversion in the seed's style: same param names, {@code converted_<model>.<ext>}. */
    ObjectNode convertVoice(Params p) {
        String model = p.requiredString("voice_model");
        AudioSource vocals = AudioPayload.decode("voice_audio", p.requiredString("voice_audio"));
        ConversionParams params = conversion(p);
        OutputFormat format = outputFormat(p);

        ConversionResult result = convert.convert(
                new ConvertVoiceCommand(ModelRef.named(model), vocals, params, format));

        String fileName = "converted_" + result.modelName() + "." + format.extension();
        ObjectNode out = success(result.encoded(), fileName, result.modelName());
        echoConversion(out.putObject("parameters"), params).put("output_format", format.extension());
        return out;
    }

    private static ConversionParams conversion(Params p) {
        ConversionParams d = ConversionParams.defaults();
        return ConversionParams.builder()
                .pitch(p.integer("pitch_adjust", 0, ConversionParams.MIN_PITCH, ConversionParams.MAX_PITCH))
                .indexRate(p.number("index_rate", d.indexRate(), 0, 1))
                .filterRadius(p.integer("filter_radius", d.filterRadius(), 0, ConversionParams.MAX_FILTER_RADIUS))
                .rmsMixRate(p.number("rms_mix_rate", d.rmsMixRate(), 0, 1))
                .protect(p.number("protect", d.protect(), 0, ConversionParams.MAX_PROTECT))
                .f0Method(p.optionalString("f0_method").map(PitchMethod::parse).orElse(d.f0Method()))
                .crepeHopLength(p.integer("crepe_hop_length", d.crepeHopLength(), ConversionParams.MIN_CREPE_HOP,
                        ConversionParams.MAX_CREPE_HOP))
                .speakerId(p.integer("sid", 0, 0, ConversionParams.MAX_SPEAKER_ID))
                .deterministic(p.bool("deterministic", false))
                .build();
    }

    private static double gain(Params p, String name) {
        return p.number(name, 0, MixGains.MIN_DB, MixGains.MAX_DB);
    }

    private static OutputFormat outputFormat(Params p) {
        return p.optionalString("output_format").map(OutputFormat::parse).orElse(OutputFormat.MP3);
    }

    private static ObjectNode success(byte[] encoded, String fileName, String model) {
        ObjectNode out = Json.object();
        out.put("success", true);
        out.put("output_audio", AudioPayload.encode(encoded));
        out.put("filename", fileName);
        out.put("size", encoded.length);
        out.put("model_used", model);
        return out;
    }

    /** The seed's echo of the conversion knobs, in the seed's order. */
    private static ObjectNode echoConversion(ObjectNode echo, ConversionParams c) {
        echo.put("pitch_adjust", c.pitch());
        Json.putNumber(echo, "index_rate", c.indexRate());
        echo.put("filter_radius", c.filterRadius());
        Json.putNumber(echo, "rms_mix_rate", c.rmsMixRate());
        Json.putNumber(echo, "protect", c.protect());
        echo.put("f0_method", c.f0Method().toString());
        return echo;
    }
}
