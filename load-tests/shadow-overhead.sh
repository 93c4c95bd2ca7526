#!/usr/bin/env bash
# Shadow overhead on this machine, in one run: what mirroring every request to a candidate costs
# the client, with nginx's mirror module and with shadowgate, for a fast candidate and for one
# that answers SHADOW_LATENCY (200 ms) late.
#
#   load-tests/shadow-overhead.sh           # needs wrk and nginx (apt-get install -y wrk nginx-light)
#   DURATION=10s CONNECTIONS=32 ROUNDS=3 load-tests/shadow-overhead.sh
#
# Paths, each driven closed loop by wrk (POST /score, score.lua), median of ROUNDS rounds:
#   direct                 the stable sample model
#   nginx                  nginx proxy_pass to stable, keep-alive upstream
#   nginx+mirror fast      the same plus `mirror` (ngx_http_mirror_module) to the fast candidate
#   nginx+mirror 200ms     the same, candidate delayed by SHADOW_LATENCY
#   shadowgate fast        shadow.percent 100, comparison on, fast candidate
#   shadowgate 200ms       the same, candidate delayed by SHADOW_LATENCY (gateway restarted)
# Stable, fast candidate and slow candidate are three sample-model processes with one thread
# each. After each shadowgate run the shadow outcomes of the measured rounds are read from the
# admin /metrics (after the shadows still in flight have ended), so the table says how many
# mirrored requests were compared and how many were shed, timed out or failed.
# Traffic goes to 127.0.0.1 only.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-32}
ROUNDS=${ROUNDS:-3}
# Every target gets the same warm-up. 30 s because the gateway with mirroring on JIT-compiles far
# more code (async-http-client, the comparison) than without: on a 2-core machine its closed-loop
# throughput was still climbing after 20 s of load (1.4k, 2.5k, 3.3k, 5.9k, 7.7k req/s in 5 s steps).
WARMUP=${WARMUP:-30s}
PROXY_THREADS=${PROXY_THREADS:-1}
SHADOW_LATENCY=${SHADOW_LATENCY:-200ms}
MAX_IN_FLIGHT=${MAX_IN_FLIGHT:-256}
CANDIDATE_CONNECTIONS=${CANDIDATE_CONNECTIONS:-64}
CANDIDATE_TIMEOUT=${CANDIDATE_TIMEOUT:-10s}
# Ports: none of them is one proxy-overhead.sh uses (18080, 18081, 19090, 19101).
STABLE_PORT=${STABLE_PORT:-19201}
FAST_PORT=${FAST_PORT:-19202}
SLOW_PORT=${SLOW_PORT:-19203}
NGINX_PORT=${NGINX_PORT:-18281}
MIRROR_FAST_PORT=${MIRROR_FAST_PORT:-18282}
MIRROR_SLOW_PORT=${MIRROR_SLOW_PORT:-18283}
GATEWAY_FAST_PORT=${GATEWAY_FAST_PORT:-18284}
ADMIN_FAST_PORT=${ADMIN_FAST_PORT:-19284}
GATEWAY_SLOW_PORT=${GATEWAY_SLOW_PORT:-18285}
ADMIN_SLOW_PORT=${ADMIN_SLOW_PORT:-19285}

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 2; }
command -v nginx >/dev/null || { echo "nginx is missing: apt-get install -y nginx-light" >&2; exit 2; }
command -v curl >/dev/null || { echo "curl is missing: apt-get install -y curl" >&2; exit 2; }
"$root/shadowgate" --version >/dev/null # builds the jar when needed
jar="$root/target/shadowgate.jar"
body="$(sed -n "s/^wrk.body = '\(.*\)'$/\1/p" "$here/score.lua")"
[[ -n "$body" ]] || { echo "cannot read the request body from $here/score.lua" >&2; exit 2; }
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
tmp="$(mktemp -d)"
pids=()
. "$here/common.sh"
trap cleanup EXIT

check_2xx() { # name url: one scoring request must answer 2xx
  local code
  code="$(curl -s -o "$tmp/answer" -w '%{http_code}' -X POST -H 'Content-Type: application/json' --data "$body" "$2" || true)"
  if [[ "$code" != 2?? ]]; then
    echo "$1 ($2) answered HTTP $code to POST /score, not 2xx:" >&2
    cat "$tmp/answer" >&2 2>/dev/null || true; echo >&2
    exit 1
  fi
}

