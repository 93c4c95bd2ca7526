#!/usr/bin/env bash
# Does the rollout's verdict hold on a busy host? Runs `shadowgate demo` for each scenario RUNS
# times with a CPU hog on every core for the whole run (stress-ng --cpu N, N = cores), and prints
# each run's ending next to what the scenario expects. Measures, asserts nothing: a good candidate
# should end PROMOTED or held INCONCLUSIVE (the host too noisy to judge, with the reason), never
# ROLLED_BACK; drift, slow and errors should end ROLLED_BACK by their own gate.
#
#   load-tests/busy-host-demo.sh                     # needs stress-ng (apt-get install -y stress-ng)
#   RUNS=1 SCENARIOS="good slow" HOGS=2 load-tests/busy-host-demo.sh
#
# Each run is a fresh JVM on 127.0.0.1 (the demo's own ports, moved off the defaults); its whole
# output goes to $OUT/<scenario>-<run>.txt. Traffic goes to 127.0.0.1 only.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
RUNS=${RUNS:-3}
SCENARIOS=${SCENARIOS:-good drift slow errors}
HOGS=${HOGS:-$(nproc)}
OUT=${OUT:-$(mktemp -d -t shadowgate-busy-host-XXXXXX)}
mkdir -p "$OUT"
# Ports: none of them is one the other load tests use.
PORT=${PORT:-18680}
ADMIN_PORT=${ADMIN_PORT:-19680}
MODEL_PORT=${MODEL_PORT:-19681}
CANDIDATE_PORT=${CANDIDATE_PORT:-19682}

command -v stress-ng >/dev/null || { echo "stress-ng is missing: apt-get install -y stress-ng" >&2; exit 2; }
"$root/shadowgate" --version >/dev/null # builds the jar once, before any hog starts

hog=""
cleanup() { [ -n "$hog" ] && kill "$hog" 2>/dev/null; wait 2>/dev/null || true; }
trap cleanup EXIT

printf '| scenario | run | ending | after | load (1 min) | exit | as expected |\n|---|---:|---|---:|---:|---:|---|\n'
for scenario in $SCENARIOS; do
  for run in $(seq 1 "$RUNS"); do
    stress-ng --cpu "$HOGS" --timeout 600s >/dev/null 2>&1 &
    hog=$!
    sleep 2
    file="$OUT/$scenario-$run.txt"
    set +e
    java -jar "$root/target/shadowgate.jar" demo --scenario "$scenario" --port "$PORT" --admin-port "$ADMIN_PORT" \
      --model-port "$MODEL_PORT" --candidate-port "$CANDIDATE_PORT" >"$file" 2>&1
    code=$?
    set -e
    load=$(cut -d' ' -f1 /proc/loadavg)
    kill "$hog" 2>/dev/null; wait "$hog" 2>/dev/null || true
    hog=""
    # The verdict line: "PROMOTED after 0:49: ...", "ROLLED_BACK after ...", "INCONCLUSIVE after ...".
    verdict=$(grep -E '^(PROMOTED|ROLLED_BACK|INCONCLUSIVE) after ' "$file" | head -1 || true)
    ending=${verdict%% after *}
    after=$(sed -E 's/^[A-Z_]+ after ([0-9]+:[0-9]+).*/\1/' <<<"$verdict")
    case $code in 0) expected=yes ;; 2) expected="no verdict" ;; *) expected=NO ;; esac
    printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$scenario" "$run" "${ending:-none}" "${after:--}" "$load" "$code" "$expected"
  done
done
echo
echo "outputs: $OUT (the reason of each ending is its verdict line)"
