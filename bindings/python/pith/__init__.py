"""pith: strip the boilerplate from scraped web pages.

A thin ctypes layer over libpith (see include/pith.h, which documents the library)::

    import pith

    doc = pith.extract(open("page.html", "rb").read(), url="https://example.com/a")
    print(doc.title)
    print(doc.text)
    for seg in doc.segments:
        print(seg.kind, repr(doc.input_text[seg.start:seg.end][:60]))

    with pith.Extractor(rules=["site.rules"], evidence=True) as ex:  # compile once,
        docs = [ex.extract(page) for page in pages]                    # share freely

An Extractor is immutable once built and may be shared by any number of threads; the
library releases the GIL while it works, so extraction scales with threads.
"""
import enum
import os
import threading
import weakref
from collections import namedtuple
from ctypes import byref, c_size_t, c_uint, c_void_p, sizeof, string_at

from . import _native
from ._native import LibraryNotFound

__all__ = [
    "Extractor", "Document", "Segment", "Block", "BlockFlag", "Status", "extract",
    "Error", "InvalidArgumentError", "OutOfMemoryError", "EmptyInputError", "TooLargeError",
    "TooManyNodesError", "BinaryInputError", "GzipError", "ParseError", "RulesError",
    "ReadError", "LimitError", "WarcError", "EncodingError", "JsonError", "LibraryNotFound",
    "KINDS", "PAGE_TYPES", "library_version", "library_path", "error_record", "WarcReader",
    "WarcRecord", "warc_sniff", "JsonlRecord", "parse_jsonl",
]

__version__ = "0.2.0"

_lib = _native.lib
#: The file libpith was loaded from.
library_path = _native.path
#: The loaded library's version, e.g. "0.2.0" (may differ from __version__).
library_version = _lib.pith_version().decode("ascii")

#: Segment kinds, in the library's order.
def _kinds():
    names, i = [], 0
    while _lib.pith_kind_name(i) is not None:
        names.append(_lib.pith_kind_name(i).decode("ascii"))
        i += 1
    return tuple(names)


KINDS = _kinds()


def _page_types():
    names, i = [], 1  # 0 is "auto", for options only
    while _lib.pith_page_type_name(i) is not None:
        names.append(_lib.pith_page_type_name(i).decode("ascii"))
        i += 1
    return tuple(names)


#: Page types, in the library's order ("article", "forum", ...).
PAGE_TYPES = _page_types()


# ---------------------------------------------------------------------------------
# Errors
# ---------------------------------------------------------------------------------

class Status(enum.IntEnum):
    """pith_status."""
    OK = 0
    INVALID_ARGUMENT = 1
    NOMEM = 2
    EMPTY_INPUT = 3
    TOO_LARGE = 4
    TOO_MANY_NODES = 5
    BINARY = 6
    GZIP = 7
    PARSE = 8
    RULES = 9
    IO = 10
    LIMIT = 11
    WARC = 12
    ENCODING = 13
    JSON = 14
    END = 15  # not an error: a reader has no more records


class Error(Exception):
    """A pith_status other than PITH_OK, with the library's message.

    `status` is a Status (an int for a status newer than this module), `message` the
    library's message, `status_str` the library's short description of the status and
    `code` its stable machine-readable name ("empty_input", "warc_corrupt" ...), the one
    error records carry."""

    def __init__(self, message, status=None):
        super().__init__(message)
        self.message = message
        if status is None:
            status = _STATUS_OF.get(type(self), Status.OK)
        try:
            status = Status(status)
        except ValueError:
            pass
        self.status = status
        self.status_str = _lib.pith_status_str(int(status)).decode("utf-8", "replace")
        self.code = _lib.pith_status_code(int(status)).decode("ascii", "replace")


class InvalidArgumentError(Error, ValueError):
    """A bad argument (PITH_ERR_INVALID_ARGUMENT)."""


class OutOfMemoryError(Error, MemoryError):
    """An allocation failed (PITH_ERR_NOMEM)."""


class EmptyInputError(Error):
    """Zero bytes, or nothing but whitespace (PITH_ERR_EMPTY_INPUT)."""


