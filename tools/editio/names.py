"""Lexical data for names (editorial/names.toml): titles, articles, element per place type, stop-list."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .errors import InputError


@dataclass(frozen=True)
class NameData:
    titles: tuple[str, ...] = ()
    articles: tuple[str, ...] = ("the",)
    place_elements: dict = field(default_factory=dict)
    not_names: frozenset[str] = frozenset()
    wrap_editorial: bool = True       # names contain the sic/choice/app inside them (see names.toml)

    def place_element(self, place_type: str | None) -> str:
        return self.place_elements.get(place_type or "", self.place_elements.get("default", "placeName"))


@lru_cache(maxsize=4)
def load(path: Path | None = None) -> NameData:
    """The name data at path; None gives the defaults (no titles, no stop-list), never another
    edition's file."""
    if path is None:
        return NameData(place_elements={"default": "placeName"})
    path = Path(path)
    if not path.is_file():
        raise InputError("name data file not found", path=str(path))
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read name data: {exc}", path=str(path)) from None
    where = str(path)

    def words(table: dict, key: str, default, what: str) -> tuple[str, ...]:
        value = table.get(key, default)
        if not isinstance(value, (list, tuple)) or not all(isinstance(w, str) for w in value):
            raise InputError(f"{what} must be a list of strings, e.g. {key} = [\"...\"]", path=where)
        return tuple(value)

    report = data.get("report", {})
    places = data.get("place_elements", {"default": "placeName"})
    wrap = data.get("wrap_editorial", True)
    if not isinstance(report, dict):
        raise InputError("[report] must be a table", path=where)
    if not isinstance(places, dict) or not all(isinstance(v, str) for v in places.values()):
        raise InputError("place_elements must be a table of element names, e.g. { default = \"placeName\" }",
                         path=where)
    if not isinstance(wrap, bool):
        raise InputError("wrap_editorial must be true or false", path=where)
    return NameData(
        titles=words(data, "titles", (), "titles"),
        articles=words(data, "articles", ("the",), "articles"),
        place_elements=dict(places),
        not_names=frozenset(w.lower() for w in words(report, "not_names", (), "[report] not_names")),
        wrap_editorial=wrap,
    )
