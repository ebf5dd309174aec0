"""Benchmark `editio validate` against jing and `xmllint --relaxng` on the same schema and corpus.

    .venv/bin/python tests/bench/bench_validate.py            # both corpora, best of 3 runs
    .venv/bin/python tests/bench/bench_validate.py --runs 1 --copies 200

Corpus 1: the edition's five documents replicated to 1,000 files (ids and file names rewritten so each
copy is a valid document of its own), against schema/editio.rng (editio also runs editio.sch and the
cross-file rules).  Corpus 2: the FRUS volumes in /work/shared/frus/ against tei_all.rng.
Each tool is started cold as a command, as CI would run it; the editio cache is emptied before the
"cold" run and kept for the "warm" ones.  Prints wall time, files/s, peak RSS of the largest process,
the ratios, and the number of files on which the tools' verdicts disagree.
"""

from __future__ import annotations

import argparse
import json
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
FRUS = Path(os.environ.get("EDITIO_FRUS", "/work/shared/frus"))


def measure(cmd: list[str], env=None) -> tuple[float, int, str, str]:
    """(wall seconds, peak RSS in MB of the largest process, stdout, stderr) of one cold command."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, env=env)
        _, _, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        return wall, usage.ru_maxrss // 1024, out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace")


def replicate(tei: Path, target: Path, copies: int) -> list[Path]:
    docs = sorted(tei.glob("*.xml"))
    stems = [d.stem for d in docs]
    shutil.copytree(tei / "register", target / "register")
    files = []
    for k in range(copies):
        for doc in docs:
            text = doc.read_text(encoding="utf-8")
            for stem in stems:  # ids, file names and related-document targets of copy k
                text = text.replace(stem, f"{stem}-c{k:03d}")
            path = target / f"{doc.stem}-c{k:03d}.xml"
            path.write_text(text, encoding="utf-8")
            files.append(path)
    return files


def verdicts_editio(stdout: str) -> dict[str, bool]:
    data = json.loads(stdout)
    grammar = {}
    for f in data["files"]:
        grammar[os.path.abspath(f["file"])] = not any(
            i["rule"].startswith("rng") or i["rule"] == "xml-malformed" for i in f["issues"])
    return grammar


def verdicts_jing(stdout: str, files: list[Path]) -> dict[str, bool]:
    bad = {os.path.abspath(line.split(":")[0]) for line in stdout.splitlines() if re.match(r".+:\d+:\d+: ", line)}
    return {str(f): str(f) not in bad for f in files}


def verdicts_xmllint(stderr: str, files: list[Path]) -> dict[str, bool]:
    bad = {os.path.abspath(line.rsplit(" fails to validate", 1)[0]) for line in stderr.splitlines()
           if line.endswith(" fails to validate")}
    return {str(f): str(f) not in bad for f in files}


def bench(name: str, schema_arg: str, schema_file: Path, files: list[Path], runs: int, cache: Path) -> dict:
    paths = [str(f) for f in files]
    env = dict(os.environ, EDITIO_CACHE_DIR=str(cache))
    results = {}
    shutil.rmtree(cache, ignore_errors=True)
    tools = {
        "editio (cold cache)": ([str(EDITIO), "validate", "--schema", schema_arg, "--format", "json", *paths], 1),
        "editio": ([str(EDITIO), "validate", "--schema", schema_arg, "--format", "json", *paths], runs),
        "editio --schematron none": ([str(EDITIO), "validate", "--schema", schema_arg, "--schematron", "none",
                                      "--format", "json", *paths], runs),
        "jing": (["jing", str(schema_file), *paths], runs),
        "xmllint --relaxng": (["xmllint", "--noout", "--relaxng", str(schema_file), *paths], runs),
    }
    for tool, (cmd, n) in tools.items():
        if shutil.which(cmd[0]) is None and not Path(cmd[0]).exists():
            continue
        best = None
        for _ in range(n):
            wall, rss, out, err = measure(cmd, env)
            if best is None or wall < best[0]:
                best = (wall, rss, out, err)
        results[tool] = best
    verdict = {}
    for tool in ("editio", "editio --schematron none"):
        if tool in results:
            verdict[tool] = verdicts_editio(results[tool][2])
    if "jing" in results:
        verdict["jing"] = verdicts_jing(results["jing"][2], files)
    if "xmllint --relaxng" in results:
        verdict["xmllint --relaxng"] = verdicts_xmllint(results["xmllint --relaxng"][3], files)
    ref = verdict.get("jing")
    total_bytes = sum(f.stat().st_size for f in files)
    print(f"\n### {name}: {len(files)} files, {total_bytes / 1e6:.1f} MB, schema {schema_file.name}\n")
    if schema_arg != "editio":
        results.pop("editio --schematron none", None)  # no Schematron with tei_all anyway
    print("| tool | wall (s) | files/s | peak RSS (MB) | jing's time ÷ tool's | invalid files | disagreements with jing |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    jing_wall = results.get("jing", (None,))[0]
    for tool, (wall, rss, _, _) in results.items():
        v = verdict.get(tool.replace(" (cold cache)", ""))
        invalid = sum(not ok for ok in v.values()) if v else "–"
        dis = sum(v[f] != ref[f] for f in ref) if v and ref else "–"
        ratio = f"{jing_wall / wall:.2f}" if jing_wall else "–"
        print(f"| {tool} | {wall:.2f} | {len(files) / wall:.0f} | {rss} | {ratio} | {invalid} | {dis} |")
    return results


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=3, help="best of N runs per tool (default 3)")
    ap.add_argument("--copies", type=int, default=200, help="copies of each of the five documents (200 -> 1,000 files)")
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT / "tools"))
    from editio.validation.schemas import find_tei_all
    print(f"machine: {os.cpu_count()} CPUs; python {sys.version.split()[0]}; "
          f"jing {'yes' if shutil.which('jing') else 'no'}; xmllint {'yes' if shutil.which('xmllint') else 'no'}")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        corpus = tmp / "edition"
        corpus.mkdir()
        files = replicate(ROOT / "tei", corpus, args.copies)
        bench("The edition replicated", "editio", ROOT / "schema" / "editio.rng", files, args.runs, tmp / "cache1")
        tei_all = find_tei_all()
        frus = sorted(FRUS.glob("*.xml"))
        if tei_all and frus:
            bench("FRUS volumes", "tei_all", tei_all, frus, args.runs, tmp / "cache2")
        else:
            print("\n(skipped FRUS: tei_all.rng or the FRUS volumes are missing; run tools/test-deps.sh)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