class TooLargeError(Error):
    """The input, or its gunzipped form, exceeds max_input_bytes (PITH_ERR_TOO_LARGE)."""


class TooManyNodesError(Error):
    """The HTML has more elements than max_nodes (PITH_ERR_TOO_MANY_NODES)."""


class BinaryInputError(Error):
    """The bytes are not text: an image, a PDF, an archive ... (PITH_ERR_BINARY)."""


class GzipError(Error):
    """gzip-compressed input that does not inflate (PITH_ERR_GZIP)."""


class ParseError(Error):
    """The HTML parser could not be set up or gave up (PITH_ERR_PARSE)."""


class RulesError(Error):
    """A rule table has a syntax error or a bad regex (PITH_ERR_RULES)."""


class ReadError(Error, OSError):
    """A file could not be read (PITH_ERR_IO)."""


class LimitError(Error):
    """A regex match limit was hit (PITH_ERR_LIMIT; reserved by the library)."""


class WarcError(Error):
    """A WARC record, or the HTTP message in it, is malformed or cut short
    (PITH_ERR_WARC)."""


class EncodingError(Error):
    """A transfer- or content-encoding pith cannot undo: br, zstd ... (PITH_ERR_ENCODING)."""


class JsonError(Error):
    """A JSON Lines line is not a JSON object with the page in a string field
    (PITH_ERR_JSON). `id_json` is the line's id when it could be read, else None."""

    id_json = None


_ERROR_OF = {
    Status.INVALID_ARGUMENT: InvalidArgumentError, Status.NOMEM: OutOfMemoryError,
    Status.EMPTY_INPUT: EmptyInputError, Status.TOO_LARGE: TooLargeError,
    Status.TOO_MANY_NODES: TooManyNodesError, Status.BINARY: BinaryInputError,
    Status.GZIP: GzipError, Status.PARSE: ParseError, Status.RULES: RulesError,
    Status.IO: ReadError, Status.LIMIT: LimitError, Status.WARC: WarcError,
    Status.ENCODING: EncodingError, Status.JSON: JsonError,
}
_STATUS_OF = {cls: st for st, cls in _ERROR_OF.items()}


def _error(status, err=None):
    """The exception for a failed call: the library's message when it gave one."""
    message = err.message.decode("utf-8", "replace") if err is not None else ""
    if not message:
        message = _lib.pith_status_str(status).decode("utf-8", "replace")
    return _ERROR_OF.get(status, Error)(message, status)


def _check(status, err=None):
    if status:
        raise _error(status, err)


# ---------------------------------------------------------------------------------
# Conversions
# ---------------------------------------------------------------------------------

_UTF8_BOM = b"\xef\xbb\xbf"
# UTF-8 continuation bytes: deleting them from a run of UTF-8 leaves one byte a character
_CONTINUATION = bytes(range(0x80, 0xC0))


def _cstr(value, what):
    """An optional str/bytes argument as NUL-free bytes for a `const char *`."""
    if value is None:
        return None
    if isinstance(value, str):
        value = value.encode("utf-8")
    elif not isinstance(value, bytes):
        raise TypeError("%s must be str or bytes, not %s" % (what, type(value).__name__))
    if b"\0" in value:
        raise ValueError("%s contains a NUL character" % what)
    return value


def _page_bytes(data):
    """The page as bytes for pith_extract. A str is sent as UTF-8, behind a byte order
    mark when it has non-ASCII characters: the mark outranks any charset the page
    declares, and a str's characters are already decoded, whatever its <meta charset>
    says. (ASCII reads the same in every charset the library decodes but UTF-16 and
    UTF-32, which it believes only of text with NULs.) Bytes go as they are."""
    if isinstance(data, str):
        if data.isascii() and "\0" not in data:
            return data.encode("ascii")
        return _UTF8_BOM + data.encode("utf-8", "surrogatepass")
    if isinstance(data, bytes):
        return data
    if isinstance(data, (bytearray, memoryview)):
        return bytes(data)
    raise TypeError("data must be bytes or str, not %s" % type(data).__name__)


def _text(ptr, n):
    return string_at(ptr, n).decode("utf-8") if n else ""


