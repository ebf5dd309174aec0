"""`editio validate`: exit codes, message format, output formats, schema selection, parallel runs."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from lxml import etree
from typer.testing import CliRunner

from editio.cli import app
from editio.validation import engine

FIX = Path(__file__).parent / "fixtures" / "validation"
EDITION = FIX / "edition"
LINE = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+):(?P<col>\d+): error \[(?P<rule>[\w-]+)\] (?P<msg>.+)$")


@pytest.fixture(autouse=True)
def _private_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("EDITIO_CACHE_DIR", str(tmp_path / "cache"))


def run(*args):
    return CliRunner().invoke(app, ["validate", *map(str, args)])


@pytest.fixture
def broken_edition(tmp_path):
    """The fixture edition with a dangling register pointer on a known line."""
    target = tmp_path / "edition"
    shutil.copytree(EDITION, target)
    doc = target / "2000-01-01-sample.xml"
    text = doc.read_text()
    line = next(i for i, ln in enumerate(text.splitlines(), 1) if "#harriman\">Ambassador" in ln)
    doc.write_text(text.replace("#harriman\">Ambassador", "#nobody\">Ambassador"))
    return target, doc, line


def test_valid_edition_exits_0():
    result = run(EDITION)
    assert result.exit_code == 0, result.output
    assert "3 file(s) checked: 3 valid, 0 invalid" in result.output


def test_invalid_file_exits_1_with_file_line_rule_and_hint(broken_edition):
    folder, doc, line = broken_edition
    result = run(folder)
    assert result.exit_code == 1
    first = result.output.splitlines()[0]
    m = LINE.match(first)
    assert m, first
    assert m["file"] == str(doc) and int(m["line"]) == line and m["rule"] == "ptr-register"
    assert "nobody" in m["msg"]
    assert result.output.splitlines()[1].strip().startswith("hint: ")


def test_malformed_and_missing_files_exit_2_with_position():
    result = run(FIX / "malformed.xml", FIX / "empty.xml", FIX / "no-such-file.xml")
    assert result.exit_code == 2
    lines = result.output.splitlines()
    assert any(ln.startswith(f"{FIX / 'malformed.xml'}:4:9: error [xml-malformed]") for ln in lines)
    assert any("[xml-malformed] file is empty" in ln for ln in lines)
    assert any("[io-unreadable]" in ln for ln in lines)
    assert "Traceback" not in result.output


def test_json_format(broken_edition):
    folder, doc, line = broken_edition
    result = run(folder, "--format", "json")
    data = json.loads(result.output)
    assert data["summary"]["exit_code"] == 1 and data["summary"]["files"] == 3
    bad = [f for f in data["files"] if not f["valid"]]
    assert [f["file"] for f in bad] == [str(doc)]
    issue = bad[0]["issues"][0]
    assert issue["rule"] == "ptr-register" and issue["line"] == line and issue["hint"]


def test_junit_format(broken_edition):
    folder, doc, _ = broken_edition
    result = run(folder, "--format", "junit")
    suites = etree.fromstring(result.output.encode())
    cases = suites.findall("testsuite/testcase")
    assert len(cases) == 3
    failed = [c for c in cases if c.find("failure") is not None]
    assert [c.get("name") for c in failed] == [str(doc)]
    assert failed[0].find("failure").get("type") == "ptr-register"


def test_github_format(broken_edition):
    folder, doc, line = broken_edition
    result = run(folder, "--format", "github")
    first = result.output.splitlines()[0]
    assert first.startswith(f"::error file={doc},line={line},col=")
    assert "title=[ptr-register]::" in first and "%0Ahint: " in first


def test_output_file(broken_edition, tmp_path):
    folder, _, _ = broken_edition
    out = tmp_path / "report.json"
    result = run(folder, "--format", "json", "--output", out)
    assert result.exit_code == 1 and json.loads(out.read_text())["summary"]["invalid"] == 1


def test_unknown_format_and_schema_exit_2():
    assert run(EDITION, "--format", "yaml").exit_code == 2
    result = run(EDITION, "--schema", "no-such-schema.rng")
    assert result.exit_code == 2 and "schema not found" in result.output


def test_schema_path(tmp_path):
    rng = tmp_path / "only-tei.rng"
    rng.write_text('<element name="TEI" ns="http://www.tei-c.org/ns/1.0" '
                   'xmlns="http://relaxng.org/ns/structure/1.0"><empty/></element>')
    result = run(EDITION / "2000-01-01-sample.xml", "--schema", rng)
    assert result.exit_code == 1
    assert "[rng-" in result.output


def _house_rules(folder: Path) -> Path:
    """An edition folder whose edition.toml names its own grammar and Schematron under [validate]."""
    (folder / "rules").mkdir(parents=True)
    (folder / "rules" / "letters.rng").write_text(
        '<element name="letter" xmlns="http://relaxng.org/ns/structure/1.0"><text/></element>', encoding="utf-8")
    (folder / "rules" / "house.sch").write_text(
        '<schema xmlns="http://purl.oclc.org/dsdl/schematron" queryBinding="xslt"><phase id="signed">'
        '<active pattern="p"/></phase><pattern id="p"><rule context="letter"><assert id="letter-signed" '
        'test="contains(., \'yours\')">the letter is not signed</assert></rule></pattern></schema>', encoding="utf-8")
    (folder / "a.xml").write_text("<letter>Dear A</letter>", encoding="utf-8")
    (folder / "edition.toml").write_text('[validate]\nschema = "rules/letters.rng"\nschematron = "rules/house.sch"\n'
                                         'phase = "signed"\n', encoding="utf-8")
    return folder


def test_an_edition_says_once_what_its_files_are_checked_against(tmp_path, monkeypatch):
    """[validate] in edition.toml: the grammar and Schematron (relative to the file) are the default, from
    the edition's folder or with --edition; a --schema on the command line takes nothing from it."""
    folder = _house_rules(tmp_path / "letters")
    monkeypatch.chdir(folder)
    result = run("a.xml", "--format", "json")
    assert result.exit_code == 1, result.output
    assert [i["rule"] for f in json.loads(result.output)["files"] for i in f["issues"]] == ["letter-signed"]
    (folder / "a.xml").write_text("<letter>Dear A, yours</letter>", encoding="utf-8")
    assert run("a.xml").exit_code == 0
    assert run("a.xml", "--schema", "editio").exit_code == 1          # editio's grammar wants a TEI document
    monkeypatch.chdir(tmp_path)                                        # elsewhere: named with --edition
    assert run(folder / "a.xml").exit_code == 1
    assert run(folder / "a.xml", "--edition", folder).exit_code == 0
    assert run(folder / "a.xml", "--edition", folder / "edition.toml").exit_code == 0


