"""python3 -m pith: the CLI (examples/pith.c) in Python, over the same library.

The same flags, inputs, output bytes and exit statuses as `pith`: it is how a Python
program drives pith, written out, and the tests hold it to the CLI's output. Reading
files and walking directories is the only work done here; every decision about a page is
the library's.
"""
import collections
import concurrent.futures
import os
import re
import stat
import sys

import pith

USAGE = """\
usage: python3 -m pith [options] [FILE|DIR|-]...
Segments scraped pages (HTML or visible-text dumps, gzip allowed) and prints the article.
  --format F           text (default), markdown, json, jsonl, explain, html
  --explain            the same as --format explain
  --url URL            the page's address (a hint for metadata)
  --content-type CT    the HTTP Content-Type, whose charset is used
  --input K            html, text or auto (default: sniff)
  --page-type T        auto (default: detect), article, forum, product, collection,
                       listing, documentation, service or other
  --rules FILE         add a rule file (may be repeated)
  --no-builtin-rules   use only the rules given with --rules
  --jobs N             worker threads sharing one extractor (default 1)
  --help, --version
No FILE, or -, reads standard input; a DIR is walked recursively in name order.
jsonl prints one record per input, an error record for a failed one; the exit status
is 1 when any input failed, 2 for a usage or rule error.
"""

FORMATS = ("text", "markdown", "json", "explain", "html", "jsonl")
WITH_VALUE = ("--format", "--url", "--content-type", "--input", "--rules", "--jobs",
              "--page-type")


class UsageError(Exception):
    pass


def parse(argv):
    """The CLI's flags, in its order and with its messages."""
    o = {"format": "text", "url": None, "content_type": None, "input": "auto",
         "page_type": None, "rules": [],
         "builtin_rules": True, "jobs": 1, "files": []}
    i, opts_done = 0, False
    while i < len(argv):
        a = argv[i]
        i += 1
        if opts_done or not a.startswith("-") or a == "-":
            o["files"].append(a)
            continue
        if a == "--":
            opts_done = True
            continue
        if a in ("--help", "-h"):
            return "help"
        if a == "--version":
            return "version"
        if a == "--explain":
            o["format"] = "explain"
            continue
        if a == "--no-builtin-rules":
            o["builtin_rules"] = False
            continue
        val = None
        if "=" in a:
            a, val = a.split("=", 1)
        if a not in WITH_VALUE:
            raise UsageError("unknown option: %s" % a)
        if val is None:
            if i >= len(argv):
                raise UsageError("missing value for: %s" % a)
            val = argv[i]
            i += 1
        if a == "--format":
            if val not in FORMATS:
                raise UsageError("unknown format: %s" % val)
            o["format"] = val
        elif a == "--url":
            o["url"] = val
        elif a == "--content-type":
            o["content_type"] = val
        elif a == "--input":
            if val not in ("auto", "html", "text"):
                raise UsageError("--input wants html, text or auto, not: %s" % val)
            o["input"] = val
        elif a == "--page-type":
            if val != "auto" and val not in pith.PAGE_TYPES:
                raise UsageError("unknown page type: %s" % val)
            o["page_type"] = val
        elif a == "--rules":
            o["rules"].append(val)
        elif a == "--jobs":
            # strtol's reading: leading space and a sign, then digits to the end
            if not re.fullmatch(r"[ \t\n\v\f\r]*[+-]?[0-9]+", val) or not 1 <= int(val) <= 256:
                raise UsageError("--jobs wants a number from 1 to 256, not: %s" % val)
            o["jobs"] = int(val)
    return o


# ---- inputs: the arguments, directories walked in name order ----

class Unlisted:
    """A directory that could not be listed: an input that fails with its errno."""

    def __init__(self, path, errno):
        self.path, self.errno = path, errno


def walk(top):
    """Files under `top`, recursively, names in byte order (as strcmp sorts them);
    symbolic links are followed to files, not to directories."""
    names = sorted(os.listdir(top), key=os.fsencode)
    for name in names:
        path = top + name if top.endswith("/") else top + "/" + name
        try:
            st = os.lstat(path)
        except OSError:
            continue  # vanished since it was listed
        if stat.S_ISDIR(st.st_mode):
            try:
                yield from walk(path)
            except OSError as e:
                yield Unlisted(path, e.errno)
        elif stat.S_ISREG(st.st_mode):
            yield path
        elif stat.S_ISLNK(st.st_mode) and os.path.isfile(path):
            yield path


def inputs(files):
    for arg in files or ["-"]:
        if arg != "-" and os.path.isdir(arg):
            try:
                names = walk(arg)
                first = next(names, None)  # lists `arg` now, so its failure is arg's
            except OSError as e:
                yield Unlisted(arg, e.errno)
                continue
            if first is not None:
                yield first
                yield from names
            continue
        yield arg


