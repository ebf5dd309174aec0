"""`editio tag`: tag persons, places, organisations and dates in TEI files from anywhere."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from ..errors import InputError
from ._app import app, guarded


@app.command()
@guarded
def tag(
    files: list[Path] = typer.Argument(..., help="TEI files to tag."),
    register: Path = typer.Option(None, "--register", "-r", help="Register file (default: tei/register/register.xml)."),
    date: str = typer.Option(None, "--date", help="The documents' date (ISO), for offices and relative dates; "
                                                  "default: read from each header."),
    out: Path = typer.Option(None, "--out", "-o", help="Write tagged files into this folder instead of in place."),
    names_only: bool = typer.Option(False, "--no-dates", help="Tag names only, leave dates alone."),
    check: bool = typer.Option(False, "--check", help="Change nothing; exit 1 if tagging would change a file."),
    fmt: str = typer.Option("text", "--format", "-f", help="text | json"),
) -> None:
    """Mark persName/placeName/orgName/geogName with @ref into the register, and give every date
    expression @when or @notBefore/@notAfter. Existing markup is kept; running twice changes nothing.

    Example: editio tag letter.xml --register tei/register/register.xml --out tagged/

    Example: editio tag tei/*.xml --check
    """
    from ..convert import hand_edited
    from ..outdir import write_all
    from ..tagging import tag_file

    if fmt not in ("text", "json"):
        raise InputError(f"unknown --format {fmt!r}; choose text or json")
    pending: list = []       # every file is tagged before any is written: all of them or none
    results = [tag_file(f, register, date, out, dates=not names_only, write=not check, pending=pending)
               for f in files]
    fingerprinted = [(target, None) for target, _ in pending
                     if target.exists() and not hand_edited(target.read_bytes())]
    write_all(pending)
    for target, before in fingerprinted:
        print(f"{target}: note: editio convert wrote this file; tagged in place, convert now treats it as "
              "edited by hand (convert tags names itself; use --out to keep the converter's file)", file=sys.stderr)
    if fmt == "json":
        sys.stdout.write(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    else:
        for r in results:
            state = "changed" if r["changed"] else "unchanged"
            print(f"{r['file']}: {r['names']} names, {r['dates']} dates tagged ({state})")
            for line in r["report"]:
                print(f"  {line}")
    raise typer.Exit(1 if check and any(r["changed"] for r in results) else 0)
