"""xslt/common/numbering.xsl gives each note, page break, reading, division and mention the number
`xsl:number level="any"` would give it, from one pass per kind instead of a walk back through the
document per node: the same numbers, or "" where it cannot be sure (and the caller falls back)."""

from __future__ import annotations

import copy
import re
import shutil
from pathlib import Path

import pytest
from lxml import etree

from editio import stylesheets
from editio.xmlio import parse

ROOT = Path(__file__).resolve().parents[1]
NUMBERING = (ROOT / "xslt" / "common" / "numbering.xsl").as_uri()
FRUS = ROOT.parent / "shared" / "frus"
TEI = "http://www.tei-c.org/ns/1.0"

# (index variable, what xsl:number counts, its from): the callers' pairs in common/ and web/
KINDS = {
    "num:mentions": ("tei:persName | tei:placeName | tei:orgName | tei:rs | tei:date | tei:geogName", "tei:TEI/tei:text"),
    "num:divs": ("tei:div", "tei:TEI/tei:text"),
    "num:notes": ("tei:note", "tei:text"),
    "num:pbs": ("tei:pb", "tei:text"),
    "num:apps": ("tei:app", "tei:text"),
    "num:glosses": ("tei:note[@type = 'gloss'][not(@n)]", "tei:text"),
    "num:footnotes": ("tei:note[not(@type = 'docket' or @type = 'stamp' or @type = 'handwritten' or @type = 'gloss'"
                      " or @place = 'top' or @place = 'bottom' or @place = 'margin')]", "tei:text"),
}


def _probe() -> etree.XSLT:
    """For every node of every kind: its number from the index, from xsl:number, and whether it is
    inside a text."""
    rows = "".join(
        f'''<xsl:for-each select="{' | '.join('//' + branch for branch in count.split(' | '))}">
              <row kind="{index}" in-text="{{count(ancestor::tei:text)}}">
                <xsl:attribute name="fast"><xsl:call-template name="num:number-of"><xsl:with-param name="index" select="${index}"/></xsl:call-template></xsl:attribute>
                <xsl:attribute name="slow"><xsl:number level="any" count="{count}" from="{frm}"/></xsl:attribute>
              </row>
            </xsl:for-each>'''
        for index, (count, frm) in KINDS.items())
    sheet = f'''<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:tei="{TEI}"
      xmlns:num="urn:editio:numbering">
      <xsl:import href="{NUMBERING}"/>
      <xsl:template match="/"><rows>{rows}</rows></xsl:template>
    </xsl:stylesheet>'''
    return etree.XSLT(etree.fromstring(sheet.encode()))


PROBE = _probe()


def _rows(tree) -> list[tuple[str, str, str, int]]:
    return [(r.get("kind"), r.get("fast"), r.get("slow"), int(r.get("in-text"))) for r in PROBE(tree).getroot()]


def _doc(text: str) -> etree._ElementTree:
    return etree.ElementTree(etree.fromstring(
        f'<TEI xmlns="{TEI}" xml:id="d"><teiHeader><fileDesc><titleStmt><title>t <persName>H</persName></title>'
        f'</titleStmt></fileDesc></teiHeader>{text}</TEI>'.encode()))


FLAT = _doc('<text><body><div><pb n="1"/><p><persName>A<placeName>B</placeName></persName> <date>1944</date>'
            '<note n="7">numbered</note><note type="gloss">g1</note><note type="docket">furniture</note>'
            '<note>f</note><app><lem>x</lem><rdg>y</rdg></app></p><div><pb/><p><rs>C</rs><note type="gloss">g2</note>'
            '<note place="margin">m</note><note>f2</note><app><lem>x</lem></app></p></div></div></body></text>')
NESTED = _doc('<text><group><text><body><p><persName>A</persName><note>n</note><pb/></p></body></text>'
              '<text><body><p><persName>B</persName><note>m</note><pb/></p></body></text></group></text>')


