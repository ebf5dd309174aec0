"""Jinja2 environment (autoescape on) and the writer that puts rendered pages into the site."""

from __future__ import annotations

import shutil
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from ..resources import PACKAGE
from ..xmlio import atomic_write

TEMPLATES = PACKAGE / "templates" / "web"
STATIC = PACKAGE / "static" / "web"


def environment() -> Environment:
    return Environment(loader=FileSystemLoader(str(TEMPLATES)),
                       autoescape=select_autoescape(default=True, default_for_string=True),
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                       keep_trailing_newline=True)


class Writer:
    def __init__(self, out: Path, common: dict):
        self.out = out
        self.env = environment()
        self.common = common

    def page(self, relpath: str, template: str, **context) -> None:
        depth = relpath.count("/")
        html = self.env.get_template(template).render(root="../" * depth, **self.common, **context)
        atomic_write(self.out / relpath, html)

    def copy(self, source: Path, relpath: str) -> None:
        target = self.out / relpath
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)

    def text(self, relpath: str, content: str) -> None:
        atomic_write(self.out / relpath, content)

    def static(self) -> None:
        for path in sorted(STATIC.iterdir()):
            if path.is_file():
                self.copy(path, f"static/{path.name}")
