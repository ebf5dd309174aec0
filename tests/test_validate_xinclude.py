"""`editio validate` checks a document with its xi:includes resolved, as jing does: a problem inside
an included file is reported in that file, at its line; an include that cannot be followed is an
error of the including document; `--no-xinclude` checks the file as it is written."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from typer.testing import CliRunner

from editio.cli import app

XI = 'xmlns:xi="http://www.w3.org/2001/XInclude"'
# the included letter gets the xml:base that XInclude's base URI fixup adds (TEI allows it everywhere)
RNG = ('<grammar xmlns="http://relaxng.org/ns/structure/1.0"><start><element name="letters">'
       '<oneOrMore><element name="letter"><attribute name="n"/>{base}<text/></element></oneOrMore>'
       '</element></start></grammar>')
BASE = ('<optional><attribute name="xml:base" xmlns:xml="http://www.w3.org/XML/1998/namespace"/></optional>')
SCH = ('<schema xmlns="http://purl.oclc.org/dsdl/schematron" queryBinding="xslt"><pattern>'
       '<rule context="letter"><assert id="letter-signed" test="contains(., \'yours\')">the letter is not signed'
       '</assert></rule></pattern></schema>')


def _run(*args):
    result = CliRunner().invoke(app, ["validate", *map(str, args), "--format", "json"])
    return result.exit_code, json.loads(result.stdout) if result.stdout.strip().startswith(("{", "[")) else result.output


def _issues(report):
    files = report["files"] if isinstance(report, dict) else report
    return [(i["file"].rsplit("/", 1)[-1], i["line"], i["column"], i["rule"]) for f in files for i in f["issues"]]


@pytest.fixture()
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "s.rng").write_text(RNG.format(base=BASE), encoding="utf-8")
    (tmp_path / "strict.rng").write_text(RNG.format(base=""), encoding="utf-8")
    (tmp_path / "s.sch").write_text(SCH, encoding="utf-8")
    (tmp_path / "one.xml").write_text('<letter n="1">Dear A, yours</letter>\n', encoding="utf-8")
    # line 3 of two.xml: a letter with an element the grammar does not allow, and without a signature
    # (Schematron)
    (tmp_path / "two.xml").write_text('<!-- the second letter -->\n\n  <letter n="2">Dear <b>B</b></letter>\n',
                                      encoding="utf-8")
    (tmp_path / "all.xml").write_text(f'<letters {XI}>\n  <xi:include href="one.xml"/>\n'
                                      '  <xi:include href="two.xml"/>\n</letters>\n', encoding="utf-8")
    return tmp_path


def test_problems_inside_an_included_file_are_reported_in_that_file_at_their_line(project):
    code, report = _run("--schema", "s.rng", "--schematron", "s.sch", project / "all.xml")
    assert code == 1
    found = _issues(report)
    assert ("two.xml", 3, 3, "letter-signed") in found, found
    assert any(f == "two.xml" and line == 3 and rule.startswith("rng") for f, line, _, rule in found), found
    assert not [i for i in found if i[0] != "two.xml"], found  # one.xml and all.xml are valid


def test_an_included_valid_document_is_valid_and_without_includes_it_is_not(project):
    (project / "two.xml").write_text('<letter n="2">Dear B, yours</letter>', encoding="utf-8")
    code, report = _run("--schema", "s.rng", "--schematron", "s.sch", project / "all.xml")
    assert code == 0, report
    # as written, the file holds xi:include elements the grammar does not allow
    code, report = _run("--schema", "s.rng", "--schematron", "s.sch", "--no-xinclude", project / "all.xml")
    assert code == 1 and any(f == "all.xml" and line == 2 for f, line, _, _ in _issues(report)), report


@pytest.mark.parametrize("href, says", [
    ("missing.xml", "is missing"),
    ("http://example.org/one.xml", "never the network"),
    ("../outside.xml", "leaves the edition's folder"),
])
def test_an_include_that_cannot_be_followed_is_an_error_of_the_including_file(project, href, says):
    (project.parent / "outside.xml").write_text('<letter n="9">x yours</letter>', encoding="utf-8")
    (project / "all.xml").write_text(f'<letters {XI}>\n  <xi:include href="one.xml"/>\n'
                                     f'  <xi:include href="{href}"/>\n</letters>\n', encoding="utf-8")
    code, report = _run("--schema", "s.rng", "--schematron", "none", project / "all.xml")
    assert code == 1
    files = report["files"] if isinstance(report, dict) else report
    messages = [(i["file"].rsplit("/", 1)[-1], i["line"], i["rule"], i["message"]) for f in files for i in f["issues"]]
    assert [m for m in messages if m[2] == "xinclude"] and all(
        m[0] == "all.xml" and m[1] == 3 and says in m[3] for m in messages if m[2] == "xinclude"), messages


def test_an_included_file_that_is_not_well_formed_stops_the_check_of_the_document(project):
    (project / "two.xml").write_text('<letter n="2">Dear B', encoding="utf-8")
    code, report = _run("--schema", "s.rng", "--schematron", "none", project / "all.xml")
    assert code == 2
    assert [(f, rule) for f, _, _, rule in _issues(report)] == [("two.xml", "xinclude")]


def test_many_files_with_includes_on_several_workers(project):
    """The included elements never travel to the parent process: workers return plain results."""
    for k in range(40):
        shutil.copy(project / "all.xml", project / f"all{k:02d}.xml")
    (project / "big.xml").write_text("<letters>" + '<letter n="1">x yours</letter>' * 20000 + "</letters>",
                                     encoding="utf-8")
    code, report = _run("--schema", "s.rng", "--schematron", "s.sch", "--jobs", "2",
                        *sorted(project.glob("all*.xml")), project / "big.xml")
    assert code == 1
    found = _issues(report)
    assert len([i for i in found if i[3] == "letter-signed"]) == 41 and {i[0] for i in found} == {"two.xml"}


@pytest.mark.skipif(shutil.which("jing") is None, reason="jing is not installed")
def test_the_verdicts_are_jings(project):
    (project / "fine.xml").write_text(f'<letters {XI}><xi:include href="one.xml"/></letters>', encoding="utf-8")
    # strict.rng does not allow the xml:base of an included element: jing and editio both refuse it
    for schema, name, expected in (("s.rng", "all.xml", False), ("s.rng", "fine.xml", True),
                                   ("strict.rng", "fine.xml", False)):
        jing = subprocess.run(["jing", schema, name], capture_output=True, text=True, cwd=project)
        code, _ = _run("--schema", schema, "--schematron", "none", project / name)
        assert (jing.returncode == 0) == expected == (code == 0), (schema, name, jing.stdout)


def test_an_included_file_checked_too_is_no_duplicate_of_itself(tmp_path, monkeypatch):
    """The edition's cross-file rule (xml:ids unique across the edition): the ids of a file that a
    corpus includes are that file's, declared once, though the corpus and the file are both checked."""
    import re
    from pathlib import Path
    monkeypatch.chdir(tmp_path)
    tei = Path(__file__).resolve().parents[1] / "tei"
    shutil.copytree(tei / "register", tmp_path / "register")
    name = "1944-06-10-harriman-stalin.xml"
    shutil.copy(tei / name, tmp_path / name)
    corpus = (f'<teiCorpus xmlns="http://www.tei-c.org/ns/1.0" {XI}><teiHeader><fileDesc><titleStmt><title>c</title>'
              '</titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc></teiHeader>'
              f'<xi:include href="{name}"/></teiCorpus>')
    (tmp_path / "corpus.xml").write_text(corpus, encoding="utf-8")
    code, report = _run("--schema", "editio", tmp_path / name, tmp_path / "corpus.xml")
    rules = [i[3] for i in _issues(report)]
    assert "id-unique-edition" not in rules, report
    # a second copy under another name declares the same ids again: that is a duplicate
    shutil.copy(tmp_path / name, tmp_path / "copy.xml")
    code, report = _run("--schema", "editio", tmp_path / name, tmp_path / "corpus.xml", tmp_path / "copy.xml")
    dups = [i for i in _issues(report) if i[3] == "id-unique-edition"]
    assert dups and {f for f, _, _, _ in dups} == {"copy.xml"}, dups
