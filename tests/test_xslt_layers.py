"""xslt/ in layers: common/ decides what an element means, web/ and print/ how it looks, and a
user's stylesheet imports ours to override one template."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree, html

from editio import stylesheets
from editio.pdf import render_tex
from editio.xmlio import parse

ROOT = Path(__file__).resolve().parents[1]
XSLT = ROOT / "xslt"
EDITORIAL = ROOT / "tests" / "fixtures" / "layers" / "editorial.xml"
XSL = "http://www.w3.org/1999/XSL/Transform"
TEI = "http://www.tei-c.org/ns/1.0"
EDITORIAL_ELEMENTS = {"app", "lem", "rdg", "choice", "sic", "corr", "orig", "reg", "abbr", "expan", "add",
                      "del", "subst", "gap", "unclear", "supplied", "surplus", "persName", "placeName",
                      "orgName", "geogName", "rs", "date"}


def _web(tree, **params):
    return html.fromstring(str(stylesheets.apply("web/document.xsl", tree, **params)))


def _matched_names(template) -> set[str]:
    """Element names a template's match pattern selects anywhere in the text.  Branches that only
    match at a structural position (tei:opener/tei:date, tei:note[parent::tei:div]) are block
    layout, a look, and are left out."""
    names = set()
    for branch in template.get("match", "").split("|"):
        if "/" in branch or "parent::" in branch:
            continue
        names.add(branch.split("[")[0].strip().split(":")[-1])
    return names


@pytest.mark.parametrize("layer", ["web", "print"])
def test_output_layers_do_not_decide_what_editorial_elements_mean(layer):
    """The default-mode match rules for editorial elements live in common/ only; a layer draws them
    through the render-* hooks."""
    offenders = []
    # fallback.xsl sits below common/ (imported first): it only keeps the text of what nothing else matched
    for path in sorted(p for p in (XSLT / layer).glob("*.xsl") if p.name != "fallback.xsl"):
        for t in etree.parse(str(path)).iterfind(f"{{{XSL}}}template[@match]"):
            if t.get("mode"):
                continue
            if _matched_names(t) & EDITORIAL_ELEMENTS:
                offenders.append(f"{path.name}: match={t.get('match')}")
    assert not offenders, offenders
    common = " ".join(t.get("match", "") for p in (XSLT / "common").glob("*.xsl")
                      for t in etree.parse(str(p)).iterfind(f"{{{XSL}}}template[@match]"))
    for name in ("tei:app", "tei:choice", "tei:del", "tei:add", "tei:gap", "tei:note", "tei:pb", "tei:date"):
        assert name in common


def test_layers_import_common_and_never_include():
    for path in XSLT.rglob("*.xsl"):
        assert etree.parse(str(path)).find(f"{{{XSL}}}include") is None, path
    for entry in ("web/document.xsl", "web/plaintext.xsl", "print/text.xsl"):
        hrefs = [i.get("href") for i in etree.parse(str(XSLT / entry)).iterfind(f"{{{XSL}}}import")]
        assert "../common/core.xsl" in hrefs, entry


def test_both_views_of_a_choice_come_from_common_and_each_layer_draws_them():
    tree = parse(EDITORIAL)
    page = _web(tree)
    choice = page.xpath("//span[@class='choice']")[0]
    assert choice.xpath("string(span[contains(@class, 'dipl')])") == "teh"
    assert choice.xpath("string(span[contains(@class, 'reading')])") == "the"
    # in print: the reading in the text, the original in the note (test_print_draws_the_same_meaning)


def test_print_draws_the_same_meaning(tmp_path):
    tei = tmp_path / "tei"
    tei.mkdir()
    (tei / EDITORIAL.name).write_bytes(EDITORIAL.read_bytes())
    tex = render_tex(tei)
    body = tex[tex.index("%@doc "):tex.index("%@part indexes")]
    # reading view in the text, the source's form in the note, with the editor's certainty
    assert r"\edtext{the}{\Bfootnote{\edconj{} teh" in body
    assert r"\edtext{color}{\Bfootnote{\edorig{} colour}}" in body
    # the lemma of an app is its lem; the other witness's empty reading is an omission
    assert r"\edtext{lemma}{\Afootnote{\edsiglum{A}; \edom{} \edsiglum{B}}}" in body
    # an app that differs only by a page break is no variant
    assert "\\edpb{A~p.\\,2}" in body


class _Override:
    def __init__(self, tmp_path: Path, entry: str, body: str):
        self.path = tmp_path / "my.xsl"
        self.path.write_text(f"""<xsl:stylesheet version="1.0" xmlns:xsl="{XSL}" xmlns:tei="{TEI}">
  <xsl:import href="{(XSLT / entry).as_uri()}"/>
  {body}
