#!/usr/bin/env python3
"""The HTML view (--format html) in a real browser: headless Chromium, driven over the
DevTools protocol on a pipe (--remote-debugging-pipe: no port, no websocket library).

    view_test.py PITH_BINARY REPO_ROOT [--save PNG]

Renders examples/sample.html with the CLI, opens it, and checks what a person would:
every segment is on the page, outlined in its kind's colour, the first box of each
labelled; nothing was fetched and no page script ran; a screenshot shows the navigation
colour on a navigation box, and after a real mouse click on the legend's navigation
entry the outline is gone from the screen (and comes back on a second click); hovering
a body paragraph shows its evidence in the panel. --save keeps a screenshot of the
view (the README's). Exit 77 (skip) when Chromium is not installed.

Standard library only; Chromium is Debian's.
"""
import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zlib

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                  "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--hide-scrollbars",
                  "--mute-audio", "--remote-debugging-pipe"]
NAV_RGB = (0x4b, 0x55, 0x63)  # render_html.c's navigation outline colour


class Browser:
    """Chromium with the DevTools protocol on fds 3 (commands in) and 4 (events out)."""

    def __init__(self, exe, profile):
        cmd_r, self.cmd_w = os.pipe()
        self.ev_r, ev_w = os.pipe()

        def child_fds():
            # fds 3 and 4 in the child, whatever numbers the pipes got here
            a, b = os.dup(cmd_r), os.dup(ev_w)
            os.dup2(a, 3)
            os.dup2(b, 4)

        self.proc = subprocess.Popen(
            [exe, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--window-size=1200,1000",
             "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            preexec_fn=child_fds, pass_fds=(3, 4))  # kept open after preexec_fn
        os.close(cmd_r)
        os.close(ev_w)
        self.buf = b""
        self.next_id = 0
        self.events = []
        self.session = None

    def _read_message(self, deadline):
        while b"\0" not in self.buf:
            if time.time() > deadline:
                raise TimeoutError("Chromium did not answer")
            import select
            r, _, _ = select.select([self.ev_r], [], [], 1.0)
            if r:
                chunk = os.read(self.ev_r, 1 << 20)
                if not chunk:
                    raise RuntimeError("Chromium closed the pipe")
                self.buf += chunk
        msg, self.buf = self.buf.split(b"\0", 1)
        return json.loads(msg)

    def send(self, method, params=None, session=True, timeout=30):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params or {}}
        if session and self.session:
            msg["sessionId"] = self.session
        os.write(self.cmd_w, json.dumps(msg).encode() + b"\0")
        deadline = time.time() + timeout
        while True:
            m = self._read_message(deadline)
            if m.get("id") == self.next_id:
                if "error" in m:
                    raise RuntimeError(f"{method}: {m['error']}")
                return m.get("result", {})
            self.events.append(m)

    def wait_event(self, method, timeout=30):
        deadline = time.time() + timeout
        while True:
            for i, m in enumerate(self.events):
                if m.get("method") == method:
                    return self.events.pop(i)
            self.events.append(self._read_message(deadline))

    def js(self, expression):
        r = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        if "exceptionDetails" in r:
            raise RuntimeError(f"page script failed: {r['exceptionDetails']}")
        return r["result"].get("value")

    def close(self):
        try:
            self.send("Browser.close", session=False, timeout=5)
        except Exception:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self.cmd_w)
        os.close(self.ev_r)


