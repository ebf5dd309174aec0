"""Wilson Center Digital Archive pages (digitalarchive.wilsoncenter.org).

Two layouts occur: the labelled page (date, title, then "Citation:", "Summary:", "Original Language:",
"Contents:" and the transcriptions) and the flattened page (summary, date, title, credits, the text,
then "Associated Places", "Document Information", "Rights", …).
"""

from __future__ import annotations

import re

from ..model import Document, Header
from .body import BodyOptions
from .document_date import find_date
from .layout import (build_witnesses, clean_label, line_paragraphs, paragraphs, split_witnesses,
                     trim_after_closer)

ARCHIVE = "Wilson Center Digital Archive"
LABELS = ("Citation:", "Summary:", "Credits:", "Original Language:", "Contents:")
BRANDING = {"wilson center", "digital archive", "international history declassified",
            "digitalarchive.wilsoncenter.org"}
TRAILER = ("Associated Places", "Related Documents", "Document Information", "Source", "Original Archive",
           "Rights", "Original Uploaded Date", "Type", "Language", "Record ID", "Original Classification")
LANGUAGE_CODES = {"english": "en", "russian": "ru", "chinese": "zh", "japanese": "ja", "german": "de",
                  "french": "fr"}
RECORD_TYPES = ("Memorandum of Conversation", "Cable", "Telegram", "Letter", "Report", "Conversation",
                "Minutes", "Memorandum")


class WilsonReader:
    name = "wilson"
    description = "Wilson Center Digital Archive document page"

    def detect(self, text: str) -> float:
        hits = sum(marker in text for marker in (
            "Wilson Center", "wilson-center-digital-archive", "digitalarchive.wilsoncenter.org",
            "History and Public Policy Program", "Digital Archive"))
        return hits / 5

    def read(self, text: str, source: str, doc_id: str, settings: dict) -> Document:
        header = Header(archive=ARCHIVE)
        options = BodyOptions(docket_lines=set(settings.get("docket_lines", [])))
        if any(clean_label(p) == "Citation:" for p in paragraphs(text)):
            body, labels = self._labelled(text, header)
        else:
            body, labels = self._flattened(text, header)
        segments = split_witnesses(body, labels)
        witnesses = build_witnesses(segments, labels, header, options, ARCHIVE)
        for witness in witnesses:
            witness.blocks = trim_after_closer(witness.blocks, header)
        header.record_type = header.record_type or _record_type(header.title)
        if not header.citation and header.title:
            # the page gives no citation: cite it the way the archive cites its documents
            header.citation = f'"{header.title}", {header.date_text}, {ARCHIVE}.'.replace(", ,", ",")
        _publication(header)
        return Document(id=doc_id, source=source, reader=self.name, header=header, witnesses=witnesses)

    # -- the labelled layout -------------------------------------------------------------------
    def _labelled(self, text: str, header: Header) -> tuple[list[str], list[str]]:
        paras = paragraphs(text)
        fields: dict[str, list[str]] = {}
        current = None
        body_start = len(paras)
        for index, para in enumerate(paras):
            label = clean_label(para)
            if " ".join(label.split()).lower() in BRANDING or \
                    all(" ".join(line.split()).lower() in BRANDING for line in label.split("\n")):
                header.furniture.append(label)
                continue
            if label in LABELS:
                current = label
                fields[current] = []
                continue
            if current is None:
                if not header.date_text and find_date(label) and find_date(label)[1].group(0) == label:
                    header.date, header.date_text = find_date(label)[0], label
                elif not header.title:
                    header.title = " ".join(label.split())
                continue
            if current == "Contents:":
                fields[current].append(para)
                body_start = index + 1
                break
            fields[current].append(para)
        self._fields(fields, header)
        labels = [line.strip() for para in fields.get("Contents:", []) for line in para.split("\n") if line.strip()]
        return paras[body_start:], labels

    # -- the flattened layout ------------------------------------------------------------------
    def _flattened(self, text: str, header: Header) -> tuple[list[str], list[str]]:
        lines = [line.strip() for line in text.split("\n") if line.strip()]
        start = next((i for i, line in enumerate(lines) if find_date(line) and find_date(line)[1].group(0) == line), None)
        if start is None:
            return line_paragraphs(lines), []
        header.date, header.date_text = find_date(lines[start])[0], lines[start]
        if start > 0:
            header.summary = lines[start - 1]
        header.title = lines[start + 1] if start + 1 < len(lines) else ""
        body_start = start + 2
        if body_start < len(lines) and lines[body_start].startswith("This document was made possible"):
            header.credits = lines[body_start]
            body_start += 1
        end = next((i for i in range(body_start, len(lines)) if lines[i] in TRAILER), len(lines))
        self._trailer(lines[end:], header)
        own = _summary_after_text(lines[body_start:end], header.summary)
        if own:
            # the page closes the text with the document's own summary; the line above the date is
            # another summary the page shows (of a related document), kept as the page gives it
            header.publication.notes.append(("page-summary", header.summary))
            header.summary = own
            end -= 1
        return line_paragraphs(lines[body_start:end]), []

    def _trailer(self, lines: list[str], header: Header) -> None:
        for index, line in enumerate(lines):
            following = lines[index + 1] if index + 1 < len(lines) else ""
            if line == "Original Classification" and following and following not in TRAILER:
                header.classification = header.classification or following.upper()
                header.publication.notes.append(("classification", f"Original Classification: {following}"))
            elif line == "Original Archive" and following and following not in TRAILER:
                header.institution = header.institution or following
            elif line == "Record ID" and following and following not in TRAILER:
                header.publication.record_id = following
            elif line == "Rights":
                rights = []
                for nxt in lines[index + 1:]:
                    if nxt in TRAILER:
                        break
                    rights.append(nxt)
                header.rights = " ".join(rights)
            header.furniture.append(line)

    def _fields(self, fields: dict[str, list[str]], header: Header) -> None:
        citation = " ".join(" ".join(p.split()) for p in fields.get("Citation:", []))
        url = re.search(r"<(https?://[^>\s]+)>", citation)
        if url:
            header.url = url[1]
            citation = citation.replace(url.group(0), "").strip()
        header.citation = citation
        _parse_citation(citation, header)
        header.summary = " ".join(" ".join(p.split()) for p in fields.get("Summary:", []))
        header.credits = " ".join(" ".join(p.split()) for p in fields.get("Credits:", []))
        language = " ".join(fields.get("Original Language:", [])).strip()
        header.language = language
        header.language_code = LANGUAGE_CODES.get(language.lower(), "")


