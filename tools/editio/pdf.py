"""The print edition: tei/*.xml -> build/print/edition.tex (xslt/print/) -> edition.pdf (XeLaTeX).

The documents are gathered into one teiCorpus in date order; every element carries its line in
the TEI file (attribute src:line) and every document its file (src:file), which the stylesheet
writes into the .tex as comments so that a TeX error can be traced back to the TEI element
(editio.texrun).  Markup comes from xslt/print/ only.
"""

from __future__ import annotations

import sys
from pathlib import Path

from lxml import etree

from . import TEI_NS, resources, stylesheets, texrun
from .front import front_matter
from .errors import EditioError
from .xmlio import atomic_write, parse

SRC_NS = "urn:editio:source"
STYLESHEET = "print/edition.xsl"


def say(message: str) -> None:
    print(f"print: {message}", file=sys.stderr, flush=True)


def document_files(tei_dir: Path) -> list[Path]:
    """The edition's documents: TEI files directly in tei_dir (the register lives below it)."""
    files = sorted(p for p in tei_dir.glob("*.xml") if p.is_file())
    if not files:
        raise EditioError("no TEI documents (*.xml) found", path=str(tei_dir))
    return files


def corpus(files: list[Path], base: Path) -> etree._ElementTree:
    """One teiCorpus holding every document, each element annotated with its source line."""
    root = etree.Element(f"{{{TEI_NS}}}teiCorpus", nsmap={None: TEI_NS, "src": SRC_NS})
    for path in files:
        doc = parse(path).getroot()
        if doc.tag != f"{{{TEI_NS}}}TEI":
            raise EditioError(f"not a TEI document: root element is <{etree.QName(doc).localname}>",
                              path=str(path), line=doc.sourceline)
        for el in doc.iter(etree.Element):
            if el.sourceline:
                el.set(f"{{{SRC_NS}}}line", str(el.sourceline))
        try:
            shown = path.resolve().relative_to(base.resolve())
        except ValueError:
            shown = path
        doc.set(f"{{{SRC_NS}}}file", str(shown))
        root.append(doc)
    return etree.ElementTree(root)


def render_tex(tei_dir: Path, stylesheet: str | Path = STYLESHEET) -> str:
    """The edition as LaTeX source (no TeX needed)."""
    tei_dir = Path(tei_dir)
    files = document_files(tei_dir)
    register = tei_dir / "register" / "register.xml"
    front = front_matter(tei_dir)
    params = {
        "register": register.resolve().as_uri() if register.is_file() else "",
        "front": front.resolve().as_uri() if front else "",
    }
    if front:
        parse(front)  # a malformed front-matter file is reported like any other input
    if register.is_file():
        parse(register)
    result = stylesheets.apply(stylesheet, corpus(files, Path.cwd()), **params)
    return str(result)


def build_print(tei_dir: Path, out_dir: Path, stylesheet: str | Path = STYLESHEET) -> Path:
    """Write OUT/edition.tex and typeset OUT/edition.pdf; return the PDF's path."""
    tei_dir, out_dir = Path(tei_dir), Path(out_dir)
    say(f"transforming {tei_dir}/ through xslt/{STYLESHEET}")
    tex = render_tex(tei_dir, stylesheet)
    tex_path = out_dir / "edition.tex"
    atomic_write(tex_path, tex)
    tex_path.chmod(0o644)  # a build product, readable like the PDF beside it
    say(f"wrote {tex_path}")
    pdf = texrun.typeset(tex_path, index_style=resources.xslt("print", "edition.ist"),
                         epoch=texrun.source_date_epoch(document_files(tei_dir)), progress=say)
    say(f"wrote {pdf}")
    return pdf
