"""python3 -m pith: the CLI (examples/pith.c) in Python, over the same library.

The same flags, inputs, output bytes, summary and exit statuses as `pith`: it is how a
Python program drives pith, written out, and the tests hold it to the CLI's output.
Listing inputs (files, folders, the records of WARC files, the lines of JSON Lines
files) and writing in input order is done here; every decision about a page, a WARC
record or a JSON line is the library's.
"""
import collections
import concurrent.futures
import errno
import os
import re
import stat
import sys
import time

import pith

USAGE = """\
usage: python3 -m pith [options] [FILE|DIR|-]...
Segments scraped pages (HTML or visible-text dumps, gzip allowed) and prints the article.
  --format F            text (default), markdown, json, jsonl, explain, html
  --explain             the same as --format explain
  --only KINDS          keep only these segment kinds (comma-separated, e.g. title,body)
  --url URL             the page's address (a hint for metadata)
  --content-type CT     the HTTP Content-Type, whose charset is used
  --input K             html, text or auto (default: sniff)
  --page-type T         auto (default: detect), article, forum, product, collection,
                        listing, documentation, service or other
  --input-format F      auto (default), page, warc or jsonl: what each FILE holds.
                        auto reads WARC files (also gzipped) by their content, .jsonl
                        and .ndjson files as JSON Lines, anything else as one page
  --html-field NAME     JSON Lines: the field holding the page (default html)
  --url-field NAME      JSON Lines: the page's address (default url)
  --id-field NAME       JSON Lines: an id passed through to the output (default id)
  --rules FILE          add a rule file (may be repeated)
  --no-builtin-rules    use only the rules given with --rules
  --source-case         HTML: keep letter case as written, not as the page's own
                        CSS (text-transform) shows it
  -j, --jobs N          worker threads sharing one extractor (default 1)
  --progress, --quiet   force the progress line on stderr (shown by default when
                        stderr is a terminal and stdout is not), or show neither it
                        nor the summary
  --help, --version
No FILE, or -, reads standard input; a DIR is walked recursively in name order.
jsonl prints one record per input, page or WARC record or JSON line, and an error record
(with a stable "status" code) for one that failed; a batch ends with a summary on
stderr. The exit status is 1 when any input failed, 2 for a usage or rule error.
"""

FORMATS = ("text", "markdown", "json", "explain", "html", "jsonl")
CONTAINERS = ("auto", "page", "warc", "jsonl")
WITH_VALUE = ("--format", "--url", "--content-type", "--input", "--rules", "--jobs", "-j",
              "--input-format", "--html-field", "--url-field", "--id-field", "--only",
              "--page-type")
HEAD = 4096  # bytes read to sniff a stream


class UsageError(Exception):
    pass


def parse(argv):
    """The CLI's flags, in its order and with its messages."""
    o = {"format": "text", "url": None, "content_type": None, "input": "auto",
         "page_type": None, "rules": [], "builtin_rules": True, "source_case": False, "jobs": 1, "files": [],
         "input_format": "auto", "fields": (None, None, None), "kinds": None,
         "progress": -1}
    fields = [None, None, None]
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
        if a == "--source-case":
            o["source_case"] = True
            continue
        if a in ("--progress", "--quiet"):
            o["progress"] = 1 if a == "--progress" else 0
            continue
        val = None
        if a.startswith("-j") and len(a) > 2 and a[2] != "=":  # -j4
            a, val = "-j", a[2:]
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
        elif a == "--rules":
            o["rules"].append(val)
        elif a in ("--jobs", "-j"):
            # strtol's reading: leading space and a sign, then digits to the end
            if not re.fullmatch(r"[ \t\n\v\f\r]*[+-]?[0-9]+", val) or not 1 <= int(val) <= 256:
                raise UsageError("--jobs wants a number from 1 to 256, not: %s" % val)
            o["jobs"] = int(val)
        elif a == "--input-format":
            if val not in CONTAINERS:
                raise UsageError("--input-format wants auto, page, warc or jsonl, not: %s"
                                 % val)
            o["input_format"] = val
        elif a in ("--html-field", "--url-field", "--id-field"):
            fields[("--html-field", "--url-field", "--id-field").index(a)] = val
        elif a == "--only":
            try:
                pith._kinds_mask(val)  # the library's check and message
            except pith.Error as e:
                raise UsageError("--only: %s" % e.message) from None
            o["kinds"] = val
        elif a == "--page-type":
            if val != "auto" and val not in pith.PAGE_TYPES:
                raise UsageError("unknown page type: %s" % val)
            o["page_type"] = val
    o["fields"] = tuple(fields)
    return o


