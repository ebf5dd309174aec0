"""What a reader does with the web edition, in real headless chromium."""

from __future__ import annotations

import re
from pathlib import Path

from lxml import html

DOC_GLOB = "documents/*.html"


def _documents(site: Path) -> list[Path]:
    return sorted(site.glob(DOC_GLOB))


def _multi_witness(site: Path) -> Path:
    for path in _documents(site):
        tree = html.parse(str(path))
        if tree.xpath("//input[@name='witness']") and tree.xpath("//span[contains(@class,'app ')]"):
            return path
    raise AssertionError("no document with several witnesses and an apparatus in the site")


def test_open_a_document_and_follow_a_person_to_the_register_and_back(page, base_url, site, shoot):
    doc = _documents(site)[0]
    page.goto(base_url + f"documents/{doc.name}")
    assert page.locator("h1").inner_text().strip()
    person = page.locator("#text a.ent-person").first
    mention_id = person.get_attribute("id")
    name = person.inner_text()
    person.hover()
    card = page.locator(".card-pop")
    assert card.is_visible() and card.inner_text().strip()
    shoot(page, "document")
    person.click()
    page.wait_for_load_state()
    assert "/register/" in page.url
    shoot(page, "register-entry")
    back = page.locator(f"a.mention-link[href$='#{mention_id}']")
    assert back.count() == 1, f"the register entry lists the mention {mention_id}"
    back.click()
    page.wait_for_load_state()
    assert page.url.endswith(f"{doc.name}#{mention_id}")
    target = page.locator(f"[id='{mention_id}']")
    assert target.inner_text() == name
    assert target.evaluate("el => el.matches(':target')")
    box = target.bounding_box()
    assert box and 0 <= box["y"] <= page.viewport_size["height"], "the mention is scrolled into view"
    assert not page.errors


def test_switch_witness_shows_the_other_reading(page, base_url, site, shoot):
    doc = _multi_witness(site)
    page.goto(base_url + f"documents/{doc.name}")
    index = page.evaluate("""() => Array.from(document.querySelectorAll('#text .app')).findIndex(app => {
        const r = app.querySelectorAll('.rdg');
        return r.length >= 2 && Array.from(r).every(x => /\\w/.test(x.textContent) && !x.querySelector('.dipl, .note-block')); })""")
    assert index >= 0, "an apparatus entry where every witness has words"
    app = page.locator("#text .app").nth(index)
    readings = app.locator(".rdg")
    first, second = readings.nth(0), readings.nth(1)
    sigla = [r.strip() for r in page.locator("input[name='witness']").evaluate_all("els => els.map(e => e.value)")]
    assert first.is_visible() and not second.is_visible()
    other = second.get_attribute("data-wit").split()[0]
    assert other in sigla[1:]
    page.locator(f"input[name='witness'][value='{other}']").check()
    assert second.is_visible() and not first.is_visible()
    # the marker opens the readings of every witness
    marker = app.locator(".app-marker")
    marker.click()
    panel = app.locator(".app-panel")
    assert panel.is_visible() and marker.get_attribute("aria-expanded") == "true"
    assert panel.locator(".app-reading").count() == readings.count()
    app.scroll_into_view_if_needed()
    shoot(page, "document-witness-" + other)
    assert not page.errors


def test_synoptic_view_sets_witnesses_side_by_side(page, base_url, site, shoot):
    doc = _multi_witness(site)
    page.goto(base_url + f"documents/{doc.name}")
    synoptic = page.locator("#synoptic")
    assert not synoptic.is_visible()
    page.locator("#open-synoptic").click()
    assert synoptic.is_visible()
    headers = synoptic.locator("thead th")
    # one column per witness; the edited text (value "*", the switch of a text with lemmata) has none
    assert headers.count() == page.locator("input[name='witness']:not([value='*'])").count() >= 2
    row = synoptic.locator("tbody tr").filter(has=page.locator("mark.diff")).first
    cells = row.locator("td")
    left, right = cells.nth(0).locator("mark.diff").first, cells.nth(1).locator("mark.diff").first
    assert left.is_visible() and right.is_visible()
    assert left.get_attribute("data-app") == right.get_attribute("data-app"), "aligned variant in the same row"
    row.scroll_into_view_if_needed()
    shoot(page, "synoptic")


def test_diplomatic_view_shows_the_source_as_it_stands(page, base_url, site, shoot):
    for doc in _documents(site):
        tree = html.parse(str(doc))
        if tree.xpath("//*[@id='text']//span[contains(@class,'choice')]"):
            break
    else:
        raise AssertionError("no document with an editorial correction")
    page.goto(base_url + f"documents/{doc.name}")
    choice = page.locator("#text .choice").first
    original, edited = choice.locator(".choice-original"), choice.locator(".choice-edited")
    assert edited.is_visible() and not original.is_visible()
    page.locator("input[name='view'][value='diplomatic']").check()
    assert original.is_visible() and not edited.is_visible()
    choice.scroll_into_view_if_needed()
    shoot(page, "document-diplomatic")


