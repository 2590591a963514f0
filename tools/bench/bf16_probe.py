"""What a bf16 synthesizer would buy on this CPU: times upstream's synthesizer (the stage that dominates) in fp32 and
with torch.autocast(cpu, bfloat16) on the benchmark's random full-size model, alternating, and reports the SNR of the
bf16 output against fp32 (same zeroed noise draws). Usage:
  bf16_probe.py <RVC 20240604 checkout> <models-dir> <voice> [seconds=5] [rounds=3]
"""
import sys
import time
from pathlib import Path

import numpy as np
import torch


def main():
    src, models, voice = Path(sys.argv[1]).resolve(), Path(sys.argv[2]), sys.argv[3]
    seconds = float(sys.argv[4]) if len(sys.argv) > 4 else 5.0
    rounds = int(sys.argv[5]) if len(sys.argv) > 5 else 3
    sys.path.insert(0, str(src))
    from infer.lib.infer_pack import models as m
    torch.randn_like = torch.zeros_like  # both noise draws zeroed, so fp32 and bf16 outputs are comparable
    cpt = torch.load(next((models / voice).glob("*.pth")), map_location="cpu")
    cpt["config"][-3] = cpt["weight"]["emb_g.weight"].shape[0]
    v2 = cpt.get("version") == "v2"
    net = (m.SynthesizerTrnMs768NSFsid if v2 else m.SynthesizerTrnMs256NSFsid)(*cpt["config"], is_half=False)
    del net.enc_q
    net.load_state_dict(cpt["weight"], strict=False)
    net.eval().float()
    t = int(seconds * 100)
    g = torch.Generator().manual_seed(0)
    phone = torch.randn(1, t, 768 if v2 else 256, generator=g)
    f0 = 150 + 50 * torch.sin(torch.arange(t) / 30.0).unsqueeze(0)
    mel = 1127 * torch.log(1 + f0 / 700)
    coarse = ((mel - 1127 * np.log(1 + 50 / 700)) * 254 / (1127 * np.log(1 + 1100 / 700) - 1127 * np.log(1 + 50 / 700)) + 1)
    coarse = coarse.round().clamp(1, 255).long()
    args = (phone, torch.tensor([t]), coarse, f0, torch.tensor([0]))
    res = {"fp32": [], "bf16": []}
    outs = {}
    with torch.inference_mode():
        for r in range(rounds + 1):
            for kind in ("fp32", "bf16"):
                t0 = time.perf_counter()
                if kind == "bf16":
                    with torch.autocast("cpu", dtype=torch.bfloat16):
                        y = net.infer(*args)[0]
                else:
                    y = net.infer(*args)[0]
                dt = time.perf_counter() - t0
                if r > 0:
                    res[kind].append(dt)
                outs[kind] = y.float().flatten().numpy()
    ref, x = outs["fp32"], outs["bf16"]
    snr = 10 * np.log10(np.sum(ref ** 2) / max(np.sum((ref - x) ** 2), 1e-30))
    for k, v in res.items():
        print("%s synthesis of %.1f s: min/median/max %.2f/%.2f/%.2f s" % (k, seconds, min(v), np.median(v), max(v)))
    print("bf16/fp32 median time ratio %.2f; SNR of bf16 output vs fp32 %.1f dB" % (
        np.median(res["bf16"]) / np.median(res["fp32"]), snr))


if __name__ == "__main__":
    main()