@pytest.mark.parametrize("table, says", [
    ('[validate]\nschema = 3\n', "[validate] schema must be a string"),
    ('[validate]\nschemas = "x.rng"\n', "[validate] has no key 'schemas'"),
    ('validate = "tei_all"\n', "[validate] must be a table"),
    ('[validate\n', "not valid TOML"),
])
def test_a_faulty_validate_table_names_the_file_and_exits_2(tmp_path, monkeypatch, table, says):
    folder = _house_rules(tmp_path / "letters")
    (folder / "edition.toml").write_text(table, encoding="utf-8")
    monkeypatch.chdir(folder)
    result = run("a.xml")
    assert result.exit_code == 2 and says in result.output and "edition.toml" in result.output, result.output
    assert "Traceback" not in result.output
    assert run("a.xml", "--schema", "rules/letters.rng", "--schematron", "none").exit_code == 0  # not read


def test_help_has_example():
    result = CliRunner().invoke(app, ["validate", "--help"])
    assert result.exit_code == 0 and "Example: editio validate" in result.output


def test_parallel_run_reports_the_same(broken_edition, monkeypatch):
    folder, _, _ = broken_edition
    for i in range(6):
        shutil.copy(folder / "2000-01-01-sample.xml", folder / f"copy{i}.xml")
    serial = json.loads(run(folder, "--format", "json", "--jobs", "1").output)
    monkeypatch.setattr(engine, "IN_PROCESS_BYTES", 0)
    parallel = json.loads(run(folder, "--format", "json", "--jobs", "2").output)
    assert serial == parallel
    assert serial["summary"]["invalid"] == 7


@pytest.mark.jing
def test_engine_jing_gives_the_same_verdicts(broken_edition):
    if not shutil.which("jing"):
        pytest.skip("jing is not installed")
    folder, doc, _ = broken_edition
    (folder / "bad-grammar.xml").write_text(
        (EDITION / "2000-01-01-sample.xml").read_text().replace('<fw', '<fw').replace(
            '<head>Memorandum</head>', '<head type="nonsense">Memorandum</head>'))
    ours = json.loads(run(folder, "--format", "json").output)
    theirs = json.loads(run(folder, "--format", "json", "--engine", "jing").output)
    verdict = lambda data: {f["file"]: f["valid"] for f in data["files"]}  # noqa: E731
    assert verdict(ours) == verdict(theirs)
    rules = {i["rule"] for f in theirs["files"] for i in f["issues"] if f["file"].endswith("bad-grammar.xml")}
    assert "rng-attribute" in rules


def test_schematron_none_checks_the_grammar_only(broken_edition):
    folder, _, _ = broken_edition
    result = run(folder, "--schematron", "none")
    assert result.exit_code == 0, result.output  # the dangling pointer is a Schematron finding
