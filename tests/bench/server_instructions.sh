#!/usr/bin/env bash
# Server cost per call in CPU instructions: advisor_server against the bare
# echo server, counted with valgrind's callgrind.
#
#   tests/bench/server_instructions.sh [--calls N] [--rpcs LIST] [--keep DIR] [BUILD_DIR]
#
# Unlike QPS, an instruction count does not depend on what else the machine
# runs, so this gives stable numbers on a shared or noisy machine. When the
# server's CPU is the bottleneck, QPS relative to echo is about the inverse
# of the instruction ratio printed here (instructions are not cycles: cache
# misses and system calls count differently, so treat it as an estimate).
#
# Each server runs under callgrind with collection off; for every RPC the
# script makes 300 warmup calls, then switches collection on for N calls
# (default 2000; concurrency 16) and divides the instructions by N.
#
# Options:
#   --calls N     measured calls per RPC (default 2000)
#   --rpcs LIST   space-separated subset of the RPCs (see rpc_requests.sh)
#   --keep DIR    keep the callgrind profiles there (one per RPC), for
#                 callgrind_annotate --inclusive=yes DIR/advisor_GetFramework.out
#
# Exit status: 0 when every count was taken; 1 otherwise; 2 for bad usage.

set -euo pipefail

calls=2000
rpcs=""
keep_dir=""
build_dir="${BUILD_DIR:-./build}"
while (($#)); do
  case "$1" in
    --calls) calls="$2"; shift 2 ;;
    --rpcs) rpcs="$2"; shift 2 ;;
    --keep) keep_dir="$2"; shift 2 ;;
    -h|--help) sed -n '2,/^$/p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
    -*) echo "server_instructions.sh: unknown option $1" >&2; exit 2 ;;
    *) build_dir="$1"; shift ;;
  esac
done

# shellcheck source=tests/bench/rpc_requests.sh
source "$(dirname "$0")/rpc_requests.sh"
rpcs="${rpcs:-$all_rpcs}"
server_bin="$(find_binary "$build_dir" advisor_server service/server/advisor_server)" || exit 2
echo_bin="$(find_binary "$build_dir" advisor_echo_server tests/bench/advisor_echo_server)" || exit 2
load_bin="$(find_binary "$build_dir" advisor_load tests/bench/advisor_load)" || exit 2
for tool in valgrind callgrind_control; do
  command -v "$tool" >/dev/null || { echo "server_instructions.sh: $tool is not installed" >&2; exit 2; }
done

work_dir="$(mktemp -d "${TMPDIR:-/tmp}/server_instructions.XXXXXX")"
server_pid=""
cleanup() {
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work_dir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# start_server NAME BINARY: under callgrind, collection off.
start_server() {
  local name="$1" binary="$2"
  valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file="$work_dir/$name.out" \
    "$binary" --host=127.0.0.1 --port=0 >"$work_dir/$name.stdout" 2>"$work_dir/$name.stderr" &
  server_pid=$!
  server_port=""
  for _ in $(seq 1 600); do
    server_port="$(sed -n 's/.*listening on .*:\([0-9][0-9]*\)$/\1/p' "$work_dir/$name.stdout" | head -n 1)"
    [[ -n "$server_port" ]] && return 0
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "server_instructions.sh: $name did not start under valgrind:" >&2
  tail -n 20 "$work_dir/$name.stderr" >&2
  exit 1
}

stop_server() {
  kill -TERM "$server_pid"
  wait "$server_pid" || true
  server_pid=""
}

load() {  # load RPC REQUEST CALLS
  "$load_bin" --target="127.0.0.1:$server_port" --rpc="$1" --request="$2" --total_calls="$3" \
    --warmup=0s --concurrency=16 --call_timeout=60s
}

# count NAME LABEL RPC REQUEST: prints instructions per call.
count() {
  local name="$1" label="$2" rpc="$3" request="$4"
  load "$rpc" "$request" 300 >/dev/null
  callgrind_control --instr=on "$server_pid" >/dev/null 2>&1
  if ! load "$rpc" "$request" "$calls" >"$work_dir/load.out" 2>&1; then
    echo "server_instructions.sh: $label failed:" >&2
    cat "$work_dir/load.out" >&2
    callgrind_control --instr=off "$server_pid" >/dev/null 2>&1
    return 1
  fi
  callgrind_control --instr=off "$server_pid" >/dev/null 2>&1
  callgrind_control --dump="$label" "$server_pid" >/dev/null 2>&1
  local profile
  profile="$(ls -t "$work_dir/$name.out".* | head -n 1)"
  if [[ -n "$keep_dir" ]]; then
    mkdir -p "$keep_dir"
    cp "$profile" "$keep_dir/${name}_$label.out"
  fi
  awk -v n="$calls" '/^totals:/ {printf "%.0f\n", $2 / n}' "$profile"
  rm -f "$profile"
}

status=0
start_server echo "$echo_bin"
echo_ir="$(count echo Echo echo "$echo_request")" || status=1
stop_server

declare -A advisor_ir
start_server advisor "$server_bin"
for rpc in $rpcs; do
  advisor_ir[$rpc]="$(count advisor "$rpc" "${rpc_method[$rpc]}" "${rpc_request[$rpc]}")" || status=1
done
stop_server

printf '%-18s %14s %14s %7s %18s\n' rpc instr/call echo_instr/call ratio qps_ceiling_vs_echo
for rpc in $rpcs; do
  printf '%-18s %14s %14s %7s %18s\n' "$rpc" "${advisor_ir[$rpc]:-nan}" "${echo_ir:-nan}" \
    "$(awk -v a="${advisor_ir[$rpc]:-0}" -v e="${echo_ir:-0}" 'BEGIN {if (e > 0) printf "%.2f", a / e; else print "nan"}')" \
    "$(awk -v a="${advisor_ir[$rpc]:-0}" -v e="${echo_ir:-0}" 'BEGIN {if (a > 0) printf "%.2f", e / a; else print "nan"}')"
done
echo "INSTRUCTIONS_RESULT echo=${echo_ir:-nan}$(for rpc in $rpcs; do printf ' %s=%s' "$rpc" "${advisor_ir[$rpc]:-nan}"; done)"
exit "$status"
