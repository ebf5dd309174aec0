"""The print builder: the edition as one PDF (reledmac via xslt/print/, typeset by XeLaTeX).

Runs before the web builder (priority 100), so the site links the PDF of the same build.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .. import pdf
from ..imprint import edition_imprint
from .base import Builder, register


@register("print", priority=100)
class PrintBuilder(Builder):

    def documents(self) -> list[tuple[Path, str]]:
        return [(Path(r.path), r.date_label) for r in self.env.records()]

    def stylesheet(self):
        return self.context.options.get("print_xslt") or self.edition.print.xslt or pdf.STYLESHEET

    def build(self) -> Path:
        self.say(f"transforming {len(self.env)} documents through {self.stylesheet()}")
        records = list(self.env.records())
        sources = {r.path: (*self.env.source(r.id), r.id) for r in records}   # a stylesheet's error names these
        tex = pdf.tex_source([(Path(r.path), r.date_label) for r in records], self.edition.registers,
                             self.edition.introduction, self.stylesheet(), sources,
                             imprint=edition_imprint(self.edition.site, self.edition.editors, records))
        epoch = pdf.source_date_epoch([r.last_change for r in records], [Path(r.path) for r in records])
        progress = self.context.progress or (lambda m: print(f"print: {m}", file=sys.stderr, flush=True))
        result = pdf.typeset(tex, self.out, epoch, progress=progress)
        self.say(f"wrote {result}")
        return result

    @classmethod
    def tex_for(cls, tei_dir: Path, stylesheet=pdf.STYLESHEET) -> str:
        """The LaTeX of a folder of TEI, without typesetting (tests, `render_tex`)."""
        import tempfile
        from ..edition import edition_for
        from ..environment import load_environment
        with tempfile.TemporaryDirectory() as tmp:
            edition = edition_for(tei_dir, out_dir=Path(tmp))
            env = load_environment(edition)
            records = list(env.records())
            docs = [(Path(r.path), r.date_label) for r in records]
            return pdf.tex_source(docs, edition.registers, edition.introduction, stylesheet,
                                  imprint=edition_imprint(edition.site, edition.editors, records))
