"""`editio build`: render the edition (tei/) into a static web site and/or a PDF."""

from __future__ import annotations

from pathlib import Path

import typer

from ._app import app, guarded


@app.command()
@guarded
def build(
    tei_dir: Path = typer.Argument(Path("tei"), help="Folder holding the edition's TEI files."),
    out: Path = typer.Option(Path("build"), "--out", "-o", help="Output folder (web/ and print/ go inside)."),
    web: bool = typer.Option(False, "--web", help="Build the static web edition into OUT/web/."),
    print_: bool = typer.Option(False, "--print", help="Build the PDF edition into OUT/print/edition.pdf."),
    xslt: list[Path] = typer.Option([], "--xslt", help="Your stylesheet, importing editio:web/document.xsl or "
                                    "editio:print/edition.xsl to override templates (repeatable; default: "
                                    "xslt = \"…\" under [web] / [print] in edition.toml)."),
) -> None:
    """Render the edition.

    Example: editio build tei/ --web --print --out build/

    Example: editio build tei/ --web --xslt my-web.xsl
    """
    from ..edition import output_stylesheet
    from ..stylesheets import output_of

    if not (web or print_):
        web = print_ = True
    custom = {kind: output_stylesheet(tei_dir, kind) for kind in ("web", "print")}
    for path in xslt:
        custom[output_of(path)] = path
    if web:
        from ..web import build_web
        build_web(tei_dir, out / "web", custom["web"])
    if print_:
        from ..pdf import build_print
        if custom["print"]:
            build_print(tei_dir, out / "print", custom["print"])
        else:
            build_print(tei_dir, out / "print")
