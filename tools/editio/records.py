"""A TEI document, read once into a plain record: what every builder needs to know about it.

`read_record(path)` parses the file once and returns a `Record`: header metadata (title, the
document's date with its certainty, place, participants, sender and addressee, source,
classification, witnesses, related documents), the mentions of names and dates with stable ids,
notes, apparatus entries, page breaks and its outline of divisions.  Records are plain data
(dataclasses of strings and lists) so that they cross process boundaries and are cached as JSON.

The document's date is decided here and only here (`document_date`), in this order of
preference: profileDesc/creation, correspDesc (sent), the text's dateline, sourceDesc (origDate,
bibl/date), titleStmt.  A document without any has no date.
"""

from __future__ import annotations

import re
import copy
from dataclasses import asdict, dataclass, field, fields, is_dataclass
from functools import lru_cache
from pathlib import Path

from lxml import etree

from . import TEI_NS, XML_NS
from .errors import EditioError
from .xmlio import NSMAP, parse

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
T = f"{{{TEI_NS}}}"
# The anchor rule of xslt/common/mentions.xsl (template mention-id), which Python follows: a
# mention is one of MENTION_TAGS inside the document's /TEI/text; its anchor is its @xml:id, else
# "{/TEI/@xml:id}-m{N}" ("m{N}" when the TEI has no @xml:id), N counting every such element in
# /TEI/text in document order.
MENTION_TAGS = ("persName", "placeName", "orgName", "rs", "date", "geogName")
NAME_KINDS = {"persName": "person", "placeName": "place", "geogName": "place", "orgName": "org"}
RS_KINDS = {"person": "person", "persName": "person", "place": "place", "placeName": "place",
            "org": "org", "orgName": "org", "organisation": "org", "organization": "org"}
ENTRY_TAGS = {"person": "person", "place": "place", "org": "org"}
# Pointers from a name to what it names, in order of preference
POINTER_ATTRS = ("ref", "key", "corresp")
# Blocks that bound a mention's context
BLOCKS = {"p", "head", "item", "l", "ab", "opener", "closer", "dateline", "salute", "signed", "note",
          "cell", "label", "postscript", "address", "quote", "byline", "docket", "trailer", "fw"}
CONTEXT_BLOCKS = BLOCKS | {"div", "body"}      # a mention's context: the nearest of these around it
# In the reading view these are not read (the other witnesses' readings are handled by app)
BREAKS = {"lb", "pb", "cb"}
UNREAD = {"note", "del", "fw", "sic", "orig", "abbr", "surplus", "pb", "lb", "cb", "milestone", "gap"}


@lru_cache(maxsize=4096)       # pure, and asked again for every page that shows a date
def date_label(iso: str) -> str:
    """'1944-06-10' -> '10 June 1944'; '1944-06' -> 'June 1944'; anything else as given
    (a time of day, '1917-04-03T18:00:00', is left out)."""
    m = re.fullmatch(r"(-?\d{4})(?:-(\d{2}))?(?:-(\d{2}))?(?:T[\d:.]+(?:Z|[+-]\d{2}:\d{2})?)?", iso or "")
    if not m or (m.group(2) and not 1 <= int(m.group(2)) <= 12):
        return iso or ""
    year, month, day = m.groups()
    if not year.startswith("-"):
        year = str(int(year))       # '0375' is the year 375
    parts = [str(int(day))] if day else []
    if month:
        parts.append(MONTHS[int(month) - 1])
    return " ".join(parts + [year])


def timeline_month(iso: str) -> str:
    """The timeline page an ISO date falls on: '1944-06' for 1944-06-10, '1944' for a year alone."""
    m = re.match(r"(-?\d{4})(-(0[1-9]|1[0-2]))?", iso or "")
    return (m.group(1) + (m.group(2) or "")) if m else "undated"