def _char_offsets(raw, offsets):
    """{byte offset: character offset} in the UTF-8 text `raw`, for the given offsets."""
    if raw.isascii():
        return {o: o for o in offsets}
    out, pos, chars = {}, 0, 0
    for off in sorted(set(offsets)):
        chars += len(raw[pos:off].translate(None, _CONTINUATION))
        pos = off
        out[off] = chars
    return out


# ---------------------------------------------------------------------------------
# Extractor
# ---------------------------------------------------------------------------------

_OPTIONS = ("builtin_rules", "evidence", "gzip", "max_input_bytes", "max_nodes",
            "regex_match_limit", "source_case")


class _Native:
    """The C extractors behind one Extractor, built from the same options and rules:
    one per (input kind, page type) asked for, since the library takes both as options;
    the detecting one at once, the others on first use. Documents keep this alive, since
    a pith_doc refers to its extractor; it is freed with the last of them."""

    def __init__(self, options, rules):
        self._options = options
        self._rules = rules
        self._lock = threading.Lock()
        self._handles = {}
        self._finalizer = weakref.finalize(self, _Native._free, self._handles)
        self.get(_native.INPUT_KINDS["auto"], 0)

    @staticmethod
    def _free(handles):
        for h in handles.values():
            _lib.pith_extractor_free(h)
        handles.clear()

    def get(self, input_kind, page_type):
        key = (input_kind, page_type)
        h = self._handles.get(key)
        if h is None:
            with self._lock:
                h = self._handles.get(key)
                if h is None:
                    h = self._handles[key] = self._build(input_kind, page_type)
        return h

    def _build(self, input_kind, page_type):
        opts = _native.Options.from_buffer_copy(self._options)
        opts.input = input_kind
        opts.page_type = page_type
        err = _native.Error()
        builder = c_void_p()
        _check(_lib.pith_builder_new(byref(opts), byref(builder), byref(err)), err)
        try:
            for name, text in self._rules:
                _check(_lib.pith_builder_add_rules(builder, text, len(text), name, byref(err)),
                       err)
            ex = c_void_p()
            _check(_lib.pith_builder_build(builder, byref(ex), byref(err)), err)
            return ex.value
        finally:
            _lib.pith_builder_free(builder)


