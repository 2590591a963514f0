#!/usr/bin/env bash
# pm (Praat autocorrelation) reference tracks for rvc-dsp's PmParityTest, from Debian's praat package run headless:
#   apt-get install -y praat        # 6.3.07 on Debian bookworm
#   bash tools/reference/pitch/make_pm_fixtures.sh
# Reads rvc-dsp/src/test/resources/pitch/signals/*.wav, writes rvc-dsp/src/test/resources/pitch/praat/<name>.csv
# (time_s,f0_hz; 0 = unvoiced) and praat/meta.json with the Praat version.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
signals="$root/rvc-dsp/src/test/resources/pitch/signals"
out="$root/rvc-dsp/src/test/resources/pitch/praat"
mkdir -p "$out"
for wav in "$signals"/*.wav; do
    name="$(basename "$wav" .wav)"
    praat --run "$here/pm_fixture.praat" "$wav" "$out/$name.csv"
done
version="$(praat --version)"
cat > "$out/meta.json" <<JSON
{
 "tool": "$version",
 "package": "Debian praat $(dpkg-query -W -f='${Version}' praat 2>/dev/null || echo unknown)",
 "command": "To Pitch (ac): 0.01, 50, 15, no, 0.03, 0.6, 0.01, 0.35, 0.14, 1100",
 "reference": "RVC 20240604 (d60cd3d) infer/modules/vc/pipeline.py get_f0, pm branch (parselmouth to_pitch_ac)",
 "script": "tools/reference/pitch/make_pm_fixtures.sh"
}
JSON
