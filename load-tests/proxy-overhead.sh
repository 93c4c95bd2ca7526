#!/usr/bin/env bash
# Proxy overhead on this machine: the sample model measured directly, behind nginx (plain
# keep-alive reverse proxy) and behind shadowgate, with the same load, in one run.
#
#   load-tests/proxy-overhead.sh            # needs wrk; nginx-light is optional
#   DURATION=10s CONNECTIONS=32 ROUNDS=3 load-tests/proxy-overhead.sh
#
# Closed loop (wrk, fixed connections): requests/s, p50, p99, median over ROUNDS.
# Fixed load (wrk with paced connections, about half of nginx's throughput): p50 above direct.
# Install the tools with: apt-get install -y wrk nginx-light
# Traffic goes to 127.0.0.1 only.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-32}
ROUNDS=${ROUNDS:-3}
WARMUP=${WARMUP:-10s}
PROXY_THREADS=${PROXY_THREADS:-1}
MODEL_PORT=${MODEL_PORT:-19101}
GATEWAY_PORT=${GATEWAY_PORT:-18080}
ADMIN_PORT=${ADMIN_PORT:-19090}
NGINX_PORT=${NGINX_PORT:-18081}

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 2; }
"$root/shadowgate" --version >/dev/null # builds the jar when needed
jar="$root/target/shadowgate.jar"
tmp="$(mktemp -d)"
pids=()
. "$here/common.sh"
trap cleanup EXIT


java -jar "$jar" sample-model --port "$MODEL_PORT" --threads 1 >"$tmp/model.log" 2>&1 &
pids+=($!)
cat >"$tmp/gateway.yaml" <<YAML
server: { host: 127.0.0.1, port: $GATEWAY_PORT, ioThreads: $PROXY_THREADS }
admin: { host: 127.0.0.1, port: $ADMIN_PORT }
stable: { url: "http://127.0.0.1:$MODEL_PORT", maxConnections: 64 }
YAML
java -Xms256m -Xmx256m -jar "$jar" run --config "$tmp/gateway.yaml" >"$tmp/gateway.log" 2>&1 &
pids+=($!)
targets=("direct http://127.0.0.1:$MODEL_PORT/score" "shadowgate http://127.0.0.1:$GATEWAY_PORT/score")
if command -v nginx >/dev/null; then
  sed -e "s|@TMP@|$tmp|g" -e "s|@MODEL_PORT@|$MODEL_PORT|g" -e "s|@NGINX_PORT@|$NGINX_PORT|g" \
    "$here/nginx.conf.template" >"$tmp/nginx.conf"
  nginx -p "$tmp" -c "$tmp/nginx.conf" &
  pids+=($!)
  targets=("direct http://127.0.0.1:$MODEL_PORT/score" "nginx http://127.0.0.1:$NGINX_PORT/score"
           "shadowgate http://127.0.0.1:$GATEWAY_PORT/score")
else
  echo "(nginx not installed: apt-get install -y nginx-light for the nginx baseline)" >&2
fi
for target in "${targets[@]}"; do wait_for "${target#* }"; done


echo "warming up each target for $WARMUP ..." >&2
for target in "${targets[@]}"; do
  wrk -t1 -c"$CONNECTIONS" -d"$WARMUP" -s "$here/score.lua" "${target#* }" >/dev/null
done

