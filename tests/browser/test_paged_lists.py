"""The home list and the letters cut into pages (builders/web.py HOME_DOCS, lowered to four here):
axe-core finds no violation on a later page, the pager leads through every page, and the letters'
filter says that it counts the letters of this page."""

from __future__ import annotations

import pytest

from staticserver import serve
from editio import builders
from editio.builders import web as web_builder
from editio.edition import load_edition
from flagship import replicate


@pytest.fixture(scope="module")
def paged_site(tmp_path_factory):
    edition = replicate(tmp_path_factory.mktemp("paged"), 3)
    with pytest.MonkeyPatch.context() as m:
        m.setattr(web_builder, "HOME_DOCS", 4)
        builders.build(load_edition(edition / "edition.toml"), ["web"], jobs=1)
    with serve(edition / "build" / "web") as url:
        yield url


@pytest.mark.parametrize("name", ["index-2.html", "letters-2.html"])
def test_a_later_page_has_no_axe_violations(page, paged_site, axe, shoot, name):
    page.goto(paged_site + name)
    page.wait_for_load_state("networkidle")
    shoot(page, f"paged-{name.removesuffix('.html')}")
    violations = axe(page)
    assert violations == [], "\n".join(f"{v['id']} ({v['impact']}): {v['help']}\n  " + "\n  ".join(v["nodes"])
                                       for v in violations)
    assert page.errors == []


def test_the_pager_leads_through_every_page_of_the_home_list(page, paged_site):
    page.goto(paged_site + "index.html")
    seen = []
    while True:
        seen += page.locator("li.doc-row h3 a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
        current = int(page.locator("nav.pager").first.locator("[aria-current='page']").inner_text())
        following = page.locator("nav.pager").first.locator(f"a:text-is('{current + 1}')")
        if not following.count():
            break
        following.click()
        page.wait_for_load_state("domcontentloaded")
    assert current == 4 and len(seen) == len(set(seen)) == 15


def test_the_letters_filter_counts_the_letters_of_its_page(page, paged_site):
    page.goto(paged_site + "letters-2.html")
    rows = page.locator("#letters-table tbody tr")
    assert page.locator("#letters-status").inner_text().endswith("on this page")
    page.fill("#letters-filter", "Harriman")
    shown = sum(1 for i in range(rows.count()) if rows.nth(i).is_visible())
    status = page.locator("#letters-status").inner_text()
    assert status.startswith(f"{shown} letter") and status.endswith("match on this page"), status
