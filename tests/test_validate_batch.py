"""XSLT 1.0 Schematron on a block of documents in one libxslt transform (schematron_batch.py):
the same findings, rule ids, messages, lines and columns as one transform per document."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from lxml import etree

from editio import resources
from editio.validation import schematron_run
from editio.validation.engine import Options, _read, validate
from editio.validation.mutants import mutate_edition
from editio.validation.schematron import compile_schema
from editio.validation.schematron_batch import batch_stylesheet, candidates, requires, select_for
from editio.validation.schematron_run import Runner
from editio.validation.schemas import resolve

FIX = Path(__file__).parent / "fixtures" / "validation" / "edition"
TEI_DIR = resources._CHECKOUT / "tei"
RNG = resources.schema("editio.rng")
SCH = resources.schema("editio.sch")


@pytest.fixture(autouse=True)
def _private_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("EDITIO_CACHE_DIR", str(tmp_path / "cache"))


@pytest.fixture(scope="module")
def faulty_edition(tmp_path_factory):
    """The fixture edition and the flagship documents, with hundreds of faults put in (one a file)."""
    folder = tmp_path_factory.mktemp("batch") / "edition"
    shutil.copytree(FIX, folder)
    sources = sorted(folder.glob("*.xml"))
    if TEI_DIR.is_dir():
        for doc in sorted(TEI_DIR.glob("*.xml")):
            shutil.copy(doc, folder / doc.name)
            sources.append(folder / doc.name)
        shutil.copy(TEI_DIR / "register" / "register.xml", folder / "register" / "register-tei.xml")
    paths = list(sources)
    for m in mutate_edition(folder, RNG, 4, sources=sources):
        if m.kind != "malformed":
            (folder / m.name).write_bytes(m.data)
            paths.append(folder / m.name)
    return paths


def _issues(runner, tree, path, lines, svrl=None):
    return [(i.rule, i.line, i.column, i.severity, i.message, i.hint, i.key, i.location)
            for i in runner.issues(tree, path, lines, svrl)]


def test_a_block_in_one_transform_gives_each_document_its_own_findings(faulty_edition):
    runner = Runner(compile_schema(SCH))
    items = [_read(str(p)) for p in faulty_edition]
    assert all(tree is not None for _, tree, _ in items)
    findings = 0
    for start in range(0, len(items), 7):
        block = items[start:start + 7]
        batch = runner.batch_svrl([t for _, t, _ in block], [r.file for r, _, _ in block], [d for _, _, d in block])
        assert batch is not None and len(batch) == len(block)
        for (result, tree, data), svrl in zip(block, batch):
            lines = data.splitlines()
            alone = _issues(runner, tree, result.file, lines)
            together = _issues(runner, tree, result.file, lines, svrl)
            assert together == alone, result.file
            findings += len(alone)
    assert findings > 100  # the mutants' faults are found, not silently dropped


def test_dangling_register_pointer_in_a_block_is_reported_with_file_and_line(tmp_path, monkeypatch):
    edition = tmp_path / "edition"
    shutil.copytree(FIX, edition)
    doc = edition / "2000-01-01-sample.xml"
    text = doc.read_text()
    line = next(i for i, ln in enumerate(text.splitlines(), 1) if "#harriman\">Ambassador" in ln)
    doc.write_text(text.replace("#harriman\">Ambassador", "#nobody\">Ambassador"))
    for k in range(3):  # a block of several files, so the batch transform is the one that runs
        shutil.copy(edition / "2000-01-02-reply.xml", edition / f"2000-01-0{3 + k}-copy.xml")
    used = []
    original = schematron_run.Runner.batch_svrl

    def spy(self, trees, paths, datas):
        out = original(self, trees, paths, datas)
        used.append(out is not None)
        return out

    monkeypatch.setattr(schematron_run.Runner, "batch_svrl", spy)
    report = validate([edition], Options(resolve("editio"), edition_rules=True), jobs=1)
    assert used == [True]
    bad = [i for r in report.results for i in r.issues if i.severity == "error"]
    ptr = [i for i in bad if i.rule == "ptr-register"]
    assert len(ptr) == 1 and ptr[0].file == str(doc) and ptr[0].line == line
    assert "'register/register.xml#nobody'" in ptr[0].message
    assert ptr[0].column > 1  # the column of the element's start tag, not a default
    alone = Runner(compile_schema(SCH))
    result, tree, data = _read(str(doc))
    assert sorted((i.rule, i.line, i.column, i.message) for i in alone.issues(tree, str(doc), data.splitlines())) \
        == sorted((i.rule, i.line, i.column, i.message) for i in report.results[0].issues if not i.rule.startswith("id-"))


def test_whole_run_equals_one_transform_per_document(faulty_edition, monkeypatch):
    files = faulty_edition[:60]
    together = validate(files, Options(resolve("editio"), edition_rules=True), jobs=1)
    monkeypatch.setattr(schematron_run.Runner, "batch_svrl", lambda self, *a: None)
    alone = validate(files, Options(resolve("editio"), edition_rules=True), jobs=1)
    assert [[i.text() for i in r.issues] for r in together.results] == [[i.text() for i in r.issues] for r in alone.results]
    assert sum(not r.valid for r in together.results) >= 40


SCHEMA = """<sch:schema xmlns:sch="http://purl.oclc.org/dsdl/schematron" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  queryBinding="xslt">{top}
  <sch:let name="n" value="count(//item)"/>
  <sch:pattern id="p">
    <sch:rule context="item[@ref]">
      <sch:assert id="ref-known" test="document(@ref, /)/*">'<sch:value-of select="@ref"/>' of <sch:value-of select="$n"/> items</sch:assert>
    </sch:rule>
    <sch:rule context="item">
      <sch:report id="plain" test="true()">item <sch:value-of select="count(preceding-sibling::*) + 1"/></sch:report>
    </sch:rule>
  </sch:pattern>
