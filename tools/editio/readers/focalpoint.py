"""Focal Point Publications web transcripts (David Irving's website): OCR text between site furniture."""

from __future__ import annotations

import re

from ..model import Document, Header
from .body import BodyOptions
from .document_date import find_date
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
                found = find_date(flat)
                if found and not header.publication.date:
                    # the page's own date ("Tuesday, March 30, 2004"): when it was published
                    header.publication.date, header.publication.date_text = found[0], flat
                else:
                    header.furniture.append(flat)
            elif not body and not header.title and " From " in flat:
                self._title(flat, header)
            else:
                body.append(para)
        options = BodyOptions(docket_lines=set(settings.get("docket_lines", [])))
        witnesses = build_witnesses([body], [], header, options, ARCHIVE)
        header.record_type = header.record_type or "Memorandum of conversation"
        header.publication.publisher = ARCHIVE
        header.publication.citation = header.citation
        return Document(id=doc_id, source=source, reader=self.name, header=header, witnesses=witnesses)

    def _title(self, flat: str, header: Header) -> None:
        """"Stalin's conversation with …, Oct 17, 1944. From Library of Congress, H H Arnold papers, box 225" """
        title, _, source = flat.partition(". From ")
        header.title = title.strip()
        header.publication.title = header.title   # the page's citation says where the typescript is
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
        notes = header.publication.notes
        if flat.startswith("Website note:"):
            notes.append(("ocr", flat))
        elif flat.startswith("The above material"):
            notes.append(("provenance", flat))
        elif flat.startswith("©"):
            notes.append(("rights", flat))
        else:
            header.furniture.append(flat)      # the site's links to other pages
