"""Writes full-size RANDOM-weight models for the side-by-side benchmark (tools/bench/run.sh), once, into a cache dir.

Usage: make_models.py <rvc-20240604-checkout> <rvc-main-checkout> <models-dir>

Both sides load exactly these files:
  contentvec/            ContentVec/HuBERT-base sized Transformers folder (12 layers, 768, final_proj 768->256),
                         built with RVC main's HubertModelWithFinalProj (imported from the checkout, not copied)
  rmvpe.pt               RMVPE E2E(4, 1, (2, 2)) state dict in fp16, as RVC's published rmvpe.pt
  v2-40k/v2-40k.pth      SynthesizerTrnMs768NSFsid, RVC's v2 40k config (configs/v1/40k.json, as the webui uses it),
                         saved as RVC's extracted inference model (fp16 'weight', 18-entry 'config', f0, version)
  v1-48k/v1-48k.pth      SynthesizerTrnMs256NSFsid, configs/v1/48k.json
  */added_IVF*_Flat_nprobe_1_*.index  faiss IVF,Flat index made like RVC's train_index (random features)
Weights are random (module default initialisation, fixed seeds): the timings are those of the real architectures;
the audio output is noise. meta.json records the upstream commits and library versions.
"""
import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import torch

# name -> (version, sample rate, config json of the checkout, hop length)
VOICES = {"v2-40k": ("v2", 40000, "configs/v1/40k.json"), "v1-48k": ("v1", 48000, "configs/v1/48k.json")}
INDEX_ROWS = 20000  # about 3.3 minutes of training audio at 100 frames/s


def rvc_config(src, rel):
    d = json.loads((src / rel).read_text())
    m, data, train = d["model"], d["data"], d["train"]
    # process_ckpt.extract_small_model's 18-entry list
    return [data["filter_length"] // 2 + 1, train["segment_size"] // data["hop_length"], m["inter_channels"],
            m["hidden_channels"], m["filter_channels"], m["n_heads"], m["n_layers"], m["kernel_size"], m["p_dropout"],
            m["resblock"], m["resblock_kernel_sizes"], m["resblock_dilation_sizes"], m["upsample_rates"],
            m["upsample_initial_channel"], m["upsample_kernel_sizes"], m["spk_embed_dim"], m["gin_channels"],
            data["sampling_rate"]]


def make_index(dim, path, seed):
    import faiss
    feats = np.random.RandomState(seed).randn(INDEX_ROWS, dim).astype(np.float32)
    n_ivf = min(int(16 * np.sqrt(INDEX_ROWS)), INDEX_ROWS // 39)
    index = faiss.index_factory(dim, "IVF%s,Flat" % n_ivf)
    faiss.extract_index_ivf(index).nprobe = 1
    index.train(feats)
    index.add(feats)
    faiss.write_index(index, str(path))


def main():
    src, main_src, out = (Path(a).resolve() for a in sys.argv[1:4])
    out.mkdir(parents=True, exist_ok=True)
    sys.path.insert(0, str(main_src))
    spec = importlib.util.spec_from_file_location("rvc_main_hubert", main_src / "infer" / "hubert.py")
    hub = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hub)
    sys.path.insert(0, str(src))
    from transformers import HubertConfig
    torch.manual_seed(1)
    if not (out / "contentvec" / "config.json").exists():
        cfg = HubertConfig(classifier_proj_size=256)  # HuBERT base: 12 x 768, heads 12, ffn 3072, conv 7 x 512
        model = hub.HubertModelWithFinalProj(cfg).eval()
        model.save_pretrained(str(out / "contentvec"), safe_serialization=True)
    if not (out / "rmvpe.pt").exists():
        from infer.lib.rmvpe import E2E
        # the published rmvpe.pt holds fp16 tensors (181 MB); RMVPE(is_half=False) loads them into fp32 parameters
        sd = {k: v.half() if v.is_floating_point() else v for k, v in E2E(4, 1, (2, 2)).state_dict().items()}
        torch.save(sd, out / "rmvpe.pt")
    from infer.lib.infer_pack import models as m
    for name, (version, sr, rel) in VOICES.items():
        d = out / name
        if (d / (name + ".pth")).exists():
            continue
        d.mkdir(exist_ok=True)
        cfg = rvc_config(src, rel)
        cls = m.SynthesizerTrnMs768NSFsid if version == "v2" else m.SynthesizerTrnMs256NSFsid
        torch.manual_seed(sr)
        net = cls(*cfg, is_half=False)
        weight = {k: v.half() for k, v in net.state_dict().items() if "enc_q" not in k}
        torch.save({"weight": weight, "config": cfg, "info": "RANDOM WEIGHTS benchmark model", "sr": "%dk" % (sr // 1000),
                    "f0": 1, "version": version}, d / (name + ".pth"))
        dim = 768 if version == "v2" else 256
        make_index(dim, d / ("added_IVF512_Flat_nprobe_1_%s_%s.index" % (name, version)), sr)
    import transformers, faiss
    meta = {"upstream": {k: {"repo": "RVC-Project/Retrieval-based-Voice-Conversion-WebUI",
                             "commit": subprocess.check_output(["git", "-C", str(p), "rev-parse", "HEAD"], text=True).strip()}
                         for k, p in [("rvc_20240604", src), ("rvc_main", main_src)]},
            "versions": {"torch": torch.__version__, "transformers": transformers.__version__, "faiss": faiss.__version__},
            "voices": {k: list(v) for k, v in VOICES.items()}, "index_rows": INDEX_ROWS}
    (out / "meta.json").write_text(json.dumps(meta, indent=2))
    print("models in", out)


if __name__ == "__main__":
    main()
