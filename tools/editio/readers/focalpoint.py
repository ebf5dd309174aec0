"""Focal Point Publications web transcripts (David Irving's website): OCR text between site furniture."""

from __future__ import annotations

import re

from ..model import Document, Header
from .body import BodyOptions
from .layout import build_witnesses, paragraphs

ARCHIVE = "Focal Point Publications"
LEADING_FURNITURE = re.compile(r"^(Quick navigation|(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), )")
TRAILER = re.compile(r"^(Website note:|The above material|Extracts from|©)")


class FocalPointReader:
    name = "focalpoint"
    description = "Focal Point (fpp.co.uk) web transcript"

    def detect(self, text: str) -> float:
        hits = sum(marker in text for marker in ("Focal Point", "Quick navigation", "David Irving", "fpp.co.uk"))
        return hits / 4

    def read(self, text: str, source: str, doc_id: str, settings: dict) -> Document:
        header = Header(archive=ARCHIVE, language="English", language_code="en")
        paras = paragraphs(text)
        body: list[str] = []
        trailer = False
        for para in paras:
            flat = " ".join(para.split())
            if trailer or TRAILER.match(flat):
                trailer = True
                self._trailer(flat, header)
            elif not body and LEADING_FURNITURE.match(flat):
                header.furniture.append(flat)
            elif not body and not header.title and " From " in flat:
                self._title(flat, header)
            else:
                body.append(para)
        options = BodyOptions(docket_lines=set(settings.get("docket_lines", [])))
        witnesses = build_witnesses([body], [], header, options, ARCHIVE)
        header.record_type = header.record_type or "Memorandum of conversation"
        return Document(id=doc_id, source=source, reader=self.name, header=header, witnesses=witnesses)

    def _title(self, flat: str, header: Header) -> None:
        """"Stalin's conversation with …, Oct 17, 1944. From Library of Congress, H H Arnold papers, box 225" """
        title, _, source = flat.partition(". From ")
        header.title = title.strip()
        for part in (p.strip(" .") for p in source.split(",")):
            lower = part.lower()
            if lower.startswith(("box", "container", "folder")):
                header.container = part
            elif lower.endswith(("papers", "collection", "records")):
                header.collection = part
            elif part:
                header.institution = header.institution or part
        header.citation = flat

    def _trailer(self, flat: str, header: Header) -> None:
        if flat.startswith("Website note:") or flat.startswith("The above material"):
            header.source_notes.append(flat)
        elif flat.startswith("©"):
            header.rights = flat
        else:
            header.furniture.append(flat)
