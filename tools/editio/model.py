"""The document model every reader produces and the TEI writer consumes (like pandoc's AST).

It is deliberately small: a header of metadata, and for each witness a list of blocks whose
content is a list of inlines.  An inline is a plain string or a `Mark`.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Mark:
    """An inline phenomenon.

    kind: del | add | sic | gap | gloss | pb | lb | noteref | label | embed
    children: the marked content; attrs: kind-specific values (reason, quantity, n, rend…);
    block: for 'embed', a block (stamp, footer…) that interrupts a paragraph in the source
    """

    kind: str
    children: list["Inline"] = field(default_factory=list)
    attrs: dict[str, str] = field(default_factory=dict)
    block: "Block | None" = None


Inline = str | Mark


@dataclass
class Block:
    """A block of the document.

    kind: head | p | subject | participants | list | note | fw | pb | closer | dateline | docket
          | stamp | handwritten
    content: inlines; items: for participants/list, a list of inline lists
    """

    kind: str
    content: list[Inline] = field(default_factory=list)
    items: list[list[Inline]] = field(default_factory=list)
    attrs: dict[str, str] = field(default_factory=dict)


@dataclass
class Participant:
    name: str
    role: str = ""


@dataclass
class Witness:
    siglum: str
    label: str
    description: str = ""
    blocks: list[Block] = field(default_factory=list)


@dataclass
class Publication:
    """The publication the text is read in (a web archive's page, a printed volume): a bibl, kept
    apart from the archival original (msDesc)."""

    publisher: str = ""         # Wilson Center Digital Archive, Focal Point Publications, …
    title: str = ""             # the publication's title for the document
    series: str = ""            # Foreign Relations of the United States
    volume: str = ""            # Conferences at Malta and Yalta, 1945
    number: str = ""            # the document's number in the volume
    pages: str = ""             # 378–379
    url: str = ""
    record_id: str = ""
    date: str = ""              # ISO date of the publication (a web page's date)
    date_text: str = ""
    citation: str = ""          # how the publication cites the document
    notes: list[tuple[str, str]] = field(default_factory=list)   # (type, text): provenance, ocr, …


@dataclass
class Header:
    title: str = ""
    date: str = ""              # ISO 8601 (YYYY-MM-DD) of the document
    date_text: str = ""         # as the source gives it
    place: str = ""
    citation: str = ""
    url: str = ""
    archive: str = ""           # the publishing archive (Wilson Center Digital Archive, Focal Point…)
    institution: str = ""
    repository: str = ""
    collection: str = ""
    container: str = ""
    settlement: str = ""
    summary: str = ""
    language: str = ""
    language_code: str = ""
    record_type: str = ""
    classification: str = ""
    classification_struck: bool = False
    participants: list[Participant] = field(default_factory=list)
    subject: str = ""
    file_number: str = ""
    sender: str = ""
    sender_place: str = ""
    addressees: list[str] = field(default_factory=list)
    credits: str = ""
    rights: str = ""
    source_notes: list[str] = field(default_factory=list)   # website notes, research notes
    furniture: list[str] = field(default_factory=list)      # page furniture set aside (kept for the record)
    publication: Publication = field(default_factory=Publication)
    date_cert: str = ""         # when the date is inferred: high | medium | low
    date_evidence: str = ""     # how: internal | external | conjecture
    date_note: str = ""         # why, in a sentence


@dataclass
class Document:
    id: str                      # file stem, e.g. 1944-06-10-harriman-stalin
    source: str                  # seed path as given
    reader: str
    header: Header = field(default_factory=Header)
    witnesses: list[Witness] = field(default_factory=list)
    related: list[str] = field(default_factory=list)         # ids of related documents
