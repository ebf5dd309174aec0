"""The name tagger on small TEI fixtures: precision, offices by date, markup kept, idempotence."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from editio import xmlio
from editio.transforms import tagger
from editio.enrich import Context

ROOT = Path(__file__).resolve().parents[1]
REGISTER = ROOT / "tei" / "register" / "register.xml"
FIXTURE = Path(__file__).parent / "fixtures" / "tagging" / "1944-06-10-fixture.xml"
NS = {"tei": "http://www.tei-c.org/ns/1.0"}
NAMES = "tei:persName|tei:placeName|tei:orgName|tei:geogName"


def tagged(tree, date="1944-06-10"):
    ctx = Context(document_date=date, register_path=REGISTER, names_path=ROOT / "editorial" / "names.toml")
    tagger.TaggerTransform().apply(tree, ctx)
    return tree, ctx


def fragment(text: str, date: str | None = "1944-06-10"):
    tree = xmlio.parse_bytes(f'<p xmlns="{NS["tei"]}">{text}</p>'.encode())
    tree, ctx = tagged(tree, date)
    names = [(etree.QName(e).localname, e.text, e.get("ref").split("#")[-1] if e.get("ref") else None,
              e.get("cert")) for e in tree.getroot().iter() if e.get("ref")]
    return names, ctx


@pytest.fixture()
def fixture_tree():
    return tagged(xmlio.parse(FIXTURE))[0]


def refs(root, text):
    return [e.get("ref").split("#")[1] for e in root.xpath(f"//*[{' or '.join('self::' + n for n in NAMES.split('|'))}]"
                                                          f"[normalize-space()='{text}']", namespaces=NS)]


def test_title_belongs_to_the_name_and_is_not_a_second_person():
    names, _ = fragment("The President asked me to raise again with Marshal Stalin the question.")
    assert ("persName", "Marshal Stalin", "stalin", None) in names
    assert not any(text == "Marshal" for _, text, _, _ in names)


def test_allied_armies_and_adjectives_are_not_places():
    names, _ = fragment("the hard battles that confront the Allied armies in Europe, the Manchurian "
                        "region and the Outer Mongolian question, the Eastern area")
    assert [n[1] for n in names] == ["Europe"]


@pytest.mark.parametrize("date,who", [("1944-06-10", "roosevelt"), ("1945-04-11", "roosevelt"),
                                      ("1945-04-13", "truman"), ("1945-07-03", "truman")])
def test_the_president_is_resolved_by_the_documents_date(date, who):
    names, _ = fragment("I said that the President certainly agreed with him.", date)
    assert names == [("rs", "President", who, None)]      # a reference by office, not a name


def test_the_president_on_the_day_of_the_succession_is_reported_as_ambiguous():
    names, ctx = fragment("I said that the President certainly agreed.", "1945-04-12")
    assert names[0][1] == "President" and names[0][3] == "low"
    assert "roosevelt" in names[0][2] or "truman" in names[0][2]
    assert any("several holders" in d.message for d in ctx.report)


def test_office_without_a_document_date_is_left_and_reported():
    names, ctx = fragment("The Marshal said so.", None)
    assert names == []
    assert any("document date" in d.message for d in ctx.report)


def test_possessives_initials_and_capitals():
    names, _ = fragment("Stalin's map; the Marshal's reaction; W. A. Harriman; FROM W. A. HARRIMAN TO THE PRESIDENT",
                        "1945-07-03")
    assert [(n[1], n[2]) for n in names] == [("Stalin", "stalin"), ("Marshal", "stalin"),
                                             ("W. A. Harriman", "harriman"), ("W. A. HARRIMAN", "harriman"),
                                             ("PRESIDENT", "truman")]


def test_a_common_word_surname_needs_its_title():
    names, _ = fragment("Can King 172, W.A. Harriman papers. Admiral King wished to have bases.")
    assert [(n[1], n[2]) for n in names] == [("W.A. Harriman", "harriman"), ("Admiral King", "king")]


def test_kinds_of_place_get_the_fitting_element():
    names, _ = fragment("the Amur, the Japan Sea, the Kurile Islands, Kamchatka, Vladivostok, "
                        "the Trans-Siberian Railroad and the Kremlin; the Red Air Force")
    kinds = {text: kind for kind, text, _, _ in names}
    assert kinds == {"Amur": "geogName", "Japan Sea": "geogName", "Kurile Islands": "geogName",
                     "Kamchatka": "geogName", "Vladivostok": "placeName",
                     "Trans-Siberian Railroad": "placeName", "Kremlin": "placeName",
                     "Red Air Force": "orgName"}


def test_a_name_stays_whole_around_the_variant_inside_it(fixture_tree):
    """General Beane/Deane is one persName holding the app (wrap_editorial, the default)."""
    root = fixture_tree.getroot()
    app = root.xpath("//tei:app[@type='substantive'][tei:rdg[.='Beane']]", namespaces=NS)[0]
    name = app.getparent()
    assert etree.QName(name).localname == "persName" and name.get("ref").endswith("#deane")
    assert name.text == "General "
    assert [r.xpath("string()") for r in app.xpath("tei:rdg", namespaces=NS)] == ["Beane", "Deane"]
    assert not app.xpath(".//tei:persName", namespaces=NS)
    sic = root.find(".//tei:sic", NS)
    assert sic.getparent().get("ref").endswith("#burrows")


def test_existing_markup_is_kept(fixture_tree):
    before = xmlio.parse(FIXTURE).getroot()
    after = fixture_tree.getroot()
    added = {"persName", "placeName", "orgName", "geogName", "rs", "roleName"}
    strip = lambda r: [etree.QName(e).localname for e in r.iter() if isinstance(e.tag, str)
                       and etree.QName(e).localname not in added]
    assert strip(before) == strip(after)
    assert "".join(before.itertext()) == "".join(after.itertext())
    struck = after.xpath("//tei:p/tei:del", namespaces=NS)[0]
    assert struck.text == "Marshal" and len(struck) == 0     # a struck "Marshal" is not a person


def test_no_name_is_nested_in_a_name(fixture_tree):
    nested = fixture_tree.getroot().xpath(f"//*[{NAMES.replace('tei:', 'self::tei:')}]//*[self::tei:persName or "
                                          "self::tei:placeName or self::tei:orgName or self::tei:geogName]",
                                          namespaces=NS)
    assert nested == []


def test_header_participants_point_to_the_same_entries_as_the_text(fixture_tree):
    root = fixture_tree.getroot()
    header = {e.get("ref") for e in root.iterfind(".//tei:particDesc//tei:persName", NS)}
    body = {e.get("ref") for e in root.iterfind(".//tei:text//tei:persName", NS)}
    assert None not in header and header <= body
    assert root.find(".//tei:creation/tei:placeName", NS).get("ref").endswith("#kremlin")
    occupations = root.xpath("//tei:occupation//tei:persName", namespaces=NS)
    assert occupations == []


def test_running_twice_changes_nothing(fixture_tree):
    once = xmlio.serialize(fixture_tree)
    twice = xmlio.serialize(tagged(xmlio.parse_bytes(once))[0])
    assert once == twice


def test_trie_pattern_prefers_the_longest_form():
    import re
    rx = re.compile(r"(?<!\w)(?:" + tagger.trie_pattern(["Amur", "Amur River", "Far East", "Far Eastern Air Force"]) + r")(?!\w)")
    assert rx.findall("the Amur River, the Amur, the Far Eastern Air Force, the Far Eastern war") == \
        ["Amur River", "Amur", "Far Eastern Air Force"]


def wrapping_tagger(date):
    import dataclasses
    from editio import names, register
    data = dataclasses.replace(names.load(ROOT / "editorial" / "names.toml"), wrap_editorial=True)
    return tagger.Tagger(tagger.Lexicon(register.load(REGISTER), data), date)


def test_an_editorial_element_holding_one_name_goes_inside_the_name():
    tree = xmlio.parse_bytes(f'<p xmlns="{NS["tei"]}">speaking of <sic>Burros</sic> personally, of '
                             f'<choice><sic>Nicolaus</sic><corr>Nikolaevsk</corr></choice> and '
                             f'<sic>bad</sic> capacity</p>'.encode())
    wrapping_tagger("1944-10-17").tag_tree(tree)
    root = tree.getroot()
    assert [(etree.QName(e).localname, e.get("ref").split("#")[1], etree.QName(e[0]).localname)
            for e in root if e.get("ref")] == [("persName", "burrows", "sic"), ("placeName", "nikolaevsk", "choice")]
    assert root.xpath("string()") == "speaking of Burros personally, of NicolausNikolaevsk and bad capacity"


def test_an_emended_title_or_initial_joins_the_name():
    tree = xmlio.parse_bytes(f'<p xmlns="{NS["tei"]}"><choice><sic>Marshall</sic><corr>Marshal</corr></choice> '
                             f'Stalin handed to Mr. V. <choice><sic>H.</sic><corr>M.</corr></choice> Molotov '
                             f'a <choice><sic>bad</sic><corr>had</corr></choice> Stalin list.</p>'.encode())
    wrapping_tagger("1944-10-17").tag_tree(tree)
    root = tree.getroot()
    names = [(e.xpath("string()"), e.get("ref").split("#")[1]) for e in root if e.get("ref")]
    assert names == [("MarshallMarshal Stalin", "stalin"), ("Mr. V. H.M. Molotov", "molotov"), ("Stalin", "stalin")]
    assert root.xpath("string()") == ("MarshallMarshal Stalin handed to Mr. V. H.M. Molotov a badhad Stalin list.")
    once = xmlio.serialize(tree)
    again = xmlio.parse_bytes(once)
    wrapping_tagger("1944-10-17").tag_tree(again)
    assert xmlio.serialize(again) == once


def test_by_default_names_hold_the_editorial_elements():
    tree = xmlio.parse_bytes(f'<p xmlns="{NS["tei"]}">of <sic>Burros</sic>, '
                             f'<choice><sic>Marshall</sic><corr>Marshal</corr></choice> Stalin</p>'.encode())
    root = tagged(tree, "1944-10-17")[0].getroot()
    names = root.findall("tei:persName", NS)
    assert names[0].find("tei:sic", NS).text == "Burros" and names[0].get("ref").endswith("#burrows")
    assert names[1].find("tei:choice", NS) is not None and names[1].get("ref").endswith("#stalin")
    assert " ".join("".join(names[1].xpath(".//text()[not(ancestor::tei:sic)]", namespaces=NS)).split()) == \
        "Marshal Stalin"
