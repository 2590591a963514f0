"""CREPE "full" (capacity 32) on seeded random weights: a small fixture for rvc-engine-djl's DjlCrepeFullShapeTest.

The real full.pth (88 MB) cannot be committed, and torch's random generator cannot be reproduced in Java, so the
weights come from a counter-based generator both sides compute exactly: element i of the k-th tensor of the state dict
(torchcrepe's key order) is u = splitmix64(seed_k + i * GOLDEN) >> 40, mapped to [-1, 1) as u * 2^-23 - 1, then
scaled in float64 and rounded once to float32:
  conv weight: u * sqrt(6 / fan_in)          conv bias, BN bias, running_mean: 0.1 u
  BN weight:   1 + 0.2 u                      running_var: 1 + 0.5 u
  classifier weight: u * sqrt(3 / fan_in)     classifier bias: 0.1 u
seed_k = (k + 1) * 0xD1B54A32D192ED03 XOR SEED (mod 2^64). The Java twin is SeededCrepeWeights (test code).

torchcrepe (imported from the checkout given as argv[1], maxrmorrison/torchcrepe 13ad40f = 0.0.20, the version RVC
pins) runs Crepe("full") in eval mode on 4 normalised frames of rmvpe-voiced-audio.npy (torchcrepe.preprocess at hop
160, frames 0, 40, 80, 120). Writes crepe-full-frames.npy [4, 1024] and crepe-full-activation.npy [4, 360] (32 KB).

Run: /work/venv-ref/bin/python tools/reference/pitch/make_crepe_full_fixture.py /tmp/tc-13ad40f \
         rvc-engine-djl/src/test/resources/pitch
"""
import json
import math
import subprocess
import sys
import types
from pathlib import Path

import numpy as np
import torch

SEED = 20261122
GOLDEN = np.uint64(0x9E3779B97F4A7C15)
FRAMES = [0, 40, 80, 120]


def splitmix(x):
    z = x.copy()
    z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return z ^ (z >> np.uint64(31))


def uniform(k, n):
    seed = np.uint64(((k + 1) * 0xD1B54A32D192ED03 ^ SEED) % (1 << 64))
    with np.errstate(over="ignore"):
        x = seed + np.arange(n, dtype=np.uint64) * GOLDEN
        u = (splitmix(x) >> np.uint64(40)).astype(np.float64)
    return u * 2.0 ** -23 - 1.0


def value(name, k, shape):
    u = uniform(k, int(np.prod(shape))).reshape(shape)
    leaf = name.rsplit(".", 1)[1]
    if name.startswith("classifier"):
        v = u * math.sqrt(3.0 / shape[1]) if leaf == "weight" else 0.1 * u
    elif "_BN" in name:
        v = {"weight": 1.0 + 0.2 * u, "bias": 0.1 * u, "running_mean": 0.1 * u, "running_var": 1.0 + 0.5 * u}[leaf]
    else:
        fan_in = int(np.prod(shape[1:])) if leaf == "weight" else 0
        v = u * math.sqrt(6.0 / fan_in) if leaf == "weight" else 0.1 * u
    return torch.from_numpy(v.astype(np.float32))


def main():
    tc, out = Path(sys.argv[1]), Path(sys.argv[2])
    sys.path.insert(0, str(tc))
    sys.modules.setdefault("resampy", types.ModuleType("resampy"))  # only used to resample non-16 kHz input
    import torchcrepe  # noqa: E402  (upstream package, imported not copied)

    model = torchcrepe.Crepe("full")
    state = model.state_dict()
    k = 0
    for name, t in state.items():
        if name.endswith("num_batches_tracked"):
            continue
        state[name] = value(name, k, tuple(t.shape))
        k += 1
    model.load_state_dict(state)
    model.eval()

    audio = np.load(out / "rmvpe-voiced-audio.npy").astype(np.float32)
    frames = next(torchcrepe.preprocess(torch.from_numpy(audio)[None], 16000, 160, None, "cpu", True))
    frames = frames[FRAMES].contiguous()
    with torch.no_grad():
        act = model(frames).numpy()
    np.save(out / "crepe-full-frames.npy", frames.numpy().astype(np.float32))
    np.save(out / "crepe-full-activation.npy", act.astype(np.float32))
    meta_path = out / "meta.json"
    meta = json.loads(meta_path.read_text())
    meta["crepe_full_random"] = {
        "script": "tools/reference/pitch/make_crepe_full_fixture.py", "seed": SEED, "frames": FRAMES,
        "torchcrepe": {"repo": "maxrmorrison/torchcrepe", "commit": "13ad40ff9c5263d4c9c827722a04384f629bf430"},
        "torch": torch.__version__, "numpy": np.__version__, "tensors": k,
        "parameters": int(sum(v.numel() for n, v in state.items() if not n.endswith("num_batches_tracked"))),
        "activation_range": [float(act.min()), float(act.max())]}
    meta_path.write_text(json.dumps(meta, indent=2) + "\n")
    print(meta["crepe_full_random"])


if __name__ == "__main__":
    main()
