#!/usr/bin/env bash
# Soak: the gateway under a steady load for SOAK_MINUTES with every request mirrored and a rollout
# cycling (shadow -> 5 -> 25 -> 50 -> 100 %, then POST /rollout/restart and round again), while
# its heap after a full GC, RSS, open files and threads are sampled every minute. Prints a table
# and the growth from the first sample (taken after WARMUP) to the last, against stated bounds.
#
#   load-tests/soak.sh                       # needs wrk and curl (apt-get install -y wrk curl)
#   SOAK_MINUTES=10 CONNECTIONS=16 PACE_MS=15 load-tests/soak.sh
#
# The gateway runs with a 256 MiB heap touched at start (-XX:+AlwaysPreTouch, so RSS growth is
# not the heap being paged in) and Netty's leak detector at the ADVANCED level (sampled, with
# access records): any LEAK report in its log fails the soak. Stable and candidate are two
# sample models (v1, identical answers, so every stage's gates pass). Traffic stays on 127.0.0.1.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
SOAK_MINUTES=${SOAK_MINUTES:-10}
WARMUP=${WARMUP:-60}                       # seconds of load before the first sample
CONNECTIONS=${CONNECTIONS:-16}
PACE_MS=${PACE_MS:-15}                     # about CONNECTIONS * 1000 / (PACE_MS + latency) requests/s
HEAP_GROWTH_BOUND_MIB=${HEAP_GROWTH_BOUND_MIB:-16}
RSS_GROWTH_BOUND_MIB=${RSS_GROWTH_BOUND_MIB:-64}
STABLE_PORT=${STABLE_PORT:-19301}
CANDIDATE_PORT=${CANDIDATE_PORT:-19302}
GATEWAY_PORT=${GATEWAY_PORT:-18301}
ADMIN_PORT=${ADMIN_PORT:-19311}

for tool in wrk curl jcmd; do
  command -v "$tool" >/dev/null || { echo "$tool is missing (wrk, curl: apt-get install -y wrk curl; jcmd comes with the JDK)" >&2; exit 2; }
done
"$root/shadowgate" --version >/dev/null # builds the jar when needed
jar="$root/target/shadowgate.jar"
tmp="$(mktemp -d)"
pids=()
. "$here/common.sh"
trap cleanup EXIT

for port in "$STABLE_PORT" "$CANDIDATE_PORT"; do
  java -jar "$jar" sample-model --port "$port" --threads 1 --variant v1 >"$tmp/model-$port.log" 2>&1 &
  pids+=($!)
done
cat >"$tmp/gateway.yaml" <<YAML
server: { host: 127.0.0.1, port: $GATEWAY_PORT, ioThreads: 1 }
admin: { host: 127.0.0.1, port: $ADMIN_PORT }
stable: { url: "http://127.0.0.1:$STABLE_PORT", maxConnections: 64 }
candidate: { url: "http://127.0.0.1:$CANDIDATE_PORT", maxConnections: 64 }
shadow: { percent: 100, maxInFlight: 256 }
rollout:
  stages: [5, 25, 50, 100]
  shadowBake: 20s
  bake: 20s
  maxBake: 2m
  onInconclusive: rollback
  minSamples: 200
  gates: { minMatchRate: 0.99, maxErrorRateIncrease: 0.01, maxLatencyIncrease: 1.0 }
  tick: 1s
  stateFile: $tmp/state.json
  auditLog: $tmp/audit.jsonl
YAML
java -Xms256m -Xmx256m -XX:+AlwaysPreTouch -Dio.netty.leakDetection.level=advanced -jar "$jar" run --config "$tmp/gateway.yaml" \
  >"$tmp/gateway.log" 2>&1 &
gateway_pid=$!
pids+=("$gateway_pid")
wait_for "http://127.0.0.1:$STABLE_PORT/"
wait_for "http://127.0.0.1:$CANDIDATE_PORT/"
wait_for "http://127.0.0.1:$ADMIN_PORT/metrics"

total_seconds=$(( WARMUP + SOAK_MINUTES * 60 + 5 ))
PACE_MS="$PACE_MS" wrk -t1 -c"$CONNECTIONS" -d"${total_seconds}s" --latency -s "$here/paced.lua" \
  "http://127.0.0.1:$GATEWAY_PORT/score" >"$tmp/wrk.txt" 2>&1 &
wrk_pid=$!
pids+=("$wrk_pid")

