"""A document's text for the web: the XSLT output and each witness's reading (mentions come from its record)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from .. import TEI_NS, stylesheets
from ..errors import EditioError
from ..xmlio import parse

DOCUMENT_XSL = "web/document.xsl"
PLAIN_XSL = "web/plaintext.xsl"
FRONT_XSL = "web/front.xsl"


@dataclass
class Rendered:
    html: str
    synoptic: list[list[str]] = field(default_factory=list)   # rows of cells, one per witness
    plain: dict[str, str] = field(default_factory=dict)        # siglum ('' = single text) -> text
    fulltext: str = ""                                         # every witness's words, for search


def _classes(el) -> set[str]:
    return set((el.get("class") or "").split())


def _fulltext(el) -> str:
    bits: list[str] = []

    def walk(node):
        if _classes(node) & {"app-panel", "app-marker", "visually-hidden"}:
            return
        bits.append(node.text or "")
        for child in node:
            walk(child)
            bits.append(child.tail or "")
        bits.append(" " if node.tag in {"p", "div", "li", "h2", "span"} and "rdg" in _classes(node) else "")

    walk(el)
    return " ".join("".join(bits).split())


def render_front(front: Path | None, register_uri: str) -> str:
    """The front matter's divs as HTML sections (xslt/web/front.xsl); "" when there are none."""
    if front is None:
        return ""
    tree = parse(front)
    if tree.getroot().tag != f"{{{TEI_NS}}}TEI":
        raise EditioError("front matter is not a TEI document", path=str(front), line=tree.getroot().sourceline)
    root = stylesheets.apply(FRONT_XSL, tree, register=register_uri).getroot()
    if root is None or not len(root):
        return ""
    return etree.tostring(root, encoding="unicode", method="html")


def render(path: Path, witnesses: list[tuple[str, str]], register_uri: str, xslt: str | None = None) -> Rendered:
    """One document's page text: the reading view, one synoptic column and one plain text per witness.

    witnesses: (xml:id, siglum) of each witness in the listWit; xslt: a user stylesheet that imports
    editio's document.xsl (default: editio's own)."""
    tree = parse(path)
    sheet = xslt or DOCUMENT_XSL
    result = stylesheets.apply(sheet, tree, register=register_uri)
    root = result.getroot()
    rendered = Rendered(etree.tostring(root, encoding="unicode", method="html"), fulltext=_fulltext(root[0]))
    if len(witnesses) > 1:
        columns = []
        for wit_id, _ in witnesses:
            view = stylesheets.apply(sheet, tree, register=register_uri, wit=wit_id).getroot()
            text_div = view[0]
            cells = {int(b.get("data-block")): etree.tostring(b, encoding="unicode", method="html", with_tail=False)
                     for b in text_div if b.get("data-block")}
            columns.append(cells)
        keys = sorted(set().union(*columns))
        rendered.synoptic = [[col.get(k, "") for col in columns] for k in keys]
        for wit_id, siglum in witnesses:
            rendered.plain[siglum] = str(stylesheets.apply(PLAIN_XSL, tree, **{"plain-wit": wit_id}))
    else:
        rendered.plain[""] = str(stylesheets.apply(PLAIN_XSL, tree))
    return rendered
