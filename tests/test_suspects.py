"""editio suspects: OCR misreadings ranked so that an editor finds them first."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from editio.cli import app
from editio.suspects import find_suspects

ROOT = Path(__file__).resolve().parents[1]
OCR = ROOT / "tests/fixtures/suspects/ocr.txt"
SEED = ROOT / "seeds/001_4675f7a8ca8e1c30.txt"
MISREAD = {"bad", "seoure", "rallied", ",.", "seed", "w", "corning", "and."}


def test_planted_misreadings_rank_above_the_sound_words():
    found = find_suspects(OCR.read_text(encoding="utf-8"))
    top = [f"{s.word}" for s in found[:len(MISREAD) + 2]]
    hits = {w for w in MISREAD if w in top or (w == "and." and "." in top)}
    assert hits >= MISREAD - {"and."}, top
    assert "Ambassador" not in top and "replied" not in top


def test_suggestions_come_from_ocr_confusions_and_the_text_itself():
    found = {s.word: s for s in find_suspects(OCR.read_text(encoding="utf-8"))}
    assert found["seoure"].suggestion == "secure"
    assert found["rallied"].suggestion == "replied"      # "The Marshal replied that" elsewhere
    assert found["seed"].suggestion == "said"
    assert found["corning"].suggestion == "coming"
    assert found["seoure"].line == 3


def test_on_seed_001_the_known_errors_are_near_the_top():
    found = find_suspects(SEED.read_text(encoding="utf-8"), 40)
    words = [s.word for s in found]
    for misread in ("lie", "Marshall", "seed", "rallied", "seoure", "seourity", "w", ",.", "bad"):
        assert misread in words, misread


def test_cli_json_and_errors(tmp_path):
    runner = CliRunner()
    result = runner.invoke(app, ["suspects", str(OCR), "--format", "json", "--limit", "5"])
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    assert len(rows) == 5 and {"word", "line", "column", "score", "reason", "suggestion"} <= set(rows[0])
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    result = runner.invoke(app, ["suspects", str(empty)])
    assert result.exit_code == 2 and "empty.txt: error: file is empty" in result.stderr
