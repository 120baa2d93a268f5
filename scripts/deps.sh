#!/usr/bin/env bash
# Installs the Debian packages pith needs to build and test, only when one is missing.
#   --tests  also what the browser, cluster and install tests need: Chromium (the HTML
#            view in a real browser), Dask distributed (examples/dask_extract.py), pip
#            (the Python module installed into a prefix)
set -euo pipefail

# package:command-or-file that shows it is there
need=(
  "gcc:/usr/bin/gcc"
  "make:/usr/bin/make"
  "libc6-dev:/usr/include/stdio.h"
  "cmake:/usr/bin/cmake"
  "pkg-config:/usr/bin/pkg-config"
  "libxml2-dev:/usr/include/libxml2/libxml/HTMLparser.h"
  "libpcre2-dev:/usr/include/pcre2.h"
  "check:/usr/include/check.h"
  "zlib1g-dev:/usr/include/zlib.h"
  "libjansson-dev:/usr/include/jansson.h"
  "libicu-dev:/usr/include/unicode/ucsdet.h"
  "python3:/usr/bin/python3"
  "valgrind:valgrind"
)
if [[ ${1:-} == --tests ]]; then
  need+=(
    "chromium:chromium"
    "fonts-dejavu-core:/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
    "python3-distributed:/usr/lib/python3/dist-packages/distributed/__init__.py"
    "python3-pip:/usr/lib/python3/dist-packages/pip"
  )
fi

missing=()
for item in "${need[@]}"; do
  pkg=${item%%:*}
  probe=${item#*:}
  if [[ $probe == /* ]]; then
    [[ -e $probe ]] || missing+=("$pkg")
  else
    command -v "$probe" >/dev/null 2>&1 || missing+=("$pkg")
  fi
done

if ((${#missing[@]} == 0)); then
  exit 0
fi

echo "deps.sh: installing ${missing[*]}" >&2
sudo=()
if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null 2>&1; then
    sudo=(sudo)
  else
    echo "deps.sh: missing packages (${missing[*]}) and not root; install them and retry" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -q
"${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