def _summary_after_text(lines: list[str], leading: str) -> str:
    """The last line of the text area when it is a summary sentence about the document ("Harriman
    reports on …"): it follows the closing initials and reads like the summary above the date."""
    if len(lines) < 2 or not leading:
        return ""
    last, before = lines[-1], lines[-2]
    starts_alike = last.split()[:2] == leading.split()[:2]
    after_closer = bool(re.fullmatch(r"[A-Z]{2,4}", before))
    return last if starts_alike and after_closer and last.endswith(".") else ""


def _publication(header: Header) -> None:
    """The Wilson Center page as the publication the text is read in."""
    pub = header.publication
    pub.publisher = ARCHIVE
    pub.title = header.title
    pub.url = header.url
    pub.citation = header.citation
    record = re.search(r"/document/(\d+)", header.url or "")
    if record and not pub.record_id:
        pub.record_id = record[1]
    if header.credits:
        pub.notes.append(("credits", header.credits))
    if header.rights:
        pub.notes.append(("rights", header.rights))


def _parse_citation(citation: str, header: Header) -> None:
    """'"Title", June 10, 1944, Wilson Center Digital Archive, Container # 172, W. Averell Harriman Papers,
    Manuscript Division, Library of Congress, Washington, D.C.' -> container, collection, …"""
    if ARCHIVE not in citation:
        return
    tail = citation.split(ARCHIVE, 1)[1].strip(" ,.")
    parts = [p.strip() for p in re.split(r",\s*(?![A-Z]\.\s*C\.)", tail) if p.strip()]
    for part in parts:
        lower = part.lower()
        if lower.startswith(("container", "box", "folder")):
            header.container = part
        elif lower.endswith(("papers", "collection", "files", "records")):
            header.collection = part
        elif "division" in lower or "department" in lower:
            header.repository = part
        elif "library" in lower or "archive" in lower or "museum" in lower:
            header.institution = part
        elif re.match(r"^[A-Z][a-z]+(?: [A-Z][a-z]+)*(?:, [A-Z]\.\s*[A-Z]\.)?$", part):
            header.settlement = part
    if "Washington, D.C" in tail:
        header.settlement = "Washington, D.C."


def _record_type(title: str) -> str:
    for kind in RECORD_TYPES:
        if re.search(rf"\b{re.escape(kind)}\b", title, re.IGNORECASE):
            return kind[0].upper() + kind[1:].lower() if kind != "Memorandum of Conversation" else \
                "Memorandum of conversation"
    return ""
