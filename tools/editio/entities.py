"""The editor's entity report: what the tagger missed, what the register holds in vain, what was unsure.

- untagged: capitalised words and phrases inside a sentence that look like names but are in no
  name element (demonyms, titles and heading words listed in editorial/names.toml are ignored;
  a capitalised word at the start of a sentence is not reported, as it says nothing);
- unused: register entries that no given document refers to;
- ambiguous: name elements with several @ref values or a @cert (the tagger's inferred
  resolutions: offices on the day of a change of holder, forms shared by several entries);
- dangling: @ref values that point to no register entry; unresolved: name elements with no @ref.
"""

from __future__ import annotations

import os
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

from . import names, register
from .textnodes import local
from .transforms.tagger import HEADER_PARTS, NAME_TAGS
from .xmlio import NSMAP, parse, tei

MASKED = NAME_TAGS | {"date", "time", "idno", "ptr", "ref", "gap", "desc", "occupation"}
BLOCKS = {"p", "head", "item", "note", "ab", "closer", "opener", "dateline", "salute", "signed",
          "lb", "pb", "fw", "stamp", "list", "label", "seg", "cell", "l", "byline", "docket",
          "person", "persName", "correspAction", "creation", "occupation", "roleName", "div",
          "rdg", "lem", "sic", "corr", "reg", "orig"}
FUNCTION = {"the", "of", "a", "an", "and", "i", "in", "to", "for", "on", "at", "by"}
# a capitalised word, or an initial or abbreviation before another one ("W. A.", "Mr.", "Gen.")
WORD = r"[A-Z](?:[a-z]{0,2}\.(?=[ \t]*[A-Z])|[\w’'-]*)"
RUN = re.compile(rf"{WORD}(?:[ \t]+(?:(?:of|the)[ \t]+)*{WORD})*")
PLACEHOLDER = "\uE000"


@dataclass
class Finding:
    file: str
    line: int | None
    text: str
    detail: str = ""


@dataclass
class Report:
    untagged: list[Finding] = field(default_factory=list)
    unused: list[str] = field(default_factory=list)
    ambiguous: list[Finding] = field(default_factory=list)
    dangling: list[Finding] = field(default_factory=list)
    unresolved: list[Finding] = field(default_factory=list)

    def as_dict(self) -> dict:
        return asdict(self)

    @property
    def clean(self) -> bool:
        return not (self.untagged or self.unused or self.dangling or self.unresolved)


def _masked_text(el, out: list, lines: list) -> None:
    """Text of `el` in document order, names and dates replaced by a placeholder, blocks by newlines."""
    name = local(el)
    block = name in BLOCKS
    if block:
        out.append("\n\n")
    if name in MASKED:
        out.append(PLACEHOLDER)
    else:
        if el.text:
            lines.append((sum(map(len, out)), el.sourceline))
            out.append(el.text)
        for child in el:
            if isinstance(child.tag, str):
                _masked_text(child, out, lines)
            if child.tail:
                lines.append((sum(map(len, out)), child.sourceline))
                out.append(child.tail)
    if block:
        out.append("\n\n")


def _line_at(lines, offset):
    line = None
    for start, ln in lines:
        if start > offset:
            break
        line = ln
    return line


def _sentence_start(text: str, start: int) -> bool:
    head = text[:start].rstrip(" \t")
    before = head.rstrip("\"“‘'([□*")
    if len(before) < len(head) and head[-1] in "\"“‘(":
        return True                      # an opening quotation starts a sentence
    return not before or before[-1] in ".!?:\n;—–-" or before.endswith("--")


def _is_stop(words: list[str], i: int, stop: frozenset[str]) -> int:
    """Length of the stop phrase starting at words[i] (0 if none)."""
    for n in range(min(4, len(words) - i), 0, -1):
        phrase = " ".join(words[i:i + n]).lower().rstrip(".,")
        phrase = re.sub(r"['’]s$", "", phrase)
        if phrase in stop or (n == 1 and (phrase in FUNCTION or len(phrase) <= 2)):
            return n
    return 0


def untagged(path: str, root, stop: frozenset[str]) -> list[Finding]:
    found = []
    parts = [el for p in HEADER_PARTS for el in root.iterfind(f"tei:teiHeader/{p}", NSMAP)]
    parts += root.findall("tei:text", NSMAP) or ([root] if root.tag != tei("TEI") else [])
    for part in parts:
        out, lines = [], []
        _masked_text(part, out, lines)
        text = "".join(out)
        for m in RUN.finditer(text):
            words = m.group(0).split()
            if all(w.isupper() or not w[0].isalpha() for w in words):
                continue                     # all-capitals lines: classification, stamps, codes
            initial = _sentence_start(text, m.start())
            i, keep = 0, []
            while i < len(words):
                n = _is_stop(words, i, stop) or (1 if i == 0 and initial else 0)
                if n:
                    i += n
                else:
                    keep.append(words[i])
                    i += 1
            keep = [w for w in keep if not w.isupper()]
            if keep:
                found.append(Finding(path, _line_at(lines, m.start()), m.group(0).rstrip(".,"),
                                     "capitalised, not in a name element"))
    return found


def _ref_ids(value: str, doc: Path, reg_path: Path) -> list[tuple[str, bool]]:
    """(id, points into this register) for every URI of a @ref."""
    out = []
    for uri in value.split():
        target, _, frag = uri.partition("#")
        same = not target or Path(os.path.normpath(doc.parent / target)) == reg_path
        out.append((frag, same))
    return out


def build(files: list[Path], reg_path: Path | None, names_path: Path | None = None) -> Report:
    """The report on files against the register at reg_path (None: an empty register)."""
    reg_path = Path(reg_path).resolve() if reg_path else None
    reg = register.load(reg_path) if reg_path else register.empty()
    stop = names.load(names_path).not_names | {t.lower() for t in names.load(names_path).titles}
    rep, used = Report(), set()
    for f in files:
        root = parse(f).getroot()
        shown = str(f)
        rep.untagged += untagged(shown, root, stop)
        for el in root.iter(*(tei(t) for t in ("persName", "placeName", "orgName", "geogName", "rs"))):
            if el.getparent() is not None and local(el.getparent()) in {"person", "place", "org"} \
                    and root.get("{http://www.w3.org/XML/1998/namespace}id") == "register":
                continue
            text = " ".join("".join(el.itertext()).split())
            value = el.get("ref")
            if not value:
                if not _in_header_meta(el):
                    rep.unresolved.append(Finding(shown, el.sourceline, text, "no @ref"))
                continue
            ids = _ref_ids(value, Path(f).resolve(), reg_path)
            for entry_id, same in ids:
                if same and entry_id in reg:
                    used.add(entry_id)
                elif same:
                    rep.dangling.append(Finding(shown, el.sourceline, text, f"no register entry {entry_id!r}"))
            if len(ids) > 1 or el.get("cert"):
                rep.ambiguous.append(Finding(shown, el.sourceline, text,
                                             f"{value} (cert {el.get('cert') or 'unset'})"))
    rep.unused = sorted(set(reg.entries) - used)
    return rep


def _in_header_meta(el) -> bool:
    """Names in fileDesc (titles, citations, repositories) are bibliographic, not mentions."""
    return any(local(a) == "fileDesc" for a in el.iterancestors())
