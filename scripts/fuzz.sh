#!/usr/bin/env bash
# Runs one libFuzzer target of fuzz/ for a while, niced, from its seeds; prints what it
# did (executions, coverage) and the CPU time it took.
#   scripts/fuzz.sh TARGET SECONDS [WORKDIR]    TARGET: extract, text, rules, warc or css
# Builds build-fuzz/ with clang first (ASan and UBSan on; warnings not errors: clang
# warns where the gcc build that gates them does not, and a fuzz run is not that gate).
# A finding is written to WORKDIR/crash-* (or leak-*, timeout-*) and makes this exit
# non-zero. SECONDS is wall time: on a busy machine the CPU time printed is less.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
target=${1:?usage: scripts/fuzz.sh extract|text|rules|warc|css SECONDS [WORKDIR]}
seconds=${2:?usage: scripts/fuzz.sh extract|text|rules|warc|css SECONDS [WORKDIR]}
work=${3:-/tmp/pith-fuzz-$target}
CC=clang cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPITH_BUILD_FUZZ=ON \
  -DPITH_WERROR=OFF -DPITH_BUILD_TESTS=OFF -DPITH_BUILD_BENCH=OFF -DPITH_BUILD_EXAMPLES=OFF >/dev/null
nice -n 10 cmake --build build-fuzz -j2 --target "fuzz_$target" >/dev/null
mkdir -p "$work/corpus"
case $target in
  extract) seeds=(fuzz/corpus examples); args=(-dict=fuzz/dict.txt -max_len=20000) ;;
  text) seeds=(fuzz/corpus); args=(-dict=fuzz/dict.txt -max_len=8000) ;;
  rules) seeds=(rules); args=(-dict=fuzz/rules_dict.txt -max_len=4000) ;;
  warc) seeds=(fuzz/corpus-warc); args=(-dict=fuzz/warc.dict -max_len=20000) ;;
  css) seeds=(fuzz/corpus-css); args=(-dict=fuzz/css.dict -max_len=8000) ;;
  *) echo "unknown target $target" >&2; exit 2 ;;
esac
repo=$PWD
cd "$work"
rc=0
TIMEFORMAT='cpu %U s user, %S s sys'
time nice -n 10 "$repo/build-fuzz/fuzz/fuzz_$target" "${args[@]/#-dict=/-dict=$repo/}" \
  -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 -print_final_stats=1 \
  corpus "${seeds[@]/#/$repo/}" 2>fuzz.log || rc=$?
grep -E "DONE|^Done|stat::|ERROR|SUMMARY" fuzz.log || true
exit $rc
