"""The Python module against the library and the CLI: the CLI's fixtures give the same
results through both, bad input raises the mapped errors, the module's struct mirrors
read what the library wrote, objects free through the library, threads share one
extractor, and `python3 -m pith` is the CLI byte for byte.

Run from the repository: PITH_LIBRARY=build/libpith.so.0 PITH_CLI=build/examples/pith
PYTHONPATH=bindings/python python3 -m unittest discover -s bindings/python/tests
(ctest does this). Without PITH_CLI the comparisons with the CLI are skipped.
"""
import ctypes
import gc
import glob
import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import unittest

import pith
from pith import _native

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
PACKAGE_DIR = os.path.join(REPO, "bindings", "python")
SAMPLE_HTML = os.path.join(REPO, "examples", "sample.html")
SAMPLE_TEXT = os.path.join(REPO, "examples", "sample.txt")
FIXTURES = os.path.join(REPO, "tests", "fixtures")
CLI = os.environ.get("PITH_CLI")
PNG = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10"


def read(path):
    with open(path, "rb") as f:
        return f.read()


def fixture_pages():
    """The pages the C and CLI tests use: the samples, the seed dumps, the HTML and
    charset fixtures."""
    pages = [SAMPLE_HTML, SAMPLE_TEXT]
    pages += sorted(glob.glob(os.path.join(FIXTURES, "seeds", "*.txt")))
    pages += sorted(glob.glob(os.path.join(FIXTURES, "html", "*.html")))
    pages += sorted(p for p in glob.glob(os.path.join(FIXTURES, "decode", "*"))
                    if not p.endswith(".supp"))
    return pages


def cli(*args, stdin=None, cwd=None):
    return subprocess.run([CLI, *args], input=stdin, capture_output=True, cwd=cwd,
                          timeout=120)


def pymod(*args, stdin=None, cwd=None, env=None):
    e = dict(os.environ)
    e["PYTHONPATH"] = PACKAGE_DIR + os.pathsep + e.get("PYTHONPATH", "")
    e.update(env or {})
    return subprocess.run([sys.executable, "-m", "pith", *args], input=stdin,
                          capture_output=True, cwd=cwd, env=e, timeout=120)


def utf8_len(s):
    return len(s.encode("utf-8"))


class Vocabulary(unittest.TestCase):
    def test_version_and_library(self):
        self.assertRegex(pith.library_version, r"^\d+\.\d+\.\d+$")
        self.assertEqual(pith.library_version.split(".")[0], str(_native.ABI_MAJOR))
        self.assertTrue(os.path.isfile(pith.library_path), pith.library_path)

    def test_kinds(self):
        self.assertEqual(pith.KINDS, ("title", "meta", "body", "caption", "navigation",
                                      "trending", "comments", "promo", "other_article"))

    def test_statuses_match_the_library(self):
        # each Status has the library's description, and the last one is the library's
        for st in pith.Status:
            self.assertTrue(_native.lib.pith_status_str(st))
        e = pith.EmptyInputError("x")
        self.assertEqual(e.status, pith.Status.EMPTY_INPUT)
        self.assertEqual(e.status_str, "input is empty")

    def test_gil_is_released(self):
        # ctypes holds the GIL only around calls of a PyDLL (FUNCFLAG_PYTHONAPI); every
        # pith_* call must run without it for threads to scale
        self.assertIsInstance(_native.lib, ctypes.CDLL)
        self.assertFalse(_native.lib._func_flags_ & ctypes._FUNCFLAG_PYTHONAPI)


