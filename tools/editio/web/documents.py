"""What the web edition needs from each TEI header: a plain record per document."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import EditioError
from ..xmlio import NSMAP, parse

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


def date_label(iso: str) -> str:
    """'1944-06-10' -> '10 June 1944'; '1944-06' -> 'June 1944'; anything else as given."""
    m = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", iso or "")
    if not m or (m.group(2) and not 1 <= int(m.group(2)) <= 12):
        return iso or ""
    year, month, day = m.groups()
    parts = [str(int(day))] if day else []
    if month:
        parts.append(MONTHS[int(month) - 1])
    return " ".join(parts + [year])


def ref_id(ref: str | None) -> str:
    """'register/register.xml#stalin' -> 'stalin'."""
    return (ref or "").rsplit("#", 1)[-1].strip()


def text(node) -> str:
    return " ".join("".join(node.itertext()).split()) if node is not None else ""


@dataclass
class Name:
    label: str
    ref: str = ""          # register id, if the name points to one
    role: str = ""


@dataclass
class Witness:
    xml_id: str
    siglum: str
    description: str


@dataclass
class Document:
    stem: str                      # file stem = stable id of the document
    xml_id: str
    path: Path
    title: str
    date: str = ""                 # ISO
    place: Name | None = None
    record_type: str = ""
    summary: str = ""
    subject: str = ""
    classification: list[tuple[str, bool]] = field(default_factory=list)   # (term, struck?)
    citation: str = ""
    source_url: str = ""
    repository: list[str] = field(default_factory=list)
    container: str = ""
    file_number: str = ""
    language: str = ""
    senders: list[Name] = field(default_factory=list)
    addressees: list[Name] = field(default_factory=list)
    participants: list[Name] = field(default_factory=list)
    witnesses: list[Witness] = field(default_factory=list)
    related: list[str] = field(default_factory=list)       # stems
    licence: str = ""

    @property
    def date_label(self) -> str:
        return date_label(self.date)

    @property
    def year(self) -> str:
        return self.date[:4]


def _names(nodes) -> list[Name]:
    out = []
    for node in nodes:
        out.append(Name(text(node), ref_id(node.get("ref"))))
    return out


def _safe_url(url: str) -> str:
    return url if re.match(r"https?://[^\s<>\"]+$", url or "") else ""


def read_document(path: Path) -> Document:
    root = parse(path).getroot()
    x = lambda expr: root.xpath(expr, namespaces=NSMAP)  # noqa: E731
    if root.tag != "{http://www.tei-c.org/ns/1.0}TEI":
        raise EditioError("not a TEI document (root element is not tei:TEI)", path=str(path))
    first = lambda expr: (x(expr) or [None])[0]  # noqa: E731
    title = text(first("tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title[@type='main'] | "
                       "tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title[1]")) or path.stem
    doc = Document(stem=path.stem, xml_id=root.get("{http://www.w3.org/XML/1998/namespace}id") or "d" + path.stem,
                   path=path, title=title)
    date = first("tei:teiHeader/tei:profileDesc/tei:creation/tei:date | "
                 "tei:teiHeader/tei:profileDesc/tei:correspDesc/tei:correspAction[@type='sent']/tei:date")
    if date is not None:
        doc.date = date.get("when") or date.get("notBefore") or date.get("from") or ""
    if not doc.date:
        m = re.match(r"(\d{4}-\d{2}-\d{2})", path.stem)
        doc.date = m.group(1) if m else ""
    place = first("tei:teiHeader/tei:profileDesc/tei:creation/tei:placeName | "
                  "tei:teiHeader/tei:profileDesc/tei:correspDesc/tei:correspAction[@type='sent']/tei:placeName")
    if place is not None:
        doc.place = Name(text(place), ref_id(place.get("ref")))
    # @scheme points to the document's taxonomy: '#d<id>-record-type' (or the older '#record-type')
    keywords = "tei:teiHeader/tei:profileDesc/tei:textClass/tei:keywords[substring(@scheme, string-length(@scheme) - string-length('{0}') + 1) = '{0}']/tei:term"
    doc.record_type = text(first(keywords.format("record-type")))
    doc.subject = "; ".join(text(t) for t in x(keywords.format("subject")))
    doc.classification = [(text(t), t.get("type") == "struck") for t in x(keywords.format("classification"))]
    source = "tei:teiHeader/tei:fileDesc/tei:sourceDesc"
    citation = first(f"{source}/tei:bibl[@type='citation']")
    if citation is not None:
        own = citation.find("tei:note[@type='citation']", NSMAP)
        doc.citation = text(own if own is not None else citation)
        doc.source_url = _safe_url(citation.xpath("string(tei:ref/@target)", namespaces=NSMAP))
    ms = f"{source}/tei:msDesc"
    doc.summary = text(first(f"tei:teiHeader/tei:profileDesc/tei:abstract/tei:p | {ms}/tei:msContents/tei:summary"))
    doc.language = text(first(f"{ms}/tei:msContents/tei:textLang"))
    doc.repository = [text(n) for n in x(f"{ms}/tei:msIdentifier/*[self::tei:collection or self::tei:repository "
                                         f"or self::tei:institution or self::tei:settlement]") if text(n)]
    doc.container = text(first(f"{ms}/tei:msIdentifier/tei:idno[@type='container']"))
    doc.file_number = text(first(f"{ms}/tei:msIdentifier//tei:idno[@type='file']"))
    doc.licence = text(first("tei:teiHeader/tei:fileDesc/tei:publicationStmt/tei:availability/tei:licence"))
    corresp = "tei:teiHeader/tei:profileDesc/tei:correspDesc/tei:correspAction"
    # rs: an addressee by office ("the President")
    doc.senders = _names(x(f"{corresp}[@type='sent']/*[self::tei:persName or self::tei:orgName or self::tei:rs]"))
    doc.addressees = _names(x(f"{corresp}[@type='received']/*[self::tei:persName or self::tei:orgName or self::tei:rs]"))
    for person in x("tei:teiHeader/tei:profileDesc/tei:particDesc//tei:person"):
        name = person.find("tei:persName", NSMAP)
        if name is not None:
            doc.participants.append(Name(text(name), ref_id(name.get("ref")),
                                         text(person.find("tei:occupation", NSMAP))))
    for wit in x(f"{source}/tei:listWit/tei:witness"):
        wid = wit.get("{http://www.w3.org/XML/1998/namespace}id") or ""
        doc.witnesses.append(Witness(wid, wit.get("n") or wid.rsplit("-w", 1)[-1], text(wit)))
    targets = x("tei:teiHeader/tei:profileDesc/tei:correspDesc/tei:correspContext/tei:ref[@type='related']/@target"
                f" | {source}/tei:listRelation/tei:relation[@name='related']/@active"
                f" | {source}/tei:listRelation/tei:relation[@name='related']/@passive"
                f" | {source}/tei:listRelation/tei:relation[@name='related']/@mutual")
    for target in targets:
        for token in str(target).split():
            stem = Path(token.split("#")[0]).stem if token.split("#")[0] else ""
            if stem and stem != doc.stem and stem not in doc.related:
                doc.related.append(stem)
    return doc


def read_documents(tei_dir: Path) -> list[Document]:
    """Every TEI document in the folder (not the register), in date order."""
    paths = sorted(p for p in Path(tei_dir).glob("*.xml"))
    if not paths:
        raise EditioError("no TEI documents (*.xml) found", path=str(tei_dir))
    docs = [read_document(p) for p in paths]
    return sorted(docs, key=lambda d: (d.date, d.stem))
