"""A document's text for the web: the XSLT output, each witness's reading, mentions and dated events."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from .. import TEI_NS, stylesheets
from ..errors import EditioError
from ..xmlio import parse
from .documents import Document

DOCUMENT_XSL = "web/document.xsl"
PLAIN_XSL = "web/plaintext.xsl"
FRONT_XSL = "web/front.xsl"
# What a reader of the current witness does not see, left out of a mention's context
HIDDEN = {"app-panel", "app-marker", "dipl", "sic-mark", "visually-hidden", "note-label", "noteref"}


@dataclass
class Mention:
    anchor: str          # id of the mention in the document page
    ref: str             # register id ("" for dates)
    kind: str            # person | place | org | date
    label: str           # the words of the text
    before: str = ""     # context
    after: str = ""
    when: str = ""       # for dates: ISO value
    witness: str = ""    # sigla, when the mention is in one witness's reading only
    when_label: str = "" # for dates: what the date stands for ("between 1 and 29 February 1944")


@dataclass
class Rendered:
    html: str
    synoptic: list[list[str]] = field(default_factory=list)   # rows of cells, one per witness
    mentions: list[Mention] = field(default_factory=list)
    plain: dict[str, str] = field(default_factory=dict)        # siglum ('' = single text) -> text
    fulltext: str = ""                                         # every witness's words, for search


def _classes(el) -> set[str]:
    return set((el.get("class") or "").split())


BREAKS = {"div", "p", "li", "h2", "br", "section", "ul", "ol"}
BLOCK_CLASSES = {"note-block", "fw", "list-head"}


def _is_block(el) -> bool:
    return el.tag in BREAKS or bool(_classes(el) & BLOCK_CLASSES)


def _visible_text(block, target):
    """(before, label, after) of target inside block, as the current witness's reader sees it.

    before keeps a trailing space and after a leading one where the text has them, so that the
    context reads "the <Ambassador>, Mr." and not "the <Ambassador> , Mr."."""
    parts: list[list[str]] = [[], [], []]
    where = 0
    ancestors = set(target.iterancestors())

    def walk(el):
        nonlocal where
        cls = _classes(el)
        if cls & HIDDEN or ("rdg" in cls and "rdg-current" not in cls and el not in ancestors):
            return
        if el is target:
            where = 1
        if _is_block(el):
            parts[where].append(" ")
        if el.text:
            parts[where].append(el.text)
        for child in el:
            walk(child)
            if child.tail:
                parts[where].append(child.tail)
        if _is_block(el):
            parts[where].append(" ")
        if el is target:
            where = 2

    walk(block)
    raw = ["".join(p) for p in parts]
    before, label, after = (" ".join(r.split()) for r in raw)
    if before and raw[0][-1:].isspace():
        before += " "
    if after and raw[2][:1].isspace():
        after = " " + after
    if len(before) > 90:
        before = before[-90:].split(" ", 1)[-1] if " " in before[-90:] else before[-90:]
    if len(after) > 90:
        after = after[:90].rsplit(" ", 1)[0] if " " in after[:90] else after[:90]
    return before, label, after


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


def _mentions(tree) -> list[Mention]:
    out = []
    blocks = {"p", "li", "div", "h2", "section"}
    for el in tree.iter():
        cls = _classes(el)
        if "ent" not in cls or not el.get("id"):
            continue
        kind = next((c[4:] for c in cls if c.startswith("ent-")), "")
        block = next((a for a in el.iterancestors() if a.tag in blocks or _classes(a) & BLOCK_CLASSES), el)
        before, label, after = _visible_text(block, el)
        rdg = next((a for a in el.iterancestors() if "rdg" in _classes(a)), None)
        out.append(Mention(el.get("id"), el.get("data-ref") or "", kind, label, before, after,
                           el.get("data-when") or "", rdg.get("data-wit") if rdg is not None else "",
                           el.get("title") or ""))
    return out


def _text_div(root):
    """The div.tei-text of the XSLT output (a table of contents may stand before it)."""
    return next(el for el in root if "tei-text" in _classes(el))


def render_front(front: Path | None, register: Path) -> str:
    """The front matter's divs as HTML sections (xslt/web/front.xsl); "" when there are none."""
    if front is None:
        return ""
    tree = parse(front)
    if tree.getroot().tag != f"{{{TEI_NS}}}TEI":
        raise EditioError("front matter is not a TEI document", path=str(front), line=tree.getroot().sourceline)
    reg = register.resolve().as_uri() if register.exists() else ""
    root = stylesheets.apply(FRONT_XSL, tree, register=reg).getroot()
    if root is None or not len(root):
        return ""
    return etree.tostring(root, encoding="unicode", method="html")


def render(doc: Document, register: Path) -> Rendered:
    tree = parse(doc.path)
    reg = register.resolve().as_uri() if register.exists() else ""
    result = stylesheets.apply(DOCUMENT_XSL, tree, register=reg)
    root = result.getroot()
    rendered = Rendered(etree.tostring(root, encoding="unicode", method="html"), mentions=_mentions(root),
                        fulltext=_fulltext(_text_div(root)))
    if len(doc.witnesses) > 1:
        columns = []
        for wit in doc.witnesses:
            view = stylesheets.apply(DOCUMENT_XSL, tree, register=reg, wit=wit.xml_id).getroot()
            text_div = _text_div(view)
            cells = {int(b.get("data-block")): etree.tostring(b, encoding="unicode", method="html", with_tail=False)
                     for b in text_div if b.get("data-block")}
            columns.append(cells)
        keys = sorted(set().union(*columns))
        rendered.synoptic = [[col.get(k, "") for col in columns] for k in keys]
        for wit in doc.witnesses:
            rendered.plain[wit.siglum] = str(stylesheets.apply(PLAIN_XSL, tree, **{"plain-wit": wit.xml_id}))
    else:
        rendered.plain[""] = str(stylesheets.apply(PLAIN_XSL, tree))
    return rendered
