#!/usr/bin/env python3
"""Writes rvc-dsp's vocal-chain fixtures from REAL JUCE: runs pedalboard_effects_driver (built by build.sh against
the JUCE commit pedalboard v0.7.7 pins) on the inputs below and records the versions in meta.json.

Run: /work/venv-ref/bin/python tools/reference/juce/make_effects_fixtures.py <driver> <JUCE checkout> [out dir]
     (out dir default rvc-dsp/src/test/resources/effects; the JUCE checkout is only read for its version).
Inputs (float32, little-endian, interleaved): a unit step (HPF), 1 kHz at -6 dBFS then -30 dBFS (compressor), a
unit impulse (reverb, AICoverGen's UI defaults room 0.15 / wet 0.2 / dry 0.8 / damping 0.7), noise bursts through
the whole chain (room 0.5 / wet 0.33 / dry 0.4 / damping 0.5) at 40 and 48 kHz, a 1.25 s mono chain at 40 kHz that
crosses pedalboard's 8192-sample blocks and AICoverGen's 1 s chunks, and a stereo chain at 44.1 kHz (processStereo).
"""
import json
import os
import subprocess
import sys
import tempfile

import numpy as np

f32 = np.float32
JUCE_COMMIT = 'ddaa09110392a4419fecbb6d3022bede89b7e841'  # pedalboard v0.7.7's JUCE submodule (tag 6.1.4)
PEDALBOARD_COMMIT = 'cfa96aabee68e9249b6a8a5da646f9147ac28936'  # spotify/pedalboard tag v0.7.7


def save(out_dir, name, arr):
    arr.astype('<f4').tofile(os.path.join(out_dir, name + '.f32'))


def run(driver, mode, fs, x, channels=1, reverb=None):
    with tempfile.TemporaryDirectory() as tmp:
        src, dst = os.path.join(tmp, 'in.f32'), os.path.join(tmp, 'out.f32')
        x.astype('<f4').tofile(src)
        cmd = [driver, mode, str(fs), str(channels), src, dst]
        if reverb is not None:
            room, wet, dry, damping = reverb
            cmd += [repr(room), repr(damping), repr(wet), repr(dry)]
        log = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.strip()
        return np.fromfile(dst, '<f4'), log


def bursts(rng, m, channels=1):
    env = np.where(np.arange(m) < m // 2, 0.3, 0.02)
    if channels == 1:
        return (rng.standard_normal(m) * env).astype(f32)
    return (rng.standard_normal((m, channels)) * env[:, None]).astype(f32).reshape(-1)


def main():
    driver, juce = sys.argv[1], sys.argv[2]
    out_dir = sys.argv[3] if len(sys.argv) > 3 else 'rvc-dsp/src/test/resources/effects'
    os.makedirs(out_dir, exist_ok=True)
    meta = {'generator': 'tools/reference/juce/make_effects_fixtures.py + pedalboard_effects_driver.cpp',
            'juce': {'repo': 'juce-framework/JUCE', 'commit': JUCE_COMMIT},
            'pedalboard': {'repo': 'spotify/pedalboard', 'commit': PEDALBOARD_COMMIT,
                           'calling_sequence': 'AICoverGen: 1 s chunks, reset=False, blocks <= 8192'},
            'build': 'g++ -std=c++17 -O3 (pedalboard setup.py release flags), x86-64',
            'cases': {}}
    rng = np.random.default_rng(1234)
    versions = set()
    for fs in (40000, 48000):
        n = fs // 4
        t = np.arange(n) / fs
        step = np.ones(n // 4, dtype=f32)
        y, v = run(driver, 'hpf', fs, step)
        versions.add(v.split('JUCE ')[-1])
        save(out_dir, f'hpf_step_{fs}', y)
        meta['cases'][f'hpf_step_{fs}'] = {'input': 'ones', 'frames': len(step), 'cutoff_hz': 50}
        amp = np.where(t < 0.125, 0.5, 0.0316).astype(f32)
        sine = (amp * np.sin(2 * np.pi * 1000 * t)).astype(f32)
        save(out_dir, f'comp_in_{fs}', sine)
        y, _ = run(driver, 'comp', fs, sine)
        save(out_dir, f'comp_out_{fs}', y)
        meta['cases'][f'comp_{fs}'] = {'input': 'comp_in', 'threshold_db': -15, 'ratio': 4, 'attack_ms': 1,
                                       'release_ms': 100}
        imp = np.zeros(n, dtype=f32)
        imp[0] = 1
        y, _ = run(driver, 'reverb', fs, imp, reverb=(0.15, 0.2, 0.8, 0.7))
        save(out_dir, f'reverb_impulse_{fs}', y)
        meta['cases'][f'reverb_impulse_{fs}'] = {'room_wet_dry_damping': [0.15, 0.2, 0.8, 0.7]}
        noise = bursts(rng, fs // 5)
        save(out_dir, f'chain_in_{fs}', noise)
        y, _ = run(driver, 'chain', fs, noise, reverb=(0.5, 0.33, 0.4, 0.5))
        save(out_dir, f'chain_out_{fs}', y)
        meta['cases'][f'chain_{fs}'] = {'room_wet_dry_damping': [0.5, 0.33, 0.4, 0.5]}
    long_in = bursts(rng, 50000)
    save(out_dir, 'chain_long_in_40000', long_in)
    y, _ = run(driver, 'chain', 40000, long_in, reverb=(0.5, 0.33, 0.4, 0.5))
    save(out_dir, 'chain_long_out_40000', y)
    meta['cases']['chain_long_40000'] = {'frames': 50000, 'room_wet_dry_damping': [0.5, 0.33, 0.4, 0.5]}
    st_in = bursts(rng, 13230, channels=2)
    save(out_dir, 'chain_stereo_in_44100', st_in)
    y, _ = run(driver, 'chain', 44100, st_in, channels=2, reverb=(0.15, 0.2, 0.8, 0.7))
    save(out_dir, 'chain_stereo_out_44100', y)
    meta['cases']['chain_stereo_44100'] = {'frames': 13230, 'channels': 2, 'interleaved': True,
                                           'room_wet_dry_damping': [0.15, 0.2, 0.8, 0.7]}
    meta['juce']['version'] = sorted(versions)
    with open(os.path.join(juce, 'modules', 'juce_core', 'juce_core.h')) as f:
        meta['juce']['module_header_version'] = [l.split(':', 1)[1].strip() for l in f if l.strip().startswith('version:')][0]
    with open(os.path.join(out_dir, 'meta.json'), 'w') as f:
        json.dump(meta, f, indent=1)


if __name__ == '__main__':
    main()
