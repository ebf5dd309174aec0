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
    # at the include's start tag, as every position editio reports
    assert {i["column"] for f in files for i in f["issues"] if i["rule"] == "xinclude"} == {3}


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
    # through a corpus that a corpus includes: the document's root is its own file's, not the middle one's
    (tmp_path / "outer.xml").write_text(corpus.replace(f'href="{name}"', 'href="corpus.xml"'), encoding="utf-8")
    code, report = _run("--schema", "editio", tmp_path / name, tmp_path / "outer.xml")
    assert "id-unique-edition" not in [i[3] for i in _issues(report)], report
    # a second copy under another name declares the same ids again: that is a duplicate
    shutil.copy(tmp_path / name, tmp_path / "copy.xml")
    code, report = _run("--schema", "editio", tmp_path / name, tmp_path / "corpus.xml", tmp_path / "copy.xml")
    dups = [i for i in _issues(report) if i[3] == "id-unique-edition"]
    assert dups and {f for f, _, _, _ in dups} == {"copy.xml"}, dups


def test_a_file_that_includes_itself_is_one_loop_error_not_a_copy_of_itself(project):
    (project / "self.xml").write_text(f'<letters {XI}>\n  <letter n="1">x yours</letter>\n'
                                      '  <xi:include href="self.xml"/>\n</letters>\n', encoding="utf-8")
    code, report = _run("--schema", "s.rng", "--schematron", "s.sch", project / "self.xml")
    assert code == 1
    assert _issues(report) == [("self.xml", 3, 3, "xinclude")], report


def test_a_nested_include_is_reported_in_the_file_that_holds_it(project):
    """top.xml includes part/mid.xml, which includes ../two.xml and a missing file: the missing one is
    an error of part/mid.xml at its line, and two.xml is named as two.xml (not part/../two.xml)."""
    (project / "part").mkdir()
    (project / "part" / "mid.xml").write_text(f'<letters {XI}>\n\n\n  <xi:include href="../nothere.xml"/>\n'
                                              '  <xi:include href="../two.xml"/>\n</letters>\n', encoding="utf-8")
    (project / "top.xml").write_text(f'<letters {XI}>\n  <xi:include href="part/mid.xml"/>\n</letters>\n',
                                     encoding="utf-8")
    code, report = _run("--schema", "s.rng", "--schematron", "s.sch", project / "top.xml")
    found = _issues(report)
    assert ("mid.xml", 4, 3, "xinclude") in found and not [i for i in found if i[0] == "top.xml"], found
    files = report["files"] if isinstance(report, dict) else report
    named = {i["file"] for f in files for i in f["issues"]}
    assert str(project / "part" / "mid.xml") in named and str(project / "two.xml") in named, named


def test_an_include_whose_fallback_is_used_is_a_warning_as_in_jing(project):
    (project / "all.xml").write_text(f'<letters {XI}>\n  <xi:include href="gone.xml"><xi:fallback>'
                                     '<letter n="3">x yours</letter></xi:fallback></xi:include>\n</letters>\n',
                                     encoding="utf-8")
    code, report = _run("--schema", "s.rng", "--schematron", "s.sch", project / "all.xml")
    assert code == 0, report
    files = report["files"] if isinstance(report, dict) else report
    [issue] = [i for f in files for i in f["issues"]]
    assert issue["severity"] == "warning" and "fallback" in issue["message"] and issue["line"] == 2
    if shutil.which("jing"):
        assert subprocess.run(["jing", "s.rng", "all.xml"], capture_output=True, cwd=project).returncode == 0


