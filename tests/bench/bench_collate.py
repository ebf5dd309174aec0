"""Collation benchmark: editio's engine against CollateX (PyPI `collatex`) on the same witness pairs.

Witness A is real text: sentences of the five seeds drawn at random (fixed seed) up to N tokens.
Witness B is A with controlled edits, one per 50 tokens on average: substitutions, omissions,
additions and swaps of neighbouring words.  Each run is a fresh process, so peak memory (max RSS)
is that run's own; the empty interpreter's RSS is printed for reference.

    .venv/bin/pip install -e '.[bench]'
    .venv/bin/python tests/bench/bench_collate.py                # 500..2000 both, ours to 1,000,000
    .venv/bin/python tests/bench/bench_collate.py --sizes 500 1000 --ours-only 100000
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def witnesses(n: int, edit_every: int = 50, seed: int = 1944) -> tuple[str, str]:
    text = " ".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt")))
    sentences = [s.split() for s in re.split(r"(?<=[.?!])\s+", " ".join(text.split())) if len(s.split()) > 3]
    rng = random.Random(seed)
    a: list[str] = []
    while len(a) < n:
        a.extend(rng.choice(sentences))
    a = a[:n]
    vocab = sorted(set(a))
    b: list[str] = []
    i = 0
    while i < len(a):
        if rng.random() < 1 / edit_every:
            op = rng.choice(["sub", "omit", "add", "swap"])
            if op == "sub":
                b.append(rng.choice(vocab))
            elif op == "add":
                b.extend([a[i], rng.choice(vocab)])
            elif op == "swap" and i + 1 < len(a):
                b.extend([a[i + 1], a[i]])
                i += 1
            i += 1
            continue
        b.append(a[i])
        i += 1
    return " ".join(a), " ".join(b)


def run_one(engine: str, n: int) -> dict:
    """One timed run; imports and witness building happen before the clock starts."""
    a, b = witnesses(n)
    if engine == "editio":
        sys.path.insert(0, str(ROOT / "tools"))
        from editio.collation import collate_texts

        def work():
            return len(collate_texts({"A": a, "B": b}).variants)
    elif engine == "collatex":
        from collatex import Collation, collate

        def work():
            collation = Collation()
            collation.add_plain_witness("A", a)
            collation.add_plain_witness("B", b)
            table = json.loads(collate(collation, output="json", segmentation=True))
            return sum(1 for col in zip(*table["table"]) if len({json.dumps(c) for c in col}) > 1)
    else:
        def work():
            return 0
    start = time.perf_counter()
    variants = work()
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"engine": engine, "tokens": n, "seconds": round(seconds, 3), "peak_mb": round(peak, 1),
            "variants": variants}


def measure(engine: str, n: int, timeout: float) -> dict:
    try:
        out = subprocess.run([sys.executable, __file__, "--one", engine, str(n)], capture_output=True,
                             text=True, timeout=timeout, check=True).stdout
        return json.loads(out)
    except subprocess.TimeoutExpired:
        return {"engine": engine, "tokens": n, "seconds": None, "peak_mb": None, "note": f"> {timeout:.0f} s"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="*", default=[500, 1000, 2000], help="both engines")
    parser.add_argument("--ours-only", type=int, nargs="*", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--timeout", type=float, default=900)
    parser.add_argument("--one", nargs=2, metavar=("ENGINE", "N"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one[0], int(args.one[1]))))
        return
    base = measure("none", 0, 60)
    print(f"empty interpreter: {base.get('peak_mb', '?')} MB max RSS")
    print(f"{'tokens':>9}  {'editio s':>9}  {'MB':>7}  {'collatex s':>10}  {'MB':>7}  {'speed-up':>9}")
    for n in args.sizes:
        ours, theirs = measure("editio", n, args.timeout), measure("collatex", n, args.timeout)
        ratio = (theirs["seconds"] / ours["seconds"]) if theirs.get("seconds") and ours["seconds"] else None
        print(f"{n:>9}  {ours['seconds']:>9.3f}  {ours['peak_mb']:>7.1f}  "
              f"{theirs.get('seconds') or theirs.get('note'):>10}  {theirs.get('peak_mb') or '-':>7}  "
              f"{f'{ratio:.0f}x' if ratio else '-':>9}", flush=True)
    for n in args.ours_only:
        ours = measure("editio", n, args.timeout)
        print(f"{n:>9}  {ours['seconds'] or ours.get('note'):>9}  {ours['peak_mb'] or '-':>7}", flush=True)


if __name__ == "__main__":
    main()