</xsl:stylesheet>""", encoding="utf-8")


def test_a_user_stylesheet_overrides_one_hook_and_keeps_the_rest(tmp_path):
    user = _Override(tmp_path, "web/document.xsl", """
  <xsl:template name="render-sic"><b class="my-sic"><xsl:apply-templates/></b></xsl:template>""")
    tree = parse(EDITORIAL)
    ours, theirs = _web(tree), html.fromstring(str(stylesheets.apply(user.path, tree)))
    assert theirs.xpath("//b[@class='my-sic']/text()") == ["wrng"]
    assert not theirs.xpath("//span[@class='sic']") and ours.xpath("//span[@class='sic']")
    # everything else is untouched: the choice, the apparatus, the notes
    for xp in ("//span[@class='choice']", "//span[contains(@class, 'app ')]", "//section[@class='footnotes']"):
        assert [html.tostring(e) for e in ours.xpath(xp)] == [html.tostring(e) for e in theirs.xpath(xp)]


def test_a_user_stylesheet_can_change_what_an_element_means(tmp_path):
    """Overriding common's match rule: this user wants the diplomatic form in the reading text."""
    user = _Override(tmp_path, "print/edition.xsl", """
  <xsl:template match="tei:choice">
    <xsl:call-template name="render-choice">
      <xsl:with-param name="kind" select="'regularisation'"/>
      <xsl:with-param name="original" select="tei:corr | tei:reg | tei:expan"/>
      <xsl:with-param name="edited" select="tei:sic | tei:orig | tei:abbr"/>
    </xsl:call-template>
  </xsl:template>""")
    tei = tmp_path / "tei"
    tei.mkdir()
    (tei / EDITORIAL.name).write_bytes(EDITORIAL.read_bytes())
    tex = render_tex(tei, user.path)
    assert r"\edtext{teh}{\Bfootnote{\edorig{} the}}" in tex
    assert r"\edtext{Mr}{\Bfootnote{\edorig{} Mister}}" in tex


MENTION_TAGS = [f"{{{TEI}}}{n}" for n in ("persName", "placeName", "orgName", "rs", "date", "geogName")]


def mention_anchor(el) -> str:
    """The rule documented in xslt/common/mentions.xsl, computed from the TEI alone."""
    if el.get("{http://www.w3.org/XML/1998/namespace}id"):
        return el.get("{http://www.w3.org/XML/1998/namespace}id")
    root = el.getroottree().getroot()
    n = list(root.find(f"{{{TEI}}}text").iter(*MENTION_TAGS)).index(el) + 1
    doc = root.get("{http://www.w3.org/XML/1998/namespace}id")
    return f"{doc}-m{n}" if doc else f"m{n}"


@pytest.mark.parametrize("source", [EDITORIAL, *sorted((ROOT / "tests" / "fixtures" / "web" / "tei").glob("*.xml"))],
                         ids=lambda p: p.name)
def test_mention_anchors_are_a_function_of_the_tei(source):
    tree = parse(source)
    register = ROOT / "tests" / "fixtures" / "web" / "tei" / "register" / "register.xml"
    page = _web(tree, register=register.resolve().as_uri())
    anchored = {e.get("id"): e for e in page.xpath("//*[contains(concat(' ', @class, ' '), ' ent ')][@id]")}
    assert anchored, "no mention got an anchor"
    expected = {}
    for el in tree.getroot().find(f"{{{TEI}}}text").iter(*MENTION_TAGS):
        expected[mention_anchor(el)] = " ".join("".join(el.itertext()).split())
    for anchor, e in anchored.items():
        assert anchor in expected, anchor
        assert " ".join(e.text_content().split()) == expected[anchor]


def test_xml_id_of_a_name_is_its_anchor(tmp_path):
    src = EDITORIAL.read_text(encoding="utf-8").replace('<persName ref="#x">X</persName>',
                                                        '<persName xml:id="p-x" ref="#x">X</persName>')
    (tmp_path / "reg.xml").write_text(f'<TEI xmlns="{TEI}"><text><body><listPerson><person xml:id="x">'
                                      '<persName>X</persName></person></listPerson></body></text></TEI>')
    tree = etree.ElementTree(etree.fromstring(src.encode()))
    page = _web(tree, register=(tmp_path / "reg.xml").as_uri())
    assert page.xpath("//a[@data-ref='x']/@id") == ["p-x"]