@pytest.mark.skipif(shutil.which("jing") is None, reason="jing is not installed")
def test_engine_jing_reports_files_named_relatively_and_the_problems_of_included_files(project):
    """jing names every file by its absolute path: a file given as `bad.xml` or `./all.xml` is still
    the one its messages are about, and a message about an included file goes to the document that
    included it (each of two documents including it gets its own)."""
    (project / "bad.xml").write_text('<letters><letter>x yours</letter></letters>\n', encoding="utf-8")
    shutil.copy(project / "all.xml", project / "again.xml")
    code, report = _run("--schema", "s.rng", "--schematron", "none", "--engine", "jing",
                        "bad.xml", "./all.xml", "again.xml")
    assert code == 1
    by_file = {f["file"]: [(i["file"], i["line"], i["rule"]) for i in f["issues"]] for f in report["files"]}
    assert by_file["bad.xml"] == [("bad.xml", 1, "rng-attribute")], by_file
    assert by_file["all.xml"] == [("two.xml", 3, "rng-element")] == by_file["again.xml"], by_file


@pytest.mark.skipif(shutil.which("jing") is None, reason="jing is not installed")
@pytest.mark.parametrize("flag", ["--xinclude", "--no-xinclude"])
def test_engine_jing_never_follows_an_include_that_editio_refuses(project, flag):
    """jing resolves xi:include itself, wherever it leads: a pipe nobody writes to would block it for
    ever, so a document with an include editio did not follow is not given to jing (an error)."""
    import os
    import sys
    os.mkfifo(project / "trap.xml")
    (project / "all.xml").write_text(f'<letters {XI}>\n  <xi:include href="trap.xml"/>\n</letters>\n', encoding="utf-8")
    (project / "fine.xml").write_text('<letters><letter n="1">x yours</letter></letters>', encoding="utf-8")
    try:
        proc = subprocess.run([sys.executable, "-c", "from editio.cli import main; main()", "validate",
                               "--schema", "s.rng", "--schematron", "none", "--engine", "jing", flag,
                               "--format", "json", "all.xml", "fine.xml"],
                              capture_output=True, text=True, cwd=project, timeout=120)
    except subprocess.TimeoutExpired:
        pytest.fail("jing followed the include to the FIFO and hung")
    assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr
    report = json.loads(proc.stdout)
    [all_xml, fine] = report["files"]
    assert fine["valid"] and any("not checked by jing" in i["message"] for i in all_xml["issues"]), report



ANY = ('<grammar xmlns="http://relaxng.org/ns/structure/1.0"><start><ref name="any"/></start><define name="any">'
       '<element><anyName/><zeroOrMore><choice><attribute><anyName/></attribute><text/><ref name="any"/></choice>'
       '</zeroOrMore></element></define></grammar>')


def test_includes_that_multiply_are_not_followed_past_a_bound(project, monkeypatch):
    """f0 includes f1 ten times, f1 includes f2 ten times...: 10^depth copies, a hang in all but name
    (jing follows them all).  Past corpus.MAX_INCLUDES files put into one document, an include is an
    error and is not followed."""
    from editio import corpus
    monkeypatch.setattr(corpus, "MAX_INCLUDES", 50)
    (project / "any.rng").write_text(ANY, encoding="utf-8")
    for level in range(3):
        (project / f"f{level}.xml").write_text(
            f'<letters {XI}>' + f'<xi:include href="f{level + 1}.xml"/>' * 10 + '</letters>', encoding="utf-8")
    (project / "f3.xml").write_text('<letter n="1">x yours</letter>', encoding="utf-8")
    code, report = _run("--schema", "any.rng", "--schematron", "none", project / "f2.xml")
    assert code == 0, report  # ten files: well under the bound
    code, report = _run("--schema", "any.rng", "--schematron", "none", project / "f0.xml")
    assert code == 1
    files = report["files"] if isinstance(report, dict) else report
    assert any(i["rule"] == "xinclude" and "already holds 50 included files" in i["message"]
               for f in files for i in f["issues"]), report


def test_an_href_is_a_uri_reference_so_percent_escapes_name_the_file(project):
    """href="the%20second.xml" is the file `the second.xml` (XInclude's href is a URI; jing reads it so)."""
    shutil.move(project / "two.xml", project / "the second.xml")
    (project / "all.xml").write_text(f'<letters {XI}>\n  <xi:include href="the%20second.xml"/>\n</letters>\n',
                                     encoding="utf-8")
    code, report = _run("--schema", "s.rng", "--schematron", "s.sch", project / "all.xml")
    assert ("the second.xml", 3, 3, "letter-signed") in _issues(report), report


