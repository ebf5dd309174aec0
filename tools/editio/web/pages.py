"""Jinja2 environment (autoescape on) and the writer that puts rendered pages into the site."""

from __future__ import annotations

import os
import shutil
from functools import lru_cache
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


@lru_cache(maxsize=1)
def _shared_environment() -> Environment:
    return environment()


class PageWriter:
    """Renders templates into the site.  direct=True writes files in place, for a folder that is
    itself staged (see editio.outdir): no temporary file and no fsync per page."""

    def __init__(self, out: Path, common: dict, direct: bool = False):
        self.out = out
        self.env = _shared_environment()
        self.common = common
        self.direct = direct

    def _write(self, relpath: str, data: str) -> None:
        if self.direct:
            target = f"{self.out}/{relpath}"      # no pathlib: thousands of pages
            try:
                handle = open(target, "wb")
            except FileNotFoundError:             # its folder is not made yet
                os.makedirs(os.path.dirname(target), exist_ok=True)
                handle = open(target, "wb")
            with handle:
                handle.write(data.encode("utf-8"))
        else:
            atomic_write(self.out / relpath, data)

    def page(self, relpath: str, template: str, **context) -> None:
        depth = relpath.count("/")
        self._write(relpath, self.env.get_template(template).render(root="../" * depth, **self.common, **context))

    def copy(self, source: Path, relpath: str) -> None:
        target = f"{self.out}/{relpath}"
        try:
            shutil.copyfile(source, target)
        except FileNotFoundError:
            if not os.path.isfile(source):        # the source is missing, not the folder
                raise
            os.makedirs(os.path.dirname(target), exist_ok=True)
            shutil.copyfile(source, target)

    def text(self, relpath: str, content: str) -> None:
        self._write(relpath, content)

    def static(self) -> None:
        for path in sorted(STATIC.iterdir()):
            if path.is_file():
                self.copy(path, f"static/{path.name}")
