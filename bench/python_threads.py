#!/usr/bin/env python3
"""Extraction from N Python threads sharing one pith.Extractor against one thread.

usage: python3 bench/python_threads.py [--threads N] [--rounds R] [CORPUS_DIR]

The pages (default: the tfeval corpus of ../shared, or $PITH_SHARED) are read into
memory first; each round times every page's pith.extract(...).text, once on one thread
and once spread over N threads pulling from one queue, and the best round of each is
reported with the speed-up. libpith releases the GIL while it works (it is loaded as a
ctypes.CDLL), so the speed-up is bounded by the cores, not by Python.
"""
import argparse
import os
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "bindings", "python"))
import pith  # noqa: E402


def default_corpus():
    shared = os.environ.get("PITH_SHARED") or os.path.join(HERE, "..", "..", "shared")
    return os.path.join(shared, "corpus", "tfeval")


def run(ex, pages, threads):
    """Wall seconds and CPU seconds (all threads) to extract every page with `threads`
    threads, and the texts' total length."""
    next_page = iter(range(len(pages)))
    lock = threading.Lock()
    chars = [0] * threads

    def worker(slot):
        while True:
            with lock:
                i = next(next_page, None)
            if i is None:
                return
            try:
                chars[slot] += len(ex.extract(pages[i]).text)
            except pith.Error:
                pass

    t0, c0 = time.perf_counter(), time.process_time()
    ts = [threading.Thread(target=worker, args=(k,)) for k in range(threads)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    return time.perf_counter() - t0, time.process_time() - c0, sum(chars)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", nargs="?", default=default_corpus())
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    names = sorted(os.listdir(args.corpus))
    pages = []
    for name in names:
        path = os.path.join(args.corpus, name)
        if os.path.isfile(path) and not name.endswith(".json"):
            with open(path, "rb") as f:
                pages.append(f.read())
    ex = pith.Extractor()
    run(ex, pages[:20], 1)  # warm up: page cache, allocator
    best1 = bestn = (float("inf"), 0.0)
    for _ in range(args.rounds):
        t1, cpu1, c1 = run(ex, pages, 1)
        tn, cpun, cn = run(ex, pages, args.threads)
        if c1 != cn:
            sys.exit("the threads' texts differ from one thread's")
        best1, bestn = min(best1, (t1, cpu1)), min(bestn, (tn, cpun))
    (best1, cpu1), (bestn, cpun) = best1, bestn
    print("%d pages (%.1f MB) from %s, library %s" % (
        len(pages), sum(map(len, pages)) / 1e6, args.corpus, pith.library_path))
    print("1 thread:   %.3f s  (%.0f pages/s)" % (best1, len(pages) / best1))
    print("%d threads:  %.3f s  (%.0f pages/s)" % (args.threads, bestn, len(pages) / bestn))
    print("speed-up:   %.2fx on %d cores (the %d threads kept %.2f cores busy; one thread "
          "%.2f)" % (best1 / bestn, os.cpu_count() or 0, args.threads, cpun / bestn,
                     cpu1 / best1))
    # On a loaded machine the speed-up is bounded by the cores the threads get; the
    # cores kept busy shows whether they ran in parallel when they had them.


if __name__ == "__main__":
    main()
