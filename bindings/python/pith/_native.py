"""Finding and loading libpith, and the ctypes declarations of the part of pith.h the
module uses. Nothing here is public; pith/__init__.py builds the Python API on it.

The library is a ctypes.CDLL, so every call releases the GIL: extractions in several
threads run in parallel. Memory the library hands out is freed by the library
(pith_free, pith_doc_free ...), never by Python's allocator.
"""
import ctypes
import os
import sys
import sysconfig
from ctypes import (CFUNCTYPE, POINTER, Structure, c_char, c_char_p, c_double, c_int,
                    c_size_t, c_ssize_t, c_uint, c_uint32, c_uint64, c_void_p)

#: The library's major version this module is written for; the loader looks for
#: libpith.so.<ABI_MAJOR> (the SONAME).
ABI_MAJOR = 0
#: Symbols the module needs beyond 0.1's first release: a library without them is too old.
REQUIRED = ("pith_doc_input", "pith_doc_page_type", "pith_warc_reader_new",
            "pith_render_record_with")


class LibraryNotFound(ImportError):
    """libpith could not be loaded; the message lists every place that was tried."""


# ---- the structs of pith.h the module fills or reads ----

class Error(Structure):
    _fields_ = [("status", c_int), ("message", c_char * 256)]


class Options(Structure):
    """pith_options up to the fields this module sets, then room: pith_options_init
    writes the whole struct of the library at hand, which may have grown since
    (pith_options has a version field and reserved space for that)."""
    _fields_ = [
        ("version", c_int),
        ("flags", c_uint),
        ("input", c_int),
        ("max_input_bytes", c_size_t),
        ("max_nodes", c_size_t),
        ("regex_match_limit", c_uint32),
        ("page_type", c_int),
        ("_room", c_size_t * 128),
    ]


class Segment(Structure):
    """pith_segment; passed with its size, so a library that has added fields since
    fills only these (pith_doc_segment)."""
    _fields_ = [
        ("kind", c_int),
        ("text", c_void_p),
        ("text_len", c_size_t),
        ("start", c_size_t),
        ("end", c_size_t),
        ("first_block", c_size_t),
        ("block_count", c_size_t),
        ("article", c_int),
    ]


class Block(Structure):
    """pith_block, passed with its size like Segment."""
    _fields_ = [
        ("kind", c_int),
        ("text", c_void_p),
        ("text_len", c_size_t),
        ("start", c_size_t),
        ("end", c_size_t),
        ("path", c_char_p),
        ("flags", c_uint),
        ("heading", c_int),
        ("link_density", c_double),
        ("stopword_density", c_double),
        ("score", c_double),
    ]


class RenderOptions(Structure):
    """pith_render_options, with room after it like Options."""
    _fields_ = [
        ("version", c_int),
        ("kinds", c_uint),
        ("source", c_char_p),
        ("id", c_char_p),
        ("_room", c_size_t * 64),
    ]


class WarcRecord(Structure):
    """pith_warc_record: the reader fills it, reserved space included, so the mirror is
    the whole struct."""
    _fields_ = [
        ("page", c_int),
        ("skip_reason", c_char_p),
        ("type", c_char_p),
        ("target_uri", c_char_p),
        ("record_id", c_char_p),
        ("date", c_char_p),
        ("offset", c_uint64),
        ("http_status", c_int),
        ("content_type", c_char_p),
        ("payload", c_void_p),
        ("payload_len", c_size_t),
        ("reserved", c_void_p * 6),
    ]


class JsonlFields(Structure):
    _fields_ = [("html", c_char_p), ("url", c_char_p), ("id", c_char_p)]


class JsonlRecord(Structure):
    _fields_ = [
        ("page", c_void_p),
        ("page_len", c_size_t),
        ("url", c_char_p),
        ("content_type", c_char_p),
        ("id", c_char_p),
        ("internal", c_void_p),
        ("reserved", c_void_p * 4),
    ]


#: pith_read_fn: reads up to len bytes into buf; the count, 0 at the end, -1 on error.
READ_FN = CFUNCTYPE(c_ssize_t, c_void_p, c_void_p, c_size_t)

# constants of pith.h
OPT_EVIDENCE = 0x1
OPT_NO_BUILTIN_RULES = 0x2
OPT_NO_GZIP = 0x4
OPT_SOURCE_CASE = 0x8
INPUT_KINDS = {"auto": 0, "html": 1, "text": 2}
FORMAT_TEXT, FORMAT_MARKDOWN, FORMAT_JSON, FORMAT_EXPLAIN, FORMAT_HTML = range(5)
META_FIELDS = ("title", "author", "date", "sitename", "lang", "url", "description")

