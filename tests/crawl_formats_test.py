#!/usr/bin/env python3
"""The crawl formats against the pages themselves, on a shared corpus.

    crawl_formats_test.py PITH_BINARY REPO_ROOT [CORPUS]   (default CORPUS: aeb)

Builds, from every page of <shared>/corpus/CORPUS:
  - a .warc.gz, one gzip member per record: a warcinfo record, a request and a response
    record per page, then a PNG response, a 404 page and a metadata record;
  - a JSON Lines file of the same pages ({"id", "url", "html"}), each page decoded with
    the charset pith finds for it, as a crawler that stores text would;
and checks that the CLI gives, record for record and in order, the text it gives for
each page read as a file; that the records that are not pages are counted as skipped
and none is missing; and that -j 2 gives the same bytes. The shared folder is
$PITH_SHARED, else REPO_ROOT/../shared; without it the test is skipped (exit 77).
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_warc  # noqa: E402


def run(cmd, **kw):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)


def records(out):
    return [json.loads(l) for l in out.decode("utf-8").splitlines() if l.strip()]


def main():
    pith, repo = os.path.abspath(sys.argv[1]), sys.argv[2]
    corpus = sys.argv[3] if len(sys.argv) > 3 else "aeb"
    shared = os.environ.get("PITH_SHARED") or os.path.join(repo, "..", "shared")
    folder = os.path.join(shared, "corpus", corpus)
    if not os.path.isdir(folder):
        print(f"skip: {folder} not found (set PITH_SHARED)")
        return 77
    pages = sorted(os.path.join(folder, f) for f in os.listdir(folder)
                   if f.endswith((".html", ".html.gz", ".htm")))
    failures = []

    def check(name, ok, detail=""):
        print(("ok   " if ok else "FAIL ") + name + ("" if ok else f": {detail}"))
        if not ok:
            failures.append(name)

    tmp = tempfile.mkdtemp(prefix="pith-crawl-")
    try:
        # the reference: each page as a file
        ref = run([pith, "--format", "jsonl", "--quiet", *pages])
        want = records(ref.stdout)
        check(f"{len(pages)} pages read as files", len(want) == len(pages) and
              all("error" not in r for r in want),
              [r.get("error") for r in want if "error" in r][:3])
        with open(os.path.join(tmp, "ref.jsonl"), "wb") as f:
            f.write(ref.stdout)

        warc = os.path.join(tmp, f"{corpus}.warc.gz")
        make_warc.write(warc, make_warc.build(pages, extra=True), "member")
        jsonl = os.path.join(tmp, f"{corpus}.jsonl")
        with open(jsonl, "w", encoding="utf-8") as f:
            for i, (p, r) in enumerate(zip(pages, want)):
                raw = make_warc.page_bytes(p)
                try:
                    html = raw.decode(r.get("charset") or "utf-8", errors="replace")
                except LookupError:
                    html = raw.decode("utf-8", errors="replace")
                f.write(json.dumps({"id": f"page-{i}", "url": make_warc.url_of(p),
                                    "html": html}) + "\n")

        w = run([pith, "--format", "jsonl", warc])
        got = records(w.stdout)
        check("WARC: exit 0", w.returncode == 0, w.stderr.decode()[-300:])
        check("WARC: one record per page, in order",
              [r["id"] for r in got] == [make_warc.record_id("response", make_warc.url_of(p))
                                         for p in pages], f"{len(got)} records")
        bad = [i for i, (a, b) in enumerate(zip(got, want)) if a.get("text") != b.get("text")]
        check("WARC: the text of each page as a file", not bad and len(got) == len(want),
              f"{len(bad)} differ, first {pages[bad[0]] if bad else ''}")
        skipped = 1 + len(pages) + 3  # warcinfo, the requests, PNG, 404, metadata
        check("WARC: the other records counted as skipped",
              f"pith: {len(pages)} ok, 0 failed, {skipped} skipped" in w.stderr.decode(),
              w.stderr.decode()[-200:])
        w2 = run([pith, "--format", "jsonl", "-j", "2", warc])
        check("WARC: -j 2 byte-identical", w2.stdout == w.stdout)

        j = run([pith, "--format", "jsonl", jsonl])
        got = records(j.stdout)
        check("JSON Lines: exit 0", j.returncode == 0, j.stderr.decode()[-300:])
        check("JSON Lines: one record per line, ids passed through",
              [r["id"] for r in got] == [f"page-{i}" for i in range(len(pages))])
        bad = [i for i, (a, b) in enumerate(zip(got, want)) if a.get("text") != b.get("text")]
        check("JSON Lines: the text of each page as a file", not bad and len(got) == len(want),
              f"{len(bad)} differ, first {pages[bad[0]] if bad else ''}")
        with open(jsonl, "rb") as f:
            m = run([pith, "--input-format", "jsonl", "--format", "jsonl", "--quiet"], stdin=f)
        check("JSON Lines on stdin (a mapper): the same records",
              [(r["id"], r["text"]) for r in records(m.stdout)] ==
              [(r["id"], r["text"]) for r in got])
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"{len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
