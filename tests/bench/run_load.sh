#!/usr/bin/env bash
# Load test: advisor_server against a bare gRPC echo server on the same
# machine, under the same closed-loop load, in the same run.
#
#   tests/bench/run_load.sh [options] [BUILD_DIR]      (BUILD_DIR defaults to $BUILD_DIR or ./build)
#
# Builds nothing: it runs BUILD_DIR's advisor_echo_server, advisor_server
# and advisor_load. It starts the echo server, then advisor_server, both
# pinned to CPU 0 (only the one under load does any work); the load runs
# pinned to CPU 1. For every concurrency it makes REPS repetitions; in each
# repetition every RPC's run of DURATION seconds comes right after a run of the
# same length against echo, over one connection, and the two make a pair.
# A ratio is the median of the pairs' ratios: the machine's speed drifts by
# more than the differences measured (other VMs on the host), and a pair's
# two runs see the same machine. It prints the medians of QPS and p99 beside
# the echo server's (over all echo runs), the ratios, and each server's CPU
# time per call. The bulk paths (a batch of 100 questions per call, and the
# StreamAnswers stream) are measured in answers per second against the echo
# server's unary QPS. Then it soaks advisor_server with SOAK calls and
# prints its RSS (VmRSS) when idle, before and after the soak.
#
# Options:
#   --quick             smoke run: concurrency 16 only, 1 s per run, 1 repetition,
#                       6000-call soak (put --concurrency after it to change that)
#   --duration SECONDS  measured seconds per run (default 5)
#   --warmup SECONDS    warmup before each run (default 1)
#   --reps N            repetitions per RPC and concurrency (default 3)
#   --concurrency LIST  space-separated, e.g. "16 64" (default)
#   --rpcs LIST         space-separated subset of: GetFramework MatchRole
#                       AnswerQuestion AnswerQuestionFollowUp ListFrameworks
#                       CompareFrameworks ListFaqs
#                       BatchAnswerQuestions100 StreamAnswers (default: all)
#   --data FILE         also write the medians as a table for tests/bench/plot.sh
#   --soak CALLS        calls in the memory soak (default 2000000; 0 skips it)
#   --no-pin            do not pin with taskset (e.g. on a 1-CPU machine)
#
# Exit status: 0 when every server started and stopped cleanly and every
# load run completed without failed calls; 1 otherwise; 2 for bad usage.

set -euo pipefail

duration=5
warmup=1
reps=3
concurrency_list="16 64"
rpcs=""
soak=2000000
pin=1
data_file=""
build_dir="${BUILD_DIR:-./build}"

usage() {
  sed -n '2,/^$/p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

while (($#)); do
  case "$1" in
    --quick) duration=1 warmup=0.2 reps=1 soak=6000 concurrency_list=16; shift ;;
    --duration) duration="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --reps) reps="$2"; shift 2 ;;
    --concurrency) concurrency_list="$2"; shift 2 ;;
    --rpcs) rpcs="$2"; shift 2 ;;
    --soak) soak="$2"; shift 2 ;;
    --data) data_file="$2"; shift 2 ;;
    --no-pin) pin=0; shift ;;
    -h|--help) usage ;;
    -*) echo "run_load.sh: unknown option $1" >&2; usage ;;
    *) build_dir="$1"; shift ;;
  esac
done

# --- Tools -----------------------------------------------------------------

# shellcheck source=tests/bench/rpc_requests.sh
source "$(dirname "$0")/rpc_requests.sh"
server_bin="$(find_binary "$build_dir" advisor_server service/server/advisor_server)" || exit 2
echo_bin="$(find_binary "$build_dir" advisor_echo_server tests/bench/advisor_echo_server)" || exit 2
load_bin="$(find_binary "$build_dir" advisor_load tests/bench/advisor_load)" || exit 2

server_cpu=()
load_cpu=()
if ((pin)); then
  if command -v taskset >/dev/null && (($(nproc) >= 2)); then
    server_cpu=(taskset -c 0)
    load_cpu=(taskset -c 1)
  else
    echo "run_load.sh: taskset or a second CPU missing; running unpinned" >&2
  fi
fi

work_dir="$(mktemp -d "${TMPDIR:-/tmp}/run_load.XXXXXX")"
# Server name (echo, advisor) -> process id and port, while it runs.
declare -A server_pid server_port