class Extraction(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.ex = pith.Extractor()

    def test_sample(self):
        doc = self.ex.extract(read(SAMPLE_HTML))
        self.assertEqual(doc.title,
                         "Volunteers bring the old Calder Lock back to life after 60 years")
        self.assertEqual(doc.author, "Maya Okafor")
        self.assertEqual(doc.lang, "en")
        self.assertTrue(doc.date.startswith("2026-03-14"))
        self.assertEqual(doc.input_kind, "html")
        self.assertEqual(doc.charset, "UTF-8")
        self.assertIn("Calder Lock", doc.text)
        self.assertNotIn("cookie", doc.text.lower())
        self.assertEqual(set(doc.metadata), {"title", "author", "date", "sitename", "lang",
                                             "url", "description"})
        self.assertEqual(doc.metadata["title"], doc.title)
        self.assertEqual(doc.page_type, "article")
        kinds = {s.kind for s in doc.segments}
        self.assertTrue({"title", "body", "navigation", "promo"} <= kinds, kinds)

    def test_same_as_the_json_rendering(self):
        """Every field read through the struct mirrors and accessors equals what the
        library's own JSON says: the mirrors match the C layout."""
        for path in fixture_pages():
            with self.subTest(page=os.path.relpath(path, REPO)):
                doc = self.ex.extract(read(path))
                j = json.loads(doc.to_json())
                for field in _native.META_FIELDS:
                    self.assertEqual(getattr(doc, field), j[field], field)
                self.assertEqual(doc.text, j["text"])
                self.assertEqual(doc.comments, j["comments"])
                self.assertEqual(doc.charset, j["charset"])
                self.assertEqual(doc.input_kind, j["input"])
                self.assertEqual(len(doc.segments), len(j["segments"]))
                raw = doc.input_text
                for seg, js in zip(doc.segments, j["segments"]):
                    self.assertEqual((seg.kind, seg.text, seg.article),
                                     (js["kind"], js["text"], js["article"]))
                    # character offsets into input_text, byte offsets in the JSON
                    self.assertEqual(utf8_len(raw[:seg.start]), js["start"])
                    self.assertEqual(utf8_len(raw[:seg.end]), js["end"])

    def test_character_offsets(self):
        """On a page with non-ASCII text the offsets are characters, not bytes."""
        doc = self.ex.extract(read(os.path.join(FIXTURES, "decode", "windows-1252.txt")))
        self.assertEqual(doc.charset, "windows-1252")
        self.assertTrue(doc.input_text.startswith("Café au lait\n"))
        self.assertNotEqual(len(doc.input_text), utf8_len(doc.input_text))
        for b in doc.blocks:
            self.assertEqual(doc.input_text[b.start:b.end].strip(), b.text)
        last = doc.blocks[-1]
        self.assertEqual(last.text, "The naïve façade of the coöperative.")
        self.assertEqual(last.end, len(doc.input_text.rstrip("\n")))

    def test_blocks_make_up_segments(self):
        for path in (SAMPLE_HTML, SAMPLE_TEXT):
            doc = pith.Extractor(evidence=True).extract(read(path))
            blocks = doc.blocks
            n = 0
            for seg in doc.segments:
                self.assertEqual(seg.first_block, n)
                mine = blocks[seg.first_block:seg.first_block + seg.block_count]
                self.assertTrue(mine)
                self.assertEqual({b.kind for b in mine}, {seg.kind})
                self.assertEqual(seg.text, "\n".join(b.text for b in mine))
                n += seg.block_count
            self.assertEqual(n, len(blocks))
            for b in blocks:
                self.assertTrue(b.path)
                self.assertIsInstance(b.flags, pith.BlockFlag)
                if b.heading:  # a heading-shaped line of a text dump has no level
                    self.assertTrue(b.flags & pith.BlockFlag.HEADING)
                self.assertTrue(0.0 <= b.link_density <= 1.0)
                self.assertTrue(b.evidence)
            self.assertTrue(any(b.heading for b in blocks))
        plain = self.ex.extract(read(SAMPLE_HTML))
        self.assertTrue(all(b.evidence is None for b in plain.blocks))

    def test_renderings(self):
        doc = self.ex.extract(read(SAMPLE_HTML))
        self.assertTrue(doc.to_text().startswith(doc.title + "\n"))
        self.assertIn("# " + doc.title, doc.to_markdown())
        self.assertTrue(doc.to_html().lstrip().lower().startswith("<!doctype html"))
        self.assertIn("pith explain:", doc.explain())
        rec = json.loads(doc.to_json(source="sample.html"))
        self.assertEqual(next(iter(rec)), "source")
        self.assertEqual(rec["source"], "sample.html")
        self.assertEqual(rec["text"], doc.text)

    def test_str_input(self):
        """A str is taken as the characters it holds, whatever charset the page claims."""
        page = read(SAMPLE_HTML).decode("utf-8")
        self.assertEqual(self.ex.extract(page).to_json(),
                         self.ex.extract(page.encode("utf-8")).to_json())
        # a page that claims GBK: its few UTF-8 sequences do not outweigh the claim
        claims = ("<html><head><meta charset=gbk><title>Café</title></head><body>"
                  "<article><h1>Crème brûlée</h1><p>" + "A custard, baked in a water bath. " * 8
                  + "</p></article></body></html>")
        doc = self.ex.extract(claims)
        self.assertEqual(doc.charset, "UTF-8")
        self.assertEqual(doc.input_text, claims)
        self.assertEqual(doc.title, "Café")
        self.assertIn("Crème brûlée", [b.text for b in doc.blocks])
        # the same bytes without the str's promise follow the page's declaration
        as_bytes = self.ex.extract(claims.encode("utf-8"))
        self.assertEqual(as_bytes.charset, "GBK")
        self.assertNotEqual(as_bytes.title, "Café")
        self.assertEqual(self.ex.extract(bytearray(page.encode())).text,
                         self.ex.extract(page).text)

    def test_hints(self):
        page = read(os.path.join(FIXTURES, "decode", "windows-1252.txt"))
        doc = self.ex.extract(page, url="https://example.org/a",
                              content_type="text/plain; charset=ISO-8859-1")
        self.assertEqual(doc.url, "https://example.org/a")
        self.assertIn(doc.charset, ("windows-1252", "ISO-8859-1"))
        self.assertEqual(self.ex.extract(page, url=b"https://example.org/b").url,
                         "https://example.org/b")

    def test_input_kind(self):
        html, text = read(SAMPLE_HTML), read(SAMPLE_TEXT)
        self.assertEqual(self.ex.extract(html, input="text").input_kind, "text")
        self.assertEqual(self.ex.extract(text, input="html").input_kind, "html")
        self.assertEqual(self.ex.extract(text, input="auto").input_kind, "text")
        # the forced kinds give what an extractor built for them gives (the CLI's --input)
        if CLI:
            out = cli("--format", "json", "--input", "text", SAMPLE_HTML).stdout.decode()
            self.assertEqual(self.ex.extract(html, input="text").to_json() + "\n", out)

    def test_page_type(self):
        self.assertEqual(pith.PAGE_TYPES, ("article", "forum", "product", "collection",
                                           "listing", "documentation", "service", "other"))
        page = read(SAMPLE_HTML)
        for t in pith.PAGE_TYPES:
            doc = self.ex.extract(page, page_type=t)
            self.assertEqual(doc.page_type, t)
            self.assertEqual(json.loads(doc.to_json())["page_type"], t)
        detected = self.ex.extract(page)
        self.assertEqual(self.ex.extract(page, page_type="auto").to_json(), detected.to_json())
        self.assertEqual(json.loads(detected.to_json())["page_type"], detected.page_type)
        if CLI:
            out = cli("--format", "json", "--page-type", "listing", SAMPLE_HTML).stdout.decode()
            self.assertEqual(self.ex.extract(page, page_type="listing").to_json() + "\n", out)

    def test_gzip(self):
        page = read(SAMPLE_HTML)
        self.assertEqual(self.ex.extract(gzip.compress(page)).to_json(),
                         self.ex.extract(page).to_json())
        with self.assertRaises(pith.BinaryInputError):
            pith.Extractor(gzip=False).extract(gzip.compress(page))

    def test_source_case(self):
        page = (b"<html><head><style>h2.kicker{text-transform:uppercase}</style></head><body>"
                b"<h1>A headline</h1><h2 class=kicker>Shown in capitals</h2><p>"
                + b"Some words of the article, long enough to be its text. " * 6 + b"</p></body></html>")
        shown = self.ex.extract(page, input="html")
        self.assertIn("SHOWN IN CAPITALS", " ".join(b.text for b in shown.blocks))
        with pith.Extractor(source_case=True) as ex:
            self.assertEqual(ex.options["source_case"], True)
            kept = ex.extract(page, input="html")
            self.assertIn("Shown in capitals", " ".join(b.text for b in kept.blocks))

    def test_module_extract(self):
        self.assertEqual(pith.extract(read(SAMPLE_TEXT)).to_json(),
                         self.ex.extract(read(SAMPLE_TEXT)).to_json())

    def test_rules(self):
        page = read(SAMPLE_HTML)
        base = self.ex.extract(page)
        first = base.text.split("\n")[0]
        rule = ("promo text 50 ^" + first.split()[0] + " " + first.split()[1] + "\n")
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "mine.rules")
            with open(path, "w") as f:
                f.write(rule)
            from_file = pith.Extractor(rules=[path])
            from_text = pith.Extractor(rules=[("mine.rules", rule)])
        self.assertEqual(from_file.rule_count, self.ex.rule_count + 1)
        for ex in (from_file, from_text):
            doc = ex.extract(page)
            self.assertNotIn(first, doc.text)
            self.assertTrue(any(s.kind == "promo" and first in s.text for s in doc.segments))
        bare = pith.Extractor(builtin_rules=False, rules=[("mine.rules", rule)])
        self.assertEqual(bare.rule_count, 1)
        bare.extract(page)

    def test_options(self):
        ex = pith.Extractor(max_input_bytes=1000, max_nodes=50, regex_match_limit=5000)
        self.assertEqual(ex.options["max_input_bytes"], 1000)
        self.assertEqual(ex.options["max_nodes"], 50)
        self.assertEqual(pith.Extractor().options["max_input_bytes"], 256 << 20)


