#!/usr/bin/env python3
"""Writes the synthesizer parity fixtures for rvc-engine-djl.

Usage:
    /work/venv-ref/bin/python tools/reference/make_synth_fixtures.py <rvc-checkout> <out-dir>

<rvc-checkout> is a work tree of RVC-Project/Retrieval-based-Voice-Conversion-WebUI (branch 20240604,
commit d60cd3d); this script only IMPORTS its infer/lib/infer_pack modules, it contains no upstream code.

For each variant it builds a tiny synthesizer through the upstream classes (reduced widths, but the real
upsample rates / kernel sizes of the sample rate), fills every parameter with random values, saves it exactly
as RVC's process_ckpt.savee does (fp16 "weight" dict without enc_q, 18-entry "config", "info", "sr", "f0",
"version"), loads it back the way VC.get_vc does (fp32, is_half=False, strict=False) and runs infer() with both
noise draws (prior eps and SineGen noise, torch.randn_like) patched to zero. It dumps the inputs, m_p, logs_p,
z, the NSF source har and the waveform as .npy, plus meta.json with the upstream commit and noise statistics
from non-deterministic runs.
"""
import json
import math
import os
import subprocess
import sys
from collections import OrderedDict

import numpy as np
import torch

UPSTREAM_REPO = "RVC-Project/Retrieval-based-Voice-Conversion-WebUI"

# Real per-SR generator tables (reference note section 1.3); widths are reduced below.
SR_TABLE = {
    ("v1", "32k"): ([10, 4, 2, 2, 2], [16, 16, 4, 4, 4], 513, 32000),
    ("v1", "40k"): ([10, 10, 2, 2], [16, 16, 4, 4], 1025, 40000),
    ("v1", "48k"): ([10, 6, 2, 2, 2], [16, 16, 4, 4, 4], 1025, 48000),
    ("v2", "32k"): ([10, 8, 2, 2], [20, 16, 4, 4], 513, 32000),
    ("v2", "40k"): ([10, 10, 2, 2], [16, 16, 4, 4], 1025, 40000),
    ("v2", "48k"): ([12, 10, 2, 2], [24, 20, 4, 4], 1025, 48000),
}

# name, version, f0, sr, frames, speakers, seed, model shared with (None: own model.pth)[, (skip_head, return_length)]
VARIANTS = [
    ("v1-f0-40k", "v1", 1, "40k", 64, 3, 1, None),
    ("v2-f0-40k", "v2", 1, "40k", 64, 3, 2, None),
    ("v2-f0-48k", "v2", 1, "48k", 64, 3, 3, None),
    ("v2-nof0-32k", "v2", 0, "32k", 64, 3, 4, None),
    ("v1-f0-48k", "v1", 1, "48k", 48, 2, 5, None),
    ("v2-f0-40k-long", "v2", 1, "40k", 200, 3, 6, "v2-f0-40k"),
    ("v2-f0-40k-short", "v2", 1, "40k", 7, 3, 7, "v2-f0-40k"),
    # The realtime path (infer with skip_head / return_length): flow_head = skip_head - 24 > 0, and = 0.
    ("v2-f0-40k-window", "v2", 1, "40k", 100, 3, 8, "v2-f0-40k", (50, 30)),
    ("v2-nof0-32k-window", "v2", 0, "32k", 48, 3, 9, "v2-nof0-32k", (10, 30)),
    # the remaining classes/rates: v1 no-f0 (SynthesizerTrnMs256NSFsid_nono) at 40k, v2 f0 at 32k
    ("v1-nof0-40k", "v1", 0, "40k", 48, 2, 10, None),
    ("v2-f0-32k", "v2", 1, "32k", 48, 2, 11, None),
    # completing the version x f0 x rate matrix: v1 f0 32k (before only in a pipeline case) and the no-f0 classes
    # at the rates they lacked
    ("v1-f0-32k", "v1", 1, "32k", 48, 2, 12, None),
    ("v1-nof0-32k", "v1", 0, "32k", 48, 2, 13, None),
    ("v1-nof0-48k", "v1", 0, "48k", 48, 2, 14, None),
    ("v2-nof0-40k", "v2", 0, "40k", 48, 2, 15, None),
    ("v2-nof0-48k", "v2", 0, "48k", 48, 2, 16, None),
]

# Reduced widths (the real model uses 192/192/768/2/6/3 and 512/256).
INTER, HIDDEN, FILTER, HEADS, LAYERS, FFN_KERNEL = 16, 16, 32, 2, 2, 3
UP_INITIAL, GIN = 32, 16
NOISE_SEEDS = 4


