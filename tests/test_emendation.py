"""Emendation: an editor's data file applied as choice/sic/corr, supplied and surplus, failing loudly
on bad entries."""

from __future__ import annotations

import copy
import re
import tomllib
from pathlib import Path

import pytest
from lxml import etree

from editio.transforms.emendation import EmendationTransform, load
from editio.enrich import Context
from editio.errors import InputError

ROOT = Path(__file__).resolve().parents[1]
FIX = ROOT / "tests/fixtures/emendation"
NS = {"t": "http://www.tei-c.org/ns/1.0"}


def unemend(tree):
    """Put the printed text back: the sic of every choice, surplus as it stands, no supplied text."""
    for c in tree.xpath("//t:choice", namespaces=NS):
        seg = etree.Element(f"{{{NS['t']}}}seg")
        seg.text, seg.tail = c.findtext("t:sic", namespaces=NS), c.tail
        c.getparent().replace(c, seg)
    for c in tree.xpath("//t:supplied", namespaces=NS):
        seg = etree.Element(f"{{{NS['t']}}}seg")
        seg.tail = c.tail
        c.getparent().replace(c, seg)
    return tree


def interventions(tree):
    """(printed, corrected) of every intervention in the text: choice, supplied, surplus."""
    out = []
    for el in tree.xpath("//t:text//t:choice | //t:text//t:supplied | //t:text//t:surplus", namespaces=NS):
        name = etree.QName(el).localname
        if name == "choice":
            out.append((el.findtext("t:sic", namespaces=NS), el.findtext("t:corr", namespaces=NS) or ""))
        else:
            out.append(("", el.text) if name == "supplied" else (el.text, ""))
    return out


def run(data: str, xml: Path = FIX / "small.xml"):
    tree = etree.parse(str(xml))
    ctx = Context(source=str(xml), base_dir=FIX, settings={"emendations": data})
    EmendationTransform().apply(tree, ctx)
    return tree


def test_emendations_become_choice_sic_corr():
    tree = run("good.txt")
    choices = tree.xpath("//t:choice", namespaces=NS)
    assert [(c.findtext("t:sic", namespaces=NS), c.findtext("t:corr", namespaces=NS)) for c in choices] == [
        ("bad", "had"), ("rallied", "replied")]
    corr = choices[1].find("t:corr", NS)
    assert corr.get("resp") == "#dsmall-ed" and corr.get("cert") == "high"
    assert choices[0].find("t:corr", NS).get("cert") is None
    # the other "they bad" (in the note, and "Later they bad none") and the header are untouched
    assert tree.xpath("string(//t:text//t:note)", namespaces=NS) == "they bad a note"
    assert "Later they bad none." in etree.tostring(tree, encoding="unicode")
    assert tree.xpath("string(//t:title)", namespaces=NS) == "they bad some"


def test_text_outside_the_emendations_is_unchanged():
    before = etree.parse(str(FIX / "small.xml"))
    after = run("good.txt")
    unemend(after)
    text = lambda t: " ".join(t.getroot().find("{*}text").itertext()).split()  # noqa: E731
    assert text(after) == text(before)


@pytest.mark.parametrize("data, line, message", [
    ("nomatch.txt", 2, "matches nothing"),
    ("ambiguous.txt", 3, "matches 2 places"),
    ("malformed.txt", 3, "expected 'left context {misread => correction}"),
    ("badcert.txt", 1, "cert must be one of"),
])
def test_bad_entries_fail_with_file_and_line(data, line, message):
    with pytest.raises(InputError) as err:
        run(data)
    assert f"{data}:{line}: error: " in str(err.value)
    assert message in str(err.value)


def test_without_a_data_file_nothing_happens():
    tree = etree.parse(str(FIX / "small.xml"))
    EmendationTransform().apply(tree, Context(settings={}))
    assert not tree.xpath("//t:choice", namespaces=NS)


# ------------------------------------------------------------------ seed 001, the edition's data file

SEED = "seeds/001_4675f7a8ca8e1c30.txt"


@pytest.fixture(scope="module")
def seed001():
    from editio.convert import apply_settings
    from editio.readers import read_source
    from editio.writer import write_tei

    edition = tomllib.loads((ROOT / "edition.toml").read_text(encoding="utf-8"))
    settings = next(d for d in edition["document"] if d["source"] == SEED)
    doc = read_source(ROOT / SEED, settings["id"], settings.get("reader"), settings)
    apply_settings(doc, settings)
    before = write_tei(doc, settings)
    after = copy.deepcopy(before)
    EmendationTransform().apply(after, Context(source=SEED, base_dir=ROOT, settings=settings))
    return settings, before, after


