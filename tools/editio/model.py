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


@dataclass
class Document:
    id: str                      # file stem, e.g. 1944-06-10-harriman-stalin
    source: str                  # seed path as given
    reader: str
    header: Header = field(default_factory=Header)
    witnesses: list[Witness] = field(default_factory=list)
    related: list[str] = field(default_factory=list)         # ids of related documents
