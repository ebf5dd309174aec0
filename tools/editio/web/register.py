"""The register (persons, places, organisations) as plain records for the web edition."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..xmlio import NSMAP, parse
from .documents import date_label, text

XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
KINDS = {"person": ("persName", "Persons", "persons"),
         "place": ("placeName", "Places", "places"),
         "org": ("orgName", "Organisations", "orgs")}

# Authority identifiers the register may hold, and how each becomes a link.
AUTHORITIES = {
    "wikidata": ("Wikidata", "https://www.wikidata.org/wiki/{}", r"Q\d+"),
    "viaf": ("VIAF", "https://viaf.org/viaf/{}", r"\d+"),
    "geonames": ("GeoNames", "https://www.geonames.org/{}", r"\d+"),
    "gnd": ("GND", "https://d-nb.info/gnd/{}", r"[0-9X-]+"),
    "loc": ("Library of Congress", "https://id.loc.gov/authorities/names/{}.html", r"n[a-z]?\d+"),
}


@dataclass
class Entry:
    id: str
    kind: str                                   # person | place | org
    name: str
    variants: list[str] = field(default_factory=list)
    details: list[tuple[str, str]] = field(default_factory=list)
    authorities: list[tuple[str, str]] = field(default_factory=list)   # (label, url)
    coords: tuple[float, float] | None = None   # (lat, lon)
    place_type: str = ""

    @property
    def summary(self) -> str:
        """A line for the hover card."""
        bits = [v for k, v in self.details if k in ("Office", "Occupation", "Role", "Description", "Type", "Life")]
        return "; ".join(bits[:2])


def _span(node) -> str:
    start, end = node.get("from") or node.get("notBefore"), node.get("to") or node.get("notAfter")
    if start or end:
        return f" ({date_label(start or '') or '?'} – {date_label(end or '') or '?'})"
    if node.get("when"):
        return f" ({date_label(node.get('when'))})"
    return ""


def _authority(idno) -> tuple[str, str] | None:
    kind, value = (idno.get("type") or "").lower(), text(idno)
    if re.match(r"https?://\S+$", value):
        return (AUTHORITIES.get(kind, (kind or "Authority",))[0], value)
    if kind in AUTHORITIES:
        label, pattern, shape = AUTHORITIES[kind]
        if re.fullmatch(shape, value):
            return (label, pattern.format(value))
    return None


def _entry(node, kind: str) -> Entry:
    name_tag = KINDS[kind][0]
    names = node.findall(f"tei:{name_tag}", NSMAP)
    main = next((n for n in names if n.get("type") == "main"), names[0] if names else None)
    entry = Entry(node.get(XML_ID), kind, text(main) or node.get(XML_ID))
    plain = [n for n in names if n is not main and n.get("type") != "office"]
    entry.variants = [t for t in dict.fromkeys(text(n) for n in plain) if t and t != entry.name]
    for office in (n for n in names if n.get("type") == "office"):
        entry.details.append(("Referred to as", text(office) + _span(office)))
    entry.place_type = node.get("type") or ""
    birth, death = node.find("tei:birth", NSMAP), node.find("tei:death", NSMAP)
    if birth is not None or death is not None:
        life = lambda n: date_label(n.get("when") or text(n)) if n is not None else "?"  # noqa: E731
        entry.details.append(("Life", f"{life(birth)} – {life(death)}"))
    for tag, label in (("occupation", "Office"), ("roleName", "Role"), ("affiliation", "Affiliation"),
                       ("nationality", "Nationality"), ("desc", "Description"), ("note", "Note")):
        for child in node.findall(f"tei:{tag}", NSMAP):
            if text(child):
                entry.details.append((label, text(child) + _span(child)))
    if entry.place_type:
        entry.details.insert(0, ("Type", entry.place_type.replace("-", " ")))
    geo = node.find("tei:location/tei:geo", NSMAP)
    if geo is not None:
        parts = text(geo).replace(",", " ").split()
        try:
            lat, lon = float(parts[0]), float(parts[1])
            if -90 <= lat <= 90 and -180 <= lon <= 180:
                entry.coords = (lat, lon)
                entry.details.append(("Coordinates", f"{lat:.4f}, {lon:.4f}"))
        except (IndexError, ValueError):
            pass
    entry.authorities = [a for a in (_authority(i) for i in node.findall("tei:idno", NSMAP)) if a]
    return entry


def read_register(path: Path) -> dict[str, Entry]:
    """Entries by id; an absent register gives an empty one."""
    if not Path(path).exists():
        return {}
    root = parse(path).getroot()
    entries: dict[str, Entry] = {}
    for kind in KINDS:
        for node in root.iter(f"{{http://www.tei-c.org/ns/1.0}}{kind}"):
            if node.get(XML_ID):
                entries[node.get(XML_ID)] = _entry(node, kind)
    return entries
