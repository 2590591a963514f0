"""The Python side of tools/bench: times upstream RVC's own inference pipeline on the same models and input as
`rvc bench` and prints the same JSON shape.

Usage:
  python_bench.py --rvc-src <RVC 20240604 checkout> --rvc-main-src <RVC main checkout> --models-dir DIR \
      --model NAME --input FILE [--mode e2e|cold|rss] [--warmup 1] [--repeats 3] [--json FILE]

What runs is upstream's code, imported from the checkouts (nothing copied): Pipeline.pipeline of branch 20240604
(filtfilt, reflect pad, quiet-point split, get_f0 with RMVPE, Pipeline.vc per chunk with faiss retrieval and the
synthesizer's infer, RMS mix, int16 finish) with the VC.get_vc loading (torch.load, emb_g speaker count, enc_q deleted,
fp32). fairseq cannot be installed, so HuBERT is RVC main's Transformers HubertModelWithFinalProj loaded from the
contentvec/ folder, behind the two calls Pipeline.vc makes on a fairseq model. For v1 (output_layer 9) only the first
9 transformer layers run, as fairseq's extract_features(output_layer=9) does. Audio is decoded as upstream's
load_audio does (the ffmpeg CLI, f32le, mono, 16 kHz). parselmouth/pyworld/torchcrepe (not used with RMVPE) are stubbed.

Stages (seconds, wall clock): load (models), decode, f0 (Pipeline.get_f0), features (HuBERT), retrieval (read_index +
reconstruct_n + search), synthesis (net_g.infer), post (the rest of Pipeline.pipeline: filtering, padding, blending,
RMS mix, int16), total (decode + pipeline).
"""
import argparse
import importlib.util
import json
import os
import resource
import subprocess
import sys
import time
import types
from pathlib import Path

import numpy as np
import torch


class Clock:
    def __init__(self):
        self.s = {}

    def wrap(self, stage, fn):
        def timed(*a, **k):
            t = time.perf_counter()
            try:
                return fn(*a, **k)
            finally:
                self.s[stage] = self.s.get(stage, 0.0) + time.perf_counter() - t
        return timed


class FairseqShim:
    """Answers Pipeline.vc's extract_features/final_proj with the Transformers model."""

    def __init__(self, hf, clock):
        self.hf = hf
        self.clock = clock
        self.extract_features = clock.wrap("features", self._extract)
        self.final_proj = clock.wrap("features", hf.final_proj)

    def _extract(self, source, padding_mask, output_layer):
        layers = self.hf.encoder.layers
        if output_layer < len(layers):  # stop where fairseq's output_layer stops
            self.hf.encoder.layers = torch.nn.ModuleList(list(layers)[:output_layer])
        try:
            with torch.no_grad():
                out = self.hf(input_values=source, attention_mask=None, return_dict=True)
        finally:
            self.hf.encoder.layers = layers
        return (out.last_hidden_state,)


def process_start_epoch():
    with open("/proc/self/stat") as f:
        start_ticks = int(f.read().rsplit(")", 1)[1].split()[19])
    with open("/proc/uptime") as f:
        uptime = float(f.read().split()[0])
    return time.time() - uptime + start_ticks / os.sysconf("SC_CLK_TCK")


def decode(path):
    out = subprocess.run(["ffmpeg", "-nostdin", "-threads", "0", "-i", str(path), "-f", "f32le", "-acodec", "pcm_f32le",
                          "-ac", "1", "-ar", "16000", "-"], capture_output=True, check=True).stdout
    return np.frombuffer(out, np.float32).flatten()


def rss_mib():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024.0
    return -1.0


def load(args, clock):
    sys.path.insert(0, str(args.rvc_main_src))
    spec = importlib.util.spec_from_file_location("rvc_main_hubert", args.rvc_main_src / "infer" / "hubert.py")
    hub = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hub)
    sys.path.insert(0, str(args.rvc_src))
    for name in ["parselmouth", "pyworld", "torchcrepe"]:
        sys.modules.setdefault(name, types.ModuleType(name))
    from infer.lib.infer_pack import models as m
    from infer.lib.rmvpe import RMVPE
    from infer.modules.vc import pipeline as P

    t = time.perf_counter()
    hf = hub.HubertModelWithFinalProj.from_pretrained(str(args.models_dir / "contentvec")).float().eval()
    voice = args.models_dir / args.model
    pth = next(voice.glob("*.pth"))
    index = next(iter(sorted(voice.glob("*.index"))), None)
    cpt = torch.load(pth, map_location="cpu")
    tgt_sr = cpt["config"][-1]
    cpt["config"][-3] = cpt["weight"]["emb_g.weight"].shape[0]
    version = cpt.get("version", "v1")
    cls = m.SynthesizerTrnMs768NSFsid if version == "v2" else m.SynthesizerTrnMs256NSFsid
    net_g = cls(*cpt["config"], is_half=False)
    del net_g.enc_q
    net_g.load_state_dict(cpt["weight"], strict=False)
    net_g.eval().float()
    cfg = types.SimpleNamespace(x_pad=1, x_query=6, x_center=38, x_max=41, is_half=False, device="cpu", use_jit=False)
    pipe = P.Pipeline(tgt_sr, cfg)
    pipe.model_rmvpe = RMVPE(str(args.models_dir / "rmvpe.pt"), is_half=False, device="cpu")
    clock.s["load"] = time.perf_counter() - t
    # timers around the stages (instance attributes shadow the methods; module globals for faiss)
    pipe.get_f0 = clock.wrap("f0", pipe.get_f0)
    net_g.infer = clock.wrap("synthesis", net_g.infer)
    real_read = P.faiss.read_index

    def read_index(path):
        idx = real_read(path)
        return types.SimpleNamespace(ntotal=idx.ntotal, reconstruct_n=clock.wrap("retrieval", idx.reconstruct_n),
                                     search=clock.wrap("retrieval", idx.search))

    P.faiss.read_index = clock.wrap("retrieval", read_index)
    shim = FairseqShim(hf, clock)
    return pipe, net_g, shim, tgt_sr, version, index


