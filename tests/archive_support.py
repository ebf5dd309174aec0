"""The three FRUS volumes of ../shared/frus imported once per test process, for test_import_frus.py
and test_import_web.py alike (a module-level cache: a session fixture is per test module)."""

from __future__ import annotations

import atexit
import functools
import shutil
import tempfile
from pathlib import Path

from typer.testing import CliRunner

from editio.cli import app

FRUS = Path(__file__).resolve().parent.parent.parent / "shared" / "frus"
VOLUMES = {"frus1918Russiav03": 478, "frus1936v03": 586, "frus1894Nicaragua": 138}


def invoke(*args):
    return CliRunner().invoke(app, [str(a) for a in args])


@functools.cache
def imported_volumes():
    """(folder, the import's CLI result, {volume: (exported file, the export's CLI result)})."""
    base = Path(tempfile.mkdtemp(prefix="editio-frus-"))
    atexit.register(shutil.rmtree, base, True)
    result = invoke("import", *(FRUS / f"{v}.xml" for v in VOLUMES), "--out", base / "tei", "--format", "json")
    exports = {}
    for volume in VOLUMES:
        target = base / f"{volume}-exported.xml"
        exports[volume] = (target, invoke("export", base / "tei", "--profile", "frus", "--volume", volume,
                                          "--out", target))
    return base, result, exports
