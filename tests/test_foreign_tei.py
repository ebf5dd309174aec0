"""Other people's TEI (tests/fixtures/foreign/, see its README for sources and licences), built as a
user would: every word on the page in order, verse as numbered lines, speeches with their speakers,
every witness readable, nothing dropped; print renders and typesets."""

from __future__ import annotations

import re
import shutil
from copy import deepcopy
import subprocess
from pathlib import Path

import pytest
from lxml import etree, html
from typer.testing import CliRunner

from editio.cli import app
from editio.pdf import render_tex
from editio.web import build_web

from foreign_text import FILES, element_words, first_missing, page_words, tei_words
from texcheck import outside_paragraphs

TEI = "http://www.tei-c.org/ns/1.0"
NS = {"t": TEI}


def words(el) -> str:
    return " ".join("".join(el.itertext()).split())


def edition_of(tmp: Path, source: Path) -> Path:
    """A folder holding just this file, as a user's tei/ would."""
    tei = tmp / "tei"
    tei.mkdir(parents=True)
    shutil.copy(source, tei / source.name)
    return tei


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """name -> (TEI root, built page); each file is its own edition."""
    out = {}
    for name, source in FILES.items():
        tmp = tmp_path_factory.mktemp(name)
        site = build_web(edition_of(tmp, source), tmp / "web")
        page = html.parse(str(site / "documents" / f"{source.stem}.html"))
        out[name] = (etree.parse(str(source)).getroot(), page, site)
    return out


@pytest.mark.parametrize("name", FILES)
@pytest.mark.parametrize("part", ["text", "notes", "apparatus"])
def test_every_word_of_the_text_is_on_the_page_in_order(built, name, part):
    root, page, _ = built[name]
    expected = tei_words(root, part)
    if part == "text":
        assert expected, "the fixture has a text"
        shown = page_words(page)
    elif part == "notes":
        shown = page_words(page, furniture=True, where="//section[@class='footnotes']")
    else:
        shown = page_words(page, furniture=True)
    missing = first_missing(expected, shown)
    assert missing is None, f"word {missing[0]} ({missing[1]!r}) of the {part} is missing or out of order: " \
                            f"…{' '.join(expected[max(0, missing[0] - 6):missing[0] + 1])}"


def test_verse_lines_are_separate_lines_carrying_their_numbers(built):
    root, page, _ = built["virgil"]
    tei_lines = root.findall(".//t:text//t:l", NS)
    lines = page.xpath("//*[@id='text']//div[contains(concat(' ', @class, ' '), ' tei-l ')]")
    assert len(lines) == len(tei_lines) == 830
    for tei_line, line in zip(tei_lines, lines):
        assert line.get("data-n") == tei_line.get("n")
        assert " ".join(line.xpath("string(span[@class='l-text'])").split()) == words(tei_line)
        shown = line.xpath("string(span[@class='l-n'])")
        assert shown == (tei_line.get("n") if int(tei_line.get("n")) % 5 == 0 else "")
    # each poem counts from 1 again: the page shows 5 once per poem that long
    assert sum(1 for line in lines if line.xpath("string(span[@class='l-n'])") == "5") == 10


def test_verse_without_numbers_is_counted(tmp_path):
    src = FILES["virgil"].read_text(encoding="utf-8")
    src = re.sub(r'<l n="\d+">', "<l>", src)
    tei = tmp_path / "tei"
    tei.mkdir()
    (tei / "eclogues.xml").write_text(src, encoding="utf-8")
    page = html.parse(str(build_web(tei, tmp_path / "web") / "documents" / "eclogues.html"))
    first_poem = page.xpath("(//section[contains(@class, 'div-textpart')])[1]//div[contains(@class, 'tei-l')]")
    assert [line.get("data-n") for line in first_poem] == [str(n) for n in range(1, len(first_poem) + 1)]
    assert [line.xpath("string(span[@class='l-n'])") for line in first_poem][4] == "5"


@pytest.mark.parametrize("name", ["virgil", "chekhov", "sejni"])
def test_each_speech_is_labelled_with_its_speaker(built, name):
    root, page, _ = built[name]
    speeches = root.findall(".//t:text//t:sp", NS)
    shown = page.xpath("//*[@id='text']//div[@class='tei-sp' or starts-with(@class, 'tei-sp ')]")
    assert len(shown) == len(speeches) > 0
    for sp, div in zip(speeches, shown):
        speaker = sp.find("t:speaker", NS)
        label = div.xpath("p[contains(concat(' ', @class, ' '), ' speaker ')]")
        assert label, f"speech {words(sp)[:40]!r} has no speaker label"
        assert " ".join(label[0].text_content().split()) == words(speaker)
        # the speech's own words follow its label, in the same block
        assert words(sp).endswith(" ".join(div.xpath("string(*[last()])").split())[-20:])


def test_speakers_link_to_the_cast_through_who(built):
    root, page, _ = built["chekhov"]
    persons = {p.get("{http://www.w3.org/XML/1998/namespace}id"): words(p.find("t:persName", NS))
               for p in root.findall(".//t:particDesc//t:person", NS)}
    speeches = page.xpath("//div[@class='tei-sp'][@data-who]")
    assert speeches
    for div in speeches:
        who = div.get("data-who")
        assert who in persons
        label = div.xpath("p[contains(@class, 'speaker')]")[0]
        # the speaker's written label keeps the text; its title names the person when they differ
        assert label.get("title") in (None, persons[who])