</sch:schema>"""


def _small(tmp_path, top="", refs=("here.xml", "gone.xml")):
    sch = tmp_path / "s.sch"
    sch.write_text(SCHEMA.format(top=top))
    (tmp_path / "here.xml").write_text("<x/>")
    docs = []
    for k, ref in enumerate(refs):
        doc = tmp_path / f"d{k}.xml"
        doc.write_text(f'<list>\n  <item ref="{ref}"/>\n  <item/>\n  <item/>\n</list>\n')
        docs.append(doc)
    return sch, docs


def test_the_schemas_own_variables_and_templates_keep_one_transform_per_document(tmp_path):
    sch, _ = _small(tmp_path)
    assert batch_stylesheet(compile_schema(sch)) is not None
    for top in ('<xsl:variable name="v" select="1"/>', '<xsl:template name="t"><x/></xsl:template>',
                '<xsl:param name="p"/>'):
        sch, _ = _small(tmp_path, top)
        assert batch_stylesheet(compile_schema(sch)) is None, top


def test_position_in_a_rule_keeps_one_transform_per_document(tmp_path):
    """position() counts among the node's siblings in the recursive traversal, in the visited
    node-set in a batch: a rule that uses it runs alone, with its old message."""
    sch, docs = _small(tmp_path)
    sch.write_text(sch.read_text().replace("count(preceding-sibling::*) + 1", "position()"))
    assert batch_stylesheet(compile_schema(sch)) is None
    sch.write_text(sch.read_text().replace("position()", "count(document('')//*)"))
    assert batch_stylesheet(compile_schema(sch)) is None  # document(''): the stylesheet itself
    sch.write_text(sch.read_text().replace("count(document('')//*)", "position()"))
    report = validate(docs, Options(resolve("none", str(sch))), jobs=1)
    assert [i.message for i in report.results[0].issues if i.rule == "plain"] == ["item 2", "item 3"]


def test_a_run_time_error_in_a_block_gives_the_same_results_as_single_runs(tmp_path, monkeypatch):
    """A remote document() stops libxslt: the block runs again one file at a time, with the same
    findings for the others and the same 'could not run' for that one."""
    sch, docs = _small(tmp_path, refs=("here.xml", "gone.xml", "http://example.org/remote.xml", "here.xml"))
    runner = Runner(compile_schema(sch))
    items = [_read(str(p)) for p in docs]
    assert runner.batch_svrl([t for _, t, _ in items], [r.file for r, _, _ in items], [d for _, _, d in items]) is None
    assert runner.batch_svrl([t for _, t, _ in items[:2]], [r.file for r, _, _ in items[:2]],
                             [d for _, _, d in items[:2]]) is not None
    together = validate(docs, Options(resolve("none", str(sch))), jobs=1)
    monkeypatch.setattr(schematron_run.Runner, "batch_svrl", lambda self, *a: None)
    alone = validate(docs, Options(resolve("none", str(sch))), jobs=1)
    assert [[i.text() for i in r.issues] for r in together.results] == [[i.text() for i in r.issues] for r in alone.results]
    assert [i.rule for i in together.results[2].issues] == ["sch-error"]
    assert [i.rule for i in together.results[0].issues] == ["plain", "plain"]
    assert [(i.rule, i.line) for i in together.results[3].issues] == [("plain", 3), ("plain", 4)]


def test_candidates_hold_every_node_a_rule_context_matches(faulty_edition):
    """The node-set each pattern visits holds every node one of its rule contexts matches."""
    compiled = compile_schema(SCH)
    xsl = etree.fromstring(compiled.xslt)
    ns = {"tei": "http://www.tei-c.org/ns/1.0"}
    X = "{http://www.w3.org/1999/XSL/Transform}"
    modes = {}
    for t in xsl.iterchildren(X + "template"):
        if re.fullmatch(r"p\d+", t.get("mode") or "") and t.get("priority") != "-1000":
            modes.setdefault(t.get("mode"), []).append(t.get("match"))
    assert modes
    for path in faulty_edition[::9]:
        tree = _read(str(path))[1]
        for mode, matches in modes.items():
            selected = {tree.getpath(n) for n in tree.xpath(select_for(matches), namespaces=ns)}
            for match in matches:
                exact = " | ".join(a if a.startswith("/") else "//" + a for a in re.split(r"\s*\|\s*(?![^\[]*\])", match))
                for node in tree.xpath(exact, namespaces=ns):
                    assert tree.getpath(node) in selected, (path.name, match)


def test_requires_is_a_necessary_condition_only():
    assert requires("@ref") == ["@ref"]
    assert requires("(@a or @b) and (@c or @d or @e)") == ["@a", "@b"]
    assert requires("starts-with(@ref, 'x#') and not(@wit)") == ["@ref"]
    assert requires("@type = 'main' or @n") == ["@type", "@n"]
    assert requires("not(@a)") is None
    assert requires("@a or not(@b)") is None
    assert requires("starts-with(@ref, '')") is None  # true-ish for no literal: not a condition
    assert requires("@a != 'x' or count(*) > 1") is None
    assert candidates("tei:rdg | tei:lem") == [("//tei:rdg", None), ("//tei:lem", None)]
    assert candidates("a/b") is None
    assert candidates("tei:div[@a]/tei:p[@b]") is None  # the p, not the div: any node, as the walk
    assert candidates("/a[x]/b[y]") is None
    assert candidates("text()") is None and candidates("@ref") is None and candidates("//x") is None
    assert candidates("/tei:TEI[tei:text/tei:body/tei:div]") == [("/tei:TEI", None)]
    assert candidates("tei:p[1]") == [("//tei:p", None)]
    assert requires("@order") == ["@order"] and requires("@a-or-b = 'x'") == ["@a-or-b"]
    assert select_for(["tei:*[@a]", "tei:*[@b or @c]", "tei:app"]) == "//tei:*[@a or @b or @c] | //tei:app"
    assert select_for(["tei:*[@a]", "tei:*"]) == "//tei:*"


def _block_and_alone(edition: Path):
    """Check the edition's files in one block and each alone: the findings must be the same.
    Yields (runner, tree, result, lines, the block's SVRL) per file for further checks."""
    runner = Runner(compile_schema(SCH))
    items = [_read(str(p)) for p in sorted(edition.glob("*.xml"))]
    batch = runner.batch_svrl([t for _, t, _ in items], [r.file for r, _, _ in items], [d for _, _, d in items])
    assert batch is not None
    for (result, tree, data), svrl in zip(items, batch):
        lines = data.splitlines()
        assert _issues(runner, tree, result.file, lines, svrl) == _issues(runner, tree, result.file, lines)
        yield runner, tree, result, lines, svrl


def test_a_folder_name_with_a_space_and_an_accent_finds_its_register(tmp_path):
    """The batch names documents by file URI (%-escaped): the register beside them is still found,
    so its pointers are not reported as dangling."""
    edition = tmp_path / "my edition" / "é"
    shutil.copytree(FIX, edition)
    for runner, tree, result, lines, svrl in _block_and_alone(edition):
        assert not any(i.rule == "ptr-register" for i in runner.issues(tree, result.file, lines, svrl))


def test_a_linked_document_reads_the_register_beside_its_link(tmp_path):
    """As when it runs alone: relative document() URIs resolve beside the file's name, not its target."""
    edition = tmp_path / "edition"
    shutil.copytree(FIX, edition)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.move(str(edition / "2000-01-02-reply.xml"), elsewhere / "reply.xml")
    (edition / "2000-01-02-reply.xml").symlink_to(elsewhere / "reply.xml")
    assert list(_block_and_alone(edition))


def test_patterns_skipped_for_a_document_are_skipped_for_it_in_a_block(tmp_path):
    """A pattern none of whose contexts can match a document (no element of the names it needs) is
    not run on it: in a block, per document, as alone."""
    sch, docs = _small(tmp_path)
    other = tmp_path / "other.xml"
    other.write_text("<list>\n  <entry/>\n</list>\n")
    runner = Runner(compile_schema(sch))
    items = [_read(str(p)) for p in (docs[0], other, docs[1])]
    assert [runner.skipped(t) for _, t, _ in items] == [[], [0], []]
    batch = runner.batch_svrl([t for _, t, _ in items], [r.file for r, _, _ in items], [d for _, _, d in items])
    assert batch is not None
    svrl = "{http://purl.oclc.org/dsdl/svrl}"
    assert [len(report.findall(svrl + "active-pattern")) for report in batch] == [1, 0, 1]
    for (result, tree, data), out in zip(items, batch):
        lines = data.splitlines()
        assert _issues(runner, tree, result.file, lines, out) == _issues(runner, tree, result.file, lines)
