"""The hard cases of each of the five documents, as tagged by `editio convert` (into a temporary
folder: tests/conftest.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from editio import entities, register, xmlio
from editio.transforms.tagger import tag_file
from flagship import converted_tei

ROOT = Path(__file__).resolve().parents[1]
TEI = converted_tei()
NS = {"tei": "http://www.tei-c.org/ns/1.0"}
DOCS = {
    "000": "1944-06-10-harriman-stalin", "001": "1944-10-17-harriman-stalin",
    "002": "1944-12-15-harriman-roosevelt", "003": "1945-07-03-harriman-soong-memorandum",
    "004": "1945-07-03-harriman-cable",
}
NAME = "*[self::tei:persName or self::tei:placeName or self::tei:orgName or self::tei:geogName or self::tei:rs]"


def doc(key):
    return xmlio.parse(TEI / f"{DOCS[key]}.xml").getroot()


def mentions(root, text, where="//tei:text//"):
    """Entry ids of the name elements whose text is `text` (or whose emended sic or corr is)."""
    found = root.xpath(f"{where}{NAME}[normalize-space()=$t or .//tei:sic[normalize-space()=$t]"
                       f" or .//tei:corr[normalize-space()=$t] or .//tei:rdg[normalize-space()=$t]"
                       f" or .//tei:lem[normalize-space()=$t]]", namespaces=NS, t=text)
    return sorted({e.get("ref").split("#")[1] for e in found})


@pytest.mark.parametrize("key,text,entry_id", [
    ("000", "Marshal Stalin", "stalin"), ("000", "Marshal", "stalin"), ("000", "President", "roosevelt"),
    ("000", "Prime Minister", "churchill"), ("000", "Sovietski Gavan", "sovetskaya-gavan"),
    ("000", "Beane", "deane"), ("000", "Burros", "burrows"), ("000", "Military Mission in Moscow",
                                                             "us-military-mission-moscow"),
    ("000", "Chiefs of Staff", "joint-chiefs-of-staff"), ("000", "Red Air Force", "red-air-force"),
    ("000", "Kurile Islands", "kurile-islands"), ("000", "Aleutians", "aleutian-islands"),
    ("001", "Sovietskaya-Gavan", "sovetskaya-gavan"), ("001", "Vladivostock", "vladivostok"),
    ("001", "General of the Armies Antonov", "antonov"), ("001", "Major General John R. Deane", "deane"),
    ("001", "Sungare River", "sungari"), ("001", "Primoria", "primorye"), ("001", "Japan Sea", "sea-of-japan"),
    ("001", "Trans-Siberian Railroad", "trans-siberian-railway"), ("001", "Tsientsin", "tianjin"),
    ("001", "Ambassador", "harriman"), ("001", "President", "roosevelt"), ("001", "Mr Eden", "eden"),
    ("002", "President", "roosevelt"), ("002", "Dairen", "dalian"), ("002", "Port Arthur", "port-arthur"),
    ("002", "Chinese-Eastern Railway", "chinese-eastern-railway"), ("002", "Teheran", "tehran"),
    ("002", "Liaotung Peninsula", "liaodong-peninsula"), ("002", "Republic of Outer Mongolia", "outer-mongolia"),
    ("003", "Generalissimo Stalin", "stalin"), ("003", "Dr. T. V. Soong", "soong"), ("003", "WAH", "harriman"),
    ("003", "Dairen", "dalian"), ("003", "Dalian", "dalian"), ("003", "Lüshunkou District", "port-arthur"),
    ("003", "Siberian railroad", "trans-siberian-railway"),
    ("004", "PRESIDENT", "truman"), ("004", "Darien", "dalian"), ("004", "Port Arthur", "port-arthur"),
    ("004", "South Manchurian", "south-manchurian-railway"), ("004", "W. A. HARRIMAN", "harriman"),
])
def test_hard_cases_resolve_to_one_entry(key, text, entry_id):
    assert mentions(doc(key), text) == [entry_id]


@pytest.mark.parametrize("key,text,entry_id", [
    ("000", "Mr. Page", "page"), ("000", "Mr. Pavlov", "pavlov"), ("000", "The Kremlin", "kremlin"),
    ("002", "the President", "roosevelt"), ("002", "Harriman", "harriman"),
    ("004", "THE PRESIDENT", "truman"), ("004", "W. A. HARRIMAN", "harriman"),
])
def test_header_names_point_to_the_same_entries(key, text, entry_id):
    root = doc(key)
    assert mentions(root, text, "//tei:profileDesc//") == [entry_id]


def test_variants_across_documents_meet_in_one_entry():
    gavan = mentions(doc("000"), "Sovietski Gavan") + mentions(doc("001"), "Sovietskaya-Gavan")
    dairen = mentions(doc("002"), "Dairen") + mentions(doc("004"), "Darien") + mentions(doc("003"), "Dalian")
    assert set(gavan) == {"sovetskaya-gavan"} and set(dairen) == {"dalian"}


def test_the_president_changes_with_the_date():
    assert mentions(doc("000"), "President") == ["roosevelt"]
    assert mentions(doc("004"), "PRESIDENT") == ["truman"]


@pytest.mark.parametrize("key,text", [("000", "Allied"), ("000", "allied"), ("000", "British"),
                                      ("001", "Far Eastern"), ("002", "Outer Mongolian"), ("004", "Soviet-Chinese")])
def test_not_names_are_not_tagged(key, text):
    root = doc(key)
    assert root.xpath(f"//tei:text//{NAME}[contains(., $t)]", namespaces=NS, t=text) == []


def test_every_ref_resolves_no_entry_unused_and_nothing_untagged():
    report = entities.build(sorted(TEI.glob("*.xml")), TEI / "register" / "register.xml", ROOT / "editorial" / "names.toml")
    assert report.dangling == [] and report.unresolved == []
    assert report.unused == []
    assert [f.text for f in report.untagged] == []
    assert len(register.load(TEI / "register" / "register.xml").entries) > 70


def test_tagging_the_edition_again_changes_nothing(tmp_path):
    for name in DOCS.values():
        result = tag_file(TEI / f"{name}.xml", TEI / "register" / "register.xml", names_path=ROOT / "editorial" / "names.toml")
        assert not result["changed"], name
