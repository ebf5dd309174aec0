"""Inline markup of the transcriptions: struck text, insertions, [sic], redactions, gaps, glosses.

The archives mark editorial phenomena with light markdown-like conventions:
  ~~word~~          struck through            -> Mark('del')
  [^if]             interlinear insertion     -> Mark('add')
  word [sic]        the transcriber's [sic]   -> Mark('sic') around the word
  ██████            redaction block           -> Mark('gap', reason=redacted, quantity=n)
  [ILLEGIBLE]       illegible passage         -> Mark('gap', reason=illegible)
  *[Signature]*     undeciphered signature    -> Mark('gap', reason=signature, desc=Signature)
  [Page 379]        page break of the volume  -> Mark('pb', n=379)
  [anything else]   the archive's gloss       -> Mark('gloss')
  **bold**          emphasis in the page      -> the text (rendition only)
"""

from __future__ import annotations

import re

from ..model import Inline, Mark

_TOKEN = re.compile(
    r"(?P<del>~~(?P<deltext>.+?)~~)"
    r"|(?P<add>\[\^(?P<addtext>[^\]]+)\])"
    r"|(?P<sic>(?P<sicword>[^\s\[\]]+) \[sic\])"
    r"|(?P<redact>█+)"
    r"|(?P<illegible>\[ILLEG\s?IBLE\])"
    r"|(?P<desc>\*?\[(?P<desctext>Signature|Handwritten notes?|Stamp|Seal)\]\*?)"
    r"|(?P<page>\[Page (?P<pagen>[0-9ivxlcdm]+)\])"
    r"|(?P<gloss>\[(?P<glosstext>[^\]\[]+)\])"
    r"|(?P<bold>\*\*(?P<boldtext>.+?)\*\*)",
    re.IGNORECASE,
)

_DESC_REASON = {"signature": "signature", "stamp": "stamp", "seal": "seal"}


def parse_inlines(text: str) -> list[Inline]:
    """Turn one line or paragraph of transcription into inlines. Line breaks become Mark('lb')."""
    result: list[Inline] = []
    for number, line in enumerate(text.split("\n")):
        if number:
            _append(result, Mark("lb"))
        _parse_line(line, result)
    return result


def _parse_line(line: str, out: list[Inline]) -> None:
    pos = 0
    for match in _TOKEN.finditer(line):
        if match.start() > pos:
            _append(out, line[pos:match.start()])
        kind = next(k for k in ("del", "add", "sic", "redact", "illegible", "desc", "page", "gloss", "bold")
                    if match.group(k))
        if kind == "del":
            out.append(Mark("del", parse_inlines(match["deltext"]), {"rend": "strikethrough"}))
        elif kind == "add":
            out.append(Mark("add", [match["addtext"]], {"place": "above"}))
        elif kind == "sic":
            out.append(Mark("sic", [match["sicword"]]))
        elif kind == "redact":
            out.append(Mark("gap", [], {"reason": "redacted", "quantity": str(len(match["redact"])),
                                        "unit": "chars"}))
        elif kind == "illegible":
            out.append(Mark("gap", [], {"reason": "illegible"}))
        elif kind == "desc":
            label = match["desctext"]
            out.append(Mark("gap", [label], {"reason": _DESC_REASON.get(label.lower(), "handwritten")}))
        elif kind == "page":
            out.append(Mark("pb", [], {"n": match["pagen"]}))
        elif kind == "gloss":
            out.append(Mark("gloss", [match["glosstext"]]))
        elif kind == "bold":
            _append(out, match["boldtext"])
        pos = match.end()
    if pos < len(line):
        _append(out, line[pos:])


def _append(out: list[Inline], item: Inline) -> None:
    if isinstance(item, str) and out and isinstance(out[-1], str):
        out[-1] += item
    else:
        out.append(item)


def plain(inlines: list[Inline]) -> str:
    """The text of inlines as read (deletions and gaps dropped, insertions kept)."""
    parts = []
    for item in inlines:
        if isinstance(item, str):
            parts.append(item)
        elif item.kind == "lb":
            parts.append(" ")
        elif item.kind in {"add", "sic", "hi"}:
            parts.append(plain(item.children))
    return "".join(parts)


def strip_markup(text: str) -> str:
    """Source text without transcription marks, for matching labels (e.g. '~~SECRET~~' -> 'SECRET')."""
    return re.sub(r"~~|\*\*|\[\^[^\]]*\]|█+", "", text).strip()