def _word_in_one_witness_only(site: Path) -> tuple[str, str]:
    """A word of one witness's reading that occurs nowhere else in the site's documents."""
    texts = {}
    for p in _documents(site):
        text = html.parse(str(p)).xpath("//*[@id='text']")[0]
        for panel in text.xpath(".//*[contains(@class, 'app-panel')]"):
            panel.getparent().remove(panel)
        texts[p.name] = " ".join(text.itertext())
    counts: dict[str, int] = {}
    for text in texts.values():
        for word in re.findall(r"[A-Za-z]{5,}", text.lower()):
            counts[word] = counts.get(word, 0) + 1
    for doc in _documents(site):
        tree = html.parse(str(doc))
        for app in tree.xpath("//*[@id='text']//span[contains(concat(' ', @class, ' '), ' app ')]"):
            rdgs = app.xpath("./span[contains(concat(' ', @class, ' '), ' rdg ')]")
            for rdg in rdgs[1:]:
                others = " ".join(" ".join(r.itertext()) for r in rdgs if r is not rdg).lower()
                for word in re.findall(r"[A-Za-z]{5,}", " ".join(rdg.itertext())):
                    if counts.get(word.lower()) == 1 and word.lower() not in others:
                        return word, doc.name
    raise AssertionError("no word found that only a later witness reads")


def test_search_finds_a_word_of_one_witness_only(page, base_url, site, shoot):
    word, doc_name = _word_in_one_witness_only(site)
    page.goto(base_url + "search.html")
    page.wait_for_selector("body[data-search-engine]")
    assert page.locator("body").get_attribute("data-search-engine") == "pagefind"
    page.fill("#q", word)
    results = page.locator("#search-results li")
    results.first.wait_for()
    assert results.count() == 1
    assert results.first.locator("a").get_attribute("href").endswith(doc_name.replace(".html", "")) or \
        doc_name in results.first.locator("a").get_attribute("href")
    assert word.lower() in results.first.locator("mark").first.inner_text().lower()
    shoot(page, "search")


def test_search_filters_by_type(page, base_url, site):
    page.goto(base_url + "search.html")
    page.wait_for_selector("body[data-search-engine]")
    options = page.locator("#f-type option").evaluate_all("os => os.map(o => o.value).filter(Boolean)")
    assert options
    page.select_option("#f-type", options[0])
    page.locator("#search-results li").first.wait_for()
    for href in page.locator("#search-results li h2 a").evaluate_all("as => as.map(a => a.getAttribute('href'))"):
        doc = site / href.lstrip("/").split("#")[0]
        doc = doc if doc.suffix == ".html" else doc.with_suffix(".html")
        kicker = html.parse(str(doc)).xpath("string(//p[@class='doc-kicker'])")
        assert options[0] in kicker


def test_search_works_from_file_urls(page, site):
    word, doc_name = _word_in_one_witness_only(site)
    page.goto((site / "search.html").as_uri())
    page.wait_for_selector("body[data-search-engine='built-in']")
    page.fill("#q", word)
    results = page.locator("#search-results li")
    results.first.wait_for()
    assert results.count() == 1 and doc_name in results.first.locator("a").get_attribute("href")


def test_phone_width(phone, base_url, site, shoot):
    doc = _documents(site)[0]
    for name, url in (("home", "index.html"), ("document", f"documents/{doc.name}")):
        phone.goto(base_url + url)
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= 375, f"{url} scrolls sideways on a phone ({width}px)"
        shoot(phone, f"phone-{name}")
    text_box = phone.locator("#text").bounding_box()
    assert text_box["width"] > 300, "the text uses the phone's width"


def test_print_stylesheet_prints_the_text_without_controls(page, base_url, site):
    doc = _documents(site)[0]
    page.goto(base_url + f"documents/{doc.name}")
    page.emulate_media(media="print")
    assert not page.locator(".toolbar").is_visible()
    assert not page.locator(".site-header nav").is_visible()
    assert page.locator("#text").is_visible()
    pdf = page.pdf()
    assert pdf[:4] == b"%PDF"


def test_keyboard_focus_shows_the_card(page, base_url, site):
    doc = _documents(site)[0]
    page.goto(base_url + f"documents/{doc.name}")
    link = page.locator("#text a.ent[data-ref]").first
    link.focus()
    card = page.locator(".card-pop")
    assert card.is_visible()
    ref = link.get_attribute("data-ref")
    assert card.inner_text() == page.locator(f"[id='card-{ref}']").text_content()
    page.keyboard.press("Escape")
    assert card.count() == 0