model() { # port log [sample-model options]
  local port="$1" log="$2"; shift 2
  java -jar "$jar" sample-model --port "$port" --threads 1 "$@" >"$log" 2>&1 &
  pids+=($!)
}
model "$STABLE_PORT" "$tmp/stable.log" --variant v1
model "$FAST_PORT" "$tmp/fast.log" --variant v2
model "$SLOW_PORT" "$tmp/slow.log" --variant v2 --latency "$SHADOW_LATENCY"

sed -e "s|@TMP@|$tmp|g" -e "s|@STABLE_PORT@|$STABLE_PORT|g" -e "s|@FAST_PORT@|$FAST_PORT|g" \
  -e "s|@SLOW_PORT@|$SLOW_PORT|g" -e "s|@NGINX_PORT@|$NGINX_PORT|g" -e "s|@MIRROR_FAST_PORT@|$MIRROR_FAST_PORT|g" \
  -e "s|@MIRROR_SLOW_PORT@|$MIRROR_SLOW_PORT|g" -e "s|@CANDIDATE_TIMEOUT@|$CANDIDATE_TIMEOUT|g" \
  "$here/nginx-mirror.conf.template" >"$tmp/nginx.conf"
nginx -t -q -p "$tmp" -c "$tmp/nginx.conf" 2>"$tmp/nginx-t.log" \
  || { echo "nginx rejects the mirror configuration (is ngx_http_mirror_module built in?):" >&2; cat "$tmp/nginx-t.log" >&2; exit 2; }
nginx -p "$tmp" -c "$tmp/nginx.conf" &
pids+=($!)

gateway_config() { # file port admin-port candidate-port
  cat >"$1" <<YAML
server: { host: 127.0.0.1, port: $2, ioThreads: $PROXY_THREADS }
admin: { host: 127.0.0.1, port: $3 }
stable: { url: "http://127.0.0.1:$STABLE_PORT", maxConnections: 64 }
candidate: { url: "http://127.0.0.1:$4", maxConnections: $CANDIDATE_CONNECTIONS, timeout: $CANDIDATE_TIMEOUT }
shadow: { percent: 100, maxInFlight: $MAX_IN_FLIGHT }
compare: { predictions: auto }
YAML
}
gateway_config "$tmp/gateway-fast.yaml" "$GATEWAY_FAST_PORT" "$ADMIN_FAST_PORT" "$FAST_PORT"
gateway_config "$tmp/gateway-slow.yaml" "$GATEWAY_SLOW_PORT" "$ADMIN_SLOW_PORT" "$SLOW_PORT"
gateway_pid=""
start_gateway() { # config admin-port
  java -Xms256m -Xmx256m -jar "$jar" run --config "$1" >"${1%.yaml}.log" 2>&1 &
  gateway_pid=$!
  pids+=("$gateway_pid")
  wait_for "http://127.0.0.1:$2/metrics"
}
stop_gateway() {
  kill "$gateway_pid" 2>/dev/null || true
  wait "$gateway_pid" 2>/dev/null || true
}

metric() { # file name [outcome/result label]: the value as an integer, 0 when absent
  awk -v name="$2" -v label="${3:-}" '
    $1 ~ /^#/ { next }
    { split($1, parts, "{"); if (parts[1] != name) next
      if (label != "" && index($1, label) == 0) next
      sum += $NF }
    END { printf "%.0f", sum + 0 }' "$1"
}
scrape() { curl -s "http://127.0.0.1:$1/metrics" >"$2"; }
drain() { # admin-port: wait until no shadow request is in flight (at most the candidate timeout and 5 s)
  local limit value
  limit=$(( $(awk -v t="$CANDIDATE_TIMEOUT" 'BEGIN { n = t + 0; if (t ~ /ms$/) n /= 1000; else if (t ~ /m$/) n *= 60; printf "%d", n }') * 10 + 50 ))
  for _ in $(seq 1 "$limit"); do
    scrape "$1" "$tmp/drain.prom"
    value="$(metric "$tmp/drain.prom" shadowgate_shadow_in_flight)"
    if [[ "$value" == 0 ]]; then return 0; fi
    sleep 0.1
  done
  echo "(shadow requests still in flight after ${limit}00 ms: $value)" >&2
}


