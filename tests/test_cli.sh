#!/usr/bin/env bash
# End-to-end checks of the example CLI.  usage: test_cli.sh PITH_BINARY REPO_ROOT
set -euo pipefail

pith=$(realpath "$1")
repo=$(realpath "$2")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"

passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok   $1"; }
bad() { failed=$((failed + 1)); echo "FAIL $1" >&2; }
check() { # check NAME COMMAND...: passes when the command succeeds
  local name=$1
  shift
  if "$@"; then ok "$name"; else bad "$name"; fi
}
status_is() { # status_is WANT COMMAND...: the command's exit status is WANT
  local want=$1 got=0
  shift
  "$@" >out.txt 2>err.txt || got=$?
  [[ $got == "$want" ]] || { echo "  exit status $got, want $want: $*" >&2; return 1; }
}
# jsonl_check FILE PYTHON: runs PYTHON with `recs` = the records of FILE
jsonl_check() {
  python3 -c 'import json, sys
recs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
'"$2" "$1"
}

cp "$repo/examples/sample.html" "$repo/examples/sample.txt" .
gzip -c sample.html >sample.html.gz

# flags
check "--version exits 0" status_is 0 "$pith" --version
check "--version names pith" grep -q "^pith [0-9]" out.txt
check "--help exits 0" status_is 0 "$pith" --help
check "--help prints usage" grep -q "^usage: pith" out.txt
check "unknown flag exits 2" status_is 2 "$pith" --no-such-flag sample.html
check "unknown flag: one-line hint" test "$(wc -l <err.txt)" -eq 1
check "unknown flag: nothing on stdout" test ! -s out.txt
check "bad --format exits 2" status_is 2 "$pith" --format yaml sample.html
check "bad --input exits 2" status_is 2 "$pith" --input pdf sample.html
check "--jobs 0 exits 2" status_is 2 "$pith" --jobs 0 sample.html
check "missing value exits 2" status_is 2 "$pith" sample.html --format
check "--format=json form" status_is 0 "$pith" --format=json sample.html

# rules
printf 'promo text 2 ^follow us\n' >good.rules
printf 'promo text 2 ^follow us\nnokind text 1 x\n' >bad.rules
check "--rules with a good file" status_is 0 "$pith" --rules good.rules sample.html
check "--rules with a bad file exits 2" status_is 2 "$pith" --format jsonl --rules bad.rules sample.html
check "bad rules: message names file:line" grep -q "bad.rules:2" err.txt
check "bad rules: no record printed" test ! -s out.txt
check "--rules missing file exits 2" status_is 2 "$pith" --rules nosuch.rules sample.html
check "--no-builtin-rules runs" status_is 0 "$pith" --no-builtin-rules sample.html

# letter case: the page's CSS text-transform by default, as written with --source-case
printf '<html><head><style>.kicker{text-transform:uppercase}</style></head><body><h1>A title</h1><p><span class="kicker">Breaking</span> %s</p></body></html>' \
  "$(printf 'words of the story that make it prose, and more of them. %.0s' 1 2 3 4 5 6)" >case.html
check "text-transform applied" status_is 0 "$pith" --format jsonl case.html
check "text-transform: BREAKING" grep -q '"BREAKING words' out.txt
check "--source-case runs" status_is 0 "$pith" --format jsonl --source-case case.html
check "--source-case: Breaking" grep -q '"Breaking words' out.txt

# renderings
for f in text markdown json explain html; do
  check "--format $f prints something" status_is 0 "$pith" --format "$f" sample.html
  check "--format $f output not empty" test -s out.txt
done
check "--explain shorthand" status_is 0 "$pith" --explain sample.txt
check "--format json is JSON" status_is 0 "$pith" --format json sample.html
check "--format json parses" python3 -c 'import json,sys; json.load(open("out.txt"))'

