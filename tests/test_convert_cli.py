"""`editio convert` as a user meets it: errors, --check, hand-edit protection, determinism, --help."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from editio.cli import app

ROOT = Path(__file__).resolve().parent.parent
FIX = Path(__file__).parent / "fixtures" / "convert"
SEED = ROOT / "seeds" / "003_d19860ca353ac499.txt"
runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


@pytest.mark.parametrize("name,message", [
    ("empty.txt", "empty"),
    ("blank.txt", "empty"),
    ("binary.txt", "binary"),
    ("latin1.txt", "not UTF-8"),
    ("unknown.txt", "unrecognised source family"),
])
def test_bad_input_one_line_exit_2_no_output(tmp_path, name, message):
    out = tmp_path / "tei"
    result = run("convert", FIX / name, SEED, "--out", out)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines() if hasattr(result, "stderr") else result.output.strip().splitlines()
    assert len(lines) == 1 and name in lines[0] and message in lines[0]
    assert "Traceback" not in result.output
    assert not out.exists() or not any(out.iterdir())      # the good seed was not written either


def test_non_utf8_error_names_the_position(tmp_path):
    result = run("convert", FIX / "latin1.txt", "--out", tmp_path)
    assert "latin1.txt:3:" in result.output


def test_truncated_source_still_converts_what_is_there(tmp_path):
    result = run("convert", FIX / "truncated.txt", "--out", tmp_path)
    assert result.exit_code == 0, result.output
    assert len(list(tmp_path.glob("*.xml"))) == 1


def test_reader_override_and_unknown_reader(tmp_path):
    assert run("convert", FIX / "unknown.txt", "--reader", "focalpoint", "--out", tmp_path).exit_code == 0
    result = run("convert", SEED, "--reader", "nosuch", "--out", tmp_path)
    assert result.exit_code == 2 and "unknown reader" in result.output


def test_deterministic_and_check(tmp_path):
    first = tmp_path / "a"
    second = tmp_path / "b"
    assert run("convert", SEED, "--out", first).exit_code == 0
    assert run("convert", SEED, "--out", second).exit_code == 0
    [a], [b] = list(first.glob("*.xml")), list(second.glob("*.xml"))
    assert a.read_bytes() == b.read_bytes()
    assert run("convert", SEED, "--out", first, "--check").exit_code == 0
    a.write_bytes(a.read_bytes().replace(b"Soong", b"Sung", 1))
    result = run("convert", SEED, "--out", first, "--check")
    assert result.exit_code == 1 and a.name in result.output


def test_refuses_to_overwrite_hand_edits_unless_forced(tmp_path):
    assert run("convert", SEED, "--out", tmp_path).exit_code == 0
    [target] = list(tmp_path.glob("*.xml"))
    edited = target.read_bytes().replace(b"<p>", b"<p rend=\"indent\">", 1)
    target.write_bytes(edited)
    result = run("convert", SEED, "--out", tmp_path)
    assert result.exit_code == 2 and "edited by hand" in result.output
    assert target.read_bytes() == edited                      # the edit survives
    assert run("convert", SEED, "--out", tmp_path, "--force").exit_code == 0
    assert target.read_bytes() != edited


def test_a_file_we_did_not_write_is_not_overwritten(tmp_path):
    assert run("convert", SEED, "--out", tmp_path).exit_code == 0
    [target] = list(tmp_path.glob("*.xml"))
    target.write_text("<TEI xmlns='http://www.tei-c.org/ns/1.0'/>")
    assert run("convert", SEED, "--out", tmp_path).exit_code == 2


def test_committed_edition_is_up_to_date():
    """CI's guard: tei/ is exactly what the converter writes from seeds/ and the editorial data."""
    result = run("convert", "--edition", ROOT / "edition.toml", "--check")
    assert result.exit_code == 0, result.output


def test_json_report(tmp_path):
    import json
    result = run("convert", SEED, "--out", tmp_path, "--format", "json")
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert report["documents"][0]["status"] == "new" and report["documents"][0]["target"].endswith(".xml")
    assert isinstance(report["warnings"], list)


def test_help_everywhere():
    result = run("--help")
    assert result.exit_code == 0
    commands = [line.split()[0] for line in result.output.split("Commands:")[1].splitlines() if line.strip()] \
        if "Commands:" in result.output else []
    assert "convert" in commands
    for command in commands:
        help_text = run(command, "--help")
        assert help_text.exit_code == 0, command
        assert "editio " + command in help_text.output, f"{command} --help shows no example"


def test_seeds_are_byte_for_byte_copies():
    shared = ROOT.parent / "shared" / "seeds"
    if not shared.is_dir():
        pytest.skip("../shared/seeds not beside the checkout")
    ours = sorted(p.name for p in (ROOT / "seeds").iterdir())
    assert ours == sorted(p.name for p in shared.iterdir())
    for name in ours:
        assert (ROOT / "seeds" / name).read_bytes() == (shared / name).read_bytes()


def test_wheel_carries_xslt_and_schema(tmp_path):
    """`pip install .` works outside the checkout: the wheel holds xslt/ and schema/."""
    import zipfile
    # build from a copy: setuptools writes its own build/ folder, which is where our site and PDF live
    source = tmp_path / "src"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(".venv", "build", ".git", ".cache",
                                                                "node_modules", "*.egg-info", "__pycache__"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(tmp_path), str(source)], check=True, capture_output=True)
    [wheel] = list(tmp_path.glob("editio-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert any(n.startswith("editio/_data/schema/") for n in names)
    assert any(n.startswith("editio/_data/xslt/") for n in names)
    assert "editio/cli/__init__.py" in names
    # every file the package reads at run time (templates, static files, import profiles …)
    package = ROOT / "tools" / "editio"
    data = {"editio/" + p.relative_to(package).as_posix() for p in package.rglob("*")
            if p.is_file() and p.suffix not in (".py", ".pyc") and "__pycache__" not in p.parts}
    assert "editio/archive/profiles/generic.toml" in data
    assert sorted(data - set(names)) == []
