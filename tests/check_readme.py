#!/usr/bin/env python3
"""The README's C and Python examples run as they are. A runnable example is a ```c or
```python block whose first line names its file and how to run it ("/* article.c: cc
..." or "# article.py: python3 ..."); the other blocks are fragments. Each C example is
compiled against the library of this build and each Python example run with the module
of this tree, on examples/sample.html; both must succeed and print the page's title.

usage: check_readme.py --build BUILD_DIR [--cc CC] [--python PYTHON]
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SAMPLE = os.path.join(REPO, "examples", "sample.html")
TITLE = "Volunteers bring the old Calder Lock back to life after 60 years"


def blocks(lang):
    """The runnable examples among the README's ```LANG blocks."""
    with open(os.path.join(REPO, "README.md"), encoding="utf-8") as f:
        text = f.read()
    found = re.findall(r"^```%s\n(.*?)^```$" % lang, text, re.M | re.S)
    return [b for b in found if re.match(r"(/\*|#) [\w-]+\.(c|py): ", b)]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", required=True)
    ap.add_argument("--cc", default=os.environ.get("CC", "cc"))
    ap.add_argument("--python", default=sys.executable)
    args = ap.parse_args()
    build = os.path.abspath(args.build)
    lib = os.path.join(build, "libpith.so.0")
    failures = 0
    examples = [("c", b) for b in blocks("c")] + [("python", b) for b in blocks("python")]
    if not any(k == "c" for k, _ in examples) or not any(k == "python" for k, _ in examples):
        print("README.md: no C or no Python example found")
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        for n, (kind, code) in enumerate(examples):
            name = "example %d (%s)" % (n + 1, kind)
            if kind == "c":
                src = os.path.join(tmp, "ex%d.c" % n)
                exe = os.path.join(tmp, "ex%d" % n)
                with open(src, "w", encoding="utf-8") as f:
                    f.write(code)
                cc = subprocess.run(
                    [args.cc, "-std=c11", "-Wall", "-Wextra", "-Werror", "-o", exe, src,
                     "-I" + os.path.join(REPO, "include"), "-I" + os.path.join(build, "include"),
                     "-L" + build, "-lpith", "-Wl,-rpath," + build],
                    capture_output=True, text=True)
                if cc.returncode:
                    print("FAIL %s does not compile:\n%s" % (name, cc.stderr))
                    failures += 1
                    continue
                run = subprocess.run([exe, SAMPLE], capture_output=True, text=True, timeout=60)
            else:
                env = dict(os.environ, PITH_LIBRARY=lib,
                           PYTHONPATH=os.path.join(REPO, "bindings", "python"))
                run = subprocess.run([args.python, "-c", code, SAMPLE], capture_output=True,
                                     text=True, env=env, timeout=60)
            if run.returncode or TITLE not in run.stdout:
                print("FAIL %s: exit %d\n%s%s" % (name, run.returncode, run.stdout, run.stderr))
                failures += 1
            else:
                print("ok   %s" % name)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