# jsonl: one record per input, in order, errors as records
check "jsonl on the sample" status_is 0 "$pith" --format jsonl sample.html
cp out.txt sample.jsonl
check "jsonl record fields" jsonl_check sample.jsonl '
assert len(recs) == 1, recs
r = recs[0]
assert r["source"] == "sample.html", r.get("source")
assert "error" not in r, r["error"]
assert isinstance(r["text"], str) and r["text"], "no text"
assert isinstance(r["segments"], list) and r["segments"], "no segments"
assert all({"kind", "text"} <= set(s) for s in r["segments"]), "segment without kind/text"
'
check "unreadable file exits 1" status_is 1 "$pith" --format jsonl sample.html missing.html sample.txt
cp out.txt mixed.jsonl
check "unreadable file: error record, others still there" jsonl_check mixed.jsonl '
assert [r["source"] for r in recs] == ["sample.html", "missing.html", "sample.txt"], recs
assert "error" not in recs[0] and "error" not in recs[2]
assert recs[1]["error"] and recs[1]["status"], recs[1]
'
check "text format: error on stderr" status_is 1 "$pith" missing.html
check "text format: pith: FILE: message" grep -q "^pith: missing.html: " err.txt
printf '   \n' >blank.txt
check "empty input exits 1" status_is 1 "$pith" --format jsonl blank.txt
check "empty input: error record" jsonl_check out.txt 'assert recs[0]["error"], recs'

# gzip, stdin
check "gzip input" status_is 0 "$pith" --format jsonl sample.html.gz
check "gzip gives the plain page's text" jsonl_check out.txt '
plain = [json.loads(l) for l in open("sample.jsonl")][0]
assert recs[0]["source"] == "sample.html.gz"
assert recs[0]["text"] == plain["text"], "gzip text differs"
'
check "stdin (no FILE)" status_is 0 sh -c "\"$pith\" --format jsonl <sample.html"
check "stdin record" jsonl_check out.txt 'assert len(recs) == 1 and recs[0]["source"] == "-" and recs[0]["text"]'
check "stdin (-)" status_is 0 sh -c "cat sample.html.gz | \"$pith\" --format jsonl -"
check "stdin (-) gzip record" jsonl_check out.txt 'assert recs[0]["source"] == "-" and recs[0]["text"]'

# directories: walked recursively in name order, paths built from the argument
mkdir -p corpus/b corpus/a/deep
cp sample.html corpus/b/2.html
cp sample.txt corpus/a/1.txt
cp sample.html.gz corpus/a/deep/0.html.gz
cp sample.txt corpus/c.txt
printf '\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10' >corpus/b/image.png
check "directory argument" status_is 1 "$pith" --format jsonl corpus/
cp out.txt dir.jsonl
check "directory: sorted, recursive, one record each" jsonl_check dir.jsonl '
got = [r["source"] for r in recs]
want = ["corpus/a/1.txt", "corpus/a/deep/0.html.gz", "corpus/b/2.html", "corpus/b/image.png",
        "corpus/c.txt"]
assert got == want, got
assert [("error" in r) for r in recs] == [False, False, False, True, False], recs
'

# --jobs: the same bytes as one thread, in input order
shared_seeds="$repo/../shared/corpus/seeds"
extra=()
if [[ -d $shared_seeds ]]; then extra=("$shared_seeds"); fi
for fmt in jsonl text; do
  for n in 1 2 5; do
    timeout 60 "$pith" --format "$fmt" --jobs "$n" corpus sample.html missing.html "${extra[@]}" \
      >"j$n.out" 2>"j$n.err" || true
  done
  check "--jobs 2 is byte-identical to --jobs 1 ($fmt)" cmp -s j1.out j2.out
  check "--jobs 5 is byte-identical to --jobs 1 ($fmt)" cmp -s j1.out j5.out
  check "--jobs 2: same stderr ($fmt)" cmp -s j1.err j2.err