@dataclass
class DateInfo:
    when: str = ""
    not_before: str = ""
    not_after: str = ""
    cert: str = ""
    text: str = ""             # the words of the date, when it has no machine value
    evidence: str = ""         # @evidence: conjecture, internal, external

    @property
    def iso(self) -> str:
        """The value it sorts by: @when, else @notBefore, else @notAfter."""
        return self.when or self.not_before or self.not_after

    @property
    def label(self) -> str:
        if self.when:
            out = date_label(self.when)
        elif self.not_before and self.not_after:
            out = f"between {date_label(self.not_before)} and {date_label(self.not_after)}"
        elif self.not_before:
            out = f"not before {date_label(self.not_before)}"
        elif self.not_after:
            out = f"not after {date_label(self.not_after)}"
        else:
            return self.text
        if self.cert and self.cert != "high":
            return out + " (inferred)"
        return out + (" (conjectured)" if self.evidence == "conjecture" else "")


@dataclass
class Name:
    label: str
    ref: str = ""          # register id, when the name points to one
    role: str = ""


@dataclass
class Witness:
    xml_id: str
    siglum: str
    description: str


@dataclass
class Mention:
    anchor: str            # id of the mention in the document page
    ref: str               # register id ("" for dates)
    kind: str              # person | place | org | date
    label: str             # the words of the text
    before: str = ""       # context, as a reader of the edited text sees it
    after: str = ""
    when: str = ""         # dates: ISO value
    witness: str = ""      # sigla, when the mention is in one witness's reading only
    when_label: str = ""   # dates: what the date stands for
    in_body: bool = True
    nested: bool = False   # inside another name or a link (not an anchor of its own)
    uri: str = ""          # a pointer to an authority (GND, VIAF, Wikidata …) that no register resolves


@dataclass
class Division:
    id: str
    type: str
    head: str
    depth: int
    order: str = ""        # part_of: the division's place in its volume (term/@sortKey)


@dataclass
class Record:
    id: str                            # file stem: the document's stable id
    xml_id: str
    path: str
    title: str
    date: DateInfo = field(default_factory=DateInfo)
    place: Name | None = None
    record_type: str = ""
    summary: str = ""
    subject: str = ""
    classification: list[tuple[str, bool]] = field(default_factory=list)   # (term, struck?)
    citation: str = ""
    source_url: str = ""
    source_notes: list[str] = field(default_factory=list)   # the publication's provenance and OCR notes
    repository: list[str] = field(default_factory=list)
    container: str = ""
    file_number: str = ""
    language: str = ""
    licence: str = ""
    senders: list[Name] = field(default_factory=list)
    addressees: list[Name] = field(default_factory=list)
    participants: list[Name] = field(default_factory=list)
    witnesses: list[Witness] = field(default_factory=list)
    related: list[str] = field(default_factory=list)       # ids of other documents
    mentions: list[Mention] = field(default_factory=list)
    notes: int = 0
    apparatus: int = 0                 # app entries
    page_breaks: list[str] = field(default_factory=list)   # pb/@n in order
    ids: list[str] = field(default_factory=list)   # the xml:ids inside its text, in order: what a pointer
    # from elsewhere (a volume's index: "see p. 422" -> #pg_422) can name in it
    outline: list[Division] = field(default_factory=list)
    part_of: list[Division] = field(default_factory=list)  # where it sits in its volume (imported documents)
    last_change: str = ""              # newest revisionDesc/change/@when
    authors: list[Name] = field(default_factory=list)       # titleStmt/author
    editors: list[Name] = field(default_factory=list)       # titleStmt/editor, respStmt/persName
    publication: str = ""              # publicationStmt: publisher, place, date
    source_note: str = ""              # sourceDesc (bibl, biblStruct, msIdentifier) when no citation
    sent: list[tuple[str, str]] = field(default_factory=list)       # correspDesc sent: (place, date label)
    received: list[tuple[str, str]] = field(default_factory=list)   # correspDesc received: (place, date label)
    local_entries: list[dict] = field(default_factory=list)   # persons, places, organisations the
    # document lists itself (particDesc, settingDesc, standOff, back …), as register.Entry fields,
    # under the id "{document id}.{xml:id}"
    volume: str = ""                   # the volume it belongs to (seriesStmt/title, else the source's monograph title)

    @property
    def date_label(self) -> str:
        return self.date.label

    @property
    def year(self) -> str:
        return self.date.iso[:4]

    @property
    def stem(self) -> str:
        return self.id

    def header_refs(self) -> set[str]:
        names = self.senders + self.addressees + self.participants + ([self.place] if self.place else [])
        return {n.ref for n in names if n.ref}

    def as_dict(self) -> dict:
        """dataclasses.asdict(self), without its recursive deep copy (a tenth of the time on a
        record of hundreds of mentions): every dataclass a record holds has plain values only."""
        def plain(value):
            if is_dataclass(value):
                return dict(value.__dict__)
            if isinstance(value, list):
                return [plain(v) for v in value]
            if isinstance(value, dict):
                return copy.deepcopy(value)
            return value
        return {f.name: plain(getattr(self, f.name)) for f in _RECORD_FIELDS}

    def compact(self) -> "Record":
        """The record without what only its own page shows (mentions, local entries, outline):
        what the aggregate pages (home, letters, lists) show of it."""
        from dataclasses import replace
        return replace(self, mentions=[], local_entries=[], outline=[])

    def brief(self) -> dict:
        """brief_of(self.as_dict())."""
        return brief_of(self.as_dict())

    @classmethod
    def from_dict(cls, data: dict) -> "Record":
        known = _RECORD_NAMES if cls is Record else {f.name for f in fields(cls)}
        out = {k: v for k, v in data.items() if k in known}   # a copy: data stays as it was
        out["date"] = DateInfo(**data["date"])
        out["place"] = Name(**data["place"]) if data.get("place") else None
        for key in ("senders", "addressees", "participants", "authors", "editors"):
            out[key] = [Name(**n) for n in data[key]]
        out["witnesses"] = [Witness(**w) for w in data["witnesses"]]
        out["mentions"] = [Mention(**m) for m in data["mentions"]]
        out["outline"] = [Division(**d) for d in data["outline"]]
        out["part_of"] = [Division(**d) for d in data.get("part_of", [])]
        out["classification"] = [tuple(c) for c in data["classification"]]
        for key in ("sent", "received"):
            out[key] = [tuple(v) for v in data.get(key, [])]
        return cls(**out)


