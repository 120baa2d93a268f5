#!/usr/bin/env bash
# Installs pith to a fresh prefix and uses it as a user would, never the build tree:
# the SONAME and layout, the installed CLI starting on its own, examples/crawler.c built
# with pkg-config, a CMake project with find_package(pith) linking pith::pith and
# pith::pith_static, and (when pip and venv are there) the Python module pip-installed
# into the same prefix. All of them must give the same records for the same pages.
#   usage: test_install.sh BUILD_DIR SOURCE_DIR
set -euo pipefail

build=$(realpath "$1")
src=$(realpath "$2")
cc=${CC:-cc}
tmp=$(realpath "$(mktemp -d)")
trap 'rm -rf "$tmp"' EXIT
prefix=$tmp/prefix
# nothing may come from the build tree or the environment
unset LD_LIBRARY_PATH PITH_LIBRARY PITH_BUILD_DIR PKG_CONFIG_PATH CMAKE_PREFIX_PATH || true

passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok   $1"; }
bad() { failed=$((failed + 1)); echo "FAIL $1" >&2; }
check() { # check NAME COMMAND...
  local name=$1
  shift
  if "$@"; then ok "$name"; else bad "$name"; fi
}
uses_prefix() { # uses_prefix BINARY: its libpith resolves inside the prefix
  ldd "$1" | grep 'libpith\.so' | grep -q "=> $prefix/"
}

cmake --install "$build" --prefix "$prefix" >"$tmp/install.log"
pc=$(find "$prefix" -name pith.pc | head -1)
libdir=$(dirname "$(dirname "$pc")")

# the layout
check "shared library has the SONAME libpith.so.0" \
  sh -c "readelf -d '$libdir/libpith.so' | grep -q 'SONAME.*\[libpith\.so\.0\]'"
check "libpith.so.0 and libpith.a installed" test -e "$libdir/libpith.so.0" -a -f "$libdir/libpith.a"
check "header installed" test -f "$prefix/include/pith.h" -a -f "$prefix/include/pith_export.h"
check "CMake package installed" \
  test -f "$libdir/cmake/pith/pithConfig.cmake" -a -f "$libdir/cmake/pith/pithConfigVersion.cmake"
check "man pages installed" \
  test -f "$prefix/share/man/man1/pith.1" -a -f "$prefix/share/man/man3/pith.3"
check "docs installed" test -f "$prefix/share/doc/pith/README.md" \
  -a -f "$prefix/share/doc/pith/rules/README.md" -a -f "$prefix/share/doc/pith/examples/crawler.c"
if command -v groff >/dev/null; then
  for m in 1 3; do
    check "pith.$m renders without warnings" \
      sh -c "LC_ALL=C.UTF-8 groff -man -ww -z -Tutf8 '$prefix/share/man/man$m/pith.$m' 2>&1 | (! grep .)"
  done
fi

# the installed CLI starts with no help (its RUNPATH), and uses the prefix's library
check "installed bin/pith starts" sh -c "'$prefix/bin/pith' --version >/dev/null"
check "installed bin/pith uses the prefix's library" uses_prefix "$prefix/bin/pith"

