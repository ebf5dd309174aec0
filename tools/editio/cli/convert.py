"""`editio convert`: source transcriptions -> TEI files."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from ..convert import Job, plan, stderr, write
from ..edition import load_edition
from ..errors import InputError
from ..readers import READERS
from ._app import app, guarded


@app.command()
@guarded
def convert(
    sources: list[Path] = typer.Argument(None, help="Source transcriptions (.txt). Default: those in --edition."),
    out: Path = typer.Option(None, "--out", "-o", help="Folder for the TEI files (default: the edition's tei/)."),
    reader: str = typer.Option(None, "--reader", "-r",
                               help=f"Source family, instead of guessing: {', '.join(READERS)}."),
    edition: Path = typer.Option(None, "--edition", "-e",
                                 help="edition.toml with ids and editorial data (used when present)."),
    check: bool = typer.Option(False, "--check", help="Write nothing; exit 1 if tei/ differs from what would be written."),
    force: bool = typer.Option(False, "--force", help="Overwrite TEI files even if they were edited by hand."),
    output_format: str = typer.Option("text", "--format", help="text or json (a report of what was done)."),
) -> None:
    """Encode source transcriptions as TEI P5.

    Examples:

      editio convert --edition edition.toml            # the whole edition into tei/

      editio convert my-page.txt --reader wilson --out tei/

      editio convert --edition edition.toml --check    # CI: is tei/ up to date?
    """
    if edition is None and Path("edition.toml").exists() and not sources:
        edition = Path("edition.toml")
    jobs: list[Job] = []
    register = None
    base_dir = Path.cwd()
    if edition is not None:
        ed = load_edition(edition)
        base_dir = ed.base_dir
        out = out or ed.tei_dir
        register = ed.register if ed.register.exists() else None
        wanted = {p.resolve() for p in sources or []}
        for entry in ed.documents:
            if not wanted or entry.source.resolve() in wanted:
                # the document's editorial data, and the edition's own ([edition]: editors, publisher)
                settings = dict(entry.settings, edition=ed.settings)
                jobs.append(Job(entry.source, entry.id, settings, reader, label=entry.settings["source"]))
        known = {entry.source.resolve() for entry in ed.documents}
        jobs += [Job(p, None, None, reader) for p in sources or [] if p.resolve() not in known]
    else:
        jobs = [Job(p, None, None, reader) for p in sources or []]
    if not jobs:
        raise InputError("nothing to convert: name source files or an --edition file")
    out = out or Path("tei")
    if register is None and (out / "register" / "register.xml").exists():
        register = out / "register" / "register.xml"
    results = plan(jobs, out, base_dir, register, progress=None if output_format == "json" else stderr)
    if check:
        stale = [r for r in results if r.status != "unchanged"]
        _report(results, output_format, checked=True)
        raise typer.Exit(1 if stale else 0)
    write(results, force=force)
    _report(results, output_format, checked=False)


def _report(results, output_format: str, checked: bool) -> None:
    if output_format == "json":
        print(json.dumps([{"source": str(r.source), "target": str(r.target), "status": r.status}
                          for r in results], indent=2))
        return
    for r in results:
        if checked and r.status != "unchanged":
            print(f"{r.target}: {r.status} (run editio convert to update)")
        elif not checked:
            verb = {"unchanged": "unchanged", "new": "written", "differs": "updated",
                    "hand-edited": "overwritten (--force)"}[r.status]
            print(f"{r.target}: {verb}")
