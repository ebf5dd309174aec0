"""`editio entities`: the editor's report on names (untagged, unused, ambiguous, dangling)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from ..errors import InputError
from ..edition import load_edition
from ._app import app, guarded
from .options import EDITION


def _files(paths: list[Path]) -> list[Path]:
    out = []
    for p in paths:
        if p.is_dir():
            found = sorted(q for q in p.glob("*.xml"))
            if not found:     # a mistyped folder is no edition with nothing untagged
                raise InputError("no .xml files in this folder", path=str(p))
            out += found
        elif p.is_file():
            out.append(p)
        else:
            raise InputError("no such file or folder", path=str(p))
    return out


@app.command()
@guarded
def entities(
    paths: list[Path] = typer.Argument(..., help="TEI files or folders (folders: their *.xml)."),
    register: Path = typer.Option(None, "--register", "-r", help="Register file (default: the edition's register)."),
    names: Path = typer.Option(None, "--names", help="Name data: stop-list, titles (default: the edition's)."),
    edition: Path = EDITION,
    fmt: str = typer.Option("text", "--format", "-f", help="text | json"),
    strict: bool = typer.Option(False, "--strict", help="Exit 1 when something is untagged, unused, dangling or unresolved."),
    suggest_same: bool = typer.Option(False, "--suggest-same",
                                      help="List persons of different register files (tei/register/*.xml) who may be one "
                                           "person, for an editor to confirm in --same-as."),
    same_as: Path = typer.Option(None, "--same-as", help="The editor's decisions on same persons "
                                                          "(default: editorial/same-as.toml when it exists)."),
) -> None:
    """Report capitalised names left untagged, register entries no document uses, and
    ambiguous or inferred resolutions (several @ref values, or a @cert).

    Example: editio entities tei/

    Example: editio entities tei/*.xml --format json | jq '.untagged[].text'

    Example: editio entities tei/ --suggest-same     # FRUS "Harriman, W. Averell" = register's harriman?
    """
    from ..entities import build

    if fmt not in ("text", "json"):
        raise InputError(f"unknown --format {fmt!r}; choose text or json")
    if suggest_same:
        _suggest_same(paths, register, same_as, fmt)
        return
    ed = load_edition(edition if edition is not None else Path.cwd())
    if register is None:
        register = ed.register
        for diagnostic in ed.warnings():
            print(diagnostic.text(), file=sys.stderr)
    rep = build(_files(paths), register, names or ed.names)
    if fmt == "json":
        sys.stdout.write(json.dumps(rep.as_dict(), indent=2, ensure_ascii=False) + "\n")
    else:
        for key, label in (("untagged", "capitalised words and phrases not in a name element"),
                           ("unresolved", "name elements without @ref"),
                           ("dangling", "@ref values with no register entry"),
                           ("ambiguous", "ambiguous or inferred resolutions")):
            items = getattr(rep, key)
            print(f"{label}: {len(items)}")
            for f in items:
                print(f"  {f.file}:{f.line or '?'}: {f.text}" + (f"  [{f.detail}]" if key != "untagged" else ""))
        print(f"register entries no document mentions: {len(rep.unused)}")
        if rep.unused:
            print("  " + ", ".join(rep.unused))
    raise typer.Exit(1 if strict and not rep.clean else 0)


def _suggest_same(paths: list[Path], register: Path | None, same_as: Path | None, fmt: str) -> None:
    from .. import register as registers_mod
    from .. import sameas

    folder = register.parent if register else next((p for p in paths if p.is_dir()), paths[0].parent) / "register"
    # the edition's own register first: its ids are the ones a confirmation keeps
    main = (register or folder / "register.xml").name
    files = sorted(folder.glob("*.xml"), key=lambda f: (f.name != main, f.name))
    if len(files) < 2:
        raise InputError("--suggest-same compares register files; this folder holds fewer than two", path=str(folder))
    regs = [registers_mod.load(f) for f in files]
    if same_as is None and Path("editorial/same-as.toml").is_file():
        same_as = Path("editorial/same-as.toml")
    decisions = sameas.load(same_as, regs)
    found = sameas.suggest(regs, decisions)
    if fmt == "json":
        sys.stdout.write(json.dumps({"same_as": str(same_as) if same_as else None,
                                     "confirmed": decisions.groups,
                                     "suggestions": [s.as_dict() for s in found]}, indent=2, ensure_ascii=False) + "\n")
        return
    print(f"confirmed same persons ({same_as or 'no same-as file'}): {len(decisions.groups)}")
    print(f"suggested same persons: {len(found)}")
    for s in found:
        print(f"  {s.a} ({s.a_register}: {s.a_name}) = {s.b} ({s.b_register}: {s.b_name})  [{s.reason}]")
    if found:
        print("to confirm one, add to editorial/same-as.toml:\n"
              f'  [[same]]\n  entries = ["{found[0].a}", "{found[0].b}"]')