_handle = c_void_p
_PROTOTYPES = {
    # name: (restype, argtypes)
    "pith_version": (c_char_p, []),
    "pith_version_number": (c_int, []),
    "pith_status_str": (c_char_p, [c_int]),
    "pith_options_init": (None, [POINTER(Options)]),
    "pith_builder_new": (c_int, [POINTER(Options), POINTER(_handle), POINTER(Error)]),
    "pith_builder_add_rules": (c_int, [_handle, c_char_p, c_size_t, c_char_p, POINTER(Error)]),
    "pith_builder_build": (c_int, [_handle, POINTER(_handle), POINTER(Error)]),
    "pith_builder_free": (None, [_handle]),
    "pith_extractor_rule_count": (c_size_t, [_handle]),
    "pith_extractor_free": (None, [_handle]),
    "pith_extract": (c_int, [_handle, c_void_p, c_size_t, c_char_p, c_char_p, POINTER(_handle),
                             POINTER(Error)]),
    "pith_doc_free": (None, [_handle]),
    "pith_doc_input_kind": (c_int, [_handle]),
    "pith_doc_charset": (c_char_p, [_handle]),
    "pith_doc_page_type": (c_int, [_handle]),
    "pith_page_type_name": (c_char_p, [c_int]),
    "pith_page_type_from_name": (c_int, [c_char_p]),
    "pith_doc_meta": (c_char_p, [_handle, c_int]),
    "pith_doc_text": (c_void_p, [_handle, POINTER(c_size_t)]),
    "pith_doc_comments": (c_void_p, [_handle, POINTER(c_size_t)]),
    "pith_doc_input": (c_void_p, [_handle, POINTER(c_size_t)]),
    "pith_kind_name": (c_char_p, [c_int]),
    "pith_doc_segment_count": (c_size_t, [_handle]),
    "pith_doc_segment": (c_int, [_handle, c_size_t, POINTER(Segment), c_size_t]),
    "pith_doc_block_count": (c_size_t, [_handle]),
    "pith_doc_block": (c_int, [_handle, c_size_t, POINTER(Block), c_size_t]),
    "pith_doc_block_evidence": (c_char_p, [_handle, c_size_t]),
    "pith_render": (c_int, [_handle, c_int, POINTER(c_void_p), POINTER(c_size_t), POINTER(Error)]),
    "pith_render_record": (c_int, [_handle, c_char_p, POINTER(Error), POINTER(c_void_p),
                                   POINTER(c_size_t), POINTER(Error)]),
    "pith_free": (None, [c_void_p]),
    "pith_status_code": (c_char_p, [c_int]),
    "pith_render_options_init": (None, [POINTER(RenderOptions)]),
    "pith_kinds_parse": (c_int, [c_char_p, POINTER(c_uint), POINTER(Error)]),
    "pith_render_with": (c_int, [_handle, c_int, POINTER(RenderOptions), POINTER(c_void_p),
                                 POINTER(c_size_t), POINTER(Error)]),
    "pith_render_record_with": (c_int, [_handle, POINTER(Error), POINTER(RenderOptions),
                                        POINTER(c_void_p), POINTER(c_size_t), POINTER(Error)]),
    "pith_warc_reader_new": (c_int, [READ_FN, c_void_p, POINTER(Options), POINTER(_handle),
                                     POINTER(Error)]),
    "pith_warc_reader_open": (c_int, [c_char_p, POINTER(Options), POINTER(_handle),
                                      POINTER(Error)]),
    "pith_warc_reader_new_memory": (c_int, [c_void_p, c_size_t, POINTER(Options),
                                            POINTER(_handle), POINTER(Error)]),
    "pith_warc_next": (c_int, [_handle, POINTER(WarcRecord), POINTER(Error)]),
    "pith_warc_reader_position": (c_uint64, [_handle]),
    "pith_warc_reader_free": (None, [_handle]),
    "pith_warc_sniff": (c_int, [c_char_p, c_size_t]),
    "pith_jsonl_parse": (c_int, [c_char_p, c_size_t, POINTER(JsonlFields), POINTER(JsonlRecord),
                                 POINTER(Error)]),
    "pith_jsonl_record_free": (None, [POINTER(JsonlRecord)]),
}
def _soname():
    if sys.platform == "darwin":
        return "libpith.%d.dylib" % ABI_MAJOR
    return "libpith.so.%d" % ABI_MAJOR


