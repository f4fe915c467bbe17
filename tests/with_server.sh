#!/usr/bin/env bash
# Usage: with_server.sh ADVISOR_SERVER_BINARY COMMAND [ARGS...]
# Starts the server on 127.0.0.1 with an OS-chosen port, exports its address as
# ADVISOR_TARGET, runs COMMAND, and always stops the server afterwards.
set -euo pipefail
server_bin="$1"
shift

workdir="$(mktemp -d)"
server_pid=""
stop_server() {
  if [[ -n "${server_pid}" ]] && kill -0 "${server_pid}" 2>/dev/null; then
    kill "${server_pid}" 2>/dev/null || true
    wait "${server_pid}" 2>/dev/null || true
  fi
  rm -rf "${workdir}"
}
trap stop_server EXIT

"${server_bin}" --host=127.0.0.1 --port=0 >"${workdir}/stdout" 2>"${workdir}/stderr" &
server_pid=$!

# The server prints its address once it serves; wait up to ~30 s for it.
address=""
for _ in $(seq 300); do
  address="$(sed -n 's/^advisor_server listening on \(.*\)$/\1/p' "${workdir}/stdout")"
  [[ -n "${address}" ]] && break
  if ! kill -0 "${server_pid}" 2>/dev/null; then
    echo "error: advisor_server exited before serving:" >&2
    cat "${workdir}/stderr" >&2
    exit 1
  fi
  sleep 0.1
done
if [[ -z "${address}" ]]; then
  echo "error: advisor_server did not report its address within 30 s" >&2
  exit 1
fi

export ADVISOR_TARGET="${address}"
"$@"
