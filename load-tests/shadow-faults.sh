#!/usr/bin/env bash
# What a broken candidate costs the client: the primary's latency at a fixed, moderate load while
# the shadow is healthy, answers 500 to everything, never answers, or refuses connections, next to
# the same gateway with no candidate at all. Measures (median ratios), asserts nothing: the tests
# prove the structural guarantee (no primary waits for the shadow); this shows its price in time.
#
#   load-tests/shadow-faults.sh            # needs wrk and curl (apt-get install -y wrk curl)
#   DURATION=10s ROUNDS=3 RATE_CONNECTIONS=16 PACE_MS=4 load-tests/shadow-faults.sh
#
# Targets, each a fresh gateway (1 I/O thread) in front of the same one-thread stable sample
# model, driven by wrk with paced connections (paced.lua: each connection waits PACE_MS after
# every answer, so every target gets about the same offered rate), median of ROUNDS rounds after
# WARMUP:
#   no shadow        no candidate configured
#   healthy          shadow.percent 100 to a fast candidate (sample model, v2)
#   5xx storm        the candidate answers 500 to every request (--error-rate 1)
#   never answers    the candidate holds every request for 10 minutes (timeout 2 s, maxInFlight 64)
#   refused          nothing listens on the candidate's port
# After each run the shadow outcomes of its rounds are read from /metrics.
# Traffic goes to 127.0.0.1 only.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
DURATION=${DURATION:-10s}
ROUNDS=${ROUNDS:-3}
WARMUP=${WARMUP:-20s}
RATE_CONNECTIONS=${RATE_CONNECTIONS:-16}
PACE_MS=${PACE_MS:-4}
CANDIDATE_TIMEOUT=${CANDIDATE_TIMEOUT:-2s}
MAX_IN_FLIGHT=${MAX_IN_FLIGHT:-64}
# Ports: none of them is one the other load tests use.
STABLE_PORT=${STABLE_PORT:-19501}
FAST_PORT=${FAST_PORT:-19502}
STORM_PORT=${STORM_PORT:-19503}
HOLD_PORT=${HOLD_PORT:-19504}
REFUSED_PORT=${REFUSED_PORT:-19505}
GATEWAY_PORT=${GATEWAY_PORT:-18580}
ADMIN_PORT=${ADMIN_PORT:-19580}

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 2; }
command -v curl >/dev/null || { echo "curl is missing: apt-get install -y curl" >&2; exit 2; }
"$root/shadowgate" --version >/dev/null # builds the jar when needed
jar="$root/target/shadowgate.jar"
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
tmp="$(mktemp -d)"
pids=()
. "$here/common.sh"
trap cleanup EXIT

model() { # port log [sample-model options]
  local port="$1" log="$2"; shift 2
  java -jar "$jar" sample-model --port "$port" --threads 1 "$@" >"$log" 2>&1 &
  pids+=($!)
}
model "$STABLE_PORT" "$tmp/stable.log" --variant v1
model "$FAST_PORT" "$tmp/fast.log" --variant v2
model "$STORM_PORT" "$tmp/storm.log" --variant v2 --error-rate 1
model "$HOLD_PORT" "$tmp/hold.log" --variant v2 --latency 10m
for port in "$STABLE_PORT" "$FAST_PORT" "$STORM_PORT"; do wait_for "http://127.0.0.1:$port/healthz"; done
wait_listening() { # port: until it accepts connections (the holding model delays /healthz too)
  local code
  for _ in $(seq 1 300); do
    code=0; curl -s -m 0.5 -o /dev/null "http://127.0.0.1:$1/healthz" || code=$?
    if [[ "$code" != 7 ]]; then return 0; fi
    sleep 0.1
  done
  echo "nothing listens on $1" >&2; exit 1
}
wait_listening "$HOLD_PORT"
if curl -s -o /dev/null "http://127.0.0.1:$REFUSED_PORT/"; then echo "something listens on $REFUSED_PORT" >&2; exit 2; fi

gateway_config() { # file [candidate-port]
  {
    echo "server: { host: 127.0.0.1, port: $GATEWAY_PORT, ioThreads: 1 }"
    echo "admin: { host: 127.0.0.1, port: $ADMIN_PORT }"
    echo "stable: { url: \"http://127.0.0.1:$STABLE_PORT\", maxConnections: 64 }"
    if [[ -n "${2:-}" ]]; then
      echo "candidate: { url: \"http://127.0.0.1:$2\", maxConnections: 64, timeout: $CANDIDATE_TIMEOUT }"
      echo "shadow: { percent: 100, maxInFlight: $MAX_IN_FLIGHT }"
      echo "rollout: { auto: false, stateFile: \"$tmp/state-$2.json\", auditLog: \"$tmp/audit-$2.jsonl\" }"
    fi
  } >"$1"
}