def convert(args, state, clock, audio_path):
    pipe, net_g, shim, tgt_sr, version, index = state
    t = time.perf_counter()
    cpu = time.process_time()
    audio = clock.wrap("decode", decode)(audio_path)
    if args.seconds:
        audio = audio[: int(args.seconds * 16000)]
    audio_max = np.abs(audio).max() / 0.95  # VC.vc_single
    if audio_max > 1:
        audio /= audio_max
    t1 = time.perf_counter()
    with torch.no_grad():
        out = pipe.pipeline(shim, net_g, 0, audio, str(audio_path), [0, 0, 0], 0, "rmvpe",
                            str(index) if index else "", args.index_rate, 1, 3, tgt_sr, 0, args.rms_mix_rate,
                            version, args.protect)
    pipeline_s = time.perf_counter() - t1
    inner = sum(clock.s.get(k, 0.0) for k in ("f0", "features", "retrieval", "synthesis"))
    clock.s["post"] = pipeline_s - inner
    clock.s["total"] = time.perf_counter() - t
    clock.s["cpu_s"] = time.process_time() - cpu
    return out, len(audio) / 16000.0


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--rvc-src", type=Path, required=True)
    p.add_argument("--rvc-main-src", type=Path, required=True)
    p.add_argument("--models-dir", type=Path, required=True)
    p.add_argument("--model", required=True)
    p.add_argument("--input", type=Path, required=True)
    p.add_argument("--mode", default="e2e", choices=["e2e", "cold", "rss"])
    p.add_argument("--warmup", type=int, default=1)
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--seconds", type=float, default=0)
    p.add_argument("--index-rate", type=float, default=0.5)
    p.add_argument("--rms-mix-rate", type=float, default=0.25)
    p.add_argument("--protect", type=float, default=0.33)
    p.add_argument("--json", type=Path)
    args = p.parse_args()
    args.rvc_src, args.rvc_main_src = args.rvc_src.resolve(), args.rvc_main_src.resolve()
    args.models_dir, args.input = args.models_dir.resolve(), args.input.resolve()
    os.chdir(args.rvc_src)  # upstream resolves some paths against the working directory
    clock = Clock()
    report = {"impl": "python-rvc", "model": args.model, "mode": args.mode,
              "upstream_commit": subprocess.check_output(["git", "-C", str(args.rvc_src), "rev-parse", "HEAD"],
                                                         text=True).strip(),
              "torch": torch.__version__, "threads": {"torch.get_num_threads": torch.get_num_threads(),
                                                       "torch.get_num_interop_threads": torch.get_num_interop_threads()}}
    if args.mode == "cold":
        args.seconds = 1.0
        state = load(args, clock)
        convert(args, state, clock, args.input)
        report["load_s"] = clock.s["load"]
        report["process_start_to_first_second_s"] = time.time() - process_start_epoch()
    elif args.mode == "rss":
        state = load(args, clock)
        rss, secs = [], []
        for i in range(args.warmup + args.repeats):
            clock.s = {}
            convert(args, state, clock, args.input)
            if i >= args.warmup:
                rss.append(rss_mib())
                secs.append(clock.s["total"])
        report.update(conversions=len(rss), seconds_each=secs, rss_mib_after_each=rss)
    else:
        state = load(args, clock)
        report["load"] = clock.s["load"]
        runs = []
        for i in range(args.warmup + args.repeats):
            clock.s = {}
            out, seconds = convert(args, state, clock, args.input)
            r = dict(clock.s)
            r["rtf"] = r["total"] / seconds
            r["rss_mib"] = rss_mib()
            if i == 0:
                report["first_run"] = r
            if i >= args.warmup:
                runs.append(r)
        report.update(input_seconds=seconds, warmup=args.warmup, repeats=args.repeats, runs=runs,
                      output_samples=int(out.shape[0]))
    report["peak_rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    text = json.dumps(report, indent=2)
    if args.json:
        args.json.write_text(text)
    print(text)


if __name__ == "__main__":
    main()
