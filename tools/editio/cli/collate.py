"""`editio collate WITNESS…`: align witnesses and print the variants (TEI, JSON or a table)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import typer

from ..transforms.apparatus import collation_to_tei
from ..collation import Rules, collate_texts
from ..errors import InputError
from ..links import check_link
from ..xmlio import parse_bytes, serialize, xml_text
from ._app import app, guarded

SIGLUM = re.compile(r"[^\W\d_][\w.\-]*")


def default_sigla(count: int) -> list[str]:
    """A, B, ... Z, then AA, AB, ... (as spreadsheet columns)."""
    names = []
    for number in range(1, count + 1):
        name = ""
        while number:
            number, rest = divmod(number - 1, 26)
            name = chr(ord("A") + rest) + name
        names.append(name)
    return names


def read_witness(path: Path) -> str:
    """The text of a witness: a plain-text file, or the <text> (else the root) of an XML file."""
    check_link(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror}", path=str(path)) from None
    if _looks_like_xml(data):
        # XML says its own encoding (a BOM, UTF-16's byte pattern, the declaration): the parser reads it
        root = parse_bytes(data, str(path)).getroot()
        body = root.find(".//{*}text")
        el = body if body is not None else root
        return " ".join(" ".join(el.itertext()).split())
    if b"\x00" in data[:4096]:
        raise InputError("binary file, not a text or TEI witness", path=str(path))
    try:
        text = data.decode("utf-8-sig")      # a byte-order mark is no part of the witness
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError(f"not UTF-8 text: byte 0x{data[exc.start]:02x} cannot be decoded; convert the file to "
                         "UTF-8 first", path=str(path), line=line, column=column) from None
    if not text.strip():
        raise InputError("file is empty", path=str(path))
    return xml_text(text.replace("\r\n", "\n").replace("\r", "\n"), str(path))


def _looks_like_xml(data: bytes) -> bool:
    head = data[:4]
    return (data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<")
            or head[:2] in (b"\xff\xfe", b"\xfe\xff") and b"<" in data[:8].replace(b"\x00", b"")
            or head in (b"<\x00?\x00", b"\x00<\x00?", b"<\x00T\x00", b"\x00<\x00T"))


@app.command()
@guarded
def collate(
    witnesses: list[Path] = typer.Argument(..., help="Two or more witnesses: plain text or TEI files."),
    sigla: str = typer.Option(None, "--sigla", help="Comma-separated sigla (default: A, B, C ...)."),
    output_format: str = typer.Option("table", "--format", help="table, json or tei."),
    ignore_case: bool = typer.Option(False, "--ignore-case", help="Case differences are no variants."),
    ignore_punctuation: bool = typer.Option(False, "--ignore-punctuation", help="Leave punctuation out."),
    marks: str = typer.Option(Rules.marks, "--marks", help="Characters dropped as paragraph marks."),
    show_rules: bool = typer.Option(False, "--rules", help="Print the normalisation rules and exit."),
) -> None:
    """Collate witnesses: every variant, as small as it can be, typed orthographic, punctuation or
    substantive, with omissions, additions, substitutions and transpositions marked.

    Examples:

      editio collate a.txt b.txt                       # a table of the variants

      editio collate a.txt b.txt c.xml --format tei    # parallel segmentation (app/rdg)

      editio collate a.txt b.txt --format json --ignore-case

      editio collate --rules a.txt b.txt               # what is normalised before comparing
    """
    rules = Rules(ignore_case=ignore_case, ignore_punctuation=ignore_punctuation, marks=marks)
    if show_rules:
        for rule in rules.describe():
            typer.echo(f"{rule['rule']:<20} {rule['value']!s:<8} {rule['meaning']}")
        return
    if output_format not in ("table", "json", "tei"):
        raise InputError(f"unknown --format {output_format!r}: use table, json or tei")
    if len(witnesses) < 2:
        raise InputError("collate needs at least two witnesses")
    names = [s.strip() for s in sigla.split(",")] if sigla else default_sigla(len(witnesses))
    if len(names) != len(witnesses) or len(set(names)) != len(names):
        raise InputError(f"--sigla gives {len(set(names))} distinct names for {len(witnesses)} witnesses; "
                         "give one name per witness")
    for name in names:      # each becomes a pointer (wit="#A #B") and an xml:id: one word, no spaces
        if not SIGLUM.fullmatch(name):
            raise InputError(f"--sigla: {name!r} is not a siglum", hint="a siglum is a letter, then letters, "
                             "digits, '-', '_' or '.' (A, B2, Harl.-1)")
    coll = collate_texts({s: read_witness(p) for s, p in zip(names, witnesses)}, rules)
    if output_format == "tei":
        typer.echo(serialize(collation_to_tei(coll), declaration=False).decode().rstrip())
    elif output_format == "json":
        typer.echo(json.dumps({
            "witnesses": {s: str(p) for s, p in zip(names, witnesses)},
            "rules": rules.describe(),
            "variants": [{"type": seg.type, "kind": seg.kind, "transposed_with": seg.link,
                          "index": k, "readings": {s: seg.text(s) for s in coll.sigla}}
                         for k, seg in enumerate(coll.segments) if seg.variant],
        }, ensure_ascii=False, indent=1))
    else:
        for seg in coll.variants:
            cells = " | ".join(f"{s}: {seg.text(s) or '—'}" for s in coll.sigla)
            typer.echo(f"{seg.type:<13} {seg.kind:<14} {cells}")
        typer.echo(f"{len(coll.variants)} variants")
