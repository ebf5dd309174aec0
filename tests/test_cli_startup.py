"""The console script imports only the command it runs (`editio validate` does not load the reader
pipeline), and says exactly what the app with every command registered says."""

from __future__ import annotations

import importlib
import json
import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import editio.cli as cli
from editio.cli import COMMANDS, app

FIX = Path(__file__).parent / "fixtures" / "validation" / "compact"
ENV = {**os.environ, "COLUMNS": "80"}

# the console script (editio.cli:main), run as `editio`; it prints the modules loaded when it ends
LAZY = """
import json, sys
sys.argv[0] = "editio"
from editio.cli import main
try:
    main()
finally:
    print("\\nMODULES " + json.dumps(sorted(sys.modules)), file=sys.stderr)
"""

# the app with every command registered (what `from editio.cli import app` gives), one process for all
FULL = """
import json, sys
sys.argv[0] = "editio"
from editio.cli import app
out = []
for args in json.loads(sys.argv[1]):
    try:
        app(args)
    except SystemExit as exc:
        out.append(exc.code)
    print("\\0", flush=True)
    print("\\0", file=sys.stderr, flush=True)
print(json.dumps(out))
"""

CASES = [[], ["--help"], ["nosuch"], ["--help", "validate"], ["validate"],
         *([name, "--help"] for name in COMMANDS)]


def lazy(*args: str, env: dict | None = None) -> tuple[int, str, str, set[str]]:
    proc = subprocess.run([sys.executable, "-c", LAZY, *args], capture_output=True, text=True,
                          env={**ENV, **(env or {})}, timeout=120)
    err, _, modules = proc.stderr.rpartition("\nMODULES ")
    return proc.returncode, proc.stdout, err, set(json.loads(modules))


def test_every_command_is_in_the_table():
    """Every command that a module of cli/ registers is in COMMANDS, with its module (cli/ is scanned:
    a module left out of the table would be a command the console script never registers)."""
    for info in pkgutil.iter_modules(cli.__path__):
        importlib.import_module(f"{cli.__name__}.{info.name}")
    where = {command.name or command.callback.__name__.replace("_", "-"): command.callback.__module__.rsplit(".", 1)[1]
             for command in app.registered_commands}
    assert where == COMMANDS


def test_lazy_output_is_the_full_apps():
    full = subprocess.run([sys.executable, "-c", FULL, json.dumps(CASES)], capture_output=True, text=True,
                          env=ENV, timeout=120)
    *outs, codes = full.stdout.split("\0\n")
    errs = full.stderr.split("\0\n")[:-1]
    codes = json.loads(codes)
    assert len(outs) == len(errs) == len(codes) == len(CASES), full.stderr
    for args, out, err, code in zip(CASES, outs, errs, codes):
        got = lazy(*args)
        assert got[:3] == (code, out, err), args


def test_validate_help_loads_only_validate():
    code, out, err, modules = lazy("validate", "--help")
    assert code == 0, err
    assert out.startswith("Usage: editio validate [OPTIONS]")
    assert "Example: editio validate tei/ --format github" in out
    assert "editio.cli.validate" in modules
    # no other command, none of the pipeline, nothing only a .rnc schema needs
    assert not {m for m in modules if m.startswith("editio.cli.") and m not in
                ("editio.cli.validate", "editio.cli._app", "editio.cli.options")}
    assert not {"editio.readers", "editio.collation", "editio.convert", "rnc2rng"} & modules


def test_top_help_names_every_command():
    code, out, err, modules = lazy("--help")
    assert code == 0, err
    assert "rnc2rng" not in modules        # every command imported, lxml among them, rnc2rng not
    listed = [line.split()[0] for line in out.split("Commands:\n", 1)[1].splitlines() if line.strip()]
    assert listed == list(COMMANDS)


def test_unknown_command_exits_2():
    code, out, err, _ = lazy("nosuch")
    assert code == 2
    assert "No such command 'nosuch'." in err


def test_validate_from_the_console_script(tmp_path):
    doc = sorted((Path(__file__).parents[1] / "tei").glob("*.xml"))[0]
    code, out, err, modules = lazy("validate", str(doc), env={"EDITIO_CACHE_DIR": str(tmp_path / "cache")})
    assert (code, err) == (0, "")
    assert out == "1 file(s) checked: 1 valid, 0 invalid, 0 error(s)\n"
    assert "editio.validation.engine" in modules
    assert not {"editio.readers", "editio.collation", "rnc2rng"} & modules


def test_compact_schema_from_the_console_script(tmp_path):
    """lxml is imported without rnc2rng there; a .rnc schema still converts and validates."""
    pytest.importorskip("rnc2rng")
    docs = sorted(FIX.glob("*.xml"))
    code, out, err, modules = lazy("validate", "--schema", str(FIX / "letter.rnc"), "--format", "json",
                                   *map(str, docs), env={"EDITIO_CACHE_DIR": str(tmp_path / "cache")})
    assert code == 1, err
    verdicts = {Path(f["file"]).name: f["valid"] for f in json.loads(out)["files"]}
    assert {name for name, ok in verdicts.items() if ok} == {"valid1.xml", "valid2.xml"}
    assert "rnc2rng" in modules


def test_python_m_editio_is_the_command():
    proc = subprocess.run([sys.executable, "-m", "editio", "--help"], capture_output=True, text=True,
                          env=ENV, timeout=120)
    assert proc.returncode == 0 and all(f" {name} " in proc.stdout for name in COMMANDS), proc.stderr
    proc = subprocess.run([sys.executable, "-m", "editio", "nosuch"], capture_output=True, text=True,
                          env=ENV, timeout=120)
    assert proc.returncode == 2 and "No such command 'nosuch'" in proc.stderr