def _timeline_item(m: dict) -> bool:
    return m["kind"] == "date" and bool(m["when"]) and m["in_body"] and not m["nested"]


def dated_of(data: dict) -> dict:
    """A record's data (Record.as_dict) with only what the timeline and the lists show of it: the
    compact record and the date mentions the timeline shows (in the body, not nested)."""
    return {**data, "mentions": [m for m in data["mentions"] if _timeline_item(m)], "local_entries": [],
            "outline": []}


def brief_of(data: dict) -> dict:
    """What builders need to know of a document without reading its record (data: Record.as_dict):
    digests of the parts each aggregate page shows (so a page is redone only when what it shows
    changed), the register entries it names with their counts, and the few fields that filters
    and links use.  Kept in the environment's index; plain JSON data."""
    import hashlib
    import json

    def digest(value) -> str:
        return hashlib.sha256(json.dumps(value, sort_keys=True, ensure_ascii=False,
                                         default=str).encode()).hexdigest()[:32]
    rec_date = DateInfo(**data["date"])
    months: dict[str, list] = {}             # the timeline's month pages: its items in each
    if rec_date.iso:
        months.setdefault(timeline_month(rec_date.iso), []).append(["document", rec_date.iso, rec_date.label])
    by_ref: dict[str, list] = {}
    for m in data["mentions"]:
        if _timeline_item(m):
            months.setdefault(timeline_month(m["when"]), []).append(m)
        elif m["kind"] != "date" and m["ref"]:
            by_ref.setdefault(m["ref"], []).append(m)
    names = data["senders"] + data["addressees"] + data["participants"] + ([data["place"]] if data["place"] else [])
    compact = {k: v for k, v in data.items() if k not in ("path", "mentions", "local_entries", "outline")}
    return {
        "meta": digest([compact, data["local_entries"]]),
        "months": {month: [len(items), digest(items)[:16]] for month, items in months.items()},
        "refs": {ref: [len(ms), digest(ms)[:16]] for ref, ms in by_ref.items()},   # entry -> [mentions, digest]
        "header": sorted({n["ref"] for n in names if n["ref"]}),   # sender, addressee, participants, place
        "related": list(data["related"]),
        "path": data["path"],
        "title": data["title"],
        "date_label": rec_date.label,
        "year": rec_date.iso[:4],
        "type": data["record_type"],
        "letter": bool(data["senders"] or data["addressees"]),
        "local": bool(data["local_entries"]),
        # where it sits in its volume: enough to place it in the home page's list without the record
        "part_of": [[d["type"], d["id"], d.get("order", "")] for d in data.get("part_of", [])],
        "ids": list(data.get("ids", [])),     # what pointers from outside can name (Environment.holders)
    }


