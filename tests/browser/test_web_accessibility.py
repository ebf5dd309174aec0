"""axe-core (WCAG 2.1 A and AA rules) reports no violation on any page type; screenshots of each."""

from __future__ import annotations

import pytest


def _page_types(site):
    docs = sorted(site.glob("documents/*.html"))
    entries = sorted(p for p in site.glob("register/*.html")
                     if p.stem not in {"persons", "places", "orgs"})
    return {
        "home": "index.html",
        "document": f"documents/{docs[0].name}",
        "register-list": "register/persons.html",
        "register-entry": f"register/{entries[0].name}",
        "timeline": "timeline.html",
        "map": "map.html",
        "search": "search.html",
    }


@pytest.mark.parametrize("kind", ["home", "document", "register-list", "register-entry", "timeline", "map", "search"])
def test_no_axe_violations(page, base_url, site, axe, shoot, kind):
    url = _page_types(site)[kind]
    page.goto(base_url + url)
    page.wait_for_load_state("networkidle")
    if kind == "document":
        # check the page with its panels open and the highlights on, too
        for box in page.locator("input[name='hl']").all():
            box.check()
        if page.locator("#open-synoptic").count():
            page.locator("#open-synoptic").click()
        if page.locator(".app-marker").count():
            page.locator(".app-marker").first.click()
    if kind == "search":
        page.fill("#q", "the")
        page.locator("#search-results li").first.wait_for()
    shoot(page, f"axe-{kind}")
    violations = axe(page)
    assert violations == [], "\n".join(f"{v['id']} ({v['impact']}): {v['help']}\n  " + "\n  ".join(v["nodes"])
                                       for v in violations)
