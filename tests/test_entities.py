"""`editio entities` and `editio tag` from the command line."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from editio.cli import app
from editio.entities import build

ROOT = Path(__file__).resolve().parents[1]
REGISTER = ROOT / "tei" / "register" / "register.xml"
FIXTURES = Path(__file__).parent / "fixtures" / "tagging"
runner = CliRunner()


@pytest.fixture()
def untagged(tmp_path):
    folder = tmp_path / "tei"
    (folder / "register").mkdir(parents=True)
    shutil.copy(REGISTER, folder / "register" / "register.xml")
    shutil.copy(FIXTURES / "untagged-names.xml", folder / "doc.xml")
    return folder


def test_report_lists_untagged_names_dangling_refs_and_ambiguity(untagged):
    rep = build([untagged / "doc.xml"], untagged / "register" / "register.xml", ROOT / "editorial" / "names.toml")
    texts = [f.text for f in rep.untagged]
    assert texts == ["Mr. Smith", "General Hurley", "Soviet Union", "Ruritania"]
    assert [f.text for f in rep.dangling] == ["Nowhere"]
    assert [f.text for f in rep.unresolved] == ["Atlantis"]
    assert [f.text for f in rep.ambiguous] == ["President"]
    assert "stalin" not in rep.unused and "vladivostok" in rep.unused


def test_cli_json_and_strict_exit(untagged):
    result = runner.invoke(app, ["entities", str(untagged / "doc.xml"), "--register",
                                 str(untagged / "register" / "register.xml"), "--format", "json", "--strict"])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert set(data) == {"untagged", "unused", "ambiguous", "dangling", "unresolved"}
    assert data["untagged"][0]["text"] == "Mr. Smith" and data["untagged"][0]["line"]


def test_the_edition_report_is_clean():
    from flagship import converted_edition
    edition = converted_edition()
    result = runner.invoke(app, ["entities", str(edition / "tei"), "--edition", str(edition), "--strict"])
    assert result.exit_code == 0, result.stdout
    assert "capitalised words and phrases not in a name element: 0" in result.stdout


def test_cli_malformed_file_is_one_line_exit_2(tmp_path):
    bad = tmp_path / "bad.xml"
    bad.write_text("<TEI><p>unclosed</TEI>", encoding="utf-8")
    for command in (["entities", str(bad)], ["tag", str(bad), "--register", str(REGISTER)]):
        result = runner.invoke(app, command)
        assert result.exit_code == 2
        assert result.output.count("\n") == 1 and "bad.xml" in result.output


def test_tag_command_tags_in_place_then_check_is_clean(tmp_path):
    doc = tmp_path / "letter.xml"
    shutil.copy(FIXTURES / "undated-header.xml", doc)
    result = runner.invoke(app, ["tag", str(doc), "--register", str(REGISTER), "--check"])
    assert result.exit_code == 1 and doc.read_bytes() == (FIXTURES / "undated-header.xml").read_bytes()
    result = runner.invoke(app, ["tag", str(doc), "--register", str(REGISTER), "--format", "json"])
    assert result.exit_code == 0
    info = json.loads(result.stdout)["files"][0]
    assert info["changed"] and info["date"] == "1944-12-15" and info["names"] >= 2
    text = doc.read_text(encoding="utf-8")
    expected_ref = Path(__import__("os").path.relpath(REGISTER, tmp_path)).as_posix() + "#stalin"
    assert f'ref="{expected_ref}">Stalin<' in text
    assert runner.invoke(app, ["tag", str(doc), "--register", str(REGISTER), "--check"]).exit_code == 0


def test_tag_rejects_a_bad_date(tmp_path):
    doc = tmp_path / "letter.xml"
    shutil.copy(FIXTURES / "undated-header.xml", doc)
    result = runner.invoke(app, ["tag", str(doc), "--register", str(REGISTER), "--date", "15/12/1944"])
    assert result.exit_code == 2 and "ISO date" in result.output
