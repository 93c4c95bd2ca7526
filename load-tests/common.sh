# Shared by the load-test scripts (sourced, not run): process cleanup, waiting for a server,
# and reading wrk's numbers. Expects $tmp to be set and `pids` to be an array.

cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$tmp"
}

wait_for() { # url
  for _ in $(seq 1 300); do # JVMs start slowly on a busy machine
    if curl -s -o /dev/null "$1"; then return 0; fi
    sleep 0.1
  done
  echo "nothing answers at $1" >&2; exit 1
}

to_ms() { # wrk latency such as 712.00us, 1.46ms, 1.02s
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n = n; else if (v ~ /s$/) n *= 1000; printf "%.3f", n }'
}
median() { sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
med() { tr ' ' '\n' <<<"$1" | sed '/^$/d' | median; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
