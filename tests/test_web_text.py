"""web.text.render gives document.xsl the register only for a document that points into it (a
name's @ref): parsing the register again for each of 700 documents that name nobody was a third of
their transform.  These tests hold the stylesheets to the premise: without such a pointer, the
register changes nothing on the page."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from lxml import etree

from editio import TEI_NS, stylesheets
from editio.web.text import register_for, render
from editio.xmlio import parse

ROOT = Path(__file__).resolve().parents[1]
REGISTER = (ROOT / "tei" / "register" / "register.xml").resolve()
NAMES = [f"{{{TEI_NS}}}{n}" for n in ("persName", "placeName", "orgName", "geogName", "rs")]


def _documents() -> list[Path]:
    files = sorted((ROOT / "tei").glob("*.xml"))
    for folder in ("web", "layers", "foreign", "print", "api"):
        files += sorted((ROOT / "tests" / "fixtures" / folder).rglob("*.xml"))
    out = []
    for path in files:
        try:
            if parse(path).getroot().tag == f"{{{TEI_NS}}}TEI":
                out.append(path)
        except Exception:
            continue
    return out


DOCUMENTS = _documents()


def _page(tree, register: str, **params) -> bytes:
    return etree.tostring(stylesheets.apply("web/document.xsl", tree, register=register, **params))


def _without_refs(tree):
    tree = copy.deepcopy(tree)
    for el in tree.getroot().iter(*NAMES):
        el.attrib.pop("ref", None)
    return tree


def test_there_are_documents_with_names_to_check():
    named = [p for p in DOCUMENTS if any(True for _ in parse(p).getroot().iter(*NAMES))]
    assert len(named) >= 8


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: str(p.relative_to(ROOT)))
def test_a_document_without_pointers_renders_the_same_without_the_register(path):
    tree = _without_refs(parse(path))
    assert register_for(tree, REGISTER.as_uri()) == ""
    params = {"doc-stem": path.stem}
    assert _page(tree, REGISTER.as_uri(), **params) == _page(tree, "", **params)
    for wit in tree.getroot().iter(f"{{{TEI_NS}}}witness"):     # each witness's view too
        wit_id = wit.get("{http://www.w3.org/XML/1998/namespace}id")
        if wit_id:
            assert _page(tree, REGISTER.as_uri(), wit=wit_id) == _page(tree, "", wit=wit_id)


def test_a_document_that_names_an_entry_gets_the_register():
    path = ROOT / "tei" / "1944-06-10-harriman-stalin.xml"
    tree = parse(path)
    assert register_for(tree, REGISTER.as_uri()) == REGISTER.as_uri()
    # and it matters there: the names link to their register pages
    assert _page(tree, REGISTER.as_uri()) != _page(tree, "")
    assert b'href="../register/stalin.html"' in _page(tree, REGISTER.as_uri())


def test_a_user_stylesheet_always_gets_the_register(tmp_path):
    tree = _without_refs(parse(ROOT / "tei" / "1944-06-10-harriman-stalin.xml"))
    assert register_for(tree, REGISTER.as_uri(), xslt=str(tmp_path / "mine.xsl")) == REGISTER.as_uri()
    assert register_for(tree, "") == ""


def test_render_of_a_document_without_pointers(tmp_path):
    source = tmp_path / "plain.xml"
    source.write_bytes(etree.tostring(_without_refs(parse(ROOT / "tei" / "1944-06-10-harriman-stalin.xml"))))
    page = render(source, [], REGISTER.as_uri())
    assert "Stalin" in page.fulltext and 'class="ent ent-person' in page.html
    assert 'href="../register/' not in page.html          # no pointer: no link to a register page