class Extractor:
    """Compiled rule tables and options, built once and shared by any number of threads.

    `rules` adds rule tables (syntax in rules/README.md) to the built-in ones: each item
    is a file path (str or os.PathLike), or a (name, text) pair whose name is used in
    messages and evidence. Options, all optional:

      builtin_rules=True       False starts from empty tables (only `rules`)
      evidence=False           keep per-block evidence (Block.evidence, explain())
      gzip=True                False leaves gzip-compressed input alone
      source_case=False        True keeps HTML text in the case the page writes it; by
                               default the page's own CSS text-transform is applied
      max_input_bytes=256 MiB  also caps the gunzipped size
      max_nodes=4,000,000      HTML elements
      regex_match_limit=100000 PCRE2 match limit for one rule on one string

    Raises RulesError for a bad rule table (the message names file and line), ReadError
    for a rule file that cannot be read. Use it as a context manager, or call close(),
    to free it before the garbage collector does."""

    def __init__(self, rules=(), **options):
        unknown = sorted(set(options) - set(_OPTIONS))
        if unknown:
            raise TypeError("unknown option%s: %s (known: %s)" % (
                "s" if len(unknown) > 1 else "", ", ".join(unknown), ", ".join(_OPTIONS)))
        if isinstance(rules, (str, bytes)):
            raise TypeError("rules must be a list of paths or (name, text) pairs, not one "
                            "string")
        opts = _native.Options()
        _lib.pith_options_init(byref(opts))
        if not options.get("builtin_rules", True):
            opts.flags |= _native.OPT_NO_BUILTIN_RULES
        if options.get("evidence", False):
            opts.flags |= _native.OPT_EVIDENCE
        if not options.get("gzip", True):
            opts.flags |= _native.OPT_NO_GZIP
        if options.get("source_case", False):
            opts.flags |= _native.OPT_SOURCE_CASE
        for name in ("max_input_bytes", "max_nodes", "regex_match_limit"):
            value = options.get(name)
            if value is not None:
                if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
                    raise ValueError("%s must be a positive int, not %r" % (name, value))
                setattr(opts, name, value)
                if getattr(opts, name) != value:
                    raise ValueError("%s=%d is too large" % (name, value))
        self.options = {"builtin_rules": True, "evidence": False, "gzip": True,
                        "source_case": False, "max_input_bytes": opts.max_input_bytes, "max_nodes": opts.max_nodes,
                        "regex_match_limit": opts.regex_match_limit}
        self.options.update((k, v) for k, v in options.items() if v is not None)
        self._native = _Native(bytes(opts), [_rule_source(r) for r in rules])

    def extract(self, data, url=None, content_type=None, input="auto", page_type=None):
        """Segments one page and returns its Document.

        `data` is the raw page: bytes in any charset, possibly gzip-compressed, or a str
        (whose own characters are taken, whatever charset the page declares). `url`
        (the page's address) and `content_type` (the HTTP Content-Type header, whose
        charset parameter is used) are hints. `input` forces "html" or "text" instead
        of sniffing; `page_type` forces one of PAGE_TYPES ("article", "forum" ...)
        instead of detecting it (None or "auto"), which changes what the body is.

        Raises an Error subclass for a page the library refuses (EmptyInputError,
        BinaryInputError, TooLargeError ...), with the library's message."""
        native = self._native
        if native is None:
            raise ValueError("the extractor is closed")
        try:
            kind = _native.INPUT_KINDS[input]
        except (KeyError, TypeError):
            raise InvalidArgumentError("input must be 'auto', 'html' or 'text', not %r"
                                       % (input,)) from None
        if page_type is None:
            ptype = 0
        elif isinstance(page_type, str) and (page_type == "auto" or page_type in PAGE_TYPES):
            ptype = _lib.pith_page_type_from_name(page_type.encode("ascii"))
        else:
            raise InvalidArgumentError("page_type must be None, 'auto' or one of %s, not %r"
                                       % (", ".join(PAGE_TYPES), page_type))
        page = _page_bytes(data)
        url_b = _cstr(url, "url")
        ct_b = _cstr(content_type, "content_type")
        handle = native.get(kind, ptype)
        doc = c_void_p()
        err = _native.Error()
        _check(_lib.pith_extract(handle, page, len(page), url_b, ct_b, byref(doc), byref(err)),
               err)
        return Document(doc.value, native)

    @property
    def rule_count(self):
        """The number of rules in the extractor's tables."""
        native = self._native
        if native is None:
            raise ValueError("the extractor is closed")
        return _lib.pith_extractor_rule_count(native.get(_native.INPUT_KINDS["auto"], 0))

    def close(self):
        """Lets go of the compiled tables: they are freed now, or with the last Document
        made with them. Extracting afterwards raises ValueError."""
        self._native = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def _rule_source(rule):
    """A `rules` item as (name, text) bytes, read now: the tables are compiled again for
    other input kinds and page types, and must not change in between."""
    if isinstance(rule, tuple):
        if len(rule) != 2:
            raise TypeError("a rule table given as a tuple is (name, text)")
        name, text = rule
        if isinstance(text, str):
            text = text.encode("utf-8")
        if not isinstance(text, bytes):
            raise TypeError("rule text must be str or bytes")
        return _cstr(name, "rule table name") or b"(rules)", text
    path = os.fspath(rule)
    try:
        with open(path, "rb") as f:
            text = f.read()
    except OSError as e:
        # the library's own wording for a rule file it cannot open
        raise ReadError("%s: %s" % (path, e.strerror or e), Status.IO) from None
    return _cstr(os.fsencode(path), "rule file path"), text


_default = None
_default_lock = threading.Lock()


def extract(data, url=None, content_type=None, input="auto", page_type=None):
    """Extractor().extract(...) with a default Extractor, built on first use and shared
    by all threads."""
    global _default
    ex = _default
    if ex is None:
        with _default_lock:
            if _default is None:
                _default = Extractor()
            ex = _default
    return ex.extract(data, url=url, content_type=content_type, input=input,
                      page_type=page_type)


