"""Persons of different sources who are one person: suggested by their names, decided by an editor.

Two register files (the flagship's register.xml, an imported volume's register/{volume}.xml) can
hold the same person under different ids. `suggest` lists the likely pairs (same surname, forenames
that agree, initials included); nothing is merged until an editor records it in
editorial/same-as.toml:

    [[same]]
    entries = ["harriman", "frus1944Quebec-p_HWA1"]   # the first is the entry the edition shows
    note = "W. Averell Harriman in the Quebec volume's list of persons"

    [[distinct]]                                      # looked alike, are not the same: no longer suggested
    entries = ["page", "frus1918Russiav03-p_PW1"]

`SameAs.canonical(id)` is what register loading uses to give every mention of a confirmed person the
one entry (and page) of the first id.
"""

from __future__ import annotations

import copy
import tomllib
import unicodedata
from dataclasses import asdict, dataclass, field
from itertools import combinations
from pathlib import Path

from .errors import InputError
from .register import Entry, Register


@dataclass
class Suggestion:
    a: str
    a_register: str
    a_name: str
    b: str
    b_register: str
    b_name: str
    reason: str
    score: float

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass
class SameAs:
    path: Path | None = None
    groups: list[list[str]] = field(default_factory=list)
    distinct: list[set[str]] = field(default_factory=list)
    _canonical: dict[str, str] = field(default_factory=dict)

    def canonical(self, entry_id: str) -> str:
        """The id the edition shows for `entry_id` (itself unless an editor confirmed otherwise)."""
        return self._canonical.get(entry_id, entry_id)

    def decided(self, a: str, b: str) -> bool:
        return self.canonical(a) == self.canonical(b) or any({a, b} <= d for d in self.distinct)


def load(path: str | Path | None, registers: list[Register] | None = None) -> SameAs:
    """Read the editor's decisions; with `registers`, every id must name an entry of one of them."""
    if path is None or not Path(path).is_file():
        return SameAs(Path(path) if path else None)
    path = Path(path)
    text = path.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"not valid TOML: {exc}", path=str(path)) from None
    known = {i for r in registers or [] for i in r.entries}
    result = SameAs(path)
    for table in ("same", "distinct"):
        for number, group in enumerate(data.get(table, []), start=1):
            ids = group.get("entries") if isinstance(group, dict) else None
            if not (isinstance(ids, list) and len(ids) >= 2 and all(isinstance(i, str) for i in ids)):
                raise InputError(f"[[{table}]] #{number} needs entries = [\"id\", \"id\", ...] (two or more)",
                                 path=str(path))
            for entry_id in ids:
                if registers is not None and entry_id not in known:
                    raise InputError(f"[[{table}]] #{number}: no register entry {entry_id!r}", path=str(path),
                                     line=_line_of(text, entry_id))
            if table == "distinct":
                result.distinct.append(set(ids))
                continue
            for entry_id in ids:
                if entry_id in result._canonical and result._canonical[entry_id] != ids[0]:
                    raise InputError(f"[[same]] #{number}: {entry_id!r} is already the same as "
                                     f"{result._canonical[entry_id]!r}", path=str(path), line=_line_of(text, entry_id))
                result._canonical[entry_id] = ids[0]
            result.groups.append(list(ids))
    return result


def _line_of(text: str, needle: str) -> int | None:
    for number, line in enumerate(text.splitlines(), start=1):
        if f'"{needle}"' in line:
            return number
    return None


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold()


def name_parts(entry: Entry) -> tuple[str, list[str]] | None:
    """(surname, forenames) from the entry's structured name, else from 'Surname, Forenames' or 'Forenames Surname'."""
    if entry.surname:
        return _fold(entry.surname), [_fold(f) for f in entry.forenames]
    name = entry.name.strip()
    if not name:
        return None
    if ", " in name:
        surname, _, rest = name.partition(", ")
        return _fold(surname), [_fold(f) for f in rest.split()]
    words = name.split()
    return _fold(words[-1]), [_fold(f) for f in words[:-1]]


