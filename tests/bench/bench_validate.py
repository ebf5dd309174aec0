"""Benchmark `editio validate` against jing and `xmllint --relaxng` on the same schema and corpus.

    .venv/bin/python tests/bench/bench_validate.py            # all corpora, best of 3 runs
    .venv/bin/python tests/bench/bench_validate.py --runs 1 --copies 200
    .venv/bin/python tests/bench/bench_validate.py --only frus-rules

Corpus 0 ("frus-rules"): FRUS's own rules, frus.rnc + frus-ci.sch, on the three FRUS volumes: editio
against jing (grammar, compact syntax) plus Saxon-HE (saxonche) running the Schematron, one volume after
the other as a CI script would.  Saxon runs SchXslt's compilation when EDITIO_SCHXSLT names SchXslt's
pipeline-for-svrl.xsl; SchXslt is not installable from PyPI or npm, so otherwise it runs editio's own
compilation of the rules with none of editio's optimisations (no java.util.regex rewriting, no pattern
skipping, no workers) - what a plain XSLT 3 compilation of these rules costs in Saxon.  The failed
asserts per rule of both are compared.

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


def saxon_reference(sch: Path, volumes: list[str]) -> int:
    """Child process of the benchmark: Saxon-HE runs the FRUS Schematron on each volume in turn and
    prints {volume: {key: count}}."""
    import collections
    sys.path.insert(0, str(ROOT / "tools"))
    from lxml import etree
    import saxonche
    proc = saxonche.PySaxonProcessor(license=False)
    proc.set_configuration_property("http://saxon.sf.net/feature/allowedProtocols", "file")
    xslt = proc.new_xslt30_processor()
    schxslt = os.environ.get("EDITIO_SCHXSLT")
    if schxslt:
        compiled = xslt.compile_stylesheet(stylesheet_file=schxslt).transform_to_string(
            xdm_node=proc.parse_xml(xml_file_name=str(sch)))
        path = Path(tempfile.mkdtemp()) / "schxslt.xsl"
        path.write_text(compiled)
    else:
        from editio.validation.schematron import compile_schema
        path = compile_schema(sch, optimise=False, cache=Path(tempfile.mkdtemp())).xslt_path
    exe = xslt.compile_stylesheet(stylesheet_file=str(path))
    out = {}
    for vol in volumes:
        svrl = etree.fromstring(exe.transform_to_string(xdm_node=proc.parse_xml(xml_file_name=vol)).encode())
        counts, pattern, context = collections.Counter(), None, None
        for node in svrl:
            local = etree.QName(node).localname
            if local == "active-pattern":
                pattern = node.get("id")
            elif local == "fired-rule":
                context = node.get("context")
            elif local == "failed-assert":
                if schxslt:
                    counts[node.get("id") or f"{pattern}|{context}"] += 1
                else:
                    counts[node.get("id") or _key_of(path, node)] += 1
        out[Path(vol).stem] = dict(counts)
    print(json.dumps(out))
    return 0


_CHECKS: dict = {}


def _key_of(xslt_path: Path, node) -> str:
    """pattern|context of a failed assert in editio's compilation (its editio:check index)."""
    if not _CHECKS:
        from editio.validation.schematron import compile_schema
        comp = compile_schema(Path(os.environ["EDITIO_BENCH_SCH"]), optimise=False)
        _CHECKS.update({c.index: comp.check_key(c) for c in comp.checks})
    return _CHECKS[int(node.get("{urn:editio:schematron}check"))]