# ---------------------------------------------------------------------------------
# Document
# ---------------------------------------------------------------------------------

class Segment(namedtuple("Segment", "kind text start end article first_block block_count")):
    """A run of consecutive blocks of one kind. `text` is the blocks' text, one block a
    line; `start` and `end` are character offsets into Document.input_text; `article`
    is 0 for the main article's parts and page furniture, 1, 2 ... for further articles
    of an infinite-scroll dump; the blocks are Document.blocks[first_block:
    first_block + block_count]."""
    __slots__ = ()


class BlockFlag(enum.IntFlag):
    """pith_block flags."""
    HEADING = 0x01
    LIST_ITEM = 0x02
    TABLE = 0x04
    QUOTE = 0x08
    CODE = 0x10
    HIDDEN = 0x20
    CAPTION = 0x40


class Block(namedtuple("Block", "kind text start end path flags heading link_density "
                                "stopword_density score evidence")):
    """The unit pith classifies: a paragraph-like element of HTML or a line of a text
    dump. `start` and `end` are character offsets into Document.input_text; `path` the
    short element path; `flags` a BlockFlag; `heading` 1-6 or 0; `score` > 0 leans body;
    `evidence` why it got its kind (None unless the Extractor has evidence=True)."""
    __slots__ = ()


class Document:
    """One page, segmented. Properties are read from the library on first use.

    The C result is freed when the Document is garbage-collected, or at once by close()
    (or leaving a `with` block); after that only what was already read stays
    available. A Document may be read from several threads, but not closed while
    another thread reads it."""

    def __init__(self, handle, native):
        self._h = handle
        self._native = native  # a pith_doc refers to its extractor
        self._finalizer = weakref.finalize(self, _lib.pith_doc_free, handle)
        self._cache = {}

    # ---- lifetime ----

    def close(self):
        """Frees the C result now."""
        self._finalizer()
        self._native = None

    @property
    def closed(self):
        return not self._finalizer.alive

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _handle(self):
        if not self._finalizer.alive:
            raise ValueError("the document is closed")
        return self._h

    def _cached(self, key, compute):
        try:
            return self._cache[key]
        except KeyError:
            value = self._cache[key] = compute(self._handle())
            return value

    # ---- metadata ----

    def _meta(self, field):
        def read(h):
            v = _lib.pith_doc_meta(h, _native.META_FIELDS.index(field))
            return v.decode("utf-8") if v is not None else None
        return self._cached(field, read)

    title = property(lambda self: self._meta("title"), doc="The headline, or None.")
    author = property(lambda self: self._meta("author"), doc="The author(s), or None.")
    date = property(lambda self: self._meta("date"),
                    doc="The publication date as found, ISO 8601 where the page gives it.")
    sitename = property(lambda self: self._meta("sitename"), doc="The site's name, or None.")
    lang = property(lambda self: self._meta("lang"), doc='The language, e.g. "en", or None.')
    url = property(lambda self: self._meta("url"),
                   doc="The canonical URL, else the url hint, or None.")
    description = property(lambda self: self._meta("description"),
                           doc="The page's description, or None.")

    @property
    def metadata(self):
        """The metadata fields as a dict (title, author, date, sitename, lang, url,
        description; None for those the page does not give)."""
        return {f: self._meta(f) for f in _native.META_FIELDS}

    @property
    def page_type(self):
        """The page's type, one of PAGE_TYPES: the one forced with extract(page_type=...),
        else the one the library detected."""
        return self._cached("page_type", lambda h: _lib.pith_page_type_name(
            _lib.pith_doc_page_type(h)).decode("ascii"))

    @property
    def input_kind(self):
        """"html" or "text": how the input was read."""
        return self._cached("input_kind", lambda h: "html" if _lib.pith_doc_input_kind(h) == 1
                            else "text")

    @property
    def charset(self):
        """The charset the input was decoded from, e.g. "UTF-8", "windows-1252"."""
        return self._cached("charset", lambda h: _lib.pith_doc_charset(h).decode("ascii"))

    # ---- text ----

    @property
    def text(self):
        """The main article's body as plain text: paragraphs separated by a blank line,
        no title; "" when no body was found."""
        def read(h):
            n = c_size_t()
            return _text(_lib.pith_doc_text(h, byref(n)), n.value)
        return self._cached("text", read)

    @property
    def comments(self):
        """The comments as plain text, one comment block a paragraph."""
        def read(h):
            n = c_size_t()
            return _text(_lib.pith_doc_comments(h, byref(n)), n.value)
        return self._cached("comments", read)

    def _input_bytes(self):
        def read(h):
            n = c_size_t()
            p = _lib.pith_doc_input(h, byref(n))
            return string_at(p, n.value) if n.value else b""
        return self._cached("input_bytes", read)

    @property
    def input_text(self):
        """The input as the library read it (gunzipped, decoded): the text the `start`
        and `end` offsets of segments and blocks index."""
        return self._cached("input_text", lambda h: self._input_bytes().decode("utf-8"))

    # ---- segments and blocks ----

    @property
    def segments(self):
        """The page as a list of Segments, in order; every block is in exactly one."""
        return self._cached("segments", self._read_segments)

    def _read_segments(self, h):
        raw = []
        s = _native.Segment()
        for i in range(_lib.pith_doc_segment_count(h)):
            _check(_lib.pith_doc_segment(h, i, byref(s), sizeof(s)))
            raw.append((s.kind, _text(s.text, s.text_len), s.start, s.end, s.article,
                        s.first_block, s.block_count))
        chars = _char_offsets(self._input_bytes(), [x for r in raw for x in r[2:4]])
        return [Segment(KINDS[k], t, chars[a], chars[b], art, fb, bc)
                for k, t, a, b, art, fb, bc in raw]

    @property
    def blocks(self):
        """Every Block of the page, in order."""
        return self._cached("blocks", self._read_blocks)

    def _read_blocks(self, h):
        raw = []
        b = _native.Block()
        for i in range(_lib.pith_doc_block_count(h)):
            _check(_lib.pith_doc_block(h, i, byref(b), sizeof(b)))
            ev = _lib.pith_doc_block_evidence(h, i)
            raw.append((b.kind, _text(b.text, b.text_len), b.start, b.end,
                        (b.path or b"").decode("utf-8"), b.flags, b.heading, b.link_density,
                        b.stopword_density, b.score, ev.decode("utf-8") if ev else None))
        chars = _char_offsets(self._input_bytes(), [x for r in raw for x in r[2:4]])
        return [Block(KINDS[r[0]], r[1], chars[r[2]], chars[r[3]], r[4], BlockFlag(r[5]),
                      *r[6:]) for r in raw]

    # ---- renderings ----
    #
    # `kinds` keeps some segment kinds: a list of names or a comma-separated string
    # ("title,body"). Text and Markdown then give the blocks of those kinds in page order
    # (of every article) instead of the main article; JSON lists only those segments
    # ("text" and "comments" stay); explain shows only their blocks; the HTML view
    # starts with the others hidden.

    def _render(self, fmt, kinds=None, source=None, id_json=None, record=False):
        ro = _render_options(kinds, source, id_json)
        out, n, err = c_void_p(), c_size_t(), _native.Error()
        if record:
            st = _lib.pith_render_record_with(self._handle(), None, byref(ro), byref(out),
                                              byref(n), byref(err))
        else:
            st = _lib.pith_render_with(self._handle(), fmt, byref(ro), byref(out), byref(n),
                                       byref(err))
        _check(st, err)
        try:
            return string_at(out, n.value).decode("utf-8")
        finally:
            _lib.pith_free(out)

    def to_text(self, kinds=None):
        """The title, then the body; paragraphs separated by a blank line."""
        return self._render(_native.FORMAT_TEXT, kinds)

    def to_markdown(self, kinds=None):
        """The article with headings, lists, quotes, tables and code."""
        return self._render(_native.FORMAT_MARKDOWN, kinds)

    def to_json(self, source=None, id_json=None, kinds=None):
        """The library's JSON (one line): metadata, page type, input, charset, text,
        comments, segments (with byte offsets). With `source` or `id_json`, the JSON
        Lines record of a batch, which starts with a "source" member and an "id" member
        (`id_json` is JSON text, "17" or '"a1"', copied as it is)."""
        if source is None and id_json is None:
            return self._render(_native.FORMAT_JSON, kinds)
        return self._render(None, kinds, source, id_json, record=True)

    def to_html(self, kinds=None):
        """An HTML page showing the page with its segments drawn on it."""
        return self._render(_native.FORMAT_HTML, kinds)

    def explain(self, kinds=None):
        """Every block with its kind and the evidence behind it; the rules that fired
        only when the Extractor has evidence=True."""
        return self._render(_native.FORMAT_EXPLAIN, kinds)

    def __repr__(self):
        if self.closed:
            return "<pith.Document (closed)>"
        return "<pith.Document %s, %d segments, title=%r>" % (
            self.input_kind, len(self.segments), self.title)


