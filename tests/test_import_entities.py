"""One edition, many sources: persons of an imported volume and of the flagship's register are linked
only by an editor's decision (editorial/same-as.toml); `editio entities --suggest-same` proposes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from editio import register, sameas
from editio.cli import app

ROOT = Path(__file__).resolve().parent.parent
FIX = Path(__file__).parent / "fixtures" / "archive"
runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture
def edition(tmp_path):
    """The flagship's register beside an imported volume's."""
    tei = tmp_path / "tei"
    (tei / "register").mkdir(parents=True)
    shutil.copy(ROOT / "tei" / "register" / "register.xml", tei / "register" / "register.xml")
    assert run("import", FIX / "frus1944Quebec-mini.xml", "--out", tei).exit_code == 0
    return tei


def test_suggests_harriman_and_roosevelt_and_nothing_by_guess(edition):
    result = run("entities", edition, "--suggest-same", "--format", "json")
    assert result.exit_code == 0, result.output
    pairs = {(s["a"], s["b"]): s["reason"] for s in json.loads(result.stdout)["suggestions"]}
    assert pairs == {("harriman", "frus1944Quebec-p_HWA1"): "same surname, forenames agree",
                     ("roosevelt", "frus1944Quebec-p_RFD1"): "same surname, forenames agree"}
    none = sameas.load(None)
    assert none.canonical("frus1944Quebec-p_HWA1") == "frus1944Quebec-p_HWA1"      # not merged


def test_confirmed_pair_is_no_longer_suggested_and_maps_to_the_first_id(edition, tmp_path):
    decisions = tmp_path / "same-as.toml"
    decisions.write_text('[[same]]\nentries = ["harriman", "frus1944Quebec-p_HWA1"]\n'
                         '[[distinct]]\nentries = ["roosevelt", "frus1944Quebec-p_RFD1"]\n', encoding="utf-8")
    result = run("entities", edition, "--suggest-same", "--same-as", decisions, "--format", "json")
    data = json.loads(result.stdout)
    assert data["suggestions"] == [] and data["confirmed"] == [["harriman", "frus1944Quebec-p_HWA1"]]
    regs = [register.load(p) for p in sorted((edition / "register").glob("*.xml"))]
    same = sameas.load(decisions, regs)
    assert same.canonical("frus1944Quebec-p_HWA1") == "harriman" and same.canonical("harriman") == "harriman"
    assert same.canonical("frus1944Quebec-p_RFD1") == "frus1944Quebec-p_RFD1"


def test_unknown_id_in_same_as_names_file_and_line(edition, tmp_path):
    decisions = tmp_path / "same-as.toml"
    decisions.write_text('[[same]]\nentries = ["harriman",\n  "frus1944Quebec-p_NOBODY"]\n', encoding="utf-8")
    result = run("entities", edition, "--suggest-same", "--same-as", decisions)
    assert result.exit_code == 2
    assert "same-as.toml:3" in result.output and "frus1944Quebec-p_NOBODY" in result.output


def test_initials_agree_but_different_forenames_do_not(tmp_path):
    def entry(i, surname, *forenames):
        return register.Entry(id=i, kind="person", name=f"{surname}, {' '.join(forenames)}",
                              surname=surname, forenames=list(forenames))
    a = register.Register(tmp_path / "a.xml", {"x": entry("x", "Page", "Edward")})
    b = register.Register(tmp_path / "b.xml", {"y": entry("y", "Page", "Walter", "Hines"),
                                                "z": entry("z", "Page", "E.")})
    found = sameas.suggest([a, b])
    assert [(s.a, s.b, s.reason) for s in found] == [("x", "z", "same surname, initials agree")]
