"""The TEI writer: model.Document -> a TEI P5 tree (header from Header, text from the witnesses' blocks)."""

from __future__ import annotations

from lxml import etree

from . import TEI_NS, XML_NS, __version__
from .model import Block, Document, Header, Inline, Mark, Witness

XML_ID = f"{{{XML_NS}}}id"
XML_LANG = f"{{{XML_NS}}}lang"
RESPONSIBILITIES = {
    "ed": ("Edited, emended and annotated by", None),                  # edition.toml [edition] editors
    "editio": ("Encoded and tagged automatically by", f"editio {__version__}"),
    "archive": ("Transcribed and published by", None),                  # the publication's publisher
}
# The taxonomies that textClass/keywords/@scheme point to (encodingDesc/classDecl).
TAXONOMIES = {
    "classification": "Security classification as the document is marked (struck through: term type='struck').",
    "subject": "Subject as the document's own 'Subject:' line gives it.",
    "record-type": "Kind of record (memorandum of conversation, telegram, paraphrase of a cable…).",
}
# Blocks at the head of a text that belong in its one opener, and the heads that stay outside it.
OPENER_KINDS = {"docket", "classification", "dateline", "address"}


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
        _BodyWriter(rid, witness, _hands(doc, rid)).write(div)
    return etree.ElementTree(tei)


# ---------------------------------------------------------------------------------------- header
def _header(header_el, doc: Document, rid: str, settings: dict) -> None:
    h = doc.header
    file_desc = sub(header_el, "fileDesc")
    title_stmt = sub(file_desc, "titleStmt")
    sub(title_stmt, "title", h.title or doc.id, type="main")
    editors = _editors(settings)
    for key, (resp, name) in RESPONSIBILITIES.items():
        stmt = sub(title_stmt, "respStmt")
        stmt.set(XML_ID, f"{rid}-{key}")
        sub(stmt, "resp", resp)
        names = editors if key == "ed" else [name or h.publication.publisher or h.archive or "the source archive"]
        for one in names:
            sub(stmt, "name", one)
    pub = sub(file_desc, "publicationStmt")
    sub(pub, "publisher", settings.get("publisher") or settings.get("edition", {}).get("publisher", "editio"))
    sub(pub, "idno", doc.id, type="editio")
    availability = sub(pub, "availability")
    sub(availability, "licence", settings.get("licence",
        "The transcription is reproduced from the source named below; the encoding is released under CC BY 4.0."))
    if h.date_note:
        notes = sub(file_desc, "notesStmt")
        sub(notes, "note", h.date_note, type="date", target=f"#{rid}-date", resp=f"#{rid}-ed")
    source_desc = sub(file_desc, "sourceDesc")
    _ms_desc(source_desc, h, _hands(doc, rid))
    _publication(source_desc, h)
    seed = sub(source_desc, "bibl", type="seed")
    sub(seed, "idno", doc.source, type="seed")
    seed[-1].tail = f" (read by editio's {doc.reader} reader)"
    if len(doc.witnesses) > 1:
        list_wit = sub(source_desc, "listWit")
        for witness in doc.witnesses:
            wit = sub(list_wit, "witness", n=witness.siglum)
            wit.set(XML_ID, f"{rid}-w{witness.siglum}")
            wit.text = witness.description or witness.label or f"Witness {witness.siglum}"
    encoding = sub(header_el, "encodingDesc")
    class_decl = sub(encoding, "classDecl")
    for key, description in TAXONOMIES.items():
        taxonomy = sub(class_decl, "taxonomy")
        taxonomy.set(XML_ID, f"{rid}-{key}")
        sub(taxonomy, "desc", description)
    _profile(header_el, doc, rid, settings)
    revision = sub(header_el, "revisionDesc")
    sub(revision, "change", f"Converted from {doc.source} by editio {__version__}.", who=f"#{rid}-editio")


def _editors(settings: dict) -> list[str]:
    """The edition's editors as edition.toml names them ([edition] editors = [...])."""
    editors = settings.get("edition", {}).get("editors") or settings.get("editors") or []
    if isinstance(editors, str):
        editors = [editors]
    return [str(e) for e in editors] or ["the editors of this edition"]


