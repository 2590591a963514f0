// Fixture driver for rvc4j's vocal chain: runs REAL JUCE (juce::dsp::IIR first-order high-pass, juce::dsp::Compressor,
// juce::dsp::Reverb) the way pedalboard 0.7.7 wraps them (pedalboard/plugins/HighpassFilter.h, Compressor.h,
// Reverb.h, JucePlugin.h, process.h) and the way AICoverGen calls the board (1 s chunks, reset=False, blocks of at
// most 8192 samples inside each call, prepare only on the first call). No JUCE or pedalboard code is in this file;
// JUCE's modules are compiled from a checkout given to build.sh (pedalboard v0.7.7 pins JUCE ddaa091 = 6.1.4).
//
// Usage: pedalboard_effects_driver <hpf|comp|reverb|chain> <rate> <channels> <in.f32> <out.f32>
//            [room damping wet dry]      (reverb and chain; pedalboard's Reverb argument order)
// Input/output: little-endian float32, interleaved when channels = 2.
#include <juce_audio_basics/juce_audio_basics.h>
#include <juce_dsp/juce_dsp.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

namespace {
constexpr int kDefaultBufferSize = 8192;  // pedalboard Plugin.h DEFAULT_BUFFER_SIZE

// JucePlugin<T>::prepare: prepares only when the spec changes (rate, channels, or a larger block).
struct Stage {
    juce::dsp::ProcessSpec last{0.0, 0, 0};
    virtual ~Stage() = default;
    void prepare(const juce::dsp::ProcessSpec& spec) {
        if (last.sampleRate != spec.sampleRate || last.maximumBlockSize < spec.maximumBlockSize
                || spec.numChannels != last.numChannels) {
            doPrepare(spec);
            last = spec;
        }
    }
    virtual void doPrepare(const juce::dsp::ProcessSpec& spec) = 0;
    virtual void process(const juce::dsp::ProcessContextReplacing<float>& c) = 0;
};

// pedalboard HighpassFilter: ProcessorDuplicator<IIR::Filter, IIR::Coefficients>, coefficients set in prepare.
struct Highpass : Stage {
    float cutoff = 50.0f;  // pedalboard default cutoff_frequency_hz
    juce::dsp::ProcessorDuplicator<juce::dsp::IIR::Filter<float>, juce::dsp::IIR::Coefficients<float>> dsp;
    void doPrepare(const juce::dsp::ProcessSpec& spec) override {
        *dsp.state = *juce::dsp::IIR::Coefficients<float>::makeFirstOrderHighPass(spec.sampleRate, cutoff);
        dsp.prepare(spec);
    }
    void process(const juce::dsp::ProcessContextReplacing<float>& c) override { dsp.process(c); }
};

// pedalboard Compressor(threshold_db, ratio, attack_ms, release_ms): setters before prepare.
struct Comp : Stage {
    juce::dsp::Compressor<float> dsp;
    Comp(float thresholdDb, float ratio, float attackMs, float releaseMs) {
        dsp.setThreshold(thresholdDb);
        dsp.setRatio(ratio);
        dsp.setAttack(attackMs);
        dsp.setRelease(releaseMs);
    }
    void doPrepare(const juce::dsp::ProcessSpec& spec) override { dsp.prepare(spec); }
    void process(const juce::dsp::ProcessContextReplacing<float>& c) override { dsp.process(c); }
};

// pedalboard Reverb(room_size, damping, wet_level, dry_level, width = 1, freeze_mode = 0): parameters before prepare.
struct Verb : Stage {
    juce::dsp::Reverb dsp;
    Verb(float room, float damping, float wet, float dry) {
        juce::Reverb::Parameters p;
        p.roomSize = room;
        p.damping = damping;
        p.wetLevel = wet;
        p.dryLevel = dry;
        p.width = 1.0f;
        p.freezeMode = 0.0f;
        dsp.setParameters(p);
    }
    void doPrepare(const juce::dsp::ProcessSpec& spec) override { dsp.prepare(spec); }
    void process(const juce::dsp::ProcessContextReplacing<float>& c) override { dsp.process(c); }
};

std::vector<float> readF32(const std::string& path) {
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    if (!in) { std::cerr << "cannot read " << path << "\n"; std::exit(2); }
    std::streamsize bytes = in.tellg();
    in.seekg(0);
    std::vector<float> v(static_cast<size_t>(bytes) / sizeof(float));
    in.read(reinterpret_cast<char*>(v.data()), static_cast<std::streamsize>(v.size() * sizeof(float)));
    return v;
}
}  // namespace

