"""The static web edition as files: every page type, no broken internal links, no injectable markup."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import shutil

import pytest
from lxml import etree, html
from typer.testing import CliRunner

from editio.cli import app
from editio.errors import EditioError
from editio.web import build_web

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "web" / "tei"
HOSTILE = ROOT / "tests" / "fixtures" / "web" / "hostile"
FRONT = ROOT / "tests" / "fixtures" / "web" / "front" / "preface.xml"
TEI_NS = {"t": "http://www.tei-c.org/ns/1.0"}


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory) -> Path:
    return build_web(FIXTURE, tmp_path_factory.mktemp("fixture") / "web")


@pytest.fixture(scope="module")
def edition_site(flagship_build) -> Path:
    """The flagship edition, converted from seeds/ and built in this test run."""
    return flagship_build / "web"


def _pages(site: Path):
    return sorted(p for p in site.rglob("*.html") if "pagefind" not in p.relative_to(site).parts)


def _ids(path: Path, cache: dict) -> set[str]:
    if path not in cache:
        cache[path] = set(html.parse(str(path)).xpath("//@id"))
    return cache[path]


def broken_links(site: Path) -> list[str]:
    """Every href/src of every page that points inside the site must name an existing file and id."""
    broken, cache = [], {}
    for page in _pages(site):
        tree = html.parse(str(page))
        for el, attr in ((el, a) for a in ("href", "src") for el in tree.xpath(f"//*[@{a}]")):
            value = el.get(attr)
            parts = urlsplit(value)
            if parts.scheme or value.startswith("//"):
                continue           # external (http, https) or data: URLs
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if not target.exists() or site.resolve() not in target.parents:
                broken.append(f"{page.relative_to(site)}: {value} (no such file)")
            elif parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in _ids(target, cache):
                broken.append(f"{page.relative_to(site)}: {value} (no such id)")
    return broken


def test_every_page_type_is_built(fixture_site):
    expected = ["index.html", "timeline.html", "map.html", "search.html", "search-index.js",
                "register/persons.html", "register/places.html", "register/orgs.html", "register/stalin.html",
                "documents/1944-06-10-harriman-stalin.html", "documents/1944-06-10-harriman-stalin.xml",
                "documents/1944-06-10-harriman-stalin.txt", "documents/1944-06-10-harriman-stalin.B.txt",
                "pagefind/pagefind.js", "static/edition.css", "static/edition.js"]
    assert [p for p in expected if not (fixture_site / p).exists()] == []


def test_no_broken_internal_links_in_fixture_site(fixture_site):
    assert broken_links(fixture_site) == []


def test_no_broken_internal_links_in_the_edition(edition_site):
    assert broken_links(edition_site) == []
    assert len(_pages(edition_site)) > 10


def test_home_lists_documents_in_date_order_with_their_metadata(fixture_site):
    tree = html.parse(str(fixture_site / "index.html"))
    rows = tree.xpath("//ol[@class='doc-list']/li")
    dates = [r.xpath("string(.//time/@datetime)") for r in rows]
    assert dates == sorted(dates) and len(dates) == 2
    first = rows[0].text_content()
    for expected in ("10 June 1944", "The Kremlin", "Memorandum of conversation",
                     "Conversation about The Far East", "Harriman and Stalin discuss"):
        assert expected in first
    assert tree.xpath("//section[@class='reading-guide']//dl[@class='legend']")


def test_document_page_carries_metadata_apparatus_notes_and_citation(fixture_site):
    page = html.parse(str(fixture_site / "documents/1944-06-10-harriman-stalin.html"))
    meta = page.xpath("string(//aside[@id='meta'])")
    for expected in ("Memorandum of conversation", "SECRET", "struck through", "Container # 172",
                     "Second Secretary of Embassy", "Typed transcript", "Stable URL"):
        assert expected in meta
    assert page.xpath("//aside[@id='meta']//a[@href='../register/stalin.html']")
    # apparatus: both readings, the first witness's shown
    app = page.xpath("//span[contains(@class,'app ') and .//span[@data-wit='B'][.='aerodromes']]")[0]
    assert app.xpath(".//span[@data-wit='A' and contains(@class,'rdg-current')]/text()") == ["airfields"]
    # footnote with a link back to its reference, and the reference to it
    note = page.xpath("//section[@class='footnotes']//li")[0]
    assert note.xpath(".//a[@role='doc-backlink']/@href") == ["#" + note.get("id") + "-ref"]
    assert page.xpath(f"//a[@href='#{note.get('id')}' and @id='{note.get('id')}-ref']")
    # gaps with their reason, page break in the margin, sic/corr both present
    text = page.xpath("string(//*[@id='text'])")
    assert "[redacted, 6 characters]" in text and "[illegible]" in text
    assert page.xpath("//span[@class='pb-marker'][.='p. 2']")
    choice = page.xpath("//span[@class='choice']")[0]
    assert choice.xpath("string(.//*[contains(@class,'choice-original')])") == "tbe"
    assert choice.xpath("string(.//*[contains(@class,'choice-edited')])") == "the"
    # synoptic rows: both witnesses, the variant marked in each
    cells = page.xpath("//table[@class='synoptic-table']//tr[.//mark]")[0].xpath("./td")
    assert [c.xpath("string(.//mark)") for c in cells] == [",", ";"]


def test_plain_text_per_witness(fixture_site):
    a = (fixture_site / "documents/1944-06-10-harriman-stalin.txt").read_text(encoding="utf-8")
    b = (fixture_site / "documents/1944-06-10-harriman-stalin.B.txt").read_text(encoding="utf-8")
    assert "twelve airfields in" in a and "aerodromes" not in a
    assert "twelve aerodromes in" in b and "airfields" not in b
    assert "study the question" in a and "tbe" not in a and "Soviet General" not in a


def test_register_entry_lists_each_mention_with_a_link_to_its_place(fixture_site):
    entry = html.parse(str(fixture_site / "register/stalin.html"))
    links = entry.xpath("//a[@class='mention-link']/@href")
    assert len(links) == 3
    for link in links:
        path, anchor = link.split("#")
        target = html.parse(str((fixture_site / "register" / path).resolve()))
        assert (fixture_site / "register" / path).resolve().parent == (fixture_site / "documents").resolve()
        assert target.xpath(f"//*[@id='{anchor}']/@data-ref") == ["stalin"]
        # the context the entry shows is the text around that very anchor
        shown = " ".join(entry.xpath(f"string(//a[@href='{link}']//mark)").split())
        assert shown == " ".join(target.xpath(f"string(//*[@id='{anchor}'])").split())
    assert entry.xpath("//a[@href='https://www.wikidata.org/wiki/Q855']")


def test_timeline_and_map(fixture_site):
    timeline = html.parse(str(fixture_site / "timeline.html"))
    events = timeline.xpath("//li/time/@datetime")
    assert events == sorted(events) and "1944-02" in events
    svg = html.parse(str(fixture_site / "map.html")).xpath("//svg")[0]
    # a place is named by its label, or (inside the overview's frame of the detail map) by its title
    names = {"".join(a.xpath("string(text[@class='map-label'] | title)")): float(a.xpath("string(circle/@cx)"))
             for a in svg.xpath(".//a")}
    assert "Vladivostok" in names and "Soviet Union" not in names       # no coordinates, no point
    assert names["Moscow"] < names["Vladivostok"], "west is left"


def test_build_is_deterministic(tmp_path):
    one, two = build_web(FIXTURE, tmp_path / "one"), build_web(FIXTURE, tmp_path / "two")
    files = [p.relative_to(one) for p in one.rglob("*") if p.is_file() and "pagefind" not in p.parts]
    assert files and all((one / f).read_bytes() == (two / f).read_bytes() for f in files)


def test_hostile_document_cannot_inject_markup(tmp_path):
    site = build_web(HOSTILE, tmp_path / "web")
    own_scripts = {"static/edition.js", "static/search.js", "search-index.js"}
    for page in _pages(site):
        tree = html.parse(str(page))
        for script in tree.xpath("//script"):
            src = script.get("src") or ""
            assert (page.parent / src).resolve().relative_to(site.resolve()).as_posix() in own_scripts, page
            assert not (script.text or "").strip()
        assert not tree.xpath("//iframe | //img | //object | //embed | //h:*", namespaces={"h": "http://www.w3.org/1999/xhtml"})
        handlers = [(el.tag, a) for el in tree.iter() if isinstance(el.tag, str) for a in el.attrib if a.lower().startswith("on")]
        assert handlers == [], page
        for value in tree.xpath("//@href | //@src | //@action"):
            assert not re.match(r"\s*(javascript|data|vbscript):", value, re.I) or value == "data:,", (page, value)
    doc = html.parse(str(site / "documents/1944-01-01-hostile.html"))
    assert doc.xpath("string(//*[@id='text']//h2)") == '<script>alert("head")</script>'    # text, not markup
    assert doc.xpath("string(//h1)").startswith('<script>alert("title")')
    assert not doc.xpath("//*[@id='text']//a[contains(., 'bad link') or contains(., 'Mr. X')]")
    index = (site / "search-index.js").read_text(encoding="utf-8")
    assert "<" not in index.split("=", 1)[1]


def test_not_a_tei_document_is_a_one_line_error(tmp_path):
    (tmp_path / "tei").mkdir()
    (tmp_path / "tei" / "bad.xml").write_text("<html><body>hi</body></html>", encoding="utf-8")
    with pytest.raises(EditioError, match="not a TEI document"):
        build_web(tmp_path / "tei", tmp_path / "out")
    result = CliRunner().invoke(app, ["build", str(tmp_path / "tei"), "--web", "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "bad.xml" in result.output and "Traceback" not in result.output


def test_refuses_to_overwrite_a_folder_it_did_not_write(tmp_path):
    (tmp_path / "web").mkdir()
    (tmp_path / "web" / "precious.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(EditioError, match="refusing"):
        build_web(FIXTURE, tmp_path / "web")
    assert (tmp_path / "web" / "precious.txt").exists()


def test_pdf_download_offered_only_when_the_print_edition_exists(tmp_path):
    site = build_web(FIXTURE, tmp_path / "build" / "web")
    doc = html.parse(str(site / "documents/1944-06-10-harriman-stalin.html"))
    assert not doc.xpath("//section[@class='downloads']//a[contains(@href, '.pdf')]")
    (tmp_path / "build" / "print").mkdir(parents=True)
    (tmp_path / "build" / "print" / "edition.pdf").write_bytes(b"%PDF-1.5\n%fake\n")
    site = build_web(FIXTURE, tmp_path / "build" / "web")
    doc = html.parse(str(site / "documents/1944-06-10-harriman-stalin.html"))
    assert doc.xpath("//section[@class='downloads']//a/@href")[-1] == "../edition.pdf"
    assert (site / "edition.pdf").read_bytes().startswith(b"%PDF")
    assert broken_links(site) == []


def test_related_documents_link_both_ways_in_the_edition(edition_site):
    linked = {}
    for page in edition_site.glob("documents/*.html"):
        tree = html.parse(str(page))
        linked[page.name] = set(tree.xpath("//dt[.='Related documents']/following-sibling::dd[1]//a/@href"))
    pairs = {(a, b) for a, targets in linked.items() for b in targets}
    assert pairs, "the edition relates at least two documents"
    assert all((b, a) in pairs for a, b in pairs)


def _edition_with_front(tmp_path: Path, introduction: str | None) -> Path:
    """A copy of the fixture edition whose edition.toml names (or does not name) a front-matter file."""
    shutil.copytree(FIXTURE, tmp_path / "tei")
    (tmp_path / "front").mkdir()
    shutil.copy(FRONT, tmp_path / "front" / FRONT.name)
    lines = ["[edition]", 'title = "Test edition"']
    if introduction is not None:
        lines.append(f'introduction = "{introduction}"')
    (tmp_path / "edition.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return tmp_path / "tei"


def test_home_renders_the_front_matter_named_in_edition_toml(tmp_path):
    tei = _edition_with_front(tmp_path, "front/preface.xml")
    site = build_web(tei, tmp_path / "out" / "web")
    front = etree.parse(str(FRONT))
    heads = [" ".join(h.split()) for h in front.xpath("/t:TEI/t:text/t:front/t:div/t:head/text()", namespaces=TEI_NS)]
    home = html.parse(str(site / "index.html"))
    assert [" ".join(h.text_content().split()) for h in home.xpath("//section[contains(@class, 'front-div')]/h2")] == heads
    last = " ".join(front.xpath("string((//t:div[@type='principles']/t:p)[1])", namespaces=TEI_NS).split())
    assert last in " ".join(home.xpath("string(//section[contains(@class, 'type-principles')])").split())
    # inline TEI: a name links to its register entry, a title is cited, italics kept, nested div is h3
    preface = home.xpath("//section[contains(@class, 'type-preface')]")[0]
    assert preface.xpath(".//a[@data-ref='stalin']/@href") == ["register/stalin.html"]
    assert preface.xpath("string(.//cite)") == "Harriman Papers"
    assert preface.xpath("string(.//*[contains(@class, 'rend-italic')])") == "two"
    assert preface.xpath("string(.//h3)") == "Sources"
    # text that looks like markup stays text; only http(s) links are made
    assert not home.xpath("//script[not(@src)]")
    assert '<script>alert("front")</script>' in preface.text_content()
    assert preface.xpath(".//a[contains(@href, 'wilsoncenter')]") and not preface.xpath(".//a[contains(@href, 'javascript')]")
    assert broken_links(site) == []


def test_front_matter_comes_only_from_the_edition(tmp_path):
    """Without an introduction (no key, no editorial/introduction.xml) the home page has none."""
    tei = _edition_with_front(tmp_path, None)
    site = build_web(tei, tmp_path / "out" / "web")
    home = html.parse(str(site / "index.html"))
    assert not home.xpath("//section[contains(@class, 'front-div')]")
    assert not home.xpath("//h2[.='Introduction' or .='Editorial principles' or .='About these papers']")
    assert home.xpath("//ol[@class='doc-list']/li") and home.xpath("//section[@class='reading-guide']")


def test_introduction_key_naming_a_missing_file_is_a_one_line_error(tmp_path):
    tei = _edition_with_front(tmp_path, "front/missing.xml")
    result = CliRunner().invoke(app, ["build", str(tei), "--web", "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "edition.toml" in result.output and "missing.xml" in result.output and "Traceback" not in result.output


def test_print_and_web_find_the_front_matter_through_the_same_key(tmp_path):
    from editio.edition import edition_for
    from editio.pdf import render_tex
    tei = _edition_with_front(tmp_path, "front/preface.xml")
    assert edition_for(tei).introduction.resolve() == (tmp_path / "front" / "preface.xml").resolve()
    assert "About these papers" in render_tex(tei)


def test_the_edition_home_page_shows_its_introduction(edition_site):
    intro = ROOT / "editorial" / "introduction.xml"
    front = etree.parse(str(intro))
    divs = front.xpath("/t:TEI/t:text/t:front/t:div", namespaces=TEI_NS)
    home = html.parse(str(edition_site / "index.html"))
    shown = [" ".join(h.text_content().split()) for h in home.xpath("//section[contains(@class, 'front-div')]/h2")]
    assert shown == [" ".join(d.xpath("string(t:head)", namespaces=TEI_NS).split()) for d in divs]
    first = " ".join(divs[0].xpath("string(t:p[1])", namespaces=TEI_NS).split()).split(". ")[0]
    assert first in " ".join(home.xpath("string(//section[contains(@class, 'front-div')][1])").split())
