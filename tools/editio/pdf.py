"""The print edition: TEI documents -> edition.tex (xslt/print/) -> edition.pdf (XeLaTeX).

The documents are gathered into one teiCorpus in the environment's date order; every element
carries its line in the TEI file (attribute src:line), every document its file (src:file) and the
date its record gives (src:date), which the stylesheet uses, so that the date is decided once and
a TeX error can be traced back to the TEI element (editio.texrun).  Markup comes from xslt/print/.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from lxml import etree

from . import TEI_NS, resources, stylesheets, texrun
from .errors import EditioError
from .xmlio import atomic_write, parse

SRC_NS = "urn:editio:source"
STYLESHEET = "print/edition.xsl"
FALLBACK_EPOCH = texrun.FALLBACK_EPOCH


def corpus(documents: list[tuple[Path, str]], base: Path) -> etree._ElementTree:
    """One teiCorpus holding every (file, date label), each element annotated with its source line."""
    root = etree.Element(f"{{{TEI_NS}}}teiCorpus", nsmap={None: TEI_NS, "src": SRC_NS})
    for path, date in documents:
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
        if date:
            doc.set(f"{{{SRC_NS}}}date", date)
        root.append(doc)
    return etree.ElementTree(root)


def tex_source(documents: list[tuple[Path, str]], registers: list[Path], front: Path | None,
               stylesheet: str | Path = STYLESHEET, sources: dict[str, tuple[str, int, str]] | None = None,
               imprint=None) -> str:
    """The edition as LaTeX source (no TeX needed).  sources: the user's file, line and id of each
    document whose path is the build's resolved copy (for the error of a stylesheet that stops).
    imprint: the edition's title, authors, editors, publisher and licence (editio.imprint), for the
    title page and the PDF's metadata where the front matter names none."""
    register = registers[0] if registers else None
    params = {
        "register": register.resolve().as_uri() if register else "",
        "front": front.resolve().as_uri() if front else "",
    }
    if imprint is not None:
        # names are parted by a line end, which no name holds (the stylesheet splits them)
        params.update({"imprint-title": imprint.title, "imprint-authors": "\n".join(imprint.authors),
                       "imprint-editors": "\n".join(imprint.editors), "imprint-publication": imprint.publication,
                       "imprint-licence": imprint.licence})
    if front:
        parse(front)  # a malformed front-matter file is reported like any other input
    for reg in registers:
        parse(reg)
    try:
        return str(stylesheets.apply(stylesheet, corpus(documents, Path.cwd()), **params))
    except stylesheets.XSLTError as exc:
        raise _on_document(exc, documents, stylesheet, params, sources or {}) from None


def _on_document(exc, documents, stylesheet, params, sources) -> Exception:
    """The stylesheet ran on all the documents at once, and libxslt does not say on which node it
    stopped: the document is found by running it again on halves of the corpus (on this error path
    only: about one pass more), and the error names that document's file."""
    def fails(part) -> bool:
        try:
            stylesheets.apply(stylesheet, corpus(part, Path.cwd()), **params)
        except stylesheets.XSLTError as again:
            return again.message == exc.message
        return False

    part = list(documents)
    while len(part) > 1:
        half = len(part) // 2
        if fails(part[:half]):
            part = part[:half]
        elif fails(part[half:]):
            part = part[half:]
        else:
            return exc                     # it stops only on the documents together: no one file to name
    if len(part) == 1 and (len(documents) == 1 or fails(part)):
        path = str(part[0][0])
        source, line, doc_id = sources.get(path, (path, 0, ""))
        return stylesheets.name_source(exc, path, source, line, doc_id)
    return exc


def source_date_epoch(last_changes: list[str], files: list[Path] | None = None) -> int:
    """The edition's real date for the PDF's metadata: SOURCE_DATE_EPOCH from the environment, else
    the newest revisionDesc change/@when, else the last git commit of the TEI files, else their
    newest modification time; 1980-01-01 only when there is nothing to date."""
    if os.environ.get("SOURCE_DATE_EPOCH", "").isdigit():
        return int(os.environ["SOURCE_DATE_EPOCH"])
    dates = [d[:10] for d in last_changes if d and len(d) >= 10]
    try:
        newest = dt.date.fromisoformat(max(dates)) if dates else None
    except ValueError:
        newest = None
    if newest is not None:
        return int(dt.datetime(newest.year, newest.month, newest.day, tzinfo=dt.timezone.utc).timestamp())
    files = [Path(f) for f in files or [] if Path(f).is_file()]
    committed = _commit_time(files)
    if committed:
        return committed
    return max((int(f.stat().st_mtime) for f in files), default=FALLBACK_EPOCH)


def _commit_time(files: list[Path]) -> int | None:
    """Unix time of the last git commit that touched any of `files` (None outside a git checkout)."""
    import shutil
    import subprocess
    git = shutil.which("git")
    if not git or not files:
        return None
    try:
        done = subprocess.run([git, "log", "-1", "--format=%ct", "--", *(f.name for f in files)],
                              cwd=files[0].parent, capture_output=True, text=True, timeout=30,
                              stdin=subprocess.DEVNULL)
    except (OSError, subprocess.TimeoutExpired):
        return None
    value = done.stdout.strip()
    return int(value) if done.returncode == 0 and value.isdigit() else None


def typeset(tex: str, out_dir: Path, epoch: int, progress=None) -> Path:
    """Write OUT/edition.tex and typeset OUT/edition.pdf; return the PDF's path."""
    tex_path = Path(out_dir) / "edition.tex"
    atomic_write(tex_path, tex)
    tex_path.chmod(0o644)  # a build product, readable like the PDF beside it
    if progress:
        progress(f"wrote {tex_path}")
    return texrun.typeset(tex_path, index_style=resources.xslt("print", "edition.ist"), epoch=epoch,
                          progress=progress)


def render_tex(tei_dir: Path, stylesheet: str | Path = STYLESHEET) -> str:
    """The LaTeX of the TEI in tei_dir (and its edition's register and front matter)."""
    from .builders.print import PrintBuilder
    return PrintBuilder.tex_for(Path(tei_dir), stylesheet)


def build_print(tei_dir: Path, out_dir: Path, stylesheet: str | Path = STYLESHEET) -> Path:
    """Build the TEI in tei_dir into out_dir/edition.pdf; return the PDF's path."""
    from .builders import build
    from .edition import edition_for
    out_dir = Path(out_dir)
    edition = edition_for(Path(tei_dir), out_dir=out_dir.parent)
    context = build(edition, ["print"], jobs=1, outputs={"print": out_dir},
                    options={"print_xslt": stylesheet} if stylesheet != STYLESHEET else None)
    return context.outputs["print"]
