#!/usr/bin/env bash
# Runs the Dockerfile by hand, without Docker (none on the build machines): the build stage's RUN
# steps in a copy of what its COPY lines take, then the runtime stage's command with its JAVA_OPTS
# and config/container.yaml against two sample models on loopback, and its HEALTHCHECK script,
# which must pass while the gateway runs and fail once it has stopped. The compose file's traffic
# loop is run for a second against the same gateway. Needs JDK 17, Maven, bash; about a minute.
#   docker/check-build.sh            # prints each step; exit 0 when all hold
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dockerfile="$root/Dockerfile"
work="$(mktemp -d)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
say() { printf '== %s\n' "$*"; }

# --- build stage: COPY and RUN lines between the first and the second FROM, in order.
say "build stage, in $work"
mkdir -p "$work/build"
stage=0
while IFS= read -r line; do
  case "$line" in
    FROM*) stage=$((stage + 1)); continue ;;
  esac
  [[ $stage == 1 ]] || continue
  case "$line" in
    COPY*)
      read -r _ from to <<<"$line"
      say "COPY $from $to"; cp -r "$root/$from" "$work/build/$to" ;;
    RUN*)
      say "${line}"; (cd "$work/build" && bash -c "${line#RUN }" </dev/null) ;;
  esac
done < "$dockerfile"
jar="$work/build/target/shadowgate.jar"
[[ -f "$jar" ]] || { echo "FAIL: the build stage made no target/shadowgate.jar" >&2; exit 1; }
say "built $(du -h "$jar" | cut -f1) $jar"

# --- runtime stage: its JAVA_OPTS, its config, its entrypoint's java command.
java_opts="$(sed -n 's/^ENV JAVA_OPTS="\([^"]*\)".*/\1/p' "$dockerfile")"
[[ -n "$java_opts" ]] || { echo "FAIL: no ENV JAVA_OPTS in the Dockerfile" >&2; exit 1; }
say "JAVA_OPTS=$java_opts"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
stable_port=$(free_port); candidate_port=$(free_port); proxy_port=$(free_port); admin_port=$(free_port)
# shellcheck disable=SC2086
java $java_opts -jar "$jar" sample-model --port "$stable_port" >"$work/stable.log" 2>&1 & pids+=($!)
# shellcheck disable=SC2086
java $java_opts -jar "$jar" sample-model --port "$candidate_port" >"$work/candidate.log" 2>&1 & pids+=($!)
# The container config with the image's state folder moved into the scratch folder.
sed "s|/var/lib/shadowgate|$work/state|" "$root/config/container.yaml" > "$work/shadowgate.yaml"
mkdir -p "$work/state"
export MODEL_URL="http://127.0.0.1:$stable_port" CANDIDATE_URL="http://127.0.0.1:$candidate_port"
export SHADOWGATE_PORT=$proxy_port SHADOWGATE_ADMIN_PORT=$admin_port SHADOWGATE_ADMIN_TOKEN=check
# The entrypoint's command line, from the Dockerfile's CMD with the config path swapped.
# shellcheck disable=SC2086
java $java_opts -jar "$jar" run --config "$work/shadowgate.yaml" >"$work/gateway.log" 2>&1 & gateway=$!; pids+=($gateway)

healthy=""
for _ in $(seq 1 60); do
  if "$root/docker/healthcheck.sh" 2>/dev/null; then healthy=yes; break; fi
  sleep 0.5
done
[[ -n "$healthy" ]] || { echo "FAIL: HEALTHCHECK never passed; gateway log:" >&2; cat "$work/gateway.log" >&2; exit 1; }
say "HEALTHCHECK passes against the running gateway (admin port $admin_port)"

# The compose file's traffic loop (its \$\$ are compose's escape for \$), for a few seconds.
loop="$(python3 - "$root/docker-compose.yaml" <<'PY'
import sys, yaml
print(yaml.safe_load(open(sys.argv[1]))["services"]["traffic"]["command"][0].replace("$$", "$"))
PY
)"
loop="${loop//http:\/\/gateway:8080/http://127.0.0.1:$proxy_port}"
timeout 3 sh -c "$loop" || true
answered=$(curl -s "http://127.0.0.1:$admin_port/metrics" | awk '/^shadowgate_requests_total\{.*role="primary".*status="2xx".*upstream="stable"/ {print $2}')
say "compose traffic loop: stable answered ${answered:-0} requests with 2xx"
[[ "${answered%.*}" -gt 0 ]] || { echo "FAIL: the traffic loop got no 2xx answers" >&2; exit 1; }
grep -q '"formattedMessage":"proxy listening' "$work/gateway.log" \
  || { echo "FAIL: the container config should log JSON lines" >&2; head -5 "$work/gateway.log" >&2; exit 1; }
say "logs are JSON lines"

kill -TERM "$gateway"
wait "$gateway" && say "gateway exited 0 on SIGTERM" || { echo "FAIL: gateway exit code $? on SIGTERM" >&2; exit 1; }
if "$root/docker/healthcheck.sh" 2>/dev/null; then echo "FAIL: HEALTHCHECK passes with the gateway stopped" >&2; exit 1; fi
say "HEALTHCHECK fails once the gateway has stopped"
say "OK"
