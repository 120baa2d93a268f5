#!/usr/bin/env python3
"""Fits the page type model (rules/page_type_html.model, rules/page_type_text.model).

usage: scripts/fit_page_type.py [--text] [--pith BIN] [--shared DIR] [--l2 L] [--dry-run]

The features are the library's own (pith --format explain prints them as "page features:");
the labels are the page types of the WCXB dev split in the shared corpora (wcxb for HTML,
wcxb-text with --text). The model is a multinomial logistic regression with L2
regularisation over standardised features; the file stores the weights in the features'
own scale, so the library computes a plain dot product. Before writing it prints the
accuracy of a model fitted on three folds and tested on the fourth, for each of the four
folds (folds as ../shared/bench/evaluate.py --fold fixes them), so the figure is one on
pages the model was not fitted on.

Needs numpy (Debian: python3-numpy). The shared corpora are found at $PITH_SHARED, else
../shared beside the repository.
"""
import argparse
import hashlib
import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

try:
    import numpy as np
except ImportError:
    sys.exit("fit_page_type.py needs numpy: apt-get install python3-numpy")

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CLASSES = ["article", "forum", "product", "collection", "listing", "documentation", "service"]


def features_of(binary, path, input_kind):
    out = subprocess.run([binary, "--format", "explain", "--input", input_kind, path],
                         capture_output=True, check=False).stdout
    for line in out.split(b"\n")[:4]:
        if line.startswith(b"page features:"):
            pairs = line.decode().split()[2:]
            return {k: float(v) for k, v in (p.split("=", 1) for p in pairs)}
    return {}  # an empty page (no blocks): all features zero but the bias


def fold_of(page_id, n=4):
    return int(hashlib.sha1(page_id.encode()).hexdigest()[:8], 16) % n


def fit(X, y, l2, sw=None, iters=3000, lr=0.5):
    """Full-batch gradient descent with Nesterov momentum on the weighted mean log loss
    + L2; sw are the samples' weights (default 1)."""
    n, d = X.shape
    sw = np.ones(n) if sw is None else sw
    sw = sw / sw.sum()
    k = len(CLASSES)
    W = np.zeros((d, k))
    V = np.zeros_like(W)
    Y = np.eye(k)[y]
    reg = np.full((d, 1), l2)
    reg[0] = 0  # no penalty on the bias
    for _ in range(iters):
        Wl = W + 0.9 * V
        Z = X @ Wl
        Z -= Z.max(axis=1, keepdims=True)
        P = np.exp(Z)
        P /= P.sum(axis=1, keepdims=True)
        G = X.T @ ((P - Y) * sw[:, None]) + reg * Wl
        V = 0.9 * V - lr * G
        W = W + V
    return W


