#!/usr/bin/env bash
# Soak: the gateway under a steady paced load for DURATION (10 minutes by default) with a
# realistic, slightly faulty candidate (2% errors, 1% drift, 5 ms slower), mirroring every request.
# Every INTERVAL it prints the gateway's resident memory, open files, threads, shadow in flight and
# the shadow accounting; at the end the client's totals and whether anything grew or was lost.
#
#   load-tests/soak.sh                      # needs wrk and curl (apt-get install -y wrk curl)
#   DURATION=2m INTERVAL=10s load-tests/soak.sh
#
# Exits 1 when a client got a non-2xx answer or a socket error, when the shadow accounting
# (sampled = compared + shed + timeout + error + skipped) does not hold once in-flight shadows have
# ended, or when open files grew by more than FD_SLACK; memory is reported, not judged (the JVM's
# heap settles on its own schedule). Traffic goes to 127.0.0.1 only.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
DURATION=${DURATION:-10m}
INTERVAL=${INTERVAL:-30s}
RATE_CONNECTIONS=${RATE_CONNECTIONS:-16}
PACE_MS=${PACE_MS:-10}
FD_SLACK=${FD_SLACK:-50}
STABLE_PORT=${STABLE_PORT:-19401}
CANDIDATE_PORT=${CANDIDATE_PORT:-19402}
GATEWAY_PORT=${GATEWAY_PORT:-18480}
ADMIN_PORT=${ADMIN_PORT:-19480}

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 2; }
command -v curl >/dev/null || { echo "curl is missing: apt-get install -y curl" >&2; exit 2; }
"$root/shadowgate" --version >/dev/null # builds the jar when needed
jar="$root/target/shadowgate.jar"
seconds() { awk -v t="$1" 'BEGIN { n = t + 0; if (t ~ /ms$/) n /= 1000; else if (t ~ /m$/) n *= 60; else if (t ~ /h$/) n *= 3600; printf "%d", n }'; }
tmp="$(mktemp -d)"
pids=()
. "$here/common.sh"
trap cleanup EXIT

java -jar "$jar" sample-model --port "$STABLE_PORT" --threads 1 --variant v1 >"$tmp/stable.log" 2>&1 &
pids+=($!)
java -jar "$jar" sample-model --port "$CANDIDATE_PORT" --threads 1 --variant v2 --error-rate 0.02 --drift 0.01 \
  --latency 5ms >"$tmp/candidate.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$STABLE_PORT/healthz"
wait_for "http://127.0.0.1:$CANDIDATE_PORT/healthz"
cat >"$tmp/gateway.yaml" <<YAML
server: { host: 127.0.0.1, port: $GATEWAY_PORT, ioThreads: 1 }
admin: { host: 127.0.0.1, port: $ADMIN_PORT }
stable: { url: "http://127.0.0.1:$STABLE_PORT", maxConnections: 64 }
candidate: { url: "http://127.0.0.1:$CANDIDATE_PORT", maxConnections: 64, timeout: 2s }
shadow: { percent: 100, maxInFlight: 64 }
rollout: { auto: false, stateFile: "$tmp/state.json", auditLog: "$tmp/audit.jsonl" }
YAML
java -Xms256m -Xmx256m -jar "$jar" run --config "$tmp/gateway.yaml" >"$tmp/gateway.log" 2>&1 &
gateway=$!
pids+=("$gateway")
wait_for "http://127.0.0.1:$ADMIN_PORT/metrics"