done
check "--jobs 2 exit status for a failed input" status_is 1 "$pith" --format jsonl --jobs 2 sample.html missing.html
# Threads that all start on HTML race any lazy one-time initialisation (libxml2 2.9's
# parser globals must be set up before threads use it): a hang shows up here.
hung=0
for _ in $(seq 20); do
  rc=0
  timeout 10 "$pith" --format jsonl --jobs 4 sample.html sample.html.gz sample.html sample.html \
    >/dev/null 2>&1 || rc=$?
  if [[ $rc == 124 ]]; then hung=$((hung + 1)); fi
done
check "--jobs 4 starting on HTML never hangs (hung $hung of 20 runs)" test "$hung" -eq 0

# a reader that goes away: no message, no hang
for i in $(seq 1 200); do cp sample.txt "corpus/many-$i.txt"; done
check "closed pipe ends quietly" sh -c "\"$pith\" --format jsonl corpus 2>pipe.err | head -c 10 >/dev/null; test ! -s pipe.err"
check "closed pipe ends quietly (--jobs 2)" sh -c "\"$pith\" --format jsonl --jobs 2 corpus 2>pipe.err | head -c 10 >/dev/null; test ! -s pipe.err"

# ---- status codes: stable names a program can branch on ----
printf '\x1f\x8b\x08\x00broken gzip data here' >corrupt.gz
check "status codes" status_is 1 "$pith" --format jsonl missing.html corrupt.gz blank.txt
check "status codes: io_error, gzip_corrupt, empty_input" jsonl_check out.txt '
assert [r["status"] for r in recs] == ["io_error", "gzip_corrupt", "empty_input"], recs
assert all(r["error"] for r in recs)
'

# ---- -j, --only, progress, summary ----
check "-j 2 (short form)" status_is 0 "$pith" --format jsonl -j 2 sample.html sample.txt
check "-j2 (attached)" status_is 0 "$pith" --format jsonl -j2 sample.html sample.txt
check "-j 0 exits 2" status_is 2 "$pith" -j 0 sample.html
check "--only keeps those kinds" status_is 0 "$pith" --format jsonl --only title,body sample.html
check "--only: only title and body segments" jsonl_check out.txt '
kinds = {s["kind"] for s in recs[0]["segments"]}
assert kinds == {"title", "body"}, kinds
'
check "--only body in text" status_is 0 "$pith" --only body sample.html
check "--only body: the body blocks, no title line" python3 -c '
import json, sys
text = open("out.txt").read()
full = json.load(open(sys.argv[1]))
assert text.strip() == full["text"].strip(), (text[:200], full["text"][:200])
' <("$pith" --format json sample.html)
check "--only with an unknown kind exits 2" status_is 2 "$pith" --only body,adverts sample.html
check "--only: names the unknown kind" grep -q adverts err.txt
check "summary on stderr for a batch" status_is 1 "$pith" --format jsonl sample.html missing.html
check "summary: ok, failed, skipped" grep -qx "pith: 1 ok, 1 failed, 0 skipped" err.txt
check "no summary for one page" status_is 0 "$pith" --format jsonl sample.html
check "no summary for one page: stderr empty" test ! -s err.txt
check "--quiet: no summary" status_is 0 "$pith" --quiet --format jsonl sample.html sample.txt
check "--quiet: stderr empty" test ! -s err.txt
check "--progress forces the progress line" status_is 0 "$pith" --progress --format jsonl corpus/a corpus/c.txt
check "progress: pages, rate, errors, elapsed, ETA" grep -aEq 'pith: [0-9]+ pages, [0-9.]+/s, 0 errors, [0-9]+:[0-9]{2} elapsed, ETA [0-9]+:[0-9]{2}' err.txt
check "progress: no ETA when the total is unknown (stdin)" sh -c "\"$pith\" --progress --format jsonl <sample.html 2>&1 >/dev/null | grep -aq 'elapsed' && ! \"$pith\" --progress --format jsonl <sample.html 2>&1 >/dev/null | grep -aq ETA"
check "progress is not shown when stderr is not a terminal" status_is 0 "$pith" --format jsonl sample.html sample.txt
check "no progress line in a file" sh -c '! grep -aq elapsed err.txt'

