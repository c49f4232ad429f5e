#!/usr/bin/env bash
# The benchmark trend: runs `./fleetsim bench` (arguments after `--` go to it), takes its
# machine-readable `fleetsim-bench ...` line and compares the CPU time of the simulating thread
# (cpu_s, the best of the repeats) with the last line recorded in bench/trend.txt for the same
# settings (jobs, gpus, load, oversubscription, policy, seed, network). More than 20 % slower is
# a regression: the script says so and exits 1. A changed event count or makespan is reported
# too (the results moved, which a performance change must not do).
#
#   bench/trend.sh                       # compare only
#   bench/trend.sh --record              # compare, then append this run to bench/trend.txt
#   bench/trend.sh --record -- --network analytic --repeat 5
#   bench/trend.sh --line 'fleetsim-bench v=1 ...'   # compare a line already measured
#
# CPU time rather than wall time because the machines are shared: wall time measures their load.
# A 20 % threshold is about twice the run-to-run spread of cpu_s on a loaded 2-core machine; use
# --repeat 3 or more (the default here) so the best of the repeats is compared.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
history="${FLEETSIM_TREND_FILE:-$root/bench/trend.txt}"
threshold="${FLEETSIM_TREND_THRESHOLD:-1.20}"
record=0
line=""
bench_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --record) record=1; shift ;;
    --line) line="$2"; shift 2 ;;
    --) shift; bench_args=("$@"); break ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) echo "trend.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done

if [ -z "$line" ]; then
  has_repeat=0
  for a in ${bench_args[@]+"${bench_args[@]}"}; do [ "$a" = "--repeat" ] && has_repeat=1; done
  [ "$has_repeat" = 1 ] || bench_args+=(--repeat 3)
  out="$("$root/fleetsim" bench ${bench_args[@]+"${bench_args[@]}"} 2>/dev/null)"
  printf '%s\n' "$out"
  line="$(printf '%s\n' "$out" | grep '^fleetsim-bench ' | tail -n 1)"
  if [ -z "$line" ]; then
    echo "trend.sh: fleetsim bench printed no fleetsim-bench line" >&2
    exit 2
  fi
fi

field() { printf '%s\n' "$1" | tr ' ' '\n' | sed -n "s/^$2=//p" | head -n 1; }
key_of() {
  local k=""
  for f in v jobs gpus load oversubscription policy seed network; do k="$k $f=$(field "$1" "$f")"; done
  printf '%s' "${k# }"
}

key="$(key_of "$line")"
last=""
if [ -f "$history" ]; then
  while IFS= read -r old; do
    case "$old" in fleetsim-bench*) [ "$(key_of "$old")" = "$key" ] && last="$old" ;; esac
  done < "$history"
fi

status=0
if [ -z "$last" ]; then
  echo "trend: no earlier record for $key"
else
  new_cpu="$(field "$line" cpu_s)"; old_cpu="$(field "$last" cpu_s)"
  ratio="$(awk -v a="$new_cpu" -v b="$old_cpu" 'BEGIN { printf "%.3f", a / b }')"
  echo "trend: cpu_s $new_cpu against $old_cpu recorded ($(field "$last" date) $(field "$last" commit)): ratio $ratio"
  if awk -v r="$ratio" -v t="$threshold" 'BEGIN { exit !(r > t) }'; then
    echo "trend: REGRESSION: more than $(awk -v t="$threshold" 'BEGIN { printf "%.0f", (t - 1) * 100 }') % slower than the last record"
    status=1
  fi
  for f in events makespan_days; do
    if [ "$(field "$line" $f)" != "$(field "$last" $f)" ]; then
      echo "trend: RESULTS CHANGED: $f $(field "$line" $f), recorded $(field "$last" $f)"
      status=1
    fi
  done
fi

if [ "$record" = 1 ]; then
  commit="$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
  printf '%s date=%s commit=%s\n' "$line" "$(date -u +%Y-%m-%dT%H:%MZ)" "$commit" >> "$history"
  echo "trend: recorded in $history"
fi
exit $status
