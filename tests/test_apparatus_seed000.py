"""Seed 000: the two witnesses of the 10 June 1944 memorandum, collated into one apparatus.

The witnesses come from the converter (reader + writer, before enrichment), so these tests follow
the seed itself; the apparatus comes from ApparatusTransform.
"""

from __future__ import annotations

import copy
import tomllib
from pathlib import Path

import pytest
from lxml import etree

from editio.transforms.apparatus import ApparatusTransform, witness_text
from editio.collation import Rules, tokenize
from editio.enrich import Context

ROOT = Path(__file__).resolve().parents[1]
NS = {"t": "http://www.tei-c.org/ns/1.0"}
SEED = "seeds/000_5e144c30bd1a708a.txt"
WA, WB = "#d1944-06-10-harriman-stalin-wA", "#d1944-06-10-harriman-stalin-wB"


def _witness_tree():
    from editio.convert import apply_settings
    from editio.readers import read_source
    from editio.writer import write_tei

    edition = tomllib.loads((ROOT / "edition.toml").read_text(encoding="utf-8"))
    settings = next(d for d in edition["document"] if d["source"] == SEED)
    doc = read_source(ROOT / SEED, settings["id"], settings.get("reader"), settings)
    apply_settings(doc, settings)
    return write_tei(doc, settings)


@pytest.fixture(scope="module")
def trees():
    before = _witness_tree()
    after = copy.deepcopy(before)
    ctx = Context(source=SEED)
    ApparatusTransform().apply(after, ctx)
    return before, after, ctx


def words(text: str) -> list[str]:
    return [t.text for t in tokenize(text, Rules(marks=""))]


def app_readings(app) -> dict[str, str]:
    out = {}
    for rdg in app.xpath("t:rdg", namespaces=NS):
        for wit in rdg.get("wit").split():
            out[wit] = etree.tostring(rdg, method="c14n").decode()
    return out


def rdg_text(app, wit) -> str:
    rdg = app.xpath(f"t:rdg[contains(concat(' ', @wit, ' '), ' {wit} ')]", namespaces=NS)[0]
    return " ".join("".join(rdg.itertext()).split())


def find_app(tree, a: str, b: str):
    hits = [app for app in tree.iter("{*}app") if rdg_text(app, WA) == a and rdg_text(app, WB) == b]
    assert hits, f"no app with A={a!r} B={b!r}"
    return hits


def test_witness_divs_become_one_document(trees):
    _, after, _ = trees
    body = after.find(".//{*}body")
    assert [d.get("type") for d in body] == ["document"]
    assert not after.xpath("//t:div[@type='witness']", namespaces=NS)


@pytest.mark.parametrize("a, b, kind", [
    ("Allied", "allied", "orthographic"),                 # "confront the Allied armies"
    ("war", "was", "substantive"),                        # "waging war on land and sea"
    ("commitments", "committees", "substantive"),         # "the protocol commitments"
    ("Beane", "Deane", "substantive"),                    # "between General Beane/Deane"
    ("the", "that", "substantive"),                       # "I hoped the/that Russian"
    ("--", "-", "punctuation"),                           # "Amur River -- to Nikolaevsk"
    (".", "", "punctuation"),                             # heading "Conversation." / "Conversation"
])
def test_known_word_differences_are_minimal_apps(trees, a, b, kind):
    _, after, _ = trees
    (app,) = find_app(after, a, b)
    assert app.get("type") == kind


def test_struck_we_and_inserted_if(trees):
    _, after, _ = trees
    (inserted,) = find_app(after, "", "if")
    assert inserted.xpath("t:rdg[@wit=$w]/t:add[@place='above']", w=WB, namespaces=NS)
    (struck,) = find_app(after, "we", "we")
    assert struck.xpath("t:rdg[@wit=$w]/t:del[@rend='strikethrough']/text()", w=WA, namespaces=NS) == ["we"]
    assert not struck.xpath("t:rdg[@wit=$w]/t:del", w=WB, namespaces=NS)
    assert struck.get("type") == "substantive"


def test_sic_of_one_witness_stays_inside_its_reading(trees):
    _, after, _ = trees
    (app,) = find_app(after, "Burros", "Burros")
    assert app.xpath("t:rdg[@wit=$w]/t:sic", w=WB, namespaces=NS)
    assert not app.xpath("t:rdg[@wit=$w]/t:sic", w=WA, namespaces=NS)


def test_struck_classification_of_the_scan(trees):
    _, after, _ = trees
    (app,) = find_app(after, "SECRET", "SECRET")
    assert app.getparent().get("type") == "classification"
    assert app.xpath("t:rdg[@wit=$w]/t:del", w=WA, namespaces=NS)