# pages: the samples, a gzip, a missing file, an empty one, an image
pages=$tmp/pages
mkdir "$pages"
cp "$src/examples/sample.html" "$src/examples/sample.txt" "$pages/"
gzip -c "$src/examples/sample.html" >"$pages/sample.html.gz"
printf '  \n' >"$pages/blank.txt"
printf '\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10' >"$pages/image.png"
cp "$src"/tests/fixtures/seeds/*.txt "$pages/"
files=("$pages"/* "$pages/missing.html")
"$prefix/bin/pith" --format jsonl "${files[@]}" >"$tmp/cli.jsonl" || true
check "the installed CLI gives a record per page" test "$(wc -l <"$tmp/cli.jsonl")" -eq "${#files[@]}"

# examples/crawler.c through pkg-config
export PKG_CONFIG_PATH=$libdir/pkgconfig
check "pkg-config finds the prefix's pith" \
  test "$(realpath "$(pkg-config --variable=includedir pith)")" = "$prefix/include"
# shellcheck disable=SC2046
if "$cc" -std=c11 -O2 -Wall -Wextra -Werror -o "$tmp/crawler" "$src/examples/crawler.c" \
    $(pkg-config --cflags --libs pith) -pthread -Wl,-rpath,"$libdir" 2>"$tmp/cc.log"; then
  ok "crawler.c builds with pkg-config --cflags --libs pith"
  check "crawler uses the prefix's library" uses_prefix "$tmp/crawler"
  "$tmp/crawler" -j 2 "${files[@]}" >"$tmp/crawler.jsonl" 2>"$tmp/crawler.err" || true
  check "crawler gives the CLI's records, in input order" cmp "$tmp/cli.jsonl" "$tmp/crawler.jsonl"
  check "crawler reports totals" grep -q "pages, .* extracted, 3 failed" "$tmp/crawler.err"
else
  cat "$tmp/cc.log" >&2
  bad "crawler.c builds with pkg-config --cflags --libs pith"
fi

# a CMake project: find_package(pith), pith::pith and pith::pith_static
if cmake -S "$src/tests/consumer" -B "$tmp/consumer" -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF \
    -DCMAKE_BUILD_RPATH="$libdir" >"$tmp/consumer.log" 2>&1 &&
  cmake --build "$tmp/consumer" >>"$tmp/consumer.log" 2>&1; then
  ok "find_package(pith) project builds with pith::pith and pith::pith_static"
  check "find_package found the prefix" grep -q "pith_DIR:PATH=$libdir/cmake/pith" \
    "$tmp/consumer/CMakeCache.txt"
  check "pith::pith consumer uses the prefix's library" uses_prefix "$tmp/consumer/consumer"
  check "pith::pith_static consumer has no libpith.so" \
    sh -c "! ldd '$tmp/consumer/consumer_static' | grep -q libpith"
  "$tmp/consumer/consumer" "${files[@]}" >"$tmp/shared.jsonl" || true
  "$tmp/consumer/consumer_static" "${files[@]}" >"$tmp/static.jsonl" || true
  check "pith::pith consumer gives the CLI's records" cmp "$tmp/cli.jsonl" "$tmp/shared.jsonl"
  check "pith::pith_static consumer gives the CLI's records" cmp "$tmp/cli.jsonl" "$tmp/static.jsonl"
else
  cat "$tmp/consumer.log" >&2
  bad "find_package(pith) project builds with pith::pith and pith::pith_static"
fi
# the version file: before 1.0 only the same MAJOR.MINOR is compatible
mkdir "$tmp/version"
# shellcheck disable=SC2016 # ${WANT} is CMake's
printf 'cmake_minimum_required(VERSION 3.25)\nproject(v C)\nfind_package(pith ${WANT} REQUIRED)\n' \
  >"$tmp/version/CMakeLists.txt"
check "find_package(pith 0.3) is refused by 0.2" sh -c "! cmake -S '$tmp/version' \
  -B '$tmp/version/b' -DWANT=0.3 -DCMAKE_PREFIX_PATH='$prefix' >/dev/null 2>&1"

# the Python module, pip-installed into the same prefix made a virtualenv: it finds the
# prefix's library with nothing set
python=/usr/bin/python3
[[ -x $python ]] || python=$(command -v python3 || true)
if [[ -n $python ]] && "$python" -m pip --version >/dev/null 2>&1 &&
  "$python" -m venv --without-pip "$prefix" >/dev/null 2>&1; then
  if "$python" -m pip --python "$prefix/bin/python" install --no-index --no-cache-dir \
      --disable-pip-version-check -q "$src/bindings/python" >"$tmp/pip.log" 2>&1; then
    ok "pip install bindings/python"
    check "the module loads the prefix's library" sh -c \
      "cd '$tmp' && '$prefix/bin/python' -c 'import pith; print(pith.library_path)' | grep -q '^$prefix/'"
    (cd "$tmp" && "$prefix/bin/python" -m pith --format jsonl "${files[@]}" >"$tmp/python.jsonl") || true
    check "python3 -m pith gives the CLI's records" cmp "$tmp/cli.jsonl" "$tmp/python.jsonl"
  else
    cat "$tmp/pip.log" >&2
    bad "pip install bindings/python"
  fi
else
  echo "skip the Python module: no pip or venv for $python"
fi

echo "$passed passed, $failed failed"
((failed == 0))
