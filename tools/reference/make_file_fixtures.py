"""Writes the small model-file fixtures the rvc-engine-djl readers are tested on.

Every file is produced by the real writers (torch.save, faiss.write_index, numpy.save, safetensors,
transformers' save_pretrained), so the Java readers are checked against the formats as they occur in
the wild, not against our own idea of them. Expected values go next to them as .npy / .json files.

Run (from the repository root):
    /work/venv-ref/bin/python tools/reference/make_file_fixtures.py rvc-engine-djl/src/test/resources/fixtures/files

No upstream RVC code is used: the RVC-style dicts follow the layout that docs/rvc-reference.md section 1 describes
(fp16 "weight" dict + 18-entry "config" + sr/f0/version/info).
"""

import argparse
import collections
import json
import os
import pickle
import subprocess
import sys
import tempfile
import types
import typing
import zipfile

import faiss
import numpy as np
import torch

torch.manual_seed(1234)
RNG = np.random.default_rng(1234)

# RVC config lists (rvc-reference.md 1.3); index 15 is overwritten by emb_g rows at load time.
UPS = {
    ("v1", 32000): ([10, 4, 2, 2, 2], [16, 16, 4, 4, 4]),
    ("v1", 40000): ([10, 10, 2, 2], [16, 16, 4, 4]),
    ("v1", 48000): ([10, 6, 2, 2, 2], [16, 16, 4, 4, 4]),
    ("v2", 32000): ([10, 8, 2, 2], [20, 16, 4, 4]),
    ("v2", 40000): ([10, 10, 2, 2], [16, 16, 4, 4]),
    ("v2", 48000): ([12, 10, 2, 2], [24, 20, 4, 4]),
}


def rvc_config(version, sr):
    rates, kernels = UPS[(version, sr)]
    spec = 513 if sr == 32000 else 1025
    return [spec, 32, 192, 192, 768, 2, 6, 3, 0, "1", [3, 7, 11], [[1, 3, 5], [1, 3, 5], [1, 3, 5]],
            rates, 512, kernels, 109, 256, sr]


def tiny_generator(version, sr, f0, n_spk=3, parametrizations=False, with_enc_q=False):
    """A generator state dict with RVC's key names and the shapes the metadata reader looks at (phone dim, upsample
    kernels, noise conv kernels, emb_g rows); channel counts are shrunk to keep the file tiny."""
    c = 256 if version == "v1" else 768
    rates, kernels = UPS[(version, sr)]
    sd = collections.OrderedDict()
    sd["enc_p.emb_phone.weight"] = torch.randn(4, c)
    sd["enc_p.emb_phone.bias"] = torch.randn(4)
    if f0:
        sd["enc_p.emb_pitch.weight"] = torch.randn(256, 4)
    ch = [8, 4, 4, 2, 2, 2]
    for i, (u, k) in enumerate(zip(rates, kernels)):
        g_name, v_name = ("parametrizations.weight.original0", "parametrizations.weight.original1") \
            if parametrizations else ("weight_g", "weight_v")
        sd[f"dec.ups.{i}.{g_name}"] = torch.rand(ch[i], 1, 1) + 0.5
        sd[f"dec.ups.{i}.{v_name}"] = torch.randn(ch[i], ch[i + 1], k)
        sd[f"dec.ups.{i}.bias"] = torch.randn(ch[i + 1])
        if f0:
            rest = int(np.prod(rates[i + 1:])) if i + 1 < len(rates) else 1
            kk = 2 * rest if i + 1 < len(rates) else 1
            sd[f"dec.noise_convs.{i}.weight"] = torch.randn(ch[i + 1], 1, kk)
    if f0:
        sd["dec.m_source.l_linear.weight"] = torch.randn(1, 1)
    sd["dec.conv_post.weight"] = torch.randn(1, 2, 7)
    sd["emb_g.weight"] = torch.randn(n_spk, 256)
    if with_enc_q:
        sd["enc_q.pre.weight"] = torch.randn(4, 4, 1)
    return sd


