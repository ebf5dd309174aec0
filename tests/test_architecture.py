"""The edition, the environment, the builders and the executor: what a user of the toolkit relies on."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from editio import builders
from editio.builders import Builder
from editio.cli import app
from editio.edition import edition_for, load_edition
from editio.environment import load_environment
from flagship import ROOT, converted_edition, copy_inputs

runner = CliRunner()
WEB_FIXTURE = ROOT / "tests" / "fixtures" / "web" / "tei"


def tree_bytes(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def copy_edition(tmp_path: Path) -> Path:
    """A copy of the converted flagship edition (TEI included) that a test may change."""
    target = tmp_path / "edition"
    shutil.copytree(converted_edition(), target)
    return target


def test_committed_tei_is_what_the_converter_writes_from_seeds():
    fresh = converted_edition() / "tei"
    committed = ROOT / "tei"
    names = sorted(p.name for p in fresh.glob("*.xml"))
    assert names == sorted(p.name for p in committed.glob("*.xml")) and len(names) == 5
    for name in names:
        assert (committed / name).read_bytes() == (fresh / name).read_bytes(), \
            f"tei/{name} differs from what `editio convert` writes: run `make convert`"


def test_a_builder_defined_outside_the_package_builds_through_the_public_interface(tmp_path):
    @builders.register("toy-json", priority=900)
    class ToyBuilder(Builder):
        """One JSON file per document."""

        def build(self) -> Path:
            for record in self.env.records():
                self.write_text(f"{record.id}.json", json.dumps({"title": record.title, "date": record.date.iso,
                                                                 "mentions": len(record.mentions)}))
            return self.out

    edition = edition_for(WEB_FIXTURE, out_dir=tmp_path / "build")
    context = builders.build(edition, ["toy-json"], jobs=1)
    out = context.outputs["toy-json"]
    assert out == tmp_path / "build" / "toy-json"
    files = sorted(p.stem for p in out.glob("*.json"))
    assert files == sorted(p.stem for p in WEB_FIXTURE.glob("*.xml"))
    stalin = json.loads((out / "1944-06-10-harriman-stalin.json").read_text())
    assert stalin["date"] == "1944-06-10" and stalin["mentions"] > 10
    assert "toy-json" in builders.available()


def test_convert_in_an_empty_folder_tags_nothing_from_the_flagship_and_says_why(tmp_path, monkeypatch):
    work = tmp_path / "elsewhere"
    work.mkdir()
    shutil.copy(ROOT / "seeds" / "000_5e144c30bd1a708a.txt", work / "memo.txt")
    monkeypatch.chdir(work)
    result = runner.invoke(app, ["convert", "memo.txt", "--out", "out"])
    assert result.exit_code == 0, result.output
    [written] = list((work / "out").glob("*.xml"))
    text = written.read_text(encoding="utf-8")
    assert "register/register.xml#" not in text and "#harriman" not in text
    assert "no register" in result.output and "names are not tagged" in result.output
    strict = runner.invoke(app, ["convert", "memo.txt", "--out", "out2", "--strict"])
    assert strict.exit_code == 1 and "no register" in strict.output


def test_the_edition_is_loaded_from_its_file_with_every_setting(tmp_path):
    ed = load_edition(ROOT / "edition.toml")
    assert ed.tei_dir == ROOT / "tei" and ed.registers == [ROOT / "tei" / "register" / "register.xml"]
    assert ed.names == ROOT / "editorial" / "names.toml"
    assert ed.introduction == ROOT / "editorial" / "introduction.xml"
    assert ed.site.title.startswith("The Soviet Entry") and len(ed.documents) == 5
    bare = load_edition(tmp_path)
    assert bare.config is None and bare.registers == [] and bare.names is None
    assert any(d.rule == "edition-register" for d in bare.warnings())


def test_a_register_named_in_edition_toml_is_used_by_build(tmp_path):
    edition = copy_edition(tmp_path)
    (edition / "tei" / "register").rename(edition / "people")
    toml = (edition / "edition.toml").read_text(encoding="utf-8")
    (edition / "edition.toml").write_text(toml.replace('register = "tei/register/register.xml"',
                                                       'register = "people/register.xml"'), encoding="utf-8")
    result = runner.invoke(app, ["build", "--edition", str(edition), "--web", "--jobs", "1", "--format", "json"])
    assert result.exit_code == 0, result.output
    site = edition / "build" / "web"
    assert (site / "register" / "stalin.html").is_file()
    assert "register/stalin.html" in (site / "documents" / "1944-06-10-harriman-stalin.html").read_text()
    assert [w for w in json.loads(result.stdout)["warnings"] if w["rule"].startswith("edition")] == []


def test_jobs_1_and_jobs_2_write_the_same_bytes(tmp_path):
    outs = {}
    for jobs in (1, 2):
        edition = copy_edition(tmp_path / f"j{jobs}")
        result = runner.invoke(app, ["build", "--edition", str(edition), "--web", "--jobs", str(jobs), "-q"])
        assert result.exit_code == 0, result.output
        outs[jobs] = tree_bytes(edition / "build" / "web")
    # Pagefind's own index names its files by hashes that vary from run to run (with --jobs 1 twice
    # too); everything editio writes is compared byte for byte, the index by what it holds.
    ours = {j: {k: v for k, v in o.items() if not k.startswith("pagefind/")} for j, o in outs.items()}
    assert ours[1].keys() == ours[2].keys() and len(ours[1]) > 40
    assert [k for k in ours[1] if ours[1][k] != ours[2][k]] == []
    fragments = {j: len([k for k in o if k.startswith("pagefind/fragment/")]) for j, o in outs.items()}
    assert fragments[1] == fragments[2] >= 5


def test_an_incremental_build_redoes_one_document_and_equals_a_fresh_build(tmp_path):
    edition = copy_edition(tmp_path / "inc")
    ed = load_edition(edition / "edition.toml")
    first = builders.build(ed, ["web"], jobs=1)
    assert len(first.env.changed) == 5
    doc = edition / "tei" / "1944-12-15-harriman-roosevelt.xml"
    doc.write_text(doc.read_text(encoding="utf-8").replace("railroad lines", "railway lines", 1), encoding="utf-8")
    before = tree_bytes(edition / "build" / "web")
    second = builders.build(load_edition(edition / "edition.toml"), ["web"], jobs=1)
    assert second.env.changed == {"1944-12-15-harriman-roosevelt"}
    after = tree_bytes(edition / "build" / "web")
    changed = {k for k in after if before.get(k) != after[k] and not k.startswith("pagefind/")}
    assert "documents/1944-12-15-harriman-roosevelt.html" in changed
    assert "documents/1944-06-10-harriman-stalin.html" not in changed
    assert "railway lines" in after["documents/1944-12-15-harriman-roosevelt.html"].decode()
    # the same as building the changed edition from nothing
    fresh = tmp_path / "fresh"
    shutil.copytree(edition, fresh, ignore=shutil.ignore_patterns("build"))
    builders.build(load_edition(fresh / "edition.toml"), ["web"], jobs=1)
    again = tree_bytes(fresh / "build" / "web")
    assert {k for k in again if again[k] != after.get(k) and not k.startswith("pagefind/")} == set()


def test_records_are_cached_by_input_hash(tmp_path):
    edition = copy_edition(tmp_path)
    ed = load_edition(edition / "edition.toml")
    env = load_environment(ed)
    assert len(env.changed) == 5
    assert load_environment(load_edition(edition / "edition.toml")).changed == set()
    register = edition / "tei" / "register" / "register.xml"
    register.write_text(register.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert len(load_environment(load_edition(edition / "edition.toml")).changed) == 5
    record = env.record("1944-12-15-harriman-roosevelt")
    assert record.date.when == "1944-12-15" and record.date_label == "15 December 1944 (inferred)"   # from the file number (cert="medium")
    assert {m.ref for m in record.mentions} >= {"stalin", "harriman"}
    assert all(m.anchor.startswith(record.xml_id + "-m") for m in record.mentions)


@pytest.mark.tex
@pytest.mark.skipif(not shutil.which("xelatex"), reason="needs xelatex (texlive-xetex, texlive-humanities)")
def test_the_site_links_the_pdf_of_the_same_build(tmp_path):
    edition = copy_edition(tmp_path)
    result = runner.invoke(app, ["build", "--edition", str(edition), "--jobs", "2", "-q"])
    assert result.exit_code == 0, result.output
    build = edition / "build"
    pdf, linked = build / "print" / "edition.pdf", build / "web" / "edition.pdf"
    assert linked.read_bytes() == pdf.read_bytes()
    page = (build / "web" / "documents" / "1944-06-10-harriman-stalin.html").read_text(encoding="utf-8")
    assert 'href="../edition.pdf"' in page


def test_make_edition_builds_print_before_web():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\nedition:", 1)[1].split("\n\n", 1)[0]
    assert "build" in recipe and recipe.index("validate") < recipe.index("build")
    assert "--web --out" not in makefile.split("\nbuild:", 1)[1].split("\n\n", 1)[0]


def test_a_malformed_register_value_is_one_line_naming_file_and_line(tmp_path):
    reg = tmp_path / "register.xml"
    reg.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><listPlace>\n'
                   '<place xml:id="x"><placeName type="main">X</placeName>\n'
                   '<location><geo>N48.4802</geo></location></place>\n'
                   '<place xml:id="y"><placeName type="main">Y</placeName>'
                   '<location><geo>43.1, 131.9</geo></location></place>'
                   '</listPlace></body></text></TEI>', encoding="utf-8")
    doc = tmp_path / "doc.xml"
    shutil.copy(ROOT / "tests" / "fixtures" / "tagging" / "undated-header.xml", doc)
    result = runner.invoke(app, ["tag", str(doc), "--register", str(reg)])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert f"{reg}:3:" in result.output and "N48.4802" in result.output
    assert result.output.strip().count("\n") == 0


def test_requires_python_is_what_the_code_needs():
    import tomllib
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert meta["project"]["requires-python"] == ">=3.11"      # tomllib is 3.11


def test_build_reports_warnings_in_json_and_strict_fails(tmp_path):
    tei = tmp_path / "tei"
    tei.mkdir()
    shutil.copy(WEB_FIXTURE / "1944-06-10-harriman-stalin.xml", tei)
    result = runner.invoke(app, ["build", str(tei), "--web", "--out", str(tmp_path / "out"), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert any(w["rule"] == "edition-register" for w in data["warnings"])
    strict = runner.invoke(app, ["build", str(tei), "--web", "--out", str(tmp_path / "out"), "--strict", "-q"])
    assert strict.exit_code == 1 and "edition-register" in strict.output


def test_every_command_has_help_with_an_example():
    for command in ("convert", "tag", "entities", "collate", "suspects", "validate", "build"):
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0 and "Example" in result.output, command


def test_an_unknown_executor_is_refused_in_one_line(tmp_path):
    result = runner.invoke(app, ["build", str(WEB_FIXTURE), "--web", "--out", str(tmp_path), "--executor", "bogus"])
    assert result.exit_code == 2 and "unknown executor" in result.output and "Traceback" not in result.output
    assert "dask-local" in result.output                      # the hint names what there is


__all__ = ["os", "copy_inputs"]


def test_a_conjectured_date_keeps_its_uncertainty():
    """`<date evidence="conjecture" notBefore=… notAfter=…>` (a letter dated by its editors): before, the
    label said "between 16 April 1913 and 20 April 1913", as if the letter said so."""
    from lxml import etree
    from editio.records import document_date
    tei = ('<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><profileDesc><correspDesc>'
           '<correspAction type="sent"><date {}>[16. 4. 1913 – 20. 4. 1913?]</date></correspAction>'
           '</correspDesc></profileDesc></teiHeader></TEI>')
    span = 'notBefore="1913-04-16" notAfter="1913-04-20"'
    label = lambda attrs: document_date(etree.fromstring(tei.format(attrs))).label  # noqa: E731
    assert label(f'evidence="conjecture" {span}') == "between 16 April 1913 and 20 April 1913 (conjectured)"
    assert label(span) == "between 16 April 1913 and 20 April 1913"
    assert label(f'evidence="internal" {span}') == "between 16 April 1913 and 20 April 1913"
    assert label(f'evidence="conjecture" cert="low" {span}').endswith("(inferred)")


def test_a_header_that_names_no_language_takes_the_texts_own(tmp_path):
    """Chekhov's Медведь (RusDraCor) says xml:lang="ru" on its root and names no language in its header:
    its page showed none."""
    from lxml import etree
    from editio.records import record_of
    head = ('<teiHeader><fileDesc><titleStmt><title>t</title></titleStmt><publicationStmt><p>p</p>'
            '</publicationStmt><sourceDesc><p>s</p></sourceDesc></fileDesc>{}</teiHeader>')
    tei = '<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="d" {}>{}<text {}><body><p>x</p></body></text></TEI>'
    language = lambda *parts: record_of(etree.fromstring(tei.format(*parts)), tmp_path / "d.xml").language  # noqa: E731
    assert language('xml:lang="ru"', head.format(""), "") == "ru"
    assert language('xml:lang="ru"', head.format(""), 'xml:lang="la"') == "la"
    assert language('xml:lang="ru"', head.format('<profileDesc><langUsage><language ident="ru">Russian</language>'
                                                 '</langUsage></profileDesc>'), "") == "Russian"
    assert language("", head.format(""), "") == ""