def png_pixels(data):
    """(width, height, rows of RGB tuples) of an 8-bit RGB or RGBA PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        n = int.from_bytes(data[pos:pos + 4], "big")
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            width, height = int.from_bytes(body[:4], "big"), int.from_bytes(body[4:8], "big")
            depth, ctype = body[8], body[9]
            assert depth == 8 and ctype in (2, 6) and body[12] == 0, "unexpected PNG kind"
            bpp = 4 if ctype == 6 else 3
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    raw = zlib.decompress(idat)
    stride = width * bpp
    rows, prev = [], bytearray(stride)
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append([tuple(line[x * bpp:x * bpp + 3]) for x in range(width)])
        prev = line
    return width, height, rows


def count_colour(png, rgb, tol=3):
    _, _, rows = png_pixels(png)
    return sum(1 for row in rows for p in row
               if all(abs(p[k] - rgb[k]) <= tol for k in range(3)))


def screenshot(b, clip=None):
    params = {"format": "png"}
    if clip:
        params["clip"] = {**clip, "scale": 1}
    return base64.b64decode(b.send("Page.captureScreenshot", params)["data"])


def main():
    pith, repo = sys.argv[1], sys.argv[2]
    save = sys.argv[sys.argv.index("--save") + 1] if "--save" in sys.argv else None
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if not exe:
        print("skip: chromium is not installed (scripts/deps.sh --tests installs it)")
        return 77
    failures = []

    def check(name, ok, detail=""):
        print(("ok   " if ok else "FAIL ") + name + ("" if ok else f": {detail}"))
        if not ok:
            failures.append(name)

    tmp = tempfile.mkdtemp(prefix="pith-view-")
    try:
        page = os.path.join(tmp, "view.html")
        with open(page, "wb") as f:
            f.write(subprocess.run([pith, "--format", "html",
                                    os.path.join(repo, "examples", "sample.html")],
                                   check=True, stdout=subprocess.PIPE).stdout)
        segs = json.loads(subprocess.run([pith, "--format", "json",
                                          os.path.join(repo, "examples", "sample.html")],
                                         check=True, stdout=subprocess.PIPE).stdout)["segments"]
        b = Browser(exe, os.path.join(tmp, "profile"))
        try:
            target = b.send("Target.createTarget", {"url": "about:blank"}, session=False)
            b.session = b.send("Target.attachToTarget",
                               {"targetId": target["targetId"], "flatten": True},
                               session=False)["sessionId"]
            b.send("Page.enable")
            b.send("Runtime.enable")
            b.send("Emulation.setDeviceMetricsOverride",
                   {"width": 1200, "height": 1000, "deviceScaleFactor": 1, "mobile": False})
            b.send("Page.navigate", {"url": "file://" + page})
            b.wait_event("Page.loadEventFired")

            # every segment is there, outlined in its kind's colour
            boxes = b.js("""Array.from(document.querySelectorAll('[data-pith-seg]')).map(e => {
                const r = e.getBoundingClientRect(), s = getComputedStyle(e);
                return {seg: +e.dataset.pithSeg, kind: e.dataset.pithKind,
                        label: e.hasAttribute('data-pith-label'), w: r.width, h: r.height,
                        outline: s.outlineStyle, colour: s.outlineColor};
            })""")
            seen = {x["seg"] for x in boxes}
            check("every segment has a box", seen == set(range(len(segs))),
                  f"boxes for {sorted(seen)}, {len(segs)} segments")
            check("boxes have the segment's kind",
                  all(x["kind"] == segs[x["seg"]]["kind"] for x in boxes))
            check("every segment is labelled once",
                  sorted(x["seg"] for x in boxes if x["label"]) == list(range(len(segs))))
            visible = [x for x in boxes if x["w"] > 0 and x["h"] > 0]
            check("boxes are visible and outlined",
                  {x["seg"] for x in visible} == seen and
                  all(x["outline"] == "solid" for x in boxes),
                  str([x for x in boxes if x["outline"] != "solid"][:3]))
            nav = [x for x in visible if x["kind"] == "navigation"]
            check("navigation boxes in the navigation colour",
                  nav and all(x["colour"] == "rgb(75, 85, 99)" for x in nav),
                  str(nav[:2]))
            check("the article is on the page as text",
                  "Calder Lock" in b.js("document.body.innerText"))

            # inert: nothing fetched, no page script, no handlers, no external URLs
            check("nothing was fetched",
                  b.js("performance.getEntriesByType('resource').length") == 0)
            check("only pith's script",
                  b.js("Array.from(document.scripts).map(s => s.id || s.nonce || 'x')"
                       ".filter(x => x !== 'pith-evidence' && x !== 'pith-view').length") == 0)
            check("no external URL or handler attribute left",
                  b.js("""Array.from(document.querySelectorAll('*')).filter(e =>
                       Array.from(e.attributes).some(a => /^on/i.test(a.name) ||
                       (/^(src|href|srcset|action|poster)$/i.test(a.name) &&
                        !/^(#|data:)/.test(a.value)))).length""") == 0)

            # a screenshot shows the navigation outline; a real click on the legend
            # takes it off the screen, a second click brings it back
            first = b.js("""(() => { const e = document.querySelector(
                '[data-pith-kind=navigation][data-pith-label]'); e.scrollIntoView();
                const r = e.getBoundingClientRect();
                return {x: Math.max(0, r.left), y: Math.max(0, r.top), w: r.width, h: r.height}; })()""")
            clip = {"x": first["x"], "y": first["y"], "width": max(1, min(first["w"], 400)),
                    "height": max(1, min(first["h"], 200))}
            before = count_colour(screenshot(b, clip), NAV_RGB)
            check("the navigation outline is on the screen", before >= 50, f"{before} pixels")
            toggle = b.js("""(() => { const r = document.querySelector(
                '#pith-legend input[data-kind=navigation]').getBoundingClientRect();
                return {x: r.left + r.width / 2, y: r.top + r.height / 2}; })()""")

            def click(at):
                for kind in ("mousePressed", "mouseReleased"):
                    b.send("Input.dispatchMouseEvent", {"type": kind, "x": at["x"],
                                                        "y": at["y"], "button": "left",
                                                        "clickCount": 1})

            click(toggle)
            after = count_colour(screenshot(b, clip), NAV_RGB)
            check("a click on the legend hides the navigation outline",
                  after < before / 10, f"{before} -> {after} pixels")
            check("... and only navigation's",
                  b.js("""getComputedStyle(document.querySelector(
                      '[data-pith-kind=body]')).outlineStyle""") == "solid")
            click(toggle)
            again = count_colour(screenshot(b, clip), NAV_RGB)
            check("a second click brings it back", again >= before * 0.9,
                  f"{before} -> {again} pixels")

            # hovering a body block shows its evidence
            at = b.js("""(() => { const e = document.querySelector(
                '[data-pith-kind=body][data-pith-b]'); e.scrollIntoView();
                const r = e.getBoundingClientRect();
                return {x: r.left + 10, y: r.top + r.height / 2}; })()""")
            b.send("Input.dispatchMouseEvent", {"type": "mouseMoved", "x": at["x"], "y": at["y"]})
            panel = b.js("""(() => { const p = document.getElementById('pith-panel');
                return {hidden: p.hidden, text: p.textContent}; })()""")
            check("hover shows the block's evidence",
                  not panel["hidden"] and " body " in panel["text"] and
                  "features:" in panel["text"], panel["text"][:200])

            if save:
                b.js("window.scrollTo(0, 0)")
                with open(save, "wb") as f:
                    f.write(screenshot(b))
                print(f"saved {save}")
        finally:
            b.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
