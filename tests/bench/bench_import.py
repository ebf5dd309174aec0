"""Benchmark `editio import` and `editio build --web` on the three FRUS volumes, beside two floors
measured in the same run: lxml parsing the volumes, and saxonche (Saxon-HE) applying an identity
XSLT 3 transform to them.

    .venv/bin/pip install -e '.[bench]'                  # saxonche
    .venv/bin/python tests/bench/bench_import.py         # best of 3 for the floors and the in-process import
    .venv/bin/python tests/bench/bench_import.py --runs 1 --no-build --jobs 2

editio is measured twice: `plan_import` in this process (like the floors: no interpreter start-up)
and the commands as a user runs them (`editio import`, then `editio build --web`), cold, each its
own process, with their peak resident memory (GNU time's %M: the largest process, workers apart). Prints documents/s and the ratios to the floors.
Last, `editio build --web` on the three volumes as they are (not imported: one page per volume), what
a user who skips the import gets.
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
FRUS = Path(os.environ.get("EDITIO_FRUS", ROOT.parent / "shared" / "frus"))
VOLUMES = ["frus1918Russiav03.xml", "frus1936v03.xml", "frus1894Nicaragua.xml"]
IDENTITY = """<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:mode on-no-match="shallow-copy"/>
</xsl:stylesheet>"""

sys.path.insert(0, str(ROOT / "tools"))


CPU: dict[str, float] = {}


def best(fn, runs: int, label: str) -> float:
    """Best wall time of `runs`; the CPU time of this process for that run is kept in CPU[label]
    (on a machine shared with other jobs, the CPU time is the steadier figure)."""
    times = []
    for _ in range(runs):
        start, cpu = time.perf_counter(), time.process_time()
        fn()
        times.append((time.perf_counter() - start, time.process_time() - cpu))
    wall, CPU[label] = min(times)
    return wall


TIME = Path("/usr/bin/time")


def command(cmd: list[str]) -> tuple[float, int | None]:
    """(wall seconds, peak RSS in MB) of one cold command; exits if it fails.

    The peak is measured by /usr/bin/time (GNU time), which starts the command from a small
    process: a child forked from this (large) process would inherit its high-water mark."""
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "rss"
        wrapped = [str(TIME), "-f", "%M", "-o", str(report), *cmd] if TIME.is_file() else cmd
        start = time.perf_counter()
        proc = subprocess.run(wrapped, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        wall = time.perf_counter() - start
        if proc.returncode:
            sys.exit(f"{' '.join(cmd)} failed:\n{proc.stderr.decode()[-2000:]}")
        rss = int(report.read_text().split()[-1]) // 1024 if report.is_file() else None
    return wall, rss


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=0, help="editio build --jobs (0 = one per CPU)")
    parser.add_argument("--no-build", action="store_true", help="measure the import only")
    args = parser.parse_args()
    sources = [FRUS / v for v in VOLUMES]
    missing = [s for s in sources if not s.is_file()]
    if missing:
        sys.exit(f"missing: {', '.join(map(str, missing))} (set EDITIO_FRUS)")

    from lxml import etree
    from editio.archive import importer
    from editio.archive.importer import plan_import
    from editio.xmlio import safe_parser

    documents = sum(len(etree.parse(str(s)).getroot().findall(
        ".//{http://www.tei-c.org/ns/1.0}div[@type='document']")) for s in sources)
    size_mb = sum(s.stat().st_size for s in sources) / 1e6

    # the file read and parsed as editio parses it (safe_parser takes data already in memory)
    lxml_time = best(lambda: [etree.fromstring(s.read_bytes(), safe_parser(), base_url=str(s)) for s in sources],
                     args.runs, "lxml")
    try:
        from saxonche import PySaxonProcessor
    except ImportError:
        sys.exit("saxonche is not installed: .venv/bin/pip install -e '.[bench]'")
    with PySaxonProcessor(license=False) as proc:
        xslt = proc.new_xslt30_processor()
        start = time.perf_counter()
        executable = xslt.compile_stylesheet(stylesheet_text=IDENTITY)
        compile_time = time.perf_counter() - start
        saxon_time = best(lambda: [executable.transform_to_string(source_file=str(s)) for s in sources], args.runs,
                          "saxon")

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        def cold_import():
            importer._volume.cache_clear()      # parse the volumes every run, as a new process would
            plan_import(sources, tmp / "plan", "frus")

        in_process = best(cold_import, args.runs, "import")
        one_wall, one_rss = command([str(EDITIO), "import", *map(str, sources), "--out", str(tmp / "tei1"),
                                     "--jobs", "1"])
        import_wall, import_rss = command([str(EDITIO), "import", *map(str, sources), "--out", str(tmp / "tei"),
                                           "--jobs", str(args.jobs)])
        build_wall = build_rss = None
        if not args.no_build:
            shutil.rmtree(tmp / "build", ignore_errors=True)
            build_wall, build_rss = command([str(EDITIO), "build", str(tmp / "tei"), "--web", "--out",
                                             str(tmp / "build"), "--jobs", str(args.jobs), "--quiet"])
            pages = sum(1 for _ in (tmp / "build" / "web").rglob("*.html"))
            # what a user who does not import gets: each volume built as it is, one page per volume
            (tmp / "whole").mkdir()
            for s in sources:
                shutil.copy(s, tmp / "whole" / s.name)
            whole_wall, whole_rss = command([str(EDITIO), "build", str(tmp / "whole"), "--web", "--out",
                                             str(tmp / "whole-build"), "--jobs", str(args.jobs), "--quiet"])
            # the search index alone (part of the aim's "full site"): Pagefind over the built pages,
            # one process, one index, as a user of Pagefind would run it
            from editio.web.search import pagefind_executable
            exe = pagefind_executable()
            pagefind_wall = pagefind_rss = None
            if exe is not None:
                pagefind_wall, pagefind_rss = command([str(exe), "--site", str(tmp / "build" / "web"),
                                                       "--output-subdir", "bench-pagefind", "--silent"])

    print(f"FRUS volumes: {len(sources)} files, {size_mb:.1f} MB, {documents} documents; best of {args.runs}"
          f" for in-process timings; {os.cpu_count()} CPUs")
    print(f"{'':40}{'seconds':>9}{'docs/s':>9}{'× lxml':>8}{'× saxon':>9}{'peak MB':>9}")

    def row(label, seconds, rss=None):
        print(f"{label:40}{seconds:9.2f}{documents / seconds:9.0f}{seconds / lxml_time:8.1f}"
              f"{seconds / saxon_time:9.2f}{(str(rss) if rss else ''):>9}")

    row("lxml parse (floor)", lxml_time)
    row(f"saxonche identity XSLT 3 (floor)", saxon_time)
    row("editio import, in process", in_process)
    print(f"CPU time of the in-process runs: lxml {CPU['lxml']:.2f} s, saxonche {CPU['saxon']:.2f} s, "
          f"editio import {CPU['import']:.2f} s ({CPU['import'] / CPU['lxml']:.1f}× lxml, "
          f"{CPU['import'] / CPU['saxon']:.2f}× saxonche)")
    row("editio import --jobs 1 (command, cold)", one_wall, one_rss)
    row(f"editio import --jobs {args.jobs or os.cpu_count()} (command, cold)", import_wall, import_rss)
    if build_wall is not None:
        row(f"editio build --web ({pages} pages)", build_wall, build_rss)
        row("import + build --web", import_wall + build_wall, max(import_rss or 0, build_rss or 0) or None)
        row("build --web, each volume one page", whole_wall, whole_rss)
        if pagefind_wall is not None:
            row(f"Pagefind alone on the built site ({pages} pages)", pagefind_wall, pagefind_rss)
    print(f"(saxonche compiled the identity stylesheet in {compile_time:.2f} s, not counted above)")


if __name__ == "__main__":
    main()
