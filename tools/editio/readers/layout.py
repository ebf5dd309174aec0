"""Page layout helpers shared by readers: paragraphs, witnesses on one page, trailing furniture."""

from __future__ import annotations

import re

from ..model import Block, Header, Witness
from .body import INITIALS, BodyOptions, parse_body
from .marks import plain

TERMINAL = ('.', '?', '!', '"', '”', ')', ':', ';', '…', ']')
CONTINUING_WORDS = {"to", "and", "of", "the", "with", "from", "in", "for", "a", "an", "by", "on"}


def paragraphs(text: str) -> list[str]:
    """Split on blank lines; a markdown hard break ('  ' at a line end) stays a line break."""
    out, chunk = [], []
    for line in text.split("\n"):
        line = line.rstrip()
        if line.strip():
            chunk.append(line)
        elif chunk:
            out.append("\n".join(chunk))
            chunk = []
    if chunk:
        out.append("\n".join(chunk))
    return out


def line_paragraphs(lines: list[str]) -> list[str]:
    """For pages with one paragraph a line: a line that stops mid-sentence continues on the next."""
    out: list[str] = []
    for line in (l.strip() for l in lines):
        if not line:
            continue
        if out and _stops_mid_sentence(out[-1], line):
            out[-1] += "\n" + line
        else:
            out.append(line)
    return out


def _stops_mid_sentence(previous: str, line: str) -> bool:
    last = previous.split("\n")[-1].rstrip()
    if line[:1].islower():
        return True
    if last.endswith(TERMINAL):
        return False
    words = last.split()
    return bool(words) and words[-1].lower() in CONTINUING_WORDS


def split_witnesses(paras: list[str], labels: list[str]) -> list[list[str]]:
    """Several transcriptions of one document, one after another, each closing with initials.

    The page's list of contents names them; when the count matches, each is a witness.
    """
    segments, current = [], []
    for para in paras:
        current.append(para)
        if INITIALS.match(para.strip()):
            segments.append(current)
            current = []
    if current:
        if segments and not any(len(p) > 200 for p in current):
            segments[-1].extend(current)
        else:
            segments.append(current)
    if len(labels) > 1 and len(segments) == len(labels):
        return segments
    return [paras]


def build_witnesses(segments: list[list[str]], labels: list[str], header: Header,
                    options: BodyOptions, archive: str) -> list[Witness]:
    witnesses = []
    for index, segment in enumerate(segments):
        siglum = chr(ord("A") + index)
        scratch = header if index == 0 else Header()   # the header comes from the first witness
        blocks = anchor_notes(parse_body(segment, scratch, options))
        label = labels[index] if index < len(labels) and len(segments) > 1 else ""
        description = f"{label} ({archive})" if label else ""
        witnesses.append(Witness(siglum=siglum, label=label, description=description, blocks=blocks))
    return witnesses


def trim_after_closer(blocks: list[Block], header: Header) -> list[Block]:
    """Whatever follows the closing signature on an archive page is the archive's, not the document's."""
    last = max((i for i, b in enumerate(blocks) if b.kind == "closer"), default=None)
    if last is None:
        return blocks
    for block in blocks[last + 1:]:
        header.furniture.append(plain(block.content) or " ".join(plain(i) for i in block.items))
    return blocks[:last + 1]


def clean_label(text: str) -> str:
    """'#### **Citation:**' -> 'Citation:'"""
    return re.sub(r"^#+\s*|\*\*", "", text).strip()


def anchor_notes(blocks: list[Block]) -> list[Block]:
    """Move a note block ("* Mr Eden's memorandum.") to its reference mark in the text before it."""
    from ..model import Mark
    out: list[Block] = []
    for block in blocks:
        marker = block.attrs.get("n") if block.kind == "note" else None
        if marker and _anchor(out, marker, Mark("note", block.content, dict(block.attrs))):
            continue
        out.append(block)
    return out


def _anchor(blocks: list[Block], marker: str, note) -> bool:
    pattern = re.compile(rf"(?<=\S){re.escape(marker)}(?=\s|$)")
    for block in reversed(blocks):
        for index in range(len(block.content) - 1, -1, -1):
            item = block.content[index]
            if isinstance(item, str):
                found = list(pattern.finditer(item))
                if found:
                    cut = found[-1]
                    block.content[index:index + 1] = [item[:cut.start()], note, item[cut.end():]]
                    return True
    return False