declare -A rps p50 p99 sent closed
socket_errors=""
measure() { # name url: warm up, then ROUNDS rounds
  local name="$1" url="$2" out
  check_2xx "$name" "$url"
  echo "$name: warming up for $WARMUP ..." >&2
  out="$(wrk -t1 -c"$CONNECTIONS" -d"$WARMUP" -s "$here/score.lua" "$url")"
  if grep -q "Non-2xx" <<<"$out"; then echo "$name answered errors while warming up:" >&2; echo "$out" >&2; exit 1; fi
  [[ -z "${after_warmup:-}" ]] || "$after_warmup"
  for round in $(seq 1 "$ROUNDS"); do
    out="$(wrk -t1 -c"$CONNECTIONS" -d"$DURATION" --latency -s "$here/score.lua" "$url")"
    if grep -q "Non-2xx" <<<"$out"; then echo "$name answered errors:" >&2; echo "$out" >&2; exit 1; fi
    rps[$name]+="$(awk '/Requests\/sec/ { print $2 }' <<<"$out") "
    p50[$name]+="$(to_ms "$(awk '$1 == "50%" { print $2 }' <<<"$out")") "
    p99[$name]+="$(to_ms "$(awk '$1 == "99%" { print $2 }' <<<"$out")") "
    sent[$name]=$(( ${sent[$name]:-0} + $(awk '/requests in/ { print $1 }' <<<"$out") ))
    if grep -q "Socket errors" <<<"$out"; then
      socket_errors+="- $name, round $round: $(grep "Socket errors" <<<"$out" | sed 's/^ *//')"$'\n'
    fi
    echo "round $round $name: $(awk '/Requests\/sec/ { print $2 }' <<<"$out") req/s" >&2
  done
}

wait_for "http://127.0.0.1:$STABLE_PORT/healthz"
wait_for "http://127.0.0.1:$FAST_PORT/healthz"
wait_for "http://127.0.0.1:$SLOW_PORT/healthz"
for port in "$NGINX_PORT" "$MIRROR_FAST_PORT" "$MIRROR_SLOW_PORT"; do wait_for "http://127.0.0.1:$port/healthz"; done
check_2xx "fast candidate" "http://127.0.0.1:$FAST_PORT/score"
check_2xx "slow candidate" "http://127.0.0.1:$SLOW_PORT/score"

after_warmup=""
measure direct "http://127.0.0.1:$STABLE_PORT/score"
measure nginx "http://127.0.0.1:$NGINX_PORT/score"
# Connections to a candidate closed by their client and still in TIME-WAIT: a rough count of how
# many connections the mirror opened (a kept-alive pool leaves next to none). Kernels that reuse
# TIME-WAIT ports on loopback (tcp_tw_reuse=2) make this a lower bound.
time_wait() { ss -tan state time-wait "( dport = :$1 )" 2>/dev/null | tail -n +2 | wc -l; }
measure "nginx+mirror-fast" "http://127.0.0.1:$MIRROR_FAST_PORT/score"
closed[nginx+mirror-fast]=$(time_wait "$FAST_PORT")
sleep 1
measure "nginx+mirror-slow" "http://127.0.0.1:$MIRROR_SLOW_PORT/score"
closed[nginx+mirror-slow]=$(time_wait "$SLOW_PORT")
sleep 1

