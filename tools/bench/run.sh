#!/usr/bin/env bash
# Side-by-side benchmark: upstream RVC (Python, torch CPU) vs rvc4j (`rvc bench`) on the same models and input.
#
#   tools/bench/run.sh --rvc-src /tmp/up-rvc --rvc-main-src /tmp/up-main [options]
#
#   --rvc-src DIR       checkout of RVC-Project/Retrieval-based-Voice-Conversion-WebUI at d60cd3d (branch 20240604)
#   --rvc-main-src DIR  the same repository at main (its Transformers HuBERT, infer/hubert.py)
#   --models DIR        cache of full-size random models (default /tmp/rvc-bench-models; written once if missing)
#   --work DIR          input, JSON reports, summary (default /tmp/rvc-bench)
#   --voices "A B"      voices to time (default "v2-40k v1-48k")
#   --rounds N          alternating rounds per voice (default 2); each round = one Python and one rvc4j process
#   --repeats N         timed conversions per process after one warm-up (default 1)
#   --seconds S         input length (default 30)
#   --extras "cold rss stream"  extra measurements (default all three); --rss-runs N (default 20), --rss-seconds S (5)
#   --python PY         default /work/venv-ref/bin/python
# Nothing here is judged automatically; summarise.py prints the table, and the numbers go to docs/performance.md.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
MODELS=/tmp/rvc-bench-models WORK=/tmp/rvc-bench VOICES="v2-40k v1-48k" ROUNDS=2 REPEATS=1 SECONDS_IN=30
EXTRAS="cold rss stream" RSS_RUNS=20 RSS_SECONDS=5 PY=/work/venv-ref/bin/python RVC_SRC= RVC_MAIN_SRC=
while [ $# -gt 0 ]; do
  case "$1" in
    --rvc-src) RVC_SRC=$2; shift 2 ;;
    --rvc-main-src) RVC_MAIN_SRC=$2; shift 2 ;;
    --models) MODELS=$2; shift 2 ;;
    --work) WORK=$2; shift 2 ;;
    --voices) VOICES=$2; shift 2 ;;
    --rounds) ROUNDS=$2; shift 2 ;;
    --repeats) REPEATS=$2; shift 2 ;;
    --seconds) SECONDS_IN=$2; shift 2 ;;
    --extras) EXTRAS=$2; shift 2 ;;
    --rss-runs) RSS_RUNS=$2; shift 2 ;;
    --rss-seconds) RSS_SECONDS=$2; shift 2 ;;
    --python) PY=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[ -n "$RVC_SRC" ] && [ -n "$RVC_MAIN_SRC" ] || { echo "need --rvc-src and --rvc-main-src" >&2; exit 2; }
export OPT_OUT_TRACKING=true
mkdir -p "$WORK"
RVC="$ROOT/bin/rvc"
if [ ! -x "$RVC" ] || [ ! -f "$ROOT/adapter-cli/target/adapter-cli-0.1.0-SNAPSHOT.jar" ]; then
  (cd "$ROOT" && mvn -B -q -o -pl adapter-cli -am package -DskipTests)
fi
if [ ! -f "$MODELS/meta.json" ]; then
  "$PY" "$ROOT/tools/bench/make_models.py" "$RVC_SRC" "$RVC_MAIN_SRC" "$MODELS"
fi
INPUT="$WORK/input${SECONDS_IN}.wav"
if [ ! -f "$INPUT" ]; then
  # speech-like input: espeak-ng reading a paragraph in two voices, 16 kHz mono, cut to length
  TEXT="The quick brown fox jumps over the lazy dog. Voice conversion changes the timbre of a speaker while it keeps \
the words, the rhythm and the melody of the original recording. This benchmark reads a long paragraph aloud, so that \
both implementations convert the same thirty seconds of speech at sixteen kilohertz. We measure pitch extraction, \
content features, retrieval from the index, and the synthesizer that renders the waveform."
  espeak-ng -v en-us -s 150 -p 50 -w "$WORK/a.wav" "$TEXT"
  espeak-ng -v en-gb -s 140 -p 70 -w "$WORK/b.wav" "$TEXT"
  sox "$WORK/a.wav" "$WORK/b.wav" "$WORK/a.wav" -r 16000 -c 1 -b 16 "$WORK/speech.wav"
  sox "$WORK/speech.wav" "$INPUT" trim 0 "$SECONDS_IN"
fi
{ date -u; uptime; nproc; grep -m1 "model name" /proc/cpuinfo; free -g | head -2; } > "$WORK/machine.txt"
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"

py() {  # mode voice json [extra args]
  local mode=$1 voice=$2 json=$3; shift 3
  "$PY" "$ROOT/tools/bench/python_bench.py" --rvc-src "$RVC_SRC" --rvc-main-src "$RVC_MAIN_SRC" \
    --models-dir "$MODELS" --model "$voice" --input "$INPUT" --mode "$mode" --json "$json" "$@" > /dev/null
}
ours() {  # mode voice json [extra args]
  local mode=$1 voice=$2 json=$3; shift 3
  "$RVC" bench --models-dir "$MODELS" --model "$voice" -i "$INPUT" --device cpu --mode "$mode" --json "$json" "$@" \
    > /dev/null
}

for voice in $VOICES; do
  for r in $(seq 1 "$ROUNDS"); do
    bd=0; [ "$r" = 1 ] && bd=1
    # alternate which side goes first, so a drift in machine load hits both
    if [ $((r % 2)) = 1 ]; then
      py e2e "$voice" "$WORK/e2e-$voice-$r-python.json" --warmup 1 --repeats "$REPEATS"
      ours e2e "$voice" "$WORK/e2e-$voice-$r-ours.json" --warmup 1 --repeats "$REPEATS" --breakdown $bd
    else
      ours e2e "$voice" "$WORK/e2e-$voice-$r-ours.json" --warmup 1 --repeats "$REPEATS" --breakdown $bd
      py e2e "$voice" "$WORK/e2e-$voice-$r-python.json" --warmup 1 --repeats "$REPEATS"
    fi
    echo "$voice round $r done (load $(cut -d' ' -f1 /proc/loadavg))"
  done
done
first=${VOICES%% *}
for x in $EXTRAS; do
  case $x in
    cold)
      ours cold "$first" "$WORK/cold-ours.json"
      py cold "$first" "$WORK/cold-python.json" ;;
    rss)
      ours rss "$first" "$WORK/rss-ours.json" --warmup 1 --repeats "$RSS_RUNS" --seconds "$RSS_SECONDS"
      py rss "$first" "$WORK/rss-python.json" --warmup 1 --repeats "$RSS_RUNS" --seconds "$RSS_SECONDS" ;;
    stream)
      ours stream "$first" "$WORK/stream-ours.json" --warmup 2 --seconds 12 --blocks-ms 250,500,1000 ;;
  esac
done
"$PY" "$ROOT/tools/bench/summarise.py" "$WORK" | tee "$WORK/summary.md"