def test_a_flat_document_is_numbered_as_xsl_number_numbers_it():
    rows = _rows(FLAT)
    assert {k for k, _, _, _ in rows} == set(KINDS)  # every kind occurs in the fixture
    for kind, fast, slow, in_text in rows:
        assert fast == (slow if in_text else ""), kind
    # the number counts the nodes of its kind inside the text, in document order (a mention inside
    # a mention counts); the header's persName is outside the text and left to xsl:number
    assert [(f, s) for k, f, s, _ in rows if k == "num:mentions"] == [("", "1"), ("1", "1"), ("2", "2"), ("3", "3"), ("4", "4")]
    assert [f for k, f, _, _ in rows if k == "num:glosses"] == ["1", "2"]
    assert [f for k, f, _, _ in rows if k == "num:footnotes"] == ["1", "2", "3"]  # no docket, no margin note


def test_in_nested_texts_the_caller_falls_back_to_xsl_number():
    rows = _rows(NESTED)
    assert {k for k, _, _, _ in rows} >= {"num:mentions", "num:notes", "num:pbs"}
    assert all(fast == "" for _, fast, _, _ in rows)
    # where the table could not be sure: xsl:number starts the notes of each group/text again at 1
    # (the ids then also name the text, num:text-part: test_foreign_tei's group of letters)
    assert [s for k, _, s, _ in rows if k == "num:notes"] == ["1", "1"]


@pytest.mark.parametrize("source", sorted((ROOT / "tests" / "fixtures" / "foreign").rglob("*.xml"))
                         + sorted((ROOT / "tei").glob("*.xml")), ids=lambda p: p.name)
def test_real_documents_get_the_same_numbers(source):
    for kind, fast, slow, in_text in _rows(parse(source)):
        assert fast in (slow, ""), (kind, fast, slow)


@pytest.mark.skipif(not (FRUS / "frus1894Nicaragua.xml").exists(), reason="../shared/frus not beside the repository")
def test_a_whole_frus_volume_gets_the_same_numbers():
    rows = _rows(parse(FRUS / "frus1894Nicaragua.xml"))
    assert len(rows) > 1000
    assert all(fast == (slow if in_text else "") for _, fast, slow, in_text in rows)
    assert sum(1 for _, fast, _, _ in rows if fast) > 1000


# Review: the callers (notes, mentions, readings, page breaks, divisions in common/ and web/) give
# what they gave with xsl:number alone: the same stylesheets with number-of answering "" (every
# caller falls back) write the same pages, the same witness columns and the same LaTeX.
CORPUS = ('<teiCorpus xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>c<note>h</note>'
          '</title></titleStmt></fileDesc></teiHeader>'
          + "".join(f'<TEI xml:id="c{i}"><teiHeader><fileDesc><titleStmt><title>t<note>hn</note><persName>x</persName>'
                    '</title></titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc>'
                    '</teiHeader><text><front><div><head>F</head><p><note>fr</note><persName>f</persName></p></div></front>'
                    '<body><div><head>H<note>hd</note></head><p><persName>P</persName> x<note>a<note>in</note></note>'
                    '<note type="gloss">g</note><pb n="1"/><app><lem>x</lem><rdg>y</rdg></app><date when="1944">d</date>'
                    '</p><div><head>s</head><p><note place="margin">m</note><note>b</note><pb/></p></div></div></body>'
                    '<back><div><head>B</head><p><note>bk</note></p></div></back></text></TEI>' for i in (1, 2))
          + '</teiCorpus>')


