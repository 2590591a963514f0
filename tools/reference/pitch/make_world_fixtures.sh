#!/usr/bin/env bash
# WORLD Harvest + StoneMask reference tracks for rvc-dsp's HarvestParityTest (fixtures only; WORLD is never a
# dependency and none of its code is in this repository).
#   git clone https://github.com/mmorise/World /tmp/world && git -C /tmp/world checkout d625e7608ca23a870018f01e7c562ac683d9847f
#   bash tools/reference/pitch/make_world_fixtures.sh /tmp/world
# Builds world_harvest_driver.cpp (ours) against the WORLD sources with g++ -O2, converts each
# rvc-dsp/src/test/resources/pitch/signals/*.wav to raw float32 (sox: 16-bit PCM / 32768, exact) and writes
# rvc-dsp/src/test/resources/pitch/world/<name>.csv (time_s,harvest_hz,stonemask_hz; %.17g).
set -euo pipefail
world="${1:?path to a mmorise/World checkout}"
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
signals="$root/rvc-dsp/src/test/resources/pitch/signals"
out="$root/rvc-dsp/src/test/resources/pitch/world"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
g++ -O2 -I "$world/src" -o "$work/worldf0" "$here/world_harvest_driver.cpp" "$world"/src/*.cpp
mkdir -p "$out"
for wav in "$signals"/*.wav; do
    name="$(basename "$wav" .wav)"
    sox "$wav" -t f32 -e floating-point "$work/$name.f32"
    "$work/worldf0" "$work/$name.f32" "$out/$name.csv"
done
echo "WORLD commit: $(git -C "$world" rev-parse HEAD 2>/dev/null || echo unknown)"