metric() { # name [label]: from a fresh scrape, summed over matching lines, as an integer
  curl -s "http://127.0.0.1:$ADMIN_PORT/metrics" | awk -v name="$1" -v label="${2:-}" '
    $1 ~ /^#/ { next }
    { split($1, parts, "{"); if (parts[1] != name) next
      if (label != "" && index($1, label) == 0) next
      sum += $NF }
    END { printf "%.0f", sum + 0 }'
}
outcomes() { metric shadowgate_shadow_requests_total; }
rss_mb() { awk '/^VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$gateway/status"; }
fds() { ls "/proc/$gateway/fd" | wc -l; }
threads() { awk '/^Threads/ { print $2 }' "/proc/$gateway/status"; }

echo "soak: $DURATION at paced load (wrk -c$RATE_CONNECTIONS, ${PACE_MS} ms between requests per connection), sample every $INTERVAL" >&2
PACE_MS=$PACE_MS wrk -t1 -c"$RATE_CONNECTIONS" -d"$DURATION" --latency -s "$here/paced.lua" \
  "http://127.0.0.1:$GATEWAY_PORT/score" >"$tmp/wrk.out" &
wrk_pid=$!
pids+=("$wrk_pid")
first_rss=""; first_fds=""; samples=0
start=$(date +%s)
# Each cell is its own scrape, so mid-run "ended" may run ahead of "sampled" by the requests in
# between; the identity is checked once, at the end, after the shadows in flight have ended.
echo "| t s | RSS MiB | open files | threads | shadow in flight | sampled | ended |"
echo "|---|---|---|---|---|---|---|"
while kill -0 "$wrk_pid" 2>/dev/null; do
  rss=$(rss_mb); files=$(fds)
  samples=$(( samples + 1 ))
  # The baseline is the second sample: at the first, wrk may still be opening its connections.
  (( samples != 2 )) || { first_rss=$rss; first_fds=$files; }
  echo "| $(( $(date +%s) - start )) | $rss | $files | $(threads) | $(metric shadowgate_shadow_in_flight) | $(metric shadowgate_shadow_sampled_total) | $(outcomes) |"
  sleep "$(seconds "$INTERVAL")" || true
done
wait "$wrk_pid" || true

for _ in $(seq 1 50); do [[ "$(metric shadowgate_shadow_in_flight)" == 0 ]] && break; sleep 0.1; done
sampled=$(metric shadowgate_shadow_sampled_total); ended=$(outcomes)
last_rss=$(rss_mb); last_fds=$(fds)
[[ -n "$first_fds" ]] || { echo "too short for a baseline: raise DURATION or lower INTERVAL" >&2; exit 2; }
non2xx=$(awk '/Non-2xx/ { n = $NF } END { print n + 0 }' "$tmp/wrk.out")
socket_errors=$(grep "Socket errors" "$tmp/wrk.out" || true)
echo
echo "client: $(awk '/requests in/ { print $1, "requests" }' "$tmp/wrk.out"), p50 $(awk '$1 == "50%" { print $2 }' "$tmp/wrk.out"), p99 $(awk '$1 == "99%" { print $2 }' "$tmp/wrk.out"), non-2xx $non2xx${socket_errors:+, $socket_errors}"
echo "shadow: sampled $sampled, ended $ended (compared $(metric shadowgate_shadow_requests_total 'outcome="compared"'), shed $(metric shadowgate_shadow_requests_total 'outcome="shed"'), timeout $(metric shadowgate_shadow_requests_total 'outcome="timeout"'), error $(metric shadowgate_shadow_requests_total 'outcome="error"'), skipped $(metric shadowgate_shadow_requests_total 'outcome="skipped"'))"
echo "gateway, from the second sample to the end: RSS $first_rss -> $last_rss MiB, open files $first_fds -> $last_fds"
failed=0
if [[ "$non2xx" != 0 || -n "$socket_errors" ]]; then echo "FAILED: clients saw errors"; failed=1; fi
if [[ "$sampled" != "$ended" ]]; then echo "FAILED: shadow accounting broken ($sampled sampled, $ended ended)"; failed=1; fi
if (( last_fds > first_fds + FD_SLACK )); then echo "FAILED: open files grew by $(( last_fds - first_fds ))"; failed=1; fi
(( failed == 0 )) && echo "OK"
exit "$failed"
