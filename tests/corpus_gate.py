#!/usr/bin/env python3
"""Corpus gate: score the CLI on a shared corpus and fail on any metric below its floor.

usage: corpus_gate.py --pith BINARY [--repo DIR] [--floors FILE] [GATE...]

Runs <shared>/bench/evaluate.py (the acceptance measurement) for each GATE of the floors
file (all of them when none is named) and compares its figures with the floors. The
shared folder is $PITH_SHARED, else <repo>/../shared; without it the
gate is skipped (exit 77, ctest's SKIP_RETURN_CODE).
"""
import argparse
import os
import re
import subprocess
import sys

SKIP = 77
HERE = os.path.dirname(os.path.abspath(__file__))


def find_shared(repo):
    candidates = [os.environ.get("PITH_SHARED"), os.path.join(repo, "..", "shared")]
    for c in candidates:
        if c and os.path.isfile(os.path.join(c, "bench", "evaluate.py")):
            return os.path.abspath(c)
    return None


def read_floors(path):
    """{gate: {"flags": [...], "floors": [(metric, floor, lineno)]}} in file order."""
    gates = {}
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            fields = line.split("#", 1)[0].split()
            if not fields:
                continue
            if len(fields) < 3:
                sys.exit(f"{path}:{lineno}: expected GATE METRIC FLOOR [FLAGS]")
            gate, metric, floor, flags = fields[0], fields[1], float(fields[2]), fields[3:]
            g = gates.setdefault(gate, {"flags": [], "floors": []})
            g["flags"] += [x for x in flags if x not in g["flags"]]
            g["floors"].append((metric, floor, lineno))
    return gates


def corpus_of(shared, gate, flags):
    """The corpus folder and evaluate.py flags of a gate ("segments-html" = segments --html)."""
    folder = os.path.join(shared, "corpus", gate)
    if not os.path.isdir(folder) and gate.endswith("-html"):
        folder = os.path.join(shared, "corpus", gate[: -len("-html")])
        flags = flags + ["--html"] if "--html" not in flags else flags
    return folder, flags


def parse(output):
    """evaluate.py's lines as {"body.f1": 0.91, "segments.body.f1": 0.88, ...}."""
    metrics, section = {}, None
    for line in output.splitlines():
        fields = line.split()
        if not fields or line.startswith(" "):
            continue
        head = fields[0]
        if section == "segments":
            prefix = "segments." + head  # per-kind lines follow the segments line
        elif head in ("run", "body", "snippets", "segments") or head.startswith("main"):
            prefix = section = head  # "main", "main:forum" ... (WCXB's page types)
        else:
            continue
        for tok in fields[1:]:
            m = re.fullmatch(r"\(?(\w+)=([-+0-9.eE]+)\)?", tok)
            if m:
                metrics[f"{prefix}.{m.group(1)}"] = float(m.group(2))
    return metrics


def run_gate(pith, shared, gate, spec):
    folder, flags = corpus_of(shared, gate, spec["flags"])
    if not os.path.isdir(folder):
        print(f"{gate}: corpus not found at {folder}: skipped")
        return SKIP
    cmd = [sys.executable, os.path.join(shared, "bench", "evaluate.py"), pith, folder] + flags
    print("$ " + " ".join(cmd), flush=True)
    p = subprocess.run(cmd, capture_output=True, text=True)
    sys.stdout.write(p.stdout)
    if p.returncode != 0:
        sys.stdout.write(p.stderr)
        print(f"{gate}: FAILED: evaluate.py exited {p.returncode}")
        return 1
    metrics = parse(p.stdout)
    problems = []
    pages, records = metrics.get("run.pages"), metrics.get("run.records")
    if pages is None or records != pages:
        problems.append(f"records={records} for pages={pages}: some pages got no record")
    for metric, floor, lineno in spec["floors"]:
        value = metrics.get(metric)
        if value is None:
            problems.append(f"{metric} not reported (corpus_floors.txt:{lineno})")
        elif value < floor:
            problems.append(f"{metric} = {value:.3f} is below its floor {floor:.3f} "
                            f"(corpus_floors.txt:{lineno})")
    for msg in problems:
        print(f"{gate}: FAILED: {msg}")
    if not problems:
        checked = ", ".join(f"{m}={metrics[m]:.3f}>={f:.2f}" for m, f, _ in spec["floors"])
        print(f"{gate}: ok ({checked})")
    return 1 if problems else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pith", required=True, help="the pith CLI binary")
    ap.add_argument("--repo", default=os.path.dirname(HERE), help="the repository root")
    ap.add_argument("--floors", default=os.path.join(HERE, "corpus_floors.txt"))
    ap.add_argument("gates", nargs="*")
    args = ap.parse_args()

    gates = read_floors(args.floors)
    unknown = [g for g in args.gates if g not in gates]
    if unknown:
        sys.exit(f"corpus_gate.py: no floors for {', '.join(unknown)} in {args.floors}")
    shared = find_shared(args.repo)
    if not shared:
        print("corpus not found: skipped")
        return SKIP
    results = [run_gate(os.path.abspath(args.pith), shared, g, gates[g])
               for g in (args.gates or list(gates))]
    if any(r == 1 for r in results):
        return 1
    return SKIP if all(r == SKIP for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
