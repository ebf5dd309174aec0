"""Archive scale: FRUS volumes imported and replicated to thousands of documents, validated and built.

    .venv/bin/python tests/bench/bench_scale.py                      # 2,000 and 20,000 documents
    .venv/bin/python tests/bench/bench_scale.py --sizes 2000 --runs jobs1,jobs2
    EDITIO_FRUS=/path/to/frus .venv/bin/python tests/bench/bench_scale.py

The corpus: the three volumes in ../shared/frus/ imported with `editio import` (1,202 documents,
their registers and outlines), then every document copied under a new id (file name and xml:ids
rewritten, deterministic) until there are N.  For each size, all in one run on this machine:
`editio validate --schema tei_all` (grammar and editio's checks), `editio build --web` with
--jobs 1, --jobs 2 and a Dask local cluster (2 workers), and an incremental rebuild after one
document changed.  Each is a cold command; the figures are wall time, documents per second and
the peak RSS of the largest process (main or worker).  The growth from the first size to the last
is printed for each run (goal: no worse than 11x for 10x the documents), and the largest page of
each site (goal: none over 1 MB).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EDITIO = ROOT / ".venv" / "bin" / "editio"
FRUS = Path(os.environ.get("EDITIO_FRUS", ROOT.parent / "shared" / "frus"))
VOLUMES = ["frus1894Nicaragua.xml", "frus1918Russiav03.xml", "frus1936v03.xml"]


def measure(cmd: list[str], ok=(0,)) -> tuple[float, int]:
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in ok:
        sys.exit(f"failed ({code}): {' '.join(cmd)}\n{proc.stderr.read().decode()[-2000:]}")
    return wall, usage.ru_maxrss // 1024


def import_volumes(target: Path) -> list[Path]:
    tei = target / "tei"
    measure([str(EDITIO), "import", *[str(FRUS / v) for v in VOLUMES], "--out", str(tei), "--profile", "frus"])
    return sorted(tei.glob("*.xml"))


def replicate(base: list[Path], base_dir: Path, target: Path, n: int) -> None:
    """target/tei with n documents: the imported ones, then copies '-r{k}' of each in turn."""
    tei = target / "tei"
    for folder in ("register", "outline"):
        if (base_dir / "tei" / folder).is_dir():
            shutil.copytree(base_dir / "tei" / folder, tei / folder)
    tei.mkdir(parents=True, exist_ok=True)
    texts = {p: p.read_text(encoding="utf-8") for p in base}
    for i in range(n):
        source = base[i % len(base)]
        k = i // len(base)
        if k == 0:
            shutil.copy(source, tei / source.name)
            continue
        suffix = f"-r{k:03d}"
        text = re.sub(r'xml:id="([^"]+)"', lambda m: f'xml:id="{m.group(1)}{suffix}"', texts[source])
        text = re.sub(r'(target|corresp)="#([^"\s]+)"', lambda m: f'{m.group(1)}="#{m.group(2)}{suffix}"', text)
        (tei / f"{source.stem}{suffix}.xml").write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 20000])
    parser.add_argument("--runs", default="validate,jobs1,jobs2,dask,incremental")
    args = parser.parse_args()
    runs = args.runs.split(",")
    rows: dict[tuple[str, int], tuple[float, int]] = {}
    heaviest: dict[int, tuple[str, int, int]] = {}     # size -> (the largest page, its bytes, pages)
    with tempfile.TemporaryDirectory(prefix="editio-bench-scale-") as tmp:
        work = Path(tmp)
        base = import_volumes(work / "base")
        print(f"imported {len(base)} documents from {len(VOLUMES)} FRUS volumes")
        for n in args.sizes:
            edition = work / f"e{n}"
            replicate(base, work / "base", edition, n)
            build = [str(EDITIO), "build", "--edition", str(edition), "--web", "-q"]
            if "validate" in runs:
                rows[("validate (tei_all + editio checks), --jobs 2", n)] = measure(
                    [str(EDITIO), "validate", str(edition / "tei"), "--schema", "tei_all", "--jobs", "2"], ok=(0, 1))
            for name, extra in (("jobs1", ["--jobs", "1"]), ("jobs2", ["--jobs", "2"]),
                                ("dask", ["--executor", "dask-local", "--jobs", "2"])):
                if name in runs:
                    shutil.rmtree(edition / "build", ignore_errors=True)
                    rows[(f"build --web, {name}", n)] = measure(build + extra)
            if "incremental" in runs:
                if not (edition / "build" / "web").is_dir():
                    measure(build + ["--jobs", "2"])
                doc = next(iter(sorted((edition / "tei").glob("*.xml"))))
                doc.write_text(doc.read_text(encoding="utf-8").replace("</p>", " (edited)</p>", 1), encoding="utf-8")
                rows[("build --web, incremental (one document changed), jobs2", n)] = measure(build + ["--jobs", "2"])
            site = edition / "build" / "web"
            if site.is_dir():
                pages = [(p.stat().st_size, str(p.relative_to(site))) for p in site.rglob("*.html")]
                size, name = max(pages)
                heaviest[n] = (name, size, len(pages))
            shutil.rmtree(edition)
    print(f"{'run':58} {'docs':>6} {'wall s':>8} {'docs/s':>8} {'peak MB':>8}")
    for (name, n), (wall, rss) in rows.items():
        print(f"{name:58} {n:6d} {wall:8.1f} {n / wall:8.1f} {rss:8d}")
    for n, (name, size, count) in heaviest.items():
        print(f"{n} documents: {count} pages, the largest {name} ({size / 1024:.0f} KB)")
    if len(args.sizes) > 1:
        small, large = args.sizes[0], args.sizes[-1]
        for name in dict.fromkeys(k for k, _ in rows):
            if (name, small) in rows and (name, large) in rows:
                print(f"growth {small} -> {large} ({large / small:.0f}x documents), {name}: "
                      f"{rows[(name, large)][0] / rows[(name, small)][0]:.1f}x time")


if __name__ == "__main__":
    main()
