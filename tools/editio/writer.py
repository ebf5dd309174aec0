"""The TEI writer: model.Document -> a TEI P5 tree (header from Header, text from the witnesses' blocks)."""

from __future__ import annotations

from lxml import etree

from . import TEI_NS, XML_NS, __version__
from .model import Block, Document, Header, Inline, Mark, Witness

XML_ID = f"{{{XML_NS}}}id"
XML_LANG = f"{{{XML_NS}}}lang"
RESPONSIBILITIES = {
    "ed": ("Edited, emended and annotated by", "the editors of this edition"),
    "editio": ("Encoded and tagged automatically by", f"editio {__version__}"),
    "archive": ("Transcribed and published by", None),   # the archive's name
}


def T(tag: str) -> str:
    return f"{{{TEI_NS}}}{tag}"


def sub(parent, tag: str, text: str | None = None, **attrs) -> etree._Element:
    element = etree.SubElement(parent, T(tag), {k.rstrip("_").replace("__", ":"): v for k, v in attrs.items() if v})
    if text:
        element.text = text
    return element


def root_id(doc_id: str) -> str:
    return "d" + doc_id


def resp_id(tree, key: str) -> str:
    """The @resp value for one of RESPONSIBILITIES in this document: '#d<doc-id>-<key>'."""
    root = tree.getroot() if hasattr(tree, "getroot") else tree
    return f"#{root.get(XML_ID)}-{key}"


def write_tei(doc: Document, settings: dict | None = None) -> etree._ElementTree:
    settings = settings or {}
    rid = root_id(doc.id)
    lang = doc.header.language_code or "en"
    tei = etree.Element(T("TEI"), nsmap={None: TEI_NS})
    tei.set(XML_ID, rid)
    tei.set(XML_LANG, lang)
    _header(etree.SubElement(tei, T("teiHeader")), doc, rid, settings)
    text = sub(tei, "text")
    text.set(XML_LANG, lang)
    body = sub(text, "body")
    several = len(doc.witnesses) > 1
    for witness in doc.witnesses:
        div = sub(body, "div", type="witness" if several else "document",
                  corresp=f"#{rid}-w{witness.siglum}" if several else None)
        _BodyWriter(rid, witness).write(div)
    return etree.ElementTree(tei)


# ---------------------------------------------------------------------------------------- header
def _header(header_el, doc: Document, rid: str, settings: dict) -> None:
    h = doc.header
    file_desc = sub(header_el, "fileDesc")
    title_stmt = sub(file_desc, "titleStmt")
    sub(title_stmt, "title", h.title or doc.id, type="main")
    for key, (resp, name) in RESPONSIBILITIES.items():
        stmt = sub(title_stmt, "respStmt")
        stmt.set(XML_ID, f"{rid}-{key}")
        sub(stmt, "resp", resp)
        sub(stmt, "name", name or h.archive or "the source archive")
    pub = sub(file_desc, "publicationStmt")
    sub(pub, "publisher", settings.get("publisher", "editio"))
    sub(pub, "idno", doc.id, type="editio")
    availability = sub(pub, "availability")
    sub(availability, "licence", settings.get("licence",
        "The transcription is reproduced from the source named below; the encoding is released under CC BY 4.0."))
    source_desc = sub(file_desc, "sourceDesc")
    if h.citation or h.url:
        bibl = sub(source_desc, "bibl", h.citation or None, type="citation")
        if h.url:
            if h.citation:
                bibl.text += " "
            sub(bibl, "ref", h.url, target=h.url)
    _ms_desc(source_desc, h)
    seed = sub(source_desc, "bibl", type="seed")
    sub(seed, "idno", doc.source, type="seed")
    seed[-1].tail = f" (read by editio's {doc.reader} reader)"
    for note in h.source_notes:
        sub(seed, "note", note)
    if len(doc.witnesses) > 1:
        list_wit = sub(source_desc, "listWit")
        for witness in doc.witnesses:
            wit = sub(list_wit, "witness", n=witness.siglum)
            wit.set(XML_ID, f"{rid}-w{witness.siglum}")
            wit.text = witness.description or witness.label or f"Witness {witness.siglum}"
    _profile(header_el, doc, rid, settings)
    revision = sub(header_el, "revisionDesc")
    sub(revision, "change", f"Converted from {doc.source} by editio {__version__}.", who=f"#{rid}-editio")


