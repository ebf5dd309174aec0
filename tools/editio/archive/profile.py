"""Import profiles: where an archive keeps its documents, their titles, dates and register lists.

A profile is a small TOML file (see profiles/frus.toml, README "Import profiles"). Its XPaths are
compiled once; `string(...)` expressions give text, the others elements (the first is used where
one value is wanted). Built-in profiles are looked up by name; anything else is a path.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from lxml import etree

from .. import TEI_NS
from ..errors import InputError

PROFILES = Path(__file__).resolve().parent / "profiles"
REGISTER_KINDS = ("person", "place", "org")


@dataclass(frozen=True)
class Pointer:
    element: str        # TEI element name (persName, gloss)
    attribute: str      # where the archive points (corresp, target)
    as_: str            # where the imported document points (ref, target)


@dataclass(frozen=True)
class RegisterList:
    kind: str           # person | place | org
    entries: str        # XPath of the elements carrying the entries' xml:id
    pointers: tuple[Pointer, ...]


@dataclass
class Profile:
    name: str
    path: Path | None
    unit: str
    description: str = ""
    url: str | None = None
    namespaces: dict[str, str] = field(default_factory=dict)
    volume: dict[str, str] = field(default_factory=dict)
    document: dict[str, str] = field(default_factory=dict)
    registers: list[RegisterList] = field(default_factory=list)
    renames: dict[str, str] = field(default_factory=dict)     # Clark name -> TEI element name

    @property
    def nsmap(self) -> dict[str, str]:
        return {**self.namespaces, "tei": TEI_NS}

    @cached_property
    def compiled(self) -> dict[str, etree.XPath]:
        """Every XPath of the profile, compiled once (keys: unit, volume.<k>, document.<k>, register.<i>)."""
        out = {"unit": self._xpath(self.unit, "unit")}
        for group in ("volume", "document"):
            for key, expr in getattr(self, group).items():
                out[f"{group}.{key}"] = self._xpath(expr, f"{group}.{key}")
        for number, reg in enumerate(self.registers):
            out[f"register.{number}"] = self._xpath(reg.entries, f"register #{number + 1} entries")
        return out

    def _xpath(self, expr: str, what: str) -> etree.XPath:
        try:
            return etree.XPath(expr, namespaces=self.nsmap)
        except etree.XPathSyntaxError as exc:
            raise InputError(f"profile {self.name!r}: {what} is not a valid XPath ({exc}): {expr}",
                             path=str(self.path) if self.path else None) from None

    def _evaluate(self, key: str, xp: etree.XPath, context):
        try:
            return xp(context)
        except etree.XPathEvalError as exc:     # an unknown prefix or function: found only when it runs
            raise InputError(f"profile {self.name!r}: {key} cannot be evaluated ({exc}): {xp.path}",
                             path=str(self.path) if self.path else None,
                             hint=f"the prefixes it may use: {', '.join(sorted(self.nsmap))}") from None

    def value(self, key: str, context) -> str:
        """Text of a profile expression on `context` ('' when it is absent or selects nothing)."""
        xp = self.compiled.get(key)
        if xp is None:
            return ""
        result = self._evaluate(key, xp, context)
        if isinstance(result, list):
            result = result[0] if result else ""
        if isinstance(result, etree._Element):
            return text_of(result)
        return " ".join(str(result).split())

    def elements(self, key: str, context) -> list:
        xp = self.compiled.get(key)
        if xp is None:
            return []
        result = self._evaluate(key, xp, context)
        return [r for r in result if isinstance(r, etree._Element)] if isinstance(result, list) else []

    def with_unit(self, xpath: str) -> "Profile":
        """The same profile with `--split XPATH` as its unit."""
        data = {f.name: getattr(self, f.name) for f in self.__dataclass_fields__.values()}
        data["unit"] = xpath
        return Profile(**data)


def text_of(el) -> str:
    """An element's text with the notes inside it left out, whitespace collapsed."""
    parts = []

    def walk(node):
        parts.append(node.text or "")
        for child in node:
            if isinstance(child.tag, str) and etree.QName(child).localname == "lb":
                parts.append(" ")
            elif isinstance(child.tag, str) and etree.QName(child).localname != "note":
                walk(child)
            parts.append(child.tail or "")

    walk(el)
    return " ".join("".join(parts).split())