declare -A outcomes peak
sampler=""
shadowgate_run() { # name config gateway-port admin-port
  local name="$1" admin="$4"
  start_gateway "$2" "$admin"
  wait_for "http://127.0.0.1:$3/healthz"
  # After the warm-up: let its shadows end, read the counters, then sample the in-flight gauge once
  # a second while the rounds run (the peak tells the in-flight bound from a full connection pool).
  snapshot() {
    drain "$admin"; scrape "$admin" "$tmp/$name-before.prom"
    while true; do
      curl -s "http://127.0.0.1:$admin/metrics" | awk '/^shadowgate_shadow_in_flight / { printf "%.0f\n", $2 }'
      sleep 1
    done >"$tmp/$name-in-flight" &
    sampler=$!
    pids+=("$sampler")
  }
  after_warmup=snapshot
  measure "$name" "http://127.0.0.1:$3/score"
  after_warmup=""
  kill "$sampler" 2>/dev/null || true
  wait "$sampler" 2>/dev/null || true
  peak[$name]=$(sort -n "$tmp/$name-in-flight" | tail -1)
  drain "$admin"
  scrape "$admin" "$tmp/$name-after.prom"
  local row="" value
  for key in sampled compared shed timeout error skipped match mismatch; do
    case "$key" in
      sampled) value=$(( $(metric "$tmp/$name-after.prom" shadowgate_shadow_sampled_total) \
                        - $(metric "$tmp/$name-before.prom" shadowgate_shadow_sampled_total) )) ;;
      match|mismatch) value=$(( $(metric "$tmp/$name-after.prom" shadowgate_comparisons_total "result=\"$key\"") \
                               - $(metric "$tmp/$name-before.prom" shadowgate_comparisons_total "result=\"$key\"") )) ;;
      *) value=$(( $(metric "$tmp/$name-after.prom" shadowgate_shadow_requests_total "outcome=\"$key\"") \
                  - $(metric "$tmp/$name-before.prom" shadowgate_shadow_requests_total "outcome=\"$key\"") )) ;;
    esac
    row+="$value "
  done
  outcomes[$name]="$row"
  stop_gateway
}
tw_fast=$(time_wait "$FAST_PORT")
shadowgate_run "shadowgate-fast" "$tmp/gateway-fast.yaml" "$GATEWAY_FAST_PORT" "$ADMIN_FAST_PORT"
closed[shadowgate-fast]=$(( $(time_wait "$FAST_PORT") - tw_fast )); (( closed[shadowgate-fast] >= 0 )) || closed[shadowgate-fast]=0
sleep 1
tw_slow=$(time_wait "$SLOW_PORT")
shadowgate_run "shadowgate-slow" "$tmp/gateway-slow.yaml" "$GATEWAY_SLOW_PORT" "$ADMIN_SLOW_PORT"
closed[shadowgate-slow]=$(( $(time_wait "$SLOW_PORT") - tw_slow )); (( closed[shadowgate-slow] >= 0 )) || closed[shadowgate-slow]=0

targets=(direct nginx nginx+mirror-fast nginx+mirror-slow shadowgate-fast shadowgate-slow)
label() {
  case "$1" in
    direct) echo "direct (stable model)" ;;
    nginx) echo "nginx" ;;
    nginx+mirror-fast) echo "nginx + mirror, fast candidate" ;;
    nginx+mirror-slow) echo "nginx + mirror, $SHADOW_LATENCY candidate" ;;
    shadowgate-fast) echo "shadowgate + shadow, fast candidate" ;;
    shadowgate-slow) echo "shadowgate + shadow, $SHADOW_LATENCY candidate" ;;
  esac
}
echo
echo "Closed loop: wrk -t1 -c$CONNECTIONS -d$DURATION, POST /score (~120 B), median of $ROUNDS rounds after $WARMUP warm-up;"
echo "every request mirrored (nginx: mirror module, answer discarded; shadowgate: shadow.percent 100, compared);"
echo "shadowgate with $PROXY_THREADS I/O thread(s), maxInFlight $MAX_IN_FLIGHT, $CANDIDATE_CONNECTIONS candidate connections;"
echo "nginx with 1 worker; stable, fast and $SHADOW_LATENCY candidate each a sample model with 1 thread."
echo "$(nproc) cores; load average before the run: $load_before."
echo
printf "| %-38s | %10s | %8s | %8s |\n" path "requests/s" "p50 ms" "p99 ms"
printf "|%s|%s|%s|%s|\n" "----------------------------------------" "------------" "----------" "----------"
for name in "${targets[@]}"; do
  printf "| %-38s | %10.0f | %8.3f | %8.3f |\n" "$(label "$name")" "$(med "${rps[$name]}")" "$(med "${p50[$name]}")" "$(med "${p99[$name]}")"