def _kinds_mask(kinds):
    """PITH_KIND_BIT()s of a list of kind names or a comma-separated string; 0 for all."""
    if kinds is None:
        return 0
    if not isinstance(kinds, str):
        kinds = ",".join(kinds)
    mask, err = c_uint(), _native.Error()
    _check(_lib.pith_kinds_parse(_cstr(kinds, "kinds"), byref(mask), byref(err)), err)
    return mask.value


def _render_options(kinds=None, source=None, id_json=None):
    ro = _native.RenderOptions()
    _lib.pith_render_options_init(byref(ro))
    ro.kinds = _kinds_mask(kinds)
    ro.source = _cstr(source, "source")
    ro.id = _cstr(id_json, "id_json")
    return ro


def error_record(source, error, id_json=None):
    """The JSON Lines record of a page that failed: {"source", "id", "error", "status"},
    as the library writes it for batches ("status" is the stable code, e.g.
    "empty_input"; "id" only with `id_json`). `error` is a pith.Error, or any exception
    (an OSError reading the page becomes an "io_error" record)."""
    if isinstance(error, Error):
        status, message = int(error.status), error.message
    elif isinstance(error, OSError):
        status, message = Status.IO, error.strerror or str(error)
    else:
        status, message = Status.INVALID_ARGUMENT, str(error)
    failure = _native.Error()
    failure.status = status
    # at most 255 bytes, cut at a character boundary
    failure.message = message.encode("utf-8")[:255].decode("utf-8", "ignore").encode("utf-8")
    ro = _render_options(None, source, id_json)
    out, n, err = c_void_p(), c_size_t(), _native.Error()
    _check(_lib.pith_render_record_with(None, byref(failure), byref(ro), byref(out), byref(n),
                                        byref(err)), err)
    try:
        return string_at(out, n.value).decode("utf-8")
    finally:
        _lib.pith_free(out)