def load_profile(name_or_path: str | Path) -> Profile:
    """A built-in profile by name (frus, generic) or a user's profile file."""
    path = Path(name_or_path)
    if not path.suffix and (PROFILES / f"{name_or_path}.toml").is_file():
        path = PROFILES / f"{name_or_path}.toml"
    if not path.is_file():
        known = ", ".join(sorted(p.stem for p in PROFILES.glob("*.toml")))
        raise InputError(f"unknown profile {str(name_or_path)!r}; use one of {known} or the path of a .toml file")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"profile is not valid TOML: {exc}", path=str(path)) from None
    return _profile(data, path)


def _profile(data: dict, path: Path) -> Profile:
    where = str(path)

    def table(value, what: str) -> dict:
        if not isinstance(value, dict):
            raise InputError(f"{what} must be a table", path=where)
        return value

    def tables(key: str) -> list[dict]:
        value = data.get(key, [])
        if not isinstance(value, list):
            raise InputError(f"[[{key}]] must be an array of tables ([[{key}]] headers)", path=where)
        return [table(item, f"[[{key}]] #{n}") for n, item in enumerate(value, start=1)]

    def strings(value: dict, what: str) -> dict[str, str]:
        for key, item in value.items():
            if not isinstance(item, str):
                raise InputError(f"{what} {key} must be a string (an XPath or a name)", path=where)
        return dict(value)

    head = strings(table(data.get("profile", {}), "[profile]"), "[profile]")
    if not head.get("unit"):
        raise InputError("profile needs [profile] unit = \"XPATH of the elements that are documents\"", path=where)
    namespaces = strings(table(data.get("namespaces", {}), "[namespaces]"), "[namespaces]")
    volume = strings(table(data.get("volume", {}), "[volume]"), "[volume]")
    document = strings(table(data.get("document", {}), "[document]"), "[document]")
    registers = []
    for number, reg in enumerate(tables("register"), start=1):
        if reg.get("kind") not in REGISTER_KINDS or not isinstance(reg.get("entries"), str) or not reg["entries"]:
            raise InputError(f"[[register]] #{number} needs kind ({', '.join(REGISTER_KINDS)}) and entries", path=where)
        pointers = []
        listed = reg.get("pointers", [])
        if not isinstance(listed, list):
            raise InputError(f"[[register]] #{number}: pointers must be a list of {{ element, attribute }} tables",
                             path=where)
        for ptr in listed:
            if not (isinstance(ptr, dict) and isinstance(ptr.get("element"), str) and ptr["element"]
                    and isinstance(ptr.get("attribute"), str) and ptr["attribute"]
                    and isinstance(ptr.get("as", ""), str)):
                raise InputError(f"[[register]] #{number}: each pointer needs element and attribute", path=where)
            pointers.append(Pointer(ptr["element"], ptr["attribute"], ptr.get("as", ptr["attribute"])))
        registers.append(RegisterList(reg["kind"], reg["entries"], tuple(pointers)))
    renames = {}
    for number, rule in enumerate(tables("rename"), start=1):
        prefix, _, local = str(rule.get("element", "")).rpartition(":")
        if not prefix or prefix not in namespaces or not isinstance(rule.get("as"), str) or not rule["as"]:
            raise InputError(f"[[rename]] #{number} needs element = \"prefix:name\" (prefix in [namespaces]) "
                             "and as = \"TEI element\"", path=where)
        renames[f"{{{namespaces[prefix]}}}{local}"] = rule["as"]
    profile = Profile(name=head.get("name", path.stem), path=path, unit=head["unit"],
                      description=head.get("description", ""), url=head.get("url"), namespaces=namespaces,
                      volume=volume, document=document,
                      registers=registers, renames=renames)
    profile.compiled  # noqa: B018  (report a bad XPath now, naming the profile file)
    return profile
