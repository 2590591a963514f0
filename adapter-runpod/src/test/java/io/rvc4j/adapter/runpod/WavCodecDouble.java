package io.rvc4j.adapter.runpod;

import io.rvc4j.core.error.InvalidAudioException;
import io.rvc4j.core.model.AudioClip;
import io.rvc4j.core.model.DecodeSpec;
import io.rvc4j.core.model.OutputFormat;
import io.rvc4j.core.port.out.AudioCodec;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * An in-test codec: 16-bit PCM WAV only, and it writes WAV whatever format is asked (the adapter passes bytes
 * through, so that is all these tests need). Stands in for rvc-dsp's FFmpeg codec until that is merged.
 */
final class WavCodecDouble implements AudioCodec {

    @Override
    public AudioClip decode(byte[] data, DecodeSpec spec) {
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        if (data.length < 44 || b.getInt(0) != 0x46464952 || b.getInt(8) != 0x45564157) {
            throw new InvalidAudioException("audio is not decodable: not a RIFF/WAVE file (" + data.length + " bytes)");
        }
        int channels = b.getShort(22);
        int rate = b.getInt(24);
        int frames = (data.length - 44) / (2 * channels);
        float[][] ch = new float[channels][frames];
        for (int i = 0; i < frames; i++) {
            for (int c = 0; c < channels; c++) {
                ch[c][i] = b.getShort(44 + 2 * (i * channels + c)) / 32768f;
            }
        }
        AudioClip clip = AudioClip.wrap(rate, ch);
        if (spec.channels() == 1) {
            clip = clip.toMono();
        }
        if (spec.sampleRate() != 0 && spec.sampleRate() != rate) {
            float[][] out = new float[clip.channelCount()][];
            for (int c = 0; c < out.length; c++) {
                out[c] = LinearResampler.resampleLinear(clip.channel(c), rate, spec.sampleRate());
            }
            clip = AudioClip.wrap(spec.sampleRate(), out);
        }
        return clip;
    }

    @Override
    public byte[] encode(AudioClip clip, OutputFormat format) {
        return wav(clip);
    }

    static byte[] wav(AudioClip clip) {
        int ch = clip.channelCount();
        int n = clip.frameCount();
        ByteBuffer b = ByteBuffer.allocate(44 + 2 * n * ch).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x46464952).putInt(36 + 2 * n * ch).putInt(0x45564157);
        b.putInt(0x20746d66).putInt(16).putShort((short) 1).putShort((short) ch).putInt(clip.sampleRate())
                .putInt(clip.sampleRate() * 2 * ch).putShort((short) (2 * ch)).putShort((short) 16);
        b.putInt(0x61746164).putInt(2 * n * ch);
        float[][] data = new float[ch][];
        for (int c = 0; c < ch; c++) {
            data[c] = clip.channel(c);
        }
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < ch; c++) {
                b.putShort((short) Math.round(Math.max(-1f, Math.min(1f, data[c][i])) * 32767f));
            }
        }
        return b.array();
    }

    /** A WAV file of a sine, for requests. */
    static byte[] sineWav(int rate, int channels, double seconds, double hz) {
        int n = (int) Math.round(rate * seconds);
        float[][] ch = new float[channels][n];
        for (int i = 0; i < n; i++) {
            float v = (float) (0.5 * Math.sin(2 * Math.PI * hz * i / rate));
            for (int c = 0; c < channels; c++) {
                ch[c][i] = v;
            }
        }
        return wav(AudioClip.wrap(rate, ch));
    }
}
