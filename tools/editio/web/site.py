"""Settings of the site: title, editors, stable base URL, from edition.toml beside tei/ when present."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from ..errors import EditioError

DEFAULT_TITLE = "A digital edition"


@dataclass
class Site:
    title: str = DEFAULT_TITLE
    editors: str = "The editors"
    base_url: str = ""          # e.g. https://example.org/edition/ ; empty: URLs relative to the site
    licence: str = ""
    publisher: str = ""


def read_site(tei_dir: Path) -> Site:
    site = Site()
    config = Path(tei_dir).resolve().parent / "edition.toml"
    if not config.exists():
        return site
    try:
        data = tomllib.loads(config.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise EditioError(f"cannot read edition settings: {exc}", path=str(config)) from None
    section = {**data.get("edition", {}), **data.get("web", {})}
    for key in ("title", "editors", "base_url", "licence", "publisher"):
        value = section.get(key)
        if isinstance(value, list):
            value = ", ".join(map(str, value))
        if isinstance(value, str) and value.strip():
            setattr(site, key, value.strip())
    if site.base_url and not site.base_url.startswith(("https://", "http://")):
        raise EditioError("web base_url must be an http(s) URL", path=str(config))
    if site.base_url and not site.base_url.endswith("/"):
        site.base_url += "/"
    return site
