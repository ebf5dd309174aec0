"""editio collate on the command line: plain-text and TEI witnesses, three formats, clear errors."""

from __future__ import annotations

import json
from pathlib import Path

from lxml import etree
from typer.testing import CliRunner

from editio.cli import app

FIX = Path(__file__).resolve().parent / "fixtures/collation"
runner = CliRunner()


def test_table_lists_the_known_differences_of_seed_000():
    result = runner.invoke(app, ["collate", str(FIX / "000-A.txt"), str(FIX / "000-B.txt")])
    assert result.exit_code == 0
    for line in ["A: Allied | B: allied", "A: war | B: was", "A: commitments | B: committees",
                 "A: Beane | B: Deane", "A: -- | B: -", "A: the | B: that"]:
        assert line in result.stdout


def test_json_output_with_sigla():
    result = runner.invoke(app, ["collate", *(str(FIX / f"three-{s}.txt") for s in "ABC"),
                                 "--format", "json", "--sigla", "S,T,U"])
    data = json.loads(result.stdout)
    assert set(data["witnesses"]) == {"S", "T", "U"}
    kinds = {(v["readings"]["S"], v["readings"]["T"], v["readings"]["U"]): v["type"] for v in data["variants"]}
    assert kinds[("war", "was", "war")] == "substantive"
    assert kinds[("air", "Air", "air")] == "orthographic"


def test_tei_output_is_parallel_segmentation():
    result = runner.invoke(app, ["collate", str(FIX / "three-A.txt"), str(FIX / "three-B.txt"), "--format", "tei"])
    ab = etree.fromstring(result.stdout.encode())
    apps = ab.findall("{*}app")
    assert apps and all(len(app.findall("{*}rdg")) == 2 for app in apps)


def test_tei_witnesses_are_read_from_their_text(tmp_path):
    tei = tmp_path / "w.xml"
    tei.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/><text><body><p>waging '
                   '<hi>war</hi> on land</p></body></text></TEI>')
    plain = tmp_path / "w.txt"
    plain.write_text("waging was on land")
    result = runner.invoke(app, ["collate", str(tei), str(plain), "--format", "json"])
    (variant,) = json.loads(result.stdout)["variants"]
    assert variant["readings"] == {"A": "war", "B": "was"}


def test_errors_are_one_line_with_exit_2(tmp_path):
    bad = tmp_path / "bad.xml"
    bad.write_text("<TEI><text>")
    result = runner.invoke(app, ["collate", str(bad), str(FIX / "three-A.txt")])
    assert result.exit_code == 2 and "bad.xml:1" in result.stderr and "Traceback" not in result.stderr
    result = runner.invoke(app, ["collate", str(FIX / "three-A.txt")])
    assert result.exit_code == 2 and "at least two witnesses" in result.stderr


def test_rules_are_shown():
    result = runner.invoke(app, ["collate", "--rules", "x", "y"])
    assert "ignore_case" in result.stdout and "paragraph marks" in result.stdout


def test_more_than_26_witnesses_get_sigla_of_letters(tmp_path):
    """Review: the 27th witness was siglum '[', the 28th '\\\\' (chr after 'Z'): pointers no TEI reader resolves."""
    files = []
    for number in range(30):
        files.append(tmp_path / f"w{number}.txt")
        files[-1].write_text(f"The ships sail for Vladivostok on day {number % 3}.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["collate", *map(str, files), "--format", "tei"])
    assert result.exit_code == 0, result.output
    pointers = {p for wit in etree.fromstring(result.output.encode()).xpath("//@wit") for p in wit.split()}
    assert len(pointers) == 30 and {"#Z", "#AA", "#AD"} <= pointers
    assert all(p[1:].isalpha() and p[1:].isupper() for p in pointers), pointers


def test_a_siglum_with_a_space_or_markup_is_refused(tmp_path):
    """Review: --sigla 'a b' wrote wit="#a b" (two pointers, one of them 'b') without a word."""
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("The ships sail today.\n", encoding="utf-8")
    b.write_text("The ships sail tomorrow.\n", encoding="utf-8")
    for sigla, message in (("a b,C", "'a b' is not a siglum"), ("<x>,C", "'<x>' is not a siglum"),
                           ("A,A", "1 distinct names for 2 witnesses")):
        result = CliRunner().invoke(app, ["collate", str(a), str(b), "--sigla", sigla, "--format", "tei"])
        assert result.exit_code == 2 and message in result.output, result.output
    result = CliRunner().invoke(app, ["collate", str(a), str(b), "--sigla", "Harl.-1,é2", "--format", "tei"])
    assert result.exit_code == 0 and 'wit="#Harl.-1"' in result.output
