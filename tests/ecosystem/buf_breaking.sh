#!/usr/bin/env bash
# Fails when proto/ breaks compatibility with the last released API. The
# release's commit is in tests/ecosystem/api_baseline; each release replaces it
# with `git log -1 --format=%H -- proto` of the released commit.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(git -C "${here}" rev-parse --show-toplevel)"
git_dir="$(git -C "${repo}" rev-parse --absolute-git-dir)"
baseline="$(tr -d '[:space:]' <"${here}/api_baseline")"
if ! git -C "${repo}" cat-file -e "${baseline}^{commit}" 2>/dev/null; then
  echo "error: API baseline ${baseline} is not in this clone (shallow clone? fetch full history)" >&2
  exit 2
fi
cd "${repo}"
exec "${here}/buf.sh" breaking proto --against "${git_dir}#ref=${baseline},subdir=proto"