def text(node) -> str:
    return " ".join("".join(node.itertext()).split()) if node is not None else ""


_RECORD_FIELDS = fields(Record)
_RECORD_NAMES = frozenset(f.name for f in _RECORD_FIELDS)


class Pointers:
    """Resolves a name's pointer to a register id: '#x' to the document's own entry x (as
    '{doc}.x') when it lists one, else to x; 'file.xml#x' and a bare 'x' (@key) to x; a URI to an
    authority link."""

    def __init__(self, doc_id: str, local_ids: set[str]):
        self.doc_id, self.local = doc_id, local_ids

    def resolve(self, el, attrs=POINTER_ATTRS) -> tuple[str, str]:
        """(register id, authority URI) of element el; ("", "") when it points nowhere."""
        for attr in attrs:
            value = (el.get(attr) or "").split()
            if not value:
                continue
            token = value[0]
            if re.match(r"https?://", token):
                return "", token if _safe_url(token) else ""
            target = token.rsplit("#", 1)[-1].strip()
            if not target:
                continue
            if token.startswith("#") or "#" not in token:
                if target in self.local:
                    return f"{self.doc_id}.{target}", ""
            return target, ""
        return "", ""


def _safe_url(url: str) -> str:
    return url if re.match(r"https?://[^\s<>\"]+$", url or "") else ""


def _date(el) -> DateInfo:
    return DateInfo(when=el.get("when") or "", not_before=el.get("notBefore") or el.get("from") or "",
                    not_after=el.get("notAfter") or el.get("to") or "", cert=el.get("cert") or "",
                    text=text(el), evidence=el.get("evidence") or "")


DATE_SOURCES = (
    "tei:teiHeader/tei:profileDesc/tei:creation//tei:date",
    "tei:teiHeader/tei:profileDesc/tei:correspDesc/tei:correspAction[@type='sent']/tei:date",
    "tei:text//tei:dateline//tei:date",
    "tei:teiHeader/tei:fileDesc/tei:sourceDesc//tei:origDate",
    "tei:teiHeader/tei:fileDesc/tei:sourceDesc/tei:bibl/tei:date",
    "tei:teiHeader/tei:fileDesc/tei:titleStmt//tei:date",
)


def document_date(root) -> DateInfo:
    """The document's own date (see the module's docstring for the order of preference)."""
    for expr in DATE_SOURCES:
        for el in root.iterfind(expr, NSMAP):
            info = _date(el)
            if info.iso:
                return info
    for expr in DATE_SOURCES[:3]:
        el = root.find(expr, NSMAP)
        if el is not None and text(el):
            return DateInfo(text=text(el))
    return DateInfo()


def _reading(el, keep=None) -> str:
    """The words of el as the reading view gives them (lemma, corrections, no notes).  With keep,
    the reading that holds keep is taken instead, and keep's words are marked by \x00 … \x01."""
    bits: list[str] = []
    holds = set(keep.iterancestors()) | {keep} if keep is not None else set()

    def walk(node):
        name = etree.QName(node).localname if isinstance(node.tag, str) else ""
        if name in ("app", "choice"):
            chosen = _chosen(node, holds)
            if chosen is not None:
                walk_children(chosen)
            bits.append(node.tail or "")
            return
        if name in BREAKS and node.get("break") != "no":
            bits.append(" ")
        if name in BLOCKS and node is not el:
            bits.append(" ")
        if name not in UNREAD or node in holds:
            walk_children(node)
        if name in BLOCKS and node is not el:
            bits.append(" ")
        bits.append(node.tail or "")

    def walk_children(node):
        if node is keep:
            bits.append("\x00")
        bits.append(node.text or "")
        for child in node:
            if isinstance(child.tag, str):
                walk(child)
            else:
                bits.append(child.tail or "")
        if node is keep:
            bits.append("\x01")

    walk_children(el)
    return "".join(bits)


