#!/usr/bin/env bash
# Runs advisor_eval against a real advisor_server through the C++ SDK: the
# same sets and targets as the in-process run, over the wire.
# Usage: eval_against_server.sh SERVER_BINARY EVAL_BINARY [advisor_eval flags...]
set -euo pipefail
server_binary=$1 eval_binary=$2
shift 2

log_dir=$(mktemp -d)
server_pid=
cleanup() {
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$log_dir"
}
trap cleanup EXIT

"$server_binary" --host=127.0.0.1 --port=0 >"$log_dir/stdout" 2>"$log_dir/stderr" &
server_pid=$!
address=
for _ in $(seq 1 200); do  # up to 20 s on a loaded machine
  address=$(sed -n 's/^advisor_server listening on //p' "$log_dir/stdout")
  [[ -n "$address" ]] && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$log_dir/stderr" >&2; exit 1; }
  sleep 0.1
done
[[ -n "$address" ]] || { echo "advisor_server did not start" >&2; exit 1; }

"$eval_binary" --target="$address" "$@"
