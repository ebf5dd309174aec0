"""`editio tag`: tag persons, places, organisations and dates in TEI files from anywhere."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from ..diagnostics import Reporter
from ..edition import load_edition
from ..errors import InputError
from ._app import app, finish, guarded
from .options import EDITION, FORMAT, STRICT, check_format


@app.command()
@guarded
def tag(
    files: list[Path] = typer.Argument(..., help="TEI files to tag."),
    register: Path = typer.Option(None, "--register", "-r", help="Register file (default: the edition's register)."),
    date: str = typer.Option(None, "--date", help="The documents' date (ISO), for offices and relative dates; "
                                                  "default: read from each header."),
    out: Path = typer.Option(None, "--out", "-o", help="Write tagged files into this folder instead of in place."),
    names_only: bool = typer.Option(False, "--no-dates", help="Tag names only, leave dates alone."),
    check: bool = typer.Option(False, "--check", help="Change nothing; exit 1 if tagging would change a file."),
    force: bool = typer.Option(False, "--force", help="With --out: replace files there that differ from what "
                                                      "tagging writes (edited by hand since)."),
    edition: Path = EDITION,
    strict: bool = STRICT,
    fmt: str = FORMAT,
) -> None:
    """Mark persName/placeName/orgName/geogName with @ref into the register, and give every date
    expression @when or @notBefore/@notAfter. Existing markup is kept; running twice changes nothing.
    Every file is tagged before any is written: one bad file leaves all of them as they were.

    Example: editio tag letter.xml --register tei/register/register.xml --out tagged/

    Example: editio tag tei/*.xml --check
    """
    from ..convert import hand_edited
    from ..outdir import write_all
    from ..transforms.tagger import tag_file

    check_format(fmt, ("text", "json"))
    reporter = Reporter(strict=strict)
    ed = load_edition(edition if edition is not None else Path.cwd())
    if register is not None and not register.is_file():
        raise InputError("register not found", path=str(register))
    reg = register or ed.register
    if reg is None:
        reporter.warn(str(ed.config or ed.root), "no register: names are not tagged (dates are)", "tagger-no-register",
                      hint="pass --register FILE, or set [edition] register in edition.toml")
    results = [tag_file(f, reg, date, out, dates=not names_only, names_path=ed.names) for f in files]
    if out is not None:
        _check_targets(files, [Path(r["output"]) for r in results], [r["data"] for r in results], force or check)
    if not check:
        # every file was tagged before any is written: all of them or none (outdir.write_all)
        pending = [(Path(r["output"]), r["data"]) for r in results if r["changed"] or out]
        converted = [t for t, _ in pending if t.exists() and not hand_edited(t.read_bytes())]
        write_all(pending)
        for target in converted:
            print(f"{target}: note: editio convert wrote this file; tagged in place, convert now treats it as "
                  "edited by hand (convert tags names itself; use --out to keep the converter's file)",
                  file=sys.stderr)
    for r in results:
        reporter.extend(d for d in r["report"] if d.severity != "info")
    if fmt == "json":
        payload = [{k: ([d.as_dict() for d in v] if k == "report" else v) for k, v in r.items() if k != "data"}
                   for r in results]
        sys.stdout.write(json.dumps({"files": payload, "warnings": reporter.as_list()}, indent=2,
                                    ensure_ascii=False) + "\n")
    else:
        for r in results:
            state = "changed" if r["changed"] else "unchanged"
            print(f"{r['file']}: {r['names']} names, {r['dates']} dates tagged ({state})")
            for d in r["report"]:
                if d.severity == "info":
                    print(f"  {d.text()}")
        reporter.print()
    if check and any(r["changed"] for r in results):
        raise typer.Exit(1)
    finish(reporter, fmt)


def _check_targets(files: list[Path], targets: list[Path], data: list[bytes], force: bool) -> None:
    """--out: two inputs of one name would write one file; a file there that is not one of the inputs
    and holds something else (the last run's output, edited since) is kept unless --force."""
    from ..errors import HandEditedError
    seen: dict[Path, Path] = {}
    sources = {f.resolve() for f in files}
    for source, target, content in zip(files, targets, data):
        key = target.resolve()
        if key in seen:
            raise InputError(f"{seen[key]} and {source} would both be written to {target}",
                             path=str(source), hint="tag them into different --out folders")
        seen[key] = source
        if not force and key not in sources and target.is_file() and target.read_bytes() != content:
            raise HandEditedError("exists and differs from the tagged file; refusing to overwrite", path=str(target),
                                  hint="pass --force to overwrite it, or choose another --out")