def _ms_desc(source_desc, h: Header) -> None:
    ms = sub(source_desc, "msDesc")
    ident = sub(ms, "msIdentifier")
    sub(ident, "settlement", h.settlement or None) if h.settlement else None
    sub(ident, "institution", h.institution) if h.institution else None
    sub(ident, "repository", h.repository or h.archive)
    sub(ident, "collection", h.collection) if h.collection else None
    sub(ident, "idno", h.container, type="container") if h.container else None
    if h.file_number:
        alt = sub(ident, "altIdentifier", type="file")
        sub(alt, "idno", h.file_number, type="file")
    if h.archive and h.repository:
        alt = sub(ident, "altIdentifier", type="archive")
        sub(alt, "repository", h.archive)
        if h.url:
            sub(alt, "idno", h.url, type="URL")
    elif h.url:
        alt = sub(ident, "altIdentifier", type="archive")
        sub(alt, "idno", h.url, type="URL")
    contents = sub(ms, "msContents")
    if h.summary:
        sub(contents, "summary", h.summary)
    if h.language or h.language_code:
        sub(contents, "textLang", h.language or h.language_code, mainLang=h.language_code or "en")
    if h.credits or h.rights:
        additional = sub(ms, "additional")
        admin = sub(additional, "adminInfo")
        if h.rights:                       # TEI order: availability before notes
            avail = sub(admin, "availability")
            sub(avail, "p", h.rights)
        if h.credits:
            sub(admin, "note", h.credits, type="credits")


def _profile(header_el, doc: Document, rid: str, settings: dict) -> None:
    h = doc.header
    profile = sub(header_el, "profileDesc")
    creation = sub(profile, "creation")
    if h.date:
        sub(creation, "date", h.date_text or _display_date(h.date), when=h.date)
    if h.place:
        if h.date:
            creation[-1].tail = ", "
        sub(creation, "placeName", h.place)
    if h.sender or h.addressees or doc.related:
        corresp = sub(profile, "correspDesc")
        if h.sender:
            sent = sub(corresp, "correspAction", type="sent")
            sub(sent, "persName", h.sender)
            if h.sender_place or h.place:
                sub(sent, "placeName", h.sender_place or h.place)
            if h.date:
                sub(sent, "date", h.date_text or _display_date(h.date), when=h.date)
        if h.addressees:
            received = sub(corresp, "correspAction", type="received")
            for name in h.addressees:
                sub(received, "persName", name)
        if doc.related:
            context = sub(corresp, "correspContext")
            for related in doc.related:
                sub(context, "ref", related, type="related", target=f"{related}.xml")
    if h.participants:
        partic = sub(profile, "particDesc")
        people = sub(partic, "listPerson", type="participants")
        for participant in h.participants:
            person = sub(people, "person", role="participant")
            sub(person, "persName", participant.name)
            if participant.role:
                sub(person, "occupation", participant.role)
    lang_usage = sub(profile, "langUsage")
    sub(lang_usage, "language", h.language or "English", ident=h.language_code or "en")
    text_class = sub(profile, "textClass")
    if h.classification:
        kw = sub(text_class, "keywords", scheme="#classification")
        sub(kw, "term", h.classification, type="struck" if h.classification_struck else None)
    if h.subject:
        kw = sub(text_class, "keywords", scheme="#subject")
        sub(kw, "term", h.subject)
    if h.record_type:
        kw = sub(text_class, "keywords", scheme="#record-type")
        sub(kw, "term", h.record_type)
    if not len(text_class):
        profile.remove(text_class)