# ---- WARC input ----
mk_warc() { python3 "$repo/tests/make_warc.py" "$@"; }
mk_warc --extra t.warc.gz sample.html sample.txt
mk_warc --extra --gzip whole whole.warc.gz sample.html sample.txt
mk_warc --extra --gzip none plain.warc sample.html sample.txt
mk_warc --extra --chunked --encode gzip enc.warc.gz sample.html sample.txt
"$pith" --format jsonl sample.html sample.txt >pages.jsonl 2>/dev/null
check "WARC: one record per page" status_is 0 "$pith" --format jsonl t.warc.gz
cp out.txt warc.jsonl
check "WARC: the pages' text, record ids, file@offset sources" jsonl_check warc.jsonl '
pages = [json.loads(l) for l in open("pages.jsonl")]
assert len(recs) == 2, [r.get("source") for r in recs]
for r, p in zip(recs, pages):
    assert r["text"] == p["text"], r["source"]
    assert r["title"] == p["title"]
    assert r["source"].startswith("t.warc.gz@"), r["source"]
    assert r["id"].startswith("<urn:uuid:"), r.get("id")
# the address is the record target (a canonical URL in the page wins over it)
assert recs[1]["url"] == "https://example.org/sample.txt", recs[1]["url"]
'
check "WARC: skipped records counted" grep -qx "pith: 2 ok, 0 failed, 6 skipped" err.txt
check "WARC: offsets open the record" python3 -c '
import gzip, json
recs = [json.loads(l) for l in open("warc.jsonl")]
data = open("t.warc.gz", "rb").read()
for r in recs:
    off = int(r["source"].rsplit("@", 1)[1])
    member = gzip.GzipFile(fileobj=__import__("io").BytesIO(data[off:])).read(200)
    assert member.startswith(b"WARC/1.1") and r["id"].encode() in member, (off, member[:80])
'
for w in whole.warc.gz plain.warc enc.warc.gz; do
  "$pith" --format jsonl "$w" >"$w.jsonl" 2>/dev/null || true
  check "WARC ($w): the same texts" python3 -c '
