"""Writes the content-encoder, retrieval, filter and pipeline fixtures of rvc-engine-djl / rvc-dsp.

Drives upstream RVC code from checkouts given by environment variables (nothing upstream is copied here):
  RVC_SRC       RVC-Project/Retrieval-based-Voice-Conversion-WebUI at branch 20240604 (pipeline, synthesizer)
  RVC_MAIN_SRC  the same repository at main (its Transformers-based HuBERT, infer/hubert.py)

Usage (from the repository root):
  RVC_SRC=/tmp/up-rvc RVC_MAIN_SRC=/tmp/up-main /work/venv-ref/bin/python tools/reference/make_pipeline_fixtures.py

fairseq is not installable here, so HuBERT runs through main's Transformers model, whose docstring calls
hidden_states[N] numerically equivalent to fairseq's output_layer=N. The same random weights are also written under
fairseq names (what hubert_base.pt holds) so both Java loaders are exercised.

The test signals are integer recipes (make_signal) that the Java tests rebuild bit for bit, so no input audio is stored.
Noise draws of the synthesizer are zeroed (torch.randn_like -> zeros), the f0 estimator is replaced by a fixed track
(the pipeline's own key shift, f0-file override and coarse quantisation still run), is_half is False.

One case ("rmvpe": True) instead lets the pipeline estimate f0 with RVC's own RMVPE class (infer/lib/rmvpe.py) on the
reduced random E2E that tools/reference/make_pitch_fixtures.py wrote (rvc-engine-djl/src/test/resources/pitch/
rmvpe-small.pt), so the Java side can run its own RMVPE on the same weights (end to end with our own f0).
"""
import json
import os
import subprocess
import sys
import types
from pathlib import Path

import numpy as np
import torch

ROOT = Path(__file__).resolve().parents[2]
ENGINE_FIX = ROOT / "rvc-engine-djl/src/test/resources/fixtures"
DSP_FIX = ROOT / "rvc-dsp/src/test/resources/fixtures/filter"
RVC_SRC = Path(os.environ["RVC_SRC"]).resolve()
RVC_MAIN_SRC = Path(os.environ["RVC_MAIN_SRC"]).resolve()
HUBERT = None  # RVC main's infer/hubert.py, loaded in main()

# ---------------------------------------------------------------- test signals (mirrored in Java: TestSignals)
PERIODS = [80, 91, 100, 113, 128, 145, 160]  # samples at 16 kHz: 200 .. 100 Hz
SEGMENT = 4000  # 0.25 s


def make_signal(n, seed):
    """Integer recipe: triangle 'notes' with a new period every 0.25 s, every 5th segment quiet, LCG noise."""
    out = np.zeros(n, dtype=np.int64)
    state = seed & 0xFFFFFFFF
    for i in range(n):
        state = (state * 1664525 + 1013904223) & 0xFFFFFFFF
        r = state >> 16
        seg = i // SEGMENT
        if seg % 5 == 4:
            out[i] = (r % 64) - 32
        else:
            p = PERIODS[seg % 7]
            ph = i % p
            tri = abs(2 * ph - p) * 16000 // p - 8000
            out[i] = tri + (r % 512) - 256
    return out.astype(np.int16)


def to_float(x16):
    return x16.astype(np.float32) / np.float32(32768.0)


def f0_track(frames, seed):
    """A fixed f0 track over the padded signal (frames of 10 ms); unvoiced where the signal is quiet."""
    t = np.arange(frames)
    # padded frame i covers original sample (i - 100) * 160 (t_pad = 16000 = 100 frames)
    orig = (t - 100) * 160
    seg = np.floor_divide(np.clip(orig, 0, None), SEGMENT)
    base = np.array([16000.0 / PERIODS[s % 7] for s in seg])
    f0 = base * (1.0 + 0.02 * np.sin(t * 0.05 + seed))
    f0[(seg % 5) == 4] = 0.0
    f0[orig < 0] = 0.0
    return f0.astype(np.float32)


# ---------------------------------------------------------------- random weights