# ---- jobs: what each input becomes, and its result ----

class Job:
    """One input: a page file, a page's bytes (a WARC record, a stream), a JSON line,
    or a failure known before any work. Once processed: what to print, and whether it
    failed."""
    __slots__ = ("kind", "source", "id_json", "data", "url", "ctype", "line", "failure",
                 "out", "message", "failed")

    def __init__(self, kind, source, data=None, url=None, ctype=None, line=0, failure=None,
                 id_json=None):
        self.kind, self.source, self.data = kind, source, data
        self.url, self.ctype, self.line = url, ctype, line
        self.failure, self.id_json = failure, id_json
        self.out, self.message, self.failed = None, b"", False


def failed_job(source, status, message, err=None, id_json=None):
    """A failure known before any work; `err` (an errno) adds its description."""
    if err:
        message = "%s%s%s" % (message or "", ": " if message else "", os.strerror(err))
    return Job("failed", source, failure=pith._error(status, _Msg(message)), id_json=id_json)


class _Msg:
    """A message in the shape pith._error reads (a pith_error's)."""

    def __init__(self, text):
        self.message = text.encode("utf-8")[:255]


def read_fd_all(fd, cap, have=b""):
    """The rest of fd after `have`, at most `cap` bytes in all, as the CLI reads it."""
    st = os.fstat(fd)
    if stat.S_ISDIR(st.st_mode):
        raise OSError(errno.EISDIR, os.strerror(errno.EISDIR))
    if stat.S_ISREG(st.st_mode) and st.st_size > cap:
        raise pith.TooLargeError("file is larger than max_input_bytes")
    chunks, n = [have], len(have)
    while n <= cap:
        b = os.read(fd, min(1 << 20, cap + 1 - n))
        if not b:
            break
        chunks.append(b)
        n += len(b)
    if n > cap:
        raise pith.TooLargeError("input is larger than max_input_bytes")
    return b"".join(chunks)


def read_file(path, cap):
    fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    try:
        return read_fd_all(fd, cap)
    finally:
        os.close(fd)


def process(ex, o, job):
    """Reads, extracts and renders one job; runs on any worker thread."""
    url, ctype, data, failure = o["url"], o["content_type"], None, None
    try:
        if job.kind == "failed":
            raise job.failure
        if job.kind == "file":
            data = read_file(job.source, ex.options["max_input_bytes"])
        elif job.kind == "data":
            data, job.data = job.data, None
            url = job.url or url
            ctype = job.ctype or ctype
        else:  # a JSON line
            try:
                rec = pith.parse_jsonl(job.data, *o["fields"])
            except pith.Error as e:
                if e.id_json is not None and job.id_json is None:
                    job.id_json = e.id_json
                # name the line: the source already says which one, the message why
                msg = ("line %d: %s" % (job.line, e.message)).encode("utf-8")[:255]
                raise pith._error(e.status, _Msg(msg.decode("utf-8", "ignore"))) from None
            if rec.id_json is not None and job.id_json is None:
                job.id_json = rec.id_json
            data, url, ctype = rec.page, rec.url or url, rec.content_type
        with ex.extract(data, url=url, content_type=ctype, input=o["input"],
                        page_type=o["page_type"]) as doc:
            fmt = o["format"]
            if fmt == "jsonl":
                out = doc.to_json(source=os.fsencode(job.source), id_json=job.id_json,
                                  kinds=o["kinds"])
            elif fmt == "json":
                out = doc.to_json(kinds=o["kinds"])
            elif fmt == "text":
                out = doc.to_text(kinds=o["kinds"])
            elif fmt == "markdown":
                out = doc.to_markdown(kinds=o["kinds"])
            elif fmt == "explain":
                out = doc.explain(kinds=o["kinds"])
            else:
                out = doc.to_html(kinds=o["kinds"])
        job.out = out.encode("utf-8")
    except (pith.Error, OSError) as e:
        failure = e
    if failure is not None:
        job.failed = True
        if o["format"] == "jsonl":  # every input gets a record, an error record here
            job.out = pith.error_record(os.fsencode(job.source), failure,
                                        id_json=job.id_json).encode("utf-8")
        else:
            message = failure.message if isinstance(failure, pith.Error) else \
                (failure.strerror or str(failure))
            job.message = b"pith: " + os.fsencode(job.source) + b": " + \
                message.encode("utf-8") + b"\n"
    return job