def _hands(doc: Document, rid: str) -> dict[str, str]:
    """Labels the transcriber gives to writing in another hand ("Handwritten notes") -> hand ids."""
    hands: dict[str, str] = {}

    def visit(blocks):
        for block in blocks:
            if block.kind == "handwritten":
                label = block.attrs.get("label") or "Handwritten notes"
                hands.setdefault(label, f"{rid}-hand{len(hands) + 1}")
            for item in block.content:
                if isinstance(item, Mark) and item.kind == "embed" and item.block is not None:
                    visit([item.block])
    for witness in doc.witnesses:
        visit(witness.blocks)
    return hands


def _ms_desc(source_desc, h: Header, hands: dict[str, str]) -> None:
    """The archival original: where it is kept, and only that (the publication is a bibl)."""
    if not (h.institution or h.repository or h.collection or h.container or h.file_number):
        return
    ms = sub(source_desc, "msDesc")
    ident = sub(ms, "msIdentifier")
    sub(ident, "settlement", h.settlement) if h.settlement else None
    sub(ident, "institution", h.institution) if h.institution else None
    sub(ident, "repository", h.repository) if h.repository else None
    sub(ident, "collection", h.collection) if h.collection else None
    sub(ident, "idno", h.container, type="container") if h.container else None
    sub(ident, "idno", h.file_number, type="file") if h.file_number else None
    if h.language or h.language_code:
        contents = sub(ms, "msContents")
        sub(contents, "textLang", h.language or h.language_code, mainLang=h.language_code or "en")
    if hands:
        hand_desc = sub(sub(ms, "physDesc"), "handDesc")
        for label, hand_id in hands.items():
            note = sub(hand_desc, "handNote", scope="minor")
            note.set(XML_ID, hand_id)
            note.text = (f"Writing by hand, not typed, on the original: the transcription labels it "
                         f"\u201c{label}\u201d.")


def _publication(source_desc, h: Header) -> None:
    """The publication the text is read in: a web page of an archive, a volume of documents."""
    pub = h.publication
    if not (pub.publisher or pub.url or pub.citation or h.citation):
        return
    bibl = sub(source_desc, "bibl", type="citation")     # the publication: how the edition cites its source
    if pub.title:
        sub(bibl, "title", pub.title, level="a")
    if pub.volume:
        sub(bibl, "title", pub.volume, level="m")
    if pub.series:
        sub(bibl, "title", pub.series, level="s")
    if pub.publisher:
        sub(bibl, "publisher", pub.publisher)
    if pub.date:
        sub(bibl, "date", pub.date_text or _display_date(pub.date), when=pub.date)
    if pub.number:
        sub(bibl, "biblScope", pub.number, unit="document")
    if pub.pages:
        sub(bibl, "biblScope", pub.pages, unit="page")
    if pub.record_id:
        sub(bibl, "idno", pub.record_id, type="record")
    if pub.url:
        sub(bibl, "ref", pub.url, target=pub.url)
    citation = pub.citation or h.citation
    if citation:
        sub(bibl, "note", citation, type="citation")
    for kind, text in pub.notes:
        sub(bibl, "note", text, type=kind)


def _profile(header_el, doc: Document, rid: str, settings: dict) -> None:
    h = doc.header
    profile = sub(header_el, "profileDesc")
    if h.summary:
        # the publishing archive's summary of the document
        abstract = sub(profile, "abstract", resp=f"#{rid}-archive")
        sub(abstract, "p", h.summary)
    creation = sub(profile, "creation")
    if h.date:
        date = sub(creation, "date", h.date_text or _display_date(h.date), when=h.date,
                   cert=h.date_cert or None, evidence=h.date_evidence or None)
        if h.date_note:
            date.set(XML_ID, f"{rid}-date")
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
                sub(sent, "date", h.date_text or _display_date(h.date), when=h.date,
                    cert=h.date_cert or None, evidence=h.date_evidence or None)
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
        kw = sub(text_class, "keywords", scheme=f"#{rid}-classification")
        sub(kw, "term", h.classification, type="struck" if h.classification_struck else None)
    if h.subject:
        kw = sub(text_class, "keywords", scheme=f"#{rid}-subject")
        sub(kw, "term", h.subject)
    if h.record_type:
        kw = sub(text_class, "keywords", scheme=f"#{rid}-record-type")
        sub(kw, "term", h.record_type)
    if not len(text_class):
        profile.remove(text_class)


