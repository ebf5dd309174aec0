"""`editio suspects FILE`: the words most likely to be OCR misreadings, ranked."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from ..errors import InputError
from ..suspects import find_suspects
from ._app import app, guarded
from .collate import read_witness


@app.command()
@guarded
def suspects(
    file: Path = typer.Argument(..., help="A plain-text transcription or a TEI file (its <text> is read)."),
    limit: int = typer.Option(40, "--limit", "-n", help="How many to list (0: all)."),
    output_format: str = typer.Option("table", "--format", help="table or json."),
) -> None:
    """List the words most likely to be OCR errors, likeliest first, with the reason and a guess.

    Evidence: not an English word; rare letter patterns; a real word where an OCR confusion
    (b/h, rn/m, c/e, li/h ...) or the word the text uses in the same place elsewhere is far likelier;
    punctuation OCR invents (",." "and." stray letters).

    Example:

      editio suspects seeds/001_4675f7a8ca8e1c30.txt --limit 20

      editio suspects tei/1944-10-17-harriman-stalin.xml --format json
    """
    if output_format not in ("table", "json"):
        raise InputError(f"unknown --format {output_format!r}: use table or json")
    text = read_witness(file)
    found = find_suspects(text, limit or None)
    if output_format == "json":
        typer.echo(json.dumps([s.__dict__ for s in found], ensure_ascii=False, indent=1))
        return
    for s in found:
        guess = f" -> {s.suggestion!r}" if s.suggestion is not None else ""
        typer.echo(f"{file}:{s.line}:{s.column}: {s.score:5.2f} {s.word!r}{guess}  [{s.reason}]  … {s.context} …")
