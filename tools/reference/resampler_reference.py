#!/usr/bin/env python3
"""Measures soxr and scipy resamplers on the signals rvc-dsp's DspFigures uses for SincResampler, for docs/dsp.md.

Run: /work/venv-ref/bin/python tools/reference/resampler_reference.py      (soxr, scipy)
     /usr/bin/python3 tools/reference/resampler_reference.py              (Debian python3-resampy 0.4.2, scipy)
Each resampler is measured when its module imports (resampy is in neither local wheel mirror; soxr not in Debian).
Metrics (all on 1 s signals, the first and last 10 % ignored):
  passband: worst |gain| in dB for tones at 50 Hz, 1 kHz, 0.3/0.6/0.8/0.9 x the lower Nyquist (and without 0.9)
  alias:    worst leak in dB for tones at 1.005/1.05/1.2/1.5/1.9 x the output Nyquist (downsampling)
  sweep:    leak in dB of a linear sweep from 1.0 to 0.99 x the input Nyquist band above the output Nyquist
"""
import numpy as np
import scipy.signal as ss

try:
    import soxr
except ImportError:
    soxr = None
try:
    import resampy
except ImportError:
    resampy = None


def tone(f, fs, n, a=0.5):
    return (a * np.sin(2 * np.pi * f * np.arange(n) / fs)).astype(np.float32)


def amp(y, f, fs):
    n = len(y)
    lo, hi = n // 10, n - n // 10
    t = np.arange(lo, hi)
    m = np.stack([np.sin(2 * np.pi * f * t / fs), np.cos(2 * np.pi * f * t / fs)], 1)
    c, *_ = np.linalg.lstsq(m, y[lo:hi].astype(np.float64), rcond=None)
    return np.hypot(*c)


def rms_mid(y):
    n = len(y)
    return np.sqrt(np.mean(y[n // 10: n - n // 10].astype(np.float64) ** 2))


METHODS = {
    'scipy resample_poly (kaiser 5)': lambda x, a, b: ss.resample_poly(x, b // np.gcd(a, b), a // np.gcd(a, b)),
}
if soxr is not None:
    METHODS['soxr HQ'] = lambda x, a, b: soxr.resample(x, a, b, quality='HQ')
    METHODS['soxr VHQ'] = lambda x, a, b: soxr.resample(x, a, b, quality='VHQ')
if resampy is not None:
    METHODS['resampy kaiser_best'] = lambda x, a, b: resampy.resample(x, a, b, filter='kaiser_best')
    METHODS['resampy kaiser_fast'] = lambda x, a, b: resampy.resample(x, a, b, filter='kaiser_fast')


def main():
    for name, fn in METHODS.items():
        for a, b in [(48000, 44100), (44100, 16000), (40000, 44100), (48000, 16000)]:
            nyq = min(a, b) / 2
            worst = worst08 = 0
            for f in [50, 1000, .3 * nyq, .6 * nyq, .8 * nyq, .9 * nyq]:
                y = fn(tone(f, a, a), a, b)
                err = abs(20 * np.log10(amp(y, f, b) / 0.5))
                worst = max(worst, err)
                if f <= .8 * nyq:
                    worst08 = max(worst08, err)
            line = f'{name:32s} {a}->{b}: passband {worst:.5f} dB (to 0.8 Nyq {worst08:.5f} dB)'
            if b < a:
                leak = -400
                for rel in [1.005, 1.05, 1.2, 1.5, 1.9]:
                    f = b / 2 * rel
                    if f >= a / 2:
                        continue
                    y = fn(tone(f, a, a), a, b)
                    leak = max(leak, 20 * np.log10(rms_mid(y) / (0.5 / np.sqrt(2)) + 1e-30))
                t = np.arange(a) / a
                f0, f1 = b / 2, 0.99 * a / 2
                sweep = (0.5 * np.sin(2 * np.pi * (f0 * t + (f1 - f0) * t * t / 2))).astype(np.float32)
                y = fn(sweep, a, b)
                sw = 20 * np.log10(rms_mid(y) / (0.5 / np.sqrt(2)) + 1e-30)
                line += f', worst alias {leak:.1f} dB, stopband sweep {sw:.1f} dB'
            print(line)


if __name__ == '__main__':
    main()
