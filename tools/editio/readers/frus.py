"""Pages of the Foreign Relations of the United States (FRUS) volumes, as plain text.

The page opens with the decimal-file source note ("761.93/12–1544: Telegram"), then the heading
("The Ambassador in the Soviet Union (Harriman) to the President 1") with footnote numbers, the
classification, the text with "[Page N]" page breaks, and the footnotes at the foot ("1. …").
"""

from __future__ import annotations

import re

from ..model import Block, Document, Header, Mark
from .body import BodyOptions
from .document_date import FILE_NUMBER, file_number_date
from .marks import parse_inlines
from .layout import build_witnesses, paragraphs

ARCHIVE = "Foreign Relations of the United States"
PUBLISHER = "Office of the Historian, U.S. Department of State"
DATE_NOTE = ("The telegram bears no date; the date is inferred from the Department of State's decimal "
             "file number {file}, whose last part is the day the Department filed it.")
SOURCE_NOTE = re.compile(r"^(?P<file>\d{3}(?:\.\d+)+/[\d–-]+):\s*(?P<type>[A-Z][a-z]+)")
FOOTNOTE = re.compile(r"^\s*(?P<n>\d+)\.\s+(?P<text>.+)$", re.DOTALL)
HEAD_NOTE_REF = re.compile(r"\s(?P<n>\d{1,2})$")
SENDER = re.compile(r"\((?P<name>[^)]+)\)")


class FrusReader:
    name = "frus"
    description = "FRUS volume page (Office of the Historian), plain text"

    def detect(self, text: str) -> float:
        first = text.strip().split("\n", 1)[0]
        score = 0.6 if SOURCE_NOTE.match(first) else 0.0
        return score + (0.4 if re.search(r"\[Page \d+\]", text) else 0.0)

    def read(self, text: str, source: str, doc_id: str, settings: dict) -> Document:
        header = Header(archive=ARCHIVE, language="English", language_code="en")
        paras = paragraphs(text)
        notes: dict[str, str] = {}
        while paras and FOOTNOTE.match(paras[-1]) and len(paras) > 2:
            match = FOOTNOTE.match(paras.pop())
            notes[match["n"]] = " ".join(match["text"].split())
        blocks: list[Block] = []
        note = SOURCE_NOTE.match(paras[0]) if paras else None
        if note:
            number = FILE_NUMBER.search(note["file"])
            header.file_number = number.group(0) if number else note["file"]
            header.record_type = note["type"]
            header.date = file_number_date(note["file"]) or ""
            if header.date:
                header.date_cert, header.date_evidence = "medium", "internal"
                header.date_note = DATE_NOTE.format(file=header.file_number)
            # the original: the State Department's central (decimal) file, by its file number
            header.institution, header.collection = "Department of State", "Decimal file"
            header.citation = f"{ARCHIVE}, {' '.join(paras[0].split())}"
            blocks.append(Block("docket", parse_inlines(paras.pop(0).strip()),
                                attrs={"type": "source", "resp": "archive"}))     # FRUS's source note
        if paras:
            blocks.append(self._heading(paras.pop(0), header, notes))
        options = BodyOptions(docket_lines=set(settings.get("docket_lines", [])))
        witnesses = build_witnesses([paras], [], header, options, ARCHIVE)
        witnesses[0].blocks[:0] = blocks
        for block in witnesses[0].blocks:
            if block.kind == "classification":
                header.classification = header.classification.upper()
        pub = header.publication
        pub.publisher, pub.series, pub.title, pub.citation = PUBLISHER, ARCHIVE, header.title, header.citation
        pages = re.findall(r"\[Page (\d+)\]", text)
        if pages:
            pub.pages = f"{int(pages[0]) - 1}–{pages[-1]}"     # the text runs onto the pages it marks
        return Document(id=doc_id, source=source, reader=self.name, header=header, witnesses=witnesses)

    def _heading(self, para: str, header: Header, notes: dict[str, str]) -> Block:
        text = " ".join(para.split())
        inlines: list = []
        ref = HEAD_NOTE_REF.search(text)
        if ref and ref["n"] in notes:
            text = text[:ref.start()]
        header.title = text
        inlines = parse_inlines(text)
        if ref and ref["n"] in notes:
            inlines.append(Mark("note", parse_inlines(notes.pop(ref["n"])),
                                {"n": ref["n"], "place": "foot", "resp": "archive"}))   # FRUS's footnote
        sender = SENDER.search(text)
        if sender:
            header.sender = sender["name"]
            header.addressees = [text.split(" to ", 1)[1].strip()] if " to " in text else []
        return Block("head", inlines)