def test_an_id_declared_again_through_a_nested_path_names_the_file_plainly(tmp_path, monkeypatch):
    """A corpus in a subfolder includes ../letter.xml; the id it declares again is reported in
    letter.xml (not sub/../letter.xml, which no editor or CI annotation finds)."""
    from pathlib import Path
    monkeypatch.chdir(tmp_path)
    tei = Path(__file__).resolve().parents[1] / "tei"
    shutil.copytree(tei / "register", tmp_path / "register")
    name = "1944-06-10-harriman-stalin.xml"
    shutil.copy(tei / name, tmp_path / "copy.xml")
    shutil.copy(tei / name, tmp_path / name)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "corpus.xml").write_text(
        f'<teiCorpus xmlns="http://www.tei-c.org/ns/1.0" {XI}><teiHeader><fileDesc><titleStmt><title>c</title>'
        '</titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc></teiHeader>'
        f'<xi:include href="../{name}"/></teiCorpus>', encoding="utf-8")
    code, report = _run("--schema", "editio", "copy.xml", "sub/corpus.xml")
    dups = {i["file"] for f in report["files"] for i in f["issues"] if i["rule"] == "id-unique-edition"}
    assert dups == {name}, dups


@pytest.mark.skipif(shutil.which("jing") is None, reason="jing is not installed")
def test_engine_jing_is_not_given_a_document_whose_included_file_names_an_external_dtd(project):
    """The DOCTYPE check of --engine jing (test_robustness) covers the files a document includes:
    jing would open the DTD an included file names, here a FIFO that blocks for ever."""
    import os
    import sys
    os.mkfifo(project / "trap.dtd")
    (project / "part.xml").write_text('<!DOCTYPE letter SYSTEM "trap.dtd">\n<letter n="1">x yours</letter>\n',
                                      encoding="utf-8")
    (project / "all.xml").write_text(f'<letters {XI}>\n  <xi:include href="part.xml"/>\n</letters>\n', encoding="utf-8")
    try:
        proc = subprocess.run([sys.executable, "-c", "from editio.cli import main; main()", "validate",
                               "--schema", "s.rng", "--schematron", "none", "--engine", "jing",
                               "--format", "json", "all.xml"], capture_output=True, text=True, cwd=project, timeout=120)
    except subprocess.TimeoutExpired:
        pytest.fail("jing opened the DTD of the included file and hung")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr, proc.stderr
    [issue] = json.loads(proc.stdout)["files"][0]["issues"]
    assert (issue["file"], issue["line"], issue["rule"]) == ("part.xml", 1, "xml-external-dtd")


def test_a_pipe_among_the_files_is_unreadable_not_a_hang(project):
    """A folder given to validate may hold a FIFO named *.xml: reading it would block for ever."""
    import os
    import sys
    os.mkfifo(project / "pipe.xml")
    try:
        proc = subprocess.run([sys.executable, "-c", "from editio.cli import main; main()", "validate",
                               "--schema", "s.rng", "--schematron", "none", "--format", "json", "pipe.xml", "all.xml"],
                              capture_output=True, text=True, cwd=project, timeout=120)
    except subprocess.TimeoutExpired:
        pytest.fail("validate read the FIFO and hung")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr, proc.stderr
    pipe = json.loads(proc.stdout)["files"][0]
    assert pipe["could_not_run"] and pipe["issues"][0]["rule"] == "io-unreadable"
    assert "not a regular file" in pipe["issues"][0]["message"]


def test_the_issues_of_a_document_come_before_those_of_its_included_files(project):
    """Sorted by line alone, two.xml:3 came between all.xml:2 and all.xml:4 as if in one file."""
    (project / "all.xml").write_text(f'<letters {XI}>\n  <letter>no n, yours</letter>\n  <xi:include href="two.xml"/>\n'
                                     '  <letter>no n, yours</letter>\n</letters>\n', encoding="utf-8")
    code, report = _run("--schema", "s.rng", "--schematron", "s.sch", project / "all.xml")
    files = [i[0] for i in _issues(report)]
    assert files == sorted(files, key=lambda f: f != "all.xml") and files[0] == "all.xml" and files[-1] == "two.xml", files


