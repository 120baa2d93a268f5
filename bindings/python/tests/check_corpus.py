#!/usr/bin/env python3
"""The Python module against the CLI on the shared corpora: pith.extract(bytes).text
equals the CLI's "text" on every page of aeb, and `python3 -m pith --format json` prints
what `pith --format json` prints on every page of seeds.

usage: check_corpus.py --cli PITH_BINARY [--shared DIR]

The shared folder is --shared, else $PITH_SHARED, else <repo>/../shared; without it the
check is skipped (exit 77, ctest's SKIP_RETURN_CODE). The module is imported from this
tree; the library is found as usual (PITH_LIBRARY, ...).
"""
import argparse
import glob
import json
import os
import subprocess
import sys

SKIP = 77
HERE = os.path.dirname(os.path.abspath(__file__))
PACKAGE_DIR = os.path.dirname(HERE)
REPO = os.path.dirname(os.path.dirname(PACKAGE_DIR))
sys.path.insert(0, PACKAGE_DIR)
import pith  # noqa: E402


def check_aeb(cli, corpus):
    pages = sorted(glob.glob(os.path.join(corpus, "*.html.gz")))
    out = subprocess.run([cli, "--format", "jsonl", *pages], capture_output=True, check=False)
    records = [json.loads(line) for line in out.stdout.splitlines()]
    if [r["source"] for r in records] != pages:
        print("aeb: the CLI did not give one record per page")
        return 1
    ex = pith.Extractor()
    differ = []
    for path, rec in zip(pages, records):
        with open(path, "rb") as f:
            data = f.read()
        try:
            text = ex.extract(data).text
        except pith.Error as e:
            text = "error: %s" % e
        if text != rec.get("text", "error: %s" % rec.get("error")):
            differ.append(os.path.basename(path))
    print("aeb: pith.extract(bytes).text == CLI text on %d of %d pages%s" % (
        len(pages) - len(differ), len(pages), (": differ " + " ".join(differ)) if differ else ""))
    return 1 if differ or not pages else 0


def check_seeds(cli, corpus):
    pages = sorted(glob.glob(os.path.join(corpus, "*.txt")))
    env = dict(os.environ, PYTHONPATH=PACKAGE_DIR + os.pathsep + os.environ.get("PYTHONPATH", ""))
    differ = []
    for path in pages:
        want = subprocess.run([cli, "--format", "json", path], capture_output=True, check=False)
        got = subprocess.run([sys.executable, "-m", "pith", "--format", "json", path],
                             capture_output=True, env=env, check=False)
        if (got.returncode, got.stdout) != (want.returncode, want.stdout) or not want.stdout:
            differ.append(os.path.basename(path))
    print("seeds: python3 -m pith --format json == CLI on %d of %d pages%s" % (
        len(pages) - len(differ), len(pages), (": differ " + " ".join(differ)) if differ else ""))
    return 1 if differ or not pages else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cli", required=True)
    ap.add_argument("--shared")
    args = ap.parse_args()
    shared = args.shared or os.environ.get("PITH_SHARED") or os.path.join(REPO, "..", "shared")
    aeb, seeds = (os.path.join(shared, "corpus", c) for c in ("aeb", "seeds"))
    if not (os.path.isdir(aeb) and os.path.isdir(seeds)):
        print("shared corpora not found under %s: skipped" % os.path.abspath(shared))
        return SKIP
    print("library:", pith.library_path)
    return check_aeb(args.cli, aeb) | check_seeds(args.cli, seeds)


if __name__ == "__main__":
    sys.exit(main())