# ------------------------------------------------------------------------------------------ body
class _BodyWriter:
    def __init__(self, rid: str, witness: Witness, hands: dict[str, str] | None = None):
        self.rid = rid
        self.witness = witness
        self.hands = hands or {}
        self.notes = 0

    def write(self, div) -> None:
        blocks = self.witness.blocks
        top = 0
        while top < len(blocks) and (blocks[top].kind in OPENER_KINDS or blocks[top].kind == "head"):
            top += 1
        # the heads, then one opener with what surrounds them (docket marks, classification, dateline,
        # address) in the order of the source: a layout in two columns is read row by row
        for block in blocks[:top]:
            if block.kind == "head":
                self.block(div, block)
        opening = [b for b in blocks[:top] if b.kind != "head"]
        if opening:
            opener = sub(div, "opener")
            for index, block in enumerate(opening):
                if index and opening[index - 1].kind == block.kind == "dateline":
                    # place and date on two lines of one dateline ("Moscow" / "July 3, 1945")
                    dateline = opener[-1]
                    sub(dateline, "lb")
                    self.inlines(dateline, block.content)
                    continue
                if index and block.kind != "docket":
                    _append_text(opener, " ")
                self.block(opener, block)
        for block in blocks[top:]:
            self.block(div, block)

    def block(self, parent, block: Block) -> None:
        kind = block.kind
        if kind == "p":
            self.inlines(sub(parent, "p", rend=block.attrs.get("rend")), block.content)
        elif kind == "head":
            self.inlines(sub(parent, "head", type=block.attrs.get("type")), block.content)
        elif kind == "docket":
            resp = f"#{self.rid}-{block.attrs['resp']}" if block.attrs.get("resp") else None
            self.inlines(sub(parent, "note", type=block.attrs.get("type", "docket"), place="top", resp=resp),
                         block.content)
        elif kind == "classification":
            self.inlines(sub(parent, "seg", type="classification"), block.content)
        elif kind == "address":
            self.inlines(sub(parent, "seg", type="address"), block.content)
        elif kind == "fw":
            self.inlines(sub(parent, "fw", type=block.attrs["type"]), block.content)
        elif kind == "dateline":
            target = parent if etree.QName(parent).localname == "opener" else sub(parent, "opener")
            self.inlines(sub(target, "dateline"), block.content)
        elif kind == "pb":
            sub(parent, "pb", n=block.attrs.get("n"))
            self.inlines(sub(parent, "fw", type="pageNum"), block.content)
        elif kind == "stamp":
            note = sub(parent, "note", type="stamp", place="bottom")
            self.inlines(sub(note, "stamp", type=block.attrs.get("type")), block.content)
        elif kind == "handwritten":
            # the transcriber's label ("Handwritten notes") describes the hand: msDesc/handDesc
            hand = self.hands.get(block.attrs.get("label") or "Handwritten notes")
            note = sub(parent, "note", type="handwritten", place="bottom", hand=f"#{hand}" if hand else None)
            self.inlines(note, block.content)
        elif kind == "participants":
            lst = sub(parent, "list", type="participants")
            self.inlines(sub(lst, "head"), block.content)
            marked = set(block.attrs.get("box_marked", "").split())
            for index, item in enumerate(block.items):
                self.inlines(sub(lst, "item", rend="box-mark" if str(index) in marked else None),
                             [i for i in item if not (isinstance(i, Mark) and i.kind == "lb")])
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
        resp = f"#{self.rid}-{attrs['resp']}" if attrs.get("resp") else None
        note = sub(parent, "note", n=attrs.get("n"), place=attrs.get("place", "foot"), resp=resp)
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
