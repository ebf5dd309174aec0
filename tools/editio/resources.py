"""Where the stylesheets, schemas and templates are, in a checkout or in an installed wheel."""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
_CHECKOUT = PACKAGE.parent.parent  # tools/editio -> repository root


def data_dir(name: str) -> Path:
    """Return the directory `xslt` or `schema`: the checkout's copy first, then the wheel's."""
    for candidate in (_CHECKOUT / name, PACKAGE / "_data" / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"editio's {name}/ directory is missing from this installation")


def xslt(*parts: str) -> Path:
    return data_dir("xslt").joinpath(*parts)


def schema(*parts: str) -> Path:
    return data_dir("schema").joinpath(*parts)