def config_list(version, sr):
    rates, kernels, spec, sr_hz = SR_TABLE[(version, sr)]
    return [spec, 32, INTER, HIDDEN, FILTER, HEADS, LAYERS, FFN_KERNEL, 0, "1", [3, 7, 11],
            [[1, 3, 5], [1, 3, 5], [1, 3, 5]], rates, UP_INITIAL, kernels, 109, GIN, sr_hz]


def model_class(models, version, f0):
    return {
        ("v1", 1): models.SynthesizerTrnMs256NSFsid,
        ("v1", 0): models.SynthesizerTrnMs256NSFsid_nono,
        ("v2", 1): models.SynthesizerTrnMs768NSFsid,
        ("v2", 0): models.SynthesizerTrnMs768NSFsid_nono,
    }[(version, f0)]


def randomize(model, speakers, gen):
    """Every parameter random with a scale that keeps activations O(1); weight_g near the norm of weight_v."""
    sd = model.state_dict()
    out = OrderedDict()
    for name, t in sd.items():
        if "enc_q" in name:
            continue
        shape = tuple(t.shape)
        if name == "emb_g.weight":
            shape = (speakers, shape[1])
        if name.endswith("weight_g"):
            continue  # filled from weight_v below
        if name.endswith("emb_rel_k") or name.endswith("emb_rel_v"):
            v = torch.randn(shape, generator=gen) * shape[-1] ** -0.5
        elif name.endswith("gamma"):
            v = 1.0 + 0.1 * torch.randn(shape, generator=gen)
        elif name.endswith("beta") or name.endswith("bias"):
            v = 0.1 * torch.randn(shape, generator=gen)
        elif name in ("emb_g.weight", "enc_p.emb_pitch.weight"):
            v = 0.5 * torch.randn(shape, generator=gen)
        elif name == "dec.m_source.l_linear.weight":
            v = 2.0 + torch.rand(shape, generator=gen)
        else:
            fan_in = max(1, int(np.prod(shape[1:])))
            if ".ups." in name:  # ConvTranspose [in, out, k]: each output sums in*k/stride taps
                fan_in = shape[0] * 2
            v = torch.randn(shape, generator=gen) / math.sqrt(fan_in)
        out[name] = v
    for name in list(out.keys()):
        if name.endswith("weight_v"):
            v = out[name]
            norm = v.flatten(1).norm(dim=1).reshape([-1] + [1] * (v.dim() - 1))
            out[name[:-1] + "g"] = norm * (0.75 + 0.5 * torch.rand(norm.shape, generator=gen))
    return OrderedDict((k, out[k]) for k in sd.keys() if k in out)


def coarse_pitch(f0):
    mel_min = 1127 * np.log(1 + 50 / 700)
    mel_max = 1127 * np.log(1 + 1100 / 700)
    mel = 1127 * np.log(1 + f0 / 700)
    mel[mel > 0] = (mel[mel > 0] - mel_min) * 254 / (mel_max - mel_min) + 1
    mel[mel <= 1] = 1
    mel[mel > 255] = 255
    return np.rint(mel).astype(np.int64)


def make_inputs(frames, channels, rng):
    phone = rng.standard_normal((1, frames, channels)).astype(np.float32) * 0.5
    phone = phone.astype(np.float16).astype(np.float32)  # exactly representable, stored as fp16
    t = np.arange(frames) / 100.0
    f0 = 140 + 60 * np.sin(2 * np.pi * 1.3 * t) + 30 * rng.standard_normal(frames).cumsum() / np.sqrt(frames)
    f0 = np.clip(f0, 60, 900)
    unvoiced = (np.arange(frames) % 23) >= 17  # unvoiced runs of 6 frames
    unvoiced[0] = frames > 10  # an unvoiced first frame, except for the very short case
    f0[unvoiced] = 0.0
    nsff0 = f0.astype(np.float32)[None, :]
    pitch = coarse_pitch(f0.copy())[None, :]
    return phone, pitch, nsff0


class ZeroNoise:
    """Patches torch.randn_like (the prior eps and the SineGen noise) to zeros."""

    def __enter__(self):
        self.saved = torch.randn_like
        torch.randn_like = lambda x, *a, **k: torch.zeros_like(x)

    def __exit__(self, *exc):
        torch.randn_like = self.saved


def run_infer(net, f0, phone, pitch, nsff0, sid, window=None):
    har = {}
    hook = None
    if f0:
        hook = net.dec.m_source.register_forward_hook(lambda m, i, o: har.__setitem__("har", o[0]))
    with torch.no_grad():
        p = torch.from_numpy(phone)
        lengths = torch.tensor([phone.shape[1]], dtype=torch.long)
        s = torch.tensor([sid], dtype=torch.long)
        extra = () if window is None else (torch.tensor([window[0]]), torch.tensor([window[1]]))
        if f0:
            o, _, (z, z_p, m_p, logs_p) = net.infer(p, lengths, torch.from_numpy(pitch), torch.from_numpy(nsff0), s,
                                                    *extra)
        else:
            o, _, (z, z_p, m_p, logs_p) = net.infer(p, lengths, s, *extra)
    if hook is not None:
        hook.remove()
    h = har["har"].transpose(1, 2).numpy() if f0 else None
    return o.numpy(), z.numpy(), m_p.numpy(), logs_p.numpy(), h


