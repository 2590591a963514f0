package io.rvc4j.core.port.in;

import io.rvc4j.core.model.AudioSource;
import io.rvc4j.core.model.Check;
import io.rvc4j.core.model.CoverParams;
import io.rvc4j.core.model.ModelRef;
import java.util.Optional;

/** Make a cover from separated stems: main vocals to convert, the instrumental, and optional backup vocals. */
public record GenerateCoverCommand(ModelRef model, AudioSource vocals, AudioSource instrumental,
        Optional<AudioSource> backupVocals, CoverParams params) {
    public GenerateCoverCommand {
        Check.present("voice_model", model);
        Check.present("voice_audio", vocals);
        Check.present("instrument_audio", instrumental);
        Check.present("backup_audio", backupVocals);
        Check.present("params", params);
    }
}