def test_stage_directions_stand_apart(built):
    root, page, _ = built["chekhov"]
    blocks = page.xpath("//*[@id='text']//p[contains(concat(' ', @class, ' '), ' tei-stage ')]")
    inline = page.xpath("//*[@id='text']//span[contains(@class, 'tei-stage')]")
    assert len(blocks) + len(inline) == len(root.findall(".//t:text//t:stage", NS))
    assert len(blocks) > 50


def test_every_witness_appears_with_its_siglum_and_the_switch_reads_each(built):
    root, page, _ = built["amphilochius"]
    sigla = [words(w.find("t:abbr", NS)) for w in root.findall(".//t:listWit//t:witness", NS)]
    assert sigla == ["Ps", "La", "Vi", "Pg"]
    switch = page.xpath("//input[@name='witness']/@value")
    assert switch == sigla
    apps = page.xpath("//*[@id='text']//span[starts-with(@class, 'app ')]")
    tei_apps = root.findall(".//t:text//t:app", NS)
    assert len(apps) == len(tei_apps)
    for tei_app, app_ in zip(tei_apps, apps):
        readings = app_.xpath("span[contains(concat(' ', @class, ' '), ' rdg ')]")
        for siglum in sigla + ["*"]:
            named = [r for r in readings if siglum in r.get("data-wit").split()]
            tei_named = tei_app.xpath(".//t:lem | .//t:rdg", namespaces=NS)
            # reading witness S shows exactly one reading of this entry, S's own (or the lemma it agrees with)
            assert len(named) <= 1, (siglum, [r.get("data-wit") for r in readings])
            if any(f"#{siglum}" in (r.get("wit") or "").split() for r in tei_named):
                assert named, f"witness {siglum} cannot be read at entry {words(tei_app)[:30]!r}"
                # of a witness's several states (@varSeq), it reads its last
                mine = max((r for r in tei_named if f"#{siglum}" in (r.get("wit") or "").split()),
                           key=lambda r: int(r.get("varSeq") or 0))
                assert "".join(element_words(named[0])) == "".join(words(mine).split())
        # the lemma is what the page shows first
        current = [r for r in readings if "rdg-current" in r.get("class")]
        assert len(current) == 1
    # the entry of a reading without witnesses (a conjecture) gives its source
    panel = " ".join(page.xpath("string(//span[@class='app-panel'][.//span[@class='siglum'][contains(., 'Migne')]])").split())
    assert "Migne conj." in panel


