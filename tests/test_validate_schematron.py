"""ISO Schematron in `editio validate`: every feature on a small fixture (tests/fixtures/validation/schematron/).

XPath 2/3 (matches, tokenize, sequences, every/satisfies, xs:date arithmetic, maps, xsl:function and
xsl:key declared in the schema), let at every level, include/extends relative to the file that names
them, abstract patterns and rules, phases, value-of/name/diagnostics/properties/role/flag,
assert/report, SVRL, --schema none on a fragment, schema clashes as exit 2 with file and line,
offline documents, the regex rewriting for java.util.regex, and the parallel run.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from lxml import etree
from typer.testing import CliRunner

from editio.cli import app
from editio.validation import engine

saxonche = pytest.importorskip("saxonche", reason="Saxon-HE (pip install saxonche) runs xslt2/xslt3 Schematron")

FIX = Path(__file__).parent / "fixtures" / "validation" / "schematron"
SVRL = "http://purl.oclc.org/dsdl/svrl"
TEI_NS = "http://www.tei-c.org/ns/1.0"


@pytest.fixture(autouse=True)
def _private_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("EDITIO_CACHE_DIR", str(tmp_path / "cache"))


def run(*args):
    return CliRunner().invoke(app, ["validate", *map(str, args)])


def run_json(*args):
    result = run(*args, "--format", "json")
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.output)


def issues(data):
    return [i for f in data["files"] for i in f["issues"]]


def line_of(path: Path, needle: str) -> int:
    return next(n for n, text in enumerate(path.read_text().splitlines(), 1) if needle in text)


# ------------------------------------------------------------------ XPath 2/3
def test_xpath3_rules_fire_exactly_where_the_document_breaks_them():
    code, data = run_json(FIX / "xpath3.xml", "--schema", "none", "--schematron", FIX / "xpath3.sch")
    assert code == 1
    got = sorted((i["rule"], i["line"]) for i in issues(data))
    doc = FIX / "xpath3.xml"
    assert got == sorted([
        ("date-before-limit", line_of(doc, "1946-01-02")),       # xs:date comparison with a pattern let
        ("date-span", line_of(doc, "autumn")),                   # xs:date - xs:date = duration
        ("idno-format", line_of(doc, "740.0011 EW")),            # matches()
        ("keywords-distinct", line_of(doc, "Quebec, Morgenthau")),  # tokenize(), distinct-values, index-of
        ("keywords-lowercase", line_of(doc, "Quebec, Morgenthau")),  # every ... satisfies
        ("keywords-count", line_of(doc, "Quebec, Morgenthau")),  # report, role info
        ("ref-target", line_of(doc, "#p9")),                     # xsl:key declared in the schema
    ])
    by_rule = {i["rule"]: i for i in issues(data)}
    assert by_rule["date-before-limit"]["message"] == "date 1946-01-02 is after 1945-12-31"
    assert by_rule["date-span"]["message"] == "span of 81 days is longer than 30"
    assert by_rule["keywords-lowercase"]["message"] == "keywords not in lower case: Quebec, Morgenthau, Quebec, Lend-Lease"
    assert by_rule["keywords-distinct"]["message"] == "repeated keywords: Quebec"
    assert by_rule["keywords-count"]["severity"] == "info" and by_rule["keywords-count"]["message"] == "4 keywords"
    assert by_rule["ref-target"]["message"] == "no element has xml:id 'p9'"
    # the map lookup and xsl:function agree (FDR), and the sequence arithmetic holds: no signer-* finding
    assert not any(r.startswith("signer") for r in by_rule)


def test_message_line_and_column_point_at_the_element():
    result = run(FIX / "xpath3.xml", "--schema", "none", "--schematron", FIX / "xpath3.sch")
    doc = FIX / "xpath3.xml"
    line = line_of(doc, "#p9")
    col = doc.read_text().splitlines()[line - 1].index('<ref target="#p9"') + 1
    assert f"{doc}:{line}:{col}: error [ref-target] no element has xml:id 'p9'" in result.output


def test_xsl_function_is_called_with_the_documents_value(tmp_path):
    doc = tmp_path / "signer.xml"
    doc.write_text((FIX / "xpath3.xml").read_text().replace("Franklin Delano Roosevelt", "Harry S Truman")
                   .replace("740.0011 EW", "740.00119/1"))
    bad = tmp_path / "bad.xml"
    bad.write_text(doc.read_text())
    sch = tmp_path / "x.sch"
    sch.write_text((FIX / "xpath3.sch").read_text().replace("'HST'", "'HT'"))
    _, data = run_json(bad, "--schema", "none", "--schematron", sch)
    signer = [i for i in issues(data) if i["rule"] == "signer-initials"]
    assert [i["message"] for i in signer] == ["initials HST"]


# ------------------------------------------------------------------ structure features
def test_default_phase_include_extends_and_abstract_pattern():
    # defaultPhase="structure": div-head (is-a an abstract pattern included by an extended file) and empty
    code, data = run_json(FIX / "structure.xml", "--schema", "none", "--schematron", FIX / "structure.sch")
    doc = FIX / "structure.xml"
    got = sorted((i["rule"], i["line"], i["message"]) for i in issues(data))
    assert got == sorted([
        ("required-child", line_of(doc, "<div><p>text<pb/>"), "a div needs tei:head"),
        ("empty-p", line_of(doc, "<p> </p>"), "empty paragraph"),
    ])
    assert code == 1


def test_phase_selects_patterns_with_its_own_let_abstract_rule_diagnostics_and_properties():
    code, data = run_json(FIX / "structure.xml", "--schema", "none", "--schematron", FIX / "structure.sch",
                          "--phase", "pages")
    doc = FIX / "structure.xml"
    found = {(i["rule"], i["line"]): i for i in issues(data)}
    assert set(found) == {("n-present", line_of(doc, "<pb/>")), ("pb-phase", line_of(doc, '<pb n="1"/>')),
                          ("pb-phase", line_of(doc, "<pb/>"))}
    missing = found[("n-present", line_of(doc, "<pb/>"))]
    assert missing["severity"] == "warning" and missing["message"] == "pb has no @n"
    assert missing["hint"] == "number pb 2 of 2"  # diagnostic with name and value-of, schema-level let
    assert found[("pb-phase", line_of(doc, "<pb/>"))]["message"] == "in phase pages"  # phase-level let
    assert code == 0  # only a warning and info reports: valid


def test_svrl_output_has_role_flag_diagnostics_and_properties():
    result = run(FIX / "structure.xml", "--schema", "none", "--schematron", FIX / "structure.sch",
                 "--phase", "pages", "--format", "svrl")
    root = etree.fromstring(result.output.encode())
    ns = {"svrl": SVRL}
    assert root.tag == f"{{{SVRL}}}schematron-output" and root.get("phase") == "pages"
    assert [a.get("id") for a in root.iterfind("svrl:active-pattern", ns)] == ["pages"]
    failed = root.findall("svrl:failed-assert", ns)
    assert len(failed) == 1
    fa = failed[0]
    assert (fa.get("id"), fa.get("role"), fa.get("flag"), fa.get("test")) == ("n-present", "warning", "pagination", "@n")
    assert fa.get("location") == (f"/Q{{{TEI_NS}}}TEI[1]/Q{{{TEI_NS}}}text[1]/Q{{{TEI_NS}}}body[1]/"
                                  f"Q{{{TEI_NS}}}div[2]/Q{{{TEI_NS}}}p[1]/Q{{{TEI_NS}}}pb[1]")
    assert " ".join(fa.find("svrl:diagnostic-reference", ns).itertext()).split() == ["number", "pb", "2", "of", "2"]
    prop = fa.find("svrl:property-reference", ns)
    assert (prop.get("property"), prop.get("role"), prop.text.strip()) == ("p-sev", "severity", "minor")
    assert len(root.findall("svrl:successful-report", ns)) == 2
    assert "urn:editio" not in result.output  # editio's bookkeeping attributes are not in the SVRL


def test_unknown_phase_is_exit_2():
    result = run(FIX / "structure.xml", "--schema", "none", "--schematron", FIX / "structure.sch", "--phase", "nope")
    assert result.exit_code == 2 and "no phase 'nope'" in result.output and "pages" in result.output


def test_variable_used_outside_its_phase_is_a_schema_error_with_file_and_line():
    # under #ALL the phase-level let of 'pages' is not declared: Saxon's error, mapped to the schema line
    result = run(FIX / "structure.xml", "--schema", "none", "--schematron", FIX / "structure.sch", "--phase", "#ALL")
    assert result.exit_code == 2
    line = line_of(FIX / "structure.sch", 'id="pb-phase"')
    assert f"{FIX / 'structure.sch'}:{line}" in result.output and "phase-pages" in result.output
    assert "Traceback" not in result.output


# ------------------------------------------------------------------ clashes
def _schema(tmp_path: Path, name: str, body: str, binding="xslt3", extra="") -> Path:
    path = tmp_path / name
    path.write_text(f'<?xml version="1.0"?>\n<schema xmlns="http://purl.oclc.org/dsdl/schematron" '
                    f'queryBinding="{binding}" {extra}>\n<ns prefix="tei" uri="{TEI_NS}"/>\n{body}\n</schema>\n')
    return path


def test_duplicate_global_variable_across_extended_files_is_exit_2_with_both_places(tmp_path):
    _schema(tmp_path, "a.sch", '<let name="ids" value="//@xml:id"/>')
    _schema(tmp_path, "b.sch", '\n\n<let name="ids" value="//tei:*/@xml:id"/>')
    main = _schema(tmp_path, "main.sch", '<extends href="a.sch"/><extends href="b.sch"/>')
    result = run(FIX / "structure.xml", "--schema", "none", "--schematron", main)
    assert result.exit_code == 2
    assert f"{tmp_path / 'b.sch'}:6:" in result.output and f"{tmp_path / 'a.sch'}:4" in result.output
    assert "$ids is declared twice" in result.output


def test_unknown_function_is_exit_2_at_the_assert(tmp_path):
    main = _schema(tmp_path, "f.sch", '<pattern><rule context="tei:p">\n\n<assert test="tei:nosuch(.)">x</assert>'
                   '</rule></pattern>')
    result = run(FIX / "structure.xml", "--schema", "none", "--schematron", main)
    assert result.exit_code == 2
    assert f"{main}:6" in result.output and "nosuch" in result.output and "Traceback" not in result.output


def test_xpath_syntax_error_is_exit_2(tmp_path):
    main = _schema(tmp_path, "s.sch", '<pattern><rule context="tei:p"><assert test="count((">x</assert></rule></pattern>')
    result = run(FIX / "structure.xml", "--schema", "none", "--schematron", main)
    assert result.exit_code == 2 and f"{main}:4" in result.output


def test_missing_extended_file_and_unknown_abstract_pattern_are_exit_2(tmp_path):
    main = _schema(tmp_path, "m.sch", '<extends href="lib/none.sch"/>')
    result = run(FIX / "structure.xml", "--schema", "none", "--schematron", main)
    assert result.exit_code == 2 and "file not found" in result.output and f"{main}:4" in result.output
    main = _schema(tmp_path, "p.sch", '<pattern is-a="ghost"/>')
    result = run(FIX / "structure.xml", "--schema", "none", "--schematron", main)
    assert result.exit_code == 2 and "no abstract pattern" in result.output


# ------------------------------------------------------------------ offline
def test_remote_documents_are_never_fetched_and_unevaluable_rules_are_reported(tmp_path):
    main = _schema(tmp_path, "net.sch", """
      <let name="remote" value="doc('https://example.org/ids.xml')//id"/>
      <pattern id="net">
        <rule context="tei:p">
          <assert id="offline-is-false" test="not(doc-available('https://example.org/ids.xml'))">fetched</assert>
          <assert id="remote-ids" test="@n = $remote">not a known id</assert>
          <assert id="local-ok" test="true()">never</assert>
        </rule>
      </pattern>""")
    code, data = run_json(FIX / "structure.xml", "--schema", "none", "--schematron", main)
    found = issues(data)
    assert [i["rule"] for i in found] == ["sch-offline"]
    offline = found[0]
    assert offline["severity"] == "warning" and "remote-ids" in offline["message"]
    assert "could not be evaluated offline on 3 node(s)" in offline["message"]
    assert "https://example.org/ids.xml" in offline["message"]
    assert code == 0


# ------------------------------------------------------------------ fragments, XSLT 1 binding
def test_schema_none_checks_a_fragment(tmp_path):
    frag = tmp_path / "closer.xml"
    frag.write_text(f'<closer xmlns="{TEI_NS}"><signed>Roosevelt</signed></closer>\n')
    main = _schema(tmp_path, "closer.sch", """<pattern><rule context="tei:signed">
        <assert id="signed-persname" test=".//tei:persName">Signature blocks should contain a persName</assert>
        </rule></pattern>""")
    code, data = run_json(frag, "--schema", "none", "--schematron", main)
    assert code == 1 and [(i["rule"], i["line"]) for i in issues(data)] == [("signed-persname", 1)]
    assert run(frag, "--schema", "none").exit_code == 2  # nothing to check


def test_xslt1_binding_has_the_same_features_on_libxslt(tmp_path):
    base = _schema(tmp_path, "base1.sch", '<let name="n" value="count(//tei:p)"/>'
                   '<pattern id="abs" abstract="true"><rule context="$el"><assert id="has-child" test="$kid">'
                   'needs child (<value-of select="$n"/> p)</assert></rule></pattern>', binding="xslt")
    main = _schema(tmp_path, "main1.sch", '<extends href="base1.sch"/>'
                   '<phase id="only"><active pattern="div-p"/></phase>'
                   '<pattern is-a="abs" id="div-p"><param name="el" value="tei:div"/><param name="kid" value="tei:head"/></pattern>'
                   '<pattern id="other"><rule context="tei:p"><report id="p-seen" test="true()">p</report></rule></pattern>',
                   binding="xslt")
    assert base.exists()
    _, data = run_json(FIX / "structure.xml", "--schema", "none", "--schematron", main, "--phase", "only")
    assert [(i["rule"], i["message"]) for i in issues(data)] == [("has-child", "needs child (3 p)")]
    _, data = run_json(FIX / "structure.xml", "--schema", "none", "--schematron", main)
    assert sorted({i["rule"] for i in issues(data)}) == ["has-child", "p-seen"]


# ------------------------------------------------------------------ speed features, exactly
def test_patterns_that_cannot_match_are_skipped(tmp_path):
    from editio.validation.schematron import compile_schema, context_needs
    from editio.validation.schematron_run import Runner
    assert context_needs("tei:p | tei:head") == {"p", "head"}
    assert context_needs("(tei:pb | tei:lb)[not(parent::tei:front)]") == {"pb", "lb"}
    assert context_needs("text()[not(parent::tei:catDesc)]") is None
    assert context_needs("@xml:id") == {"@id"}
    assert context_needs("id('persons')//tei:item/tei:hi[1]/tei:persName[1]") == {"persName"}
    comp = compile_schema(FIX / "xpath3.sch", cache=tmp_path)
    tree = etree.parse(str(FIX / "structure.xml"))
    skipped = {comp.patterns[i].id for i in Runner(comp).skipped(tree)}
    assert skipped == {"dates", "strings", "sequences"}
    # and skipping changes nothing: same findings with and without
    tree = etree.parse(str(FIX / "xpath3.xml"))
    lines = (FIX / "xpath3.xml").read_bytes().splitlines()
    fast = Runner(comp).issues(tree, str(FIX / "xpath3.xml"), lines)
    slow = Runner(compile_schema(FIX / "xpath3.sch", optimise=False), skip=False).issues(
        tree, str(FIX / "xpath3.xml"), lines)
    assert [(i.rule, i.line, i.message) for i in fast] == [(i.rule, i.line, i.message) for i in slow]


REGEXES = [r"\s$", r"[^\s]$", r"^\s", r"l\d|\dl", r"\w+", r"^\W", r"\S*[“‘] \S*", r"[a&&b]", r"a.b", r"^[^a]$",
           r"(\s+\.){3,}", r"[\d-]+", r"\p{P}", r"^\p{Lu}\p{Ll}+$", r"(ab)\1", r"^.*$", r"[\s\S]", r"x{2,3}"]
STRINGS = ["abc\n", "abc", " x", "l1", "٣l", "a\u2028b", "a\rb", "a&b", "a\u0085b", "—x", "“ quoted", "Ünïcode",
           "a . . . .", "1-2", "x\x0b", "ababab", "xxx", "Abc", "\u00a0"]


def test_regexes_rewritten_for_java_match_exactly_what_xpath_matches():
    from editio.validation.regex import to_java
    from editio.validation.schematron_run import _processor
    xp = _processor().new_xpath_processor()
    checked = 0
    for rx in REGEXES:
        java = to_java(rx)
        assert java is not None, rx
        for s in STRINGS:
            if "\x0b" in s:
                continue  # not an XML character
            lit = "codepoints-to-string((" + ",".join(str(ord(c)) for c in s) + "))"
            q = lambda t: "'" + t.replace("'", "''") + "'"  # noqa: E731
            ours = xp.evaluate_single(f"matches({lit}, {q(rx)})").boolean_value
            theirs = xp.evaluate_single(f"matches({lit}, {q(java)}, ';j')").boolean_value
            assert ours == theirs, (rx, java, s)
            checked += 1
    assert checked > 250
    for untranslatable in (r"[a-z-[aeiou]]", r"\i\c*", r"\p{IsBasicLatin}", r"(?i)x", r"[^\S]"):
        assert to_java(untranslatable) is None, untranslatable


def test_rewrite_touches_only_literal_regex_calls():
    from editio.validation.regex import rewrite
    assert rewrite("matches(., 'l\\d')") == "matches(.,'l\\p{Nd}',';j')"
    assert rewrite("matches(., $rx)") == "matches(., $rx)"
    assert rewrite("matches(., 'a', 'i')") == "matches(., 'a', 'i')"
    assert rewrite("replace(., 'a$', '$1')") == "replace(., 'a$', '$1')"  # no group 1: XPath '' , Java throws
    assert rewrite("replace(., '(a)b', '[$1]')") == "replace(.,'(a)b', '[$1]',';j')"
    assert rewrite("replace(., '(a)b', '$12')") == "replace(., '(a)b', '$12')"
    assert rewrite("replace(., 'a', '\\$')") == "replace(., 'a', '\\$')"
    assert rewrite("my:matches(., 'a')") == "my:matches(., 'a')"
    assert rewrite("'matches(., \"a\")'") == "'matches(., \"a\")'"


def test_parallel_run_with_saxon_workers_reports_the_same(tmp_path, monkeypatch):
    folder = tmp_path / "docs"
    folder.mkdir()
    for i in range(4):
        (folder / f"d{i}.xml").write_text((FIX / "xpath3.xml").read_text())
    args = (folder, "--schema", "none", "--schematron", FIX / "xpath3.sch")
    _, serial = run_json(*args, "--jobs", "1")
    monkeypatch.setattr(engine, "IN_PROCESS_BYTES", 0)
    _, parallel = run_json(*args, "--jobs", "2")
    assert serial == parallel and serial["summary"]["invalid"] == 4


def test_embedded_schematron_of_a_tei_generated_grammar(tmp_path):
    from editio.validation.schemas import find_tei_all
    tei_all = find_tei_all()
    if tei_all is None:
        pytest.skip("tei_all.rng is not set up (tools/test-deps.sh)")
    doc = tmp_path / "dates.xml"
    doc.write_text(f"""<TEI xmlns="{TEI_NS}"><teiHeader><fileDesc><titleStmt><title>t</title></titleStmt>