def test_a_document_named_through_a_symlink_includes_what_stands_beside_the_link(project, tmp_path_factory):
    """tei/doc.xml is a symlink to a file kept elsewhere; its href="one.xml" is the one beside the link
    (the include is relative to where the document is named, as in jing): it was refused as leaving
    the folder.  A target that is a symlink out of the folder is still refused."""
    import os
    store = tmp_path_factory.mktemp("store")
    (store / "doc.xml").write_text(f'<letters {XI}>\n  <xi:include href="fine.xml"/>\n</letters>\n', encoding="utf-8")
    (project / "fine.xml").write_text('<letter n="1">x yours</letter>', encoding="utf-8")
    os.symlink(store / "doc.xml", project / "doc.xml")
    code, report = _run("--schema", "s.rng", "--schematron", "s.sch", "doc.xml")
    assert code == 0, report
    (store / "secret.xml").write_text('<letter n="1">x yours</letter>', encoding="utf-8")
    os.symlink(store / "secret.xml", project / "secret.xml")
    (store / "doc.xml").write_text(f'<letters {XI}>\n  <xi:include href="secret.xml"/>\n</letters>\n', encoding="utf-8")
    code, report = _run("--schema", "s.rng", "--schematron", "s.sch", "doc.xml")
    assert code == 1 and any("leaves the edition's folder" in i["message"] for f in report["files"] for i in f["issues"])


def test_a_text_include_in_an_encoding_python_does_not_know_is_an_error_not_a_traceback(project):
    (project / "all.xml").write_text(f'<letters {XI}>\n  <letter n="1"><xi:include href="one.xml" parse="text" '
                                     'encoding="no-such-encoding"/></letter>\n</letters>\n', encoding="utf-8")
    code, report = _run("--schema", "s.rng", "--schematron", "none", project / "all.xml")
    assert code == 1, report
    assert [(i[0], i[1], i[3]) for i in _issues(report)] == [("all.xml", 2, "xinclude")], report


def test_a_text_include_holding_a_character_xml_forbids_is_an_error_not_a_traceback(project):
    (project / "ctl.txt").write_bytes(b"yours\nab\x01c")
    (project / "all.xml").write_text(f'<letters {XI}>\n  <letter n="1"><xi:include href="ctl.txt" parse="text"/>'
                                     '</letter>\n</letters>\n', encoding="utf-8")
    code, report = _run("--schema", "s.rng", "--schematron", "none", project / "all.xml")
    assert code == 1, report
    [issue] = [i for f in report["files"] for i in f["issues"]]
    assert issue["line"] == 2 and "U+0001 at 2:3" in issue["message"], issue


@pytest.mark.skipif(shutil.which("jing") is None, reason="jing is not installed")
def test_engine_jing_gives_a_message_about_an_included_file_to_a_document_jing_checked(project):
    """a.xml and b.xml both include two.xml (not valid); a.xml also has an include editio does not
    follow, so jing does not check it: jing's message about two.xml is b.xml's."""
    (project / "a.xml").write_text(f'<letters {XI}>\n  <xi:include href="two.xml"/>\n  <xi:include href="gone.xml"/>\n'
                                   '</letters>\n', encoding="utf-8")
    shutil.copy(project / "all.xml", project / "b.xml")
    code, report = _run("--schema", "s.rng", "--schematron", "none", "--engine", "jing", "a.xml", "b.xml")
    by_file = {f["file"]: sorted((i["file"], i["rule"]) for i in f["issues"]) for f in report["files"]}
    assert by_file["b.xml"] == [("two.xml", "rng-element")], by_file
    assert ("two.xml", "rng-element") not in by_file["a.xml"], by_file


