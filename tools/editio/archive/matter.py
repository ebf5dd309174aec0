"""A volume's own matter on the web: the parts of its outline's front and back (title page, preface,
lists of persons and papers, the index) that are not documents, each made a TEI document of its
own that the web layer renders like any other, with its pointers resolved.

The outline (outline/{volume}.xml, split.shell) keeps the front and back matter as the volume
had it: an index entry "see p. 422" is still `<ref target="#pg_422"/>`, though that page break is
now in a document's file.  Here each pointer of a part is pointed at where the id is now:
- in the part itself: `#id`, unchanged;
- in another part of the matter: `{its page}.xml#id`;
- in a document: `{document}.xml#id`, or `{document}.xml` when the document's page carries no
  anchor of that id, or the id is the document's own (a pointer to the document as a whole);
- in the outline between documents (a page break before a document, a chapter): the first
  document after it, `{document}.xml` (the page it begins on);
- nowhere: unchanged, and so no link (the import warned of it: import-dangling-pointer).
The outline file itself is never changed (export puts the volume together from it).
"""

from __future__ import annotations

import copy
from pathlib import Path

from lxml import etree

from .. import TEI_NS, XML_NS
from ..errors import EditioError
from ..records import text as _text       # an element's words, spaces normalised
from ..xmlio import parse, tei_shell
from .split import ID_SAFE, UNIT_MARK

T = f"{{{TEI_NS}}}"
XML_ID = f"{{{XML_NS}}}id"
# what stands between the parts of the front and back (a part's page breaks go with it)
BETWEEN = {f"{T}pb", f"{T}milestone", f"{T}lb", f"{T}cb", f"{T}fw", f"{T}anchor"}


def _is_unit(el) -> bool:
    return el.tag == f"{T}divGen" and el.get("type") == UNIT_MARK


def _parts(root) -> list[tuple[str, etree._Element, list]]:
    """(front|back, the part, the page breaks before it) of the outline's own matter: each child of
    the text's front and back that holds no document."""
    out = []
    text = root.find(f"{T}text")
    for where in ("front", "back"):
        matter = text.find(f"{T}{where}") if text is not None else None
        if matter is None:
            continue
        pending: list = []
        for child in matter:
            if not isinstance(child.tag, str):
                continue
            if child.tag in BETWEEN:
                pending.append(child)
                continue
            if _is_unit(child) or any(_is_unit(d) for d in child.iter(f"{T}divGen")):
                pending = []
                continue              # documents (and their grouping) are on the documents' pages
            out.append((where, child, pending))
            pending = []
        if pending and out and out[-1][0] == where:
            out[-1] = (where, out[-1][1], out[-1][2] + pending)   # trailing page breaks: the last part's
    return out


def _head(where: str, el, number: int) -> str:
    head = el.find(f"{T}head")
    if head is not None and _text(head):
        return _text(head)
    if el.tag == f"{T}titlePage":
        return "Title page"
    kind = (el.get("type") or "").strip()
    return kind.capitalize() if kind and ":" not in kind else f"{where.capitalize()} matter {number}"


def _names(parts) -> list[str]:
    """Each part's name in its page's file name: its xml:id, else front-1, back-2 …; never twice."""
    names, seen = [], set()
    for number, (where, el, _) in enumerate(parts, start=1):
        name = ID_SAFE.sub("-", el.get(XML_ID) or "") or f"{where}-{number}"
        while name in seen:
            name += "-2"
        seen.add(name)
        names.append(name)
    return names


def read_outline(path: Path) -> dict | None:
    """What a build needs to know of a volume's outline without rendering it: its volume (the file's
    name, as import writes it), title, documents (their ids, in the volume's order) and the parts
    of its own matter (name, head, front|back).  None for a file that holds no document (not an
    outline)."""
    root = parse(path).getroot()
    if root.tag != f"{T}TEI":
        raise EditioError("an outline is a TEI document", path=str(path), line=root.sourceline)
    units = [Path(el.get("corresp") or "").stem for el in root.iter(f"{T}divGen") if _is_unit(el)]
    if not units:
        return None
    parts = _parts(root)
    title = root.find(f"{T}teiHeader/{T}fileDesc/{T}titleStmt")
    titles = title.findall(f"{T}title") if title is not None else []
    complete = [t for t in titles if t.get("type") == "complete" and _text(t)] or [t for t in titles if _text(t)]
    return {"volume": Path(path).stem, "path": str(path), "title": _text(complete[0]) if complete else Path(path).stem,
            "units": [u for u in units if u],
            "parts": [{"name": name, "head": _head(where, el, n), "where": where}
                      for n, ((where, el, _), name) in enumerate(zip(parts, _names(parts)), start=1)]}


def matter_documents(path: Path, pages: dict[str, str], holders: dict[str, tuple[str, bool]]) -> list[tuple[str, etree._ElementTree]]:
    """(part name, its TEI document) for each part of the outline's matter, pointers resolved (see
    the module's docstring).  pages: part name -> its page's stem; holders: xml:id -> (document id,
    whether the document's page carries it as an anchor), of the volume's documents."""
    tree = parse(path)
    root = tree.getroot()
    parts = _parts(root)
    names = _names(parts)
    in_part: dict[str, str] = {}
    members = set()
    for (_, el, breaks), name in zip(parts, names):
        for node in [*breaks, el]:
            for sub in node.iter(etree.Element):
                members.add(sub)
                if sub.get(XML_ID):
                    in_part.setdefault(sub.get(XML_ID), name)
    whole: dict[str, str] = {}           # a document's own id (divGen/@n) -> the document
    between: dict[str, str] = {}         # an id of the outline outside the parts -> the document after it
    pending, last = [], None
    for el in root.iter(etree.Element):
        if _is_unit(el):
            last = Path(el.get("corresp") or "").stem
            if el.get("n"):
                whole[el.get("n")] = last
            for xml_id in pending:
                between[xml_id] = last
            pending = []
        elif el.get(XML_ID) and el not in members:
            pending.append(el.get(XML_ID))
    for xml_id in pending:               # after the last document: the last document
        if last:
            between[xml_id] = last

    def resolve(token: str, own: str) -> str:
        if not token.startswith("#"):
            return token
        xml_id = token[1:]
        if in_part.get(xml_id) == own:
            return token
        if xml_id in in_part:
            return f"{pages[in_part[xml_id]]}.xml#{xml_id}"
        if xml_id in whole:
            return f"{whole[xml_id]}.xml"
        if xml_id in holders:
            doc, anchored = holders[xml_id]
            return f"{doc}.xml#{xml_id}" if anchored else f"{doc}.xml"
        if xml_id in between:
            return f"{between[xml_id]}.xml"
        return token                     # names nothing: stays as it is, and is no link

    out = []
    for (where, el, breaks), name in zip(parts, names):
        doc, text = tei_shell(root)
        holder = etree.SubElement(text, f"{T}{where}")
        for node in [*breaks, el]:
            piece = copy.deepcopy(node)
            piece.tail = None
            holder.append(piece)
        for node in holder.iter(f"{T}ref", f"{T}ptr"):
            target = node.get("target")
            if target and "#" in target:
                node.set("target", " ".join(resolve(t, name) for t in target.split()))
        out.append((name, etree.ElementTree(doc)))
    return out