def save_rvc(path, version, sr, f0, version_key=True, parametrizations=False, f0_as_bool=False, extra=None):
    weight = collections.OrderedDict((k, v.half()) for k, v in
                                     tiny_generator(version, sr, f0, parametrizations=parametrizations).items())
    ckpt = collections.OrderedDict()
    ckpt["weight"] = weight
    ckpt["config"] = rvc_config(version, sr)
    ckpt["info"] = "200epoch"
    ckpt["sr"] = {32000: "32k", 40000: "40k", 48000: "48k"}[sr]
    ckpt["f0"] = bool(f0) if f0_as_bool else int(f0)
    if version_key:
        ckpt["version"] = version
    if extra:
        ckpt.update(extra)
    torch.save(ckpt, path)
    return weight


def npy(out, name, array):
    # np.require keeps 0-d arrays 0-d (np.ascontiguousarray would make them 1-d).
    np.save(os.path.join(out, name), np.require(array, requirements="C"))


def write_rvc(out):
    w = save_rvc(os.path.join(out, "rvc_v2_40k.pth"), "v2", 40000, 1)
    npy(out, "rvc_v2_40k.emb_g.npy", w["emb_g.weight"].numpy())
    save_rvc(os.path.join(out, "rvc_v1_40k_nof0_noversion.pth"), "v1", 40000, 0, version_key=False)
    save_rvc(os.path.join(out, "rvc_v1_32k.pth"), "v1", 32000, 1)
    save_rvc(os.path.join(out, "rvc_v2_48k_applio.pth"), "v2", 48000, 1, parametrizations=True, f0_as_bool=True,
             extra={"epoch": 300, "model_name": "applio-voice", "author": "fixture", "vocoder": "HiFi-GAN"})
    # A training checkpoint (G_*.pth): full fp32 state dict under "model", no config/sr/f0/version.
    g = tiny_generator("v2", 32000, 1, n_spk=109, with_enc_q=True)
    torch.save({"model": g, "iteration": 10, "optimizer": {"state": {}, "param_groups": []},
                "learning_rate": 1e-4}, os.path.join(out, "rvc_training_G_v2_32k.pth"))
    # The same for a v1 no-f0 model: 32k and 48k share upsample kernels, so the rate cannot be inferred.
    g = tiny_generator("v1", 48000, 0, n_spk=109, with_enc_q=True)
    torch.save({"model": g, "iteration": 10}, os.path.join(out, "rvc_training_G_v1_nof0_ambiguous.pth"))


def write_views(out):
    """Tensors whose storages are shared, offset and strided, plus every plain Python type the mapping covers."""
    base = torch.arange(24, dtype=torch.float32).reshape(4, 6)
    obj = collections.OrderedDict()
    obj["base"] = base
    obj["transposed"] = base.t()                 # stride (1, 6)
    obj["column_slice"] = base[:, 2:5]           # offset 2, stride (6, 1)
    obj["row"] = base[2]                         # offset 12, contiguous
    obj["every_other"] = base[::2, ::3]          # stride (12, 3)
    obj["expanded"] = torch.tensor([1.5, -2.0]).reshape(2, 1).expand(2, 3)  # stride (1, 0)
    obj["i64"] = torch.tensor([-(2 ** 40), 7], dtype=torch.int64)
    obj["bool"] = torch.tensor([True, False, True])
    obj["bf16"] = torch.tensor([1.0, -0.5, 3.0], dtype=torch.bfloat16)
    obj["f64"] = torch.tensor([0.1, 0.2], dtype=torch.float64)
    obj["i8"] = torch.tensor([-3, 4], dtype=torch.int8)
    obj["u8"] = torch.tensor([200, 4], dtype=torch.uint8)
    obj["i16"] = torch.tensor([-300, 4], dtype=torch.int16)
    obj["i32"] = torch.tensor([-70000, 4], dtype=torch.int32)
    obj["f16"] = torch.tensor([65504.0, 6e-8], dtype=torch.float16)
    obj["scalar"] = torch.tensor(3.25)
    obj["empty"] = torch.zeros(0, 3)
    obj["param"] = torch.nn.Parameter(torch.tensor([4.0, 5.0]))
    obj["plain"] = {"int": 7, "neg": -7, "big": 2 ** 70, "float": 0.5, "true": True, "none": None,
                    "bytes": b"\x00\xffab", "str": "héllo ✓", "list": [1, "a", None], "tuple": (1, 2.5, "x"),
                    "nested": {"k": [{"deep": (1,)}]}, 3: "int key", (1, "t"): "tuple key"}
    torch.save(obj, os.path.join(out, "views.pth"))
    torch.save(obj, os.path.join(out, "views_legacy.pth"), _use_new_zipfile_serialization=False)
    expected = {k: v.detach().float().numpy() for k, v in obj.items() if isinstance(v, torch.Tensor)}
    np.savez(os.path.join(out, "views_expected.npz"), **expected)
    for k, v in expected.items():
        npy(out, f"views_expected.{k}.npy", v)
    os.remove(os.path.join(out, "views_expected.npz"))