phase() { curl -s "http://127.0.0.1:$ADMIN_PORT/status" | sed -n 's/.*"rollout":{[^}]*"phase":"\([A-Z_]*\)".*/\1/p'; }
cycles=0
cycle() { # restarts a rollout that ended, so the soak keeps moving the weight
  local now; now="$(phase)"
  if [[ "$now" == PROMOTED || "$now" == ROLLED_BACK ]]; then
    curl -s -o /dev/null -X POST "http://127.0.0.1:$ADMIN_PORT/rollout/restart"
    cycles=$(( cycles + 1 ))
    [[ "$now" == ROLLED_BACK ]] && rolled_back=$(( ${rolled_back:-0} + 1 ))
  fi
  return 0
}
sample() { # minute: heap after a full GC, RSS, open files, threads
  jcmd "$gateway_pid" GC.run >/dev/null
  local heap rss fds threads
  heap="$(jcmd "$gateway_pid" GC.heap_info | awk '/used/ { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub(/K,?$/, "", v); printf "%.1f", v / 1024; exit } }')"
  rss="$(awk '/VmRSS/ { printf "%.1f", $2 / 1024 }' "/proc/$gateway_pid/status")"
  fds="$(ls "/proc/$gateway_pid/fd" | wc -l)"
  threads="$(awk '/Threads/ { print $2 }' "/proc/$gateway_pid/status")"
  printf '| %6s | %10s | %8s | %5s | %7s | %-10s | %6s |\n' "$1" "$heap" "$rss" "$fds" "$threads" "$(phase)" "$cycles"
  echo "$heap $rss" >>"$tmp/samples"
}

echo "soak: ${SOAK_MINUTES} min after ${WARMUP} s of warm-up, $CONNECTIONS connections paced ${PACE_MS} ms" >&2
end=$(( $(date +%s) + WARMUP ))
while (( $(date +%s) < end )); do cycle; sleep 1; done
echo "| minute | heap MiB¹ | RSS MiB | files | threads | phase      | cycles |"
echo "|---|---|---|---|---|---|---|"
sample 0
for minute in $(seq 1 "$SOAK_MINUTES"); do
  end=$(( $(date +%s) + 60 ))
  while (( $(date +%s) < end )); do cycle; sleep 1; done
  sample "$minute"
done
echo "¹ used heap after a full GC (jcmd GC.run), -Xmx256m"
wait "$wrk_pid" || true

curl -s "http://127.0.0.1:$ADMIN_PORT/metrics" >"$tmp/end.prom"
requests="$(awk '/ requests in / { print $1 }' "$tmp/wrk.txt")"
non2xx="$(awk '/Non-2xx or 3xx responses/ { print $NF }' "$tmp/wrk.txt")"
socket_errors="$(grep -o 'Socket errors:.*' "$tmp/wrk.txt" || echo 'Socket errors: none')"
compared="$(awk '$1 ~ /^shadowgate_shadow_requests_total/ && $1 ~ /outcome="compared"/ { s += $NF } END { printf "%.0f", s }' "$tmp/end.prom")"
sampled="$(awk '$1 ~ /^shadowgate_shadow_sampled_total/ { s += $NF } END { printf "%.0f", s }' "$tmp/end.prom")"
leaks="$(grep -c 'LEAK' "$tmp/gateway.log" || true)"
read -r heap0 rss0 < <(head -1 "$tmp/samples")
read -r heap1 rss1 < <(tail -1 "$tmp/samples")
heap_growth="$(awk -v a="$heap0" -v b="$heap1" 'BEGIN { printf "%.1f", b - a }')"
rss_growth="$(awk -v a="$rss0" -v b="$rss1" 'BEGIN { printf "%.1f", b - a }')"
echo
echo "| measure | value | bound |"
echo "|---|---|---|"
echo "| requests (wrk, incl. warm-up) | $requests | |"
echo "| non-2xx answers | ${non2xx:-0} | 0 |"
echo "| wrk ${socket_errors} | | |"
echo "| mirrored / compared | $sampled / $compared | |"
echo "| rollout cycles completed (of which rolled back) | $cycles (${rolled_back:-0}) | |"
echo "| heap after GC, first -> last sample | $heap0 -> $heap1 MiB (+$heap_growth) | +$HEAP_GROWTH_BOUND_MIB MiB |"
echo "| RSS, first -> last sample | $rss0 -> $rss1 MiB (+$rss_growth) | +$RSS_GROWTH_BOUND_MIB MiB |"
echo "| Netty LEAK reports in the gateway log | $leaks | 0 |"
if [[ "${rolled_back:-0}" != 0 ]]; then
  echo
  echo "last rollback: $(grep '"to":"ROLLED_BACK"' "$tmp/audit.jsonl" | tail -1 | sed -n 's/.*"reason":"\([^"]*\)".*/\1/p')"
fi
failed=0
awk -v g="$heap_growth" -v b="$HEAP_GROWTH_BOUND_MIB" 'BEGIN { exit !(g > b) }' && { echo "heap grew beyond the bound" >&2; failed=1; }
awk -v g="$rss_growth" -v b="$RSS_GROWTH_BOUND_MIB" 'BEGIN { exit !(g > b) }' && { echo "RSS grew beyond the bound" >&2; failed=1; }
[[ "$leaks" == 0 ]] || { echo "Netty reported leaks:" >&2; grep -A5 LEAK "$tmp/gateway.log" | head -40 >&2; failed=1; }
[[ "${non2xx:-0}" == 0 ]] || { echo "clients got non-2xx answers" >&2; failed=1; }
exit "$failed"