def test_the_callers_write_what_xsl_number_alone_writes(tmp_path):
    slow = tmp_path / "xslt"
    shutil.copytree(ROOT / "xslt", slow)
    numbering = slow / "common" / "numbering.xsl"
    source = numbering.read_text(encoding="utf-8")
    lookup = re.search(r'<xsl:for-each select="exsl:node-set\(\$index\)">.*?</xsl:for-each>', source, re.S)
    numbering.write_text(source.replace(lookup.group(0), ""), encoding="utf-8")
    corpus = etree.ElementTree(etree.fromstring(CORPUS.encode()))
    flat = etree.ElementTree(etree.fromstring(CORPUS.encode()).find(f"{{{TEI}}}TEI"))
    sources = [flat, NESTED, FLAT] + [parse(p) for p in sorted((ROOT / "tei").glob("*.xml"))]
    sources += [parse(p) for p in sorted((ROOT / "tests" / "fixtures" / "foreign").rglob("*.xml"))
                if parse(p).getroot().tag == f"{{{TEI}}}TEI"]
    fast_used = 0
    for tree in sources:
        wits = [""] + tree.xpath("//t:listWit//t:witness/@xml:id", namespaces={"t": TEI})
        for wit in wits:
            fast = str(stylesheets.apply("web/document.xsl", tree, wit=wit))
            assert fast == str(stylesheets.apply(slow / "web" / "document.xsl", tree, wit=wit)), wit
        fast_used += sum(1 for _, f, _, _ in _rows(tree) if f)
    for tree in (corpus, stylesheets_corpus(sources)):
        assert str(stylesheets.apply("print/edition.xsl", tree)) == str(stylesheets.apply(slow / "print" / "edition.xsl", tree))
    assert fast_used > 100  # the fast path was taken, not only the fallback


def stylesheets_corpus(sources) -> etree._ElementTree:
    """The TEI documents among sources as one teiCorpus, as editio.pdf hands them to print/edition.xsl."""
    root = etree.Element(f"{{{TEI}}}teiCorpus")
    for tree in sources:
        if tree.getroot().tag == f"{{{TEI}}}TEI" and not tree.xpath("//t:group", namespaces={"t": TEI}):
            root.append(copy.deepcopy(tree.getroot()))
    return etree.ElementTree(root)


@pytest.mark.parametrize("module, call, expected", [
    ("entities.xsl", '<xsl:for-each select="//tei:rs"><xsl:call-template name="entity-known">'
                     '<xsl:with-param name="id" select="substring-after(@ref, \'#\')"/></xsl:call-template>,</xsl:for-each>', "1,,"),
])
def test_entities_imported_alone_finds_register_entries(tmp_path, module, call, expected):
    """Review: entities.xsl looked the register up by a key only structure.xsl declares: imported
    without core.xsl (as api/passage-text.xsl imports notes.xsl) no entry was ever found, silently."""
    register = tmp_path / "register.xml"
    register.write_text(f'<TEI xmlns="{TEI}"><text><body><listPerson><person xml:id="stalin"><persName>Stalin</persName>'
                        '</person></listPerson></body></text></TEI>', encoding="utf-8")
    sheet = etree.XSLT(etree.fromstring(
        f'''<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:tei="{TEI}">
          <xsl:import href="{(ROOT / 'xslt' / 'common' / module).as_uri()}"/>
          <xsl:output method="text"/>
          <xsl:template match="/">{call}</xsl:template>
        </xsl:stylesheet>'''.encode()))
    doc = etree.fromstring(f'<TEI xmlns="{TEI}"><text><body><p><note>n</note><note type="gloss">g</note><note>m</note>'
                           '<rs ref="#stalin">he</rs><rs ref="#nobody">x</rs></p></body></text></TEI>'.encode())
    assert str(sheet(doc, register=etree.XSLT.strparam(register.as_uri()))) == expected


def test_a_users_own_names_do_not_change_the_numbers(tmp_path):
    """Review: the numbering's template and tables had plain names (number-of, num-notes): a user's
    stylesheet with a template of that name gave every note the id d-note7."""
    mine = tmp_path / "mine.xsl"
    mine.write_text(f'''<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:tei="{TEI}">
      <xsl:import href="editio:web/document.xsl"/>
      <xsl:variable name="num-notes" select="count(//tei:note)"/>
      <xsl:template name="number-of">7</xsl:template>
    </xsl:stylesheet>''', encoding="utf-8")
    assert str(stylesheets.apply(str(mine), FLAT)) == str(stylesheets.apply("web/document.xsl", FLAT))