def main():
    checkout, out_root = sys.argv[1], sys.argv[2]
    sys.path.insert(0, checkout)
    os.chdir(checkout)
    from infer.lib.infer_pack import models  # noqa: E402  (upstream module, imported, not copied)

    commit = subprocess.check_output(["git", "-C", checkout, "rev-parse", "HEAD"], text=True).strip()
    torch.set_num_threads(2)
    only = os.environ.get("ONLY")  # e.g. ONLY=v1-nof0-40k,v2-f0-32k: write just these variants
    for name, version, f0, sr, frames, speakers, seed, shared, *rest in VARIANTS:
        if only and name not in only.split(","):
            continue
        window = rest[0] if rest else None
        gen = torch.Generator().manual_seed(seed)
        rng = np.random.default_rng(seed)
        cfg = config_list(version, sr)
        out = os.path.join(out_root, name)
        os.makedirs(out, exist_ok=True)
        model_path = os.path.join(out_root, shared or name, "model.pth")
        if shared is None:
            cls = model_class(models, version, f0)
            trained = cls(*cfg, is_half=False)
            weights = {k: v.half() for k, v in randomize(trained, speakers, gen).items()}
            ckpt = OrderedDict()
            ckpt["weight"] = weights
            ckpt["config"] = cfg
            ckpt["info"] = "rvc4j synth fixture %s" % name
            ckpt["sr"] = sr
            ckpt["f0"] = f0
            ckpt["version"] = version
            torch.save(ckpt, model_path)

        # Load as VC.get_vc does.
        cpt = torch.load(model_path, map_location="cpu")
        cpt["config"][-3] = cpt["weight"]["emb_g.weight"].shape[0]
        net = model_class(models, cpt.get("version", "v1"), cpt.get("f0", 1))(*cpt["config"], is_half=False)
        del net.enc_q
        net.load_state_dict(cpt["weight"], strict=False)
        net.eval().float()

        channels = 256 if version == "v1" else 768
        phone, pitch, nsff0 = make_inputs(frames, channels, rng)
        sid = speakers - 1
        with ZeroNoise():
            o, z, m_p, logs_p, har = run_infer(net, f0, phone, pitch, nsff0, sid, window)

        # Noise statistics of the real (random) path, for the plausibility test on the Java side.
        diffs = []
        for s in range(NOISE_SEEDS):
            torch.manual_seed(1000 + s)
            o_r = run_infer(net, f0, phone, pitch, nsff0, sid, window)[0]
            diffs.append(float(np.sqrt(np.mean((o_r - o) ** 2))))

        np.save(os.path.join(out, "phone.npy"), phone.astype(np.float16))
        np.save(os.path.join(out, "sid.npy"), np.array([sid], dtype=np.int64))
        if f0:
            np.save(os.path.join(out, "pitch.npy"), pitch)
            np.save(os.path.join(out, "nsff0.npy"), nsff0)
            np.save(os.path.join(out, "har.npy"), har.astype(np.float32))
        np.save(os.path.join(out, "m_p.npy"), m_p)
        np.save(os.path.join(out, "logs_p.npy"), logs_p)
        np.save(os.path.join(out, "z.npy"), z)
        np.save(os.path.join(out, "audio.npy"), o)
        meta = {
            "upstream": {"repo": UPSTREAM_REPO, "commit": commit, "branch": "20240604"},
            "torch": torch.__version__,
            "numpy": np.__version__,
            "variant": name,
            "version": version,
            "f0": f0,
            "sr": sr,
            "config": cfg,
            "speakers": speakers,
            "sid": sid,
            "frames": frames,
            "is_half": False,
            "deterministic": "torch.randn_like patched to zeros (prior eps R1 and SineGen noise R2)",
            "audio_rms": float(np.sqrt(np.mean(o ** 2))),
            "noise_audio_rms_diff": diffs,
            "seed": seed,
            "model": shared or name,
            "skip_head": window[0] if window else None,
            "return_length": window[1] if window else None,
        }
        with open(os.path.join(out, "meta.json"), "w") as f:
            json.dump(meta, f, indent=2)
        print(name, "T=%d" % frames, "audio", o.shape, "rms %.4f" % meta["audio_rms"],
              "noise diff rms", ["%.4f" % d for d in diffs])


if __name__ == "__main__":
    main()
