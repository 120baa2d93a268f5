#!/usr/bin/python3
"""examples/dask_extract.py on a LocalCluster of 2 worker processes gives the bytes the
single-process CLI gives, over folders (with an unreadable file) and WARC files.

    dask_test.py PITH_BINARY REPO_ROOT

Uses Debian's python3-distributed; exit 77 (skip) when it is not installed
(scripts/deps.sh --tests installs it)."""
import os
import shutil
import subprocess
import sys
import tempfile
import time


def main():
    pith, repo = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    try:
        import distributed  # noqa: F401
    except ImportError:
        print("skip: python3-distributed is not installed (scripts/deps.sh --tests)")
        return 77
    sys.path.insert(0, os.path.join(repo, "tests"))
    import make_warc
    failures = []

    def check(name, ok, detail=""):
        print(("ok   " if ok else "FAIL ") + name + ("" if ok else f": {detail}"))
        if not ok:
            failures.append(name)

    tmp = tempfile.mkdtemp(prefix="pith-dask-")
    try:
        os.chdir(tmp)
        sample_html = os.path.join(repo, "examples", "sample.html")
        sample_txt = os.path.join(repo, "examples", "sample.txt")
        for d in ("crawl/b", "crawl/a/deep"):
            os.makedirs(d)
        for i in range(12):  # more pages than one chunk, so several tasks per folder
            shutil.copy(sample_html if i % 2 else sample_txt, f"crawl/a/p{i:02d}.html")
        shutil.copy(sample_txt, "crawl/a/deep/x.txt")
        shutil.copy(sample_html, "crawl/b/y.html")
        with open("crawl/b/z.bin", "wb") as f:
            f.write(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR")  # an error record
        make_warc.write("crawl/b/pages.warc.gz",
                        make_warc.build([sample_html, sample_txt], extra=True), "member")
        make_warc.write("other.warc", make_warc.build([sample_txt]), "none")
        inputs = ["crawl", "other.warc"]
        want = subprocess.run([pith, "--format", "jsonl", "--quiet", *inputs],
                              stdout=subprocess.PIPE)
        script = os.path.join(repo, "examples", "dask_extract.py")
        for engine in ("cli", "auto"):
            args = inputs if engine == "cli" else ["crawl/a"]  # the bindings: good pages
            ref = want if engine == "cli" else subprocess.run(
                [pith, "--format", "jsonl", "--quiet", *args], stdout=subprocess.PIPE)
            t = time.time()
            got = subprocess.run([sys.executable, script, "--workers", "2", "--chunk", "5",
                                  "--pith", pith, "--engine", engine, *args],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=240)
            took = time.time() - t
            check(f"dask ({engine}): exit status as the CLI's",
                  got.returncode == ref.returncode, got.stderr.decode()[-800:])
            n, m = ref.stdout.count(b"\n"), got.stdout.count(b"\n")
            check(f"dask ({engine}): the CLI's {n} records, byte for byte, in {took:.1f} s",
                  got.stdout == ref.stdout and n > 10,
                  f"{m} lines vs {n}")
    finally:
        os.chdir("/")
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"{len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
