"""The edition file (edition.toml): which sources, under which ids, with which editorial data."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError


@dataclass
class DocumentEntry:
    id: str
    source: Path
    settings: dict = field(default_factory=dict)


@dataclass
class Edition:
    path: Path
    title: str
    tei_dir: Path
    register: Path
    documents: list[DocumentEntry]
    settings: dict

    @property
    def base_dir(self) -> Path:
        return self.path.parent


def load_edition(path: str | Path) -> Edition:
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError("edition file not found", path=str(path)) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"edition file is not valid TOML: {exc}", path=str(path)) from None
    base = path.parent
    meta = data.get("edition", {})
    documents = []
    for number, entry in enumerate(data.get("document", []), start=1):
        if "id" not in entry or "source" not in entry:
            raise InputError(f"[[document]] #{number} needs both 'id' and 'source'", path=str(path))
        documents.append(DocumentEntry(id=entry["id"], source=base / entry["source"], settings=entry))
    return Edition(path=path, title=meta.get("title", ""), tei_dir=base / meta.get("tei", "tei"),
                   register=base / meta.get("register", "tei/register/register.xml"),
                   documents=documents, settings=meta)


def output_stylesheet(tei_dir: str | Path, output: str) -> Path | None:
    """The custom stylesheet `xslt = "…"` under [web] or [print] of the edition.toml beside tei_dir
    (relative to that file), or None.  (A minimal read for `editio build`; it belongs to the Edition.)"""
    config = Path(tei_dir).resolve().parent / "edition.toml"
    if not config.is_file():
        return None
    try:
        data = tomllib.loads(config.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"edition file is not valid TOML: {exc}", path=str(config)) from None
    value = data.get(output, {}).get("xslt")
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise InputError(f"[{output}] xslt must be the path of a stylesheet", path=str(config))
    path = config.parent / value
    if not path.is_file():
        raise InputError(f"[{output}] xslt: no such stylesheet: {value}", path=str(config))
    return path
