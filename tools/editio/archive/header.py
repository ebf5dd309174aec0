"""The teiHeader of an imported document, made from its volume and from the document itself.

    fileDesc/titleStmt      the document's title (its head), the volume's editors
    fileDesc/sourceDesc     bibl: the volume (title, id, editors, publisher, place, date), the
                            document's number and pages, the archive's URL, the source note
    xenoData                the unit's attributes that are not TEI (restored by export)
    profileDesc/creation    date (dateline @when, or the unit's date range) and place
    profileDesc/textClass   keywords scheme="#outline": where the document sits in the volume
"""

from __future__ import annotations

import copy

from lxml import etree

from .. import TEI_NS, XML_NS, __version__
from .profile import text_of
from .split import Unit, Volume

ARCHIVE_NS = "urn:editio:archive"     # the wrapper of kept non-TEI attributes in xenoData
DATE_ATTRS = ("when", "notBefore", "notAfter", "from", "to", "calendar")


def T(tag: str) -> str:
    return f"{{{TEI_NS}}}{tag}"


def sub(parent, tag: str, text: str | None = None, **attrs):
    el = etree.SubElement(parent, T(tag), {k.rstrip("_"): v for k, v in attrs.items() if v})
    if text:
        el.text = text
    return el


def _after(parent, text: str) -> None:
    """Punctuation after the last child (or the text) of `parent`, so that the citation reads."""
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def volume_bibl(parent, volume: Volume, title_level: str = "m"):
    """bibl of the volume: title, editors, place, publisher, date, id (as the archive's header gives them)."""
    profile, root = volume.profile, volume.tree.getroot()
    bibl = sub(parent, "bibl", type="volume")
    sub(bibl, "title", profile.value("volume.title", root) or volume.id, level=title_level)
    editors = [e for e in profile.elements("volume.editors", root) if text_of(e)]
    for number, editor in enumerate(editors):
        _after(bibl, ", edited by " if number == 0 else ", ")
        sub(bibl, "editor", text_of(editor), role=editor.get("role"))
    for pub in profile.elements("volume.publication", root):
        parts = {etree.QName(c).localname: c for c in pub if isinstance(c.tag, str) and text_of(c)}
        for name, before in (("pubPlace", " ("), ("publisher", ": " if "pubPlace" in parts else " (")):
            if name in parts:
                _after(bibl, before)
                sub(bibl, name, text_of(parts[name]))
        if "date" in parts:
            _after(bibl, ", " if {"pubPlace", "publisher"} & set(parts) else " (")
            sub(bibl, "date", text_of(parts["date"]), when=parts["date"].get("when"))
        if {"pubPlace", "publisher", "date"} & set(parts):
            _after(bibl, ")")
        for idno in pub.iterfind(T("idno")):
            if text_of(idno):
                _after(bibl, ", ")
                sub(bibl, "idno", text_of(idno), type=idno.get("type"))
    return bibl


def _correspondents(profile_desc, body) -> None:
    """correspDesc from the heading's names marked type="from" / type="to" (FRUS's own practice)."""
    head = body.find(T("head")) if body is not None else None
    if head is None:
        return
    actions = {}
    for role, action in (("from", "sent"), ("to", "received")):
        names = [n for n in head.iter(T("persName"), T("orgName"), T("gloss")) if n.get("type") == role]
        if names:
            actions[action] = names
    if not actions:
        return
    corresp = sub(profile_desc, "correspDesc")
    for action, names in actions.items():
        act = sub(corresp, "correspAction", type=action)
        for name in names:
            local = etree.QName(name).localname
            if local == "gloss":
                sub(act, "rs", text_of(name), type="office")
            else:
                sub(act, local, text_of(name), ref=name.get("ref"))


