"""The edition's front matter (title, introduction, editorial principles): a TEI file with <front>.

Its place is data: the `introduction` key under [edition] in edition.toml (beside tei/), relative
to that file.  Without the key, editorial/introduction.xml beside tei/ is used when it exists; an
edition without either simply has no front matter.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from .errors import EditioError

DEFAULT = Path("editorial") / "introduction.xml"


def front_matter(tei_dir: Path) -> Path | None:
    """The front-matter TEI file of the edition whose documents are in tei_dir, or None."""
    base = Path(tei_dir).resolve().parent
    config = base / "edition.toml"
    if config.is_file():
        try:
            data = tomllib.loads(config.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise EditioError(f"cannot read edition settings: {exc}", path=str(config)) from None
        value = data.get("edition", {}).get("introduction")
        if value is not None:
            if not isinstance(value, str) or not value.strip():
                raise EditioError("[edition] introduction must be a file path", path=str(config))
            path = base / value.strip()
            if not path.is_file():
                raise EditioError(f"[edition] introduction names a missing file: {value.strip()}",
                                  path=str(config))
            return path
    candidate = base / DEFAULT
    return candidate if candidate.is_file() else None