def fake_module(name, **classes):
    """Registers a module under a fairseq/omegaconf name so pickles reference those globals, as real fairseq
    checkpoints do; neither package is installed in the reference venv."""
    parts = name.split(".")
    for i in range(1, len(parts) + 1):
        sub = ".".join(parts[:i])
        if sub not in sys.modules:
            sys.modules[sub] = types.ModuleType(sub)
    mod = sys.modules[name]
    for cls_name, cls in classes.items():
        cls.__module__ = name
        cls.__qualname__ = cls_name
        setattr(mod, cls_name, cls)
    return mod


def fairseq_state(hidden=16, layers=2, ffn=32, conv_dims=(8, 8), kernels=(10, 3), final_dim=6, pos_k=4, pos_g=2,
                  fp16=True):
    sd = collections.OrderedDict()
    cin = 1
    for i, (d, k) in enumerate(zip(conv_dims, kernels)):
        sd[f"feature_extractor.conv_layers.{i}.0.weight"] = torch.randn(d, cin, k)
        if i == 0:
            sd["feature_extractor.conv_layers.0.2.weight"] = torch.randn(d)
            sd["feature_extractor.conv_layers.0.2.bias"] = torch.randn(d)
        cin = d
    sd["layer_norm.weight"] = torch.randn(cin)
    sd["layer_norm.bias"] = torch.randn(cin)
    sd["post_extract_proj.weight"] = torch.randn(hidden, cin)
    sd["post_extract_proj.bias"] = torch.randn(hidden)
    sd["mask_emb"] = torch.randn(hidden)
    sd["encoder.pos_conv.0.bias"] = torch.randn(hidden)
    sd["encoder.pos_conv.0.weight_g"] = torch.rand(1, 1, pos_k)
    sd["encoder.pos_conv.0.weight_v"] = torch.randn(hidden, hidden // pos_g, pos_k)
    sd["encoder.layer_norm.weight"] = torch.randn(hidden)
    sd["encoder.layer_norm.bias"] = torch.randn(hidden)
    for n in range(layers):
        p = f"encoder.layers.{n}."
        for proj in ("k_proj", "v_proj", "q_proj", "out_proj"):
            sd[p + f"self_attn.{proj}.weight"] = torch.randn(hidden, hidden)
            sd[p + f"self_attn.{proj}.bias"] = torch.randn(hidden)
        sd[p + "self_attn_layer_norm.weight"] = torch.randn(hidden)
        sd[p + "self_attn_layer_norm.bias"] = torch.randn(hidden)
        sd[p + "fc1.weight"] = torch.randn(ffn, hidden)
        sd[p + "fc1.bias"] = torch.randn(ffn)
        sd[p + "fc2.weight"] = torch.randn(hidden, ffn)
        sd[p + "fc2.bias"] = torch.randn(hidden)
        sd[p + "final_layer_norm.weight"] = torch.randn(hidden)
        sd[p + "final_layer_norm.bias"] = torch.randn(hidden)
    sd["final_proj.weight"] = torch.randn(final_dim, hidden)
    sd["final_proj.bias"] = torch.randn(final_dim)
    sd["label_embs_concat"] = torch.randn(3, final_dim)
    if fp16:
        sd = collections.OrderedDict((k, v.half()) for k, v in sd.items())
    return sd


def write_fairseq(out):
    """A fairseq-shaped checkpoint whose config lives in stand-ins for omegaconf's DictConfig/AnyNode (with parent
    back-references, as the real ones have), a legacy argparse Namespace, a defaultdict and a fairseq Dictionary in
    task_state, the classes real hubert_base.pt files make torch's weights-only loader refuse."""
    class DictConfig:
        pass

    class AnyNode:
        pass

    class ContainerMetadata:
        pass

    class Dictionary:
        pass

    fake_module("omegaconf.dictconfig", DictConfig=DictConfig)
    fake_module("omegaconf.nodes", AnyNode=AnyNode)
    fake_module("omegaconf.base", ContainerMetadata=ContainerMetadata)
    fake_module("fairseq.data.dictionary", Dictionary=Dictionary)

    def node(value, parent):
        n = AnyNode()
        n.__dict__.update({"_val": value, "_parent": parent, "_metadata": None})
        return n

    def dictconfig(values, parent=None):
        c = DictConfig()
        meta = ContainerMetadata()
        meta.__dict__.update({"ref_type": typing.Any, "object_type": dict, "key_type": typing.Any})
        content = {}
        c.__dict__.update({"_content": content, "_parent": parent, "_metadata": meta})
        for k, v in values.items():
            content[k] = dictconfig(v, c) if isinstance(v, dict) else node(v, c)
        return c

    # The head count and the conv layout exist only in cfg; args (older fairseq) disagrees on nothing it holds.
    cfg = dictconfig({"model": {"_name": "hubert", "encoder_layers": 2, "encoder_attention_heads": 2,
                                "conv_feature_layers": "[(8,10,5)] + [(8,3,2)]", "extractor_mode": "default"},
                      "task": {"normalize": False}})
    args = argparse.Namespace(arch="hubert", encoder_layers=2, encoder_embed_dim=16, encoder_ffn_embed_dim=32,
                              conv_pos=4, conv_pos_groups=2, final_dim=6, normalize=False)
    dictionary = Dictionary()
    dictionary.__dict__.update({"symbols": ["<s>", "<pad>"], "count": [1, 1],
                                "indices": collections.defaultdict(int, {"<s>": 0})})
    sd = fairseq_state()
    torch.save({"args": args, "cfg": cfg, "model": sd, "criterion": None,
                "optimizer_history": [{"criterion_name": "HubertCriterion", "num_updates": 5}],
                "task_state": {"dictionaries": [dictionary]}, "extra_state": {"epoch": 1},
                "last_optimizer_state": None},
               os.path.join(out, "fairseq_hubert_tiny.pt"))
    for k, v in sd.items():
        if k in ("final_proj.weight", "encoder.layers.1.fc2.bias"):
            npy(out, f"fairseq_hubert_tiny.{k}.npy", v.float().numpy())
    return sd


def write_hf(out):
    from transformers import HubertConfig, HubertModel
    cfg = HubertConfig(hidden_size=16, num_hidden_layers=2, num_attention_heads=2, intermediate_size=32,
                       conv_dim=(8, 8), conv_stride=(5, 2), conv_kernel=(10, 3), conv_bias=False,
                       num_conv_pos_embeddings=4, num_conv_pos_embedding_groups=2, feat_extract_norm="group",
                       do_stable_layer_norm=False, classifier_proj_size=6, vocab_size=8)
    torch.manual_seed(7)
    model = HubertModel(cfg).eval()
    # RVC-main keeps final_proj next to the HF model; here it lives in the same state dict.
    sd = model.state_dict()
    sd["final_proj.weight"] = torch.randn(6, 16)
    sd["final_proj.bias"] = torch.randn(6)
    from safetensors.torch import save_file
    d = os.path.join(out, "hf_hubert_tiny_safetensors")
    model.save_pretrained(d)
    save_file({k: v.contiguous() for k, v in sd.items()}, os.path.join(d, "model.safetensors"),
              metadata={"format": "pt"})
    # transformers 5 always writes safetensors; the older pytorch_model.bin is a plain torch.save of the state dict.
    d = os.path.join(out, "hf_hubert_tiny_bin")
    cfg.save_pretrained(d)
    torch.save(collections.OrderedDict(sd), os.path.join(d, "pytorch_model.bin"))
    npy(out, "hf_hubert_tiny.encoder.layers.1.fc2.bias.npy", sd["encoder.layers.1.feed_forward.output_dense.bias"]
        .numpy())
    npy(out, "hf_hubert_tiny.final_proj.weight.npy", sd["final_proj.weight"].numpy())


def write_npy(out):
    npy(out, "npy_f4.npy", RNG.standard_normal((3, 4)).astype("<f4"))
    npy(out, "npy_i8.npy", np.array([[-(2 ** 40), 1], [2, 3]], dtype="<i8"))
    npy(out, "npy_u1.npy", np.array([0, 255, 7], dtype="u1"))
    npy(out, "npy_b1.npy", np.array([True, False], dtype="?"))
    npy(out, "npy_f2.npy", np.array([1.5, -65504.0], dtype="<f2"))
    npy(out, "npy_f8_scalar.npy", np.array(2.5, dtype="<f8"))
    arr = RNG.standard_normal((2, 3)).astype("<f4")
    for version in ((2, 0), (3, 0)):
        with open(os.path.join(out, f"npy_f4_v{version[0]}.npy"), "wb") as f:
            np.lib.format.write_array(f, arr, version=version)
    npy(out, "npy_f4_v1_same.npy", arr)
    np.save(os.path.join(out, "npy_fortran.npy"), np.asfortranarray(RNG.standard_normal((3, 4)).astype("<f4")))
    np.save(os.path.join(out, "npy_bigendian.npy"), np.array([1.0, 2.0], dtype=">f4"))


def write_faiss(out):
    d = 8
    x = RNG.standard_normal((300, d)).astype("float32")
    for name, nlist, n in (("ivf_full", 4, 300), ("ivf_sparse", 64, 20)):
        quantizer_index = faiss.index_factory(d, f"IVF{nlist},Flat")
        ivf = faiss.extract_index_ivf(quantizer_index)
        ivf.nprobe = 1
        quantizer_index.train(x)
        quantizer_index.add(x[:n])
        faiss.write_index(quantizer_index, os.path.join(out, f"{name}.index"))
        npy(out, f"{name}.reconstruct.npy", quantizer_index.reconstruct_n(0, quantizer_index.ntotal))
        npy(out, f"{name}.centroids.npy", ivf.quantizer.reconstruct_n(0, nlist))
        # The writer's choice of "full" vs "sprs" list sizes depends on how many lists are non-empty.
        sizes = np.array([ivf.invlists.list_size(i) for i in range(nlist)], dtype="<i8")
        npy(out, f"{name}.list_sizes.npy", sizes)
    flat = faiss.IndexFlatL2(d)
    flat.add(x[:10])
    faiss.write_index(flat, os.path.join(out, "flat_l2.index"))
    npy(out, "flat_l2.reconstruct.npy", x[:10])
    ip = faiss.IndexFlatIP(d)
    ip.add(x[:5])
    faiss.write_index(ip, os.path.join(out, "flat_ip.index"))
    write_faiss_nprobe(out, d)


def write_faiss_nprobe(out, d):
    """IVF16,Flat with nprobe = 3 (RVC writes 1; users who tune an index keep theirs). Its own generator, so the
    files above stay byte-identical when this one is added or changed."""
    rng = np.random.default_rng(333)
    x = rng.standard_normal((700, d)).astype("float32")
    index = faiss.index_factory(d, "IVF16,Flat")
    ivf = faiss.extract_index_ivf(index)
    index.train(x)  # 700 >= 39 * 16 points: faiss's own minimum for k-means without a warning
    index.add(x[:120])
    ivf.nprobe = 3
    faiss.write_index(index, os.path.join(out, "ivf_nprobe3.index"))
    npy(out, "ivf_nprobe3.reconstruct.npy", index.reconstruct_n(0, index.ntotal))
    npy(out, "ivf_nprobe3.centroids.npy", ivf.quantizer.reconstruct_n(0, 16))


MARKER_DIR = "/tmp"


def marker(name):
    return f"{MARKER_DIR}/rvc4j-hostile-marker-{name}"


class Reduce:
    def __init__(self, fn, args):
        self.fn, self.args = fn, args

    def __reduce__(self):
        return self.fn, self.args


def manual_pickle(module, name, arg):
    """A protocol-2 pickle that calls module.name(arg) when loaded by Python's pickle."""
    return (b"\x80\x02c" + module.encode() + b"\n" + name.encode() + b"\nq\x00X" + len(arg).to_bytes(4, "little")
            + arg.encode() + b"\x85q\x01Rq\x02.")


def torch_zip(path, data_pkl):
    """A torch.save-shaped zip whose data.pkl is our own bytes."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as z:
        z.writestr("archive/data.pkl", data_pkl)
        z.writestr("archive/byteorder", "little")
        z.writestr("archive/version", "3\n")


def write_hostile(out):
    """Pickles whose payload would create a marker file if executed. Each one is first proved live by loading it
    with Python's pickle in a child process (pointed at a scratch marker), then written with the real marker path."""
    payloads = {
        "os_system": lambda m: manual_pickle("os", "system", f"touch {m}"),
        "posix_system": lambda m: pickle.dumps(Reduce(os.system, (f"touch {m}",)), protocol=2),
        "builtins_eval": lambda m: pickle.dumps(Reduce(eval, (f"open('{m}', 'w').close()",)), protocol=2),
        "subprocess_popen": lambda m: pickle.dumps(Reduce(subprocess.Popen, (["touch", m],)), protocol=2),
        "builtins_getattr": lambda m: (b"\x80\x02cbuiltins\ngetattr\nq\x00cos\nq\x01X\x06\x00\x00\x00system"
                                       b"\x86q\x02Rq\x03."),
    }
    with tempfile.TemporaryDirectory() as scratch:
        for name, make in payloads.items():
            probe = os.path.join(scratch, name)
            blob = make(probe)
            code = "import pickle,sys,time; r=pickle.loads(sys.stdin.buffer.read()); time.sleep(0.5)"
            subprocess.run([sys.executable, "-c", code], input=blob, check=False, capture_output=True)
            if name != "builtins_getattr" and not os.path.exists(probe):
                raise SystemExit(f"payload {name} is not live: Python did not create {probe}")
    for name, make in payloads.items():
        blob = make(marker(name))
        with open(os.path.join(out, f"hostile_{name}.pkl"), "wb") as f:
            f.write(blob)
        torch_zip(os.path.join(out, f"hostile_{name}.pth"), blob)
    # The same through torch.save itself, zip and legacy, with the evil object nested inside a normal model dict.
    evil = Reduce(os.system, (f"touch {marker('torch_save')}",))
    torch.save({"weight": {"a": torch.zeros(2)}, "config": evil}, os.path.join(out, "hostile_torch_save.pth"))
    torch.save({"weight": {"a": torch.zeros(2)}, "config": evil}, os.path.join(out, "hostile_torch_save_legacy.pth"),
               _use_new_zipfile_serialization=False)


def write_protocols(out):
    """The same plain-data object pickled with every protocol 0..5, to exercise each opcode family."""
    shared = [9]
    obj = {"str": "h\u00e9llo \u2713", "int": 7, "neg": -300, "i32": 70000, "big": 2 ** 70, "negbig": -(2 ** 65),
           "float": 0.25, "t": True, "f": False, "none": None, "bytes": b"\x00\xff", "list": [1, [2, 3]],
           "tuple": (1, "a"), "empty_tuple": (), "set": {1}, "frozenset": frozenset({2}),
           "bytearray": bytearray(b"ab"), "a": shared, "b": shared}
    for proto in range(6):
        with open(os.path.join(out, f"pickle_proto{proto}.pkl"), "wb") as f:
            f.write(pickle.dumps(obj, protocol=proto))


def write_meta(out):
    import safetensors
    import transformers
    meta = {"generator": "tools/reference/make_file_fixtures.py", "torch": torch.__version__,
            "faiss": faiss.__version__, "numpy": np.__version__, "transformers": transformers.__version__,
            "safetensors": safetensors.__version__, "python": sys.version.split()[0],
            "upstream_code": "none (writers only)", "hostile_marker_dir": MARKER_DIR}
    with open(os.path.join(out, "meta.json"), "w") as f:
        json.dump(meta, f, indent=2, sort_keys=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    out = parser.parse_args().out
    os.makedirs(out, exist_ok=True)
    write_rvc(out)
    write_views(out)
    write_fairseq(out)
    write_hf(out)
    write_npy(out)
    write_faiss(out)
    write_hostile(out)
    write_protocols(out)
    write_meta(out)


if __name__ == "__main__":
    main()
