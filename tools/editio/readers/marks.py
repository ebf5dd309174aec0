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

# Every mark but [sic].  Each alternative gives up at a position after reading at most up to the
# next delimiter, and none looks behind, so one scan of a line costs time linear in its length.
_TOKEN = re.compile(
    r"(?P<del>~~(?P<deltext>.+?)~~)"
    r"|(?P<add>\[\^(?P<addtext>[^\]\[]+)\])"
    r"|(?P<redact>█+)"
    r"|(?P<illegible>\[ILLEG\s?IBLE\])"
    r"|(?P<desc>\*?\[(?P<desctext>Signature|Handwritten notes?|Stamp|Seal)\]\*?)"
    r"|(?P<page>\[Page (?P<pagen>[0-9ivxlcdm]+)\])"
    r"|(?P<gloss>\[(?P<glosstext>[^\]\[]+)\])"
    r"|(?P<bold>\*\*(?P<boldtext>.+?)\*\*)",
    re.IGNORECASE,
)
# "word [sic]": the run of non-space, non-bracket characters before " [sic]".  Tried as one more
# alternative at every position, as it once was, it re-read the rest of the run from each
# position: quadratic in a long run.  The runs that end in " [sic]" are found once per line
# instead (a run starts only where the previous character cannot continue it), and the scanner
# below gives [sic] the precedence it had as the third alternative: after ~~del~~ and [^add].
_SIC_RUN = re.compile(r"(?<![^\s\[\]])[^\s\[\]]+(?= \[sic\])", re.IGNORECASE)
_SIC_TAIL = len(" [sic]")
_BEFORE_SIC = ("del", "add")

_DESC_REASON = {"signature": "signature", "stamp": "stamp", "seal": "seal"}


def parse_inlines(text: str) -> list[Inline]:
    """Turn one line or paragraph of transcription into inlines. Line breaks become Mark('lb')."""
    result: list[Inline] = []
    for number, line in enumerate(text.split("\n")):
        if number:
            _append(result, Mark("lb"))
        _parse_line(line, result)
    return result


def _tokens(line: str):
    """(start, end, kind, match or None) of every mark in the line, left to right."""
    runs = [(m.start(), m.end()) for m in _SIC_RUN.finditer(line)]
    run = 0
    pos = 0
    match = _TOKEN.search(line)
    while True:
        while run < len(runs) and runs[run][1] <= pos:
            run += 1
        sic_at = max(runs[run][0], pos) if run < len(runs) else None
        if match is not None and match.start() < pos:
            match = _TOKEN.search(line, pos)    # only when the last one was used: each search moves on
        if sic_at is not None and (match is None or sic_at < match.start()
                                   or (sic_at == match.start() and match.lastgroup not in _BEFORE_SIC)):
            end = runs[run][1]
            yield sic_at, end + _SIC_TAIL, "sic", line[sic_at:end]
            pos = end + _SIC_TAIL
            continue
        if match is None:
            return
        yield match.start(), match.end(), _kind(match), match
        pos = match.end()


def _kind(match) -> str:
    return next(k for k in ("del", "add", "redact", "illegible", "desc", "page", "gloss", "bold")
                if match.group(k))


def _parse_line(line: str, out: list[Inline]) -> None:
    pos = 0
    text: list[str] = []        # plain text since the last mark, joined once: += on a growing
                                # string would copy it at every **bold** piece (quadratic)

    def mark(item: Mark) -> None:
        if text:
            _append(out, "".join(text))
            text.clear()
        out.append(item)

    for start, end, kind, match in _tokens(line):
        if start > pos:
            text.append(line[pos:start])
        if kind == "sic":
            mark(Mark("sic", [match]))
        elif kind == "del":
            mark(Mark("del", parse_inlines(match["deltext"]), {"rend": "strikethrough"}))
        elif kind == "add":
            mark(Mark("add", [match["addtext"]], {"place": "above"}))
        elif kind == "redact":
            mark(Mark("gap", [], {"reason": "redacted", "quantity": str(len(match["redact"])), "unit": "chars"}))
        elif kind == "illegible":
            mark(Mark("gap", [], {"reason": "illegible"}))
        elif kind == "desc":
            label = match["desctext"]
            mark(Mark("gap", [label], {"reason": _DESC_REASON.get(label.lower(), "handwritten")}))
        elif kind == "page":
            mark(Mark("pb", [], {"n": match["pagen"]}))
        elif kind == "gloss":
            mark(Mark("gloss", [match["glosstext"]]))
        elif kind == "bold":
            text.append(match["boldtext"])
        pos = end
    text.append(line[pos:])
    if any(text):
        _append(out, "".join(text))


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