# ---------------------------------------------------------------------------------
# Reading crawls: WARC files and JSON Lines (the library's readers)
# ---------------------------------------------------------------------------------

class WarcRecord(namedtuple("WarcRecord", "page skip_reason type target_uri record_id date "
                                          "offset http_status content_type payload error")):
    """One WARC record. `page` is True for a page to extract, whose decoded bytes are
    `payload` (for Extractor.extract with url=target_uri, content_type=content_type);
    a skipped record (a request, metadata, an image, a redirect ...) has page False and
    a `skip_reason`. A record that could not be read has `error`, a pith.Error
    (WarcError, GzipError, EncodingError, TooLargeError), and the reader goes on after
    it. `offset` is where the record starts (the offset CDX indexes give)."""
    __slots__ = ()


def _s(p):
    return p.decode("utf-8", "replace") if p else ""


class WarcReader:
    """Iterates over the records of a WARC 1.0 or 1.1 file, streaming: uncompressed,
    gzipped one member per record (.warc.gz) or gzipped whole. `source` is a path, the
    file's bytes, or a binary file object (anything with read(n)). `max_input_bytes`
    caps a record's page (default: the library's). Use it as a context manager, or call
    close(), to free the reader before the garbage collector does."""

    def __init__(self, source, max_input_bytes=None):
        opts = _native.Options()
        _lib.pith_options_init(byref(opts))
        if max_input_bytes is not None:
            opts.max_input_bytes = max_input_bytes
        handle, err = c_void_p(), _native.Error()
        self._keep = None  # what the reader reads from, kept alive with it
        if isinstance(source, (bytes, bytearray, memoryview)):
            self._keep = data = bytes(source)
            st = _lib.pith_warc_reader_new_memory(data, len(data), byref(opts), byref(handle),
                                                  byref(err))
        elif hasattr(source, "read"):
            self._keep = _native.READ_FN(_reader_from(source))
            st = _lib.pith_warc_reader_new(self._keep, None, byref(opts), byref(handle),
                                           byref(err))
        else:
            path = os.fsencode(source)
            st = _lib.pith_warc_reader_open(_cstr(path, "path"), byref(opts), byref(handle),
                                            byref(err))
        _check(st, err)
        self._h = handle.value
        self._finalizer = weakref.finalize(self, _lib.pith_warc_reader_free, self._h)

    def __iter__(self):
        return self

    def __next__(self):
        if not self._finalizer.alive:
            raise StopIteration
        rec, err = _native.WarcRecord(), _native.Error()
        st = _lib.pith_warc_next(self._h, byref(rec), byref(err))
        if st == Status.END:
            raise StopIteration
        payload = None
        if st == Status.OK and rec.page:
            payload = string_at(rec.payload, rec.payload_len) if rec.payload_len else b""
        return WarcRecord(bool(rec.page) and st == Status.OK, _s(rec.skip_reason), _s(rec.type),
                          _s(rec.target_uri), _s(rec.record_id), _s(rec.date), rec.offset,
                          rec.http_status, _s(rec.content_type), payload,
                          _error(st, err) if st != Status.OK else None)

    @property
    def position(self):
        """Bytes taken from the source so far (compressed bytes for a .warc.gz)."""
        if not self._finalizer.alive:
            raise ValueError("the reader is closed")
        return _lib.pith_warc_reader_position(self._h)

    def close(self):
        self._finalizer()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def _reader_from(f):
    """A pith_read_fn over a Python file object. An exception in it is a read error for
    the library (-1, errno EIO), which ends the reading."""
    import ctypes

    def read(_userdata, buf, n):
        try:
            data = f.read(n)
        except Exception:  # noqa: BLE001 - the library is told, not Python
            ctypes.set_errno(5)
            return -1
        if not data:
            return 0
        data = bytes(data[:n])
        ctypes.memmove(buf, data, len(data))
        return len(data)
    return read