import json, sys
a = [json.loads(l)["text"] for l in open("warc.jsonl")]
b = [json.loads(l)["text"] for l in open(sys.argv[1])]
assert a == b, (len(a), len(b))
' "$w.jsonl"
done
check "WARC on stdin" status_is 0 sh -c "\"$pith\" --format jsonl <t.warc.gz"
check "WARC on stdin: the same texts, sources -@offset" jsonl_check out.txt '
want = [json.loads(l) for l in open("warc.jsonl")]
assert [r["text"] for r in recs] == [w["text"] for w in want]
assert all(r["source"].startswith("-@") for r in recs)
'
check "WARC through a named pipe (read once, sniffed)" status_is 0 "$pith" --format jsonl <(cat t.warc.gz)
check "WARC through a named pipe: the same texts" jsonl_check out.txt '
assert [r["text"] for r in recs] == [json.loads(l)["text"] for l in open("warc.jsonl")]
'
check "a page through a named pipe" status_is 0 "$pith" --format jsonl <(gzip -c sample.html)
check "a page through a named pipe: its text" jsonl_check out.txt '
assert len(recs) == 1 and recs[0]["text"] == json.loads(open("pages.jsonl").readline())["text"]
'
check "WARC: -j 2 byte-identical" sh -c "\"$pith\" --format jsonl -j 2 t.warc.gz plain.warc whole.warc.gz >wj2.out 2>/dev/null; \"$pith\" --format jsonl t.warc.gz plain.warc whole.warc.gz >wj1.out 2>/dev/null; cmp -s wj1.out wj2.out"
check "WARC: text format heads each record" status_is 0 "$pith" t.warc.gz
check "WARC: ==> file@offset <==" grep -q "^==> t.warc.gz@[0-9]* <==" out.txt
python3 - <<'PY'
import gzip
data = bytearray(open("t.warc.gz", "rb").read())
# damage the deflate data of the third member (the first page's response)
starts = [i for i in range(len(data) - 2) if data[i:i + 3] == b"\x1f\x8b\x08"]
at = starts[2] + 30
data[at:at + 16] = bytes(b ^ 0x5A for b in data[at:at + 16])
open("damaged.warc.gz", "wb").write(data)
open("cut.warc", "wb").write(open("plain.warc", "rb").read()[:-700])
PY
check "WARC: a corrupt record exits 1" status_is 1 "$pith" --format jsonl damaged.warc.gz
check "WARC: an error record for it, the next page still there" jsonl_check out.txt '
assert len(recs) == 2, recs
assert recs[0]["status"] == "gzip_corrupt" and recs[0]["source"].startswith("damaged.warc.gz@"), recs[0]
assert "error" not in recs[1] and recs[1]["text"], recs[1]
'
check "WARC: a truncated file exits 1" status_is 1 "$pith" --format jsonl cut.warc
check "WARC: truncated record is warc_corrupt" jsonl_check out.txt '
assert [r.get("status") for r in recs][-1] == "warc_corrupt", recs
'
python3 - "$repo/tests" <<'PY'
import sys
sys.path.insert(0, sys.argv[1])
import make_warc
page = open("sample.html", "rb").read()
http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: br\r\n\r\n\x0b\x02\x80"
br = make_warc.record([("WARC-Type", "response"), ("WARC-Target-URI", "https://example.org/br"),
                       ("WARC-Record-ID", make_warc.record_id("br"))], http)
ok = make_warc.response("https://example.org/ok", page)
make_warc.write("br.warc.gz", [br, ok], "member")
greek = ("<html><body><h1>\u0395\u03b9\u03b4\u03ae\u03c3\u03b5\u03b9\u03c2</h1><p>" +
         "\u03a4\u03bf \u03bb\u03b9\u03bc\u03ac\u03bd\u03b9 \u03ac\u03bd\u03bf\u03b9\u03be\u03b5 "
         "\u03be\u03b1\u03bd\u03ac \u03bc\u03b5\u03c4\u03ac \u03b1\u03c0\u03cc \u03b4\u03cd\u03bf "
         "\u03c7\u03c1\u03cc\u03bd\u03b9\u03b1 \u03b5\u03c1\u03b3\u03b1\u03c3\u03b9\u03ce\u03bd. " * 3 +
         "</p></body></html>")
make_warc.write("greek.warc", [make_warc.response("https://example.org/gr", greek.encode("iso-8859-7"),
                                                  ctype="text/html; charset=iso-8859-7")], "none")
PY
# Greek in ISO-8859-7 with no charset in the page: only the HTTP header can say so
check "WARC: the HTTP charset is used" status_is 0 "$pith" --format jsonl greek.warc
check "WARC: an ISO-8859-7 page decoded by its HTTP charset" jsonl_check out.txt '
assert "\u03bb\u03b9\u03bc\u03ac\u03bd\u03b9" in recs[0]["text"], (recs[0]["charset"], recs[0]["text"][:80])
'

