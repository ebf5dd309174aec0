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
    return NameData(
        titles=tuple(data.get("titles", ())),
        articles=tuple(data.get("articles", ("the",))),
        place_elements=dict(data.get("place_elements", {"default": "placeName"})),
        not_names=frozenset(w.lower() for w in data.get("report", {}).get("not_names", ())),
        wrap_editorial=bool(data.get("wrap_editorial", True)),
    )
