"""Imported volumes on the web: each document its page, each person a register page listing their
mentions with links back, the outline on the home page, no page over 1 MB; and an edition that mixes
the flagship's documents with an imported volume, where a person an editor confirmed as the same
has one register page listing mentions from both sources.

The three FRUS volumes are imported once per test process (with test_import_frus.py) and built
once, as one edition.
"""

from __future__ import annotations

import re
import shutil
from collections import Counter
from pathlib import Path

import pytest
from lxml import etree
from typer.testing import CliRunner

from archive_support import FRUS, VOLUMES, imported_volumes
from editio.cli import app

ROOT = Path(__file__).resolve().parent.parent
FIX = Path(__file__).parent / "fixtures" / "archive"
NS = {"t": "http://www.tei-c.org/ns/1.0"}
MB = 1024 * 1024
runner = CliRunner()


def run(*args):
    result = runner.invoke(app, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture(scope="session")
def site():
    """The three volumes, imported once per test process (archive_support.py), built as one edition."""
    if not FRUS.is_dir():
        pytest.skip("../shared/frus is not here")
    base, result, _ = imported_volumes()
    assert result.exit_code == 0, result.output
    run("build", base / "tei", "--web", "--out", base / "build", "--jobs", "2", "--quiet")
    return base


def test_each_document_has_its_page(site):
    pages = {p.stem for p in (site / "build" / "web" / "documents").glob("*.html")}
    for volume, count in VOLUMES.items():
        assert len({p for p in pages if p.startswith(volume + "-")}) == count
    matter = {p for p in pages if "." in p}          # the volumes' own matter: frus1918Russiav03.index
    assert pages - matter == {p.stem for p in (site / "tei").glob("*.xml")}
    assert {p.split(".")[0] for p in matter} == set(VOLUMES)


def test_no_link_of_the_imported_site_is_broken_and_no_id_is_twice_on_a_page(site):
    """Every href and src that stays inside the site names a file and an id that are there: a date
    links to its month's page of the paged timeline, a pointer to a page ("see p. 422") to that page
    break, the contents to the document's division; a facs that names no image file is no link."""
    from lxml import html
    from test_web_build import broken_links
    web = site / "build" / "web"
    assert any(web.glob("timeline-*.html")), "the three volumes' timeline is a page per month"
    assert broken_links(web) == []
    for page in web.rglob("*.html"):
        if "pagefind" not in page.parts:
            ids = html.parse(str(page)).xpath("//@id")
            assert len(ids) == len(set(ids)), (page.name, sorted({i for i in ids if ids.count(i) > 1})[:5])
    # the dates of a document lead to the timeline's month page, where their event is
    doc = html.parse(str(web / "documents" / "frus1894Nicaragua-d10.html"))
    dates = doc.xpath("//a[contains(@class, 'ent-date')]/@href")
    assert dates and all(re.fullmatch(r"\.\./timeline-\d{4}(-\d{2})?\.html#ev-.+", h) for h in dates), dates[:3]


def test_the_volumes_own_matter_is_on_the_site_and_its_pointers_lead_to_the_documents(site):
    """The 1918 volume's back-of-book index, its list of persons and its contents are pages, linked
    from the volume on the home page; an index entry's "see p. N" lands on the document page that
    holds the page break n=N (or, for a page a document begins on, that document's page); a
    pointer that names nothing in the volume is plain text."""
    from lxml import html
    web = site / "build" / "web"
    docs = web / "documents"
    home = html.parse(str(web / "index.html"))
    links = home.xpath("//nav[contains(@class, 'volume-matter-links')]//a[starts-with(@href, 'documents/frus1918')]")
    shown = {a.text_content().strip(): a.get("href") for a in links}
    assert shown["Index"] == "documents/frus1918Russiav03.index.html"
    assert shown["List of Principal Persons"] == "documents/frus1918Russiav03.persons.html"
    index = html.parse(str(docs / "frus1918Russiav03.index.html"))
    assert index.xpath("string(//h1)") == "Index"
    text = index.xpath("string(//div[@id='text'])")
    assert "Advisory Commission of Railway Experts to Russia" in text and "Trans-Siberian Railway" in text
    outline = etree.parse(str(site / "tei" / "outline" / "frus1918Russiav03.xml"))
    pointers = outline.xpath("//t:back//t:ref[starts-with(@target, '#pg_')]", namespaces=NS)
    page_links = [a for a in index.xpath("//a[@href]") if re.fullmatch(r"frus1918Russiav03-d\d+\.html(#pg_.+)?", a.get("href"))]
    assert len(page_links) > 2000
    pages: dict[str, tuple] = {}
    for a in page_links:
        name, _, anchor = a.get("href").partition("#")
        if name not in pages:
            page = html.parse(str(docs / name))
            pages[name] = (set(page.xpath("//@id")), page.xpath("//*[@id]/@id"))
        ids, _ = pages[name]
        number = re.sub(r"n$", "", a.text_content().strip())   # "35n": a footnote on p. 35
        if anchor:
            assert anchor in ids and anchor == f"pg_{number}", (number, a.get("href"))
        elif number.isdigit():
            # a page break the document's page shows without an anchor (in a table): the document
            # holding it; one between documents: the first document after it
            held = etree.parse(str(site / "tei" / name.replace(".html", ".xml"))).xpath(
                f"//t:pb[@xml:id='pg_{number}']", namespaces=NS)
            units = outline.xpath(f"//t:pb[@xml:id='pg_{number}']/following::t:divGen[1]/@corresp", namespaces=NS)
            assert held or (units and Path(units[0]).stem == name[:-5]), (number, name)
    # "arrival, 192" (Advisory Commission …): p. 192 begins with a document, whose page it opens
    arrival = [a for a in page_links if a.text_content().strip() == "192"]
    assert arrival and {a.get("href") for a in arrival} == {"frus1918Russiav03-d" + Path(
        outline.xpath("//t:pb[@xml:id='pg_192']/following::t:divGen[1]/@corresp", namespaces=NS)[0]).stem.split("-d")[1] + ".html"}
    anchored = [a.get("href") for a in page_links if "#" in a.get("href")]
    assert len(anchored) > 1500
    name, anchor = anchored[0].split("#")
    assert etree.parse(str(site / "tei" / name.replace(".html", ".xml"))).xpath(f"//t:pb[@xml:id='{anchor}']", namespaces=NS)
    # pointers that name nothing ("#in47") are no links, and their words are there
    dangling = [r for r in outline.xpath("//t:back//t:ref[@target='#in47']", namespaces=NS)]
    assert dangling
    assert not index.xpath("//a[@href='#in47' or contains(@href, 'in47')]")
    assert " ".join(dangling[0].xpath("string()").split()) in " ".join(text.split())
    assert len(pointers) > 2000


def entry_pages(web, entry: str) -> str:
    """An entry's register page and the further pages its pager links to, in order, as one text."""
    first = (web / "register" / f"{entry}.html").read_text(encoding="utf-8")
    further = dict.fromkeys(re.findall(rf'<a href="({re.escape(entry)}~\d+\.html)"', first))
    return "".join([first] + [(web / "register" / name).read_text(encoding="utf-8") for name in further])


def test_each_person_page_lists_the_mentions_with_links_back(site):
    web = site / "build" / "web"
    tei = site / "tei"
    expected = Counter()
    for path in tei.glob("frus1918Russiav03-*.xml"):
        for el in etree.parse(str(path)).iterfind("t:text//t:persName[@ref]", NS):
            expected[el.get("ref").split("#")[1]] += 1
    reg = etree.parse(str(tei / "register" / "frus1918Russiav03.xml"))
    persons = [p.get("{http://www.w3.org/XML/1998/namespace}id") for p in reg.iterfind(".//t:person", NS)]
    assert len(persons) == 88
    anchors: dict[str, set[str]] = {}
    listed = Counter()
    for person in persons:
        page = entry_pages(web, person)
        for doc, anchor in re.findall(r'class="mention-link" href="\.\./documents/([^"#]+)\.html#([^"]+)"', page):
            if doc not in anchors:
                html = (web / "documents" / f"{doc}.html").read_text(encoding="utf-8")
                anchors[doc] = set(re.findall(r'\bid="([^"]+)"', html))
            assert anchor in anchors[doc], (person, doc, anchor)     # the link lands on the mention
            listed[person] += 1
    assert listed == expected
    assert sum(listed.values()) == 1852    # of the 2,155 pointers; the other 303 are in the front and back matter


def test_home_page_groups_by_the_volumes_outline(site):
    home = (site / "build" / "web" / "index.html").read_text(encoding="utf-8")
    summaries = re.findall(r"<summary>(.*?) <span", home)
    assert "Papers Relating to the Foreign Relations of the United States, 1918, Russia, Volume III" in summaries
    first = summaries.index("Russia Economic Relations")
    assert summaries[first + 1].startswith("Chapter I.") and summaries[first + 2].startswith("Offer of a credit")
    assert home.count('class="doc-row"') == sum(VOLUMES.values())


def test_the_order_from_briefs_is_the_outline_the_home_page_shows():
    """outline.order (from the briefs, no records) lists the documents as the sections that
    outline.group builds list them, with the same counts: loose documents first, divisions by
    sortKey (those without one first, then as they first come), a division's own documents before
    its subdivisions'."""
    import random
    from types import SimpleNamespace as Item
    from editio.archive import outline
    for seed in range(5):
        _compare_orders(random.Random(seed), Item, outline)


def _compare_orders(rng, Item, outline) -> None:
    divisions = [("volume", "v1", ""), ("volume", "v2", "b")]
    divisions += [("chapter", f"c{k}", rng.choice(["", "a", "b", "c"])) for k in range(6)]
    records, items = [], []
    for n in range(300):
        depth = rng.choice([0, 1, 2, 3])
        path = [rng.choice(divisions[:2])] + [rng.choice(divisions[2:]) for _ in range(depth - 1)] if depth else []
        path = [(t, i, o if rng.random() > 0.1 else "z") for t, i, o in path]     # a few orders that disagree
        records.append(Item(id=f"d{n}", part_of=[Item(type=t, id=i, head=i, order=o) for t, i, o in path]))
        items.append((f"d{n}", path))
    loose, sections = outline.group(records)
    shown, counts = [r.id for r in loose], {}

    def walk(section):
        counts[section.path] = section.count
        shown.extend(r.id for r in section.documents)
        for child in section.children:
            walk(child)
    for section in sections:
        walk(section)
    ordered, totals, paths, places = outline.order(items)
    assert (ordered, totals) == (shown, counts)
    assert all(paths[r.id] == [tuple((d.type, d.id) for d in r.part_of[:k + 1]) for k in range(len(r.part_of))]
               for r in records)
    # a page renders its share (in that order) as group() and sort_like() make it: the pages joined
    # list the documents as order() cut them
    by_id = {r.id: r for r in records}
    rendered = []
    for k in range(0, len(ordered), 40):
        loose, sections = outline.group([by_id[i] for i in ordered[k:k + 40]])
        outline.sort_like(sections, places)
        rendered += [r.id for r in loose]

        def render(section):
            rendered.extend(r.id for r in section.documents)
            for child in section.children:
                render(child)
        for section in sections:
            render(section)
    assert rendered == ordered


def test_a_long_home_list_goes_on_over_pages_by_the_outline(tmp_path, monkeypatch):
    """Beyond HOME_DOCS documents the home list goes on in index-2.html …: each page holds its share
    in the one long page's order, under the headings of the divisions they belong to, with each
    division's count in the whole edition."""
    if not FRUS.is_dir():
        pytest.skip("../shared/frus is not here")
    from lxml import html
    from editio.builders import web as web_builder
    run("import", FRUS / "frus1894Nicaragua.xml", "--out", tmp_path / "tei")
    run("build", tmp_path / "tei", "--web", "--out", tmp_path / "one", "--jobs", "1", "--quiet")
    monkeypatch.setattr(web_builder, "HOME_DOCS", 50)
    run("build", tmp_path / "tei", "--web", "--out", tmp_path / "paged", "--jobs", "1", "--quiet")
    rows = "//li[@class='doc-row']//a/@href"
    single = html.parse(str(tmp_path / "one" / "web" / "index.html"))
    names = ["index.html", "index-2.html", "index-3.html"]
    pages = [html.parse(str(tmp_path / "paged" / "web" / name)) for name in names]
    assert not (tmp_path / "paged" / "web" / "index-4.html").exists()
    assert [h for page in pages for h in page.xpath(rows)] == single.xpath(rows)
    assert len(single.xpath(rows)) == VOLUMES["frus1894Nicaragua"] and [len(p.xpath(rows)) for p in pages] == [50, 50, 38]
    for number, page in enumerate(pages, start=1):
        assert page.xpath("//nav[@class='pager']//a/@href") == [n for n in names if n != names[number - 1]] * 2
    # a division that goes on over pages is headed on each, with its count in the whole edition
    whole = {s.xpath("string(text())").strip(): int(re.search(r"\d+", s.xpath("string(span)")).group())
             for s in single.xpath("//summary")}
    split = [s for page in pages for s in page.xpath("//summary") if "on this page" in s.xpath("string(span)")]
    assert split
    for summary in split:
        head = summary.xpath("string(text())").strip()
        shown, total = map(int, re.findall(r"\d+", summary.xpath("string(span)")))
        assert total == whole[head] and shown < total
    assert pages[0].xpath("//h2[@id='reading-h']") and not pages[2].xpath("//h2[@id='reading-h']")


def test_no_page_weighs_more_than_1_mb(site):
    pages = list((site / "build" / "web").rglob("*.html"))
    assert len(pages) > 1200
    heavy = [(p.name, p.stat().st_size) for p in pages if p.stat().st_size > MB]
    assert heavy == []


@pytest.fixture
def mixed(tmp_path):
    """The flagship's five documents and register, the Quebec volume in miniature, one confirmation."""
    tei = tmp_path / "tei"
    (tei / "register").mkdir(parents=True)
    for path in (ROOT / "tei").glob("*.xml"):
        shutil.copy(path, tei / path.name)
    shutil.copy(ROOT / "tei" / "register" / "register.xml", tei / "register" / "register.xml")
    run("import", FIX / "frus1944Quebec-mini.xml", "--out", tei)
    (tmp_path / "editorial").mkdir()
    (tmp_path / "editorial" / "same-as.toml").write_text(
        '[[same]]\nentries = ["harriman", "frus1944Quebec-p_HWA1"]\n', encoding="utf-8")
    (tmp_path / "edition.toml").write_text('[edition]\ntitle = "Mixed"\nsame_as = "editorial/same-as.toml"\n',
                                           encoding="utf-8")
    return tmp_path


def test_mixed_edition_one_register_page_for_a_confirmed_person(mixed):
    run("build", "--edition", mixed, "--web", "--out", mixed / "build", "--jobs", "1", "--quiet")
    web = mixed / "build" / "web"
    pages = {p.stem for p in (web / "documents").glob("*.html")}
    assert {"1944-06-10-harriman-stalin", "frus1944Quebec-d900", "frus1944Quebec-d114"} <= pages
    harriman = (web / "register" / "harriman.html").read_text(encoding="utf-8")
    docs = set(re.findall(r'class="mention-link" href="\.\./documents/([^"#]+)\.html#', harriman))
    assert "frus1944Quebec-d900" in docs and any(d.startswith("1944-") for d in docs)
    assert "Harriman, W. Averell" in harriman                     # the volume's name form, as another name
    folded = (web / "register" / "frus1944Quebec-p_HWA1.html").read_text(encoding="utf-8")
    assert 'href="harriman.html"' in folded and "mention-link" not in folded
    persons = (web / "register" / "persons.html").read_text(encoding="utf-8")
    assert "frus1944Quebec-p_HWA1.html" not in persons and "harriman.html" in persons
    roosevelt = (web / "register" / "frus1944Quebec-p_RFD1.html").read_text(encoding="utf-8")
    assert "frus1944Quebec-d900" in roosevelt                     # not confirmed: stays its own entry


def test_a_pointer_to_another_document_links_its_page(site):
    d2 = (site / "build" / "web" / "documents" / "frus1894Nicaragua-d2.html").read_text(encoding="utf-8")
    assert '<a href="frus1894Nicaragua-d1.html">No. 1</a>' in d2


def test_search_filters_by_year_and_by_the_volumes_persons(site):
    search_page = (site / "build" / "web" / "search.html").read_text(encoding="utf-8")
    assert "Francis, David R." in search_page                # a person of the 1918 volume's list
    assert all(f'value="{year}"' in search_page for year in ("1894", "1917", "1918", "1936"))


def test_the_print_edition_keeps_every_word_in_a_numbered_paragraph(tmp_path):
    r"""The imported volumes as LaTeX, and a volume as it is (one document, not imported): every
    word, footnote and page break inside a reledmac paragraph, and no paragraph inside another
    (tests/texcheck.py).  Before, list labels ("2.") and a volume's title page and frus:attachment
    stood between paragraphs, and a list or a quoted paragraph inside a paragraph opened a second
    \pstart inside the first: XeLaTeX stops at either."""
    if not FRUS.is_dir():
        pytest.skip("../shared/frus is not here")
    from editio.pdf import render_tex
    from texcheck import outside_paragraphs
    base, result, _ = imported_volumes()
    assert result.exit_code == 0, result.output
    tex = render_tex(base / "tei")
    assert tex.count("\\pstart") > 10_000
    assert outside_paragraphs(tex) == []
    whole = tmp_path / "tei"
    whole.mkdir()
    shutil.copy(FRUS / "frus1918Russiav03.xml", whole)
    tex = render_tex(whole)
    assert "RUSSIA" in tex and tex.count("\\edtext") > 500
    assert outside_paragraphs(tex) == []
    # every page break of the text printed once (margin or inline), none twice, none lost (those
    # before a list's label and before the title page, behind its picture, were lost)
    printed = Counter(re.findall(r"\\edpb(?:margin)?\{p\.\\,((?:[^{}]|\{[^{}]*\})*)\}", tex))
    root = etree.parse(str(whole / "frus1918Russiav03.xml")).getroot()
    pages = Counter((pb.get("n") or "").replace("[", "{[}").replace("]", "{]}")
                    for pb in root.find("t:text", {"t": "http://www.tei-c.org/ns/1.0"}).iter("{http://www.tei-c.org/ns/1.0}pb"))
    assert not {n for n, k in printed.items() if k > pages[n]}
    assert printed == pages
