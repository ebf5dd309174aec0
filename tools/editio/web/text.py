"""A document's text for the web: the XSLT output and each witness's reading (mentions come from its record)."""

from __future__ import annotations

import os
from collections import Counter
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
    generic: Counter = field(default_factory=Counter)          # elements rendered generically, by name
    images: list[str] = field(default_factory=list)            # local page images shown (paths relative to the TEI)
    anchors: list[str] = field(default_factory=list)           # the text's xml:ids the page carries as ids


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


def _text_div(root):
    """The div.tei-text of the XSLT output (a table of contents may stand before it)."""
    return next(el for el in root if "tei-text" in _classes(el))


def generic_elements(root) -> Counter:
    """What the XSLT rendered without knowing it (xslt/web/fallback.xsl marks it data-generic)."""
    return Counter(el.get("data-generic") for el in root.iter() if el.get("data-generic"))


def generic_warning(counts: Counter | dict) -> str:
    """'12 elements of 3 kinds rendered generically: vg:letDesc (7), …'; "" when there are none."""
    if not counts:
        return ""
    total = sum(counts.values())
    kinds = ", ".join(f"{name} ({n})" for name, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    return (f"{total} element{'s' if total != 1 else ''} of {len(counts)} kind{'s' if len(counts) != 1 else ''} "
            f"rendered generically: {kinds}")


TEI = f"{{{TEI_NS}}}"


def local_images(tree, base: Path) -> list[str]:
    """The images of the document (graphic/@url of its facsimile and figures, pb/@facs) that are files
    beside the TEI: relative paths inside its folder, no scheme, no "..", existing."""
    root = tree.getroot()
    urls = [g.get("url") for g in root.iter(TEI + "graphic")]          # facsimile pages and figures
    urls += [v for el in root.iter(TEI + "pb") for v in (el.get("facs") or "").split()[:1] if not v.startswith("#")]
    out = []
    resolved_base = None
    for url in urls:
        url = (url or "").strip()
        if (not url or ":" in url or url.startswith(("/", "\\")) or ".." in url.replace("\\", "/").split("/")
                or url in out):
            continue
        # not a file: not an image to copy (one stat; FRUS page breaks name scans that are not here)
        if not os.path.isfile(base / url):
            continue
        if resolved_base is None:
            resolved_base = base.resolve()
        try:
            inside = (base / url).resolve().relative_to(resolved_base)
        except ValueError:
            continue
        if (base / inside).is_file():
            out.append(url)
    return out


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


# What editio's own stylesheets look up in the register: the @ref of a name (xslt/common/mentions.xsl,
# entities.xsl).  A document without one renders the same without the register, which libxslt would
# otherwise parse again for every document (tests/test_web_text.py holds the stylesheets to that).
_NAMES_WITH_REF = etree.XPath("boolean(//*[@ref][self::tei:persName or self::tei:placeName or self::tei:orgName"
                              " or self::tei:geogName or self::tei:rs])", namespaces={"tei": TEI_NS})


def register_for(tree, register_uri: str, xslt: str | None = None) -> str:
    """The register URI to give document.xsl for this document: "" when editio's own stylesheet
    would look nothing up in it; a user's stylesheet always has it."""
    return register_uri if xslt or not register_uri or _NAMES_WITH_REF(tree) else ""


def anchors(tree, html_root) -> list[str]:
    """The xml:ids of the text that the page carries as HTML ids: where a link from elsewhere lands."""
    ids = set(_TEXT_IDS(tree))
    return sorted({i for i in html_root.xpath("//@id") if i in ids}) if ids else []


_TEXT_IDS = etree.XPath("/tei:TEI/tei:text//@xml:id", namespaces={"tei": TEI_NS})


def render_matter(tree, stem: str, xslt: str | None = None) -> Rendered:
    """A part of a volume's own matter (archive/matter.py: a TEI document made from its outline) as
    a document's text is rendered: the same stylesheet (the user's too), without witnesses."""
    root = stylesheets.apply(xslt or DOCUMENT_XSL, tree, register="", **{"doc-stem": stem, "part-links": "1"}).getroot()
    return Rendered(etree.tostring(root, encoding="unicode", method="html"), generic=generic_elements(root))


def render(path: Path, witnesses: list[tuple[str, str]], register_uri: str, xslt: str | None = None,
           timeline_pages: dict[str, str] | None = None) -> Rendered:
    """One document's page text: the reading view, one synoptic column and one plain text per witness.

    witnesses: (xml:id, siglum) of each witness in the listWit; xslt: a user stylesheet that imports
    editio's document.xsl (default: editio's own); timeline_pages: the timeline page of each dated
    mention (its anchor), when the timeline is a page per month."""
    tree = parse(path)
    sheet = xslt or DOCUMENT_XSL
    register_uri = register_for(tree, register_uri, xslt)
    images = local_images(tree, Path(path).parent)
    shown = " " + " ".join(images) + " " if images else ""
    page = {"doc-stem": Path(path).stem, **({"local-images": shown} if shown else {})}
    if timeline_pages:  # " anchor=page anchor=page " (anchors are xml:ids, pages file names: no spaces)
        page["timeline-pages"] = " " + " ".join(f"{a}={p}" for a, p in sorted(timeline_pages.items())) + " "
    result = stylesheets.apply(sheet, tree, register=register_uri, **page)
    root = result.getroot()
    rendered = Rendered(etree.tostring(root, encoding="unicode", method="html"), fulltext=_fulltext(_text_div(root)),
                        generic=generic_elements(root), images=images, anchors=anchors(tree, root))
    if len(witnesses) > 1:
        columns = []
        for wit_id, _ in witnesses:
            view = stylesheets.apply(sheet, tree, register=register_uri, wit=wit_id).getroot()
            text_div = _text_div(view)
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
