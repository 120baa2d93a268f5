#!/usr/bin/python3
"""pith on a Dask cluster: folders of pages and WARC files in, JSON Lines out.

    /usr/bin/python3 examples/dask_extract.py [--scheduler ADDRESS | --workers N]
        [--pith PATH] [--engine auto|module|cli] [--chunk N] INPUT... > out.jsonl

The output is the same bytes `pith --format jsonl INPUT...` writes on one machine: one
record per page or WARC record, in input order (folders walked in name order), an error
record for an input that failed; the exit status is 1 when any did. Without --scheduler
a LocalCluster of N worker processes is started on this machine (default 2).

The work is cut into tasks: a run of --chunk page files (default 64), or one WARC or
JSON Lines file. Each worker holds its own extractor, set up once by a worker plugin:
through the Python module (bindings/python/pith) when it is importable (--engine auto or
module), else the pith CLI (--engine cli), whose process builds the extractor for each
task; WARC and JSON Lines files always go through the CLI, which reads them with the
library's readers. Nothing here decides anything about a page: that is the library's.

Uses Debian's python3-distributed (so /usr/bin/python3); no PyPI.
"""
import argparse
import os
import shutil
import subprocess
import sys
import zlib

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


# ---- what to read: the CLI's walk, in Python ----------------------------------------

def is_warc(path):
    """The library's pith_warc_sniff, for the listing: a WARC record at the start."""
    try:
        with open(path, "rb") as f:
            head = f.read(4096)
    except OSError:
        return False
    if head[:2] == b"\x1f\x8b":
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 16)
        except zlib.error:
            return False
    return len(head) >= 6 and head[:5] == b"WARC/" and head[5:6].isdigit()


def walk(arg):
    """The files under a folder as the CLI lists them: names sorted byte-wise, folders
    first descended where they fall in that order, paths joined the way it joins them."""
    try:
        names = sorted(os.listdir(os.fsencode(arg)))
    except OSError:
        yield arg  # the CLI reports it; so will the task
        return
    for name in names:
        path = arg + ("" if arg.endswith("/") else "/") + os.fsdecode(name)
        if os.path.isdir(path):
            yield from walk(path)
        else:
            yield path


def tasks(inputs, chunk):
    """(kind, paths) in input order: kind "pages" for a run of page files, "cli" for a
    WARC or JSON Lines file (or anything the CLI must report itself)."""
    run = []
    for arg in inputs:
        files = walk(arg) if os.path.isdir(arg) else [arg]
        for path in files:
            container = (path.endswith((".jsonl", ".ndjson")) or is_warc(path) or
                         not os.path.isfile(path))
            if container:
                if run:
                    yield "pages", run
                    run = []
                yield "cli", [path]
                continue
            run.append(path)
            if len(run) == chunk:
                yield "pages", run
                run = []
    if run:
        yield "pages", run


# ---- on the workers --------------------------------------------------------------------

def load_module():
    """The Python bindings, or None when they are not there (or lack what is used)."""
    sys.path.insert(0, os.path.join(REPO, "bindings", "python"))
    try:
        import pith  # noqa: F401
    except Exception:
        return None
    return pith if hasattr(pith, "Extractor") else None


class PithPlugin:
    """Gives each worker its extractor once, when the worker starts."""

    name = "pith"

    def __init__(self, pith_cli, engine):
        self.pith_cli = pith_cli
        self.engine = engine

    def setup(self, worker):
        module = load_module() if self.engine in ("auto", "module") else None
        if self.engine == "module" and module is None:
            raise RuntimeError("--engine module: bindings/python/pith cannot be imported")
        worker.pith_module = module
        worker.pith_extractor = module.Extractor() if module else None
        worker.pith_cli = self.pith_cli

    def teardown(self, worker):
        ex = getattr(worker, "pith_extractor", None)
        if ex is not None and hasattr(ex, "close"):
            ex.close()


