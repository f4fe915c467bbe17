#!/usr/bin/env bash
# Draws the load results of tests/bench/run_load.sh --data FILE as a PNG with
# gnuplot: throughput (QPS; answers per second for the batch and stream
# paths) and p99 latency per RPC and concurrency, the echo server first.
#
#   tests/bench/plot.sh DATA_FILE OUTPUT_PNG [TITLE]
#
# DATA_FILE lines: "rpc concurrency qps p99_us echo_qps echo_p99_us"; lines
# starting with # are comments. Needs gnuplot (Debian: gnuplot-nox).
# Exit status: 0 drawn; 1 gnuplot failed; 2 bad usage.
set -euo pipefail

if (($# < 2)); then
  sed -n '2,/^$/p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi
data="$1"
out="$2"
title="${3:-advisor_server vs a bare gRPC echo server, server on one core}"
command -v gnuplot >/dev/null || { echo "plot.sh: gnuplot is not installed" >&2; exit 2; }

table="$(mktemp "${TMPDIR:-/tmp}/plot.XXXXXX")"
trap 'rm -f "$table"' EXIT

# One row per RPC (echo first), one QPS and one p99 (ms) column per
# concurrency, in the order the concurrencies first appear.
awk '
  /^#/ || NF < 6 { next }
  {
    if (!($2 in seen)) { seen[$2] = 1; conc[++nc] = $2 }
    if (!($1 in known)) { known[$1] = 1; rpc[++nr] = $1 }
    qps[$1, $2] = $3; p99[$1, $2] = $4 / 1000
    qps["echo", $2] = $5; p99["echo", $2] = $6 / 1000
  }
  END {
    printf "#"
    for (c = 1; c <= nc; ++c) printf " %s", conc[c]
    print ""
    rpc[0] = "echo"
    for (r = 0; r <= nr; ++r) {
      printf "%s", rpc[r]
      for (c = 1; c <= nc; ++c) printf " %s", qps[rpc[r], conc[c]]
      for (c = 1; c <= nc; ++c) printf " %s", p99[rpc[r], conc[c]]
      print ""
    }
  }' "$data" >"$table"

concurrencies="$(head -n 1 "$table" | cut -c3-)"
count="$(wc -w <<<"$concurrencies")"
if ((count == 0)); then
  echo "plot.sh: no data rows in $data" >&2
  exit 2
fi

gnuplot <<GNUPLOT
set terminal pngcairo size 1400,900 font "DejaVu Sans,11"
set output "$out"
set multiplot layout 2,1 title "$title" noenhanced
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.85 border -1
set boxwidth 0.9
set key top left
set grid ytics
set xtics rotate by -20 noenhanced
set datafile missing "?"
set ylabel "calls/s (answers/s for batch and stream)"
set title "Throughput"
set format y "%.0s%c"
plot for [i=2:$((count + 1))] "$table" using i:xtic(1) title "concurrency ".word("$concurrencies", i - 1)
set title "p99 latency (per call: a batch for Batch*, a stream message for StreamAnswers)"
set ylabel "p99, ms (log scale)"
set logscale y
set offsets 0, 0, graph 0.05, 0
set format y "%g"
plot for [i=$((count + 2)):$((2 * count + 1))] "$table" using i:xtic(1) title "concurrency ".word("$concurrencies", i - $((count + 1)))
unset multiplot
GNUPLOT
echo "plot.sh: wrote $out" >&2