cleanup() {
  local pid
  for pid in "${server_pid[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid" 2>/dev/null || true
      wait "$pid" 2>/dev/null || true
    fi
  done
  rm -rf "$work_dir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Failures are counted in a file: most runs happen in subshells.
record_failure() { echo x >>"$work_dir/failures"; }
failure_count() { [[ -f "$work_dir/failures" ]] && wc -l <"$work_dir/failures" || echo 0; }

# --- Targets ---------------------------------------------------------------

# QPS ratio targets of issue 5 (none for the other RPCs); for the bulk
# paths of issue 10, answers per second over the echo server's QPS.
declare -A qps_target=([GetFramework]=0.90 [MatchRole]=0.90 [AnswerQuestion]=0.85
  [AnswerQuestionFollowUp]=0.85
  [BatchAnswerQuestions100]=4.0 [StreamAnswers]=5.0)
p99_target=1.3

rpcs="${rpcs:-$all_rpcs $bulk_rpcs}"
# is_bulk RPC: measured in answers, its latency is a batch's or a streamed
# answer's, not comparable with echo's p99.
is_bulk() { [[ " $bulk_rpcs " == *" $1 "* ]]; }
for rpc in $rpcs; do
  if [[ -z "${rpc_method[$rpc]:-}" ]]; then
    echo "run_load.sh: unknown RPC $rpc" >&2
    exit 2
  fi
done

# --- Servers ------------------------------------------------------------------

# start_server NAME BINARY ARGS...: starts it pinned and records its pid
# and the port from its "listening on HOST:PORT" line.
start_server() {
  local name="$1" port=""
  shift
  "${server_cpu[@]}" "$@" --host=127.0.0.1 --port=0 >"$work_dir/$name.out" 2>"$work_dir/$name.err" &
  server_pid[$name]=$!
  for _ in $(seq 1 200); do
    port="$(sed -n 's/.*listening on .*:\([0-9][0-9]*\)$/\1/p' "$work_dir/$name.out" | head -n 1)"
    if [[ -n "$port" ]]; then
      server_port[$name]="$port"
      return 0
    fi
    if ! kill -0 "${server_pid[$name]}" 2>/dev/null; then break; fi
    sleep 0.05
  done
  echo "run_load.sh: $name did not start; its stderr:" >&2
  cat "$work_dir/$name.err" >&2
  exit 1
}

# stop_server NAME: SIGTERM, then it must exit 0.
stop_server() {
  local name="$1" status=0
  kill -TERM "${server_pid[$name]}"
  wait "${server_pid[$name]}" || status=$?
  unset "server_pid[$name]"
  if ((status != 0)); then
    echo "run_load.sh: $name exited with status $status; its stderr:" >&2
    tail -n 20 "$work_dir/$name.err" >&2
    record_failure
  fi
}

# server_cpu_ticks NAME: utime + stime of the server, in clock ticks.
server_cpu_ticks() {
  awk '{print $14 + $15}' "/proc/${server_pid[$1]}/stat"
}

# rss_kib NAME
rss_kib() {
  awk '/^VmRSS:/ {print $2}' "/proc/${server_pid[$1]}/status"
}

# field NAME LINE: the value of NAME=... in a RESULT line.
field() {
  tr ' ' '\n' <<<"$2" | sed -n "s/^$1=//p"
}

# ratio A B: A / B to two places, or nan.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (b > 0 && a == a + 0) printf "%.2f", a / b; else printf "nan"}'; }

# median of the numbers given as arguments.
median() {
  printf '%s\n' "$@" | sort -g | awk '{v[NR] = $1} END {
    if (NR == 0) { print "nan"; exit }
    if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

ticks_per_second="$(getconf CLK_TCK)"

# run_load SERVER LABEL RPC REQUEST CONCURRENCY [extra flags]: one
# advisor_load run; prints its RESULT line with the server's CPU use appended.
run_load() {
  local server="$1" label="$2" rpc="$3" request="$4" concurrency="$5"
  shift 5
  local before after started ended output status=0
  before="$(server_cpu_ticks "$server")"
  started="$(date +%s.%N)"
  output="$("${load_cpu[@]}" "$load_bin" --target="127.0.0.1:${server_port[$server]}" \
    --rpc="$rpc" --request="$request" --concurrency="$concurrency" --connections=1 \
    --duration="${duration}s" --warmup="${warmup}s" "$@" 2>"$work_dir/load.err")" || status=$?
  ended="$(date +%s.%N)"
  after="$(server_cpu_ticks "$server")"
  local result
  result="$(grep '^RESULT ' <<<"$output" || true)"
  if ((status != 0)) || [[ -z "$result" ]]; then
    echo "run_load.sh: $label failed (advisor_load status $status):" >&2
    cat "$work_dir/load.err" >&2
    grep -E 'first error|statuses' <<<"$output" >&2 || true
    record_failure
    return 0
  fi
  # The server's CPU share over the whole run (warmup included: the load is
  # the same throughout), and so its CPU time per call at the measured rate.
  local cpu_share qps
  qps="$(field answers_per_s "$result")"
  cpu_share="$(awk -v t=$((after - before)) -v hz="$ticks_per_second" -v s="$started" -v e="$ended" \
    'BEGIN {printf "%.3f", t / hz / (e - s)}')"
  echo "$result server_cpu=$cpu_share server_cpu_us_per_call=$(awk -v c="$cpu_share" -v q="$qps" \
    'BEGIN {printf "%.1f", (q > 0 ? c * 1e6 / q : 0)}')"
}

# measure_once SERVER KEY RPC REQUEST CONCURRENCY REP [FLAGS...]: one run, its
# "answers_per_s p99_us server_cpu_us_per_call" appended to
# $work_dir/runs/KEY (answers per second is QPS for unary calls) and left
# in $work_dir/last (empty when the run failed).
measure_once() {
  local server="$1" key="$2" rpc="$3" request="$4" concurrency="$5" rep="$6" line
  shift 6
  : >"$work_dir/last"
  line="$(run_load "$server" "$key #$rep" "$rpc" "$request" "$concurrency" "$@")"
  [[ -z "$line" ]] && return 0
  echo "  $key #$rep: $line" >&2
  echo "$(field answers_per_s "$line") $(field p99_us "$line") $(field server_cpu_us_per_call "$line")" \
    | tee -a "$work_dir/runs/$key" >"$work_dir/last"
}

# pair KEY ECHO_RESULT ADVISOR_RESULT: appends "qps_ratio p99_ratio" of one
# echo run and the advisor run after it to $work_dir/runs/KEY.pairs.
pair() {
  local key="$1" echo_qps echo_p99 advisor_qps advisor_p99 rest
  [[ -z "$2" || -z "$3" ]] && return 0
  read -r echo_qps echo_p99 rest <<<"$2"
  read -r advisor_qps advisor_p99 rest <<<"$3"
  echo "$(ratio "$advisor_qps" "$echo_qps") $(ratio "$advisor_p99" "$echo_p99")" \
    >>"$work_dir/runs/$key.pairs"
}

# pair_medians KEY: "qps_ratio p99_ratio", the medians of KEY's pairs.
pair_medians() {
  local file="$work_dir/runs/$1.pairs"
  if [[ ! -s "$file" ]]; then
    echo "nan nan"
    return
  fi
  echo "$(median $(cut -d' ' -f1 "$file")) $(median $(cut -d' ' -f2 "$file"))"
}

# medians KEY: "qps p99_us server_cpu_us_per_call", the medians of KEY's runs.
medians() {
  local file="$work_dir/runs/$1"
  if [[ ! -s "$file" ]]; then
    echo "nan nan nan"
    return
  fi
  echo "$(median $(cut -d' ' -f1 "$file")) $(median $(cut -d' ' -f2 "$file"))" \
    "$(median $(cut -d' ' -f3 "$file"))"
}

echo "run_load.sh: $(nproc) CPUs, ${duration}s x $reps runs per point, warmup ${warmup}s," \
  "concurrency: $concurrency_list, pinned: $([[ ${#server_cpu[@]} -gt 0 ]] && echo yes || echo no)," \
  "load average: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

mkdir -p "$work_dir/runs"
start_server echo "$echo_bin"
start_server advisor "$server_bin"
sleep 0.5
rss_idle="$(rss_kib advisor)"

for concurrency in $concurrency_list; do
  for rep in $(seq 1 "$reps"); do
    for rpc in $rpcs; do
      measure_once echo "echo c=$concurrency" echo "$echo_request" "$concurrency" "$rep"
      echo_result="$(cat "$work_dir/last")"
      # shellcheck disable=SC2086  # the flags are words
      measure_once advisor "$rpc c=$concurrency" "${rpc_method[$rpc]}" "${rpc_request[$rpc]}" \
        "$concurrency" "$rep" ${rpc_flags[$rpc]:-}
      pair "$rpc c=$concurrency" "$echo_result" "$(cat "$work_dir/last")"
    done
  done
done
stop_server echo

rss_before_soak="$(rss_kib advisor)"
rss_after_soak="$rss_before_soak"
if ((soak > 0)); then
  soak_rpcs=""
  for rpc in $rpcs; do is_bulk "$rpc" || soak_rpcs+=" $rpc"; done
  rpc_count=$(wc -w <<<"$soak_rpcs")
  for rpc in $soak_rpcs; do
    line="$(run_load advisor "soak $rpc" "${rpc_method[$rpc]}" "${rpc_request[$rpc]}" 64 \
      --total_calls=$((soak / rpc_count)) --warmup=0s)"
    [[ -n "$line" ]] && echo "  soak $rpc: $line" >&2
  done
  rss_after_soak="$(rss_kib advisor)"
fi
stop_server advisor

# --- Report ------------------------------------------------------------------------

verdict() {  # verdict VALUE TARGET higher|lower
  [[ "$2" == "-" ]] && { echo "-"; return; }
  awk -v v="$1" -v t="$2" -v d="$3" 'BEGIN {
    if (v != v + 0) print "?"; else if ((d == "higher" && v >= t) || (d == "lower" && v <= t)) print "ok"; else print "MISS" }'
}

echo
echo "qps: calls per second; for the bulk paths (batch of 100, stream) answers per second."
echo "StreamAnswers: one stream at every concurrency, 8 messages of 32 questions in flight."
echo "ratio: median over the repetitions of (advisor run / the echo run just before it); echo_qps and echo_p99: medians of all echo runs."
printf '%-23s %5s %10s %10s %6s %5s %9s %9s %6s %5s %9s %9s\n' \
  rpc conc qps echo_qps ratio ok p99_us echo_p99 ratio ok cpu_us/call echo_cpu_us
if [[ -n "$data_file" ]]; then
  echo "# rpc concurrency qps_or_answers_per_s p99_us echo_qps echo_p99_us (run_load.sh, $(date -u +%FT%TZ))" >"$data_file"
fi
for rpc in $rpcs; do
  for concurrency in $concurrency_list; do
    read -r a_qps a_p99 a_cpu <<<"$(medians "$rpc c=$concurrency")"
    read -r e_qps e_p99 e_cpu <<<"$(medians "echo c=$concurrency")"
    read -r qps_ratio p99_ratio <<<"$(pair_medians "$rpc c=$concurrency")"
    p99_goal="$p99_target"
    is_bulk "$rpc" && p99_goal="-"
    printf '%-23s %5s %10.0f %10.0f %6s %5s %9.0f %9.0f %6s %5s %9s %9s\n' \
      "$rpc" "$concurrency" "$a_qps" "$e_qps" "$qps_ratio" \
      "$(verdict "$qps_ratio" "${qps_target[$rpc]:--}" higher)" \
      "$a_p99" "$e_p99" "$p99_ratio" "$(verdict "$p99_ratio" "$p99_goal" lower)" "$a_cpu" "$e_cpu"
    if [[ -n "$data_file" ]]; then
      echo "$rpc $concurrency $a_qps $a_p99 $e_qps $e_p99" >>"$data_file"
    fi
  done
done
echo
growth() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%+.1f", (b > 0 ? (a - b) * 100 / b : 0)}'; }
printf 'advisor_server RSS: idle %.1f MB; after the load runs %.1f MB; after a %d-call soak %.1f MB\n' \
  "$(awk -v k="$rss_idle" 'BEGIN {print k / 1024}')" \
  "$(awk -v k="$rss_before_soak" 'BEGIN {print k / 1024}')" "$soak" \
  "$(awk -v k="$rss_after_soak" 'BEGIN {print k / 1024}')"
printf 'RSS growth: %s %% over the soak, %s %% since idle\n' \
  "$(growth "$rss_after_soak" "$rss_before_soak")" "$(growth "$rss_after_soak" "$rss_idle")"
echo "RSS_RESULT idle_kib=$rss_idle before_soak_kib=$rss_before_soak after_soak_kib=$rss_after_soak soak_calls=$soak"

failures="$(failure_count)"
if ((failures > 0)); then
  echo "run_load.sh: $failures failure(s); see above" >&2
  exit 1
fi
