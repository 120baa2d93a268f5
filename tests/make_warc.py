#!/usr/bin/env python3
"""Builds WARC files and JSON Lines files out of page files, for the tests.

    make_warc.py [--gzip member|whole|none] [--chunked] [--encode gzip|deflate]
                 [--extra] [--jsonl FILE] OUT.warc[.gz] PAGE...

Each page becomes a request record and a response record (WARC/1.1, HTTP/1.1 200,
Content-Type text/html; charset=utf-8 after the page is gunzipped when it is a .gz).
--chunked sends the bodies with chunked transfer-encoding, --encode compresses them
with a content-encoding; --extra adds a warcinfo record first and, after the pages, a
non-HTML response (a PNG), a 404 page and a metadata record, which a reader must skip.
--jsonl also writes the same pages as JSON Lines ({"id", "url", "html"}), where the page
is decoded with the charset pith itself finds (pith_doc_charset via the CLI's JSON), so
that the JSON string holds the text a browser would show.

Only the standard library: the tests run it with Debian's python3.
"""
import argparse
import gzip
import hashlib
import io
import json
import os
import sys
import zlib


def record(fields, block):
    head = ["WARC/1.1"]
    for k, v in fields:
        head.append(f"{k}: {v}")
    head.append(f"Content-Length: {len(block)}")
    return ("\r\n".join(head) + "\r\n\r\n").encode() + block + b"\r\n\r\n"


def record_id(*parts):
    h = hashlib.sha1("\0".join(parts).encode()).hexdigest()
    return f"<urn:uuid:{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:32]}>"


def chunk(body, size=1000):
    out = io.BytesIO()
    for i in range(0, len(body), size):
        piece = body[i:i + size]
        out.write(f"{len(piece):x}\r\n".encode() + piece + b"\r\n")
    out.write(b"0\r\n\r\n")
    return out.getvalue()


def response(url, body, ctype="text/html; charset=utf-8", status="200 OK", chunked=False,
             encode=None):
    headers = [f"HTTP/1.1 {status}", f"Content-Type: {ctype}"]
    if encode == "gzip":
        body = gzip.compress(body, mtime=0)
        headers.append("Content-Encoding: gzip")
    elif encode == "deflate":
        body = zlib.compress(body)
        headers.append("Content-Encoding: deflate")
    if chunked:
        body = chunk(body)
        headers.append("Transfer-Encoding: chunked")
    else:
        headers.append(f"Content-Length: {len(body)}")
    http = ("\r\n".join(headers) + "\r\n\r\n").encode() + body
    return record([("WARC-Type", "response"), ("WARC-Target-URI", url),
                   ("WARC-Date", "2024-01-01T00:00:00Z"),
                   ("WARC-Record-ID", record_id("response", url)),
                   ("Content-Type", "application/http; msgtype=response")], http)


def request(url):
    host = url.split("/")[2]
    http = f"GET /{url.split('/', 3)[3]} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode()
    return record([("WARC-Type", "request"), ("WARC-Target-URI", url),
                   ("WARC-Date", "2024-01-01T00:00:00Z"),
                   ("WARC-Record-ID", record_id("request", url)),
                   ("Content-Type", "application/http; msgtype=request")], http)


def page_bytes(path):
    data = open(path, "rb").read()
    return gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data


def url_of(path):
    return "https://example.org/" + os.path.basename(path)


def build(pages, chunked=False, encode=None, extra=False):
    records = []
    if extra:
        records.append(record([("WARC-Type", "warcinfo"), ("WARC-Date", "2024-01-01T00:00:00Z"),
                               ("WARC-Record-ID", record_id("warcinfo")),
                               ("Content-Type", "application/warc-fields")],
                              b"software: make_warc.py\r\n"))
    for p in pages:
        url = url_of(p)
        body = page_bytes(p)
        records.append(request(url))
        records.append(response(url, body, ctype="text/html", chunked=chunked, encode=encode))
    if extra:
        png = b"\x89PNG\r\n\x1a\n" + b"\0" * 64
        records.append(response("https://example.org/logo.png", png, ctype="image/png"))
        records.append(response("https://example.org/missing", b"<p>Not found</p>",
                                status="404 Not Found"))
        records.append(record([("WARC-Type", "metadata"),
                               ("WARC-Target-URI", "https://example.org/logo.png"),
                               ("WARC-Date", "2024-01-01T00:00:00Z"),
                               ("WARC-Record-ID", record_id("metadata")),
                               ("Content-Type", "application/warc-fields")], b"via: test\r\n"))
    return records


def write(out, records, mode):
    with open(out, "wb") as f:
        if mode == "member":
            for r in records:
                f.write(gzip.compress(r, mtime=0))
        elif mode == "whole":
            f.write(gzip.compress(b"".join(records), mtime=0))
        else:
            f.write(b"".join(records))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gzip", choices=["member", "whole", "none"], default=None)
    ap.add_argument("--chunked", action="store_true")
    ap.add_argument("--encode", choices=["gzip", "deflate"])
    ap.add_argument("--extra", action="store_true")
    ap.add_argument("--jsonl", help="also write the pages as JSON Lines here")
    ap.add_argument("--charsets", help="a JSON Lines file of the CLI's records for the pages, "
                    "in order, whose 'charset' decodes each page for --jsonl")
    ap.add_argument("out")
    ap.add_argument("pages", nargs="+")
    a = ap.parse_args()
    mode = a.gzip or ("member" if a.out.endswith(".gz") else "none")
    write(a.out, build(a.pages, a.chunked, a.encode, a.extra), mode)
    if a.jsonl:
        charsets = []
        if a.charsets:
            charsets = [json.loads(l).get("charset") or "utf-8" for l in open(a.charsets)]
        with open(a.jsonl, "w", encoding="utf-8") as f:
            for i, p in enumerate(a.pages):
                cs = charsets[i] if i < len(charsets) else "utf-8"
                try:
                    html = page_bytes(p).decode(cs, errors="replace")
                except LookupError:
                    html = page_bytes(p).decode("utf-8", errors="replace")
                f.write(json.dumps({"id": i + 1, "url": url_of(p), "html": html}) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
