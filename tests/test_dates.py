"""The date normaliser: absolute, partial, numeric, file-number and relative dates."""

from __future__ import annotations

from pathlib import Path

import pytest

from editio import xmlio
from editio.transforms import dates
from editio.enrich import Context

ROOT = Path(__file__).resolve().parents[1]
NS = {"tei": "http://www.tei-c.org/ns/1.0"}
TEI_DOC = Path(__file__).parent / "fixtures" / "tagging" / "undated-header.xml"


def tagged(text: str, doc_date: str | None):
    out = dates.DateTagger(doc_date).split(text, 1) or []
    return [(p.text, {k: v for k, v in p.attrib.items()}) for p in out if not isinstance(p, str)]


@pytest.mark.parametrize("text,doc_date,attrs", [
    ("June 10, 1944", None, {"when": "1944-06-10"}),
    ("Oct 17, 1944", None, {"when": "1944-10-17"}),
    ("JULY 3, 1945", None, {"when": "1945-07-03"}),
    ("Tuesday, March 30, 2004", None, {"when": "2004-03-30"}),
    ("15 December 1944", None, {"when": "1944-12-15"}),
    ("October 1944", None, {"notBefore": "1944-10-01", "notAfter": "1944-10-31"}),
    ("Oct 11-15, 1944", None, {"notBefore": "1944-10-11", "notAfter": "1944-10-15"}),
    ("July 2", "1945-07-03", {"when": "1945-07-02", "cert": "high"}),
    ("October 15", "1944-10-17", {"when": "1944-10-15", "cert": "high"}),
    ("1/21/45", None, {"when": "1945-01-21"}),
    ("44-6-10", None, {"when": "1944-06-10"}),
    ("last February", "1944-06-10", {"notBefore": "1944-02-01", "notAfter": "1944-02-29", "cert": "high"}),
    ("last June", "1944-06-10", {"notBefore": "1943-06-01", "notAfter": "1943-06-30", "cert": "high"}),
    ("last night", "1944-12-15", {"when": "1944-12-14", "cert": "high"}),
    ("next spring", "1944-10-17", {"notBefore": "1945-03-01", "notAfter": "1945-05-31", "cert": "medium"}),
    ("next spring", "1945-02-10", {"notBefore": "1945-03-01", "notAfter": "1945-05-31", "cert": "medium"}),
    ("the closing months of 1945", "1944-10-17", {"notBefore": "1945-10-01", "notAfter": "1945-12-31",
                                                  "cert": "medium"}),
    ("in about two weeks", "1944-10-17", {"notBefore": "1944-10-27", "notAfter": "1944-11-04", "cert": "low"}),
    ("in two weeks", "1944-10-17", {"when": "1944-10-31", "cert": "medium"}),
])
def test_date_expressions(text, doc_date, attrs):
    assert tagged(f"He said {text} it was.", doc_date) == [(text, attrs)]


def test_the_date_in_a_frus_file_number_is_the_date_part_only():
    assert dates.file_number_date("761.93/12–1544") == "1944-12-15"
    assert dates.file_number_date("740.0011 EW/1–145") == "1945-01-01"
    assert tagged("761.93/12–1544: Telegram", None) == [("12–1544", {"when": "1944-12-15"})]


@pytest.mark.parametrize("text", ["February 30, 1944", "13/21/45", "§ 1-25-184", "641/ROB 412",
                                  "you may 5 times", "six months", "item 15 on the list"])
def test_things_that_are_not_dates(text):
    assert tagged(text, "1944-06-10") == []


def test_relative_dates_need_the_documents_date():
    report: list[str] = []
    assert dates.DateTagger(None, report).split("last night", 1) is None
    assert report and "document's date" in report[0].message


def test_header_gets_the_documents_date_and_bare_dates_get_values():
    tree = xmlio.parse(TEI_DOC)
    dates.DateTransform().apply(tree, Context(document_date="1944-12-15"))
    root = tree.getroot()
    created = root.find(".//tei:profileDesc/tei:creation/tei:date", NS)
    assert created.get("when") == "1944-12-15"
    bare = root.find(".//tei:correspAction/tei:date", NS)
    assert bare.get("when") == "1944-12-15"
    body = [(d.text, d.get("when")) for d in root.iterfind(".//tei:body//tei:date", NS)]
    assert body == [("12–1544", "1944-12-15"), ("last night", "1944-12-14")]
    once = xmlio.serialize(tree)
    dates.DateTransform().apply(tree, Context(document_date="1944-12-15"))
    assert xmlio.serialize(tree) == once


def test_dates_inside_names_and_identifiers_are_left_alone():
    tree = xmlio.parse_bytes(f'<p xmlns="{NS["tei"]}"><idno>761.93/12–1544</idno> '
                             f'<orgName>June 10, 1944 Committee</orgName></p>'.encode())
    dates.DateTransform().apply(tree, Context(document_date="1944-12-15"))
    assert tree.getroot().find(".//tei:date", NS) is None
