"""The register of persons, places and organisations: one model for the tagger, the entity report,
the web and the print builders.

An entry has a canonical name, the variant forms the sources use, references by office valid
between two dates ("the Ambassador" is Harriman from 1943-10-23 to 1946-01-24), life dates,
place type and coordinates.  `Register.forms()` yields every surface form the tagger looks for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from . import XML_NS
from .diagnostics import Diagnostic
from .errors import InputError
from .xmlio import NSMAP, parse

KINDS = {"person": "persName", "place": "placeName", "org": "orgName"}
# How each kind is listed in an edition: (heading, page name)
LISTS = {"person": ("Persons", "persons"), "place": ("Places", "places"), "org": ("Organisations", "orgs")}

# Authority identifiers an entry may hold, and how each becomes a link.
AUTHORITIES = {
    "wikidata": ("Wikidata", "https://www.wikidata.org/wiki/{}", r"Q\d+"),
    "viaf": ("VIAF", "https://viaf.org/viaf/{}", r"\d+"),
    "geonames": ("GeoNames", "https://www.geonames.org/{}", r"\d+"),
    "gnd": ("GND", "https://d-nb.info/gnd/{}", r"[0-9X-]+"),
    "loc": ("Library of Congress", "https://id.loc.gov/authorities/names/{}.html", r"n[a-z]?\d+"),
}


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
    also_named: list[str] = field(default_factory=list)                # other forms, as the register lists them
    details: list[tuple[str, str]] = field(default_factory=list)       # (label, text) for readers
    authorities: list[tuple[str, str]] = field(default_factory=list)   # (label, url)

    @property
    def coords(self) -> tuple[float, float] | None:
        return self.geo

    @property
    def place_type(self) -> str:
        return self.type or ""

    @property
    def summary(self) -> str:
        """A line for the hover card."""
        bits = [v for k, v in self.details if k in ("Office", "Occupation", "Role", "Description", "Type", "Life")]
        return "; ".join(bits[:2])


def entry_from_dict(data: dict) -> Entry:
    """An Entry back from dataclasses.asdict (records carry the entries a document lists)."""
    data = dict(data)
    data["offices"] = [Office(**o) for o in data.get("offices", [])]
    data["occupations"] = [tuple(o) for o in data.get("occupations", [])]
    data["geo"] = tuple(data["geo"]) if data.get("geo") else None
    data["details"] = [tuple(d) for d in data.get("details", [])]
    data["authorities"] = [tuple(a) for a in data.get("authorities", [])]
    return Entry(**data)


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
    """Entries by id.  `problems`: what was wrong with the file's entries and how each was taken
    (see `_load`), as warnings; `lines`: the line of each entry in its file."""

    def __init__(self, path: Path, entries: dict[str, Entry], problems: list[Diagnostic] | None = None,
                 lines: dict[str, tuple[str, int]] | None = None):
        self.path = path
        self.entries = entries
        self.problems = problems or []
        self.faults: list[InputError] = []      # the problems as the errors a strict load raises
        self.lines = lines or {}

    def __contains__(self, entry_id: str) -> bool:
        return entry_id in self.entries

    def __getitem__(self, entry_id: str) -> Entry:
        return self.entries[entry_id]

    def __iter__(self):
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def get(self, entry_id: str, default=None):
        return self.entries.get(entry_id, default)

    def keys(self):
        return self.entries.keys()

    def values(self):
        return self.entries.values()

    def items(self):
        return self.entries.items()

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


def _date_label(iso: str) -> str:
    from .records import date_label
    return date_label(iso)


def _span(node) -> str:
    start, end = node.get("from") or node.get("notBefore"), node.get("to") or node.get("notAfter")
    if start or end:
        return f" ({_date_label(start or '') or '?'} – {_date_label(end or '') or '?'})"
    if node.get("when"):
        return f" ({_date_label(node.get('when'))})"
    return ""


def _authority(kind: str, value: str) -> tuple[str, str] | None:
    kind = kind.lower()
    if re.match(r"https?://\S+$", value):
        return (AUTHORITIES.get(kind, (kind or "Authority",))[0], value)
    if kind in AUTHORITIES:
        label, pattern, shape = AUTHORITIES[kind]
        if re.fullmatch(shape, value):
            return (label, pattern.format(value))
    return None


def parse_geo(value: str, line: int | None = None) -> tuple[float, float]:
    """'43.1 131.9' or '43.1, 131.9' -> (lat, lon); anything else is an InputError with its line."""
    parts = value.replace(",", " ").split()
    try:
        if len(parts) != 2:
            raise ValueError
        lat, lon = float(parts[0]), float(parts[1])
    except ValueError:
        raise InputError(f"<geo> must hold latitude and longitude in decimal degrees, not {value.strip()!r}",
                         line=line) from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise InputError(f"<geo> {value.strip()!r} is outside -90..90 / -180..180", line=line)
    return lat, lon


def _has_main_name(el, name_tag: str) -> bool:
    """Whether el has the name entry_of takes for its main one (not lenient), with words in it."""
    names = el.findall(f"tei:{name_tag}", NSMAP)
    main = next((n for n in names if n.get("type") == "main"),
                next((n for n in names if n.get("type") != "office"), None))
    return main is not None and bool(_text(main))


def entry_of(el, kind: str, lenient: bool = False) -> Entry:
    """The entry that a person, place or org element describes.  lenient (for lists inside other
    people's documents): a name of another kind, or the xml:id, stands in for a missing main name,
    and a malformed coordinate is left out rather than refused."""
    entry_id = el.get(f"{{{XML_NS}}}id")
    name_tag = KINDS[kind]
    entry = Entry(id=entry_id, kind=kind, name="", type=el.get("type"))
    names = el.findall(f"tei:{name_tag}", NSMAP)
    if lenient and not names:
        names = el.findall("tei:persName", NSMAP) + el.findall("tei:placeName", NSMAP) + \
            el.findall("tei:orgName", NSMAP) + el.findall("tei:name", NSMAP) + el.findall("tei:roleName", NSMAP)
    main = next((n for n in names if n.get("type") == "main"),
                next((n for n in names if n.get("type") != "office"), None))
    for name in names:
        text, ntype = _text(name), name.get("type", "variant")
        if name is main:
            entry.name = text
            entry.forenames = [_text(f) for f in name.findall("tei:forename", NSMAP)]
            used = name.find("tei:forename[@type='used']", NSMAP)
            entry.called = _text(used) if used is not None else None
            surname = name.find("tei:surname", NSMAP)
            entry.surname = _text(surname) if surname is not None else None
            continue
        if ntype == "office":
            entry.offices.append(Office(text, name.get("notBefore"), name.get("notAfter")))
            entry.details.append(("Referred to as", text + _span(name)))
            continue
        if text and text not in entry.also_named:
            entry.also_named.append(text)
        if name.get("subtype") in {"misreading", "misspelling"}:
            entry.misreadings.append(text)
        elif text and text not in entry.variants:
            entry.variants.append(text)
    if not entry.name and lenient:
        entry.name = entry_id or ""
    if not entry.name:
        raise InputError(f"register entry {entry_id!r} has no {name_tag}", line=el.sourceline)
    entry.variants = [v for v in entry.variants if v != entry.name]
    entry.also_named = [v for v in entry.also_named if v != entry.name]
    birth, death = el.find("tei:birth", NSMAP), el.find("tei:death", NSMAP)
    for attr, life in (("birth", birth), ("death", death)):
        if life is not None:
            setattr(entry, attr, life.get("when"))
    if birth is not None or death is not None:
        shown = lambda n: _date_label(n.get("when") or _text(n)) if n is not None else "?"  # noqa: E731
        entry.details.append(("Life", f"{shown(birth)} – {shown(death)}"))
    for occ in el.findall("tei:occupation", NSMAP):
        entry.occupations.append((_text(occ), occ.get("notBefore"), occ.get("notAfter")))
    for tag, label in (("occupation", "Office"), ("roleName", "Role"), ("affiliation", "Affiliation"),
                       ("nationality", "Nationality"), ("desc", "Description"), ("note", "Note")):
        for child in el.findall(f"tei:{tag}", NSMAP):
            if _text(child):
                entry.details.append((label, _text(child) + _span(child)))
    if entry.type:
        entry.details.insert(0, ("Type", entry.type.replace("-", " ")))
    geo = el.find("tei:location/tei:geo", NSMAP)
    if geo is not None and (geo.text or "").strip():
        try:
            entry.geo = parse_geo(geo.text, geo.sourceline)
        except InputError:
            if not lenient:
                raise
        if entry.geo:
            entry.details.append(("Coordinates", f"{entry.geo[0]:.4f}, {entry.geo[1]:.4f}"))
    for idno in el.findall("tei:idno", NSMAP):
        kind_, value = idno.get("type", ""), (idno.text or "").strip()
        entry.idnos[kind_] = value
        link = _authority(kind_, value)
        if link:
            entry.authorities.append(link)
    return entry


RULE = "register-entry"


def _ordinal(n: int) -> str:
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def duplicate_ids(tree, path: Path) -> None:
    """Refuse a register in which two elements share an xml:id, naming the id and both lines.
    (The file is parsed without libxml2's own check, which names only the second line.)"""
    first: dict[str, int] = {}
    for el in tree.iter():
        value = el.get(f"{{{XML_NS}}}id") if isinstance(el.tag, str) else None
        if value is None:
            continue
        if value in first:
            raise InputError(f"register id {value!r} is defined twice, at lines {first[value]} and "
                             f"{el.sourceline}", path=str(path), line=el.sourceline,
                             hint="give one of them another id, or merge the two entries")
        first[value] = el.sourceline or 0


@lru_cache(maxsize=8)
def _load(path: Path, mtime: float) -> Register:
    """The register's entries.  Two elements with one xml:id are an error (nothing can tell which one a
    pointer means).  A malformed entry is a warning in `problems`, and is taken with what it has:
    without its main name (persName, placeName, orgName) it is shown under another name it holds,
    else under its xml:id; a <geo> that is not two numbers in range is left out; an entry without an
    xml:id is left out, since nothing can point to it."""
    tree = parse(path, collect_ids=False)
    duplicate_ids(tree, path)
    entries: dict[str, Entry] = {}
    problems: list[Diagnostic] = []
    faults: list[InputError] = []          # the same, as the error a strict load raises
    lines: dict[str, tuple[str, int]] = {}

    def warn(el, fault: str, taken: str, hint: str, line: int = 0) -> None:
        line = line or el.sourceline or 0
        problems.append(Diagnostic(str(path), line, RULE, f"{fault}; {taken}", hint))
        faults.append(InputError(fault, path=str(path), line=line or None, hint=hint))

    for kind in KINDS:
        for number, el in enumerate(tree.iterfind(f".//tei:{kind}", NSMAP), start=1):
            entry_id = el.get(f"{{{XML_NS}}}id")
            if not entry_id:
                warn(el, f"the {_ordinal(number)} {kind} has no xml:id", "left out (nothing can point to it)",
                     f'give it an id: <{kind} xml:id="...">')
                continue
            try:
                entry = entry_of(el, kind)
            except InputError:
                entry = entry_of(el, kind, lenient=True)      # what it has: another name, no coordinates
                name_tag = KINDS[kind]
                if not _has_main_name(el, name_tag):
                    shown = "under its xml:id" if entry.name == entry_id else f"as {entry.name!r}"
                    warn(el, f"{kind} {entry_id!r} has no {name_tag}", f"shown {shown}",
                         f'add <{name_tag} type="main">…</{name_tag}>')
                geo = el.find("tei:location/tei:geo", NSMAP)
                if geo is not None and (geo.text or "").strip() and entry.geo is None:
                    try:
                        parse_geo(geo.text, geo.sourceline)
                    except InputError as exc:
                        warn(el, f"{kind} {entry_id!r}: {exc.message}", "its coordinates are left out",
                             "write <geo>latitude longitude</geo> in decimal degrees", line=geo.sourceline or 0)
            entries[entry_id] = entry
            lines[entry_id] = (str(path), el.sourceline or 0)
    order = sorted(range(len(problems)), key=lambda i: problems[i].line)
    reg = Register(path, entries, [problems[i] for i in order], lines)
    reg.faults = [faults[i] for i in order]
    return reg


def load(path: str | Path, strict: bool = True) -> Register:
    """Load (and cache until the file changes) the register at `path`.  strict (the tagger, the entity
    report): a malformed entry is an InputError; otherwise (the builders) it is in `problems`."""
    path = Path(path).resolve()
    if not path.is_file():
        raise InputError("register not found", path=str(path))
    reg = _load(path, path.stat().st_mtime)
    if strict and reg.faults:
        first = reg.faults[0]             # a new error each time: the register is cached, errors are raised
        raise InputError(first.message, path=first.path, line=first.line, hint=first.hint)
    return reg


def load_all(paths, strict: bool = True) -> Register:
    """One register from several files (the edition's and an imported volume's, say); an id that
    two files define is an error naming both."""
    paths = [Path(p).resolve() for p in paths]
    if len(paths) == 1:
        return load(paths[0], strict)
    entries: dict[str, Entry] = {}
    problems: list[Diagnostic] = []
    lines: dict[str, tuple[str, int]] = {}
    for path in paths:
        reg = load(path, strict)
        problems += reg.problems
        for entry_id, entry in reg.entries.items():
            if entry_id in entries:
                (first, first_line), (_, line) = lines[entry_id], reg.lines[entry_id]
                raise InputError(f"register id {entry_id!r} is defined in two register files: "
                                 f"{first}:{first_line} and here", path=str(path), line=line,
                                 hint="give one of them another id (an editor's same-as decision links two entries)")
            entries[entry_id] = entry
            lines[entry_id] = reg.lines[entry_id]
    return Register(paths[0] if paths else Path("register.xml"), entries, problems, lines)


def check(paths) -> list[Diagnostic]:
    """What every builder checks before it runs: duplicate ids are an InputError (exit 2); the
    malformed entries come back as warnings (each builder then takes them as `_load` says)."""
    if not paths:
        return []
    given = {str(Path(p).resolve()): str(p) for p in paths}      # name the files as the edition does
    try:
        problems = load_all(paths, strict=False).problems
    except InputError as exc:
        exc.path = given.get(str(exc.path), exc.path)
        for resolved, shown in given.items():
            exc.message = exc.message.replace(f"{resolved}:", f"{shown}:")
        exc.args = (exc.message,)
        raise
    return [replace(d, file=given.get(d.file, d.file)) for d in problems]


def empty() -> Register:
    return Register(Path("register.xml"), {})
