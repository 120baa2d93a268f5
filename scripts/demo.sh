#!/usr/bin/env bash
# Builds pith (Release, in build/) and runs the CLI on the bundled sample page: the
# article as text, then every segment as a JSON Lines record.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

./scripts/deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)" >/dev/null

pith=build/examples/pith
echo "== $pith examples/sample.html (the article as text)"
"$pith" examples/sample.html
echo
echo "== the segments, one JSON object a line"
"$pith" --format json examples/sample.html | python3 -c '
import json, sys
doc = json.load(sys.stdin)
for seg in doc.get("segments", []):
    print(json.dumps(seg, ensure_ascii=False))
'
