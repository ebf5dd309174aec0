"""`editio import` / `editio export` on the three FRUS volumes in ../shared/frus, as a user checks them.

Each volume is imported once per session (through the CLI) into a temporary folder; the tests read
what was written. Validation against tei_all runs once per volume, as one batch.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from lxml import etree
from typer.testing import CliRunner

from archive_support import FRUS, VOLUMES, imported_volumes
from editio import register
from editio.cli import app

TEI = "http://www.tei-c.org/ns/1.0"
FRUS_NS = "http://history.state.gov/frus/ns/1.0"
NS = {"t": TEI, "frus": FRUS_NS}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
runner = CliRunner()

pytestmark = pytest.mark.skipif(not FRUS.is_dir(), reason="../shared/frus is not here")


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture(scope="session")
def imported():
    """{volume id: (TEI folder, the import's CLI result, exported volume, the export's CLI result)}:
    the three volumes imported together, once per test process (archive_support.py)."""
    base, result, exports = imported_volumes()
    return {v: (base / "tei", result, *exports[v]) for v in VOLUMES}


def documents(folder: Path, volume: str) -> list[Path]:
    return sorted(folder.glob(f"{volume}-*.xml"))


@pytest.mark.parametrize("volume", VOLUMES)
def test_one_document_per_div_document(imported, volume):
    folder, result, *_ = imported[volume]
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    original = etree.parse(str(FRUS / f"{volume}.xml"))
    ids = [d.get(XML_ID) for d in original.iterfind(".//t:div[@type='document']", NS)]
    assert len(ids) == VOLUMES[volume]
    assert next(v for v in report["volumes"] if v["volume"] == volume)["documents"] == VOLUMES[volume]
    assert sorted(p.name for p in documents(folder, volume)) == sorted(f"{volume}-{i}.xml" for i in ids)


@pytest.mark.parametrize("volume", VOLUMES)
def test_every_document_valid_tei_all(imported, volume):
    from editio.validation.schemas import find_tei_all
    if find_tei_all() is None:
        pytest.skip("tei_all.rng is not in place (tools/test-deps.sh)")
    folder, *_ = imported[volume]
    files = documents(folder, volume) + sorted((folder / "register").glob("*.xml")) + \
        sorted((folder / "outline").glob("*.xml"))
    result = run("validate", "--schema", "tei_all", "--schematron", "none", "--format", "json", *files)
    report = json.loads(result.stdout)
    invalid = [(f["file"], f["issues"][:1]) for f in report["files"] if not f["valid"]]
    assert report["summary"]["files"] == len(files)
    assert not invalid and result.exit_code == 0


@pytest.mark.parametrize("volume", VOLUMES)
def test_every_document_has_title_date_source_and_url(imported, volume):
    folder, *_ = imported[volume]
    for path in documents(folder, volume):
        doc = etree.parse(str(path))
        unit_id = doc.find(".//t:body/t:div", NS).get(XML_ID)
        title = doc.findtext("t:teiHeader/t:fileDesc/t:titleStmt/t:title[@type='main']", namespaces=NS)
        assert title and title.strip(), path
        date = doc.find("t:teiHeader/t:profileDesc/t:creation/t:date", NS)
        assert date is not None and (date.get("when") or date.get("notBefore") or date.get("notAfter")), path
        bibl = doc.find("t:teiHeader/t:fileDesc/t:sourceDesc/t:bibl[@type='citation']", NS)
        url = f"https://history.state.gov/historicaldocuments/{volume}/{unit_id}"
        assert bibl.find("t:ref", NS).get("target") == url
        assert bibl.findtext("t:bibl[@type='volume']/t:idno[@type='frus']", namespaces=NS) == volume
        assert bibl.findtext("t:bibl[@type='volume']/t:title", namespaces=NS).startswith(
            ("Papers Relating to the Foreign Relations", "Foreign Relations"))


def test_dates_come_from_the_dateline_or_are_marked_inferred(imported):
    folder, result, *_ = imported["frus1918Russiav03"]
    d1 = etree.parse(str(folder / "frus1918Russiav03-d1.xml"))
    date = d1.find(".//t:creation/t:date", NS)
    assert date.get("when") == "1917-04-03T18:00:00" and date.text == "April 3, 1917, 6 p.m."
    assert d1.findtext(".//t:creation/t:placeName", namespaces=NS) == "Washington"
    d28 = etree.parse(str(folder / "frus1918Russiav03-d28.xml")).find(".//t:creation/t:date", NS)
    assert (d28.get("type"), d28.get("cert"), d28.get("notBefore"), d28.get("notAfter")) == \
        ("inferred", "low", "1917-08-02", "1917-08-21")
    warnings = json.loads(result.stdout)["warnings"]
    assert {"file": str(FRUS / "frus1918Russiav03.xml"), "line": 5798, "rule": "import-date-inferred"}.items() <= \
        next(w for w in warnings if "d28 has no date" in w["message"]).items()


def test_register_holds_the_88_persons_and_every_pointer_resolves(imported):
    folder, *_ = imported["frus1918Russiav03"]
    reg_path = folder / "register" / "frus1918Russiav03.xml"
    reg = register.load(reg_path)               # the flagship's loader reads it: same shape
    persons = [e for e in reg.entries.values() if e.kind == "person"]
    assert len(persons) == 88
    lansing = reg["frus1918Russiav03-p_LR1"]
    assert lansing.surname == "Lansing" and lansing.name.startswith("Lansing, ")
    pointers, resolved = 0, 0
    for path in documents(folder, "frus1918Russiav03"):
        doc = etree.parse(str(path))
        header = doc.findall("t:teiHeader//t:correspAction/t:persName[@ref]", NS)   # copied from the head
        assert all(el.get("ref").split("#")[1] in reg for el in header)
        for el in doc.iterfind("t:text//t:persName[@ref]", NS):
            for uri in el.get("ref").split():
                pointers += 1
                target, _, frag = uri.partition("#")
                resolved += (folder / target).resolve() == reg_path.resolve() and frag in reg
    outline = etree.parse(str(folder / "outline" / "frus1918Russiav03.xml"))
    local_ids = {e.get(XML_ID) for e in outline.iter() if isinstance(e.tag, str)}
    in_outline = [v for el in outline.iterfind(".//t:persName[@corresp]", NS) for v in el.get("corresp").split()]
    assert pointers == resolved
    assert all(v[1:] in local_ids for v in in_outline)       # the List of Papers points into the list itself
    assert pointers + len(in_outline) == 2155


def test_attachments_become_divisions_that_say_what_they_were(imported):
    folder, *_ = imported["frus1894Nicaragua"]
    original = etree.parse(str(FRUS / "frus1894Nicaragua.xml"))
    expected = len(original.findall(".//t:div[@type='document']//frus:attachment", NS))
    found = Counter()
    for path in documents(folder, "frus1894Nicaragua"):
        doc = etree.parse(str(path))
        assert not doc.findall(".//frus:attachment", NS)
        found["attachment"] += len(doc.findall(".//t:div[@type='frus:attachment']", NS))
    assert expected > 100 and found["attachment"] == expected
    d2 = etree.parse(str(folder / "frus1894Nicaragua-d2.xml"))
    document = d2.find(".//t:body/t:div[@type='document']", NS)
    kinds = [(c.get("type") if etree.QName(c).localname == "div" else etree.QName(c).localname) for c in document]
    assert kinds == ["head", "dateline", "editio:text", "pb", "frus:attachment"]    # the letter, then its enclosure


def test_outline_groups_the_documents(imported):
    folder, *_ = imported["frus1936v03"]
    outline = etree.parse(str(folder / "outline" / "frus1936v03.xml"))
    marks = outline.findall(".//t:divGen[@type='editio:unit']", NS)
    assert len(marks) == 586 and all((folder / "outline" / m.get("corresp")).is_file() for m in marks)
    ethiopia = outline.xpath("//t:div[@xml:id='comp3']", namespaces=NS)[0]
    assert ethiopia.findtext("t:head", namespaces=NS).startswith("Ethiopia")
    assert len(ethiopia.findall(".//t:divGen", NS)) == 382
    first = Path(ethiopia.find(".//t:divGen", NS).get("corresp")).name
    terms = etree.parse(str(folder / first)).findall(".//t:keywords[@scheme='#outline']/t:term", NS)
    assert [(t.get("type"), t.get("n")) for t in terms] == [("volume", "frus1936v03"), ("compilation", "comp3"),
                                                            ("chapter", "ch6"), ("subchapter", "ch6subch1")]


def test_cross_document_pointers_name_the_file(imported):
    folder, *_ = imported["frus1894Nicaragua"]
    d2 = etree.parse(str(folder / "frus1894Nicaragua-d2.xml"))
    ref = d2.xpath("//t:note[@xml:id='d2fn1']/t:ref", namespaces=NS)[0]
    assert ref.get("target") == "frus1894Nicaragua-d1.xml"           # the whole document: the web links it


@pytest.mark.parametrize("volume", VOLUMES)
def test_round_trip_gives_the_volume_back(imported, volume):
    """Import, export, compare: each document's C14N, and the whole volume's, equal the original's."""
    folder, _, exported, exp = imported[volume]
    assert exp.exit_code == 0, exp.output
    original = etree.parse(str(FRUS / f"{volume}.xml"))
    back = etree.parse(str(exported))
    a = original.findall(".//t:div[@type='document']", NS)
    b = back.findall(".//t:div[@type='document']", NS)
    assert [d.get(XML_ID) for d in a] == [d.get(XML_ID) for d in b]
    differing = [x.get(XML_ID) for x, y in zip(a, b)
                 if etree.tostring(x, method="c14n") != etree.tostring(y, method="c14n")]
    assert differing == []
    assert etree.tostring(original, method="c14n") == etree.tostring(back, method="c14n")


