#!/usr/bin/env python3
"""Fixtures for rvc-dsp's ResampyResampler: resampy's resample(..., filter="kaiser_best") as librosa 0.9.1 calls it
(RVC's output resampling), on a deterministic float32 signal.

resampy is not on the wheel mirror; Debian's python3-resampy (0.4.2) is used through its directory:
  RESAMPY_DIR=/usr/lib/python3/dist-packages/resampy /work/venv-ref/bin/python tools/reference/make_resampy_fixtures.py
(the venv provides numba; pkg_resources, which resampy only uses to locate its .npz, is stubbed). Nothing of resampy
is copied into the repository. Writes rvc-dsp/src/test/resources/fixtures/resample/*.f32 (raw little-endian float32)
and meta.json.
"""
import json
import os
import sys
import tempfile
import types
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "rvc-dsp/src/test/resources/fixtures/resample"
PAIRS = [(40000, 48000), (40000, 16000), (48000, 44100), (32000, 22050), (40000, 32000)]
N = 4000


def load_resampy():
    d = Path(os.environ.get("RESAMPY_DIR", "/usr/lib/python3/dist-packages/resampy")).resolve()
    sys.modules["pkg_resources"] = types.SimpleNamespace(
        resource_filename=lambda pkg, name: str(d / name))
    # only resampy from that directory (its neighbours, e.g. Debian's numba, would shadow the venv's)
    link_dir = Path(tempfile.mkdtemp())
    (link_dir / "resampy").symlink_to(d)
    sys.path.insert(0, str(link_dir))
    import resampy
    return resampy, d


def signal(n, sr):
    t = np.arange(n) / sr
    rng = np.random.default_rng(5)
    x = 0.4 * np.sin(2 * np.pi * 440 * t) + 0.2 * np.sin(2 * np.pi * 0.4 * sr * t) + 0.1 * rng.standard_normal(n)
    return x.astype(np.float32)


def main():
    resampy, d = load_resampy()
    OUT.mkdir(parents=True, exist_ok=True)
    meta = {"resampy": resampy.__version__, "resampy_dir": str(d),
            "kaiser_best_npz_sha256": __import__("hashlib").sha256((d / "data/kaiser_best.npz").read_bytes()).hexdigest(),
            "call": "resampy.resample(x, sr_orig, sr_new, filter='kaiser_best', axis=-1) (float32 in and out)",
            "signal": "0.4 sin(440 Hz) + 0.2 sin(0.4 sr) + 0.1 N(0,1) (numpy default_rng(5)), float32", "n": N,
            "cases": {}}
    for a, b in PAIRS:
        x = signal(N, a)
        y = resampy.resample(x, a, b, filter="kaiser_best", axis=-1)
        assert y.dtype == np.float32
        x.astype("<f4").tofile(OUT / ("in_%d.f32" % a))
        y.astype("<f4").tofile(OUT / ("kaiser_best_%d_%d.f32" % (a, b)))
        meta["cases"]["%d_%d" % (a, b)] = {"output_samples": int(y.shape[0])}
        print(a, b, y.shape)
    (OUT / "meta.json").write_text(json.dumps(meta, indent=2))


if __name__ == "__main__":
    main()