READING_CHOICE = ("corr", "reg", "expan")


def _chosen(node, holds):
    """The child of an app or choice that the reading view shows (or the one holding the target)."""
    children = [c for c in node if isinstance(c.tag, str)]
    for c in children:
        if c in holds:
            return c
    if etree.QName(node).localname == "choice":
        return next((c for c in children if etree.QName(c).localname in READING_CHOICE),
                    children[0] if children else None)
    readings = [c for c in children if etree.QName(c).localname in ("lem", "rdg", "rdgGrp")]
    lem = next((r for r in readings if etree.QName(r).localname == "lem"), None)
    return lem if lem is not None else (readings[0] if readings else None)


def _context(block, target) -> tuple[str, str, str]:
    raw = _reading(block, keep=target)
    before, _, rest = raw.partition("\x00")
    label, _, after = rest.partition("\x01")
    b, l, a = (" ".join(s.split()) for s in (before, label, after))
    if b and before[-1:].isspace():
        b += " "
    if a and after[:1].isspace():
        a = " " + a
    if len(b) > 90:
        b = b[-90:].split(" ", 1)[-1] if " " in b[-90:] else b[-90:]
    if len(a) > 90:
        a = a[:90].rsplit(" ", 1)[0] if " " in a[:90] else a[:90]
    return b, l or text(target), a


def witness_siglum(wit) -> str:
    """A witness's siglum, by the rule of xslt/common/apparatus.xsl (witness-siglum): @n, else its
    abbr (type="siglum" first), else an idno of type "siglum", else a siglum element, else its xml:id."""
    if wit.get("n"):
        return wit.get("n")
    abbr = wit.findall("tei:abbr", NSMAP)
    candidates = [a for a in abbr if a.get("type") == "siglum"] + abbr
    candidates += [i for i in wit.iter(T + "idno") if i.get("type") == "siglum"]
    candidates += [c for c in wit if isinstance(c.tag, str) and etree.QName(c).localname == "siglum"]
    return next((text(c) for c in candidates if text(c)), "") or wit.get(f"{{{XML_NS}}}id") or ""


def _witness_description(wit) -> str:
    """A witness's description without the siglum it is shown with (<witness><abbr
    type="siglum">Ps</abbr><name>Parisinus …</name>: "Parisinus …", not "Ps Parisinus …")."""
    siglum = witness_siglum(wit)
    desc = copy.deepcopy(wit)
    for child in desc:
        if isinstance(child.tag, str) and text(child) == siglum and etree.QName(child).localname in (
                "abbr", "idno", "siglum"):
            before = child.getprevious()
            if before is not None:
                before.tail = (before.tail or "") + " " + (child.tail or "")
            else:
                desc.text = (desc.text or "") + " " + (child.tail or "")
            desc.remove(child)
            break
    return text(desc)


def _sigla(root) -> dict[str, str]:
    out = {}
    for wit in root.iterfind(".//tei:listWit//tei:witness", NSMAP):
        wid = wit.get(f"{{{XML_NS}}}id") or ""
        out[wid] = witness_siglum(wit)
    return out


def _kind(el) -> str:
    local = etree.QName(el).localname
    if local == "rs":
        return RS_KINDS.get(el.get("type") or "", "")
    return NAME_KINDS.get(local, "")