def warc_sniff(head):
    """Whether `head`, the first bytes of a file (4 KiB is plenty; gzipped or not),
    starts a WARC record."""
    head = bytes(head)
    return bool(_lib.pith_warc_sniff(head, len(head)))


class JsonlRecord(namedtuple("JsonlRecord", "page url content_type id_json")):
    """A page from a JSON Lines line: `page` its bytes (UTF-8), `url` its address or
    None, `content_type` the charset to extract it with (a JSON string is already
    decoded), `id_json` its id as compact JSON text ("17", '"a1"') or None."""
    __slots__ = ()


def parse_jsonl(line, html_field=None, url_field=None, id_field=None):
    """Parses one JSON Lines line holding a page: a JSON object with the page in the
    string field `html_field` ("html"), its address in `url_field` ("url") and an id in
    `id_field` ("id"). Raises JsonError (with the id when it could be read) for a line
    that does not hold a page, EmptyInputError for a blank one."""
    line = line.encode("utf-8") if isinstance(line, str) else bytes(line)
    fields = _native.JsonlFields(_cstr(html_field, "html_field"), _cstr(url_field, "url_field"),
                                 _cstr(id_field, "id_field"))
    rec, err = _native.JsonlRecord(), _native.Error()
    try:
        st = _lib.pith_jsonl_parse(line, len(line), byref(fields), byref(rec), byref(err))
        id_json = rec.id.decode("utf-8") if rec.id is not None else None
        if st:
            e = _error(st, err)
            e.id_json = id_json
            raise e
        return JsonlRecord(string_at(rec.page, rec.page_len) if rec.page_len else b"",
                           rec.url.decode("utf-8") if rec.url is not None else None,
                           _s(rec.content_type) or None, id_json)
    finally:
        _lib.pith_jsonl_record_free(byref(rec))