# ---- output, progress and summary ----

class Output:
    """stdout in large writes; a reader that goes away ends the run quietly."""

    def __init__(self):
        self.buf, self.size = [], 0

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


class Progress:
    def __init__(self, show):
        self.show, self.drawn = show, False
        self.start = self.last = time.monotonic()
        self.ok = self.failed = self.skipped = 0
        self.done_bytes = self.total_bytes = 0

    def clear(self):
        if self.drawn:
            sys.stderr.write("\r\033[K")
            self.drawn = False

    def draw(self, force=False):
        t = time.monotonic()
        if not self.show or (not force and t - self.last < 0.25):
            return
        self.last = t
        elapsed = t - self.start
        pages = self.ok + self.failed
        eta = ""
        if self.total_bytes and self.done_bytes:
            left = elapsed * (self.total_bytes - min(self.done_bytes, self.total_bytes)) / \
                self.done_bytes
            eta = ", ETA %s" % hms(left)
        sys.stderr.write("\r\033[Kpith: %d pages, %.1f/s, %d errors, %s elapsed%s" % (
            pages, pages / elapsed if elapsed > 0 else 0.0, self.failed, hms(elapsed), eta))
        sys.stderr.flush()
        self.drawn = True


def hms(s):
    t = int(s + 0.5) if s > 0 else 0
    if t >= 3600:
        return "%d:%02d:%02d" % (t // 3600, t // 60 % 60, t % 60)
    return "%d:%02d" % (t // 60, t % 60)


def emit(w, fmt, job, multi, prog):
    if job.out is not None and multi and fmt in ("text", "markdown", "explain"):
        w.put(b"==> " + os.fsencode(job.source) + b" <==\n")
    if job.out is not None:
        w.put(job.out)
        if not job.out.endswith(b"\n"):
            w.put(b"\n")
        if multi and fmt not in ("jsonl", "json"):
            w.put(b"\n")
    if job.message:
        w.flush()  # keep stdout and stderr in input order on a terminal
        prog.clear()
        sys.stderr.buffer.write(job.message)
        sys.stderr.buffer.flush()
    if job.failed:
        prog.failed += 1
    else:
        prog.ok += 1
    prog.draw()


# ---- inputs: arguments, folders walked in name order, WARC records, JSON lines ----

def is_jsonl_name(path):
    return path.endswith((".jsonl", ".ndjson"))


def file_format(o, path):
    """What a regular file holds, for --input-format auto: WARC by content, JSON Lines
    by name."""
    if o["input_format"] != "auto":
        return o["input_format"]
    if is_jsonl_name(path):
        return "jsonl"
    try:
        with open(path, "rb") as f:
            head = f.read(HEAD)
    except OSError:
        return "page"  # the page reader reports the error
    return "warc" if head and pith.warc_sniff(head) else "page"


class Replay:
    """A stream seen through the first bytes already read from it to sniff it."""

    def __init__(self, head, fd):
        self.head, self.fd = head, fd

    def read(self, n):
        if self.head:
            b, self.head = self.head[:n], self.head[n:]
            return b
        return os.read(self.fd, n)


def warc_record_id_json(record_id):
    """A WARC-Record-ID as the CLI writes it in "id": a JSON string, quotes and
    backslashes escaped, control characters dropped."""
    out = []
    for ch in record_id:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ord(ch) >= 0x20:
            out.append(ch)
    return '"' + "".join(out) + '"'


def warc_jobs(o, source, reader, prog):
    """The records of a WARC file as jobs; skipped records are counted, not jobs."""
    with reader:
        pos = 0
        for rec in reader:
            now = reader.position
            prog.done_bytes += now - pos
            pos = now
            name = "%s@%d" % (source, rec.offset)
            if rec.error is None and not rec.page:
                prog.skipped += 1
                continue
            id_json = warc_record_id_json(rec.record_id) if rec.record_id else None
            if rec.error is not None:
                yield Job("failed", name, failure=rec.error, id_json=id_json)
            else:
                yield Job("data", name, data=rec.payload, url=rec.target_uri or None,
                          ctype=rec.content_type or None, id_json=id_json)
        prog.done_bytes += reader.position - pos


def line_jobs(o, source, f, prog):
    """The lines of a JSON Lines file as jobs; blank lines are counted as skipped. A
    line longer than the cap becomes an error record."""
    cap = o["cap"] * 2 + 4096  # JSON escapes
    lineno = 0
    while True:
        try:
            line = f.readline(cap + 1)
        except OSError as e:
            yield failed_job(source, pith.Status.IO, "read error", e.errno)
            return
        if not line:
            return
        too_long = len(line.rstrip(b"\n")) >= cap
        if too_long:
            while line and not line.endswith(b"\n"):
                prog.done_bytes += len(line)
                line = f.readline(1 << 20)
        prog.done_bytes += len(line) - (1 if line.endswith(b"\n") else 0)
        lineno += 1
        name = "%s:%d" % (source, lineno)
        if too_long:
            yield failed_job(name, pith.Status.TOO_LARGE,
                             "line is longer than max_input_bytes allows")
            continue
        line = line[:-1] if line.endswith(b"\n") else line
        if not line.strip(b" \t\r"):
            prog.skipped += 1
            continue
        yield Job("jsonl", name, data=line, line=lineno)


def container_jobs(o, path, fmt, prog, stream=None):
    """A WARC or JSON Lines file (or stdin, or a stream already sniffed) as jobs."""
    if fmt == "warc":
        try:
            reader = pith.WarcReader(stream if stream is not None else path,
                                     max_input_bytes=o["cap"])
        except pith.Error as e:
            yield failed_job(path, e.status, e.message)
            return
        yield from warc_jobs(o, path, reader, prog)
        return
    if path == "-":
        yield from line_jobs(o, path, sys.stdin.buffer, prog)
        return
    try:
        f = open(path, "rb")
    except OSError as e:
        yield failed_job(path, pith.Status.IO, None, e.errno)
        return
    with f:
        yield from line_jobs(o, path, f, prog)


def stream_jobs(o, name, fd, prog):
    """A stream read once: stdin, or a pipe named on the command line. A page, a WARC
    stream, or (when asked) JSON Lines."""
    fmt = o["input_format"]
    if fmt in ("jsonl", "warc"):
        yield from container_jobs(o, name, fmt, prog, stream=Replay(b"", fd))
        return
    head = b""
    try:
        while len(head) < HEAD:
            b = os.read(fd, HEAD - len(head))
            if not b:
                break
            head += b
    except OSError:
        pass
    if fmt == "auto" and pith.warc_sniff(head):
        yield from container_jobs(o, name, "warc", prog, stream=Replay(head, fd))
        return
    try:
        data = read_fd_all(fd, o["cap"], head)
    except pith.Error as e:
        yield failed_job(name, e.status, e.message)
        return
    except OSError as e:
        yield failed_job(name, pith.Status.IO, "read error", e.errno)
        return
    prog.done_bytes += len(data)
    yield Job("data", name, data=data)


def file_jobs(o, path, prog):
    """A file found by the walk or named: a page job, or the jobs of a container."""
    try:
        st = os.stat(path)
        regular = stat.S_ISREG(st.st_mode)
    except OSError:
        regular = False
    if not regular and o["input_format"] == "auto" and not is_jsonl_name(path):
        try:
            fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
        except OSError:
            fd = None
        if fd is not None:
            try:
                yield from stream_jobs(o, path, fd, prog)
            finally:
                os.close(fd)
            return
    fmt = file_format(o, path) if regular else \
        ("page" if o["input_format"] == "auto" else o["input_format"])
    if fmt == "page":
        if regular:
            prog.done_bytes += st.st_size
        yield Job("file", path)
        return
    yield from container_jobs(o, path, fmt, prog)


def list_dir(path, stack):
    """A folder's entries in byte order, or an errno; a folder already being walked is a
    loop (ELOOP)."""
    try:
        st = os.stat(path)
        if (st.st_dev, st.st_ino) in stack:
            return errno.ELOOP, None
        names = os.listdir(path)
    except OSError as e:
        return e.errno, None
    return 0, ((st.st_dev, st.st_ino), sorted(names, key=os.fsencode))


def join(d, name):
    return d + name if d.endswith("/") else d + "/" + name


def walk(o, top, ident, names, stack, prog):
    """The jobs under a folder that is being walked: each entry that cannot be read is
    an error job, never skipped silently; FIFOs and devices are counted as skipped."""
    stack.append(ident)
    for name in names:
        path = join(top, name)
        try:
            st = os.lstat(path)
        except OSError as e:
            yield failed_job(path, pith.Status.IO, "cannot stat", e.errno)
            continue
        if stat.S_ISLNK(st.st_mode):
            try:
                st = os.stat(path)
            except OSError as e:
                what = {errno.ENOENT: "dangling symlink", errno.ELOOP: "symlink loop"}.get(
                    e.errno, "symlink")
                yield failed_job(path, pith.Status.IO, what, e.errno)
                continue
        if stat.S_ISDIR(st.st_mode):
            err, listing = list_dir(path, stack)
            if not err:
                yield from walk(o, path, listing[0], listing[1], stack, prog)
            elif err == errno.ELOOP:
                yield failed_job(path, pith.Status.IO,
                                 "symlink loop: this folder is already being walked")
            else:
                yield failed_job(path, pith.Status.IO, "cannot list", err)
            continue
        if not stat.S_ISREG(st.st_mode):
            prog.skipped += 1  # a FIFO, socket or device: not a page
            continue
        yield from file_jobs(o, path, prog)
    stack.pop()


def inputs(o, args, prog):
    for arg in args:
        if arg == "-":
            yield from stream_jobs(o, "-", sys.stdin.fileno(), prog)
            continue
        if os.path.isdir(arg):
            err, listing = list_dir(arg, [])
            if err:
                yield failed_job(arg, pith.Status.IO, "cannot list", err)
            else:
                yield from walk(o, arg, listing[0], listing[1], [], prog)
            continue
        yield from file_jobs(o, arg, prog)


def total_bytes(args):
    """The bytes a run will read, for the ETA; 0 when unknown (stdin)."""
    total = 0
    for arg in args:
        if arg == "-":
            return 0
        try:
            st = os.stat(arg)
        except OSError:
            continue
        if stat.S_ISREG(st.st_mode):
            total += st.st_size
        elif stat.S_ISDIR(st.st_mode):
            # folders reached through symlinks are not counted, so a loop cannot make
            # this walk endless
            todo = [arg]
            while todo:
                d = todo.pop()
                try:
                    names = os.listdir(d)
                except OSError:
                    continue
                for name in names:
                    path = join(d, name)
                    try:
                        st = os.lstat(path)
                        if stat.S_ISDIR(st.st_mode):
                            todo.append(path)
                            continue
                        if stat.S_ISLNK(st.st_mode):
                            st = os.stat(path)
                    except OSError:
                        continue
                    if stat.S_ISREG(st.st_mode):
                        total += st.st_size
    return total


def run(ex, o, args, multi, prog):
    w = Output()
    jobs = inputs(o, args, prog)
    if o["jobs"] == 1:
        for job in jobs:
            emit(w, o["format"], process(ex, o, job), multi, prog)
    else:
        # a window of inputs in flight, written in input order as they finish
        window = collections.deque()
        with concurrent.futures.ThreadPoolExecutor(o["jobs"]) as pool:
            for job in jobs:
                if len(window) == o["jobs"] * 4:
                    emit(w, o["format"], window.popleft().result(), multi, prog)
                window.append(pool.submit(process, ex, o, job))
            while window:
                emit(w, o["format"], window.popleft().result(), multi, prog)
    w.flush()


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
        # the HTML view shows each block's evidence on hover
        ex = pith.Extractor(rules=o["rules"], builtin_rules=o["builtin_rules"],
                            source_case=o["source_case"],
                            evidence=o["format"] in ("explain", "html"))
    except pith.Error as e:
        sys.stderr.write("pith: %s\n" % e.message)
        return 2
    o["cap"] = ex.options["max_input_bytes"]
    args = o["files"] or ["-"]
    # several records per run: a header per record in the text formats, a summary
    multi = len(args) > 1 or o["input_format"] in ("warc", "jsonl")
    for arg in args:
        if multi or arg == "-":
            continue
        try:
            st = os.stat(arg)
        except OSError:
            continue
        multi = stat.S_ISDIR(st.st_mode) or (
            stat.S_ISREG(st.st_mode) and o["input_format"] == "auto" and
            file_format(dict(o, input_format="auto"), arg) != "page")
    show = o["progress"] == 1 or (o["progress"] == -1 and sys.stderr.isatty() and
                                  not sys.stdout.isatty())
    prog = Progress(show)
    if show:
        prog.total_bytes = total_bytes(args)
    with ex:
        run(ex, o, args, multi, prog)
    if prog.show:
        prog.draw(force=True)
        sys.stderr.write("\n")
        prog.drawn = False
    if o["progress"] != 0 and (multi or prog.skipped):
        sys.stderr.write("pith: %d ok, %d failed, %d skipped\n" % (prog.ok, prog.failed,
                                                                  prog.skipped))
    return 1 if prog.failed else 0


if __name__ == "__main__":
    sys.exit(main())
