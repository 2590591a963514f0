#!/usr/bin/env sh
# Launcher for @MODULE@, written by the build (mvn package). Edit tools/launcher/launcher.sh, not bin/.
# JVM options: RVC_JAVA_OPTS (after the defaults below, so that they override them). DJL is kept offline and
# untracked, as everywhere in this project.
# -XX:MaxNewSize=96m bounds G1's young generation: a conversion leaves tens of MB of short-lived arrays, and with an
# unbounded young generation G1 spreads them over an eden of up to 60 % of the heap, touching new pages for the first
# ~100 conversions (resident memory +26 % before it levels off). Bounded, it is flat within 2 % from the 10th
# conversion at the same speed (docs/performance.md, Memory).
ROOT=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
MODULE_DIR="$ROOT/@MODULE@/target"
if [ ! -f "$MODULE_DIR/@JAR@" ]; then
  echo "rvc4j: $MODULE_DIR/@JAR@ is missing; build first with: mvn -DskipTests package" >&2
  exit 1
fi
JAVA_BIN=java
if [ -n "${JAVA_HOME:-}" ]; then JAVA_BIN="$JAVA_HOME/bin/java"; fi
OPT_OUT_TRACKING=true
DJL_OFFLINE=true
export OPT_OUT_TRACKING DJL_OFFLINE
# shellcheck disable=SC2086
exec "$JAVA_BIN" -XX:MaxNewSize=96m ${RVC_JAVA_OPTS:-} -Dai.djl.offline=true -Dai.djl.pytorch.num_interop_threads=1 \
  -cp "$MODULE_DIR/@JAR@:$MODULE_DIR/lib/*" @MAIN@ "$@"