def build_header(volume: Volume, unit: Unit, foreign: dict[str, str], body=None) -> etree._Element:
    profile, el = volume.profile, unit.element
    title = profile.value("document.title", el)
    if not title:
        volume.warn(f"document {unit.id} has no title ({profile.document.get('title')}); its id is used", el, rule="import-no-title")
        title = f"{volume.id} {unit.id}"
    header = etree.Element(T("teiHeader"))
    file_desc = sub(header, "fileDesc")
    title_stmt = sub(file_desc, "titleStmt")
    sub(title_stmt, "title", title, type="main")
    for editor in profile.elements("volume.editors", volume.tree.getroot()):
        if text_of(editor):
            sub(title_stmt, "editor", text_of(editor), role=editor.get("role"))
    resp = sub(title_stmt, "respStmt")
    sub(resp, "resp", "Imported from the archive's volume by")
    sub(resp, "name", f"editio {__version__}")
    publication = sub(file_desc, "publicationStmt")
    sub(publication, "publisher", "editio")
    sub(publication, "idno", f"{volume.id}-{unit.id}", type="editio")
    availability = sub(publication, "availability")
    sub(availability, "p", "The text and its markup are those of the volume named in the source description.")

    source_desc = sub(file_desc, "sourceDesc")
    bibl = sub(source_desc, "bibl", type="citation")
    sub(bibl, "title", title, level="a").tail = ", in "
    if volume.citation is None:
        volume.citation = volume_bibl(etree.Element(T("bibl")), volume)
    bibl.append(copy.deepcopy(volume.citation))
    number = profile.value("document.number", el)
    if number:
        _after(bibl, ", document ")
        sub(bibl, "biblScope", number, unit="document", n=number)
    if unit.page_from:
        pages = unit.page_from if unit.page_to in (None, unit.page_from) else f"{unit.page_from}–{unit.page_to}"
        _after(bibl, ", p. ")
        sub(bibl, "biblScope", pages, unit="page", **{"from": unit.page_from, "to": unit.page_to or unit.page_from})
    _after(bibl, ". ")
    notes = [text_of(n) for n in profile.elements("document.source", el) if text_of(n)]
    for note in notes:
        sub(bibl, "note", note, type="source").tail = " "
    if not notes:
        volume.warn(f"document {unit.id} has no source note", el, rule="import-no-source-note")
    if profile.url:
        url = profile.url.format(volume=volume.id, id=unit.id)
        sub(bibl, "ref", url, target=url, type="archive")

    if foreign:
        xeno = sub(header, "xenoData")
        keep = etree.SubElement(xeno, f"{{{ARCHIVE_NS}}}attributes", nsmap={"archive": ARCHIVE_NS, **profile.namespaces})
        for name, value in sorted(foreign.items()):
            keep.set(name, value)

    profile_desc = sub(header, "profileDesc")
    creation = sub(profile_desc, "creation")
    date = _date(volume, unit, foreign)
    if date is not None:
        creation.append(date)
    else:
        volume.warn(f"document {unit.id} has no date (no dateline date, no date range, no dated neighbour)", el, rule="import-no-date")
    place = profile.value("document.place", el)
    if place:
        if date is not None:
            date.tail = ", "
        sub(creation, "placeName", place)
    _correspondents(profile_desc, body)
    outline = profile.elements("document.outline", el)
    text_class = sub(profile_desc, "textClass")
    keywords = sub(text_class, "keywords", scheme="#outline")
    sub(keywords, "term", profile.value("volume.title", volume.tree.getroot()) or volume.id, type="volume", n=volume.id)
    if outline:
        for level, div in enumerate(outline, start=1):
            head = div.find(T("head"))
            sub(keywords, "term", text_of(head) if head is not None else (div.get("n") or div.get(f"{{{XML_NS}}}id")),
                type=div.get("type"), n=div.get(f"{{{XML_NS}}}id") or str(level),
                sortKey=f"{volume.division_order(div):05d}")
    revision = sub(header, "revisionDesc")
    sub(revision, "change", f"Imported from {volume.source.name} (document {unit.id}) by editio {__version__}"
                            f" with the {profile.name} profile.")
    return header


def _date(volume: Volume, unit: Unit, foreign: dict[str, str]):
    profile, el = volume.profile, unit.element
    found = profile.elements("document.date", el)
    lo = profile.value("document.date_min", el)
    hi = profile.value("document.date_max", el)
    if found and any(found[0].get(a) for a in DATE_ATTRS):
        date = etree.Element(T("date"), {a: found[0].get(a) for a in DATE_ATTRS if found[0].get(a)})
        date.text = text_of(found[0]) or None
        if lo and hi and not date.get("when") and not date.get("notBefore"):
            date.set("notBefore", lo)
            date.set("notAfter", hi)
        return date
    if lo or hi:
        date = etree.Element(T("date"), {k: v for k, v in (("notBefore", lo), ("notAfter", hi)) if v})
        date.text = text_of(found[0]) if found else None
        return date
    if found and text_of(found[0]):
        volume.warn(f"document {unit.id}: the date {text_of(found[0])!r} has no machine-readable value", el, rule="import-date-without-value")
    if profile.document.get("undated") == "between-neighbours":
        return _between_neighbours(volume, unit)
    return None


def own_date(volume: Volume, unit: Unit) -> tuple[str, str] | None:
    """(earliest, latest) ISO day a unit's own date stands for, if it has one."""
    profile, el = volume.profile, unit.element
    found = profile.elements("document.date", el)
    d = found[0] if found else None
    lo = (d.get("when") or d.get("notBefore") or d.get("from")) if d is not None else None
    hi = (d.get("when") or d.get("notAfter") or d.get("to")) if d is not None else None
    lo = lo or profile.value("document.date_min", el) or None
    hi = hi or profile.value("document.date_max", el) or None
    if not (lo or hi):
        return None
    return (lo or hi)[:10], (hi or lo)[:10]


def _between_neighbours(volume: Volume, unit: Unit):
    """An undated document in a chronological series is dated between its dated neighbours
    (in the same division): notBefore the one before, notAfter the one after, cert="low"."""
    siblings = [u for u in volume.units if u.element.getparent() is unit.element.getparent()]
    index = siblings.index(unit)
    before = next((own_date(volume, u) for u in reversed(siblings[:index]) if own_date(volume, u)), None)
    after = next((own_date(volume, u) for u in siblings[index + 1:] if own_date(volume, u)), None)
    if not (before or after):
        return None
    date = etree.Element(T("date"), type="inferred", cert="low")
    if before:
        date.set("notBefore", before[0])
    if after:
        date.set("notAfter", after[1])
    volume.warn(f"document {unit.id} has no date; dated from its neighbours in the volume's order "
                f"({date.get('notBefore', '…')} to {date.get('notAfter', '…')}, cert=low)", unit.element, rule="import-date-inferred")
    return date


def document_tree(volume: Volume, unit: Unit, body_div, foreign: dict[str, str]) -> etree._ElementTree:
    tei = etree.Element(T("TEI"), nsmap={None: TEI_NS})
    tei.set(f"{{{XML_NS}}}id", f"{volume.id}-{unit.id}")
    tei.append(build_header(volume, unit, foreign, body_div))
    sub(sub(tei, "text"), "body")
    return etree.ElementTree(tei)