<publicationStmt><p>p</p></publicationStmt><sourceDesc><p>s</p></sourceDesc></fileDesc></teiHeader>
<text><body><p><date when="1944-09-11" from="1944-09-11">a date</date></p></body></text></TEI>
""")
    plain = run(doc, "--schema", "tei_all")
    assert plain.exit_code == 0, plain.output  # the grammar alone (as jing) accepts it
    result = run(doc, "--schema", "tei_all", "--embedded-schematron", "--format", "json")
    data = json.loads(result.output)
    found = issues(data)
    assert result.exit_code == 1, result.output
    assert [(i["line"], i["message"]) for i in found] == [
        (3, "The @when attribute cannot be used with any other att.datable.w3c attributes.")]
    assert found[0]["rule"].startswith("tei_all-att.datable.w3c")


def test_embedded_schematron_of_an_odd(tmp_path):
    odd = tmp_path / "mini.odd"
    odd.write_text(f"""<TEI xmlns="{TEI_NS}" xmlns:sch="http://purl.oclc.org/dsdl/schematron"><text><body>
<schemaSpec ident="mini" start="TEI">
  <elementSpec ident="signed" mode="change">
    <constraintSpec ident="signed-needs-name" scheme="schematron">
      <constraint><sch:assert test=".//tei:persName" id="signed-name">signed needs a persName</sch:assert></constraint>
    </constraintSpec>
  </elementSpec>
  <constraintSpec ident="p-rules" scheme="schematron">
    <constraint><sch:rule context="tei:p"><sch:report test="matches(., '\\s$')" id="p-trailing">trailing space</sch:report></sch:rule></constraint>
  </constraintSpec>