def test_reimport_is_byte_identical_whatever_the_workers(imported, tmp_path):
    folder, *_ = imported["frus1894Nicaragua"]          # imported with one worker per CPU
    again = run("import", FRUS / "frus1894Nicaragua.xml", "--out", tmp_path, "--format", "json", "--jobs", "1")
    assert again.exit_code == 0
    for path in sorted(tmp_path.rglob("*.xml")):
        assert path.read_bytes() == (folder / path.relative_to(tmp_path)).read_bytes(), path
    check = run("import", FRUS / "frus1894Nicaragua.xml", "--out", tmp_path, "--check")
    assert check.exit_code == 0 and "139 unchanged" in check.stdout


# FRUS's own dangling pointers: "see" cross-references of the back-of-book index to index items the
# volume does not hold (1918: #in1, #in3 … ; the volume holds only in4, in8, in9, in15 …)
DANGLING = {"frus1918Russiav03": (39, 84), "frus1936v03": (28, 138), "frus1894Nicaragua": (0, 0)}


def _pointers_to_nothing(volume: Path) -> Counter:
    """Every '#x' of a pointing attribute that names no xml:id of the volume, counted (read here with
    lxml alone, not with editio)."""
    tree = etree.parse(str(volume), etree.XMLParser(huge_tree=True, collect_ids=False))
    ids = {el.get("{http://www.w3.org/XML/1998/namespace}id") for el in tree.iter()}
    found = Counter()
    for el in tree.iter(etree.Element):
        for name in ("target", "corresp", "ref", "ana", "who", "sameAs", "prev", "next"):
            found.update(t for t in (el.get(name) or "").split() if t.startswith("#") and t[1:] not in ids)
    return found


@pytest.mark.parametrize("volume", list(VOLUMES))
def test_import_warns_of_each_dangling_pointer_of_the_volume_once_with_its_count(imported, volume):
    _, result, *_ = imported[volume]
    report = json.loads(result.stdout)
    source = str(FRUS / f"{volume}.xml")
    found = {d["pointer"]: d["count"] for d in report["dangling_pointers"] if d["source"] == source}
    assert found == dict(_pointers_to_nothing(FRUS / f"{volume}.xml"))
    assert (len(found), sum(found.values())) == DANGLING[volume]
    warned = [w for w in report["warnings"] if w["rule"] == "import-dangling-pointer" and w["file"] == source]
    assert len(warned) == len(found)
    if volume == "frus1918Russiav03":
        [in3] = [w for w in warned if "'#in3'" in w["message"]]
        assert "ref/@target" in in3["message"] and "7 times" in in3["message"]
        assert f"outline/{volume}.xml" in in3["message"]       # all in the index, none in a document
