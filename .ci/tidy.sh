#!/usr/bin/env bash
# clang-tidy (.clang-tidy) over the C++ files that changed; any finding
# fails. `make tidy` and `make test` run it after the build, which holds
# compile_commands.json and the generated headers.
#
#   .ci/tidy.sh [BUILD_DIR]          default build/
#   ADVISOR_TIDY_ALL=1 .ci/tidy.sh   every file of the build instead
#   ADVISOR_TIDY_BASE=origin/main    changed since that commit instead
#   CLANG_TIDY=clang-tidy-14 JOBS=2  the tool and how many run at once
#
# "Changed" is what the working tree changes against HEAD plus what the
# last commit changed (against ADVISOR_TIDY_BASE when set): on a clean CI
# clone that is the commit under test. A changed header brings in the .cc
# files of its folder that include it. Only files in compile_commands.json
# are checked (not the fuzz targets outside this build, nor the layering
# probes of tests/build, which are meant not to compile).
set -euo pipefail
cd "$(dirname "$0")/.."

build_dir=${1:-build}
tidy=${CLANG_TIDY:-$(command -v clang-tidy-14 || command -v clang-tidy || true)}
jobs=${JOBS:-$(nproc)}
database="$build_dir/compile_commands.json"

if [[ -z "$tidy" ]]; then
  echo "tidy: clang-tidy not found (Debian package clang-tidy; make test-deps installs it)" >&2
  exit 1
fi
if [[ ! -f "$database" ]]; then
  echo "tidy: $database is missing: configure and build $build_dir first" >&2
  exit 1
fi

# The translation units of the build, relative to the repository.
mapfile -t units < <(python3 - "$database" "$PWD" <<'EOF'
import json, os, sys
root = sys.argv[2]
seen = set()
for entry in json.load(open(sys.argv[1])):
    path = os.path.normpath(os.path.join(entry["directory"], entry["file"]))
    if not path.startswith(root + "/"):
        continue
    rel = os.path.relpath(path, root)
    if rel.split("/")[0] in ("common", "service", "client", "tests") and not rel.startswith("tests/build/probes/"):
        if rel not in seen:
            seen.add(rel)
            print(rel)
EOF
)

if [[ "${ADVISOR_TIDY_ALL:-0}" == 1 ]]; then
  files=("${units[@]}")
else
  if [[ -n "${ADVISOR_TIDY_BASE:-}" ]]; then
    base=$(git merge-base "$ADVISOR_TIDY_BASE" HEAD)
  elif git rev-parse -q --verify HEAD~1 >/dev/null; then
    base=HEAD~1
  else
    base=$(git hash-object -t tree /dev/null)  # the first commit: everything
  fi
  mapfile -t changed < <({ git diff --name-only --diff-filter=ACMR "$base" HEAD;
                           git diff --name-only --diff-filter=ACMR HEAD; } |
                         grep -E '\.(cc|h)$' | sort -u)
  declare -A wanted=()
  for file in "${changed[@]}"; do
    if [[ "$file" == *.cc ]]; then
      wanted[$file]=1
    elif [[ -f "$file" ]]; then
      # A header: the units beside it that include it.
      dir=$(dirname "$file")
      for unit in "${units[@]}"; do
        if [[ "$(dirname "$unit")" == "$dir" ]] && grep -qF "\"$file\"" "$unit"; then
          wanted[$unit]=1
        fi
      done
    fi
  done
  files=()
  for unit in "${units[@]}"; do
    [[ -n "${wanted[$unit]:-}" ]] && files+=("$unit")
  done
fi

if [[ ${#files[@]} -eq 0 ]]; then
  echo "tidy: no changed C++ file of the build to check"
  exit 0
fi
echo "tidy: $(basename "$tidy") on ${#files[@]} file(s), $jobs at a time"
start=$SECONDS
# The compile commands may be gcc's: clang ignores the warning options it
# does not know. A finding is an error (WarningsAsErrors in .clang-tidy), so the exit
# status says it all; the "N warnings generated." lines count the
# diagnostics of headers outside our code, suppressed, and are dropped.
output=$(mktemp)
trap 'rm -f "$output"' EXIT
status=0
printf '%s\n' "${files[@]}" |
  xargs -P "$jobs" -n 1 "$tidy" -p "$build_dir" --quiet \
    --extra-arg=-Wno-unknown-warning-option >"$output" 2>&1 || status=$?
grep -Ev '^[0-9]+ warnings? (and [0-9]+ errors? )?generated\.$' "$output" || true
if [[ $status -eq 0 ]]; then
  echo "tidy: clean ($((SECONDS - start)) s)"
else
  echo "tidy: findings above (.clang-tidy; fix them, or see docs/development.md)" >&2
  exit 1
fi
