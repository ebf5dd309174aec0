"""Session fixtures: the edition converted from seeds/ into a temporary folder, once per run.

Tests read that TEI (teiview.tei_for_seed and friends point at it), not the checked-in tei/, so a
test of the encoding tests what `editio convert --edition edition.toml` writes today.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import teiview

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def converted_tei(tmp_path_factory) -> Path:
    """tei/ as the converter writes it from seeds/ and the editorial data (register copied beside it)."""
    from editio.convert import Job, plan, write
    from editio.edition import load_edition

    out = tmp_path_factory.mktemp("converted") / "tei"
    (out / "register").mkdir(parents=True)
    ed = load_edition(ROOT / "edition.toml")
    shutil.copyfile(ed.register, out / "register" / "register.xml")
    # the edition's settings and front matter beside tei/, where the web and print builders look
    shutil.copyfile(ROOT / "edition.toml", out.parent / "edition.toml")
    (out.parent / "editorial").mkdir()
    shutil.copyfile(ROOT / "editorial" / "introduction.xml", out.parent / "editorial" / "introduction.xml")
    jobs = [Job(e.source, e.id, dict(e.settings, edition=ed.settings), None, label=e.settings["source"])
            for e in ed.documents]
    write(plan(jobs, out, ed.base_dir, out / "register" / "register.xml"))
    return out


@pytest.fixture(scope="session", autouse=True)
def _teiview_reads_converted(converted_tei):
    previous = teiview.TEI_DIR
    teiview.TEI_DIR = converted_tei
    yield
    teiview.TEI_DIR = previous
