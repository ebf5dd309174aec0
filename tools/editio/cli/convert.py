"""`editio convert`: source transcriptions -> TEI files."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from ..diagnostics import Reporter
from ..edition import CONFIG, load_edition
from ..errors import InputError
from ..executor import executor_for
from ..readers import READERS
from ._app import app, finish, guarded
from .options import EDITION, FORMAT, JOBS, QUIET, STRICT, check_format


@app.command()
@guarded
def convert(
    sources: list[Path] = typer.Argument(None, help="Source transcriptions (.txt). Default: those in the edition."),
    out: Path = typer.Option(None, "--out", "-o", help="Folder for the TEI files (default: the edition's tei/)."),
    reader: str = typer.Option(None, "--reader",
                               help=f"Source family, instead of guessing: {', '.join(READERS)}."),
    register: Path = typer.Option(None, "--register", "-r",
                                  help="Register to tag names with (default: the edition's)."),
    edition: Path = EDITION,
    check: bool = typer.Option(False, "--check", help="Write nothing; exit 1 if tei/ differs from what would be written."),
    force: bool = typer.Option(False, "--force", help="Overwrite TEI files even if they were edited by hand."),
    jobs: int = JOBS,
    strict: bool = STRICT,
    quiet: bool = QUIET,
    output_format: str = FORMAT,
) -> None:
    """Encode source transcriptions as TEI P5.

    Examples:

      editio convert                                   # the edition of this folder (edition.toml) into tei/

      editio convert my-page.txt --reader wilson --out tei/ --register tei/register/register.xml

      editio convert --check                           # CI: is tei/ up to date?
    """
    check_format(output_format, ("text", "json"))
    from ..convert import Job, plan, stderr, write      # the pipeline, imported when it runs
    reporter = Reporter(strict=strict)
    if edition is None and not sources and Path(CONFIG).is_file():
        edition = Path(CONFIG)
    ed = load_edition(edition if edition is not None else Path.cwd())
    entries = {entry.source.resolve(): entry for entry in ed.documents} if ed.config is not None else {}
    if sources:
        jobs_list = []
        for path in sources:
            entry = entries.get(path.resolve())
            jobs_list.append(Job(entry.source, entry.id, entry.settings, reader, label=entry.settings["source"])
                             if entry else Job(path, None, None, reader))
    else:
        jobs_list = [Job(e.source, e.id, e.settings, reader, label=e.settings["source"]) for e in entries.values()]
    if not jobs_list:
        raise InputError("nothing to convert: name source files, or run in a folder with an edition.toml")
    out = out or ed.tei_dir
    if register is not None:
        if not register.is_file():
            raise InputError("register not found", path=str(register))
        reg = register
    else:
        reg = ed.register
        for diagnostic in ed.warnings():
            reporter.add(diagnostic)
    with executor_for("local", jobs) as pool:
        results = plan(jobs_list, out, ed.root, reg, progress=None if (output_format == "json" or quiet) else stderr,
                       names=ed.names, executor=pool, reporter=reporter)
    if check:
        stale = [r for r in results if r.status != "unchanged"]
        _report(results, output_format, reporter, checked=True)
        raise typer.Exit(1 if stale else 0)
    write(results, force=force)
    _report(results, output_format, reporter, checked=False)
    finish(reporter, output_format)


def _report(results, output_format: str, reporter: Reporter, checked: bool) -> None:
    if output_format == "json":
        print(json.dumps({"documents": [{"source": str(r.source), "target": str(r.target), "status": r.status}
                                        for r in results], "warnings": reporter.as_list()}, indent=2))
        return
    for r in results:
        if checked and r.status != "unchanged":
            print(f"{r.target}: {r.status} (run editio convert to update)")
        elif not checked:
            verb = {"unchanged": "unchanged", "new": "written", "differs": "updated",
                    "hand-edited": "overwritten (--force)"}[r.status]
            print(f"{r.target}: {verb}")
    reporter.print()
