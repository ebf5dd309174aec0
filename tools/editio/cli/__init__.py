"""Command-line interface: thin wrappers that parse arguments and call the pipeline stages.

Each command lives in its own module and registers itself on the shared `app`.
"""

from __future__ import annotations

from ._app import app
from . import convert, tag, entities, collate, suspects, validate, build, archive, serve  # noqa: F401  (registration)


def main() -> None:
    app()


__all__ = ["app", "main"]
