#!/usr/bin/env bash
# Renders grafana/render/dashboard.png from a real run: starts a Prometheus (Debian's package) on
# loopback with the shipped prometheus/prometheus.yml (target swapped to the demo's admin port,
# 1 s scrapes), runs `shadowgate demo` (a whole rollout in about a minute), then draws the
# dashboard's panels from Prometheus with render_dashboard.py (needs python3-matplotlib).
#   grafana/render/run-demo-with-prometheus.sh [good|drift|slow|errors]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
scenario="${1:-good}"
work="$(mktemp -d)"
prom_pid=""
cleanup() {
  [[ -n "$prom_pid" ]] && kill "$prom_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
admin=$(free_port); proxy=$(free_port); stable=$(free_port); candidate=$(free_port); prom=$(free_port)

sed -e "s|gateway:9090|127.0.0.1:$admin|" -e "s|scrape_interval: .*|scrape_interval: 1s|" \
    -e "s|evaluation_interval: .*|evaluation_interval: 1s|" -e "s|- rules.yaml|- $root/prometheus/rules.yaml|" \
    "$root/prometheus/prometheus.yml" > "$work/prometheus.yml"
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/data" \
  --web.listen-address="127.0.0.1:$prom" >"$work/prometheus.log" 2>&1 &
prom_pid=$!
started=$(date +%s)
# --keep-running: the gateway stays up after the verdict, so Prometheus scrapes the last transition.
"$root/shadowgate" demo --scenario "$scenario" --port "$proxy" --admin-port "$admin" \
  --model-port "$stable" --candidate-port "$candidate" --keep-running &
demo_pid=$!
until curl -s "http://127.0.0.1:$admin/metrics" 2>/dev/null \
    | grep -qE '^shadowgate_rollout_phase\{phase="(PROMOTED|ROLLED_BACK)"\} 1'; do
  kill -0 "$demo_pid" 2>/dev/null || { echo "the demo ended before a verdict" >&2; exit 1; }
  sleep 1
done
sleep 8 # a few scrapes after the verdict
minutes=$(/usr/bin/python3 -c "print(($(date +%s) - $started) / 60 + 0.1)")
kill -TERM "$demo_pid"; wait "$demo_pid" || true # (a background job ignores SIGINT)
cd "$root"
/usr/bin/python3 grafana/render/render_dashboard.py --prometheus "http://127.0.0.1:$prom" --minutes "$minutes" \
  --step 1s --rate-interval 5s --out grafana/render/dashboard.png
