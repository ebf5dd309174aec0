"""Fixtures shared by the whole suite: the flagship edition converted and built by the code under test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from flagship import converted_edition


@pytest.fixture(scope="session")
def flagship_build(tmp_path_factory) -> Path:
    """The flagship edition converted from seeds/ and built (print, when TeX is here, then web)
    into a fresh folder: OUT/print/edition.pdf and OUT/web/.  Never a build/ left by an earlier run."""
    from editio import builders
    from editio.edition import load_edition
    edition = tmp_path_factory.mktemp("flagship") / "edition"
    shutil.copytree(converted_edition(), edition)
    names = ["print", "web"] if shutil.which("xelatex") else ["web"]
    context = builders.build(load_edition(edition / "edition.toml"), names)
    return context.edition.out_dir


@pytest.fixture(scope="session")
def converted_tei() -> Path:
    """tei/ of the flagship edition as the converter writes it from seeds/ in this test run."""
    from flagship import converted_tei as tei
    return tei()