</schemaSpec></body></text></TEI>
""")
    frag = tmp_path / "f.xml"
    frag.write_text(f'<div xmlns="{TEI_NS}"><p>x </p><closer><signed>R</signed></closer></div>\n')
    code, data = run_json(frag, "--schema", odd, "--embedded-schematron")
    assert sorted(i["rule"] for i in issues(data)) == ["p-trailing", "signed-name"] and code == 1
    assert run(frag, "--schema", odd).exit_code == 2  # an ODD is not a grammar


def test_help_shows_the_new_options():
    out = CliRunner().invoke(app, ["validate", "--help"]).output
    for opt in ("--embedded-schematron", "--phase", "svrl", ".rnc"):
        assert opt in out, opt
    assert re.search(r"Example: editio validate --schema none", out)


def test_optimised_xslt1_compilation_of_editio_sch_reports_what_the_plain_one_does(tmp_path):
    """editio.sch (queryBinding xslt, libxslt): narrowing each pattern's traversal to the node kinds its
    rules can match changes no finding, on the fixture edition with faults put in."""
    import shutil
    from editio import resources
    from editio.validation.engine import _read
    from editio.validation.schematron import compile_schema
    from editio.validation.schematron_run import Runner
    edition = tmp_path / "edition"
    shutil.copytree(Path(__file__).parent / "fixtures" / "validation" / "edition", edition)
    doc = edition / "2000-01-01-sample.xml"
    text = doc.read_text()
    (edition / "broken.xml").write_text(text.replace('#harriman"', '#nobody"').replace("<head>", "<head>  ", 1)
                                        .replace('when="', 'when="19', 1))
    sch = resources.schema("editio.sch")
    fast, plain = Runner(compile_schema(sch)), Runner(compile_schema(sch, optimise=False), skip=False)
    assert fast.compiled.xslt != plain.compiled.xslt
    total = 0
    for path in sorted(edition.glob("*.xml")):
        _, tree, data = _read(str(path))
        lines = data.splitlines()
        a = [(i.rule, i.line, i.message) for i in fast.issues(tree, str(path), lines)]
        b = [(i.rule, i.line, i.message) for i in plain.issues(tree, str(path), lines)]
        assert a == b, path.name
        total += len(a)
    assert total >= 2


def test_dask_executor_reports_the_same(tmp_path):
    pytest.importorskip("distributed", reason="the dask extra (pip install 'editio[dask]')")
    folder = tmp_path / "docs"
    folder.mkdir()
    for i in range(3):
        (folder / f"d{i}.xml").write_text((FIX / "xpath3.xml").read_text())
    args = (folder, "--schema", "none", "--schematron", FIX / "xpath3.sch")
    _, local = run_json(*args, "--jobs", "1")
    _, dask = run_json(*args, "--jobs", "2", "--executor", "dask-local")
    assert local == dask and local["summary"]["invalid"] == 3
