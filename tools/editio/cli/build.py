"""`editio build`: run the edition's builders (print, web, and any other registered) over its TEI."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from ..diagnostics import Reporter
from ..edition import edition_for, load_edition
from ._app import app, finish, guarded
from .options import EDITION, EXECUTOR, FORMAT, JOBS, QUIET, STRICT, check_format


@app.command()
@guarded
def build(
    tei_dir: Path = typer.Argument(None, help="Folder of TEI files (default: the edition's tei/)."),
    out: Path = typer.Option(None, "--out", "-o", help="Build folder; each builder writes into OUT/NAME/ (default: build/)."),
    web: bool = typer.Option(False, "--web", help="Build the static web edition into OUT/web/."),
    print_: bool = typer.Option(False, "--print", help="Build the PDF edition into OUT/print/edition.pdf."),
    api: bool = typer.Option(False, "--api", help="Build the DTS and OAI-PMH data and static responses into OUT/api/."),
    builder: list[str] = typer.Option(None, "--builder", "-b", help="Run this builder (repeatable); see --list."),
    xslt: list[Path] = typer.Option(None, "--xslt", help="Your stylesheet: it imports editio:web/document.xsl (web pages) "
                                    "or editio:print/edition.xsl (the PDF) and overrides templates; repeatable."),
    list_builders: bool = typer.Option(False, "--list", help="List the builders and exit."),
    edition: Path = EDITION,
    jobs: int = JOBS,
    executor: str = EXECUTOR,
    strict: bool = STRICT,
    quiet: bool = QUIET,
    fmt: str = FORMAT,
) -> None:
    """Render the edition: print first (so the site links this build's PDF), then web.

    Examples:

      editio build                       # the edition of this folder: PDF and web site into build/

      editio build tei/ --web --out build/ --jobs 2

      editio build --builder web --format json

      editio build tei/ --web --xslt my-web.xsl     # my-web.xsl imports editio:web/document.xsl
    """
    from ..builders import available, build as run_builders

    check_format(fmt, ("text", "json"))
    if list_builders:
        for name, cls in available().items():
            print(f"{name}\t{(cls.__doc__ or '').strip().splitlines()[0] if cls.__doc__ else ''}")
        return
    if tei_dir is not None and edition is None:
        ed = edition_for(tei_dir, out_dir=out)
    else:
        ed = load_edition(edition if edition is not None else Path.cwd(), tei_dir=tei_dir, out_dir=out)
    names = list(builder or [])
    if web:
        names.append("web")
    if print_:
        names.append("print")
    if api:
        names.append("api")
    if not names:
        names = ["print", "web"]
    reporter = Reporter(strict=strict)
    progress = None if quiet or fmt == "json" else (lambda m: print(m, file=sys.stderr, flush=True))
    options = {}
    for sheet in xslt or []:
        if not sheet.is_file():
            from ..errors import InputError
            raise InputError("stylesheet not found", path=str(sheet))
        from ..stylesheets import output_of
        options[f"{output_of(sheet)}_xslt"] = sheet.resolve()
    from ..progress import Progress
    context = run_builders(ed, names, jobs=jobs or None, executor=executor, reporter=reporter,
                           options=options, progress=progress, bar=Progress(False if quiet or fmt == "json" else None))
    if fmt == "json":
        print(json.dumps({"outputs": {k: str(v) for k, v in context.outputs.items()},
                          "documents": len(context.env), "rebuilt": sorted(context.env.changed),
                          "warnings": reporter.as_list()}, indent=2))
    else:
        for name, path in context.outputs.items():
            print(f"{name}: {path}")
        reporter.print()
    finish(reporter, fmt)
