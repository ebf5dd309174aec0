"""The flagship's reading view and map as a reader sees them (issue 15), built from the TEI that the
converter writes from seeds/ (tests/conftest.py), with screenshots in build/screenshots/."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from editio.web import geo


@pytest.fixture(scope="module")
def converted_site(converted_tei, tmp_path_factory) -> Path:
    from editio.web import build_web
    return build_web(converted_tei, tmp_path_factory.mktemp("flagship") / "web")


def visible_text(page) -> str:
    """The text as read, without the screen-reader labels of the variant buttons."""
    text = re.sub(r"Variant \d+: readings of every witness", " ", page.inner_text("main"))
    return " ".join(text.split())


def test_the_reading_view_shows_the_edited_text_of_000(page, converted_site, shoot):
    page.goto((converted_site / "documents" / "1944-06-10-harriman-stalin.html").as_uri())
    text = visible_text(page)
    note = r"\s*\d*\s*"        # the mark of the editors' note on the lemma
    assert re.search(rf"between General Deane{note}and whomever Stalin might designate", text)
    assert "General Beane" not in text
    assert re.search(rf"that if{note}we{note}could come to an agreement", text)
    shoot(page, "000-reading-view")


def test_the_reading_view_brackets_supplied_text_and_braces_surplus(page, converted_site):
    page.goto((converted_site / "documents" / "1944-10-17-harriman-stalin.html").as_uri())
    text = visible_text(page)
    assert "artillery [would] be moved" in text
    assert "plan to invade {w} Japan" in text


@pytest.mark.skipif(geo.atlas_path() is None, reason="world-atlas not installed (tools/map-data.sh)")
def test_the_map_draws_coastlines_and_borders_under_the_places(page, converted_site, shoot):
    page.goto((converted_site / "map.html").as_uri())
    page.set_viewport_size({"width": 1100, "height": 1400})
    coast = page.locator("svg path.map-coast").first
    assert len(coast.get_attribute("d")) > 2000
    assert page.locator("svg path.map-border").count() >= 1
    assert page.locator("svg path.map-land").count() >= 1
    # Vladivostok's point lies on the land, near the coast: inside the detail map's land shapes
    inside = page.evaluate("""() => {
        const svg = document.querySelectorAll('figure.map svg')[1];
        const dot = [...svg.querySelectorAll('a')].find(a => a.textContent.trim() === 'Vladivostok').querySelector('circle');
        const land = svg.querySelector('path.map-land');
        const pt = svg.createSVGPoint(); pt.x = +dot.getAttribute('cx'); pt.y = +dot.getAttribute('cy');
        for (const [dx, dy] of [[0,0],[3,0],[-3,0],[0,3],[0,-3],[6,0],[-6,0],[0,6],[0,-6]]) {
            const p = svg.createSVGPoint(); p.x = pt.x + dx; p.y = pt.y + dy;
            if (land.isPointInFill(p)) return true;
        }
        return false;
    }""")
    assert inside, "Vladivostok should sit on the land of the basemap"
    shoot(page, "map", full_page=True)