def _mentions(root, docid: str, pointers: Pointers) -> list[Mention]:
    out = []
    sigla = _sigla(root)
    wanted = {T + t for t in MENTION_TAGS}
    text_el = root.find("tei:text", NSMAP)
    if text_el is None:
        return out
    prefix = f"{docid}-m" if docid else "m"
    for n, el in enumerate(text_el.iter(wanted), start=1):
        local = etree.QName(el).localname
        anchor = el.get(f"{{{XML_NS}}}id") or f"{prefix}{n}"
        # its ancestors once, with their local names (elements all: tags are strings)
        ancestors = [(a, a.tag.rpartition("}")[2]) for a in el.iterancestors()]
        nested = any((name in NAME_KINDS or name == "rs") and a.get("ref") or (name == "ref" and a.get("target"))
                     for a, name in ancestors if a is not text_el)
        block = next((a for a, name in ancestors if name in CONTEXT_BLOCKS), text_el)
        before, label, after = _context(block, el)
        rdg = next((a for a, name in ancestors if name == "rdg"), None)
        witness = ""
        if rdg is not None:
            witness = " ".join(sigla.get(w.lstrip("#"), w.lstrip("#")) for w in (rdg.get("wit") or "").split())
        in_body = any(name == "body" for _, name in ancestors)
        if local == "date":
            info = _date(el)
            out.append(Mention(anchor, "", "date", label, before, after, info.iso, witness,
                               info.label if info.iso else "", in_body, nested))
        else:
            ref, uri = pointers.resolve(el)
            out.append(Mention(anchor, ref, _kind(el), label, before, after, "", witness, "", in_body, nested,
                               uri))
    # speeches name their speakers through @who: a mention of each, anchored at the speech
    for sp in text_el.iter(f"{T}sp"):
        for token in (sp.get("who") or "").split():
            holder = etree.Element(f"{T}sp", ref=token)
            ref, uri = pointers.resolve(holder, ("ref",))
            speaker = sp.find("tei:speaker", NSMAP)
            label = text(speaker) if speaker is not None else token.lstrip("#")
            first = next((c for c in sp if etree.QName(c).localname in ("p", "l", "lg", "ab")), None)
            out.append(Mention(sp.get(f"{{{XML_NS}}}id") or "", ref, "person", label, "", text(first)[:90],
                               "", "", "", True, False, uri))
    return out


def _local_entries(root, doc_id: str) -> list[dict]:
    """The persons, places and organisations a document lists itself, as register entries."""
    from . import register
    out = []
    for tag, kind in ENTRY_TAGS.items():
        for el in root.iter(T + tag):
            xml_id = el.get(f"{{{XML_NS}}}id")
            if not xml_id:
                continue
            try:
                entry = register.entry_of(el, kind, lenient=True)
            except EditioError:
                continue
            entry.id = f"{doc_id}.{xml_id}"
            out.append(asdict(entry))
    return out


def main_title(titles) -> str:
    """The document's title among its titleStmt's: @type='main', else its own (@level='a', a
    letter's beside the collection's), else the first neither a series' or journal's (@level s, j)
    nor of a kind (@type sub, desc …), else the first (xslt/common/structure.xsl, main-title)."""
    titles = [t for t in titles if text(t)]
    for wanted in (lambda t: t.get("type") == "main", lambda t: t.get("level") == "a",
                   lambda t: not t.get("type") and t.get("level") not in ("s", "j"), lambda t: True):
        for t in titles:
            if wanted(t):
                return text(t)
    return ""


def _names(nodes, pointers: Pointers) -> list[Name]:
    return [Name(text(node), pointers.resolve(node)[0]) for node in nodes]


_CREDIT_NAMES = {f"{T}persName", f"{T}name", f"{T}orgName"}


def _credited(nodes, pointers: Pointers) -> list[Name]:
    """The persons an author, editor or respStmt names, once each.  An element holding names names
    each of them (<editor><name>A</name><name>B</name></editor>), unless they carry @xml:lang: then
    they are one name in several languages, and the one without a language (else the first) is
    shown; what is not a name (an idno, a roleName "Editor") is left out."""
    out: list[Name] = []
    for node in nodes:
        names = [c for c in node if c.tag in _CREDIT_NAMES and text(c)] if node.tag not in _CREDIT_NAMES else []
        if names and any(c.get(f"{{{XML_NS}}}lang") for c in names):
            names = [next((c for c in names if not c.get(f"{{{XML_NS}}}lang")), names[0])]
        for el in names or [node]:
            ref = pointers.resolve(el)[0] or (pointers.resolve(node)[0] if len(names) <= 1 else "")
            name = Name(text(el), ref)
            if name.label and all(n.label != name.label for n in out):
                out.append(name)
    return out


def read_record(path: str | Path) -> Record:
    """Parse one TEI document into its record; a file that is not TEI raises EditioError."""
    path = Path(path)
    root = parse(path).getroot()
    if root.tag != f"{T}TEI":
        raise EditioError("not a TEI document (root element is not tei:TEI)", path=str(path),
                          line=root.sourceline)
    return record_of(root, path)