# ------------------------------------------------------------------------------------------ body
class _BodyWriter:
    def __init__(self, rid: str, witness: Witness):
        self.rid = rid
        self.witness = witness
        self.notes = 0
        self.opener = None

    def write(self, div) -> None:
        for block in self.witness.blocks:
            self.block(div, block)

    def block(self, parent, block: Block) -> None:
        kind = block.kind
        if kind != "dateline":
            self.opener = None
        if kind == "p":
            self.inlines(sub(parent, "p", rend=block.attrs.get("rend")), block.content)
        elif kind == "head":
            self.inlines(sub(parent, "head", type=block.attrs.get("type")), block.content)
        elif kind == "docket":
            self.inlines(sub(parent, "note", type=block.attrs.get("type", "docket"), place="top"), block.content)
        elif kind == "fw":
            self.inlines(sub(parent, "fw", type=block.attrs["type"]), block.content)
        elif kind == "dateline":
            opener = sub(parent, "opener")
            self.inlines(sub(opener, "dateline"), block.content)
        elif kind == "pb":
            sub(parent, "pb", n=block.attrs.get("n"))
            self.inlines(sub(parent, "fw", type="pageNum"), block.content)
        elif kind == "stamp":
            note = sub(parent, "note", type="stamp", place="bottom")
            self.inlines(sub(note, "stamp", type=block.attrs.get("type")), block.content)
        elif kind == "handwritten":
            note = sub(parent, "note", type="handwritten", place="bottom")
            if block.attrs.get("label"):
                sub(note, "label", block.attrs["label"])
                note[-1].tail = " "
            self.inlines(note, block.content)
        elif kind == "participants":
            lst = sub(parent, "list", type="participants")
            self.inlines(sub(lst, "head"), block.content)
            for item in block.items:
                self.inlines(sub(lst, "item"), [i for i in item if not (isinstance(i, Mark) and i.kind == "lb")])
        elif kind == "subject":
            self.inlines(sub(parent, "ab", type="subject"), block.content)
        elif kind == "list":
            lst = sub(parent, "list", rend=block.attrs.get("rend"))
            numbers = block.attrs.get("numbers", "").split()
            for index, item in enumerate(block.items):
                self.inlines(sub(lst, "item", n=numbers[index] if index < len(numbers) else None), item)
        elif kind == "closer":
            closer = sub(parent, "closer")
            kind_ = block.attrs.get("type")
            if kind_ == "signed":
                self.inlines(sub(closer, "signed"), block.content)
            else:
                self.inlines(sub(closer, "seg", type=kind_), block.content)
        elif kind == "note":
            self.note(parent, block.content, block.attrs)
        else:
            raise ValueError(f"unknown block kind {kind!r}")

    def note(self, parent, content: list[Inline], attrs: dict) -> None:
        self.notes += 1
        note = sub(parent, "note", n=attrs.get("n"), place=attrs.get("place", "foot"))
        suffix = f"-{self.witness.siglum}" if self.witness.label else ""
        note.set(f"{{{XML_NS}}}id", f"{self.rid}{suffix}-n{self.notes}")
        self.inlines(note, content)

    def inlines(self, element, items: list[Inline]) -> None:
        for item in items:
            if isinstance(item, str):
                _append_text(element, item)
            else:
                self.mark(element, item)

    def mark(self, parent, mark: Mark) -> None:
        kind = mark.kind
        if kind == "lb":
            sub(parent, "lb")
        elif kind == "pb":
            sub(parent, "pb", n=mark.attrs.get("n"))
        elif kind == "del":
            self.inlines(sub(parent, "del", rend=mark.attrs.get("rend")), mark.children)
        elif kind == "add":
            self.inlines(sub(parent, "add", place=mark.attrs.get("place")), mark.children)
        elif kind == "sic":
            self.inlines(sub(parent, "sic", resp=f"#{self.rid}-archive"), mark.children)
        elif kind == "gap":
            gap = sub(parent, "gap", reason=mark.attrs.get("reason"), quantity=mark.attrs.get("quantity"),
                      unit=mark.attrs.get("unit"))
            if mark.children:
                self.inlines(sub(gap, "desc"), mark.children)
        elif kind == "gloss":
            self.inlines(sub(parent, "note", type="gloss", resp=f"#{self.rid}-archive"), mark.children)
        elif kind == "label":
            self.inlines(sub(parent, "label"), mark.children)
        elif kind == "note":
            self.note(parent, mark.children, mark.attrs)
        elif kind == "embed" and mark.block is not None:
            self.block(parent, mark.block)
        else:
            raise ValueError(f"unknown inline kind {kind!r}")


def _append_text(element, text: str) -> None:
    if len(element):
        last = element[-1]
        last.tail = (last.tail or "") + text
    else:
        element.text = (element.text or "") + text


def _display_date(iso: str) -> str:
    import datetime
    try:
        day = datetime.date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{day:%B} {day.day}, {day.year}"