FOREIGN = ROOT / "tests" / "fixtures" / "foreign"


@pytest.mark.parametrize("source", [EDITORIAL, *sorted((ROOT / "tests" / "fixtures" / "web" / "tei").glob("*.xml")),
                                    FOREIGN / "schnitzler-briefe" / "L02119.xml",
                                    FOREIGN / "wiener-grundbuecher" / "data" / "done" / "00056-eintrag_vom_1448-08-09.xml",
                                    FOREIGN / "pta-patristic-text-archive" / "pta0013.pta003.pta-grc1.xml"],
                         ids=lambda p: p.name)
def test_the_environment_and_the_page_agree_on_mention_anchors(source):
    """editio.records computes each mention's anchor from the TEI; the page has that id on it."""
    from editio.records import read_record
    record = read_record(source)
    page = _web(parse(source), register=(ROOT / "tests" / "fixtures" / "web" / "tei" / "register" / "register.xml").as_uri())
    on_page = {e.get("id") for e in page.xpath("//*[contains(concat(' ', @class, ' '), ' ent ')][@id]")}
    anchors = [m.anchor for m in record.mentions]
    assert len(anchors) == len(set(anchors))
    assert on_page <= set(anchors)
    if "wiener" not in str(source) and "pta" not in str(source):     # those two name no entry this page can link
        assert on_page
    expected = {mention_anchor(el) for el in parse(source).getroot().find(f"{{{TEI}}}text").iter(*MENTION_TAGS)}
    assert set(anchors) == expected


def test_a_leafs_side_is_a_folio_on_the_web_and_in_print(tmp_path):
    """A manuscript's page break n="112v" was "p. 112v" on the web and "p. 114r" in print: common decides
    the unit (pb-unit), each layer draws it."""
    text = EDITORIAL.read_text(encoding="utf-8")
    first = text.index("<pb")
    text = text[:first] + '<pb n="112v"/><pb n="7"/><pb n="3ra"/>' + text[first:]
    tei = tmp_path / "tei"
    tei.mkdir()
    (tei / EDITORIAL.name).write_text(text, encoding="utf-8")
    page = _web(etree.ElementTree(etree.fromstring(text.encode("utf-8"))))
    markers = [m.text_content().strip() for m in page.find_class("pb-marker")]
    assert {"fol. 112v", "p. 7", "fol. 3ra"} <= set(markers), markers
    body = render_tex(tei)
    assert "fol.\\,112v" in body and "fol.\\,3ra" in body and "p.\\,7" in body


def test_a_reading_that_only_marks_where_a_witness_begins_says_so_in_words():
    """The readings panel showed the element's name ("<em>witStart</em>") for such a reading."""
    tei = (f'<TEI xmlns="{TEI}"><teiHeader><fileDesc><titleStmt><title>t</title></titleStmt><publicationStmt><p>p</p>'
           '</publicationStmt><sourceDesc><listWit><witness xml:id="A">A</witness><witness xml:id="B">B</witness>'
           '</listWit></sourceDesc></fileDesc></teiHeader><text><body><p>one <app><lem wit="#A">two</lem>'
           '<rdg wit="#B"><witStart/></rdg></app> three <app><lem wit="#A">four</lem><rdg wit="#B"><lacunaEnd/></rdg>'
           '</app></p></body></text></TEI>')
    page = etree.tostring(_web(etree.ElementTree(etree.fromstring(tei))), encoding="unicode")
    assert "<em>text begins</em>" in page and "<em>lacuna ends</em>" in page
    assert "<em>witStart</em>" not in page and "<em>lacunaEnd</em>" not in page


def test_an_addition_says_where_it_stands_on_the_web():
    """<add place="margin"> lost "in the margin" on the web (print says it in its note)."""
    tei = (f'<TEI xmlns="{TEI}"><teiHeader><fileDesc><titleStmt><title>t</title></titleStmt><publicationStmt><p>p</p>'
           '</publicationStmt><sourceDesc><p>s</p></sourceDesc></fileDesc></teiHeader><text><body><p>one '
           '<add place="margin">two</add> <add place="above">three</add> <add>four</add></p></body></text></TEI>')
    page = _web(etree.ElementTree(etree.fromstring(tei)))
    titles = {el.text_content(): el.get("title") for el in page.iter("ins")}
    assert titles == {"two": "added in the margin", "three": "added above the line", "four": None}, titles
