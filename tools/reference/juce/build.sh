#!/usr/bin/env bash
# Builds pedalboard_effects_driver against a JUCE checkout (nothing from JUCE is committed here).
# Usage: tools/reference/juce/build.sh <JUCE checkout: the directory holding modules/> <build dir>
# pedalboard v0.7.7 pins JUCE ddaa09110392a4419fecbb6d3022bede89b7e841 (tag 6.1.4); get it with e.g.
#   git -C <JUCE mirror> archive ddaa09110392a4419fecbb6d3022bede89b7e841 modules | tar -x -C /tmp/juce-6.1.4
# Flags follow pedalboard's setup.py (release: -O3, no fast-math; JUCE_USE_CURL=0, JUCE_USE_FLAC=0).
set -euo pipefail
JUCE=${1:?JUCE checkout}
OUT=${2:?build dir}
HERE=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$OUT"
DEFS=(-DJUCE_GLOBAL_MODULE_SETTINGS_INCLUDED=1 -DJUCE_STANDALONE_APPLICATION=1 -DJUCE_USE_CURL=0 -DJUCE_USE_FLAC=0
      -DJUCE_USE_OGGVORBIS=0 -DJUCE_WEB_BROWSER=0 -DJUCE_DISPLAY_SPLASH_SCREEN=0 -DJUCE_MODULE_AVAILABLE_juce_core=1
      -DJUCE_MODULE_AVAILABLE_juce_audio_basics=1 -DJUCE_MODULE_AVAILABLE_juce_audio_formats=1
      -DJUCE_MODULE_AVAILABLE_juce_dsp=1 -DNDEBUG=1)
FLAGS=(-std=c++17 -O3 -fPIC -I"$JUCE/modules" "${DEFS[@]}")
pids=()
for m in juce_core juce_audio_basics juce_audio_formats juce_dsp; do
  [ -f "$OUT/$m.o" ] || { g++ "${FLAGS[@]}" -c "$JUCE/modules/$m/$m.cpp" -o "$OUT/$m.o" & pids+=($!); }
done
for p in "${pids[@]}"; do wait "$p"; done
g++ "${FLAGS[@]}" "$HERE/pedalboard_effects_driver.cpp" "$OUT"/juce_*.o -o "$OUT/pedalboard_effects_driver" -lpthread -ldl -lrt
echo "$OUT/pedalboard_effects_driver"