class Errors(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.ex = pith.Extractor()

    def assertFails(self, cls, status, data, ex=None, message=None):
        with self.assertRaises(cls) as cm:
            (ex or self.ex).extract(data)
        e = cm.exception
        self.assertIsInstance(e, pith.Error)
        self.assertEqual(e.status, status)
        self.assertTrue(e.message)
        if message:
            self.assertIn(message, e.message)
        return e

    def test_bad_input(self):
        self.assertFails(pith.EmptyInputError, pith.Status.EMPTY_INPUT, b"", message="empty")
        self.assertFails(pith.EmptyInputError, pith.Status.EMPTY_INPUT, " \n\t ")
        self.assertFails(pith.BinaryInputError, pith.Status.BINARY, PNG, message="PNG")
        self.assertFails(pith.GzipError, pith.Status.GZIP, b"\x1f\x8b\x08\0garbage")
        page = read(SAMPLE_HTML)
        self.assertFails(pith.TooLargeError, pith.Status.TOO_LARGE, page,
                         pith.Extractor(max_input_bytes=100), "max_input_bytes")
        self.assertFails(pith.TooLargeError, pith.Status.TOO_LARGE, gzip.compress(page),
                         pith.Extractor(max_input_bytes=2000))
        self.assertFails(pith.TooManyNodesError, pith.Status.TOO_MANY_NODES, page,
                         pith.Extractor(max_nodes=10), "max_nodes")
        # the extractor goes on after failures
        self.assertTrue(self.ex.extract(page).text)

    def test_odd_but_valid_input(self):
        for data in (b"\0\0 a line of text after NULs\n", b"\xff\xfe\xfa broken utf-8 \xc3",
                     b"<p>" * 20000, "Ünïcödé only"):
            doc = self.ex.extract(data)
            doc.input_text, doc.segments, doc.blocks, doc.to_json()

    def test_rules_errors(self):
        with self.assertRaises(pith.RulesError) as cm:
            pith.Extractor(rules=[("bad.rules", "promo text 2 ^follow us\nnokind text 1 x\n")])
        self.assertTrue(cm.exception.message.startswith("bad.rules:2:"), cm.exception.message)
        with self.assertRaises(pith.RulesError):
            pith.Extractor(rules=[("re.rules", "promo text 2 (unclosed\n")])
        with self.assertRaises(pith.ReadError) as cm:
            pith.Extractor(rules=["no/such.rules"])
        self.assertIsInstance(cm.exception, OSError)
        self.assertEqual(cm.exception.message, "no/such.rules: No such file or directory")

    def test_argument_errors(self):
        with self.assertRaises(TypeError):
            pith.Extractor(no_such_option=1)
        with self.assertRaises(TypeError):
            pith.Extractor(rules="one.rules")
        for bad in ({"max_nodes": 0}, {"max_nodes": -1}, {"max_input_bytes": "1"},
                    {"regex_match_limit": 1 << 40}):
            with self.assertRaises(ValueError, msg=bad):
                pith.Extractor(**bad)
        with self.assertRaises(TypeError):
            self.ex.extract(12)
        with self.assertRaises(ValueError):
            self.ex.extract(b"text", url="a\0b")
        with self.assertRaises(pith.InvalidArgumentError) as cm:
            self.ex.extract(b"text", input="pdf")
        self.assertIsInstance(cm.exception, ValueError)
        for bad in ("essay", 1, "AUTO"):
            with self.assertRaises(pith.InvalidArgumentError, msg=bad):
                self.ex.extract(b"text", page_type=bad)

    def test_error_record(self):
        e = pith.EmptyInputError("input is empty")
        self.assertEqual(e.code, "empty_input")
        rec = json.loads(pith.error_record("blank.txt", e))
        self.assertEqual(rec, {"source": "blank.txt", "error": "input is empty",
                               "status": "empty_input"})
        rec = json.loads(pith.error_record("x", FileNotFoundError(2, os.strerror(2)),
                                           id_json='{"n":[1,2]}'))
        self.assertEqual(rec, {"source": "x", "id": {"n": [1, 2]}, "error": os.strerror(2),
                               "status": "io_error"})
        with self.assertRaises(pith.InvalidArgumentError):
            pith.error_record("x", e, id_json="not json")
        long = pith.error_record("y", pith.ParseError("é" * 300))  # cut at a character
        self.assertEqual(json.loads(long)["error"], "é" * 127)


WARCS = os.path.join(REPO, "fuzz", "corpus-warc")


class Crawls(unittest.TestCase):
    """The library's WARC and JSON Lines readers, and records with kinds and ids."""

    def test_warc_reader(self):
        for name in sorted(os.listdir(WARCS)):
            path = os.path.join(WARCS, name)
            with self.subTest(warc=name):
                self.assertTrue(pith.warc_sniff(read(path)[:4096]))
                with pith.WarcReader(path) as r:
                    recs = list(r)
                    self.assertEqual(r.position, os.path.getsize(path))
                # the same records from the bytes and from a file object
                self.assertEqual(list(pith.WarcReader(read(path))), recs)
                with open(path, "rb") as f:
                    self.assertEqual(list(pith.WarcReader(f)), recs)
                pages = [x for x in recs if x.page]
                self.assertTrue(pages)
                for x in recs:
                    self.assertIsNone(x.error)
                    self.assertEqual(x.page, x.payload is not None)
                    self.assertEqual(bool(x.skip_reason), not x.page)
                    self.assertTrue(x.record_id.startswith("<urn:uuid:"))
                for x in pages:
                    doc = pith.extract(x.payload, url=x.target_uri, content_type=x.content_type)
                    self.assertEqual(doc.url, x.target_uri)
                    self.assertTrue(doc.text)
        self.assertFalse(pith.warc_sniff(read(SAMPLE_HTML)))

    def test_warc_errors(self):
        with self.assertRaises(pith.ReadError):
            pith.WarcReader("no/such.warc")
        good = read(os.path.join(WARCS, "plain.warc"))
        # a malformed record: an error for it, and the reader goes on with the next
        cut = good.index(b"WARC/1.", 10)
        broken = good[:cut] + b"WARC/1.1\r\nWARC-Type: response\r\nContent-Length: zz\r\n" \
            b"\r\nx\r\n\r\n" + good[cut:]
        recs = list(pith.WarcReader(broken))
        errors = [x for x in recs if x.error is not None]
        self.assertEqual([x.offset for x in errors], [cut], recs)
        self.assertIsInstance(errors[0].error, pith.WarcError)
        self.assertEqual(errors[0].error.code, "warc_corrupt")
        self.assertIn("Content-Length", errors[0].error.message)
        self.assertEqual([x.record_id for x in recs if x.error is None],
                         [x.record_id for x in pith.WarcReader(good)])
        # a file cut short: its last record is an error
        last = list(pith.WarcReader(good[:-50]))[-1]
        self.assertIsInstance(last.error, pith.WarcError)
        # a reader whose source raises: the reading ends, Python goes on
        class Failing:
            def read(self, n):
                raise OSError("disk gone")
        self.assertEqual([x for x in pith.WarcReader(Failing()) if x.page], [])

    def test_jsonl(self):
        rec = pith.parse_jsonl(b'{"id": 17, "url": "https://example.org/a", '
                               b'"html": "<p>caf\\u00e9</p>"}')
        self.assertEqual(rec.page, "<p>café</p>".encode())
        self.assertEqual(rec.url, "https://example.org/a")
        self.assertEqual(rec.id_json, "17")
        self.assertIn("utf-8", rec.content_type)
        rec = pith.parse_jsonl('{"k": "a1", "body": "<p>x</p>"}', html_field="body",
                               id_field="k", url_field="u")
        self.assertEqual((rec.page, rec.url, rec.id_json), (b"<p>x</p>", None, '"a1"'))
        for line, cls, id_json in ((b'{"id": [1], "nohtml": 1}', pith.JsonError, "[1]"),
                                   (b"not json", pith.JsonError, None),
                                   (b'{"html": 3}', pith.JsonError, None),
                                   (b"   ", pith.EmptyInputError, None)):
            with self.assertRaises(cls, msg=line) as cm:
                pith.parse_jsonl(line)
            self.assertEqual(getattr(cm.exception, "id_json", None), id_json)

    def test_records_with_kinds_and_id(self):
        doc = pith.extract(read(SAMPLE_HTML))
        full = json.loads(doc.to_json())
        some = json.loads(doc.to_json(kinds="title,body"))
        self.assertEqual({s["kind"] for s in some["segments"]}, {"title", "body"})
        self.assertEqual(some["text"], full["text"])
        self.assertEqual(doc.to_json(kinds=["body", "title"]), doc.to_json(kinds="title,body"))
        self.assertEqual(doc.to_text(kinds=["title"]).strip(), doc.title)
        rec = doc.to_json(source="a.warc@7", id_json='"<urn:uuid:x>"', kinds="body")
        self.assertTrue(rec.startswith('{"source":"a.warc@7","id":"<urn:uuid:x>",'), rec[:60])
        for bad in ("titel", ["body", "nope"], ""):
            with self.assertRaises(pith.InvalidArgumentError, msg=bad):
                doc.to_json(kinds=bad)


class Lifetime(unittest.TestCase):
    def test_extractor_context_manager(self):
        with pith.Extractor() as ex:
            doc = ex.extract(read(SAMPLE_TEXT))
        with self.assertRaises(ValueError):
            ex.extract(read(SAMPLE_TEXT))
        # a document outlives its extractor: it keeps the C extractor it refers to
        self.assertTrue(doc.to_json())
        self.assertTrue(doc.explain())

    def test_document_close(self):
        doc = pith.extract(read(SAMPLE_HTML))
        title = doc.title
        with doc:
            pass
        self.assertTrue(doc.closed)
        self.assertEqual(doc.title, title)  # read before closing
        with self.assertRaises(ValueError):
            doc.text
        with self.assertRaises(ValueError):
            doc.to_json()
        doc.close()  # twice is fine
        self.assertIn("closed", repr(doc))

    def test_freed_through_the_library(self):
        """Dropping the objects runs their finalizers, which call pith_doc_free and
        pith_extractor_free (the C side is checked under valgrind by the C tests)."""
        ex = pith.Extractor()
        native = ex._native
        docs = [ex.extract(read(SAMPLE_TEXT)) for _ in range(5)]
        finalizers = [d._finalizer for d in docs] + [native._finalizer]
        ex.close()
        del native
        gc.collect()
        self.assertTrue(finalizers[-1].alive)  # documents still refer to it
        del docs
        gc.collect()
        self.assertFalse(any(f.alive for f in finalizers))


class Threads(unittest.TestCase):
    def test_shared_extractor(self):
        pages = [read(p) for p in fixture_pages()]
        ex = pith.Extractor()
        want = [ex.extract(p).to_json() for p in pages]
        got = {}
        errors = []

        def work(k):
            try:
                for r in range(3):
                    for i, p in enumerate(pages):
                        j = ex.extract(p).to_json() if k % 2 else pith.extract(p).to_json()
                        if j != want[i]:
                            errors.append((k, r, i))
                got[k] = True
            except Exception as e:  # noqa: BLE001 - reported below
                errors.append((k, repr(e)))

        ts = [threading.Thread(target=work, args=(k,)) for k in range(4)]
        for t in ts:
            t.start()
        for t in ts:
            t.join()
        self.assertEqual(errors, [])
        self.assertEqual(len(got), 4)

    def test_input_kinds_built_once(self):
        ex = pith.Extractor()
        page = read(SAMPLE_HTML)
        want = {k: ex.extract(page, input=k).to_json() for k in ("auto", "html", "text")}
        ex2 = pith.Extractor()
        out = []
        barrier = threading.Barrier(6)

        def work(kind):
            barrier.wait()
            out.append(ex2.extract(page, input=kind).to_json() == want[kind])

        ts = [threading.Thread(target=work, args=(k,)) for k in ("html", "text") * 3]
        for t in ts:
            t.start()
        for t in ts:
            t.join()
        self.assertEqual(out, [True] * 6)
        self.assertEqual(len(ex2._native._handles), 3)
        ex2.extract(page, input="text", page_type="forum")
        self.assertEqual(len(ex2._native._handles), 4)


@unittest.skipUnless(CLI, "PITH_CLI is not set")
class SameAsCli(unittest.TestCase):
    """pith.extract and python3 -m pith give what the CLI gives."""

    def test_fixture_records(self):
        pages = fixture_pages()
        out = cli("--format", "jsonl", *pages)
        self.assertEqual(out.returncode, 0, out.stderr)
        lines = out.stdout.decode("utf-8").splitlines()
        self.assertEqual(len(lines), len(pages))
        ex = pith.Extractor()
        for path, line in zip(pages, lines):
            self.assertEqual(ex.extract(read(path)).to_json(source=path), line, path)

    def test_module_mirrors_cli(self):
        with tempfile.TemporaryDirectory() as tmp:
            shutil.copy(SAMPLE_HTML, tmp)
            shutil.copy(SAMPLE_TEXT, tmp)
            with open(os.path.join(tmp, "sample.html.gz"), "wb") as f:
                f.write(gzip.compress(read(SAMPLE_HTML)))
            os.makedirs(os.path.join(tmp, "corpus", "a", "deep"))
            os.makedirs(os.path.join(tmp, "corpus", "b"))
            shutil.copy(SAMPLE_TEXT, os.path.join(tmp, "corpus", "a", "1.txt"))
            shutil.copy(SAMPLE_HTML, os.path.join(tmp, "corpus", "a", "deep", "0.html"))
            with open(os.path.join(tmp, "corpus", "b", "image.png"), "wb") as f:
                f.write(PNG)
            with open(os.path.join(tmp, "blank.txt"), "w") as f:
                f.write("  \n")
            with open(os.path.join(tmp, "good.rules"), "w") as f:
                f.write("promo text 2 ^follow us\n")
            with open(os.path.join(tmp, "bad.rules"), "w") as f:
                f.write("promo text 2 ^follow us\nnokind text 1 x\n")
            for name in os.listdir(WARCS):
                shutil.copy(os.path.join(WARCS, name), os.path.join(tmp, "corpus", "b"))
            # folder entries that cannot be read are error records; a FIFO is skipped
            os.symlink("nowhere", os.path.join(tmp, "corpus", "b", "dangling.html"))
            os.symlink("..", os.path.join(tmp, "corpus", "a", "deep", "up"))
            os.mkfifo(os.path.join(tmp, "corpus", "fifo"))
            lines = [{"id": 17, "url": "https://example.org/a", "html": read(SAMPLE_HTML).decode()},
                     {"id": "a1", "html": read(SAMPLE_TEXT).decode()}, None,
                     {"id": [1, 2], "page": "<p>no html field</p>"}, "not json",
                     {"html": "   "}, {"id": None, "html": "<p>" + "Short text. " * 30 + "</p>"}]
            with open(os.path.join(tmp, "pages.jsonl"), "w") as f:
                for x in lines:
                    f.write("  \n" if x is None else x + "\n" if isinstance(x, str)
                            else json.dumps(x) + "\n")
            with open(os.path.join(tmp, "other.txt"), "w") as f:
                f.write(json.dumps({"k": 5, "body": "<p>hello there, a page</p>"}) + "\n")
            inputs = ["sample.html", "sample.txt", "sample.html.gz", "missing.html",
                      "blank.txt", "corpus", "pages.jsonl"]
            runs = [["--format", fmt, *inputs]
                    for fmt in ("text", "markdown", "json", "jsonl", "explain", "html")]
            runs += [["--jobs=3", "--format", fmt, *inputs] for fmt in ("text", "jsonl")]
            runs += [
                ["sample.html"], ["--format", "jsonl", "corpus/"], ["--explain", "sample.txt"],
                ["--input", "text", "--format", "json", "sample.html"],
                ["--input=html", "sample.txt"],
                ["--page-type", "forum", "--format", "json", "sample.html", "sample.txt"],
                ["--page-type=auto", "--format", "jsonl", "sample.html"],
                ["--url", "https://example.org/x", "--content-type", "text/html; charset=latin1",
                 "--format", "json", "sample.txt"],
                ["--rules", "good.rules", "--format", "jsonl", "sample.html"],
                ["--no-builtin-rules", "--rules", "good.rules", "sample.html"],
                ["--format", "jsonl", "--", "sample.txt"],
                ["--format", "jsonl", "-"],
                ["--format", "jsonl", "--only", "title,body", "-j4", *inputs],
                ["--only=meta", "--format", "text", "sample.html", "pages.jsonl"],
                ["--format", "jsonl", "--quiet", "corpus"],
                ["--format", "jsonl", "--input-format", "jsonl", "--html-field", "body",
                 "--id-field", "k", "other.txt"],
                ["--format", "jsonl", "--input-format=page", "pages.jsonl"],
                ["--format", "jsonl", "--input-format", "warc", "sample.html"],
                ["--format", "json", "corpus/b/plain.warc"],
                ["--format", "jsonl", "-", "warc-stdin"],
                ["--format", "jsonl", "--input-format", "jsonl", "-", "jsonl-stdin"],
            ]
            stdins = {"-": read(SAMPLE_HTML),
                      "warc-stdin": read(os.path.join(WARCS, "member-chunked-gzip.warc.gz")),
                      "jsonl-stdin": read(os.path.join(tmp, "pages.jsonl"))}
            for args in runs:
                stdin = stdins.get(args[-1])
                if args[-1] in ("warc-stdin", "jsonl-stdin"):
                    args = args[:-1]
                want, got = cli(*args, cwd=tmp, stdin=stdin), pymod(*args, cwd=tmp, stdin=stdin)
                with self.subTest(args=args):
                    self.assertEqual(got.returncode, want.returncode, got.stderr)
                    self.assertEqual(got.stdout, want.stdout)
                    self.assertEqual(got.stderr, want.stderr)
            for args, status in ([["--no-such-flag"], 2], [["--format", "yaml", "x"], 2],
                                 [["--input", "pdf", "x"], 2], [["--jobs", "0", "x"], 2],
                                 [["--page-type", "essay", "x"], 2],
                                 [["--only", "titel", "x"], 2],
                                 [["--input-format", "zip", "x"], 2], [["-j0", "x"], 2],
                                 [["--jobs", "x", "x"], 2], [["x", "--format"], 2],
                                 [["--rules", "bad.rules", "sample.html"], 2],
                                 [["--rules", "nosuch.rules", "sample.html"], 2],
                                 [["--help"], 0], [["--version"], 0]):
                want, got = cli(*args, cwd=tmp), pymod(*args, cwd=tmp)
                with self.subTest(args=args):
                    self.assertEqual(want.returncode, status)
                    self.assertEqual(got.returncode, status, got.stderr)
                    if status == 2:
                        self.assertFalse(got.stdout)
                        self.assertEqual(len(got.stderr.splitlines()), 1, got.stderr)
                        # the same message, up to the program's name in the hint
                        self.assertEqual(got.stderr.split(b" (try")[0],
                                         want.stderr.split(b" (try")[0])
            self.assertIn(b"bad.rules:2", pymod("--rules", "bad.rules", "x", cwd=tmp).stderr)


class Loading(unittest.TestCase):
    """The library lookup, in a child process each."""

    def run_python(self, code, env, cwd=None):
        e = {k: v for k, v in os.environ.items()
             if k not in ("PITH_LIBRARY", "PITH_BUILD_DIR", "LD_LIBRARY_PATH")}
        e.update(env)
        return subprocess.run([sys.executable, "-c", code], capture_output=True, env=e,
                              cwd=cwd, timeout=60)

    def test_explicit_library_that_fails(self):
        r = self.run_python("import pith", {"PITH_LIBRARY": "/no/such/libpith.so.0",
                                            "PYTHONPATH": PACKAGE_DIR})
        self.assertNotEqual(r.returncode, 0)
        self.assertIn(b"LibraryNotFound", r.stderr)
        self.assertIn(b"PITH_LIBRARY=/no/such/libpith.so.0", r.stderr)

    def test_not_found_says_what_it_tried(self):
        # a copy of the package outside the source tree, so no build tree is near
        probe = self.run_python("import ctypes; ctypes.CDLL('%s')" % _native._soname(), {})
        if probe.returncode == 0:
            self.skipTest("a libpith is installed where the loader finds it")
        with tempfile.TemporaryDirectory() as tmp:
            shutil.copytree(os.path.join(PACKAGE_DIR, "pith"), os.path.join(tmp, "pith"))
            r = self.run_python("import pith", {"PYTHONPATH": tmp}, cwd=tmp)
        if r.returncode == 0:
            self.skipTest("a libpith is installed under a searched prefix")
        err = r.stderr.decode()
        self.assertIn("cannot load libpith; tried:", err)
        self.assertIn("$PITH_LIBRARY: not set", err)
        self.assertIn(_native._soname() + " (the loader", err)
        self.assertIn(os.path.join(sys.prefix, "lib", _native._soname()), err)
        self.assertIn("set PITH_LIBRARY", err)

    def test_build_tree(self):
        build = os.path.dirname(os.path.realpath(pith.library_path))
        if not os.path.isfile(os.path.join(build, "CMakeCache.txt")):
            self.skipTest("the library under test is not in a build tree")
        probe = self.run_python("import ctypes; ctypes.CDLL('%s')" % _native._soname(), {})
        if probe.returncode == 0:
            self.skipTest("a libpith is installed where the loader finds it")
        r = self.run_python("import pith; print(pith.library_path)",
                            {"PYTHONPATH": PACKAGE_DIR, "PITH_BUILD_DIR": build})
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(os.path.dirname(os.path.realpath(r.stdout.decode().strip())), build)


if __name__ == "__main__":
    unittest.main()