declare -A rps p50 p99
for round in $(seq 1 "$ROUNDS"); do
  for target in "${targets[@]}"; do
    name="${target%% *}"
    out="$(wrk -t1 -c"$CONNECTIONS" -d"$DURATION" --latency -s "$here/score.lua" "${target#* }")"
    if grep -q "Non-2xx" <<<"$out"; then echo "$name answered errors:" >&2; echo "$out" >&2; exit 1; fi
    rps[$name]+="$(awk '/Requests\/sec/ { print $2 }' <<<"$out") "
    p50[$name]+="$(to_ms "$(awk '$1 == "50%" { print $2 }' <<<"$out")") "
    p99[$name]+="$(to_ms "$(awk '$1 == "99%" { print $2 }' <<<"$out")") "
    echo "round $round $name: $(awk '/Requests\/sec/ { print $2 }' <<<"$out") req/s" >&2
  done
done

echo
echo "Closed loop: wrk -t1 -c$CONNECTIONS -d$DURATION, POST /score (~120 B), median of $ROUNDS rounds;"
echo "shadowgate with $PROXY_THREADS I/O thread(s), nginx with 1 worker, sample model with 1 thread."
echo
printf "| %-10s | %10s | %8s | %8s |\n" path "requests/s" "p50 ms" "p99 ms"
printf "|%s|%s|%s|%s|\n" "------------" "------------" "----------" "----------"
for target in "${targets[@]}"; do
  name="${target%% *}"
  printf "| %-10s | %10.0f | %8.3f | %8.3f |\n" "$name" "$(med "${rps[$name]}")" "$(med "${p50[$name]}")" "$(med "${p99[$name]}")"
done
echo
sg=$(med "${rps[shadowgate]}"); direct=$(med "${rps[direct]}")
echo "| ratio | requests/s | p50 | p99 |"
echo "|---|---|---|---|"
echo "| shadowgate / direct | $(ratio "$sg" "$direct") | $(ratio "$(med "${p50[shadowgate]}")" "$(med "${p50[direct]}")") | $(ratio "$(med "${p99[shadowgate]}")" "$(med "${p99[direct]}")") |"
if [[ -n "${rps[nginx]:-}" ]]; then
  echo "| shadowgate / nginx | $(ratio "$sg" "$(med "${rps[nginx]}")") | $(ratio "$(med "${p50[shadowgate]}")" "$(med "${p50[nginx]}")") | $(ratio "$(med "${p99[shadowgate]}")" "$(med "${p99[nginx]}")") |"
fi

# Fixed moderate load: every connection paced (load-tests/paced.lua) so that the offered rate is
# about half of nginx's closed-loop throughput; all three paths get the same pacing.
base=$(med "${rps[nginx]:-${rps[direct]}}")
rate=$(awk -v r="$base" 'BEGIN { printf "%d", r / 2 }')
# The wait after each answer, leaving about 0.5 ms for the answer itself.
pace=$(awk -v r="$rate" -v c="$CONNECTIONS" 'BEGIN { p = c * 1000 / r - 0.5; if (p < 1) p = 1; printf "%.2f", p }')
declare -A orps o50 o99
for round in $(seq 1 "$ROUNDS"); do
  for target in "${targets[@]}"; do
    name="${target%% *}"
    out="$(PACE_MS=$pace wrk -t1 -c"$CONNECTIONS" -d"$DURATION" --latency -s "$here/paced.lua" "${target#* }")"
    if grep -q "Non-2xx" <<<"$out"; then echo "$name answered errors:" >&2; echo "$out" >&2; exit 1; fi
    orps[$name]+="$(awk '/Requests\/sec/ { print $2 }' <<<"$out") "
    o50[$name]+="$(to_ms "$(awk '$1 == "50%" { print $2 }' <<<"$out")") "
    o99[$name]+="$(to_ms "$(awk '$1 == "99%" { print $2 }' <<<"$out")") "
  done
done
echo
echo "Fixed load: each of $CONNECTIONS connections waits $pace ms after every answer (target about $rate requests/s,"
echo "half of nginx's closed-loop throughput), median of $ROUNDS rounds of $DURATION:"
echo
echo "| path | achieved requests/s | p50 ms | p99 ms | p50 above direct |"
echo "|---|---|---|---|---|"
d50=$(med "${o50[direct]}")
for target in "${targets[@]}"; do
  name="${target%% *}"
  m50=$(med "${o50[$name]}")
  printf "| %s | %.0f | %.3f | %.3f | %+.3f ms |\n" "$name" "$(med "${orps[$name]}")" "$m50" "$(med "${o99[$name]}")" \
    "$(awk -v a="$m50" -v b="$d50" 'BEGIN { print a - b }')"
done