metric() { # file name [label]: the value as an integer, 0 when absent
  awk -v name="$2" -v label="${3:-}" '
    $1 ~ /^#/ { next }
    { split($1, parts, "{"); if (parts[1] != name) next
      if (label != "" && index($1, label) == 0) next
      sum += $NF }
    END { printf "%.0f", sum + 0 }' "$1"
}

timeout_seconds=$(awk -v t="$CANDIDATE_TIMEOUT" 'BEGIN { n = t + 0; if (t ~ /ms$/) n /= 1000; else if (t ~ /m$/) n *= 60; printf "%d", n + 1 }')
declare -A p50 p99 rps errors outcomes
run() { # name [candidate-port]
  local name="$1" out round
  gateway_config "$tmp/$name.yaml" "${2:-}"
  java -Xms256m -Xmx256m -jar "$jar" run --config "$tmp/$name.yaml" >"$tmp/$name.log" 2>&1 &
  local gateway=$!
  pids+=("$gateway")
  wait_for "http://127.0.0.1:$ADMIN_PORT/metrics"
  echo "$name: warming up for $WARMUP ..." >&2
  PACE_MS=$PACE_MS wrk -t1 -c"$RATE_CONNECTIONS" -d"$WARMUP" -s "$here/paced.lua" "http://127.0.0.1:$GATEWAY_PORT/score" >/dev/null
  curl -s "http://127.0.0.1:$ADMIN_PORT/metrics" >"$tmp/$name-before.prom"
  for round in $(seq 1 "$ROUNDS"); do
    out="$(PACE_MS=$PACE_MS wrk -t1 -c"$RATE_CONNECTIONS" -d"$DURATION" --latency -s "$here/paced.lua" \
      "http://127.0.0.1:$GATEWAY_PORT/score")"
    rps[$name]+="$(awk '/Requests\/sec/ { print $2 }' <<<"$out") "
    p50[$name]+="$(to_ms "$(awk '$1 == "50%" { print $2 }' <<<"$out")") "
    p99[$name]+="$(to_ms "$(awk '$1 == "99%" { print $2 }' <<<"$out")") "
    errors[$name]=$(( ${errors[$name]:-0} + $(awk '/Non-2xx/ { n = $NF } END { print n + 0 }' <<<"$out") ))
    echo "round $round $name: $(awk '/Requests\/sec/ { print $2 }' <<<"$out") req/s" >&2
  done
  sleep "$timeout_seconds" # let the last shadows time out
  curl -s "http://127.0.0.1:$ADMIN_PORT/metrics" >"$tmp/$name-after.prom"
  local row="" key
  for key in compared shed timeout error skipped; do
    row+="$(( $(metric "$tmp/$name-after.prom" shadowgate_shadow_requests_total "outcome=\"$key\"") \
             - $(metric "$tmp/$name-before.prom" shadowgate_shadow_requests_total "outcome=\"$key\"") )) "
  done
  outcomes[$name]="$row"
  kill "$gateway" 2>/dev/null || true
  wait "$gateway" 2>/dev/null || true
}

run "no-shadow"
run "healthy" "$FAST_PORT"
run "5xx-storm" "$STORM_PORT"
run "never-answers" "$HOLD_PORT"
run "refused" "$REFUSED_PORT"

echo
echo "Paced load: wrk -t1 -c$RATE_CONNECTIONS, each connection waiting ${PACE_MS} ms after every answer, -d$DURATION,"
echo "median of $ROUNDS rounds after $WARMUP warm-up; gateway with 1 I/O thread; candidate timeout $CANDIDATE_TIMEOUT,"
echo "maxInFlight $MAX_IN_FLIGHT; $(nproc) cores; load average before the run: $load_before."
echo
echo "| candidate | requests/s | p50 ms | p99 ms | p50 / no shadow | p99 / no shadow | p50 / healthy | p99 / healthy | non-2xx | shadow compared, shed, timeout, error, skipped |"
echo "|---|---|---|---|---|---|---|---|---|---|"
for name in no-shadow healthy 5xx-storm never-answers refused; do
  echo "| $name | $(med "${rps[$name]}") | $(med "${p50[$name]}") | $(med "${p99[$name]}") \
| $(ratio "$(med "${p50[$name]}")" "$(med "${p50[no-shadow]}")") | $(ratio "$(med "${p99[$name]}")" "$(med "${p99[no-shadow]}")") \
| $(ratio "$(med "${p50[$name]}")" "$(med "${p50[healthy]}")") | $(ratio "$(med "${p99[$name]}")" "$(med "${p99[healthy]}")") \
| ${errors[$name]} | ${outcomes[$name]:-} |"
done
