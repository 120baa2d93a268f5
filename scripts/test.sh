#!/usr/bin/env bash
# Builds pith with warnings as errors and runs every test (unit, API, CLI, corpus gates).
#   --valgrind  also runs each unit-test binary under valgrind (CK_FORK=no)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

valgrind=0
for arg in "$@"; do
  case $arg in
    --valgrind) valgrind=1 ;;
    *) echo "usage: scripts/test.sh [--valgrind]" >&2; exit 2 ;;
  esac
done

./scripts/deps.sh --tests
build=${PITH_BUILD_DIR:-build}
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DPITH_WERROR=ON >/dev/null
cmake --build "$build" -j"$(nproc)"

status=0
if ((valgrind)); then
  # Every unit test under memcheck at once (the cores stay busy; with CK_FORK=no Check
  # enforces no timeouts); a test's log is shown when it fails. This runs before ctest
  # so that ctest's summary is the last word of the output.
  logs=$(mktemp -d)
  trap 'rm -rf "$logs"' EXIT
  run_one() {
    local t=$1 log
    log="$logs/$(basename "$t").log"
    # test cases tagged slow (millions of regex runs) take minutes under memcheck and
    # exercise nothing the others do not; they run in the plain and sanitizer builds
    if CK_FORK=no CK_EXCLUDE_TAGS=slow valgrind -q --error-exitcode=99 --leak-check=full \
        --errors-for-leak-kinds=definite --suppressions=tests/valgrind.supp "$t" >"$log" 2>&1; then
      echo "valgrind: $(basename "$t") clean"
    else
      echo "valgrind: $(basename "$t") FAILED" >&2
      cat "$log" >&2
      return 1
    fi
  }
  pids=()
  for t in "$build"/tests/test_*; do
    if [[ -f $t && -x $t ]]; then
      run_one "$t" &
      pids+=("$!")
    fi
  done
  failed=0
  for pid in "${pids[@]}"; do
    wait "$pid" || failed=1
  done
  if ((failed)); then
    echo "valgrind: errors above" >&2
    status=1
  else
    echo "valgrind: all ${#pids[@]} unit tests clean"
  fi
fi

(cd "$build" && ctest --output-on-failure -j"$(nproc)") || status=1
exit "$status"