check "WARC: an encoding pith cannot undo exits 1" status_is 1 "$pith" --format jsonl br.warc.gz
check "WARC: unsupported_encoding record, the next page still there" jsonl_check out.txt '
assert recs[0]["status"] == "unsupported_encoding" and "br" in recs[0]["error"], recs[0]
assert recs[0]["id"].startswith("<urn:uuid:") and "error" not in recs[1], recs
'
check "WARC: --input-format page reads it as a page" status_is 0 "$pith" --format jsonl --input-format page plain.warc
check "WARC: --input-format page: one record" jsonl_check out.txt 'assert len(recs) == 1'
mkdir -p crawl && cp t.warc.gz crawl/ && cp sample.html crawl/z.html
check "WARC inside a folder" status_is 0 "$pith" --format jsonl crawl
check "WARC inside a folder: its pages, then the page" jsonl_check out.txt '
assert [r["source"].split("@")[0] for r in recs] == ["crawl/t.warc.gz"] * 2 + ["crawl/z.html"], recs
'

# ---- JSON Lines input ----
mk_warc --jsonl pages-in.jsonl --charsets pages.jsonl unused.warc sample.html sample.txt
check "JSON Lines: one record per line" status_is 0 "$pith" --format jsonl pages-in.jsonl
check "JSON Lines: ids passed through, the pages' text" jsonl_check out.txt '
pages = [json.loads(l) for l in open("pages.jsonl")]
assert [r["id"] for r in recs] == [1, 2], recs
assert [r["source"] for r in recs] == ["pages-in.jsonl:1", "pages-in.jsonl:2"]
assert [r["text"] for r in recs] == [p["text"] for p in pages]
'
python3 - <<'PY'
import json
lines = [l for l in open("pages-in.jsonl")]
bad = [lines[0], "{not json\n", "\n", json.dumps({"id": "x7", "page": 3}) + "\n",
       json.dumps({"id": {"k": [1]}, "html": ""}) + "\n", lines[1]]
open("bad.jsonl", "w").write("".join(bad))
alt = [json.dumps({"key": "a", "link": "https://e.example/a", "body": json.loads(lines[0])["html"]})]
open("alt.jsonl", "w").write("\n".join(alt) + "\n")
PY
check "JSON Lines: bad lines exit 1" status_is 1 "$pith" --input-format jsonl --format jsonl bad.jsonl
check "JSON Lines: an error record per bad line, naming it" jsonl_check out.txt '
assert [r["source"] for r in recs] == ["bad.jsonl:%d" % n for n in (1, 2, 4, 5, 6)], recs
assert recs[1]["status"] == "json_invalid" and "line 2" in recs[1]["error"], recs[1]
assert recs[2]["status"] == "json_invalid" and recs[2]["id"] == "x7" and "line 4" in recs[2]["error"]
assert recs[3]["status"] == "empty_input" and recs[3]["id"] == {"k": [1]}, recs[3]
assert "error" not in recs[0] and "error" not in recs[4]
'
check "JSON Lines: the blank line is counted as skipped" grep -qx "pith: 2 ok, 3 failed, 1 skipped" err.txt
check "JSON Lines: --html-field --url-field --id-field" status_is 0 "$pith" --format jsonl --html-field body --url-field link --id-field key alt.jsonl
check "JSON Lines: fields read" jsonl_check out.txt '
assert recs[0]["id"] == "a" and recs[0]["text"], recs[0]
'

# ---- as a Hadoop Streaming / Spark pipe mapper: JSON Lines in on stdin, out on stdout ----
# Hadoop gives each mapper task a split of the input lines and treats a non-zero exit as
# a failed task; examples/pith-mapper.sh (the README's mapper) turns "some records
# failed" (1) into success, since those failures are records in the output. Two splits,
# mapped separately as two tasks, then the part files read back in order.
mapper="$repo/examples/pith-mapper.sh"
head -n 3 bad.jsonl >split0
tail -n +4 bad.jsonl >split1
check "mapper: split 0" sh -c "PITH='$pith' '$mapper' <split0 >part-00000"
check "mapper: split 1" sh -c "PITH='$pith' '$mapper' <split1 >part-00001"
check "mapper: one line out per record in, ids in order, no tabs" python3 -c '
import json
out = [json.loads(l) for f in ("part-00000", "part-00001") for l in open(f)]
want = [json.loads(l).get("id") if l.strip().startswith("{") and l.strip().endswith("}") else None
        for f in ("split0", "split1") for l in open(f) if l.strip()]