@lru_cache(maxsize=None)
def _xpath(expr: str) -> etree.XPath:
    """expr compiled once (record_of asks the same few dozen of every document)."""
    return etree.XPath(expr, namespaces=NSMAP)


def record_of(root, path: Path) -> Record:
    x = lambda expr: _xpath(expr)(root)  # noqa: E731
    first = lambda expr: (x(expr) or [None])[0]  # noqa: E731
    title = main_title(x("tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title")) or path.stem
    docid = root.get(f"{{{XML_NS}}}id") or ""
    rec = Record(id=path.stem, xml_id=docid, path=str(path), title=title, date=document_date(root))
    rec.local_entries = _local_entries(root, rec.id)
    pointers = Pointers(rec.id, {e["id"][len(rec.id) + 1:] for e in rec.local_entries})
    place = first("tei:teiHeader/tei:profileDesc/tei:creation//tei:placeName | "
                  "tei:teiHeader/tei:profileDesc/tei:correspDesc/tei:correspAction[@type='sent']/tei:placeName")
    if place is not None:
        rec.place = Name(text(place), pointers.resolve(place)[0])
    # @scheme points to the document's taxonomy: '#d<id>-record-type' (or the older '#record-type')
    keywords = ("tei:teiHeader/tei:profileDesc/tei:textClass/tei:keywords[substring(@scheme, string-length(@scheme)"
                " - string-length('{0}') + 1) = '{0}']/tei:term")
    rec.record_type = text(first(keywords.format("record-type")))
    rec.subject = "; ".join(text(t) for t in x(keywords.format("subject")))
    rec.classification = [(text(t), t.get("type") == "struck") for t in x(keywords.format("classification"))]
    source = "tei:teiHeader/tei:fileDesc/tei:sourceDesc"
    citation = first(f"{source}/tei:bibl[@type='citation']")
    if citation is not None:
        own = citation.find("tei:note[@type='citation']", NSMAP)   # the publication's own citation
        rec.citation = text(own if own is not None else citation)
        rec.source_url = _safe_url(_xpath("string(tei:ref/@target)")(citation))
        rec.source_notes = [text(n) for n in citation.iterfind("tei:note[@type='provenance']", NSMAP)]
        rec.source_notes += [text(n) for n in citation.iterfind("tei:note[@type='ocr']", NSMAP)]
    ms = f"{source}/tei:msDesc"
    rec.summary = text(first(f"tei:teiHeader/tei:profileDesc/tei:abstract/tei:p | {ms}/tei:msContents/tei:summary"))
    rec.language = text(first(f"{ms}/tei:msContents/tei:textLang")) or text(
        first("tei:teiHeader/tei:profileDesc/tei:langUsage/tei:language")) or _xpath(
        "string((@xml:lang | tei:text/@xml:lang)[last()])")(root).strip()
    # (a header that names no language: the text's xml:lang, else the root's, as its BCP 47 tag, "ru")
    rec.repository = [text(n) for n in x(f"{ms}/tei:msIdentifier/*[self::tei:collection or self::tei:repository "
                                         f"or self::tei:institution or self::tei:settlement]") if text(n)]
    rec.container = text(first(f"{ms}/tei:msIdentifier/tei:idno[@type='container']"))
    rec.file_number = text(first(f"{ms}/tei:msIdentifier//tei:idno[@type='file']"))
    rec.volume = next((v for v in (text(first(expr)) for expr in (
        "tei:teiHeader/tei:fileDesc/tei:seriesStmt/tei:title[1]",
        f"{source}//tei:bibl[@type='volume']/tei:title[1]",          # an imported volume (editio import)
        f"{source}/tei:bibl/tei:title[@level='m'][1]")) if v), "")
    rec.licence = text(first("tei:teiHeader/tei:fileDesc/tei:publicationStmt/tei:availability/tei:licence"))
    corresp = "tei:teiHeader/tei:profileDesc/tei:correspDesc/tei:correspAction"
    # rs: an addressee by office ("the President")
    rec.senders = _names(x(f"{corresp}[@type='sent']/*[self::tei:persName or self::tei:orgName or self::tei:rs]"),
                         pointers)
    rec.addressees = _names(x(f"{corresp}[@type='received']/*[self::tei:persName or self::tei:orgName or self::tei:rs]"),
                            pointers)
    for person in x("tei:teiHeader/tei:profileDesc/tei:particDesc//tei:person"):
        name = person.find("tei:persName", NSMAP)
        if name is not None:
            ref = pointers.resolve(name)[0] or (f"{rec.id}.{person.get(f'{{{XML_NS}}}id')}"
                                                if person.get(f"{{{XML_NS}}}id") else "")
            rec.participants.append(Name(text(name), ref, text(person.find("tei:occupation", NSMAP))))
    # every witness of the header's listWit, nested groups included (the stylesheets read the same)
    for wit in x("tei:teiHeader//tei:listWit//tei:witness[@xml:id]"):
        rec.witnesses.append(Witness(wit.get(f"{{{XML_NS}}}id"), witness_siglum(wit), _witness_description(wit)))
    targets = x("tei:teiHeader/tei:profileDesc/tei:correspDesc/tei:correspContext/tei:ref[@type='related']/@target"
                f" | {source}/tei:listRelation/tei:relation[@name='related']/@active"
                f" | {source}/tei:listRelation/tei:relation[@name='related']/@passive"
                f" | {source}/tei:listRelation/tei:relation[@name='related']/@mutual")
    for target in targets:
        for token in str(target).split():
            stem = Path(token.split("#")[0]).stem if token.split("#")[0] else ""
            if stem and stem != rec.id and stem not in rec.related:
                rec.related.append(stem)
    title_stmt = "tei:teiHeader/tei:fileDesc/tei:titleStmt"
    rec.authors = _credited(x(f"{title_stmt}/tei:author"), pointers)
    # editors, and the persons a respStmt credits (not the software or the archive it may also name)
    rec.editors = _credited(x(f"{title_stmt}/tei:editor | {title_stmt}/tei:respStmt/tei:persName"), pointers)
    pub = "tei:teiHeader/tei:fileDesc/tei:publicationStmt"
    rec.publication = ", ".join(t for t in (text(e) for e in x(f"{pub}/tei:publisher | {pub}/tei:pubPlace | "
                                                                 f"{pub}/tei:date | {pub}/tei:authority")) if t)
    if not rec.citation:
        for expr in (f"{source}/tei:bibl", f"{source}/tei:biblStruct", f"{source}/tei:msDesc/tei:msIdentifier",
                     f"{source}/tei:p"):
            note = text(first(expr))
            if note:
                rec.source_note = note[:600]
                break
    for kind, target in (("sent", rec.sent), ("received", rec.received)):
        for action in x(f"{corresp}[@type='{kind}']"):
            place = text(action.find("tei:placeName", NSMAP))
            when = action.find("tei:date", NSMAP)
            label = _date(when).label if when is not None else ""
            if place or label:
                target.append((place, label))
    rec.mentions = _mentions(root, docid, pointers)
    rec.notes = len(x("tei:text//tei:note"))
    rec.apparatus = len(x("tei:text//tei:app"))
    rec.page_breaks = [pb.get("n") or "" for pb in root.iterfind("tei:text//tei:pb", NSMAP)]
    rec.ids = [str(i) for i in x("tei:text//@xml:id")]
    for div in root.iterfind("tei:text//tei:div", NSMAP):
        depth = sum(1 for a in div.iterancestors(f"{T}div"))
        rec.outline.append(Division(div.get(f"{{{XML_NS}}}id") or "", div.get("type") or "",
                                    text(div.find("tei:head", NSMAP)), depth))
    for depth, term in enumerate(x("tei:teiHeader/tei:profileDesc/tei:textClass/tei:keywords[@scheme='#outline']/tei:term")):
        rec.part_of.append(Division(term.get("n") or "", term.get("type") or "", text(term), depth,
                                    term.get("sortKey") or ""))
    changes = [c.get("when") for c in root.iterfind("tei:teiHeader/tei:revisionDesc//tei:change[@when]", NSMAP)]
    rec.last_change = max(changes) if changes else ""
    return rec
