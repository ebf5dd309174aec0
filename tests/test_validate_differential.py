"""Differential test: `editio validate` against jing on the edition and on hundreds of mutants.

Every mutant is a valid document with one deliberate fault.  For each one:
  * editio rejects it, naming the rule and the line the fault is on;
  * editio's grammar verdict equals jing's (editio.rng), malformed ones are rejected by expat too;
  * with --schema tei_all (grammar pruned to the names used) editio's verdict equals jing's on the
    full tei_all, which is what proves the pruning exact.
"""

from __future__ import annotations

import collections
import shutil
import subprocess
import xml.parsers.expat
from pathlib import Path

import pytest

from editio import resources
from editio.validation import engine
from editio.validation.engine import Options, validate
from editio.validation.jing import parse_output
from editio.validation.mutants import mutate_edition
from editio.validation.schemas import find_tei_all, resolve

pytestmark = pytest.mark.jing

FIX = Path(__file__).parent / "fixtures" / "validation" / "edition"
TEI_DIR = resources._CHECKOUT / "tei"
RNG = resources.schema("editio.rng")
KINDS = {"wrong-element", "wrong-attribute-value", "bad-date", "dangling-pointer", "missing-header-field",
         "broken-nesting"}


def jing(schema: Path, files: list[Path]) -> dict[str, list]:
    out = subprocess.run(["jing", str(schema), *map(str, files)], capture_output=True, text=True)
    errors = collections.defaultdict(list)
    for file, line, _col, msg in parse_output(out.stdout):
        errors[str(Path(file))].append((line, msg))
    return errors


def expat_rejects(data: bytes) -> bool:
    parser = xml.parsers.expat.ParserCreate()
    try:
        parser.Parse(data, True)
    except xml.parsers.expat.ExpatError:
        return True
    return False


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    if not shutil.which("jing"):
        pytest.skip("jing is not installed (Debian package jing)")
    import os
    os.environ.setdefault("EDITIO_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    base = tmp_path_factory.mktemp("mutants")
    sources = [(FIX, 6)]
    if TEI_DIR.is_dir() and any(TEI_DIR.glob("*.xml")):
        sources.append((TEI_DIR, 4))
    mutants, originals = [], []
    for i, (src, per_kind) in enumerate(sources):
        folder = base / f"edition{i}"
        shutil.copytree(src, folder)
        docs = sorted(folder.glob("*.xml"))
        bad = jing(RNG, docs)
        valid = [d for d in docs if str(d) not in bad]  # mutate only documents that are valid
        originals += valid
        for m in mutate_edition(folder, RNG, per_kind, sources=valid):
            path = folder / m.name
            path.write_bytes(m.data)
            mutants.append((m, path))
    return originals, mutants


def test_enough_mutants_of_every_kind(corpus):
    _, mutants = corpus
    assert len(mutants) >= 200
    assert KINDS <= {m.kind for m, _ in mutants}


def test_every_mutant_is_rejected_with_the_right_rule_and_line_and_jing_agrees(corpus):
    originals, mutants = corpus
    paths = [p for _, p in mutants]
    report = validate(originals + paths, Options(resolve("editio")), jobs=1)
    by_file = {r.file: r for r in report.results}
    jing_errors = jing(RNG, originals + [p for m, p in mutants if m.kind != "malformed"])
    problems = []
    for original in originals:
        if not by_file[str(original)].valid:
            problems.append(f"{original}: valid source reported invalid: {by_file[str(original)].issues[:2]}")
    for m, path in mutants:
        result = by_file[str(path)]
        ours_grammar = any(i.rule.startswith("rng") or i.rule == "xml-malformed" for i in result.issues)
        if m.kind == "malformed":
            theirs_grammar = expat_rejects(m.data)
        else:
            theirs_grammar = bool(jing_errors.get(str(path)))
        if result.valid:
            problems.append(f"{m.name}: accepted ({m.kind}, {m.note})")
        if ours_grammar != theirs_grammar:
            problems.append(f"{m.name}: grammar verdict editio={ours_grammar} jing={theirs_grammar} "
                            f"{[(i.line, i.rule) for i in result.issues][:3]} {jing_errors.get(str(path), [])[:2]}")
        if not any(i.rule in m.rules and i.line in m.lines for i in result.issues):
            problems.append(f"{m.name}: expected {sorted(m.rules)} on line {sorted(m.lines)}, got "
                            f"{[(i.line, i.rule) for i in result.issues][:4]}")
    assert not problems, "\n".join(problems[:30])


def test_pruned_tei_all_agrees_with_jing_on_full_tei_all(corpus, monkeypatch):
    tei_all = find_tei_all()
    if tei_all is None:
        pytest.skip("tei_all.rng is not set up (tools/test-deps.sh)")
    originals, mutants = corpus
    files = originals + [p for m, p in mutants if m.kind != "malformed"]
    frus = Path("/work/shared/frus/exemplars")
    if frus.is_dir():
        files += sorted(frus.glob("*.xml"))
    monkeypatch.setattr(engine, "IN_PROCESS_BYTES", 0)  # two workers, each prunes for its own files
    report = validate(files, Options(resolve("tei_all")), jobs=2)
    theirs = jing(tei_all, files)
    disagreements = [r.file for r in report.results if r.valid == bool(theirs.get(str(Path(r.file))))]
    assert sum(not r.valid for r in report.results) > 0
    assert not disagreements, disagreements[:10]
