"""A volume's register lists (persons, terms) as a register file in the shape of tei/register/register.xml.

FRUS writes a list entry as `<item><persName xml:id="p_BND1">Baker, Newton D.</persName>, Secretary
of War.</item>`: the name, inverted, then the identification. An entry becomes

    <person xml:id="{volume}-p_BND1">
      <persName type="main"><surname>Baker</surname>, <forename>Newton</forename> <forename>D.</forename></persName>
      <persName type="variant">Newton D. Baker</persName>
      <note type="identification">Secretary of War.</note>
    </person>

and a term (`<term xml:id="t_JCS1">J.C.S.</term>, Joint Chiefs of Staff`) an org whose main name is
the expansion and whose variant (subtype="abbreviation") is the term. Ids keep the archive's, after
the volume's id, so that entries of several volumes live in one edition.
"""

from __future__ import annotations

import copy
import re

from lxml import etree

from .. import TEI_NS, XML_NS, __version__
from .header import sub, volume_bibl
from .profile import text_of
from .split import Volume

XML_ID = f"{{{XML_NS}}}id"
LISTS = {"person": ("listPerson", "person", "persName"), "place": ("listPlace", "place", "placeName"),
         "org": ("listOrg", "org", "orgName")}
LEADING = re.compile(r"^[\s,;:—–-]+")


def collect(volume: Volume) -> list[tuple[str, etree._Element, str]]:
    """(kind, entry element, register id) of every list entry; fills volume.register_ids."""
    out = []
    for number, reg in enumerate(volume.profile.registers):
        for el in volume.profile.elements(f"register.{number}", volume.tree.getroot()):
            archive_id = el.get(XML_ID)
            entry_id = f"{volume.id}-{archive_id}"
            if archive_id in volume.register_ids:
                volume.warn(f"register id {archive_id!r} appears twice; the second is ignored", el, rule="import-duplicate-register-id")
                continue
            volume.register_ids[archive_id] = entry_id
            out.append((reg.kind, el, entry_id))
    return out


def identification(el) -> etree._Element | None:
    """What follows the name in its list item: '..., Secretary of War.' (inline markup kept)."""
    note = etree.Element(f"{{{TEI_NS}}}note", type="identification")
    note.text = LEADING.sub("", el.tail or "")
    for sibling in el.itersiblings():
        if not isinstance(sibling.tag, str):
            continue
        piece = copy.deepcopy(sibling)
        for node in piece.iter():
            node.attrib.pop(XML_ID, None)
        note.append(piece)
    for node in note.iter():
        node.text = re.sub(r"\s+", " ", node.text) if node.text else node.text
        node.tail = re.sub(r"\s+", " ", node.tail) if node.tail else node.tail
    if note.text:
        note.text = note.text.lstrip()
    if len(note):
        note[-1].tail = (note[-1].tail or "").rstrip() or None
    elif note.text:
        note.text = note.text.rstrip()
    return note if (note.text or len(note)) else None


def _person_names(entry, el) -> None:
    name = text_of(el)
    surname, comma, forenames = name.partition(", ")
    main = sub(entry, "persName", type="main")
    if comma and surname and forenames and "," not in forenames:
        sub(main, "surname", surname).tail = ", "
        parts = forenames.split()
        for i, part in enumerate(parts):
            f = sub(main, "forename", part)
            f.tail = " " if i < len(parts) - 1 else None
        sub(entry, "persName", f"{forenames} {surname}", type="variant")
    else:
        main.text = name


def name_element(el):
    """The element whose text is the entry's name: itself, or (a person, place, org) its first name child."""
    local = etree.QName(el).localname
    if local in LISTS:
        found = el.find(f"{{{TEI_NS}}}{LISTS[local][2]}")
        return found if found is not None else el
    return el


def register_tree(volume: Volume, entries) -> etree._ElementTree:
    tei = etree.Element(f"{{{TEI_NS}}}TEI", nsmap={None: TEI_NS})
    tei.set(XML_ID, f"register-{volume.id}")
    header = sub(tei, "teiHeader")
    file_desc = sub(header, "fileDesc")
    title_stmt = sub(file_desc, "titleStmt")
    sub(title_stmt, "title", f"Register of {volume.id}", type="main")
    resp = sub(title_stmt, "respStmt")
    sub(resp, "resp", "Made from the volume's lists by")
    sub(resp, "name", f"editio {__version__}")
    publication = sub(file_desc, "publicationStmt")
    sub(publication, "publisher", "editio")
    sub(publication, "idno", f"register-{volume.id}", type="editio")
    source_desc = sub(file_desc, "sourceDesc")
    volume_bibl(source_desc, volume)
    body = sub(sub(tei, "text"), "body")
    lists = {}
    for kind, el, entry_id in entries:
        list_tag, entry_tag, name_tag = LISTS[kind]
        if kind not in lists:
            lists[kind] = sub(body, list_tag)
        entry = sub(lists[kind], entry_tag, type="abbreviation" if etree.QName(el).localname == "term" else None)
        entry.set(XML_ID, entry_id)
        whole = etree.QName(el).localname in LISTS      # a listPerson/person: its name and its notes
        named = name_element(el)
        note = None if whole else identification(el)
        if whole:
            for kept in el.iterfind(f"{{{TEI_NS}}}note"):
                entry.append(copy.deepcopy(kept))
        if kind == "person":
            _person_names(entry, named)
        elif kind == "org" and etree.QName(el).localname == "term" and note is not None:
            sub(entry, name_tag, text_of(note).rstrip("."), type="main")
            sub(entry, name_tag, text_of(el), type="variant", subtype="abbreviation")
            note = None
        else:
            sub(entry, name_tag, text_of(named), type="main")
        if note is not None:
            entry.append(note)
    if not lists:
        sub(body, "p", "The volume has no register lists.")
    return etree.ElementTree(tei)