def read_input(source, cap):
    """The raw bytes of a file or of stdin ("-"), refused past `cap` bytes."""
    if source == "-":
        data = sys.stdin.buffer.read(cap + 1)
        if len(data) > cap:
            raise pith.TooLargeError("input is larger than max_input_bytes")
        return data
    fd = os.open(source, os.O_RDONLY)
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError(21, os.strerror(21))
        if stat.S_ISREG(st.st_mode) and st.st_size > cap:
            raise pith.TooLargeError("file is larger than max_input_bytes")
        with os.fdopen(fd, "rb", closefd=False) as f:
            data = f.read(cap + 1)
        if len(data) > cap:
            raise pith.TooLargeError("input is larger than max_input_bytes")
        return data
    finally:
        os.close(fd)


def process(ex, o, item):
    """One input: (source, output bytes or None, message for stderr, failed)."""
    if isinstance(item, Unlisted):
        source, failure = item.path, OSError(item.errno, os.strerror(item.errno))
    else:
        source, failure = item, None
    src = os.fsencode(source)
    fmt = o["format"]
    out = None
    try:
        if failure:
            raise failure
        data = read_input(source, ex.options["max_input_bytes"])
        with ex.extract(data, url=o["url"], content_type=o["content_type"],
                        input=o["input"], page_type=o["page_type"]) as doc:
            if fmt == "jsonl":
                out = doc.to_json(source=src)
            elif fmt == "json":
                out = doc.to_json()
            elif fmt == "text":
                out = doc.to_text()
            elif fmt == "markdown":
                out = doc.to_markdown()
            elif fmt == "explain":
                out = doc.explain()
            else:
                out = doc.to_html()
        return src, out.encode("utf-8"), b"", False
    except (pith.Error, OSError) as e:
        message = e.message if isinstance(e, pith.Error) else (e.strerror or str(e))
        if fmt == "jsonl":  # the record says it all
            return src, pith.error_record(src, e).encode("utf-8"), b"", True
        return src, None, b"pith: " + src + b": " + message.encode("utf-8") + b"\n", True


class Output:
    """stdout in large writes; a reader that goes away ends the run quietly."""

    def __init__(self):
        self.buf = []
        self.size = 0

    def put(self, b):
        self.buf.append(b)
        self.size += len(b)
        if self.size >= 1 << 20:
            self.flush()

    def flush(self):
        try:
            sys.stdout.buffer.write(b"".join(self.buf))
            sys.stdout.buffer.flush()
        except BrokenPipeError:
            os._exit(0)  # workers may still run; nothing needs cleaning up
        self.buf, self.size = [], 0


def emit(w, fmt, result, multi):
    source, out, message, failed = result
    if out is not None and multi and fmt in ("text", "markdown", "explain"):
        w.put(b"==> " + source + b" <==\n")
    if out is not None:
        w.put(out)
        if not out.endswith(b"\n"):
            w.put(b"\n")
        if multi and fmt not in ("jsonl", "json"):
            w.put(b"\n")
    if message:
        w.flush()  # keep stdout and stderr in input order on a terminal
        sys.stderr.buffer.write(message)
        sys.stderr.buffer.flush()
    return failed


def run(ex, o, multi):
    w, failed = Output(), False
    if o["jobs"] == 1:
        for item in inputs(o["files"]):
            failed |= emit(w, o["format"], process(ex, o, item), multi)
    else:
        # a window of inputs in flight, written in input order as they finish
        window = collections.deque()
        with concurrent.futures.ThreadPoolExecutor(o["jobs"]) as pool:
            for item in inputs(o["files"]):
                if len(window) == o["jobs"] * 4:
                    failed |= emit(w, o["format"], window.popleft().result(), multi)
                window.append(pool.submit(process, ex, o, item))
            while window:
                failed |= emit(w, o["format"], window.popleft().result(), multi)
    w.flush()
    return 1 if failed else 0


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    try:
        o = parse(argv)
    except UsageError as e:
        sys.stderr.write("pith: %s (try python3 -m pith --help)\n" % e)
        return 2
    if o == "help":
        sys.stdout.write(USAGE)
        return 0
    if o == "version":
        print("pith %s (library %s)" % (pith.__version__, pith.library_version))
        return 0
    try:
        ex = pith.Extractor(rules=o["rules"], builtin_rules=o["builtin_rules"],
                            evidence=o["format"] == "explain")
    except pith.Error as e:
        sys.stderr.write("pith: %s\n" % e.message)
        return 2
    multi = len(o["files"]) > 1 or (len(o["files"]) == 1 and os.path.isdir(o["files"][0]))
    with ex:
        return run(ex, o, multi)


if __name__ == "__main__":
    sys.exit(main())
