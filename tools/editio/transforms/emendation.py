"""Emendation: apply an editor's list of corrections to a TEI text.

The list is a plain text file, one emendation a line, the misreading written in its context:

    # comment
    Marshal Stalin stated that they {bad => had} some capacity
    The Marshal {rallied => replied} that this could be arranged   | cert=high
    months of the year {Nicolaus => Nikolaevsk} and        | cert=medium | note=the port named earlier
    and artillery {=> would} be moved                      | note=the verb is wanting
    the plan to invade {w => } Japan                       | reason=stray

The element follows from what changes: a word for a word is `choice/sic/corr`; nothing for
something is `supplied` (a missing word, a missing full stop: `consideration {=> .}` or
`{consideration => consideration.}`); something for nothing is `surplus` (a stray letter, a doubled
stop).  Only the characters that differ are marked: `{affirmative, => affirmative.}` becomes
affirmative<choice><sic>,</sic><corr>.</corr></choice>.  A note goes to the header's notesStmt,
pointing at the intervention.

Whitespace in the context matches any whitespace.  Each entry must match exactly one place in the
document's text (`<text>`, not the header); an entry that matches nothing or several places is an
error naming the data file and line, and nothing is applied.  `cert` (high|medium|low) marks a
conjecture: a correction of a real word, or one the context does not settle.  `resp` defaults to
the edition's editors (`#<root-id>-ed`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from .. import TEI_NS, XML_NS
from ..errors import InputError

T = f"{{{TEI_NS}}}"
ENTRY = re.compile(r"^(?P<left>[^{}]*)\{(?P<sic>[^{}]*?)\s*=>\s*(?P<corr>[^{}]*)\}(?P<right>[^{}|]*)(?P<opts>\|.*)?$")
PUNCT = re.compile(r"^[^\w\s]*$")
CERT = {"high", "medium", "low", "unknown"}
# not emended: forme work, what is emended already, and notes other than the document's own marks
SKIP = {T + "fw", T + "sic", T + "corr", T + "orig", T + "reg", T + "choice", T + "supplied", T + "surplus"}
OWN_NOTES = {"docket", "stamp", "handwritten"}      # docket marks, stamps, notes in another hand


@dataclass
class Emendation:
    left: str
    sic: str
    corr: str
    right: str
    line: int
    cert: str | None = None
    resp: str | None = None
    note: str | None = None
    reason: str | None = None
    options: dict = field(default_factory=dict)

    def pattern(self) -> re.Pattern:
        def ws(s):
            return r"\s+".join(re.escape(part) for part in s.split(" ")) if s else ""
        left, right = self.left.strip(), self.right.strip()
        lead = ws(left) + (r"\s+" if left and self.left.endswith(" ") else "")
        if not self.sic:      # an insertion: after the space that follows the left context
            return re.compile(f"(?:{lead})(?P<sic>)(?:{ws(right)})")
        trail = (r"\s+" if right and self.right.startswith(" ") else "") + ws(right)
        return re.compile(f"(?:{lead})(?P<sic>{ws(self.sic)})(?:{trail})")

    def parts(self) -> tuple[int, str, str]:
        """(offset, printed, corrected) of the characters that differ: a stop, not the word before it."""
        sic, corr = self.sic, self.corr
        head = 0
        while head < min(len(sic), len(corr)) and sic[head] == corr[head]:
            head += 1
        tail = 0
        while tail < min(len(sic), len(corr)) - head and sic[len(sic) - 1 - tail] == corr[len(corr) - 1 - tail]:
            tail += 1
        x, y = sic[head:len(sic) - tail], corr[head:len(corr) - tail]
        if head and PUNCT.match(x) and PUNCT.match(y):
            return head, x, y
        return 0, sic, corr

    def kind(self) -> str:
        _, x, y = self.parts()
        return "supplied" if not x else "surplus" if not y else "choice"


def load(path: Path) -> list[Emendation]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read emendations: {exc}", path=str(path)) from None
    entries = []
    for number, raw in enumerate(lines, 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        m = ENTRY.match(line)
        if not m or not (m.group("sic") or m.group("corr").strip()):
            raise InputError("expected 'left context {misread => correction} right context [| cert=…]'",
                             path=str(path), line=number)
        entry = Emendation(m.group("left"), m.group("sic"), m.group("corr").strip(), m.group("right"), number)
        for opt in (m.group("opts") or "").split("|")[1:]:
            key, _, value = opt.strip().partition("=")
            if key not in ("cert", "resp", "note", "reason") or not value:
                raise InputError(f"unknown option {opt.strip()!r} (cert=, resp=, note=, reason=)",
                                 path=str(path), line=number)
            setattr(entry, key, value.strip())
        if entry.cert and entry.cert not in CERT:
            raise InputError(f"cert must be one of {', '.join(sorted(CERT))}", path=str(path), line=number)
        entries.append(entry)
    return entries


class _Stream:
    """The text of an element as one string, with the text node behind every character.
    Notes, forme work and existing choices are not matched: they stand as a space."""

    def __init__(self, root):
        self.parts: list[str] = []
        self.owners: list[tuple] = []      # (element, "text"|"tail", start offset in stream)
        self.pos = 0
        self._walk(root)
        self.text = "".join(self.parts)
        self.starts = [o[2] for o in self.owners]

    def _add(self, el, which, s):
        if s:
            self.owners.append((el, which, self.pos))
        self._put(s or "")

    def _put(self, s):
        self.parts.append(s)
        self.pos += len(s)

    def _walk(self, el):
        self._add(el, "text", el.text)
        for child in el:
            if isinstance(child.tag, str) and child.tag not in SKIP and not (
                    child.tag == T + "note" and child.get("type") not in OWN_NOTES):
                self._walk(child)
            elif isinstance(child.tag, str):
                self._put(" ")
            self._add(child, "tail", child.tail)

    def locate(self, start: int, end: int):
        """The text node holding [start, end) whole, or None if the span crosses markup."""
        k = bisect_right(self.starts, start) - 1
        if k < 0:
            return None
        el, which, off = self.owners[k]
        length = len(el.text if which == "text" else el.tail)
        return (el, which, start - off, end - off) if end - off <= length else None


def apply_emendations(tree, entries: list[Emendation], source: str, resp: str) -> int:
    text_el = tree.getroot().find(T + "text")
    if text_el is None:
        raise InputError("no <text> element to emend", path=source)
    stream = _Stream(text_el)
    edits: dict[tuple, list] = {}
    for entry in entries:
        hits = list(entry.pattern().finditer(stream.text))
        where = f"{{{entry.sic} => {entry.corr}}}"
        if not hits:
            raise InputError(f"emendation {where} matches nothing in the text", path=source, line=entry.line)
        if len(hits) > 1:
            raise InputError(f"emendation {where} matches {len(hits)} places; give more context",
                             path=source, line=entry.line)
        found = stream.locate(hits[0].start("sic"), hits[0].end("sic"))
        if found is None:
            raise InputError(f"emendation {where} crosses markup", path=source, line=entry.line)
        el, which, start, end = found
        edits.setdefault((id(el), which), [el, which, []])[2].append((start, end, entry))
    notes = []
    for el, which, spans in edits.values():
        spans.sort(key=lambda s: (s[0], s[1]))
        for (s1, e1, a), (s2, _, b) in zip(spans, spans[1:]):
            if s2 < e1:
                raise InputError(f"emendations on lines {a.line} and {b.line} overlap", path=source, line=b.line)
        notes += _rewrite(el, which, spans, resp)
    root = tree.getroot()
    from .annotation import editorial_note
    for element, entry in sorted(notes, key=lambda n: n[1].line):
        editorial_note(root, element, entry.note, "emendation", "em")
    return len(entries)


def intervention(entry: Emendation, resp: str) -> tuple[str, etree._Element, str]:
    """(text kept before it, the TEI element, text kept after it) for one emendation."""
    offset, printed, corrected = entry.parts()
    kind = entry.kind()
    if kind == "supplied":
        el = etree.Element(T + "supplied", reason=entry.reason or "omitted", resp=entry.resp or resp)
        el.text = corrected
    elif kind == "surplus":
        el = etree.Element(T + "surplus", reason=entry.reason or "stray", resp=entry.resp or resp)
        el.text = printed
    else:
        el = etree.Element(T + "choice")
        etree.SubElement(el, T + "sic").text = printed
        corr = etree.SubElement(el, T + "corr", resp=entry.resp or resp)
        corr.text = corrected
    if entry.cert:
        (el if kind != "choice" else el[1]).set("cert", entry.cert)
    before = entry.sic[:offset]
    after = entry.sic[offset + len(printed):]
    return before, el, after


def _rewrite(el, which, spans, resp) -> list:
    original = el.text if which == "text" else el.tail
    parent = el if which == "text" else el.getparent()
    index = 0 if which == "text" else parent.index(el) + 1
    pos, last, notes = 0, None, []
    for start, end, entry in spans:
        before_text, element, after_text = intervention(entry, resp)
        if not entry.sic:                     # an insertion: the word and a space before the rest
            after_text = " " if not entry.parts()[2][:1] in ".,;:" else ""
        before = original[pos:start] + before_text
        if last is None:
            if which == "text":
                el.text = before
            else:
                el.tail = before
        else:
            last.tail = (last.tail or "") + before
        parent.insert(index, element)
        index += 1
        element.tail = after_text
        last, pos = element, end
        if entry.note:
            notes.append((element, entry))
    last.tail = (last.tail or "") + original[pos:]
    return notes


class EmendationTransform:
    name = "emendation"
    priority = 200

    def apply(self, tree, ctx) -> None:
        rel = ctx.settings.get("emendations")
        if not rel:
            return
        path = Path(ctx.base_dir) / rel
        root = tree.getroot()
        resp = f"#{root.get(f'{{{XML_NS}}}id')}-ed"
        apply_emendations(tree, load(path), str(rel), resp)