def test_redactions_of_the_transcript_are_its_readings(trees):
    _, after, _ = trees
    gaps = after.xpath("//t:app/t:rdg[@wit=$w]/t:gap[@reason='redacted']", w=WB, namespaces=NS)
    assert len(gaps) == 2


def test_page_breaks_belong_to_their_witness(trees):
    _, after, _ = trees
    pbs = after.xpath("//t:text//t:pb", namespaces=NS)
    a_pbs = [pb.get("n") for pb in pbs if pb.get("edRef") == WA]
    b_pbs = [pb for pb in pbs if pb.get("edRef") == WB]
    assert a_pbs == ["2", "3", "4"]
    assert len(b_pbs) == 2 and all(pb.get("ed") == "B" and pb.get("n") is None for pb in b_pbs)
    assert all(pb.get("edRef") for pb in pbs if pb.xpath("not(ancestor::t:rdg)", namespaces=NS))
    # B's breaks fall mid-sentence: "between | General Deane", "Russian military | authorities"
    following = [" ".join((pb.tail or "").split()[:1]) or pb.getnext().tag for pb in b_pbs]
    assert following[0] == "General" and following[1] == "authorities"


@pytest.mark.parametrize("what", ["docket", "stamp", "handwritten"])
def test_notes_of_the_scan_only_are_given_to_witness_a(trees, what):
    _, after, _ = trees
    notes = after.xpath("//t:note[@type=$w]", w=what, namespaces=NS)
    assert notes
    for note in notes:
        rdg = note.getparent()
        assert rdg.tag.endswith("rdg") and rdg.get("wit") == WA
        assert rdg.getparent().xpath("t:rdg[@wit=$w][not(node())]", w=WB, namespaces=NS)


def test_footer_and_page_numbers_only_in_witness_a(trees):
    _, after, _ = trees
    fws = after.xpath("//t:fw[@type='footer' or @type='pageNum']", namespaces=NS)
    assert sorted("".join(f.itertext()) for f in fws if f.get("type") == "pageNum") == ["-2-", "-3-", "-4-"]
    assert all(f.getparent().get("wit") == WA for f in fws)


def test_subheading_of_the_scan_only(trees):
    _, after, _ = trees
    (head,) = after.xpath("//t:head[@type='sub']", namespaces=NS)
    assert rdg_text(head.find("{*}app"), WA) == "The Far East"
    assert rdg_text(head.find("{*}app"), WB) == ""


def test_no_app_where_the_witnesses_agree(trees):
    _, after, _ = trees
    rules = Rules()
    for app in after.iter("{*}app"):
        readings = {}
        for rdg in app.findall("{*}rdg"):
            toks = tokenize(" ".join(rdg.itertext()), rules)
            marks = [el.tag for el in rdg.iter() if el is not rdg]
            readings[rdg.get("wit")] = ([t.form for t in toks], marks)
        assert len(set(map(repr, readings.values()))) == len(readings), etree.tostring(app)


def test_every_app_covers_each_witness_once(trees):
    _, after, _ = trees
    for app in after.iter("{*}app"):
        wits = [w for rdg in app.findall("{*}rdg") for w in rdg.get("wit").split()]
        assert sorted(wits) == [WA, WB]


def test_the_apparatus_holds_every_difference_and_no_more(trees):
    """15 textual variants (the seven word/punctuation differences, if/we as two, Burros [sic],
    the classification, two redactions, the subheading) plus one app per piece of furniture of A."""
    _, after, _ = trees
    typed = [a for a in after.iter("{*}app") if a.get("type")]
    assert len(typed) == 13
    head_apps = after.xpath("//t:head[@type='sub']/t:app", namespaces=NS)
    assert len(head_apps) == 1


@pytest.mark.parametrize("wit, index", [(WA, 0), (WB, 1)])
def test_each_witness_is_reconstructed_word_for_word(trees, wit, index):
    before, after, _ = trees
    original = before.xpath("//t:div[@type='witness']", namespaces=NS)[index]
    merged = after.xpath("//t:div[@type='document']", namespaces=NS)[0]
    expected = words(witness_text(original, wit))
    assert expected and words(witness_text(merged, wit)) == expected


def test_the_merged_text_is_valid_tei_structure(trees):
    """app may not hold head/item/dateline in rdg: such blocks keep their shell."""
    _, after, _ = trees
    assert not after.xpath("//t:rdg/t:head | //t:rdg/t:item | //t:rdg/t:dateline | //t:rdg/t:opener",
                           namespaces=NS)