def run_cli(cli, paths):
    """Records for paths from the CLI; exit 1 means some inputs failed, which the records
    say, and anything else is a failure of the task."""
    p = subprocess.run([cli, "--format", "jsonl", "--quiet", "--", *paths],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if p.returncode not in (0, 1):
        raise RuntimeError(f"pith exited {p.returncode}: {p.stderr.decode(errors='replace')}")
    return p.stdout


def status_code(module, status):
    """The library's stable code for a status (pith_status_code), through the bindings'
    handle on the library."""
    import ctypes
    fn = getattr(getattr(module, "_lib", None), "pith_status_code", None)
    if fn is None:
        return "io_error"
    fn.restype, fn.argtypes = ctypes.c_char_p, [ctypes.c_int]
    return fn(int(status)).decode("utf-8")


def module_record(module, ex, path):
    """One record for a page file through the bindings, as the CLI writes it: the
    library's batch record (pith_render_record), or an error record with the library's
    message and status code."""
    import json
    error_type = getattr(module, "Error", Exception)
    try:
        with open(path, "rb") as f:
            data = f.read()
        doc = ex.extract(data)
        try:
            body = doc.to_json(source=path)
        except TypeError:  # bindings without batch records: the same member spliced in
            body = doc.to_json()
            body = '{"source":' + json.dumps(path, ensure_ascii=False) + "," + body[1:]
        return body.encode("utf-8") if isinstance(body, str) else body
    except OSError as e:
        rec = {"source": path, "error": e.strerror or str(e), "status": "io_error"}
    except error_type as e:
        rec = {"source": path, "error": getattr(e, "message", None) or str(e),
               "status": status_code(module, getattr(e, "status", 10))}
    return json.dumps(rec, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def do_task(kind, paths):
    from distributed import get_worker
    w = get_worker()
    if kind == "pages" and w.pith_extractor is not None:
        return b"".join(module_record(w.pith_module, w.pith_extractor, p) + b"\n" for p in paths)
    return run_cli(w.pith_cli, paths)


# ---- the driver ------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("inputs", nargs="+", metavar="INPUT")
    ap.add_argument("--scheduler", help="address of a running Dask scheduler")
    ap.add_argument("--workers", type=int, default=2, help="local worker processes (2)")
    ap.add_argument("--pith", help="the pith CLI (default: build/examples/pith, then PATH)")
    ap.add_argument("--engine", choices=["auto", "module", "cli"], default="auto")
    ap.add_argument("--chunk", type=int, default=64, help="page files per task (64)")
    a = ap.parse_args()
    cli = a.pith or os.path.join(REPO, "build", "examples", "pith")
    if not os.access(cli, os.X_OK):
        cli = shutil.which("pith")
    if not cli:
        sys.exit("dask_extract: no pith CLI (build it, or give --pith)")
    cli = os.path.abspath(cli)
    if "PITH_LIBRARY" not in os.environ:
        lib = os.path.join(os.path.dirname(os.path.dirname(cli)), "libpith.so")
        if os.path.exists(lib):
            os.environ["PITH_LIBRARY"] = lib  # for the bindings on local workers

    from distributed import Client, LocalCluster
    cluster = None
    if a.scheduler:
        client = Client(a.scheduler)
    else:
        cluster = LocalCluster(n_workers=a.workers, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    failed = 0
    try:
        client.register_worker_plugin(PithPlugin(cli, a.engine), name="pith")
        futures = [client.submit(do_task, kind, paths, pure=False)
                   for kind, paths in tasks(a.inputs, a.chunk)]
        out = sys.stdout.buffer
        for fut in futures:  # in input order, each as soon as it and those before are done
            chunk = fut.result()
            # an "error" member name appears unescaped only in error records: the same
            # bytes inside page text are escaped (\")
            failed += chunk.count(b'"error":')
            out.write(chunk)
        out.flush()
    finally:
        client.close()
        if cluster:
            cluster.close()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
