#!/usr/bin/env python3
"""Independent float32 reference of pedalboard 0.7.7's HighpassFilter, Compressor and Reverb (JUCE), written from
the recurrences documented in /work/shared/reference/aicovergen-pipeline.md section 6 (no upstream code is used).

Writes little-endian float32 files (*.f32) and meta.json into the directory given as argv[1]
(default rvc-dsp/src/test/resources/effects). Run: /work/venv-ref/bin/python tools/reference/juce_effects_reference.py
"""
import json
import math
import os
import sys

import numpy as np

f32 = np.float32


def hpf(x, fs, fc=50.0):
    n = f32(math.tan(f32(math.pi) * f32(fc) / f32(fs)))
    a0inv = f32(1) / (n + f32(1))
    b0, b1, a1 = f32(1) * a0inv, f32(-1) * a0inv, (n - f32(1)) * a0inv
    y = np.zeros_like(x)
    s = f32(0)
    for start in range(0, len(x), 8192):
        for i in range(start, min(len(x), start + 8192)):
            out = x[i] * b0 + s
            y[i] = out
            s = x[i] * b1 - out * a1
        if abs(s) < f32(1e-8):
            s = f32(0)
    return y, [float(b0), float(b1), float(a1)]


def compressor(x, fs, threshold_db=-15.0, ratio=4.0, attack_ms=1.0, release_ms=100.0):
    thr = f32(10.0) ** (f32(threshold_db) * f32(0.05))
    thr_inv = f32(1) / thr
    ratio_inv = f32(1) / f32(ratio)
    exp_factor = -2.0 * math.pi * 1000.0 / fs
    at = f32(math.exp(exp_factor / attack_ms))
    rl = f32(math.exp(exp_factor / release_ms))
    y = np.zeros_like(x)
    env = f32(0)
    for i in range(len(x)):
        v = abs(x[i])  # JUCE BallisticsFilter, peak mode: std::abs
        c = at if v > env else rl
        env = v + c * (env - v)
        g = f32(1) if env < thr else f32(np.power(env * thr_inv, ratio_inv - f32(1)))
        y[i] = g * x[i]
    return y, [float(at), float(rl)]


COMBS = [1116, 1188, 1277, 1356, 1422, 1491, 1557, 1617]
ALLPASSES = [556, 441, 341, 225]


def undenorm(v):
    return (v + f32(0.1)) - f32(0.1)


def reverb_mono(x, fs, room, wet, dry, damping):
    gain = f32(0.015)
    wet1 = f32(0.5) * (f32(wet) * f32(3.0)) * f32(2.0)
    dryg = f32(dry) * f32(2.0)
    damp = f32(damping) * f32(0.4)
    fb = f32(room) * f32(0.28) + f32(0.7)
    combs = [[np.zeros((int(fs) * t) // 44100, dtype=f32), 0, f32(0)] for t in COMBS]
    aps = [[np.zeros((int(fs) * t) // 44100, dtype=f32), 0] for t in ALLPASSES]
    y = np.zeros_like(x)
    for i in range(len(x)):
        u = x[i] * gain
        s = f32(0)
        for c in combs:
            buf, idx, last = c
            out = buf[idx]
            last = undenorm(out * (f32(1) - damp) + last * damp)
            buf[idx] = undenorm(u + last * fb)
            c[1] = (idx + 1) % len(buf)
            c[2] = last
            s = s + out
        for a in aps:
            buf, idx = a
            b = buf[idx]
            buf[idx] = undenorm(s + b * f32(0.5))
            a[1] = (idx + 1) % len(buf)
            s = b - s
        y[i] = s * wet1 + x[i] * dryg
    return y, [len(c[0]) for c in combs]


def save(out_dir, name, arr):
    arr.astype('<f4').tofile(os.path.join(out_dir, name + '.f32'))


def main():
    out_dir = sys.argv[1] if len(sys.argv) > 1 else 'rvc-dsp/src/test/resources/effects'
    os.makedirs(out_dir, exist_ok=True)
    meta = {'generator': 'tools/reference/juce_effects_reference.py',
            'source': 'recurrences of aicovergen-pipeline.md section 6 (pedalboard 0.7.7 / JUCE), float32',
            'cases': {}}
    rng = np.random.default_rng(1234)
    for fs in (40000, 48000):
        n = fs // 4
        t = np.arange(n) / fs
        step = np.ones(n // 4, dtype=f32)
        y, coefs = hpf(step, fs)
        save(out_dir, f'hpf_step_{fs}', y)
        meta['cases'][f'hpf_step_{fs}'] = {'input': 'ones', 'frames': len(step), 'coefficients_b0_b1_a1': coefs}
        # compressor: 1 kHz at -6 dBFS for 0.125 s then -30 dBFS: attack, static gain, release
        amp = np.where(t < 0.125, 0.5, 0.0316).astype(f32)
        sine = (amp * np.sin(2 * np.pi * 1000 * t)).astype(f32)
        save(out_dir, f'comp_in_{fs}', sine)
        y, cte = compressor(sine, fs)
        save(out_dir, f'comp_out_{fs}', y)
        meta['cases'][f'comp_{fs}'] = {'input': 'comp_in', 'cteAT_cteRL': cte}
        imp = np.zeros(n, dtype=f32)
        imp[0] = 1
        y, delays = reverb_mono(imp, fs, 0.15, 0.2, 0.8, 0.7)
        save(out_dir, f'reverb_impulse_{fs}', y)
        meta['cases'][f'reverb_impulse_{fs}'] = {'params': [0.15, 0.2, 0.8, 0.7], 'comb_delays': delays}
        # full chain on noise bursts (vocal-like level changes)
        m = fs // 5
        noise = (rng.standard_normal(m) * np.where(np.arange(m) < m // 2, 0.3, 0.02)).astype(f32)
        save(out_dir, f'chain_in_{fs}', noise)
        y, _ = hpf(noise, fs)
        y, _ = compressor(y, fs)
        y, _ = reverb_mono(y, fs, 0.5, 0.33, 0.4, 0.5)
        save(out_dir, f'chain_out_{fs}', y)
        meta['cases'][f'chain_{fs}'] = {'reverb': [0.5, 0.33, 0.4, 0.5]}
    with open(os.path.join(out_dir, 'meta.json'), 'w') as f:
        json.dump(meta, f, indent=1)


if __name__ == '__main__':
    main()
