"""Incremental web builds at scale: pages that hold part of a long list (register entries, the
timeline), and an edit that redoes only the pages showing what it changed.

The thresholds (documents per register page, items per timeline page, documents per search
bucket) are lowered so that the fifteen documents of three copies of the flagship behave as a
large edition does."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from lxml import html

from editio import builders
from editio.builders import web as web_builder
from editio.edition import load_edition
from flagship import replicate as copied_flagship

CHANGED = "1944-12-15-harriman-roosevelt-c01"


def replicate(target: Path, copies: int = 3) -> Path:
    """flagship.replicate, with a search index per four documents."""
    edition = copied_flagship(target, copies)
    toml = edition / "edition.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + "\n[web]\nsearch_bucket = 4\n", encoding="utf-8")
    return edition


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr(web_builder, "ENTRY_DOCS", 4)
    monkeypatch.setattr(web_builder, "ENTRY_MENTIONS", 150)
    monkeypatch.setattr(web_builder, "TIMELINE_ITEMS", 60)
    monkeypatch.setattr(web_builder, "HOME_DOCS", 4)


def build(edition: Path):
    return builders.build(load_edition(edition / "edition.toml"), ["web"], jobs=1)


def site_files(site: Path) -> dict[str, bytes]:
    """Everything editio writes (Pagefind names its own files by hashes that vary between runs)."""
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*"))
            if p.is_file() and not p.relative_to(site).parts[0].startswith("pagefind")}


def inodes(site: Path) -> dict[str, int]:
    return {str(p.relative_to(site)): p.stat().st_ino for p in site.rglob("*") if p.is_file()}


def edited(tmp_path: Path, change) -> tuple[Path, Path, set[str], object]:
    """Build three copies of the flagship, change the TEI of CHANGED (`change(text) -> text`) and
    build again: (the edition, its site, the files the second build wrote anew, that build)."""
    edition = replicate(tmp_path / "e")
    build(edition)
    site = edition / "build" / "web"
    before = inodes(site)
    doc = edition / "tei" / f"{CHANGED}.xml"
    doc.write_text(change(doc.read_text(encoding="utf-8")), encoding="utf-8")
    second = build(edition)
    after = inodes(site)
    return edition, site, {k for k in after if before.get(k) != after[k] and not k.startswith("pagefind")}, second


def assert_as_fresh(edition: Path, tmp_path: Path) -> None:
    """The incrementally built site is the one a fresh build of the edition as it now is writes."""
    fresh = tmp_path / "fresh"
    shutil.copytree(edition, fresh, ignore=shutil.ignore_patterns("build"))
    build(fresh)
    assert site_files(fresh / "build" / "web") == site_files(edition / "build" / "web")


def entry_mentions(site: Path, entry: str) -> tuple[list[str], list[str]]:
    """(the pages of an entry, in the pager's order; every mention link on them)."""
    first = html.parse(str(site / "register" / f"{entry}.html"))
    pages = [f"{entry}.html"] + list(dict.fromkeys(
        h for h in first.xpath("//nav[@class='pager']//a/@href") if h != f"{entry}.html"))
    links = []
    for name in pages:
        links += html.parse(str(site / "register" / name)).xpath("//a[@class='mention-link']/@href")
    return pages, links


def listed(site: Path, base: str, rows: str) -> tuple[list[str], list[str]]:
    """(the pages of the home list or of the letters, in the pager's order; the documents they list)."""
    first = html.parse(str(site / f"{base}.html"))
    pages = [f"{base}.html"] + list(dict.fromkeys(
        h for h in first.xpath("//nav[@class='pager']//a/@href") if h != f"{base}.html"))
    return pages, [href for name in pages for href in html.parse(str(site / name)).xpath(rows)]


HOME_ROWS = "//li[@class='doc-row']//a/@href"
LETTER_ROWS = "//table[@id='letters-table']/tbody/tr/td/a/@href"


def test_long_register_entries_and_timelines_are_cut_into_pages(tmp_path, monkeypatch, small_pages):
    edition = replicate(tmp_path / "e")
    build(edition)
    site = edition / "build" / "web"
    with monkeypatch.context() as m:                 # the same edition with everything on one page
        m.setattr(web_builder, "ENTRY_DOCS", 10 ** 6)
        m.setattr(web_builder, "ENTRY_MENTIONS", 10 ** 6)
        m.setattr(web_builder, "TIMELINE_ITEMS", 10 ** 6)
        m.setattr(web_builder, "HOME_DOCS", 10 ** 6)
        one_page = replicate(tmp_path / "one")
        build(one_page)
    single = one_page / "build" / "web"
    pages, links = entry_mentions(site, "stalin")
    assert len(pages) >= 3 and all((site / "register" / p).is_file() for p in pages)
    # every mention of Stalin, each once and in the same order as on one long page
    assert entry_mentions(single, "stalin") == (["stalin.html"], links) and len(set(links)) == len(links) > 100
    for name in pages[1:]:                     # a later page says which part of the list it holds
        page = html.parse(str(site / "register" / name))
        assert page.xpath("//nav[@class='pager']//span[@aria-current='page']")
        assert re.search(r"Documents \d+–\d+ of \d+", page.xpath("string(//nav[@class='pager']/p)"))
    # the timeline: an overview of months, each month's page in order, nothing lost
    overview = html.parse(str(site / "timeline.html"))
    month_pages = overview.xpath("//ul[contains(@class,'tl-months')]//a/@href")
    assert len(set(month_pages)) > 3 and not overview.xpath("//ol[@class='timeline']")
    items, previous = [], ""
    for name in dict.fromkeys(month_pages):
        page = html.parse(str(site / name))
        whens = page.xpath("//ol[@class='timeline']/li/time/@datetime")
        assert whens == sorted(whens) and (not previous or whens[0] >= previous)
        previous = whens[-1]
        items += page.xpath("//ol[@class='timeline']/li/@id")
    assert items == html.parse(str(single / "timeline.html")).xpath("//ol[@class='timeline']/li/@id")
    # the home list and the letters: four documents a page, every one once, in the one page's order
    for base, rows in (("index", HOME_ROWS), ("letters", LETTER_ROWS)):
        pages, docs = listed(site, base, rows)
        assert listed(single, base, rows) == ([f"{base}.html"], docs) and len(set(docs)) == len(docs)
        assert len(pages) == -(-len(docs) // 4) >= 2
        for number, name in enumerate(pages, start=1):
            page = html.parse(str(site / name))
            assert 0 < len(page.xpath(rows)) <= 4
            assert page.xpath("//nav[@class='pager']//span[@aria-current='page']/text()") == [str(number)] * 2
    assert len(listed(site, "index", HOME_ROWS)[1]) == 15
    home = [html.parse(str(site / name)) for name in listed(site, "index", HOME_ROWS)[0]]
    assert home[0].xpath("//h2[@id='reading-h']") and not home[1].xpath("//h2[@id='reading-h']")
    assert "page 2 of 4" in home[1].xpath("string(//h1)")


def test_an_edit_redoes_its_page_and_only_the_pages_that_show_it(tmp_path, small_pages):
    edition, site, redone, second = edited(tmp_path, lambda text: text.replace("railroad lines", "railway lines", 1))
    assert second.env.changed == {CHANGED}
    # the words changed sit in the context of a mention of Vladivostok and of Manchuria
    vladivostok = next(p for p in entry_mentions(site, "vladivostok")[0]
                       if CHANGED in (site / "register" / p).read_text(encoding="utf-8"))
    assert f"documents/{CHANGED}.html" in redone and f"register/{vladivostok}" in redone
    assert "railway lines" in (site / "register" / vladivostok).read_text(encoding="utf-8")
    for kept in ("index.html", "register/persons.html", "register/stalin.html", "map.html", "search.html",
                 f"documents/{CHANGED.replace('-c01', '-c00')}.html", "timeline.html"):
        assert kept not in redone, kept
    assert len([k for k in redone if k.startswith("register/")]) <= 2
    assert len([k for k in redone if k.startswith("documents/")]) <= 3      # the page and its text files
    assert_as_fresh(edition, tmp_path)


def test_a_new_title_redoes_one_page_of_the_home_list_and_of_the_letters(tmp_path, small_pages):
    title = re.search(r'<title type="main">([^<]+)</title>',
                      (Path(__file__).parents[1] / "tei" / f"{CHANGED[:-4]}.xml").read_text(encoding="utf-8")).group(1)
    edition, site, redone, _ = edited(tmp_path, lambda text: text.replace(title, title + " (copy)"))
    for base, rows in (("index", HOME_ROWS), ("letters", LETTER_ROWS)):
        pages = listed(site, base, rows)[0]
        holding = [p for p in pages if f"documents/{CHANGED}.html" in html.parse(str(site / p)).xpath(rows)]
        assert [p for p in pages if p in redone] == holding and len(holding) == 1, base
        assert title + " (copy)" in (site / holding[0]).read_text(encoding="utf-8")
    assert_as_fresh(edition, tmp_path)


def test_removing_a_document_leaves_the_site_a_fresh_build_writes(tmp_path, small_pages):
    edition = replicate(tmp_path / "e")
    build(edition)
    os.remove(edition / "tei" / f"{CHANGED}.xml")
    build(edition)
    site = edition / "build" / "web"
    assert not (site / "documents" / f"{CHANGED}.html").exists()
    assert CHANGED not in "".join((site / "register" / p).read_text(encoding="utf-8")
                                  for p in entry_mentions(site, "harriman")[0])
    assert_as_fresh(edition, tmp_path)


def test_an_edit_of_the_same_length_is_seen_and_a_fresh_stamp_is_not_trusted(tmp_path):
    from editio.environment import load_environment
    from editio import jsonio
    edition = replicate(tmp_path / "e", copies=1)
    ed = load_edition(edition / "edition.toml")
    load_environment(ed)
    index = jsonio.loads((ed.cache_dir / "records" / "index.json").read_bytes())
    doc = edition / "tei" / f"{CHANGED.replace('-c01', '-c00')}.xml"
    assert index["digests"][str(doc)][0] is None          # written a moment ago: hashed again next time
    text = doc.read_text(encoding="utf-8")
    doc.write_text(text.replace("railroad lines", "railroad LINES", 1), encoding="utf-8")   # same size
    assert load_environment(load_edition(edition / "edition.toml")).changed == {doc.stem}


def test_month_pages_head_their_year_also_before_the_common_era_and_without_a_date():
    assert web_builder._month_year("1944-06") == "1944"
    assert web_builder._month_year("-0044-03") == "-0044"
    assert web_builder._month_year("undated") == "Without a date"