def test_generic_elements_are_counted_in_the_warning_and_keep_their_words(tmp_path):
    src = FILES["schnitzler"].read_text(encoding="utf-8").replace(
        "<salute>", '<vg:letDesc xmlns:vg="http://www.vangoghletters.org/ns/">Brief <vg:pcDesc>mit Umschlag</vg:pcDesc>'
                    "</vg:letDesc><salute>", 1)
    tei = tmp_path / "tei"
    tei.mkdir()
    (tei / "letter.xml").write_text(src, encoding="utf-8")
    result = CliRunner().invoke(app, ["build", str(tei), "--web", "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "2 elements of 2 kinds rendered generically: vg:letDesc (1), vg:pcDesc (1)" in result.output
    page = html.parse(str(tmp_path / "out" / "web" / "documents" / "letter.html"))
    generic = page.xpath("//*[@data-generic='vg:letDesc']")
    assert generic and "ns-vg-letDesc" in generic[0].get("class")
    assert " ".join(generic[0].text_content().split()) == "Brief mit Umschlag"


def test_known_elements_are_not_generic(built):
    for name in ("virgil", "chekhov", "schnitzler", "amphilochius", "grundbuch"):
        _, page, _ = built[name]
        assert page.xpath("//*[@data-generic]/@data-generic") == [], name


def test_highlighting_from_rend_reaches_the_page(built):
    _, page, _ = built["schnitzler"]
    assert page.xpath("//span[contains(@class, 'rend-latintype')][contains(@class, 's-italic')]")
    _, page, _ = built["grundbuch"]
    assert page.xpath("//span[contains(@class, 'rend-super')][contains(@class, 's-sup')]")


def test_pointers_into_a_register_in_the_back_are_links_on_the_page(built):
    root, page, _ = built["schnitzler"]
    links = page.xpath("//*[@id='text']//a[starts-with(@href, '#pmb')]")
    assert links
    ids = set(page.xpath("//@id"))
    for a in links:
        assert a.get("href")[1:] in ids
    # the back's persons and places are on the page as entries
    assert len(page.xpath("//section[@class='tei-listPerson']//li")) == len(root.findall(".//t:back//t:person", NS))


def test_nested_divisions_get_a_table_of_contents(built):
    root, page, _ = built["virgil"]
    toc = page.xpath("//nav[@class='toc']//a")
    heads = root.findall(".//t:text//t:div/t:head", NS)
    assert [" ".join(a.text_content().split()) for a in toc] == [words(h) for h in heads]
    ids = set(page.xpath("//@id"))
    assert all(a.get("href")[1:] in ids for a in toc)


@pytest.mark.parametrize("name", FILES)
def test_print_renders_every_file(tmp_path, name):
    tex = render_tex(edition_of(tmp_path, FILES[name]))
    body = tex[tex.index("\\beginnumbering"):tex.index("\\endnumbering")]
    assert body.count("\\pstart") == body.count("\\pend")
    # every word in a numbered paragraph: title pages (docTitle/titlePart) were typeset outside
    assert outside_paragraphs(tex) == []


def _typeset(tmp_path, name) -> str:
    if not shutil.which("xelatex") or not shutil.which("pdftotext"):
        pytest.skip("XeLaTeX and pdftotext are not installed (make test installs them)")
    result = CliRunner().invoke(app, ["build", str(edition_of(tmp_path, FILES[name])), "--print",
                                      "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    return subprocess.run(["pdftotext", "-layout", str(tmp_path / "out" / "print" / "edition.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout


@pytest.mark.tex
def test_pdf_of_verse_numbers_its_lines_as_verse(tmp_path):
    text = _typeset(tmp_path, "virgil")
    root = etree.parse(str(FILES["virgil"])).getroot()
    lines = {}
    for line in root.findall(".//t:text//t:l", NS):
        lines.setdefault(words(line)[:40], set()).add(line.get("n"))   # a refrain recurs
    numbered = 0
    for row in text.splitlines():
        m = re.match(r"^\s*(\d+)\s{2,}(\S.*)$", row) or re.match(r"^(\S.*?)\s{3,}(\d+)\s*$", row)
        if not m:
            continue
        number, verse = (m.group(1), m.group(2)) if m.group(1).isdigit() else (m.group(2), m.group(1))
        key = " ".join(verse.split())[:40]
        if key in lines:
            assert number in lines[key], f"line {key!r} is numbered {number}, its @n is {lines[key]}"
            numbered += 1
    # every fifth of 830 lines, less a few whose number falls on a line shared with a running head
    assert numbered > 150


@pytest.mark.tex
def test_pdf_of_a_play_shows_speakers(tmp_path):
    text = " ".join(_typeset(tmp_path, "chekhov").split())
    root = etree.parse(str(FILES["chekhov"])).getroot()
    speakers = {words(s) for s in root.findall(".//t:text//t:speaker", NS)}
    for speaker in speakers:
        assert speaker in text
    first = root.find(".//t:text//t:sp", NS)
    # the speaker's name stands before the speech
    assert f"{words(first.find('t:speaker', NS))} {words(first.find('t:p', NS)).split()[0]}" in text


def test_a_user_stylesheet_given_with_xslt_overrides_one_template(tmp_path):
    tei = edition_of(tmp_path, FILES["chekhov"])
    mine = tmp_path / "my.xsl"
    mine.write_text("""<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
      xmlns:tei="http://www.tei-c.org/ns/1.0">
  <xsl:import href="editio:web/document.xsl"/>
  <xsl:template match="tei:speaker"><h3 class="my-speaker"><xsl:apply-templates/></h3></xsl:template>
</xsl:stylesheet>""", encoding="utf-8")
    result = CliRunner().invoke(app, ["build", str(tei), "--web", "--xslt", str(mine), "--out", str(tmp_path / "a")])
    assert result.exit_code == 0, result.output
    page = html.parse(str(tmp_path / "a" / "web" / "documents" / "chekhov-medved.html"))
    assert len(page.xpath("//h3[@class='my-speaker']")) == 153
    assert page.xpath("//p[contains(@class, 'tei-stage')]")          # the rest is editio's
    # the same from edition.toml
    (tmp_path / "edition.toml").write_text('[web]\nxslt = "my.xsl"\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["build", str(tei), "--web", "--out", str(tmp_path / "b")])
    assert result.exit_code == 0, result.output
    page = html.parse(str(tmp_path / "b" / "web" / "documents" / "chekhov-medved.html"))
    assert len(page.xpath("//h3[@class='my-speaker']")) == 153


def test_a_stylesheet_that_imports_neither_output_is_refused(tmp_path):
    tei = edition_of(tmp_path, FILES["chekhov"])
    mine = tmp_path / "my.xsl"
    mine.write_text('<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"/>')
    result = CliRunner().invoke(app, ["build", str(tei), "--web", "--xslt", str(mine), "--out", str(tmp_path / "a")])
    assert result.exit_code == 2
    assert "must import editio's own" in result.output and "my.xsl" in result.output


STRUCTURE = Path(__file__).parent / "fixtures" / "layers" / "structure"


@pytest.fixture(scope="module")
def structure_site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("structure")
    shutil.copytree(STRUCTURE, tmp / "tei")
    return build_web(tmp / "tei", tmp / "web")


def test_a_file_without_body_or_with_an_empty_text_is_built(structure_site, tmp_path):
    for name in ("nobody", "empty"):
        assert (structure_site / "documents" / f"{name}.html").is_file()
    page = html.parse(str(structure_site / "documents" / "nobody.html"))
    assert "Only front." in page.xpath("string(//*[@id='text'])")
    tex = render_tex(shutil.copytree(STRUCTURE, tmp_path / "tei"))
    assert "This document has no text." in tex


def test_groups_of_texts_letters_tables_figures_and_lists(structure_site):
    page = html.parse(str(structure_site / "documents" / "group.html"))
    text = page.xpath("//*[@id='text']")[0]
    assert len(text.xpath(".//article[@class='tei-text-part' or starts-with(@class, 'tei-text-part')]")) == 2
    # an internal pointer is a link to its target on the page
    link = text.xpath(".//a[@class='int']")[0]
    assert link.get("href") == "#two" and text.xpath(".//*[@id='two']")
    assert text.xpath("string(.//div[contains(@class, 'tei-opener')]/div[contains(@class, 'tei-salute')])") == "Dear X,"
    assert text.xpath(".//div[contains(@class, 'tei-postscript')]")
    assert text.xpath(".//table/caption/text()") == ["T"] and text.xpath(".//table//th/text()") == ["h"]
    # the figure's image is not beside the TEI: no broken image, its description stays
    assert not text.xpath(".//figure/img") and text.xpath("string(.//figure/figcaption)").strip() == "A picture"
    assert text.xpath(".//dl/dt/text()") == ["L"] and text.xpath(".//dl/dd/text()") == ["I"]
    assert text.xpath(".//div[contains(@class, 'tei-l')][2]/@class")[0].split()[1] == "indent-1"
    # a line break inside a word joins it; styles from @rend and @rendition
    assert "xy" in " ".join(element_words(text))
    assert text.xpath(".//span[contains(@class, 's-bold')]/text()") == ["b"]
    assert text.xpath(".//span[contains(@class, 's-smallcaps')]/text()") == ["s"]
    assert "[lost, 3 lines]" in text.text_content()


GROUP_NOTES = ('<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="g"><teiHeader><fileDesc><titleStmt><title>Letters</title>'
               '</titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><listWit><witness xml:id="A">A</witness>'
               '<witness xml:id="B">B</witness></listWit></sourceDesc></fileDesc></teiHeader><text><front><p>Front'
               '<note>front note</note></p></front><group>'
               + "".join(f'<text><body><pb n="{k}"/><p>Letter {k}<note>note of letter {k}</note> reads '
                         f'<app><lem wit="#A">x{k}</lem><rdg wit="#B">y{k}</rdg></app>.<pb n="{k}v"/> More.</p></body></text>'
                         for k in (1, 2, 3))
               + '</group><back><p>Back<note>back note</note></p></back></text></TEI>')


def test_in_a_group_of_texts_every_note_page_break_and_reading_has_its_own_id(tmp_path):
    """Each text of a group numbers its notes, page breaks and readings again from 1 (as xsl:number
    from="tei:text" counts them); their ids name the text too, so a page of three letters has three
    first notes, each linked to its own mark."""
    tei = tmp_path / "tei"
    tei.mkdir()
    (tei / "g.xml").write_text(GROUP_NOTES, encoding="utf-8")
    site = build_web(tei, tmp_path / "web")
    from test_web_build import broken_links
    assert broken_links(site) == []
    page = html.parse(str(site / "documents" / "g.xml".replace(".xml", ".html")))
    ids = page.xpath("//@id")
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
    refs = page.xpath("//a[@role='doc-noteref']")
    assert len(refs) == 5
    for ref in refs:  # the mark leads to its note, and the note back to its mark
        note = page.xpath("//*[@id=$i]", i=ref.get("href")[1:])
        assert len(note) == 1 and note[0].xpath(".//a[@href=$h]", h="#" + ref.get("id")), ref.get("href")
    texts = [" ".join(page.xpath("string(//*[@id=$i])", i=r.get("href")[1:]).split()) for r in refs]
    assert [next(w for w in ("front", "letter 1", "letter 2", "letter 3", "back") if w in t) for t in texts] \
        == ["front", "letter 1", "letter 2", "letter 3", "back"]
    # the apparatus entries and page breaks of the three letters are three each, with their own ids
    assert len({a.get("id") for a in page.xpath("//span[contains(@class, 'app ')]")}) == 3
    assert len({p.get("id") for p in page.xpath("//span[@class='pb'][@id]")}) == 6


def test_local_page_images_stand_beside_the_text(tmp_path):
    from foreign_text import png
    source = FILES["grundbuch"]
    tei = edition_of(tmp_path, source)
    image = etree.parse(str(source)).getroot().find(".//t:facsimile/t:graphic", NS).get("url")
    (tei / image).write_bytes(png())
    site = build_web(tei, tmp_path / "web")
    page = html.parse(str(site / "documents" / f"{source.stem}.html"))
    img = page.xpath("//*[@id='text']//span[@class='facs-page']/a/img")
    assert [i.get("src") for i in img] == [image]
    assert (site / "documents" / image).read_bytes() == (tei / image).read_bytes()
    # an image that is not there is neither shown nor copied; one outside the folder is never read
    (tei / image).unlink()
    src = source.read_text(encoding="utf-8").replace(f'url="{image}"', 'url="../secret.png"')
    (tei / source.name).write_text(src, encoding="utf-8")
    (tmp_path / "secret.png").write_bytes(png())
    site = build_web(tei, tmp_path / "web2")
    page = html.parse(str(site / "documents" / f"{source.stem}.html"))
    assert not page.xpath("//img") and not list(site.rglob("*.png"))


def test_a_location_referenced_apparatus_in_the_back_points_into_the_text(structure_site):
    page = html.parse(str(structure_site / "documents" / "group.html"))
    entry = page.xpath("//section[@class='tei-listApp']//li[@class='app-entry']")[0]
    assert entry.xpath("string(.//a/@href)") == "#s1" and page.xpath("//*[@id='s1']")
    text = " ".join(entry.text_content().split())
    assert "lem. marked passage" in text and "X marked place" in text and "a note in the entry" in text
    # its note is in the entry, not a footnote without a mark in the text
    assert "a note in the entry" not in page.xpath("string(//section[@class='footnotes'])")
    assert page.xpath("//span[contains(@class, 'note-block')]/span[@class='note-label']/text()") == ["Margin note"]


def test_one_site_of_every_foreign_file_has_no_broken_link_and_no_duplicate_id(tmp_path):
    from test_web_build import broken_links
    tei = tmp_path / "tei"
    tei.mkdir()
    for source in FILES.values():
        shutil.copy(source, tei / source.name)
    site = build_web(tei, tmp_path / "web")
    assert broken_links(site) == []
    for page in site.rglob("*.html"):
        if "pagefind" in page.parts:
            continue
        ids = html.parse(str(page)).xpath("//@id")
        assert len(ids) == len(set(ids)), (page.name, sorted({i for i in ids if ids.count(i) > 1})[:5])


def test_a_page_without_a_date_shows_no_empty_date(built):
    _, page, _ = built["grundbuch"]          # its header has no date
    assert "()" not in page.xpath("string(//title)")
    assert not page.xpath("//p[@class='doc-kicker']") or page.xpath("string(//p[@class='doc-kicker'])").strip()
    for name in FILES:
        assert not built[name][1].xpath("//time[@datetime='']"), name


def test_speakers_and_listed_persons_link_to_their_register_pages(built):
    root, page, site = built["chekhov"]
    links = page.xpath("//p[contains(@class, 'speaker')]/a[contains(@class, 'speaker-link')]")
    assert len(links) == len(root.findall(".//t:text//t:sp[@who]", NS))
    for a in links:
        target = site / "documents" / a.get("href")
        assert target.resolve().is_file(), a.get("href")
    # a person the letter lists in its back, named in the text: the register page of that entry
    root, page, site = built["schnitzler"]
    person = page.xpath("//*[@id='text']//a[contains(@class, 'ent-person')][contains(@href, 'L02119.pmb')]")
    assert person and all((site / "documents" / a.get("href")).resolve().is_file() for a in person)


@pytest.mark.tex
def test_a_print_stylesheet_given_with_xslt_goes_to_the_print_edition(tmp_path):
    if not shutil.which("xelatex"):
        pytest.skip("XeLaTeX is not installed (make test installs it)")
    tei = edition_of(tmp_path, FILES["chekhov"])
    mine = tmp_path / "my-print.xsl"
    mine.write_text("""<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
      xmlns:tei="http://www.tei-c.org/ns/1.0">
  <xsl:import href="editio:print/edition.xsl"/>
  <xsl:template match="tei:speaker">
    <xsl:call-template name="pstart"/><xsl:text>SPEAKER: </xsl:text><xsl:apply-templates/><xsl:call-template name="pend"/>
  </xsl:template>
</xsl:stylesheet>""", encoding="utf-8")
    result = CliRunner().invoke(app, ["build", str(tei), "--print", "--xslt", str(mine), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    tex = (tmp_path / "out" / "print" / "edition.tex").read_text(encoding="utf-8")
    assert tex.count("SPEAKER: ") == 153


def _lemma(tei_app):
    """An app's lemma as TEI has it: its lem, which may stand in a reading group with the readings
    grouped with it (PTA: <rdgGrp><lem wit="#La #Vi">…</lem><rdg wit="#Ps" varSeq="2">…</rdg></rdgGrp>)."""
    lems = tei_app.xpath("t:lem | t:rdgGrp/t:lem | t:rdgGrp/t:rdgGrp/t:lem", namespaces=NS)
    return lems[0] if lems else None


def test_the_page_and_the_print_read_the_lemma_also_inside_a_reading_group(built, tmp_path):
    root, page, _ = built["amphilochius"]
    tei_apps = root.findall(".//t:text//t:app", NS)
    apps = page.xpath("//*[@id='text']//span[starts-with(@class, 'app ')]")
    grouped = 0
    for tei_app, app_ in zip(tei_apps, apps):
        lem = _lemma(tei_app)
        if lem is None:
            continue
        grouped += lem.getparent().tag == f"{{{TEI}}}rdgGrp"
        current = app_.xpath("span[contains(concat(' ', @class, ' '), ' rdg-current ')]")
        assert len(current) == 1
        assert "".join(element_words(current[0])) == "".join(words(lem).split()), words(tei_app)[:40]
        # the edited text ("*") is the lemma's, not the first state of the first witness
        assert "*" in current[0].get("data-wit").split() and "rdg-lem" in current[0].get("class")
    assert grouped >= 1
    # the print edition's lemma (\edtext{lemma}{…}) is the same
    tex = render_tex(edition_of(tmp_path, FILES["amphilochius"]))
    assert re.search(r"\\edtext\{δέξεσθε\}\{\\Afootnote\{\\edsiglum\{La Vi\}", tex), "the grouped lemma is not the print's"


def test_each_witness_plain_text_reads_its_own_reading_in_its_last_state(built):
    root, page, site = built["amphilochius"]
    files = {}
    for a in page.xpath("//section[@class='downloads']//a[contains(., 'Plain text')]"):
        siglum = re.search(r"witness (\S+)\)", a.text_content()).group(1)
        files[siglum] = " ".join((site / "documents" / a.get("href")).read_text(encoding="utf-8").split())
    assert sorted(files) == ["La", "Pg", "Ps", "Vi"]
    ids = {w.get("{http://www.w3.org/XML/1998/namespace}id"): words(w.find("t:abbr", NS))
           for w in root.findall(".//t:listWit//t:witness", NS)}
    checked = 0
    for tei_app in root.findall(".//t:text//t:app", NS):
        for siglum, text in files.items():
            wid = next(i for i, s in ids.items() if s == siglum)
            mine = [r for r in tei_app.xpath(".//t:lem | .//t:rdg", namespaces=NS)
                    if f"#{wid}" in (r.get("wit") or "").split()]
            if not mine:
                continue
            last = deepcopy(max(mine, key=lambda r: int(r.get("varSeq") or 0)))
            for gone in last.xpath(".//t:del | .//t:note", namespaces=NS):   # the plain text leaves them out
                gone.text = None
                for child in gone:
                    gone.remove(child)
            if words(last):
                assert words(last) in text, f"witness {siglum} lacks its reading {words(last)!r}"
                checked += 1
    assert checked > 100
    # the entry whose lemma stands in a reading group: La and Vi read the lemma, Ps its corrected state,
    # each once (not the two states of Ps run together)
    for siglum in ("La", "Vi", "Ps"):
        assert "παρ’ ἡμῶν δέξεσθε·" in files[siglum], siglum
    assert "δέξασθαι·" not in files["Ps"] and "παρ’ ἡμῶν δέξασθε·" in files["Pg"]


def test_names_inside_a_mention_that_leads_nowhere_link_to_the_projects_registers(tmp_path, monkeypatch):
    """The land register entry wraps its names in mentions no register lists (<rs type="event"
    ref="#ev__…"><rs type="fn" ref="issuer"><rs type="person" ref="#pe__…">): those make no link,
    so every person and place inside them links to its entry of the project's own lists
    (data/indices/listperson.xml, listplace.xml, named in edition.toml)."""
    source = FILES["grundbuch"]
    edition = tmp_path / "grundbuecher"
    (edition / "data" / "done").mkdir(parents=True)
    shutil.copy(source, edition / "data" / "done" / source.name)
    indices = shutil.copytree(source.parents[1] / "indices", edition / "data" / "indices")
    # editio refuses a register entry without a name of its kind: this one has its parts bare in <person>
    persons = indices / "listperson.xml"
    persons.write_text(re.sub(r'(<person xml:id="pe__erhard_von_prag" sex="m">)(.*?)(</person>)',
                              r"\1<persName>\2</persName>\3", persons.read_text(encoding="utf-8"), flags=re.S),
                       encoding="utf-8")
    (edition / "edition.toml").write_text('[edition]\ntei = "data/done"\nregister = ["data/indices/listperson.xml", '
                                          '"data/indices/listplace.xml"]\n', encoding="utf-8")
    monkeypatch.setenv("EDITIO_WORLD_ATLAS", "")        # as after pip install: no world-atlas data
    result = CliRunner().invoke(app, ["build", "--edition", str(edition), "--web", "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    # the map's warning says what a user who installed editio with pip can do (not only a repository script)
    [basemap] = [line for line in result.output.splitlines() if "web-map-basemap" in line]
    assert "npm install --prefix DIR world-atlas@2" in basemap and "EDITIO_WORLD_ATLAS=DIR/node_modules/world-atlas" in basemap
    site = tmp_path / "out" / "web"
    page = html.parse(str(site / "documents" / f"{source.stem}.html"))
    registered = {el.get("{http://www.w3.org/XML/1998/namespace}id")
                  for f in (persons, indices / "listplace.xml")
                  for el in etree.parse(str(f)).iter(f"{{{TEI}}}person", f"{{{TEI}}}place")}
    root = etree.parse(str(source)).getroot()
    mentions = list(root.find("t:text", NS).iter(*(f"{{{TEI}}}{t}" for t in
                                                  ("persName", "placeName", "orgName", "rs", "date", "geogName"))))
    linked = 0
    for n, el in enumerate(mentions, start=1):
        target = (el.get("ref") or "").lstrip("#")
        outer = [a for a in el.iterancestors() if (a.get("ref") or "").lstrip("#") in registered]
        if target not in registered or outer:
            continue
        [shown] = page.xpath(f"//*[@id='m{n}']")
        assert shown.tag == "a", f"{' '.join(''.join(el.itertext()).split())!r} ({target}) is no link"
        assert shown.get("href") == f"../register/{target}.html" and (site / "register" / f"{target}.html").is_file()
        linked += 1
    assert linked >= 10


def _meta(page, label):
    """The text of the metadata panel's entry `label` (Author, Edited by, Witnesses …)."""
    dd = page.xpath(f"//aside[@id='meta']//dt[.='{label}']/following-sibling::dd[1]")
    return " ".join(dd[0].text_content().split()) if dd else None


def test_headers_name_the_letter_its_author_editors_and_witnesses_as_the_tei_does(built, tmp_path):
    # a letter's own title (level="a"), not its collection's (level="s", first in titleStmt)
    root, page, site = built["schnitzler"]
    title = words(root.find(".//t:titleStmt/t:title[@level='a']", NS))
    assert title.startswith("Robert Adam an Arthur Schnitzler, Briefentwurf")
    shown = lambda expr: " ".join(page.xpath(f"string({expr})").split())  # noqa: E731
    assert shown("//h1") == title and shown("//title").startswith(title)
    assert title in " ".join(html.parse(str(site / "index.html")).xpath("string(//main)").split())
    assert " ".join((site / "documents" / "L02119.txt").read_text(encoding="utf-8").splitlines()[0].split()) == title
    tex = render_tex(edition_of(tmp_path, FILES["schnitzler"]))
    assert "\\addcontentsline{toc}{section}{" in tex and "Briefwechsel mit Autorinnen" not in tex
    assert "Robert Adam an Arthur Schnitzler, Briefentwurf" in " ".join(tex.replace("~", " ").split())
    # one <editor> holding two names is two editors
    assert _meta(page, "Edited by") == "Müller, Martin Anton; Susen, Gerd-Hermann"
    # an author named in two languages, with a Wikidata idno: one name, the one without a language
    _, page, _ = built["chekhov"]
    assert _meta(page, "Author") == "Антон Павлович Чехов"
    # an editor with a roleName: the name only
    _, page, _ = built["amphilochius"]
    assert _meta(page, "Edited by") == "Annette von Stockhausen"
    # a witness is listed with its siglum once
    items = page.xpath("//aside[@id='meta']//dt[.='Witnesses']/following-sibling::dd[1]//li")
    assert [" ".join(li.text_content().split()) for li in items][0] == "Ps Parisinus Suppl. gr. 1020 s. XI f. 112r–114r"
    # years before 1000 are written without leading zeros: notBefore="0375" is 375
    assert page.xpath("string(//p[@class='doc-kicker'])").startswith("between 375 and 377")
    # the print edition says the same
    tex = render_tex(edition_of(tmp_path / "pta", FILES["amphilochius"]))
    assert "\\edsourceitem{Witness \\textit{Ps}}{Parisinus Suppl. gr. 1020" in tex
    assert "\\edwitness{Ps}{Parisinus Suppl." in tex
    assert "between 375 and 377" in tex and "0375" not in tex
    # a person credited twice in respStmt is named once
    _, page, _ = built["sejni"]
    assert _meta(page, "Edited by") == "Andrej Pančur; Marta Rendla"


def test_the_text_says_its_language_where_the_tei_does(built):
    # the text's own @xml:lang, the document's, else the one language of the header's langUsage; as
    # BCP 47 tags, which take the two-letter code where there is one (lat -> la, deu -> de; grc has none)
    for name, page_lang, parts in (("virgil", "la", {"div-edition": "la"}),
                                   ("amphilochius", None, {"div-praefatio": "de", "div-edition": "grc"}),
                                   ("chekhov", "ru", {}), ("schnitzler", "de-AT", {})):
        _, page, _ = built[name]
        [text] = page.xpath("//div[@class='tei-text']")
        assert text.get("lang") == page_lang, name
        for cls, lang in parts.items():
            [section] = page.xpath(f"//*[@id='text']//section[contains(concat(' ', @class, ' '), ' {cls} ')]")
            assert section.get("lang") == lang, (name, cls)
    for name in FILES:
        assert not built[name][1].xpath("//*[@lang='']"), name


def test_undated_documents_show_no_empty_date_in_lists(built):
    # the play has no date: the home list and the register pages of its persons say nothing of one
    _, _, site = built["chekhov"]
    home = html.parse(str(site / "index.html"))
    assert home.xpath("//a[.='Медведь']") and not home.xpath("//time[not(normalize-space())]")
    entries = list((site / "register").glob("chekhov-medved.*.html"))
    assert len(entries) == 3
    for entry in entries:
        main = html.parse(str(entry)).xpath("string(//main)")
        assert "Медведь" in main and "()" not in main, entry.name


def test_a_corpus_members_warnings_name_the_members_file(tmp_path):
    """sistory's teiCorpus includes its members (xi:include): a warning about a member names the
    member's own file, not editio's resolved copy under the build folder; its <timeline> (points in
    time, no words) is no element rendered generically."""
    corpus = tmp_path / "sejni"
    shutil.copytree(FILES["sejni"].parents[1], corpus)
    member = corpus / FILES["sejni"].parent.name / FILES["sejni"].name
    src = member.read_text(encoding="utf-8")
    assert "<timeline" in src
    member.write_text(src.replace("<castList>", '<vg:letDesc xmlns:vg="http://www.vangoghletters.org/ns/">Zapisnik'
                                  "</vg:letDesc><castList>", 1), encoding="utf-8")
    result = CliRunner().invoke(app, ["build", str(corpus), "--web", "--out", str(tmp_path / "out"), "--format", "json"])
    assert result.exit_code == 0, result.output
    import json
    warnings = [w for w in json.loads(result.stdout)["warnings"] if w["rule"] == "web.generic-element"]
    assert len(warnings) == 1 and "1 element of 1 kind rendered generically: vg:letDesc (1)" in warnings[0]["message"]
    assert Path(warnings[0]["file"]).resolve() == member.resolve()


def test_an_include_target_beside_the_documents_is_not_reported_as_left_out(tmp_path):
    """sistory's member includes ../taxonomy.xml (a classDecl, not a TEI document) into its header:
    the file is in use, so no warning tells the user to move it (which would break the include);
    a file nothing includes is still reported."""
    corpus = shutil.copytree(FILES["sejni"].parents[1], tmp_path / "sejni")
    (corpus / "stray.xml").write_text("<list><item>x</item></list>", encoding="utf-8")
    result = CliRunner().invoke(app, ["build", str(corpus), "--web", "--out", str(tmp_path / "out"), "--format", "json"])
    assert result.exit_code == 0, result.output
    import json
    left_out = [Path(w["file"]).name for w in json.loads(result.stdout)["warnings"] if w["rule"] == "not-tei"]
    assert left_out == ["stray.xml"]


def test_import_generic_reads_a_corpus_whose_members_are_included(tmp_path):
    """sistory's teiCorpus holds its members as xi:include (one shipped, 24 missing): `editio import
    --profile generic` reads them as the build does, one document per member that is there, a
    warning per missing one, the member's own include (../taxonomy.xml) taken in."""
    corpus = shutil.copytree(FILES["sejni"].parents[1], tmp_path / "sejni")
    out = tmp_path / "tei"
    result = CliRunner().invoke(app, ["import", str(corpus / "teiCorpus.xml"), "--profile", "generic",
                                      "--out", str(out), "--format", "json"])
    assert result.exit_code == 0, result.output
    import json
    report = json.loads(result.stdout)
    missing = [w for w in report["warnings"] if w["rule"] == "xinclude"]
    assert len(missing) == 24 and all("is missing" in w["message"] for w in missing)
    [doc] = out.glob("*.xml")
    root = etree.parse(str(doc)).getroot()
    assert root.get("{http://www.w3.org/XML/1998/namespace}id") == "sid.16365"
    assert not list(root.iter("{http://www.w3.org/2001/XInclude}include"))
    assert root.find(".//t:teiHeader//t:classDecl/t:taxonomy", NS) is not None
    assert tei_words(root) == tei_words(etree.parse(str(FILES["sejni"])).getroot())


def test_a_printed_editions_page_breaks_stand_in_every_reading_and_say_whose_they_are(built, tmp_path):
    """PTA marks the pages of Cotelier's printed edition (<pb edRef="#Cotelier" n="100"/>; Cotelier
    is a bibl of the header, no witness) beside the manuscripts' folios (<pb edRef="#Vi" n="113v"/>):
    a reader sees Cotelier's pages whichever witness they read, labelled with it; a manuscript's
    folio belongs to that witness's reading; the print names both."""
    root, page, _ = built["amphilochius"]
    witnesses = {w.get("{http://www.w3.org/XML/1998/namespace}id") for w in root.findall(".//t:listWit//t:witness", NS)}
    printed = [pb for pb in root.xpath(".//t:text//t:pb[@edRef]", namespaces=NS)
               if pb.get("edRef").lstrip("#") not in witnesses]
    assert sum(pb.get("edRef") == "#Cotelier" for pb in printed) >= 5     # and Migne's
    shown = page.xpath("//*[@id='text']//span[@class='pb'][not(ancestor::span[contains(@class, 'rdg-ed')])]"
                       "/span[@class='pb-marker']")
    assert [" ".join(s.text_content().split()) for s in shown] == \
        [f"{pb.get('edRef').lstrip('#')} p. {pb.get('n')}" for pb in printed]
    folio = page.xpath("//*[@id='text']//span[@data-wit='Vi'][contains(@class, 'rdg-ed')]//span[@class='pb-marker']")
    assert folio and " ".join(folio[0].text_content().split()) == "fol. 113v"      # a leaf's side
    tex = render_tex(edition_of(tmp_path, FILES["amphilochius"]))
    assert "\\edpb{Cotelier~p.\\,100}" in tex and "\\edpb{Vi~fol.\\,113v}" in tex
    # a witness's page break may name it by its siglum in @ed beside the pointer (editio's own
    # encoding: <pb ed="B" edRef="#d…-wB"/>): still that witness's, not in every reading
    tei = tmp_path / "by-siglum"
    tei.mkdir()
    source = FILES["amphilochius"].read_text(encoding="utf-8").replace('edRef="#Vi"', 'ed="Vi" edRef="#Vi"')
    (tei / FILES["amphilochius"].name).write_text(source, encoding="utf-8")
    page = html.parse(str(build_web(tei, tmp_path / "web") / "documents" / FILES["amphilochius"].with_suffix(".html").name))
    assert page.xpath("//*[@id='text']//span[@data-wit='Vi'][contains(@class, 'rdg-ed')]//span[@class='pb-marker']")
    assert "fol. 113v" not in [" ".join(s.text_content().split()) for s in page.xpath(
        "//*[@id='text']//span[@class='pb'][not(ancestor::span[contains(@class, 'rdg-ed')])]/span[@class='pb-marker']")]
