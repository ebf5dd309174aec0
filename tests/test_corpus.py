"""teiCorpus and XInclude: local files inside the edition's folder only, never the network."""

from __future__ import annotations

import shutil
from pathlib import Path


from editio import builders
from editio.edition import load_edition
from editio.environment import load_environment
from flagship import ROOT

FOREIGN = ROOT / "tests" / "fixtures" / "foreign"
TEI = "http://www.tei-c.org/ns/1.0"
XI = "http://www.w3.org/2001/XInclude"


def doc(title: str, body: str = "<p>x</p>", xml_id: str = "") -> str:
    ident = f' xml:id="{xml_id}"' if xml_id else ""
    return (f'<TEI xmlns="{TEI}" xmlns:xi="{XI}"{ident}><teiHeader><fileDesc><titleStmt><title>{title}</title>'
            f'</titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc>'
            f'</teiHeader><text><body>{body}</body></text></TEI>')


def test_a_corpus_holds_inline_and_included_documents(tmp_path):
    (tmp_path / "tei").mkdir()
    (tmp_path / "parts").mkdir()
    (tmp_path / "parts" / "second.xml").write_text(doc("Second", "<p>from an included file</p>"), encoding="utf-8")
    (tmp_path / "parts" / "boilerplate.xml").write_text(f'<p xmlns="{TEI}">shared boilerplate</p>', encoding="utf-8")
    (tmp_path / "tei" / "corpus.xml").write_text(
        f'<teiCorpus xmlns="{TEI}" xmlns:xi="{XI}"><teiHeader><fileDesc><titleStmt><title>C</title></titleStmt>'
        f'<publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc></teiHeader>'
        + doc("First", '<p>own text</p><xi:include href="../parts/boilerplate.xml"/>', "first")
        + '<xi:include href="../parts/second.xml"/>'
        + '<xi:include href="../parts/absent.xml"/>'
        + '<xi:include href="/etc/passwd" parse="text"/>'
        + '<xi:include href="http://example.org/x.xml"/></teiCorpus>', encoding="utf-8")
    edition = load_edition(tmp_path)
    env = load_environment(edition)
    assert sorted(env.ids) == ["first", "second"]
    first = env.record("first")
    assert "shared boilerplate" in Path(first.path).read_text(encoding="utf-8")
    messages = [d.message for d in env.reporter if d.rule == "xinclude"]
    assert any("absent.xml is missing" in m for m in messages)
    assert any("/etc/passwd refused" in m and "leaves the edition's folder" in m for m in messages)
    assert any("http://example.org/x.xml refused" in m and "network" in m for m in messages)
    context = builders.build(edition, ["web"], jobs=1)
    page = (context.outputs["web"] / "documents" / "first.html").read_text(encoding="utf-8")
    assert "shared boilerplate" in page and "root:" not in page
    assert (context.outputs["web"] / "documents" / "second.html").is_file()
    # an edit to an included file redoes the documents that include it, and only those
    (tmp_path / "parts" / "boilerplate.xml").write_text(f'<p xmlns="{TEI}">new boilerplate</p>', encoding="utf-8")
    again = load_environment(load_edition(tmp_path))
    assert {"first"} <= again.changed
    assert "new boilerplate" in Path(again.record("first").path).read_text(encoding="utf-8")


def test_a_file_that_is_not_tei_is_left_out_with_a_warning(tmp_path):
    (tmp_path / "a.xml").write_text(doc("A"), encoding="utf-8")
    (tmp_path / "taxonomy.xml").write_text(f'<classDecl xmlns="{TEI}"/>', encoding="utf-8")
    env = load_environment(load_edition(tmp_path))
    assert env.ids == ["a"]
    assert any(d.rule == "not-tei" and d.file.endswith("taxonomy.xml") for d in env.reporter)


def test_the_sistory_corpus_builds_from_its_one_shipped_member(tmp_path):
    shutil.copytree(FOREIGN / "sistory-sejni-zapiski", tmp_path / "sistory")
    edition = load_edition(tmp_path / "sistory")
    context = builders.build(edition, ["web"], jobs=1)
    assert context.env.ids == ["skupna_zasedanja_25.11.1986-22.04.1987-16365"]
    missing = [d for d in context.reporter if d.rule == "xinclude" and "is missing" in d.message]
    assert len(missing) == 24
    record = context.env.record(context.env.ids[0])
    assert "taxonomy" in Path(record.path).read_text(encoding="utf-8")      # its own include resolved
    assert (context.outputs["web"] / "documents" / f"{record.id}.html").is_file()
