#!/usr/bin/env bash
# The test suite under sanitizers, for CI (.ci/run):
#   - an ASan+UBSan build (gcc) running every test: unit, API, CLI and corpus gates
#     (not the bounds test, whose time and memory figures mean nothing under ASan);
#     the tests whose process is Python or a program built without the sanitizers (the
#     Python module's, the README's examples) with the ASan runtime preloaded, as the
#     library must come after it; not the install and Dask tests (a project built
#     against the installed library, without the sanitizers' flags, cannot link it; the
#     Dask workers are a cluster of Pythons): they test packaging, run by scripts/test.sh;
#   - a TSan build of the API test running its threads case: one extractor shared by
#     several threads, on a fresh process so that any lazy initialisation races.
# Any sanitizer report fails the run. Build directories: build-asan, build-tsan.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

./scripts/deps.sh
jobs=$(nproc)
status=0

cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPITH_WERROR=ON \
  -DPITH_SANITIZE=address,undefined -DCMAKE_C_FLAGS="-fno-sanitize-recover=undefined" \
  -DPITH_BUILD_BENCH=OFF >/dev/null
cmake --build build-asan -j"$jobs" >/dev/null
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:strict_string_checks=1
# Check forks each test: a sanitizer report in the child fails that test
(cd build-asan && ctest --output-on-failure -j"$jobs" -LE python \
  -E '^(bounds|test_cli|test_install|test_dask|readme_examples)$') || status=1
# Python does not free everything at exit: the library's leaks are looked for above
preload=(env LD_PRELOAD="$(gcc -print-file-name=libasan.so)" ASAN_OPTIONS=detect_leaks=0)
(cd build-asan && "${preload[@]}" ctest --output-on-failure -j"$jobs" -L python) || status=1
(cd build-asan && "${preload[@]}" ctest --output-on-failure -R '^readme_examples$') || status=1
# The example CLI returns without freeing on its usage and --version paths: leaks of a
# process about to exit, not of the library (whose leaks the tests above look for).
(cd build-asan && ASAN_OPTIONS=detect_leaks=0 ctest --output-on-failure -R '^test_cli$') || status=1

cmake -S . -B build-tsan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPITH_WERROR=ON \
  -DPITH_SANITIZE=thread -DPITH_BUILD_BENCH=OFF -DPITH_BUILD_EXAMPLES=OFF >/dev/null
cmake --build build-tsan -j"$jobs" --target test_api >/dev/null
if TSAN_OPTIONS=halt_on_error=1:exitcode=66 CK_RUN_CASE=threads CK_FORK=no \
    build-tsan/tests/test_api; then
  echo "tsan: the threads case is clean"
else
  echo "tsan: FAILED" >&2
  status=1
fi
exit "$status"
