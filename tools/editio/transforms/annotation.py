"""Editorial notes and the editors' dates, from edition.toml, on elements of a converted text.

An editor's note about a word, a date or a footnote goes into `fileDesc/notesStmt` as
`<note type="…" target="#id" resp="#…-ed">`, pointing at the element (which gets an xml:id), so the
text itself stays as the source has it.  `[[document.dates]]` fixes what the date normaliser can only
guess ("the other night" = 1944-10-14, cert medium); `[[document.notes]]` annotates one element found
by its text.  Each entry must match exactly one element, or the conversion stops with an error.
"""

from __future__ import annotations

from lxml import etree

from .. import TEI_NS, XML_NS
from ..errors import InputError

T = f"{{{TEI_NS}}}"
XML_ID = f"{{{XML_NS}}}id"
CERT = {"high", "medium", "low", "unknown"}


def _text(el) -> str:
    return " ".join("".join(el.itertext()).split())


def notes_stmt(root) -> etree._Element:
    file_desc = root.find(f"{T}teiHeader/{T}fileDesc")
    stmt = file_desc.find(f"{T}notesStmt")
    if stmt is None:
        stmt = etree.Element(T + "notesStmt")
        file_desc.find(f"{T}publicationStmt").addnext(stmt)
    return stmt


def give_id(root, el, stem: str) -> str:
    if el.get(XML_ID):
        return el.get(XML_ID)
    taken = set(root.xpath("//@xml:id"))
    number = 1
    while f"{root.get(XML_ID)}-{stem}{number}" in taken:
        number += 1
    el.set(XML_ID, f"{root.get(XML_ID)}-{stem}{number}")
    return el.get(XML_ID)


def editorial_note(root, el, text: str, kind: str = "editorial", stem: str = "x") -> etree._Element:
    """A note of the editors about `el`, in the header's notesStmt, pointing at it."""
    target = give_id(root, el, stem)
    note = etree.SubElement(notes_stmt(root), T + "note", type=kind, target=f"#{target}",
                            resp=f"#{root.get(XML_ID)}-ed")
    note.text = text
    return note


def _one(root, tag: str, text: str, where: str, source: str):
    body = root.find(f"{T}text")
    hits = [el for el in body.iter(T + tag) if _text(el) == " ".join(text.split())]
    if len(hits) != 1:
        raise InputError(f"{where}: <{tag}> with the text {text!r} occurs {len(hits)} times in the text; "
                         "it must occur once", path=source)
    return hits[0]


class EditorialNotesTransform:
    """Apply [[document.dates]] and [[document.notes]] of edition.toml (after the date normaliser)."""

    name = "annotation"
    priority = 500

    def apply(self, tree, ctx) -> None:
        root = tree.getroot()
        source = getattr(ctx, "source", "<tree>")
        for number, entry in enumerate(ctx.settings.get("dates", []), start=1):
            where = f"[[document.dates]] #{number}"
            if not entry.get("text") or not entry.get("when"):
                raise InputError(f"{where} needs text and when", path=source)
            if entry.get("cert") and entry["cert"] not in CERT:
                raise InputError(f"{where}: cert must be one of {', '.join(sorted(CERT))}", path=source)
            date = _one(root, "date", entry["text"], where, source)
            for attr in ("when", "notBefore", "notAfter", "from", "to", "cert"):
                date.attrib.pop(attr, None)
            date.set("when", entry["when"])
            if entry.get("cert"):
                date.set("cert", entry["cert"])
            date.set("resp", f"#{root.get(XML_ID)}-ed")
            if entry.get("note"):
                editorial_note(root, date, entry["note"], "date", "date")
        for number, entry in enumerate(ctx.settings.get("notes", []), start=1):
            where = f"[[document.notes]] #{number}"
            if not entry.get("about") or not entry.get("note"):
                raise InputError(f"{where} needs about and note", path=source)
            el = _one(root, entry.get("element", "p"), entry["about"], where, source)
            editorial_note(root, el, entry["note"], entry.get("type", "editorial"), "x")
