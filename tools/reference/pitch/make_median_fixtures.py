"""Writes median fixtures for rvc-dsp's pitch tests: numpy.nanmedian across tracks (the hybrid f0, as AICoverGen's
get_f0_hybrid_computation: np.nanmedian(f0_computation_stack, axis=0)) and scipy.signal.medfilt(f0, 3) (RVC's Harvest
post-filter). Unvoiced frames are 0 (as every method reports them); frames 10..14 also carry NaN in some tracks,
which nanmedian leaves out.

Run: /work/venv-ref/bin/python tools/reference/pitch/make_median_fixtures.py rvc-dsp/src/test/resources/pitch/median
"""
import json
import sys
from pathlib import Path

import numpy as np
import scipy
import scipy.signal

out = Path(sys.argv[1])
out.mkdir(parents=True, exist_ok=True)
rng = np.random.default_rng(20261122)
nan_rng = np.random.default_rng(4)   # separate stream: the other values stay those of the first version

for n in (2, 3, 4, 5):
    frames = 200
    stack = rng.uniform(60, 900, size=(n, frames)).astype(np.float32)
    stack[rng.random((n, frames)) < 0.25] = 0.0   # unvoiced frames are values too
    stack[:, :5] = 0.0
    stack[:, 5:10] = 220.0                          # ties
    nan_block = stack[:, 10:15]
    nan_block[nan_rng.random(nan_block.shape) < 0.4] = np.nan
    nan_block[-1, np.isnan(nan_block).all(axis=0)] = 440.0   # never a whole NaN column (numpy: NaN; ours: 0)
    stack[0, 10] = np.nan                            # at least one NaN in every size
    stack[1:, 10] = 330.0
    med = np.nanmedian(stack.astype(np.float64), axis=0).astype(np.float32)
    path = out / f"hybrid{n}.csv"
    np.savetxt(path, np.vstack([stack, med[None, :]]).T, delimiter=",", fmt="%.9g",
               header=",".join([f"track{k}" for k in range(n)] + ["numpy_nanmedian"]), comments="")
    path.write_text(path.read_text().replace("nan", "NaN"))   # Java's Double.parseDouble spelling

f0 = rng.uniform(80, 400, size=300)
f0[rng.random(300) < 0.3] = 0.0
filt = scipy.signal.medfilt(f0, 3)
np.savetxt(out / "medfilt3.csv", np.vstack([f0, filt]).T.astype(np.float32), delimiter=",", fmt="%.9g",
           header="f0,medfilt3", comments="")
(out / "meta.json").write_text(json.dumps({"numpy": np.__version__, "scipy": scipy.__version__,
                                           "script": "tools/reference/pitch/make_median_fixtures.py"}, indent=1))