assert len(out) == len(want) == 5, (len(out), len(want))
assert [r.get("id") for r in out] == want, ([r.get("id") for r in out], want)
assert all("\t" not in l for f in ("part-00000", "part-00001") for l in open(f))
'
check "mapper: flags passed on" sh -c "PITH='$pith' '$mapper' --only body <split1 >part-only && grep -q '\"kind\":\"body\"' part-only && ! grep -q '\"kind\":\"title\"' part-only"
check "mapper: a usage error still fails the task" sh -c "! PITH='$pith' '$mapper' --format nope <split0 2>/dev/null"

# ---- the folder walk reports every entry it cannot read ----
mkdir -p walk/sub
cp sample.txt walk/a.txt
cp sample.txt walk/sub/b.txt
ln -s nowhere.txt walk/dangling.txt
ln -s loop walk/loop
ln -s .. walk/sub/up
mkfifo walk/fifo
check "walk: unreadable entries exit 1" status_is 1 timeout 60 "$pith" --format jsonl walk
check "walk: a record for each, pages still there" jsonl_check out.txt '
by = {r["source"]: r for r in recs}
assert "error" not in by["walk/a.txt"] and "error" not in by["walk/sub/b.txt"], by.keys()
assert "dangling symlink" in by["walk/dangling.txt"]["error"], by["walk/dangling.txt"]
assert "loop" in by["walk/loop"]["error"] and by["walk/loop"]["status"] == "io_error"
assert "loop" in by["walk/sub/up"]["error"], by["walk/sub/up"]
assert len(recs) == 5, sorted(by)
'
check "walk: the FIFO is counted as skipped" grep -qx "pith: 2 ok, 3 failed, 1 skipped" err.txt
# a path past PATH_MAX: 20 levels of 240-character names
python3 - <<'PY'
import os
name = "d" * 240
os.mkdir("deep")
fd = os.open("deep", os.O_RDONLY)
for _ in range(20):
    os.mkdir(name, dir_fd=fd)
    nfd = os.open(name, os.O_RDONLY, dir_fd=fd)
    os.close(fd)
    fd = nfd
with open(os.open("page.txt", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd), "w") as f:
    f.write("A title\n\nSome text of a page deep down.\n")
os.close(fd)
PY
cp sample.txt deep/top.txt
check "walk: a path past PATH_MAX exits 1" status_is 1 "$pith" --format jsonl deep
check "walk: an error record for it, the rest still read" jsonl_check out.txt '
errs = [r for r in recs if "error" in r]
assert len(errs) == 1 and "too long" in errs[0]["error"].lower(), [r.get("error") for r in recs]
assert len(errs[0]["source"]) > 4096
assert any(r["source"] == "deep/top.txt" and "error" not in r for r in recs)
'
rm -rf deep
# a folder that can be listed but not searched: only meaningful without root's override
mkdir -p locked && cp sample.txt locked/x.txt && chmod 0644 locked
if [[ $(id -u) -ne 0 ]]; then
  as_user=()
elif command -v setpriv >/dev/null 2>&1 && setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null; then
  as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
  chmod 0755 "$tmp"
else
  as_user=(skip)
fi
if [[ ${as_user[0]:-} != skip ]]; then
  check "walk: a folder readable but not searchable exits 1" status_is 1 "${as_user[@]}" "$pith" --format jsonl locked
  check "walk: an error record for its entry" jsonl_check out.txt '
assert len(recs) == 1 and recs[0]["source"] == "locked/x.txt", recs
assert "permission denied" in recs[0]["error"].lower(), recs[0]
'
else
  echo "skip walk: cannot drop root privileges here"
fi
chmod 0755 locked

echo "$passed passed, $failed failed"
((failed == 0))
