#!/usr/bin/env bash
# Runs the pinned buf from tests/ecosystem/node_modules with the given arguments.
# Fails loudly instead of skipping when the npm tooling is missing, so a CI
# machine without it shows a red test rather than a silently absent one.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
buf="${here}/node_modules/.bin/buf"
if [[ ! -x "${buf}" ]]; then
  echo "error: ${buf} is missing; run 'npm ci --prefix tests/ecosystem' (make test does it)" >&2
  exit 2
fi
exec "${buf}" "$@"