int main(int argc, char** argv) {
    if (argc < 6) {
        std::cerr << "usage: " << argv[0] << " hpf|comp|reverb|chain rate channels in.f32 out.f32 [room damping wet dry]\n";
        return 2;
    }
    std::string mode = argv[1];
    double rate = std::atof(argv[2]);
    int channels = std::atoi(argv[3]);
    std::vector<float> interleaved = readF32(argv[4]);
    int frames = static_cast<int>(interleaved.size()) / channels;
    float room = argc > 6 ? std::strtof(argv[6], nullptr) : 0.5f;
    float damping = argc > 7 ? std::strtof(argv[7], nullptr) : 0.5f;
    float wet = argc > 8 ? std::strtof(argv[8], nullptr) : 0.33f;
    float dry = argc > 9 ? std::strtof(argv[9], nullptr) : 0.4f;

    std::vector<std::unique_ptr<Stage>> board;
    if (mode == "hpf" || mode == "chain") board.push_back(std::make_unique<Highpass>());
    // AICoverGen: Compressor(threshold_db=-15, ratio=4, attack_ms=1, release_ms=100 (pedalboard's default)).
    if (mode == "comp" || mode == "chain") board.push_back(std::make_unique<Comp>(-15.0f, 4.0f, 1.0f, 100.0f));
    if (mode == "reverb" || mode == "chain") board.push_back(std::make_unique<Verb>(room, damping, wet, dry));
    if (board.empty()) { std::cerr << "unknown mode " << mode << "\n"; return 2; }

    juce::AudioBuffer<float> all(channels, frames);
    for (int i = 0; i < frames; i++)
        for (int c = 0; c < channels; c++) all.setSample(c, i, interleaved[static_cast<size_t>(i * channels + c)]);

    // AICoverGen: while f.tell() < f.frames: chunk = f.read(int(f.samplerate)); board(chunk, sr, reset=False)
    const int chunk = static_cast<int>(rate);
    for (int start = 0; start < frames; start += chunk) {
        int n = std::min(chunk, frames - start);
        juce::dsp::ProcessSpec spec{rate, static_cast<juce::uint32>(std::min(kDefaultBufferSize, n)),
                                    static_cast<juce::uint32>(channels)};
        for (auto& s : board) s->prepare(spec);
        // process.h: each plugin runs over the call's buffer in blocks of spec.maximumBlockSize.
        for (auto& s : board) {
            for (int b = 0; b < n; b += static_cast<int>(spec.maximumBlockSize)) {
                int len = std::min(static_cast<int>(spec.maximumBlockSize), n - b);
                juce::dsp::AudioBlock<float> block(all.getArrayOfWritePointers(), static_cast<size_t>(channels),
                                                   static_cast<size_t>(start + b), static_cast<size_t>(len));
                s->process(juce::dsp::ProcessContextReplacing<float>(block));
            }
        }
    }

    std::ofstream out(argv[5], std::ios::binary);
    for (int i = 0; i < frames; i++)
        for (int c = 0; c < channels; c++) {
            float v = all.getSample(c, i);
            out.write(reinterpret_cast<const char*>(&v), sizeof(float));
        }
    std::printf("%s %d frames x %d channels at %.0f Hz: JUCE %s\n", mode.c_str(), frames, channels, rate,
                juce::SystemStats::getJUCEVersion().toRawUTF8());
    return 0;
}