def randomize(module, gen):
    with torch.no_grad():
        for name, p in module.named_parameters():
            if p.dim() >= 2:
                fan_in = int(np.prod(p.shape[1:]))
                p.copy_(torch.randn(p.shape, generator=gen) / np.sqrt(max(fan_in, 1)))
            elif "weight" in name or "gamma" in name or name.endswith("original0") or name.endswith("weight_g"):
                p.copy_(1.0 + 0.1 * torch.randn(p.shape, generator=gen))
            else:
                p.copy_(0.1 * torch.randn(p.shape, generator=gen))


# ---------------------------------------------------------------- HuBERT through Transformers (RVC main)

def hf_to_fairseq(sd):
    """Transformers HuBERT names -> fairseq names (as in hubert_base.pt)."""
    out = {}
    for k, v in sd.items():
        n = k
        if n.startswith("masked_spec_embed"):
            n = "mask_emb"
        n = n.replace("feature_extractor.conv_layers.0.layer_norm.", "feature_extractor.conv_layers.0.2.")
        n = n.replace(".conv.weight", ".0.weight") if n.startswith("feature_extractor.conv_layers") else n
        n = n.replace("feature_projection.layer_norm.", "layer_norm.")
        n = n.replace("feature_projection.projection.", "post_extract_proj.")
        n = n.replace("encoder.pos_conv_embed.conv.parametrizations.weight.original0", "encoder.pos_conv.0.weight_g")
        n = n.replace("encoder.pos_conv_embed.conv.parametrizations.weight.original1", "encoder.pos_conv.0.weight_v")
        n = n.replace("encoder.pos_conv_embed.conv.weight_g", "encoder.pos_conv.0.weight_g")
        n = n.replace("encoder.pos_conv_embed.conv.weight_v", "encoder.pos_conv.0.weight_v")
        n = n.replace("encoder.pos_conv_embed.conv.bias", "encoder.pos_conv.0.bias")
        n = n.replace(".attention.", ".self_attn.")
        n = n.replace(".feed_forward.intermediate_dense.", ".fc1.")
        n = n.replace(".feed_forward.output_dense.", ".fc2.")
        if n.startswith("encoder.layers.") and ".layer_norm." in n:
            n = n.replace(".layer_norm.", ".self_attn_layer_norm.")
        out[n] = v.clone().contiguous()
    return out


def fairseq_cfg(c):
    """The fairseq HubertConfig fields of a Transformers config (plain dict in place of omegaconf)."""
    conv = " + ".join("[(%d,%d,%d)]" % t for t in zip(c["conv_dim"], c["conv_kernel"], c["conv_stride"]))
    return {"encoder_embed_dim": c["hidden_size"], "encoder_layers": c["num_hidden_layers"],
            "encoder_attention_heads": c["num_attention_heads"], "encoder_ffn_embed_dim": c["intermediate_size"],
            "conv_feature_layers": conv, "conv_pos": c["num_conv_pos_embeddings"],
            "conv_pos_groups": c["num_conv_pos_embedding_groups"], "layer_norm_first": False,
            "extractor_mode": "default"}


def make_hubert(cfg_kwargs, seed, half):
    from transformers import HubertConfig
    HubertModelWithFinalProj = HUBERT.HubertModelWithFinalProj

    cfg = HubertConfig(**cfg_kwargs)
    torch.manual_seed(seed)
    model = HubertModelWithFinalProj(cfg).eval()
    randomize(model, torch.Generator().manual_seed(seed))
    if half:  # keep the fp16-representable weights, as hubert_base.pt may be stored in fp16
        with torch.no_grad():
            for p in model.parameters():
                p.copy_(p.half().float())
    return model


def hubert_features(model, audio_f32, version):
    with torch.no_grad():
        return HUBERT.extract_hubert_features(model, torch.from_numpy(audio_f32).view(1, -1), version)[0].numpy()