done
echo
ratios() { # name a b target-text: a row of requests/s, p50 and p99 ratios
  echo "| $1 | $(ratio "$(med "${rps[$2]}")" "$(med "${rps[$3]}")") | $(ratio "$(med "${p50[$2]}")" "$(med "${p50[$3]}")") | $(ratio "$(med "${p99[$2]}")" "$(med "${p99[$3]}")") | $4 |"
}
verdict() { # value op bound
  awk -v v="$1" -v op="$2" -v b="$3" 'BEGIN { ok = (op == ">=") ? v >= b : v <= b; printf "%s %s: %s", op, b, ok ? "met" : "MISSED" }'
}
sg_over_nginx=$(ratio "$(med "${rps[shadowgate-fast]}")" "$(med "${rps[nginx+mirror-fast]}")")
sg_slow_p99=$(ratio "$(med "${p99[shadowgate-slow]}")" "$(med "${p99[shadowgate-fast]}")")
echo "| ratio | requests/s | p50 | p99 | target |"
echo "|---|---|---|---|---|"
ratios "shadowgate+shadow / nginx+mirror, fast candidate" shadowgate-fast nginx+mirror-fast \
  "requests/s $(verdict "$sg_over_nginx" ">=" 2)"
ratios "shadowgate+shadow / nginx+mirror, $SHADOW_LATENCY candidate" shadowgate-slow nginx+mirror-slow ""
ratios "shadowgate: $SHADOW_LATENCY candidate / fast candidate" shadowgate-slow shadowgate-fast \
  "p99 $(verdict "$sg_slow_p99" "<=" 1.1)"
ratios "nginx+mirror: $SHADOW_LATENCY candidate / fast candidate" nginx+mirror-slow nginx+mirror-fast ""
ratios "shadowgate+shadow (fast) / direct" shadowgate-fast direct ""
ratios "shadowgate+shadow (fast) / nginx" shadowgate-fast nginx ""
echo
echo "Shadow outcomes of shadowgate's measured rounds (admin /metrics, after in-flight shadows ended;"
echo "sampled = compared + shed + timeout + error + skipped; match/mismatch split the compared ones,"
echo "the candidate being variant v2 of the model; client requests are the answers wrk counted, so"
echo "sampled also holds up to $CONNECTIONS requests a round that were in flight when wrk stopped; peak in"
echo "flight is the highest of shadowgate_shadow_in_flight read once a second, against maxInFlight $MAX_IN_FLIGHT:"
echo "shed counts both a full in-flight bound and a full candidate connection pool ($CANDIDATE_CONNECTIONS))."
echo
echo "| run | client requests | sampled | compared | shed | timeout | error | skipped | compared/s | match | mismatch | peak in flight |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
seconds=$(awk -v d="$DURATION" -v r="$ROUNDS" 'BEGIN { n = d + 0; if (d ~ /ms$/) n /= 1000; else if (d ~ /m$/) n *= 60; else if (d ~ /h$/) n *= 3600; print n * r }')
for name in shadowgate-fast shadowgate-slow; do
  read -r sampled compared shed timeout error skipped match mismatch <<<"${outcomes[$name]}"
  printf "| %s | %d | %d | %d (%.1f%%) | %d (%.1f%%) | %d | %d | %d | %.0f | %d | %d | %s |\n" "$(label "$name")" "${sent[$name]}" \
    "$sampled" "$compared" "$(awk -v a="$compared" -v b="$sampled" 'BEGIN { print b ? 100 * a / b : 0 }')" \
    "$shed" "$(awk -v a="$shed" -v b="$sampled" 'BEGIN { print b ? 100 * a / b : 0 }')" "$timeout" "$error" "$skipped" \
    "$(awk -v a="$compared" -v s="$seconds" 'BEGIN { print a / s }')" "$match" "$mismatch" "${peak[$name]:-?}"
done
echo
echo "Connections to the candidate in TIME-WAIT after each mirroring run (opened and closed by the"
echo "mirror; nginx's mirror module reads only the head of the candidate's answer and then closes the"
echo "connection, so its \`keepalive\` pool is never reused; shadowgate's count includes its own shutdown):"
echo
for name in nginx+mirror-fast nginx+mirror-slow shadowgate-fast shadowgate-slow; do
  echo "- $(label "$name"): ${closed[$name]}"
done
if [[ -n "$socket_errors" ]]; then
  echo
  echo "wrk socket errors (not in the latency figures):"
  printf "%s" "$socket_errors"
fi
if [[ -s "$tmp/nginx-error.log" ]]; then
  echo
  echo "nginx error log: $(wc -l <"$tmp/nginx-error.log") line(s), e.g. $(head -1 "$tmp/nginx-error.log")"
fi