def bench_frus_rules(runs: int, cache: Path) -> None:
    schema = FRUS / "schema"
    rnc, sch = schema / "frus.rnc", schema / "frus-ci.sch"
    volumes = sorted(str(v) for v in FRUS.glob("frus*.xml"))
    if not (rnc.is_file() and sch.is_file() and volumes):
        print("\n(skipped FRUS rules: ../shared/frus/schema is missing)")
        return
    env = dict(os.environ, EDITIO_CACHE_DIR=str(cache), EDITIO_BENCH_SCH=str(sch))
    shutil.rmtree(cache, ignore_errors=True)
    editio = [str(EDITIO), "validate", "--schema", str(rnc), "--schematron", str(sch), "--format", "json", *volumes]
    rows = {}
    rows["editio (cold cache)"] = measure(editio, env)
    best = None
    for _ in range(runs):
        m = measure(editio, env)
        best = m if best is None or m[0] < best[0] else best
    rows["editio"] = best
    rows["jing -c frus.rnc"] = measure(["jing", "-c", str(rnc), *volumes], env) if shutil.which("jing") else None
    ref_cmd = [sys.executable, __file__, "--saxon-reference", str(sch), *volumes]
    rows["Saxon-HE Schematron" + (" (SchXslt)" if os.environ.get("EDITIO_SCHXSLT") else " (plain XSLT 3 compilation)")] = \
        measure(ref_cmd, env)
    ref_name = [k for k in rows if k.startswith("Saxon")][0]
    jing_wall = rows["jing -c frus.rnc"][0] if rows["jing -c frus.rnc"] else 0.0
    reference_wall = jing_wall + rows[ref_name][0]
    data = json.loads(rows["editio"][2])
    import collections
    ours = {Path(f["file"]).stem: collections.Counter(i["key"] for i in f["issues"] if i.get("key") and not i["rule"].startswith("sch-"))
            for f in data["files"]}
    theirs = json.loads(rows[ref_name][2] or "{}")
    same = sum(ours.get(v) == collections.Counter(theirs.get(v, {})) for v in theirs)
    jing_bad = {Path(line.split(":")[0]).stem for line in (rows["jing -c frus.rnc"] or (0, 0, ""))[2].splitlines() if ": error:" in line}
    grammar_same = sum((Path(f["file"]).stem in jing_bad) == any(i["rule"].startswith("rng") for i in f["issues"])
                       for f in data["files"])
    total = sum(os.path.getsize(v) for v in volumes)
    print(f"\n### FRUS rules (frus.rnc + frus-ci.sch): {len(volumes)} volumes, {total / 1e6:.1f} MB\n")
    print("| tool | wall (s) | peak RSS (MB) | reference's time ÷ tool's |")
    print("|---|---:|---:|---:|")
    for tool, m in rows.items():
        if m is None:
            continue
        ratio = f"{reference_wall / m[0]:.2f}" if tool.startswith("editio") else "–"
        print(f"| {tool} | {m[0]:.2f} | {m[1]} | {ratio} |")
    print(f"| reference = jing + Saxon | {reference_wall:.2f} | – | 1.00 |")
    print(f"\nfailed asserts per rule identical to the reference on {same}/{len(theirs)} volumes; "
          f"grammar verdict identical to jing's on {grammar_same}/{len(data['files'])}")


def main() -> int:
    if len(sys.argv) > 2 and sys.argv[1] == "--saxon-reference":
        return saxon_reference(Path(sys.argv[2]), sys.argv[3:])
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=3, help="best of N runs per tool (default 3)")
    ap.add_argument("--copies", type=int, default=200, help="copies of each of the five documents (200 -> 1,000 files)")
    ap.add_argument("--only", choices=("frus-rules", "edition", "frus-tei-all"), help="one corpus only")
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT / "tools"))
    from editio.validation.schemas import find_tei_all
    print(f"machine: {os.cpu_count()} CPUs; python {sys.version.split()[0]}; "
          f"jing {'yes' if shutil.which('jing') else 'no'}; xmllint {'yes' if shutil.which('xmllint') else 'no'}")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        if args.only in (None, "frus-rules"):
            bench_frus_rules(args.runs, tmp / "cache0")
        if args.only in (None, "edition"):
            corpus = tmp / "edition"
            corpus.mkdir()
            files = replicate(ROOT / "tei", corpus, args.copies)
            bench("The edition replicated", "editio", ROOT / "schema" / "editio.rng", files, args.runs, tmp / "cache1")
        tei_all = find_tei_all()
        frus = sorted(FRUS.glob("*.xml"))
        if args.only not in (None, "frus-tei-all"):
            pass
        elif tei_all and frus:
            bench("FRUS volumes", "tei_all", tei_all, frus, args.runs, tmp / "cache2")
        else:
            print("\n(skipped FRUS: tei_all.rng or the FRUS volumes are missing; run tools/test-deps.sh)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
