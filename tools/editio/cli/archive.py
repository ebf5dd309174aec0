"""`editio import` and `editio export`: another archive's volumes in and out."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from ..errors import InputError
from ._app import app, guarded
from ..diagnostics import Reporter
from .options import EDITION, EXECUTOR, JOBS, QUIET, STRICT

PROFILE_HELP = "frus, generic, or the path of your own profile (.toml; see README 'Import profiles')."


@app.command("import")
@guarded
def import_(
    sources: list[Path] = typer.Argument(None, help="Volumes: TEI files that hold many documents "
                                                    "(default: the edition's [[import]] list)."),
    out: Path = typer.Option(None, "--out", "-o", help="The edition's TEI folder (default: the edition's, else tei/)."),
    edition: Path = EDITION,
    profile: str = typer.Option("frus", "--profile", "-p", help=PROFILE_HELP),
    split: str = typer.Option(None, "--split", help="XPath (prefix tei:) of the elements that are documents, "
                                                    "instead of the profile's."),
    check: bool = typer.Option(False, "--check", help="Write nothing; exit 1 if OUT differs from what would be written."),
    force: bool = typer.Option(False, "--force", help="Overwrite files even if they were edited by hand."),
    output_format: str = typer.Option("text", "--format", help="text or json (a report of what was done)."),
    jobs: int = JOBS,
    executor: str = EXECUTOR,
    strict: bool = STRICT,
    quiet: bool = QUIET,
) -> None:
    """Split volumes into one TEI document per unit, with a register and an outline per volume.

    Writes OUT/{volume}-{id}.xml for each document, OUT/register/{volume}.xml (the volume's
    lists of persons and terms) and OUT/outline/{volume}.xml (the volume's structure).

    Examples:

      editio import ../shared/frus/frus1918Russiav03.xml --out tei/

      editio import corpus.xml --profile generic --split '//tei:div[@type="letter"]' --out tei/

      editio import volume.xml --profile my-archive.toml --check

      editio import --edition edition.toml    # the volumes its [[import]] tables name
    """
    from ..archive.importer import plan_import
    from ..convert import stderr, write
    from ..edition import load_edition

    if output_format not in ("text", "json"):
        raise InputError(f"unknown --format {output_format!r}; choose text or json")
    if sources:
        groups = [(list(sources), profile, split)]
        out = out or Path("tei")
    else:
        ed = load_edition(edition if edition is not None else Path.cwd())
        groups = _edition_imports(ed)
        out = out or ed.tei_dir
    for group_sources, *_ in groups:
        for source in group_sources:
            if not source.is_file():
                raise InputError("is a folder, not a volume file" if source.is_dir() else "no such file",
                                 path=str(source))
    from ..archive.importer import ImportReport
    from ..executor import executor_for
    report = ImportReport()
    with executor_for(executor, jobs) as pool:
        for group_sources, group_profile, group_split in groups:   # all planned before anything is written
            part = plan_import(group_sources, out, group_profile, group_split,
                               progress=None if output_format == "json" or quiet else stderr, executor=pool)
            report.results += part.results
            report.warnings += part.warnings
            report.volumes += part.volumes
            report.dangling += part.dangling
    reporter = Reporter(strict=strict)
    reporter.extend(report.warnings)
    reporter.print()
    stale = [r for r in report.results if r.status != "unchanged"]
    if not check:
        write(report.results, force=force, threads=8)
    if output_format == "json":
        print(json.dumps({"volumes": report.volumes, "warnings": report.warnings, "dangling_pointers": report.dangling,
                          "files": [{"target": str(r.target), "status": r.status} for r in report.results]},
                         indent=2, ensure_ascii=False))
    else:
        counts: dict[str, int] = {}
        for r in report.results:
            counts[r.status] = counts.get(r.status, 0) + 1
        verbs = ({"new": "would be written", "differs": "would be updated", "hand-edited": "edited by hand",
                  "unchanged": "unchanged"} if check else
                 {"new": "written", "differs": "updated", "hand-edited": "overwritten (--force)",
                  "unchanged": "unchanged"})
        summary = ", ".join(f"{n} {verbs[s]}" for s, n in sorted(counts.items()))
        print(f"{len(report.results)} files in {out}: {summary}; {len(report.warnings)} warnings")
    raise typer.Exit(1 if (check and stale) else reporter.exit_code)


@app.command("export")
@guarded
def export(
    tei_dir: Path = typer.Argument(..., help="A TEI folder `editio import` wrote (it holds outline/)."),
    out: Path = typer.Option(..., "--out", "-o", help="The volume file to write (a folder when exporting several)."),
    profile: str = typer.Option("frus", "--profile", "-p", help=PROFILE_HELP),
    volume: str = typer.Option(None, "--volume", help="Which volume (its id) when the folder holds several."),
    force: bool = typer.Option(False, "--force", help="Overwrite a volume file that differs from the export "
                                                      "(the original volume, a file edited by hand)."),
    output_format: str = typer.Option("text", "--format", help="text or json (a report of what was written)."),
) -> None:
    """Write a volume back from its documents: the same order, ids and content.

    An existing file is replaced only when it holds exactly what the export writes, or with --force.

    Example: editio export tei/ --profile frus --out frus1918Russiav03-edited.xml

    Example: editio export tei/ --out volumes/ --format json | jq '.volumes[].documents'
    """
    from ..archive.assemble import export_volume, outlines
    from ..errors import HandEditedError
    from ..outdir import write_all

    if output_format not in ("text", "json"):
        raise InputError(f"unknown --format {output_format!r}; choose text or json")
    found = outlines(tei_dir)
    if volume:
        found = [p for p in found if p.stem == volume]
        if not found:
            raise InputError(f"no outline for volume {volume!r}", path=str(tei_dir / "outline"))
    if len(found) > 1 and not out.is_dir():
        raise InputError(f"the folder holds {len(found)} volumes ({', '.join(p.stem for p in found)}); "
                         "name one with --volume or give a folder as --out", path=str(tei_dir))
    exported = []
    for outline in found:                   # every volume assembled before any file is written
        result = export_volume(outline, profile)
        target = out / f"{result.volume}.xml" if out.is_dir() else out
        if target.is_dir():
            raise InputError("is a folder; name the volume file to write", path=str(target))
        if not force and target.is_file() and target.read_bytes() != result.data:
            raise HandEditedError("exists and differs from this export (the original volume, or a file edited "
                                  "since); refusing to overwrite", path=str(target),
                                  hint="export to another file, or pass --force to overwrite it")
        exported.append((target, result))
    write_all((target, result.data) for target, result in exported)
    for target, result in exported:
        for warning in result.warnings:
            print(warning, file=sys.stderr)
        if output_format == "text":
            print(f"{target}: {result.documents} documents of {result.volume}")
    if output_format == "json":
        print(json.dumps({"volumes": [{"volume": r.volume, "file": str(t), "documents": r.documents,
                                       "warnings": list(r.warnings)} for t, r in exported]},
                         indent=2, ensure_ascii=False))


def _edition_imports(ed) -> list[tuple[list[Path], str, str | None]]:
    """The edition's volumes: [[import]] tables of edition.toml (source, profile, split)."""
    entries = ed.data.get("import", [])
    where = str(ed.config or ed.root)
    if not entries:
        raise InputError("nothing to import: name the volumes, or list them as [[import]] source = \"…\" "
                         "in edition.toml", path=where)
    groups = []
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict) or not isinstance(entry.get("source"), str):
            raise InputError(f"[[import]] #{number} needs source = \"path of the volume\"", path=where)
        for key in ("profile", "split"):
            if not isinstance(entry.get(key, ""), str):
                raise InputError(f"[[import]] #{number}: {key} must be a string (in quotes), not {entry[key]!r}",
                                 path=where)
        profile = entry.get("profile", "frus")
        if profile.endswith(".toml"):
            profile = str(ed.root / profile)
        groups.append(([ed.root / entry["source"]], profile, entry.get("split")))
    return groups