def standardise(X, sw):
    mu = np.average(X, axis=0, weights=sw)
    sd = np.sqrt(np.average((X - mu) ** 2, axis=0, weights=sw))
    mu[0], sd[0] = 0.0, 1.0  # bias column
    sd[sd == 0] = 1.0
    return mu, sd


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--text", action="store_true", help="fit the text-dump model on wcxb-text")
    ap.add_argument("--pith", default=os.path.join(REPO, "build", "examples", "pith"))
    ap.add_argument("--shared", default=os.environ.get("PITH_SHARED",
                                                        os.path.join(REPO, "..", "shared")))
    ap.add_argument("--l2", type=float, default=0.01)
    ap.add_argument("--dry-run", action="store_true", help="report the folds, write nothing")
    ap.add_argument("--cache", help="keep the features in this JSON file, and reuse it")
    ap.add_argument("--predictions", help="write each page's held-out type and probabilities (from "
                    "the model of the other three folds) to this JSON file; WCXB pages by their id, "
                    "the others as aeb/ID and tfeval/ID")
    ap.add_argument("--articles", type=float, default=0.12,
                    help="weight of the aeb and tfeval pages (all articles) beside WCXB's; 0.12 rather "
                    "than 0.1 since the HTML model has the page frame's features (buttons, "
                    "paragraph length): at 0.1 it typed two more of these articles as other kinds")
    a = ap.parse_args()

    # WCXB's pages with their types; the article benchmark's and trafilatura's pages as
    # articles, weighted down, so that the model sees more kinds of articles than WCXB has
    # without taking its proportions of types from them
    suffix = "-text" if a.text else ""
    pages = []  # (id, path, type, weight)
    for name, weight in (("wcxb", 1.0), ("aeb", a.articles), ("tfeval", a.articles)):
        corpus = os.path.join(a.shared, "corpus", name + suffix)
        gold = json.load(open(os.path.join(corpus, "gold.json"), encoding="utf-8"))
        for k, g in sorted(gold.items()):
            t = g.get("type", "article")
            if t in CLASSES and weight > 0:
                pages.append((f"{name}/{k}", os.path.join(corpus, g["file"]), t, weight))
    ids = [p[0] for p in pages]
    kind = "text" if a.text else "html"
    cached = json.load(open(a.cache)) if a.cache and os.path.exists(a.cache) else {}
    todo = [p for p in pages if p[0] not in cached]
    with ThreadPoolExecutor(os.cpu_count() or 2) as pool:
        for p, f in zip(todo, pool.map(lambda p: features_of(a.pith, p[1], kind), todo)):
            cached[p[0]] = f
    if a.cache and todo:
        json.dump(cached, open(a.cache, "w"))
    feats = [cached[i] for i in ids]
    names = ["bias"] + sorted({k for f in feats for k in f})
    X = np.array([[1.0] + [f.get(nm, 0.0) for nm in names[1:]] for f in feats])
    y = np.array([CLASSES.index(p[2]) for p in pages])
    sw = np.array([p[3] for p in pages])
    folds = np.array([fold_of(i.split("/", 1)[1]) for i in ids])
    wcxb = np.array([i.startswith("wcxb/") for i in ids])

    print(f"{wcxb.sum()} WCXB pages, {(~wcxb).sum()} more articles (weight {a.articles}), "
          f"{len(names) - 1} features with a value, {kind} input")
    accs, other, held_out = [], [], {}
    for k in range(4):
        tr, te = folds != k, (folds == k) & wcxb
        mu, sd = standardise(X[tr], sw[tr])
        W = fit((X[tr] - mu) / sd, y[tr], a.l2, sw[tr])
        Z = (X[folds == k] - mu) / sd @ W
        P = np.exp(Z - Z.max(axis=1, keepdims=True))
        P /= P.sum(axis=1, keepdims=True)
        for i, row in zip(np.flatnonzero(folds == k), P):
            c = int(row.argmax())
            key = ids[i].split("/", 1)[1] if wcxb[i] else ids[i]
            held_out[key] = (CLASSES[c], float(row[c]), {t: float(x) for t, x in zip(CLASSES, row)})
        pred = P.argmax(axis=1)[wcxb[folds == k]]
        accs.append((pred == y[te]).mean())
        te2 = (folds == k) & ~wcxb
        other.append((((X[te2] - mu) / sd @ W).argmax(axis=1) == y[te2]).mean() if te2.any() else 1.0)
        print(f"fold {k}: accuracy {accs[-1]:.3f} on {te.sum()} WCXB pages; "
              f"{other[-1]:.3f} of {te2.sum()} other articles typed article")
    print(f"mean accuracy on held-out folds: {np.mean(accs):.3f} (other articles {np.mean(other):.3f})")

    if a.predictions:
        json.dump(held_out, open(a.predictions, "w"), indent=0)
    mu, sd = standardise(X, sw)
    W = fit((X - mu) / sd, y, a.l2, sw)
    pred = ((X - mu) / sd @ W).argmax(axis=1)
    print(f"accuracy on the WCXB pages fitted: {(pred == y)[wcxb].mean():.3f}")
    conf = np.zeros((len(CLASSES), len(CLASSES)), int)
    for t, p in zip(y[wcxb], pred[wcxb]):
        conf[t, p] += 1
    print("confusion (rows gold, columns predicted):")
    print(" " * 14 + " ".join(c[:5].rjust(5) for c in CLASSES))
    for c, row in zip(CLASSES, conf):
        print(c[:13].ljust(14) + " ".join(str(v).rjust(5) for v in row))
    # back to the features' own scale: w_raw = w / sd, bias -= sum(w * mu / sd)
    Wr = W / sd[:, None]
    Wr[0] = W[0] - ((mu / sd)[:, None] * W)[1:].sum(axis=0)
    if a.dry_run:
        return
    path = os.path.join(REPO, "rules", f"page_type_{kind}.model")
    with open(path, "w", encoding="utf-8") as f:
        f.write(f"# page type model for {kind} input: multinomial logistic regression, L2 {a.l2}\n")
        f.write(f"# fitted by scripts/fit_page_type.py{' --text' if a.text else ''} on the {wcxb.sum()}"
                f" pages of the WCXB dev split and {(~wcxb).sum()} articles of aeb and tfeval"
                f" (weight {a.articles})\n")
        f.write("# held-out accuracy per fold: " + " ".join(f"{x:.3f}" for x in accs) + "\n")
        f.write("classes " + " ".join(CLASSES) + "\n")
        for j, nm in enumerate(names):
            f.write(nm + " " + " ".join(f"{w:.6g}" for w in Wr[j]) + "\n")
    print(f"wrote {os.path.relpath(path, REPO)}")


if __name__ == "__main__":
    main()