class FairseqShim:
    """The two calls Pipeline.vc makes on a fairseq HubertModel, answered by the Transformers model."""

    def __init__(self, hf):
        self.hf = hf
        self.pre_retrieval = []

    def extract_features(self, source, padding_mask, output_layer):
        assert not bool(padding_mask.any())
        with torch.no_grad():
            out = self.hf(input_values=source, attention_mask=None, output_hidden_states=True, return_dict=True)
        if output_layer == 9:
            return (out.hidden_states[9],)
        feats = out.last_hidden_state
        self.pre_retrieval.append(feats[0].numpy().copy())
        return (feats,)

    def final_proj(self, x):
        with torch.no_grad():
            y = self.hf.final_proj(x)
        self.pre_retrieval.append(y[0].numpy().copy())
        return y


# ---------------------------------------------------------------- synthesizer saved as RVC saves it

def tiny_synth_config(sr, version):
    rates = {("v1", 32000): ([10, 4, 2, 2, 2], [16, 16, 4, 4, 4]), ("v2", 40000): ([10, 10, 2, 2], [16, 16, 4, 4])}
    up, kup = rates[(version, sr)]
    # spec, segment, inter, hidden, filter, heads, layers, kernel, p_dropout, resblock, rb kernels, rb dilations,
    # upsample rates, upsample initial channel, upsample kernels, spk_embed_dim, gin_channels, sr
    return [17, 32, 16, 16, 32, 2, 1, 3, 0, "1", [3, 7, 11], [[1, 3, 5], [1, 3, 5], [1, 3, 5]], up, 32, kup, 2, 16, sr]


def load_rvc_model(path):
    """Loads an RVC inference .pth exactly like VC.get_vc (fp32 path)."""
    from infer.lib.infer_pack import models as m
    cpt = torch.load(path, map_location="cpu")
    cpt["config"][-3] = cpt["weight"]["emb_g.weight"].shape[0]
    classes = {("v1", 1): m.SynthesizerTrnMs256NSFsid, ("v1", 0): m.SynthesizerTrnMs256NSFsid_nono,
               ("v2", 1): m.SynthesizerTrnMs768NSFsid, ("v2", 0): m.SynthesizerTrnMs768NSFsid_nono}
    net = classes[(cpt.get("version", "v1"), int(cpt.get("f0", 1)))](*cpt["config"], is_half=False)
    del net.enc_q
    net.load_state_dict(cpt["weight"], strict=False)
    return net.eval().float()


def make_synth(version, sr, seed, path):
    from infer.lib.infer_pack import models as m
    cls = m.SynthesizerTrnMs256NSFsid if version == "v1" else m.SynthesizerTrnMs768NSFsid
    cfg = tiny_synth_config(sr, version)
    torch.manual_seed(seed)
    net = cls(*cfg, is_half=False)
    randomize(net, torch.Generator().manual_seed(seed))
    weight = {k: v.half() for k, v in net.state_dict().items() if "enc_q" not in k}
    cpt = {"weight": weight, "config": cfg, "info": "tiny random fixture", "sr": {32000: "32k", 40000: "40k"}[sr],
           "f0": 1, "version": version}
    torch.save(cpt, path)
    # reload exactly like VC.get_vc (fp32 path)
    cpt = torch.load(path, map_location="cpu")
    cpt["config"][-3] = cpt["weight"]["emb_g.weight"].shape[0]
    net = cls(*cpt["config"], is_half=False)
    del net.enc_q
    net.load_state_dict(cpt["weight"], strict=False)
    return net.eval().float()


# ---------------------------------------------------------------- FAISS index made like RVC's train_index