def _prefix_candidates(name):
    """The library under the prefixes pith is commonly installed to: this Python's
    (a virtualenv that `cmake --install --prefix` also went to) and CMake's default,
    which the loader does not search until ldconfig has run."""
    libdirs = ["lib", "lib64"]
    multiarch = sysconfig.get_config_var("MULTIARCH")
    if multiarch:
        libdirs.insert(1, os.path.join("lib", multiarch))
    prefixes = []
    for p in (sys.prefix, sys.base_prefix, "/usr/local"):
        if p and p not in prefixes:
            prefixes.append(p)
    return [os.path.join(p, d, name) for p in prefixes for d in libdirs]


def _build_tree_candidates(name):
    """When the module runs from the source tree (bindings/python/pith), the library of
    the build directory: $PITH_BUILD_DIR (as scripts/test.sh takes it), then build/."""
    repo = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(
        os.path.abspath(__file__)))))
    if not os.path.isfile(os.path.join(repo, "include", "pith.h")):
        return []
    dirs = []
    env = os.environ.get("PITH_BUILD_DIR")
    if env:
        dirs.append(env if os.path.isabs(env) else os.path.join(repo, env))
    dirs.append(os.path.join(repo, "build"))
    return [os.path.join(d, name) for d in dirs]


def _open(path):
    lib = ctypes.CDLL(path)
    missing = [s for s in REQUIRED if not hasattr(lib, s)]
    if missing:
        raise OSError("too old for this module: no %s (pith %s)" % (
            ", ".join(missing), _version_of(lib)))
    major = _major_of(lib)
    if major != ABI_MAJOR:
        raise OSError("pith %s, this module needs %d.x" % (_version_of(lib), ABI_MAJOR))
    return lib


def _version_of(lib):
    try:
        f = lib.pith_version
        f.restype = c_char_p
        return f().decode("ascii", "replace")
    except AttributeError:
        return "?"


def _major_of(lib):
    f = lib.pith_version_number
    f.restype = c_int
    return f() // 10000


def load():
    """Returns (library, path). Looks at $PITH_LIBRARY (and only there when it is set),
    then asks the loader for the SONAME (LD_LIBRARY_PATH, the ld.so cache, system
    directories), then installed prefixes, then the build tree of a source checkout.
    Raises LibraryNotFound saying what was tried and why each failed."""
    tried = []
    explicit = os.environ.get("PITH_LIBRARY")
    if explicit:
        try:
            return _open(explicit), explicit
        except OSError as e:
            raise LibraryNotFound("pith: cannot load libpith from PITH_LIBRARY=%s: %s"
                                  % (explicit, e)) from None
    tried.append(("$PITH_LIBRARY", "not set"))
    name = _soname()
    candidates = [(name + " (the loader: LD_LIBRARY_PATH, ld.so cache, system dirs)", name)]
    candidates += [(p, p) for p in _prefix_candidates(name)]
    candidates += [(p + " (build tree)", p) for p in _build_tree_candidates(name)]
    for label, what in candidates:
        if os.path.isabs(what) and not os.path.exists(what):
            tried.append((label, "not there"))
            continue
        try:
            lib = _open(what)
        except OSError as e:
            tried.append((label, str(e)))
            continue
        if not os.path.isabs(what):
            what = _loaded_path(lib) or what
        return lib, what
    lines = ["pith: cannot load libpith; tried:"]
    lines += ["  %s: %s" % t for t in tried]
    lines.append("Install pith (cmake --install BUILD_DIR [--prefix P]) or set PITH_LIBRARY "
                 "to the path of %s." % name)
    raise LibraryNotFound("\n".join(lines))


def _loaded_path(lib):
    """The file the loader picked for a bare SONAME, from /proc/self/maps (Linux)."""
    try:
        addr = ctypes.cast(lib.pith_version, c_void_p).value
        with open("/proc/self/maps") as maps:
            for line in maps:
                fields = line.split()
                lo, hi = (int(x, 16) for x in fields[0].split("-"))
                if lo <= addr < hi and len(fields) >= 6:
                    return fields[5]
    except (OSError, ValueError, AttributeError):
        pass
    return None


def declare(lib):
    """Sets restype and argtypes of every function the module calls."""
    for name, (restype, argtypes) in _PROTOTYPES.items():
        f = getattr(lib, name)
        f.restype = restype
        f.argtypes = argtypes


lib, path = load()
declare(lib)