def _agree(x: list[str], y: list[str]) -> str | None:
    """How two lists of forenames agree: 'forenames', 'initials', 'surname only'; None if they conflict."""
    if not x or not y:
        return "surname only"
    short, long_ = (x, y) if len(x) <= len(y) else (y, x)
    exact = True
    for a in short:
        match = next((b for b in long_ if b.rstrip(".") == a.rstrip(".")), None)
        if match is None:
            match = next((b for b in long_ if b[0] == a[0] and (a.endswith(".") or b.endswith("."))), None)
            exact = False
        if match is None:
            return None
    return "forenames" if exact else "initials"


SCORES = {"forenames": 1.0, "initials": 0.8, "surname only": 0.5}


def suggest(registers: list[Register], same_as: SameAs | None = None) -> list[Suggestion]:
    """Persons of two different register files whose names agree, and that no editor has decided on."""
    same_as = same_as or SameAs()
    out = []
    indexed = []
    for reg in registers:
        by_surname: dict[str, list[tuple[Entry, list[str]]]] = {}
        for entry in reg.entries.values():
            parts = name_parts(entry) if entry.kind == "person" else None
            if parts:
                by_surname.setdefault(parts[0], []).append((entry, parts[1]))
        indexed.append((reg, by_surname))
    for (ra, ia), (rb, ib) in combinations(indexed, 2):
        for surname in sorted(set(ia) & set(ib)):
            for ea, fa in ia[surname]:
                for eb, fb in ib[surname]:
                    how = _agree(fa, fb)
                    if how is None or same_as.decided(ea.id, eb.id):
                        continue
                    out.append(Suggestion(ea.id, ra.path.name, ea.name, eb.id, rb.path.name, eb.name,
                                          f"same surname, {how} agree" if how != "surname only"
                                          else "same surname only", SCORES[how]))
    out.sort(key=lambda s: (-s.score, s.a, s.b))
    return out


def for_edition(edition, registers: list[Register] | None = None) -> SameAs:
    """The edition's decisions: [edition] same_as in edition.toml, else editorial/same-as.toml."""
    value = (edition.settings or {}).get("same_as")
    path = Path(edition.root) / (value if isinstance(value, str) else "editorial/same-as.toml")
    if value and not path.is_file():
        raise InputError(f"[edition] same_as names a missing file: {value}", path=str(edition.config or edition.root))
    return load(path if path.is_file() else None, registers)


def fold(reg: Register, same_as: SameAs) -> tuple[Register, dict[str, str]]:
    """One entry per confirmed person: the others' names become the first's other names and their
    ids leave the register. Returns the register and {folded id: canonical id}."""
    moved = {i: c for i, c in same_as._canonical.items() if i != c and i in reg and c in reg}
    if not moved:
        return reg, {}
    entries = {}
    for entry_id, entry in reg.entries.items():
        if entry_id in moved:
            continue
        entries[entry_id] = entry
    for folded, canonical in sorted(moved.items()):
        keep, other = copy.deepcopy(entries[canonical]), reg[folded]     # the loaded register is cached: copy
        entries[canonical] = keep
        for name in [other.name, *other.variants]:
            if name and name != keep.name and name not in keep.also_named:
                keep.also_named.append(name)
        keep.details.extend(d for d in other.details if d not in keep.details)
    return Register(reg.path, entries), moved


def fold_record(rec, moved: dict[str, str]):
    """A record whose mentions and names point to the canonical entries."""
    if not moved:
        return rec
    for mention in rec.mentions:
        mention.ref = moved.get(mention.ref, mention.ref)
    for name in [*rec.senders, *rec.addressees, *rec.participants, *([rec.place] if rec.place else [])]:
        name.ref = moved.get(name.ref, name.ref)
    return rec