def make_index(feats, path):
    import faiss
    rng = np.random.RandomState(0)
    feats = feats.astype(np.float32).copy()
    rng.shuffle(feats)
    n = feats.shape[0]
    n_ivf = min(int(16 * np.sqrt(n)), n // 39)
    index = faiss.index_factory(feats.shape[1], "IVF%s,Flat" % n_ivf)
    faiss.extract_index_ivf(index).nprobe = 1
    index.train(feats)
    for i in range(0, n, 8192):
        index.add(feats[i:i + 8192])
    faiss.write_index(index, str(path))
    return n_ivf


class RecordingIndex:
    def __init__(self, index):
        self.index = index
        self.ntotal = index.ntotal
        self.searches = []

    def reconstruct_n(self, a, b):
        return self.index.reconstruct_n(a, b)

    def search(self, x, k):
        d, i = self.index.search(x, k)
        self.searches.append((d.copy(), i.copy()))
        return d, i


# ---------------------------------------------------------------- the pipeline run

def stub_modules():
    for name in ["parselmouth", "pyworld", "torchcrepe"]:
        sys.modules.setdefault(name, types.ModuleType(name))


RMVPE_SMALL = ROOT / "rvc-engine-djl/src/test/resources/pitch/rmvpe-small.pt"


def small_rmvpe():
    """RVC's RMVPE (is_half False, CPU) around the reduced E2E of make_pitch_fixtures.py, loaded from its fp16 file.

    The salience handed to decode() is kept (last_hidden) so the fixture can say how close each frame is to the
    voicing threshold."""
    from infer.lib import rmvpe as up
    rm = up.RMVPE.__new__(up.RMVPE)  # RMVPE's own front end and decoder, without its full-size weight loading
    rm.is_half = False
    rm.device = "cpu"
    rm.mel_extractor = up.MelSpectrogram(False, 128, 16000, 1024, 160, None, 30, 8000)
    rm.cents_mapping = np.pad(20 * np.arange(360) + 1997.3794084376191, (4, 4))
    model = up.E2E(2, 1, (2, 2), en_de_layers=5, inter_layers=2, en_out_channels=2)
    model.load_state_dict(torch.load(RMVPE_SMALL, map_location="cpu"))
    rm.model = model.eval().float()
    real_decode = rm.decode

    def decode(hidden, thred=0.03):
        rm.last_hidden = hidden.copy()
        return real_decode(hidden, thred=thred)

    rm.decode = decode
    return rm


class FixedF0:
    def __init__(self, track):
        self.track = track

    def infer_from_audio(self, x, thred):
        assert len(x) // 160 + 1 == len(self.track), (len(x), len(self.track))
        return self.track.astype(np.float32).copy()


def run_pipeline(case, hubert, net, version, tgt_sr, audio_f32, track, index_path, out_dir):
    import faiss
    from infer.modules.vc import pipeline as P

    cfg = types.SimpleNamespace(x_pad=1, x_query=6, x_center=38, x_max=41, is_half=False, device="cpu")
    pipe = P.Pipeline(tgt_sr, cfg)
    pipe.model_rmvpe = small_rmvpe() if case.get("rmvpe") else FixedF0(track)
    rec = {}
    real_read = faiss.read_index

    def read_index(p):
        rec["index"] = RecordingIndex(real_read(p))
        return rec["index"]

    P.faiss.read_index = read_index
    synth_inputs = []
    real_infer = net.infer

    def infer(phone, lengths, *rest):
        if len(rest) == 3:
            pitch, nsff0, sid = rest
            synth_inputs.append((phone[0].numpy().copy(), pitch[0].numpy().copy(), nsff0[0].numpy().copy()))
        else:
            synth_inputs.append((phone[0].numpy().copy(), None, None))
        return real_infer(phone, lengths, *rest)

    net.infer = infer
    shim = FairseqShim(hubert)
    f0_file = None
    if case.get("f0_file"):
        f0_path = out_dir / (case["name"] + "_f0file.txt")
        f0_path.write_text(case["f0_file"])
        f0_file = types.SimpleNamespace(name=str(f0_path))
    audio = audio_f32.copy()
    audio_max = np.abs(audio).max() / 0.95
    if audio_max > 1:
        audio /= audio_max
    real_resample = P.librosa.resample
    P.librosa.resample = librosa091_resample
    out = pipe.pipeline(shim, net, 0, audio, "in.wav", [0, 0, 0], case["key"], "rmvpe",
                        str(index_path) if case["index_rate"] else "", case["index_rate"], case.get("if_f0", 1), 3, tgt_sr,
                        case.get("resample_sr", 0), case["rms_mix_rate"], version, case["protect"], f0_file=f0_file)
    P.librosa.resample = real_resample
    net.infer = real_infer
    P.faiss.read_index = real_read
    return out, shim.pre_retrieval, synth_inputs, rec.get("index"), pipe.model_rmvpe


def librosa091_resample(y, *, orig_sr, target_sr, res_type="kaiser_best", fix=True, scale=False):
    """librosa 0.9.1 resample (RVC's pin; the venv's librosa 0.11 defaults to soxr): resampy, then fix_length to
    ceil(n * ratio) (zero padding), in the input's dtype."""
    from make_resampy_fixtures import load_resampy  # Debian's python3-resampy, see that script
    resampy, _ = load_resampy()
    assert res_type == "kaiser_best" and fix and not scale
    ratio = float(target_sr) / orig_sr
    n_samples = int(np.ceil(y.shape[-1] * ratio))
    y_hat = resampy.resample(y, orig_sr, target_sr, filter=res_type, axis=-1)
    y_hat = np.pad(y_hat, (0, max(0, n_samples - y_hat.shape[-1])))[:n_samples]
    return np.asarray(y_hat, dtype=y.dtype)


def save(path, arr):
    path.parent.mkdir(parents=True, exist_ok=True)
    np.save(path, arr)


def main():
    global HUBERT
    import importlib.util
    sys.path.insert(0, str(RVC_MAIN_SRC))  # main's tools.cuda_graph, imported by its infer/hubert.py
    spec = importlib.util.spec_from_file_location("rvc_main_hubert", RVC_MAIN_SRC / "infer" / "hubert.py")
    HUBERT = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(HUBERT)
    sys.path.insert(0, str(RVC_SRC))  # 20240604's infer package wins from here on
    stub_modules()
    torch.randn_like = torch.zeros_like  # draws R1, R2 -> 0 (deterministic mode)
    torch.set_num_threads(2)

    meta = {"upstream": {}, "cases": {}}
    for name, src in [("rvc_20240604", RVC_SRC), ("rvc_main", RVC_MAIN_SRC)]:
        meta["upstream"][name] = {
            "repo": "RVC-Project/Retrieval-based-Voice-Conversion-WebUI",
            "commit": subprocess.check_output(["git", "-C", str(src), "rev-parse", "HEAD"], text=True).strip()}
    import transformers, faiss, scipy
    meta["versions"] = {"torch": torch.__version__, "transformers": transformers.__version__,
                        "faiss": faiss.__version__, "scipy": scipy.__version__, "numpy": np.__version__}

    # ---- filtfilt (rvc-dsp)
    from scipy import signal
    bh, ah = signal.butter(N=5, Wn=48, btype="high", fs=16000)
    x = to_float(make_signal(8000, 7)).astype(np.float64)
    save(DSP_FIX / "filtfilt_input_seed7_8000.npy", x)
    save(DSP_FIX / "filtfilt_output.npy", signal.filtfilt(bh, ah, x))
    save(DSP_FIX / "butter_b.npy", bh)
    save(DSP_FIX / "butter_a.npy", ah)
    short = np.array([0.5, -0.25, 0.125, 0.75, -1.0] * 5, dtype=np.float64)  # 25 samples: just above padlen 18
    save(DSP_FIX / "filtfilt_short_output.npy", signal.filtfilt(bh, ah, short))
    (DSP_FIX / "meta.json").write_text(json.dumps({"scipy": scipy.__version__, "signal": "make_signal(8000, seed 7)",
                                                    "short": "[0.5,-0.25,0.125,0.75,-1.0] x 5"}, indent=2))

    # ---- HuBERT fixtures
    hub_dir = ENGINE_FIX / "hubert"
    tiny_cfg = dict(hidden_size=32, num_hidden_layers=10, num_attention_heads=4, intermediate_size=48,
                    conv_dim=(16,) * 7, conv_kernel=(10, 3, 3, 3, 3, 2, 2), conv_stride=(5, 2, 2, 2, 2, 2, 2),
                    num_conv_pos_embeddings=16, num_conv_pos_embedding_groups=4, classifier_proj_size=256,
                    vocab_size=4)
    tiny = make_hubert(tiny_cfg, 11, half=False)
    tiny.save_pretrained(str(hub_dir / "tiny_hf"), safe_serialization=True)
    sd = hf_to_fairseq(tiny.state_dict())
    torch.save({"model": sd, "cfg": {"model": fairseq_cfg(tiny_cfg)}}, hub_dir / "tiny_fairseq.pt")
    wide_cfg = dict(hidden_size=768, num_hidden_layers=0, num_attention_heads=12, intermediate_size=8,
                    conv_dim=(16,) * 7, conv_kernel=(10, 3, 3, 3, 3, 2, 2), conv_stride=(5, 2, 2, 2, 2, 2, 2),
                    num_conv_pos_embeddings=4, num_conv_pos_embedding_groups=64, classifier_proj_size=8, vocab_size=4)
    wide = make_hubert(wide_cfg, 12, half=True)
    torch.save({"model": {k: v.half() for k, v in hf_to_fairseq(wide.state_dict()).items()},
                "cfg": {"model": fairseq_cfg(wide_cfg)}}, hub_dir / "wide768_fairseq_fp16.pt")
    hx = to_float(make_signal(20_880, 3))  # 1.305 s -> 64 frames
    for ver in ["v1", "v2"]:
        save(hub_dir / ("tiny_%s_seed3_20880.npy" % ver), hubert_features(tiny, hx, ver))
    save(hub_dir / "wide768_v2_seed3_20880.npy", hubert_features(wide, hx, "v2"))
    (hub_dir / "meta.json").write_text(json.dumps({
        "upstream": meta["upstream"], "versions": meta["versions"], "input": "make_signal(20880, seed 3) / 32768",
        "tiny": {k: list(v) if isinstance(v, tuple) else v for k, v in tiny_cfg.items()},
        "wide768": {k: list(v) if isinstance(v, tuple) else v for k, v in wide_cfg.items()}}, indent=2))

    # ---- pipeline fixtures
    pipe_dir = ENGINE_FIX / "pipeline"
    pipe_dir.mkdir(parents=True, exist_ok=True)
    net_v2 = make_synth("v2", 40000, 21, pipe_dir / "tiny_v2_40k.pth")
    net_v1 = make_synth("v1", 32000, 22, pipe_dir / "tiny_v1_32k.pth")
    # indexes from features of other signals (as RVC indexes training features)
    idx_feats_v2 = np.concatenate([hubert_features(wide, to_float(make_signal(16000 * 2, s)), "v2") for s in (40, 41)])
    meta["index_v2_nlist"] = make_index(idx_feats_v2[:120], pipe_dir / "tiny_v2.index")
    idx_feats_v1 = np.concatenate([hubert_features(tiny, to_float(make_signal(16000 * 3, s)), "v1") for s in (42, 43, 44)])
    meta["index_v1_nlist"] = make_index(idx_feats_v1[:440], pipe_dir / "tiny_v1.index")

    net_nof0 = load_rvc_model(ENGINE_FIX / "synth/v2-nof0-32k/model.pth")
    cases = [
        # every one of the 768 feature channels (the other v2 cases store every 4th / 16th)
        dict(name="v2_3s_index", version="v2", seconds=3, seed=1, key=0, index_rate=0.75, rms_mix_rate=0.25,
             protect=0.33, feature_channel_stride=1),
        dict(name="v2_3s_noindex", version="v2", seconds=3, seed=1, key=3, index_rate=0.0, rms_mix_rate=1.0,
             protect=0.33, f0_file="0.5,220\n1.0,330\n1.5,0\n2.0,247.5\n", features_case="v2_3s_index",
             feature_channel_stride=1),
        # v2_3s_index with RVC's output resampling (librosa 0.9.1 -> resampy kaiser_best) to 44.1 kHz; same input,
        # HuBERT and retrieval as v2_3s_index, whose stored features it is checked against
        dict(name="v2_3s_index_resample44k", version="v2", seconds=3, seed=1, key=0, index_rate=0.75,
             rms_mix_rate=0.25, protect=0.33, resample_sr=44100, features_case="v2_3s_index", feature_channel_stride=1),
        dict(name="v1_50s_index", version="v1", seconds=50, seed=2, key=-2, index_rate=0.75, rms_mix_rate=0.25,
             protect=0.33),
        dict(name="v1_50s_noindex", version="v1", seconds=50, seed=2, key=0, index_rate=0.0, rms_mix_rate=1.0,
             protect=0.5, features_case="v1_50s_index"),
        dict(name="v2_2s_nof0", version="v2", seconds=2, seed=4, key=0, index_rate=0.75, rms_mix_rate=0.25,
             protect=0.33, if_f0=0, model="synth/v2-nof0-32k/model.pth"),
        # the synthesizer fixtures' other variants, each with an index (issue 10); every 16th (v2) / 8th (v1)
        # feature channel is stored to keep the files small
        dict(name="v1_3s_f0_40k_index", version="v1", seconds=3, seed=5, key=2, index_rate=0.75, rms_mix_rate=0.25,
             protect=0.33, model="synth/v1-f0-40k/model.pth", tgt_sr=40000, feature_channel_stride=8),
        dict(name="v2_3s_f0_48k_index", version="v2", seconds=3, seed=6, key=-3, index_rate=0.75, rms_mix_rate=0.25,
             protect=0.33, model="synth/v2-f0-48k/model.pth", tgt_sr=48000, feature_channel_stride=16),
        dict(name="v2_3s_nof0_32k_index", version="v2", seconds=3, seed=7, key=0, index_rate=0.75, rms_mix_rate=0.25,
             protect=0.33, if_f0=0, model="synth/v2-nof0-32k/model.pth", tgt_sr=32000, feature_channel_stride=16,
             nof0_features=True),
        # end to end with the pipeline's own f0: RVC's RMVPE class on the reduced random E2E (pitch/rmvpe-small.pt)
        dict(name="v2_3s_rmvpe_index", version="v2", seconds=3, seed=8, key=0, index_rate=0.75, rms_mix_rate=0.25,
             protect=0.33, rmvpe=True, feature_channel_stride=16),
    ]
    only = os.environ.get("CASES")  # e.g. CASES=v2_3s_rmvpe_index: rerun some cases, keep the others' meta
    if only:
        old = json.loads((pipe_dir / "meta.json").read_text())["cases"]
        meta["cases"].update({k: v for k, v in old.items() if k not in only.split(",")})
        cases = [c for c in cases if c["name"] in only.split(",")]
    synth_cache = {}
    for case in cases:
        n = 16000 * case["seconds"]
        audio = to_float(make_signal(n, case["seed"]))
        frames = (n + 2 * 16000) // 160 + 1
        track = f0_track(frames, case["seed"])
        v2 = case["version"] == "v2"
        nof0 = case.get("if_f0", 1) == 0
        if "tgt_sr" in case:
            if case["model"] not in synth_cache:
                synth_cache[case["model"]] = load_rvc_model(ENGINE_FIX / case["model"])
            net = synth_cache[case["model"]]
            tgt_sr = case["tgt_sr"]
        else:
            net = net_nof0 if nof0 else (net_v2 if v2 else net_v1)
            tgt_sr = 32000 if nof0 else (40000 if v2 else 32000)
        out, pre, synth_in, index, f0_source = run_pipeline(
            case, wide if v2 else tiny, net, case["version"], tgt_sr, audio,
            track, pipe_dir / ("tiny_%s.index" % case["version"]), pipe_dir)
        name = case["name"]
        d = pipe_dir / name
        if case.get("rmvpe"):
            # the reference's own f0 over the padded input (1 + n / 160 frames, before the key shift) and, per frame,
            # the salience maximum (voicing: > 0.03) and the gap between the two largest bins (argmax near-ties)
            hidden = f0_source.last_hidden
            top2 = np.sort(hidden, 1)[:, -2:]
            save(d / "rmvpe_f0.npy", f0_source.decode(hidden, 0.03).astype(np.float32))
            save(d / "rmvpe_salience_max.npy", hidden.max(1).astype(np.float32))
            save(d / "rmvpe_argmax_gap.npy", (top2[:, 1] - top2[:, 0]).astype(np.float32))
        else:
            save(d / "f0_track.npy", track)
        long = case["seconds"] > 10
        chunks = []
        # the feature dumps: rows 0..199 of long chunks, every 4th channel of 768-d ones (file size); cases without
        # an index share their input and HuBERT with the index case, so only the index cases store features
        rows = slice(0, 200) if long else slice(None)
        cstride = case.get("feature_channel_stride", 4 if v2 else 1)
        for c, (phone, pitch, pitchf) in enumerate(synth_in):
            if case.get("features_case") and pitch is not None:  # same input and HuBERT as that case: its stored features are compared
                save(d / ("chunk%d_pitch.npy" % c), pitch.astype(np.int32))
                save(d / ("chunk%d_pitchf.npy" % c), pitchf.astype(np.float32))
                chunks.append({"frames": int(phone.shape[0]), "feature_rows_stored": 0})
                continue
            if pitch is None and index is not None and case.get("nof0_features"):
                save(d / ("chunk%d_features.npy" % c), pre[c][rows, ::cstride].astype(np.float32))
                save(d / ("chunk%d_phone.npy" % c), phone[::2][rows, ::cstride].astype(np.float32))
                dd, ii = index.searches[c]
                save(d / ("chunk%d_search_ids.npy" % c), ii[rows].astype(np.int64))
                chunks.append({"frames": int(phone.shape[0]), "feature_rows_stored": int(pre[c][rows].shape[0])})
                continue
            if pitch is None:  # no-f0 model: the waveform is what is compared
                chunks.append({"frames": int(phone.shape[0]), "feature_rows_stored": 0})
                continue
            if index is not None:
                save(d / ("chunk%d_features.npy" % c), pre[c][rows, ::cstride].astype(np.float32))
                save(d / ("chunk%d_phone.npy" % c), phone[::2][rows, ::cstride].astype(np.float32))  # 50 Hz rows
                dd, ii = index.searches[c]
                save(d / ("chunk%d_search_ids.npy" % c), ii[rows].astype(np.int64))
            save(d / ("chunk%d_pitch.npy" % c), pitch.astype(np.int32))
            save(d / ("chunk%d_pitchf.npy" % c), pitchf.astype(np.float32))
            chunks.append({"frames": int(phone.shape[0]), "feature_rows_stored": int(pre[c][rows].shape[0])})
        stride = 16 if long else 1  # every 16th sample of long outputs keeps the file small
        save(d / "output_int16.npy", out[::stride].astype(np.int16))
        seams = []
        if long:
            # and every sample within 0.5 s of each seam between chunks, where splitting, overlap and trim meet
            upp, pad_tgt, pos = tgt_sr // 100, tgt_sr, 0
            for c, (phone, _, _) in enumerate(synth_in[:-1]):
                pos += phone.shape[0] * upp - 2 * pad_tgt
                lo = pos - tgt_sr // 2
                save(d / ("seam%d_int16.npy" % c), out[lo:lo + tgt_sr].astype(np.int16))
                seams.append({"start": int(lo), "samples": int(tgt_sr)})
        if case.get("rmvpe"):
            case = dict(case, rmvpe_weights="pitch/rmvpe-small.pt (tools/reference/make_pitch_fixtures.py)",
                        rmvpe_voiced_frames=int((f0_source.decode(f0_source.last_hidden, 0.03) > 0).sum()),
                        rmvpe_threshold_margin=float(np.abs(f0_source.last_hidden.max(1) - 0.03).min()))
        meta["cases"][name] = dict(case, samples=n, output_samples=int(out.shape[0]), chunks=chunks,
                                   output_stride=stride, feature_channel_stride=cstride, tgt_sr=tgt_sr,
                                   seams=seams)
        print(name, out.shape, [c["frames"] for c in chunks])
    (pipe_dir / "meta.json").write_text(json.dumps(meta, indent=2))


if __name__ == "__main__":
    main()
