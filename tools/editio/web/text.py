"""A document's text for the web: the XSLT output, each witness's reading, mentions and dated events."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from .. import TEI_NS, stylesheets
from ..errors import EditioError
from ..xmlio import parse
from .documents import Document, Witness

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
    generic: Counter = field(default_factory=Counter)          # elements rendered generically, by name


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


def generic_elements(root) -> Counter:
    """What the XSLT rendered without knowing it (xslt/web/fallback.xsl marks it data-generic)."""
    return Counter(el.get("data-generic") for el in root.iter() if el.get("data-generic"))


def generic_warning(counts: Counter) -> str:
    """'12 elements of 3 kinds rendered generically: vg:letDesc (7), …'; "" when there are none."""
    if not counts:
        return ""
    total = sum(counts.values())
    kinds = ", ".join(f"{name} ({n})" for name, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    return (f"{total} element{'s' if total != 1 else ''} of {len(counts)} kind{'s' if len(counts) != 1 else ''} "
            f"rendered generically: {kinds}")


XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


def witnesses(tree) -> list[Witness]:
    """Every witness of the header's listWit, nested groups included, with its siglum by the rule of
    xslt/common/apparatus.xsl (witness-siglum): @n, else abbr (type="siglum" first), else an idno
    of type "siglum", else a siglum element, else the xml:id."""
    out = []
    header = tree.getroot().find(f"{{{TEI_NS}}}teiHeader")
    if header is None:
        return out
    for wit in header.iter(f"{{{TEI_NS}}}witness"):
        wid = wit.get(XML_ID)
        if not wid:
            continue
        abbr = wit.findall(f"{{{TEI_NS}}}abbr")
        typed = [a for a in abbr if a.get("type") == "siglum"]
        idno = [i for i in wit.iter(f"{{{TEI_NS}}}idno") if i.get("type") == "siglum"]
        own = [c for c in wit if isinstance(c.tag, str) and etree.QName(c).localname == "siglum"]
        siglum = wit.get("n") or next((" ".join("".join(e.itertext()).split()) for e in typed + abbr + idno + own), "") or wid
        out.append(Witness(wid, siglum, " ".join("".join(wit.itertext()).split())))
    return out


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


def render(doc: Document, register: Path, stylesheet: str | Path | None = None) -> Rendered:
    """The document's HTML through xslt/web/document.xsl, or through a user's stylesheet that
    imports it (--xslt; see stylesheets.apply)."""
    tree = parse(doc.path)
    reg = register.resolve().as_uri() if register.exists() else ""
    xsl = stylesheet or DOCUMENT_XSL
    # nested listWit groups and sigla from abbr/idno, as the stylesheets read them
    found = witnesses(tree)
    if found and [w.siglum for w in found] != [w.siglum for w in doc.witnesses]:
        doc.witnesses = found
    result = stylesheets.apply(xsl, tree, register=reg)
    root = result.getroot()
    rendered = Rendered(etree.tostring(root, encoding="unicode", method="html"), mentions=_mentions(root),
                        fulltext=_fulltext(_text_div(root)), generic=generic_elements(root))
    if len(doc.witnesses) > 1:
        columns = []
        for wit in doc.witnesses:
            view = stylesheets.apply(xsl, tree, register=reg, wit=wit.xml_id).getroot()
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
