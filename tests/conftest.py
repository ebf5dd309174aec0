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


# ----- the API server (tests/test_api_*.py) -----

@pytest.fixture(scope="session")
def flagship_served(tmp_path_factory):
    """`editio serve` with no argument in a copy of the converted flagship (with an [oai] table that
    pages two records at a time): it builds the site and the API data first.  Yields (base URL,
    edition folder)."""
    from apiserver import served, with_oai_settings
    edition = tmp_path_factory.mktemp("served") / "edition"
    shutil.copytree(converted_edition(), edition)
    with_oai_settings(edition, repository_name="Five American Documents", repository_identifier="flagship.example.org",
                      admin_email=["editors@example.org"], page_size=2)
    with served(None, cwd=edition) as base:
        yield base, edition


@pytest.fixture(scope="session")
def fixture_served(tmp_path_factory):
    """`editio serve EDITION` for the small verse/drama/declared edition (tests/fixtures/api)."""
    from apiserver import copy_fixture, served
    edition = copy_fixture(tmp_path_factory.mktemp("served-fixture") / "edition")
    with served(edition) as base:
        yield base, edition