def test_every_entry_of_the_edition_is_applied_once(seed001):
    settings, _, after = seed001
    entries = load(ROOT / settings["emendations"])
    assert sorted(interventions(after)) == sorted(e.parts()[1:] for e in entries)


@pytest.mark.parametrize("sic, corr, cert", [
    ("bad", "had", "high"), ("seoure", "secure", None), ("seourity", "security", None),
    ("lie", "He", "high"), ("Marshall", "Marshal", "high"), ("rallied", "replied", "high"),
    ("seed", "said", "high"), ("corning", "coming", "high"), ("me", "we", "high"), ("end", "and", "high"),
    ("he", "the", "high"), ("he", "be", "high"), ("The", "Three", "medium"), (",", ".", "high"),
])
def test_known_misreadings_of_001_are_corrected(seed001, sic, corr, cert):
    _, _, after = seed001
    hits = [c for c in after.xpath("//t:choice", namespaces=NS)
            if c.findtext("t:sic", namespaces=NS) == sic and (c.findtext("t:corr", namespaces=NS) or "") == corr]
    assert hits
    for c in hits:
        resp = c.find("t:corr", NS)
        assert resp.get("resp") == "#d1944-10-17-harriman-stalin-ed"
        assert resp.get("cert") == cert


def test_the_printed_text_is_kept_in_sic(seed001):
    _, before, after = seed001
    after = unemend(copy.deepcopy(after))
    words = lambda t: re.findall(r"\w+|[^\w\s]", " ".join(t.getroot().find("{*}text").itertext()))  # noqa: E731
    assert words(after) == words(before)


@pytest.mark.parametrize("before, element, text, after", [
    ("troops, ammunition, and artillery ", "supplied", "would", " be moved"),
    ("but that now that ", "supplied", "we", " were getting"),
    (" ", "supplied", "had", " terminated"),          # after the surplus "and"
    ("land operations under consideration", "supplied", ".", " The"),
    ("the plan to invade ", "surplus", "w", " Japan"),
    ("when the Soviet and", "surplus", ".", " American"),
    ("by the number of fields available", "surplus", ",", "."),
    ("once the war with Germany ", "surplus", "and", " "),
])
def test_missing_words_are_supplied_and_stray_marks_surplus(seed001, before, element, text, after):
    """A missing word or stop is supplied (@reason, @resp), not a sic/corr of its neighbour; a stray
    letter or stop is surplus."""
    _, _, tree = seed001
    hits = [el for el in tree.xpath(f"//t:text//t:{element}", namespaces=NS) if el.text == text
            and (el.getprevious().tail if el.getprevious() is not None else el.getparent().text or "").endswith(before)
            and (el.tail or "").startswith(after)]
    assert len(hits) == 1
    assert hits[0].get("reason") and hits[0].get("resp") == "#d1944-10-17-harriman-stalin-ed"


def test_the_period_spellings_are_all_kept_as_printed(seed001):
    """One policy (editorial principles): Vladivostock, Sungare, Primoria and Tsientsin stand as printed."""
    _, _, tree = seed001
    printed = " ".join(tree.getroot().find("{*}text").itertext())
    emended = {sic for sic, _ in interventions(tree)}
    for spelling in ("Vladivostock", "Sungare", "Primoria", "Tsientsin"):
        assert spelling in printed and spelling not in emended
    principles = (ROOT / "editorial" / "introduction.xml").read_text("utf-8")
    assert "kept as printed" in principles and "Tsientsin" in principles


def test_three_hundred_is_a_conjecture_with_its_certainty(seed001):
    _, _, tree = seed001
    corr = tree.xpath("//t:choice[t:sic='The'][t:corr='Three']/t:corr", namespaces=NS)
    assert len(corr) == 1 and corr[0].get("cert") == "medium"
    note = tree.xpath("//t:notesStmt/t:note[@target=$t]", namespaces=NS,
                      t="#" + corr[0].getparent().get("{http://www.w3.org/XML/1998/namespace}id"))
    assert "200" in note[0].text and "100" in note[0].text


def test_names_data_and_emendations_agree_on_marshall(seed001):
    """'Marshall' is the OCR's, corrected by the emendation file; names.toml does not make it a title."""
    _, _, tree = seed001
    from editio import names
    data = names.load(ROOT / "editorial" / "names.toml")
    assert "Marshall" not in data.titles
    assert tree.xpath("//t:choice[t:sic='Marshall'][t:corr='Marshal']", namespaces=NS)