def test_an_error_libxml2_gives_no_node_is_placed_at_the_element_it_names(tmp_path):
    """libxml2 reports "Element letter failed to validate attributes" without a node when the element
    has other attributes: the only element of that name is its place; among several, the message says
    libxml2 did not say which (and names the first), instead of a bare 1:1."""
    (tmp_path / "s.rng").write_text(RNG.format(base='<optional><attribute name="x"/></optional>'), encoding="utf-8")
    (tmp_path / "one.xml").write_text('<letters>\n\n  <letter x="q">no n</letter>\n</letters>\n', encoding="utf-8")
    code, report = _run("--schema", tmp_path / "s.rng", "--schematron", "none", tmp_path / "one.xml")
    assert code == 1 and _issues(report) == [("one.xml", 3, 3, "rng-attribute")], report
    (tmp_path / "two.xml").write_text('<letters>\n<letter n="1">a</letter>\n<letter x="q">b</letter>\n</letters>\n',
                                      encoding="utf-8")
    code, report = _run("--schema", tmp_path / "s.rng", "--schematron", "none", tmp_path / "two.xml")
    files = report["files"] if isinstance(report, dict) else report
    [issue] = files[0]["issues"]
    assert issue["line"] == 2 and "does not say which of the 2 <letter> elements" in issue["message"], issue


def test_an_edition_document_that_includes_a_part_is_valid_against_editios_own_schema(tmp_path, monkeypatch):
    """The included element carries the xml:base XInclude gives it; editio.rng allows xml:base on every
    element, as TEI's att.global does (before, an edition file that used xi:include failed its own schema)."""
    from pathlib import Path
    root = Path(__file__).resolve().parents[1]
    shutil.copytree(root / "tei", tmp_path / "tei")
    monkeypatch.chdir(tmp_path)
    doc = tmp_path / "tei" / "1944-12-15-harriman-roosevelt.xml"
    text = doc.read_text(encoding="utf-8")
    start, end = text.index('<div type="document">'), text.index("</body>")
    part = text[start:end].rstrip()
    (tmp_path / "tei" / "letter-part.xml").write_text(
        part.replace("<div ", '<div xmlns="http://www.tei-c.org/ns/1.0" ', 1) + "\n", encoding="utf-8")
    doc.write_text(text[:start] + f'<xi:include {XI} href="letter-part.xml"/>\n    ' + text[end:], encoding="utf-8")
    code, report = _run(doc)
    assert code == 0, report
    code, report = _run("--no-xinclude", doc)      # as written, the body holds no division: invalid
    assert code == 1
    if shutil.which("jing"):
        jing = subprocess.run(["jing", str(root / "schema" / "editio.rng"), str(doc)], capture_output=True, text=True)
        assert jing.returncode == 0, jing.stdout


@pytest.mark.skipif(shutil.which("jing") is None, reason="jing is not installed")
def test_the_language_fixup_is_jings(project):
    """XInclude's language fixup: an included element that does not say its language, put where one is in
    scope, gets xml:lang="" (jing's parser adds it; before, editio did not, and passed what jing refused)."""
    lang = '<optional><attribute name="xml:lang" xmlns:xml="http://www.w3.org/XML/1998/namespace"/></optional>'
    (project / "lang.rng").write_text(RNG.replace('<element name="letters">', '<element name="letters">' + lang)
                                      .format(base=BASE), encoding="utf-8")
    (project / "en.xml").write_text(f'<letters {XI} xml:lang="en"><xi:include href="one.xml"/></letters>',
                                    encoding="utf-8")
    (project / "plain.xml").write_text(f'<letters {XI}><xi:include href="one.xml"/></letters>', encoding="utf-8")
    for name, expected in (("en.xml", False), ("plain.xml", True)):
        jing = subprocess.run(["jing", "lang.rng", name], capture_output=True, text=True, cwd=project)
        code, report = _run("--schema", "lang.rng", "--schematron", "none", project / name)
        assert (jing.returncode == 0) == expected == (code == 0), (name, jing.stdout, report)
    message = _run("--schema", "lang.rng", "--schematron", "none", project / "en.xml")[1]["files"][0]["issues"][0]["message"]
    assert "XInclude gives the element it includes xml:base=\"one.xml\" and xml:lang=\"\"" in message, message
