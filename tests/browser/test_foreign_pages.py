"""Other people's TEI in the browser: how each page looks (build/screenshots/web-foreign-*.png),
axe-core finds no violation, and the witness switch reads every witness."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from staticserver import serve

from editio.web import build_web
from foreign_text import FILES

STRUCTURE = Path(__file__).resolve().parents[1] / "fixtures" / "layers" / "structure"


@pytest.fixture(scope="module")
def foreign_site(tmp_path_factory):
    """One site holding every foreign file, served from 127.0.0.1."""
    tmp = tmp_path_factory.mktemp("foreign")
    tei = tmp / "tei"
    tei.mkdir()
    for source in FILES.values():
        shutil.copy(source, tei / source.name)
    # the land register's page scan is not shipped: a stand-in image shows the side-by-side layout
    import sys
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from foreign_text import png
    (tei / "WSTLA_Grundbuch_Stadt_Wien_B1_34_SatzbuchCD_0027.jpg").write_bytes(png(300, 420))
    # and the small structures fixture: a group of texts, a letter, a table, a figure, a gloss list
    for source in STRUCTURE.glob("*.xml"):
        shutil.copy(source, tei / source.name)
    site = build_web(tei, tmp / "web")
    with serve(site) as url:
        yield url


@pytest.mark.parametrize("name", [*FILES, "group"])
def test_foreign_page_has_no_axe_violations(page, foreign_site, axe, shoot, name):
    page.goto(foreign_site + f"documents/{FILES[name].stem if name in FILES else name}.html")
    page.wait_for_load_state("networkidle")
    page.locator("#text").scroll_into_view_if_needed()
    shoot(page, f"foreign-{name}")
    violations = axe(page)
    assert violations == [], "\n".join(f"{v['id']} ({v['impact']}): {v['help']}\n  " + "\n  ".join(v["nodes"])
                                       for v in violations)
    assert page.errors == []


def test_the_witness_switch_reads_every_witness(page, foreign_site, shoot):
    page.goto(foreign_site + f"documents/{FILES['amphilochius'].stem}.html")
    radios = page.locator("input[name='witness']")
    values = [radios.nth(i).get_attribute("value") for i in range(radios.count())]
    assert values == ["*", "Ps", "La", "Vi", "Pg"]          # the edited text first, then each witness
    assert radios.nth(0).is_checked()
    for siglum in values:
        page.locator(f"input[name='witness'][value='{siglum}']").check()
        shown = page.evaluate("""(s) => Array.from(document.querySelectorAll('#text .app > .rdg'))
            .filter(r => getComputedStyle(r).display !== 'none')
            .map(r => r.getAttribute('data-wit').split(/\\s+/).includes(s))""", siglum)
        assert shown and all(shown), siglum
        if siglum == "Vi":
            shoot(page, "foreign-amphilochius-witness-Vi")
