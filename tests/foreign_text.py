"""The words of a TEI text and of a built page, in reading order, for fidelity checks.

Both sides are read the same way: words are runs of non-space characters; block elements (and, in
TEI, the elements whose members a page shows side by side: readings, choice members) separate
words; inline markup does not.  A TEI line break separates words unless break="no"; a page or
column break does not (pages mark it in the margin of the word it falls in).
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree, html

# The other projects' files copied into tests/fixtures/foreign/ (source and licence in its README)
FOREIGN = Path(__file__).parent / "fixtures" / "foreign"
FILES = {
    "virgil": FOREIGN / "perseus-canonical-latinLit" / "phi0690.phi001.perseus-lat2.xml",
    "chekhov": FOREIGN / "rusdracor" / "chekhov-medved.xml",
    "schnitzler": FOREIGN / "schnitzler-briefe" / "L02119.xml",
    "amphilochius": FOREIGN / "pta-patristic-text-archive" / "pta0013.pta003.pta-grc1.xml",
    "grundbuch": FOREIGN / "wiener-grundbuecher" / "data" / "done" / "00056-eintrag_vom_1448-08-09.xml",
    "sejni": FOREIGN / "sistory-sejni-zapiski" / "1986-1987.16364" / "skupna_zasedanja_25.11.1986-22.04.1987-16365.xml",
}

TEI = "http://www.tei-c.org/ns/1.0"

# TEI elements that separate words (blocks, and members the page shows as separate runs)
TEI_SEPARATE = {
    "p", "ab", "l", "lg", "div", "head", "sp", "speaker", "stage", "item", "label", "list", "cell", "row",
    "table", "castList", "castItem", "castGroup", "set", "opener", "closer",
    "salute", "signed", "dateline", "postscript", "address", "addrLine", "fw", "figure", "figDesc",
    "trailer", "byline", "docTitle", "titlePart", "titlePage", "docImprint", "docDate", "docAuthor",
    "front", "back", "body", "group", "text", "lem", "rdg", "rdgGrp", "witDetail", "sic", "corr", "orig",
    "reg", "abbr", "expan", "space", "lb", "quote", "cit", "bibl", "note",
    "person", "place", "org", "event", "listPerson", "listPlace", "listOrg", "listBibl", "listEvent",
    "title", "author", "epigraph", "argument", "app", "del", "add", "gap",
}
TEI_SKIP = {"teiHeader", "location", "geo", "standOff", "facsimile"}

# HTML elements that separate words, and page furniture that is not the TEI's words
HTML_BLOCKS = {"div", "p", "li", "section", "article", "h1", "h2", "h3", "h4", "h5", "h6", "br", "ul", "ol",
               "dl", "dt", "dd", "table", "tr", "td", "th", "caption", "figure", "figcaption", "blockquote",
               "nav", "q", "cite", "del", "ins"}
HTML_SEPARATE_CLASSES = {"rdg", "choice-original", "choice-edited", "tei-space", "reading-text", "app-reading",
                         "sic", "list-head"}
HTML_FURNITURE = {"noteref", "app-marker", "app-panel", "l-n", "pb", "visually-hidden", "backlink", "note-mark",
                  "wit-mark", "sic-mark", "cb", "milestone", "toc", "note-label", "gap"}


def tei_words(root, part: str = "text") -> list[str]:
    """The words of the TEI's text elements (header aside), in three parts that a page shows in
    three places: "text" (the running text), "notes" (notes, shown as footnotes) and "apparatus"
    (readings no witness has, such as a conjecture: shown in the apparatus entry only)."""
    out: list[str] = []

    def walk(el, where: str):
        if not isinstance(el.tag, str):
            if el.tail and where == part:
                out.append(el.tail)
            return
        name = etree.QName(el).localname
        if name in TEI_SKIP:
            if el.tail and where == part:
                out.append(el.tail)
            return
        here = where
        if name == "note" and where == "text":
            here = "notes"
        elif name == "rdg" and not el.get("wit") and where == "text":
            here = "apparatus"
        sep = name in TEI_SEPARATE and not (name == "lb" and el.get("break") == "no")
        if sep and here == part:
            out.append(" ")
        if el.text and here == part:
            out.append(el.text)
        for child in el:
            walk(child, here)
        if sep and here == part:
            out.append(" ")
        if el.tail and where == part:
            out.append(el.tail)

    for text in root.iter(f"{{{TEI}}}text"):
        if text.getparent() is not None and etree.QName(text.getparent()).localname == "TEI":
            walk(text, "text")
    return "".join(out).split()


def page_words(page, furniture: bool = False, where: str = "") -> list[str]:
    """The words of the document's text on a built page (its furniture aside, unless furniture=True)."""
    out: list[str] = []

    def walk(el):
        if not isinstance(el.tag, str):
            return
        cls = set((el.get("class") or "").split())
        if cls & HTML_FURNITURE and not furniture:
            if el.tail:
                out.append(el.tail)
            return
        sep = el.tag in HTML_BLOCKS or bool(cls & HTML_SEPARATE_CLASSES and "rdg-ed" not in cls)
        if sep:
            out.append(" ")
        if el.text:
            out.append(el.text)
        for child in el:
            walk(child)
        if sep:
            out.append(" ")
        if el.tail:
            out.append(el.tail)

    for text in page.xpath(f"//*[@id='text']{where}"):
        walk(_without_brackets(text))
    return "".join(out).split()


def _without_brackets(el):
    """A copy of el whose [supplied] and {surplus} have lost the editors' brackets (not TEI words)."""
    from copy import deepcopy
    el = deepcopy(el)
    for span in el.xpath(".//span[@class='supplied' or @class='surplus']"):
        if span.text and span.text[:1] in "[{":
            span.text = span.text[1:]
        last = span[-1] if len(span) else None
        if last is not None and last.tail and last.tail[-1:] in "]}":
            last.tail = last.tail[:-1]
        elif last is None and span.text and span.text[-1:] in "]}":
            span.text = span.text[:-1]
    return el


def element_words(el) -> list[str]:
    """The words of one element of a page, its furniture aside."""
    return page_words(etree.ElementTree(_copy_with_id(el)))


def _copy_with_id(el):
    """el, copied and marked as the text to read (page_words reads the element with id="text")."""
    from copy import deepcopy
    copy = deepcopy(el)
    copy.tail = None
    copy.set("id", "text")
    return copy


def first_missing(needles: list[str], haystack: list[str]) -> tuple[int, str] | None:
    """Where needles stop being a subsequence of haystack: (index, word), or None if all are there in order."""
    it = iter(haystack)
    for i, word in enumerate(needles):
        for candidate in it:
            if candidate == word:
                break
        else:
            return i, word
    return None


def parse_page(path):
    return html.parse(str(path))


def png(width: int = 60, height: int = 80) -> bytes:
    """A small grey PNG (a stand-in page image: the projects' scans are not shipped)."""
    import struct
    import zlib
    rows = b"".join(b"\x00" + b"".join(bytes((200 - (x + y) % 40,) * 3) for x in range(width)) for y in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")
