"""The register of persons, places and organisations (tei/register/register.xml), loaded for lookup.

An entry has a canonical name, the variant forms the sources use, references by office valid
between two dates ("the Ambassador" is Harriman from 1943-10-23 to 1946-01-24), life dates,
place type and coordinates.  `Register.forms()` yields every surface form the tagger looks for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from . import XML_NS
from .errors import InputError
from .xmlio import NSMAP, parse

KINDS = {"person": "persName", "place": "placeName", "org": "orgName"}


@dataclass(frozen=True)
class Office:
    form: str                       # "the President"
    not_before: str | None          # ISO date, inclusive
    not_after: str | None

    def holds_on(self, date: str | None) -> bool:
        if date is None:
            return False
        return ((self.not_before is None or _start(self.not_before) <= date)
                and (self.not_after is None or date <= _end(self.not_after)))

    def on_boundary(self, date: str) -> bool:
        return date in {_start(self.not_before or ""), _end(self.not_after or "")}


@dataclass
class Entry:
    id: str
    kind: str                       # person | place | org
    name: str                       # canonical
    type: str | None = None         # place type (city, river, ...), org type
    variants: list[str] = field(default_factory=list)
    misreadings: list[str] = field(default_factory=list)
    offices: list[Office] = field(default_factory=list)
    birth: str | None = None
    death: str | None = None
    occupations: list[tuple[str, str | None, str | None]] = field(default_factory=list)
    geo: tuple[float, float] | None = None
    idnos: dict[str, str] = field(default_factory=dict)
    forenames: list[str] = field(default_factory=list)
    called: str | None = None       # the forename the person goes by (forename type="used")
    surname: str | None = None


def _start(iso: str) -> str:
    return iso + "-01-01"[len(iso) - 4:] if len(iso) < 10 else iso


def _end(iso: str) -> str:
    if len(iso) == 4:
        return iso + "-12-31"
    if len(iso) == 7:
        return iso + "-31"          # string comparison: "-31" sorts after every real day
    return iso


def _text(el) -> str:
    return re.sub(r"\s+", " ", "".join(el.itertext())).strip()


class Register:
    def __init__(self, path: Path, entries: dict[str, Entry]):
        self.path = path
        self.entries = entries

    def __contains__(self, entry_id: str) -> bool:
        return entry_id in self.entries

    def __getitem__(self, entry_id: str) -> Entry:
        return self.entries[entry_id]

    def forms(self):
        """(form, entry id, office or None) for every name form, initialled forms included."""
        for entry in self.entries.values():
            names = {entry.name, *entry.variants, *entry.misreadings, *initialled(entry)}
            for form in sorted(names):
                yield form, entry.id, None
            for office in entry.offices:
                yield office.form, entry.id, office


def initialled(entry: Entry) -> set[str]:
    """W. [Averell] Harriman -> W. A. Harriman, W.A. Harriman, A. Harriman, Averell Harriman."""
    if not (entry.forenames and entry.surname):
        return set()
    initials = [f if re.fullmatch(r"[A-Z]\.", f) else f[0] + "." for f in entry.forenames]
    called = entry.called or entry.forenames[0]
    out = {" ".join(initials) + " " + entry.surname, "".join(initials) + " " + entry.surname,
           called[0] + ". " + entry.surname}
    if not re.fullmatch(r"[A-Z]\.", called):
        out.add(called + " " + entry.surname)
    return out


_GEO = re.compile(r"\s*([-+]?\d+(?:\.\d+)?)\s*(?:,\s*|\s+)([-+]?\d+(?:\.\d+)?)\s*")


def parse_geo(value: str, line: int | None = None) -> tuple[float, float]:
    """'43.1 131.9' or '43.1, 131.9' (TEI <geo>: latitude then longitude, decimal degrees)."""
    match = _GEO.fullmatch(value)
    lat, lon = (float(match[1]), float(match[2])) if match else (None, None)
    if lat is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise InputError(f"<geo> {value!r} is not 'latitude longitude' in decimal degrees "
                         "(e.g. '43.1 131.9' or '43.1, 131.9')", line=line)
    return lat, lon


def _entry(el, kind: str) -> Entry:
    entry_id = el.get(f"{{{XML_NS}}}id")
    name_tag = KINDS[kind]
    entry = Entry(id=entry_id, kind=kind, name="", type=el.get("type"))
    for name in el.findall(f"tei:{name_tag}", NSMAP):
        text, ntype = _text(name), name.get("type", "variant")
        if ntype == "main":
            entry.name = text
            entry.forenames = [_text(f) for f in name.findall("tei:forename", NSMAP)]
            used = name.find("tei:forename[@type='used']", NSMAP)
            entry.called = _text(used) if used is not None else None
            surname = name.find("tei:surname", NSMAP)
            entry.surname = _text(surname) if surname is not None else None
        elif ntype == "office":
            entry.offices.append(Office(text, name.get("notBefore"), name.get("notAfter")))
        elif name.get("subtype") in {"misreading", "misspelling"}:
            entry.misreadings.append(text)
        else:
            entry.variants.append(text)
    if not entry.name:
        raise InputError(f"register entry {entry_id!r} has no {name_tag}[@type='main']",
                         line=el.sourceline)
    for tag, attr in (("birth", "birth"), ("death", "death")):
        life = el.find(f"tei:{tag}", NSMAP)
        if life is not None:
            setattr(entry, attr, life.get("when"))
    for occ in el.findall("tei:occupation", NSMAP):
        entry.occupations.append((_text(occ), occ.get("notBefore"), occ.get("notAfter")))
    geo = el.find("tei:location/tei:geo", NSMAP)
    if geo is not None and _text(geo):
        entry.geo = parse_geo(_text(geo), geo.sourceline)
    for idno in el.findall("tei:idno", NSMAP):
        entry.idnos[idno.get("type", "")] = (idno.text or "").strip()
    return entry


@lru_cache(maxsize=8)
def _load(path: Path, mtime: float) -> Register:
    tree = parse(path)
    entries: dict[str, Entry] = {}
    for kind in KINDS:
        for el in tree.iterfind(f".//tei:{kind}", NSMAP):
            try:
                entry = _entry(el, kind)
            except InputError as exc:
                exc.path = str(path)
                raise
            if not entry.id:
                raise InputError(f"{kind} without xml:id", path=str(path), line=el.sourceline)
            if entry.id in entries:
                raise InputError(f"duplicate register id {entry.id!r}", path=str(path),
                                 line=el.sourceline)
            entries[entry.id] = entry
    return Register(path, entries)


def load(path: str | Path) -> Register:
    """Load (and cache until the file changes) the register at `path`."""
    path = Path(path).resolve()
    if not path.is_file():
        raise InputError("register not found", path=str(path))
    return _load(path, path.stat().st_mtime)


def default_path(start: Path | None = None) -> Path:
    """tei/register/register.xml of the checkout (or the working directory)."""
    here = Path(__file__).resolve().parents[2]
    for base in filter(None, (start, Path.cwd(), here)):
        candidate = Path(base) / "tei" / "register" / "register.xml"
        if candidate.is_file():
            return candidate
    return Path.cwd() / "tei" / "register" / "register.xml"
