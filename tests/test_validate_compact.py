"""RELAX NG compact syntax: `--schema x.rnc` is converted in Python (cached) and gives jing's verdicts."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from editio.cli import app

pytest.importorskip("rnc2rng", reason="rnc2rng converts compact syntax (pip install rnc2rng)")

FIX = Path(__file__).parent / "fixtures" / "validation" / "compact"
DOCS = sorted(FIX.glob("*.xml"))


@pytest.fixture(autouse=True)
def _private_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("EDITIO_CACHE_DIR", str(tmp_path / "cache"))


def run(*args):
    return CliRunner().invoke(app, ["validate", *map(str, args)])


def verdicts(*extra) -> dict[str, bool]:
    result = run(*DOCS, "--schema", FIX / "letter.rnc", "--format", "json", *extra)
    assert result.exit_code in (0, 1), result.output
    return {Path(f["file"]).name: f["valid"] for f in json.loads(result.output)["files"]}


def test_valid_and_invalid_letters():
    got = verdicts()
    assert {n for n, ok in got.items() if ok} == {"valid1.xml", "valid2.xml"}
    assert len(got) == 10


@pytest.mark.jing
def test_verdicts_equal_jings_on_the_compact_schema():
    if not shutil.which("jing"):
        pytest.skip("jing is not installed (Debian package jing)")
    out = subprocess.run(["jing", "-c", str(FIX / "letter.rnc"), *map(str, DOCS)], capture_output=True, text=True)
    bad = {Path(line.split(":")[0]).name for line in out.stdout.splitlines() if ": error:" in line}
    theirs = {doc.name: doc.name not in bad for doc in DOCS}
    assert sum(not ok for ok in theirs.values()) == 8
    assert verdicts() == theirs


def test_conversion_is_cached(tmp_path):
    verdicts()
    converted = sorted((tmp_path / "cache" / "rnc").glob("*.rng"))
    assert {p.name.rsplit("-", 1)[0] for p in converted} == {"letter", "common"}
    stamps = [p.stat().st_mtime_ns for p in converted]
    verdicts()
    assert [p.stat().st_mtime_ns for p in sorted((tmp_path / "cache" / "rnc").glob("*.rng"))] == stamps


def test_syntax_error_is_exit_2_with_file_and_line(tmp_path):
    bad = tmp_path / "bad.rnc"
    bad.write_text('default namespace = "urn:x"\nstart = element a {\n  text,,\n}\n')
    result = run(DOCS[0], "--schema", bad)
    assert result.exit_code == 2 and f"{bad}:3" in result.output and "Traceback" not in result.output


def test_schematron_in_follow_annotations_does_not_change_the_grammar():
    from editio.validation.compact import strip_follow_annotations
    src = (FIX / "letter.rnc").read_text()
    stripped = strip_follow_annotations(src)
    assert "sch:pattern" not in stripped and "letter-has-p" not in stripped
    assert stripped.count("\n") == src.count("\n")  # line numbers kept for error messages


def test_follow_annotation_schematron_runs_with_embedded_schematron():
    pytest.importorskip("saxonche")
    plain = run(FIX / "bad-missing.xml", "--schema", FIX / "letter.rnc", "--format", "json")
    rules = {i["rule"] for f in json.loads(plain.output)["files"] for i in f["issues"]}
    assert "letter-has-p" not in rules  # a grammar check only, as jing
    result = run(FIX / "bad-missing.xml", "--schema", FIX / "letter.rnc", "--embedded-schematron", "--format", "json")
    found = [i for f in json.loads(result.output)["files"] for i in f["issues"] if i["rule"] == "letter-has-p"]
    assert [(i["line"], i["message"]) for i in found] == [(1, "a letter has paragraphs")]


@pytest.mark.jing
def test_escapes_and_literal_quotes_mean_what_compact_syntax_says(tmp_path):
    if not shutil.which("jing"):
        pytest.skip("jing is not installed (Debian package jing)")
    rnc = tmp_path / "esc.rnc"
    rnc.write_text('default namespace = "urn:esc"\ndatatypes xsd = "http://www.w3.org/2001/XMLSchema-datatypes"\n'
                   "start = element a { attribute v { xsd:token { pattern = \"[^\\x{20}]+\" } }, "
                   "attribute w { 'say \"hi\"' | \"\"\"x'y\"\"\" }? }\n")
    docs = []
    for name, v, w in [("ok", "ab", None), ("space", "a b", None), ("quote", "ab", 'say "hi"'),
                       ("apos", "ab", "x'y"), ("other", "ab", "hi")]:
        doc = tmp_path / f"{name}.xml"
        attr = "" if w is None else " w=\"" + w.replace('"', "&quot;") + "\""
        doc.write_text(f'<a xmlns="urn:esc" v="{v}"{attr}/>\n')
        docs.append(doc)
    result = run(*docs, "--schema", rnc, "--format", "json")
    ours = {Path(f["file"]).stem: f["valid"] for f in json.loads(result.output)["files"]}
    out = subprocess.run(["jing", "-c", str(rnc), *map(str, docs)], capture_output=True, text=True)
    bad = {Path(line.split(":")[0]).stem for line in out.stdout.splitlines() if ": error:" in line}
    assert ours == {d.stem: d.stem not in bad for d in docs}
    assert ours == {"ok": True, "space": False, "quote": True, "apos": True, "other": False}
