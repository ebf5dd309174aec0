"""Emendation: apply an editor's list of corrections to a TEI text as choice/sic/corr.

The list is a plain text file, one emendation a line, the misreading written in its context:

    # comment
    Marshal Stalin stated that they {bad => had} some capacity
    The Marshal {rallied => replied} that this could be arranged   | cert=high
    months of the year {Nicolaus => Nikolaevsk} and        | cert=medium | note=the port named earlier

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

from . import TEI_NS, XML_NS
from .errors import InputError

T = f"{{{TEI_NS}}}"
ENTRY = re.compile(r"^(?P<left>[^{}]*)\{(?P<sic>[^{}]*?)\s*=>\s*(?P<corr>[^{}]*)\}(?P<right>[^{}|]*)(?P<opts>\|.*)?$")
CERT = {"high", "medium", "low", "unknown"}
SKIP = {T + "note", T + "fw", T + "sic", T + "corr", T + "orig", T + "reg", T + "choice"}


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
    options: dict = field(default_factory=dict)

    def pattern(self) -> re.Pattern:
        def ws(s):
            return r"\s+".join(re.escape(part) for part in s.split(" ")) if s else ""
        left, right = self.left.strip(), self.right.strip()
        lead = ws(left) + (r"\s+" if left and self.left.endswith(" ") else "")
        trail = (r"\s+" if right and self.right.startswith(" ") else "") + ws(right)
        return re.compile(f"(?:{lead})(?P<sic>{ws(self.sic)})(?:{trail})")


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
        if not m or not m.group("sic"):
            raise InputError("expected 'left context {misread => correction} right context [| cert=…]'",
                             path=str(path), line=number)
        entry = Emendation(m.group("left"), m.group("sic"), m.group("corr").strip(), m.group("right"), number)
        for opt in (m.group("opts") or "").split("|")[1:]:
            key, _, value = opt.strip().partition("=")
            if key not in ("cert", "resp", "note") or not value:
                raise InputError(f"unknown option {opt.strip()!r} (cert=, resp=, note=)", path=str(path), line=number)
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
            if isinstance(child.tag, str) and child.tag not in SKIP:
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
    for el, which, spans in edits.values():
        spans.sort(key=lambda s: s[0])
        for (s1, e1, a), (s2, _, b) in zip(spans, spans[1:]):
            if s2 < e1:
                raise InputError(f"emendations on lines {a.line} and {b.line} overlap", path=source, line=b.line)
        _rewrite(el, which, spans, resp)
    return len(entries)


def _rewrite(el, which, spans, resp):
    original = el.text if which == "text" else el.tail
    parent = el if which == "text" else el.getparent()
    index = 0 if which == "text" else parent.index(el) + 1
    pos, last = 0, None
    for start, end, entry in spans:
        before = original[pos:start]
        if last is None:
            if which == "text":
                el.text = before
            else:
                el.tail = before
        else:
            last.tail = before
        choice = etree.Element(T + "choice")
        etree.SubElement(choice, T + "sic").text = original[start:end]
        corr = etree.SubElement(choice, T + "corr", resp=entry.resp or resp)
        corr.text = entry.corr or None
        if entry.cert:
            corr.set("cert", entry.cert)
        parent.insert(index, choice)
        index += 1
        last, pos = choice, end
    last.tail = original[pos:]


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
