"""Benchmark `editio build --web`: the edition replicated to 1,000 documents, full and incremental.

    .venv/bin/python tests/bench/bench_build.py                 # 1,000 documents (200 copies of five)
    .venv/bin/python tests/bench/bench_build.py --copies 20     # a quick look

All in one run on this machine: a full build with --jobs 1, the same with --jobs 2 (each into an
empty build folder, record cache included), then one word of one document changed and the
--jobs 2 build run again (incremental: one record, one page, the aggregate pages and the search
index).  Each build is a cold `editio` command, as CI would run it.  Prints wall time, documents
per second, peak RSS, and the two ratios the architecture aims at: jobs 2 / jobs 1 speed-up
(goal >= 1.6 on two cores) and incremental / full (goal <= 5 %).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EDITIO = ROOT / ".venv" / "bin" / "editio"


def measure(cmd: list[str]) -> tuple[float, int]:
    """(wall seconds, peak RSS in MB of the largest process) of one cold command."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if status != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{proc.stderr.read().decode()}")
    return wall, usage.ru_maxrss // 1024


def replicate(edition: Path, target: Path, copies: int) -> int:
    """The edition (edition.toml, editorial/, register) with its documents copied `copies` times,
    ids and cross-references rewritten so each copy is a document of its own."""
    shutil.copy(edition / "edition.toml", target / "edition.toml")
    shutil.copytree(edition / "editorial", target / "editorial")
    tei = target / "tei"
    shutil.copytree(edition / "tei" / "register", tei / "register")
    docs = sorted((edition / "tei").glob("*.xml"))
    stems = [d.stem for d in docs]
    for k in range(copies):
        for doc in docs:
            text = doc.read_text(encoding="utf-8")
            for stem in stems:
                text = text.replace(stem, f"{stem}-c{k:04d}")
            (tei / f"{doc.stem}-c{k:04d}.xml").write_text(text, encoding="utf-8")
    return copies * len(docs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--copies", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="editio-bench-build-") as tmp:
        work = Path(tmp)
        (work / "e").mkdir()
        n = replicate(ROOT, work / "e", args.copies)
        rows = []
        for jobs in (1, 2):
            shutil.rmtree(work / "e" / "build", ignore_errors=True)
            wall, rss = measure([str(EDITIO), "build", "--edition", str(work / "e"), "--web", "-q", "--jobs", str(jobs)])
            rows.append((f"full build, --jobs {jobs}", wall, rss))
        doc = next((work / "e" / "tei").glob("1944-12-15-*-c0000.xml"))
        doc.write_text(doc.read_text(encoding="utf-8").replace("railroad lines", "railway lines", 1), encoding="utf-8")
        wall, rss = measure([str(EDITIO), "build", "--edition", str(work / "e"), "--web", "-q", "--jobs", "2"])
        rows.append(("incremental (one word of one document), --jobs 2", wall, rss))
        print(f"editio build --web, {n} documents, {os.cpu_count()} CPUs")
        print(f"{'run':52} {'wall s':>8} {'docs/s':>8} {'peak MB':>8}")
        for name, wall, rss in rows:
            print(f"{name:52} {wall:8.2f} {n / wall:8.1f} {rss:8d}")
        full1, full2, inc = rows[0][1], rows[1][1], rows[2][1]
        print(f"speed-up --jobs 2 / --jobs 1: {full1 / full2:.2f}x (goal >= 1.6x)")
        print(f"incremental / full (--jobs 2): {100 * inc / full2:.1f} % (goal <= 5 %)")


if __name__ == "__main__":
    main()
