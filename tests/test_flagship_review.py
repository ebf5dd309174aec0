"""Issue 15: the findings of a reviewer's reading of the flagship edition, each checked on the TEI that
`editio convert --edition edition.toml` writes from seeds/ into a temporary folder (tests/conftest.py)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from lxml import etree

from teiview import NS, ROOT, tei_for_seed, witness_body

S000, S001, S002, S003, S004 = ("000_5e144c30bd1a708a.txt", "001_4675f7a8ca8e1c30.txt", "002_ee78402f5728550e.txt",
                                "003_d19860ca353ac499.txt", "004_2841c4c43bc39477.txt")
ALL = (S000, S001, S002, S003, S004)
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
PUBLISHERS = ("Wilson Center", "Focal Point", "Foreign Relations", "Office of the Historian")


def xp(node, path, **kw):
    return node.xpath(path, namespaces=NS, **kw)


def text(node, path=".") -> str:
    return " ".join(xp(node, f"string({path})").split())


def header(seed):
    return tei_for_seed(seed).find(".//t:teiHeader", NS)


def body(seed):
    return tei_for_seed(seed).find(".//t:text/t:body", NS)


def rid(seed) -> str:
    return tei_for_seed(seed).getroot().get(XML_ID)


# ---------------------------------------------------------------- 1. where the text comes from

@pytest.mark.parametrize("seed, institution, repository, collection, idno", [
    (S000, "Library of Congress", "Manuscript Division", "W. Averell Harriman Papers", "Container # 172"),
    (S003, "Library of Congress", "Manuscript Division", "W. A. Harriman Papers", ""),
    (S001, "Library of Congress", "", "H H Arnold papers", "box 225"),
    (S002, "Department of State", "", "Decimal file", "761.93/12–1544"),
])
def test_msdesc_names_the_archive_that_holds_the_original(seed, institution, repository, collection, idno):
    ident = header(seed).find(".//t:sourceDesc/t:msDesc/t:msIdentifier", NS)
    assert text(ident, "t:institution") == institution
    assert text(ident, "t:repository") == repository
    assert text(ident, "t:collection") == collection
    if idno:
        assert idno in [text(i) for i in xp(ident, "t:idno")]
    described = " ".join(header(seed).find(".//t:msDesc", NS).itertext())
    assert not any(p in described for p in PUBLISHERS), "the publication is not the archive"


def test_004_has_no_archival_description_the_seed_does_not_give():
    assert header(S004).find(".//t:msDesc", NS) is None          # "Original Archive" is empty on the page


@pytest.mark.parametrize("seed, publisher, url, record", [
    (S000, "Wilson Center Digital Archive", "https://wilson-center-digital-archive.dvincitest.com/document/219918", "219918"),
    (S003, "Wilson Center Digital Archive", "https://wilson-center-digital-archive.dvincitest.com/document/123408", "123408"),
    (S004, "Wilson Center Digital Archive", "", ""),
    (S002, "Office of the Historian, U.S. Department of State",
     "https://history.state.gov/historicaldocuments/frus1945Malta/d260", "frus1945Malta/d260"),
    (S001, "Focal Point Publications", "", ""),
])
def test_the_publication_is_a_bibl_with_url_and_record_id(seed, publisher, url, record):
    bibl = header(seed).find(".//t:sourceDesc/t:bibl[@type='citation']", NS)
    assert text(bibl, "t:publisher") == publisher
    assert xp(bibl, "string(t:ref/@target)") == url
    assert text(bibl, "t:idno[@type='record']") == record


def test_frus_is_cited_as_the_volume_document_and_pages():
    bibl = header(S002).find(".//t:sourceDesc/t:bibl[@type='citation']", NS)
    assert text(bibl, "t:title[@level='s']") == "Foreign Relations of the United States"
    assert text(bibl, "t:title[@level='m']") == "Conferences at Malta and Yalta, 1945"
    assert text(bibl, "t:biblScope[@unit='document']") == "260"
    assert text(bibl, "t:biblScope[@unit='page']") == "378–379"


def test_focal_point_page_with_its_date_provenance_and_ocr_note():
    h = header(S001)
    bibl = h.find(".//t:sourceDesc/t:bibl[@type='citation']", NS)
    assert xp(bibl, "string(t:date/@when)") == "2004-03-30"
    provenance = " ".join(text(n) for n in xp(bibl, "t:note[@type='provenance']"))
    assert "David Irving" in provenance and "H. H. Arnold papers" in provenance
    assert "optically scanned" in text(bibl, "t:note[@type='ocr']")
    assert "© Focal Point 2004" in text(bibl, "t:note[@type='rights']")
    # the web footer is no availability statement of the original
    assert not xp(h, ".//t:msDesc//t:availability")


def test_004_keeps_its_own_summary_and_the_page_s_other_one():
    h = header(S004)
    assert text(h, "t:profileDesc/t:abstract/t:p").endswith("the internationaliztion of ports.")
    other = text(h, ".//t:bibl[@type='citation']/t:note[@type='page-summary']")
    assert other == "Harriman reports on Soong and Stalin's July 2 conversation on ports and the issue of Outer Mongolia."
    assert text(h, "t:profileDesc/t:abstract/@resp") == f"#{rid(S004)}-archive"


# ---------------------------------------------------------------- 2. a base text for 000

def test_every_app_of_000_has_a_lemma_from_the_copy_text_or_adopted_with_a_note():
    b = body(S000)
    wits = {w.get("n"): "#" + w.get(XML_ID) for w in xp(header(S000), ".//t:listWit/t:witness")}
    apps = xp(b, ".//t:app")
    assert apps and all(app[0].tag == f"{{{NS['t']}}}lem" for app in apps)
    adopted = [app for app in apps if app[0].get("resp")]
    assert {text(app[0]) for app in adopted} == {"Deane", "if", "we"}
    for app in apps:
        lem = app[0]
        if lem.get("resp"):
            assert lem.get("wit") == wits["B"] and lem.get("resp") == f"#{rid(S000)}-ed"
            assert text(app, "t:note[@type='editorial']")
        else:
            assert lem.get("wit") == wits["A"]


def test_the_edited_text_of_000_reads_the_lemmata():
    b = body(S000)
    lem_only = etree.fromstring(etree.tostring(b))
    for rdg in xp(lem_only, ".//t:rdg | .//t:app/t:note"):
        rdg.getparent().remove(rdg)
    edited = " ".join(" ".join(lem_only.itertext()).split())
    assert "initiated between General Deane and whomever" in edited
    assert "matter and that if we could come to an agreement" in edited
    assert "Beane" not in edited


def test_all_fifteen_box_marks_of_b():
    b = witness_body(tei_for_seed(S000), "B")
    assert len(xp(b, ".//t:milestone[@rend='box-mark']")) == 15
    seed = (ROOT / "seeds" / S000).read_text("utf-8")
    assert seed.count("□") == 15


def test_witnesses_are_described_only_by_what_the_seed_shows():
    for witness in xp(header(S000), ".//t:listWit/t:witness"):
        description = text(witness).lower()
        assert "carbon" not in description
        assert "transcription" in description or "transcript" in description
        assert "typescript" in description


# ---------------------------------------------------------------- 3. references by office

@pytest.mark.parametrize("seed, office, holder", [
    (S000, "President", "roosevelt"), (S000, "Marshal", "stalin"), (S000, "Prime Minister", "churchill"),
    (S001, "Ambassador", "harriman"), (S004, "SECRETARY OF STATE", "byrnes"), (S004, "PRESIDENT", "truman"),
])
def test_offices_are_rs_type_person_with_a_ref(seed, office, holder):
    b = body(seed)
    refs = xp(b, ".//t:rs[@type='person'][normalize-space()=$o]", o=office)
    assert refs and all(r.get("ref").endswith(f"#{holder}") for r in refs)
    assert not xp(b, ".//t:persName[normalize-space()=$o]", o=office)


@pytest.mark.parametrize("seed, role, whole", [
    (S000, "American Ambassador", "The American Ambassador, Mr. Harriman"),
    (S002, "Ambassador in the Soviet Union", "The Ambassador in the Soviet Union (Harriman)"),
])
def test_a_title_in_apposition_is_one_reference(seed, role, whole):
    name = xp(body(seed), ".//t:persName[t:roleName[normalize-space()=$r]]", r=role)
    assert len(name) == 1 and text(name[0]) == whole and name[0].get("ref").endswith("#harriman")


@pytest.mark.parametrize("seed, whole, inner, entry", [
    (S000, "General DeaneBeane", "app", "deane"),
    (S001, "MarshallMarshal Stalin", "choice", "stalin"),
    (S001, "Mr. V. H.M. Molotov", "choice", "molotov"),
])
def test_names_stay_whole_across_editorial_markup(seed, whole, inner, entry):
    b = body(seed)
    hits = [n for n in xp(b, ".//t:persName") if "".join(
        t for t in n.xpath(".//text()[not(ancestor::t:note)]", namespaces=NS)).strip().startswith(whole[:8])
        and n.find(f".//t:{inner}", NS) is not None]
    assert hits and hits[0].get("ref").endswith(f"#{entry}")


def test_wrap_editorial_is_the_default():
    from editio import names
    assert names.NameData().wrap_editorial is True
    assert names.load(ROOT / "editorial" / "names.toml").wrap_editorial is True


@pytest.mark.parametrize("seed, form, entry, element", [
    (S000, "Navy", "us-navy", "orgName"), (S000, "Air Force", "us-army-air-forces", "orgName"),
    (S001, "Mongolia", "mongolia", "placeName"), (S001, "China Coast", "china-coast", "geogName"),
])
def test_services_and_regions_are_the_right_entries(seed, form, entry, element):
    hits = xp(body(seed), f".//t:{element}[normalize-space()=$f]", f=form)
    assert hits and {h.get("ref").split("#")[1] for h in hits} == {entry}
    if form == "Air Force":
        assert any((h.getprevious().tail if h.getprevious() is not None else h.getparent().text or "").endswith("our ")
                   for h in hits)


# ---------------------------------------------------------------- 5. header and documentary details

def test_002_date_is_inferred_from_the_file_number_and_says_so():
    h = header(S002)
    date = h.find("t:profileDesc/t:creation/t:date", NS)
    assert date.get("when") == "1944-12-15" and date.get("cert") == "medium" and date.get("evidence") == "internal"
    note = xp(h, "t:fileDesc/t:notesStmt/t:note[@target=$t]", t="#" + date.get(XML_ID))
    assert note and "761.93/12–1544" in text(note[0])


def test_002_relative_dates_are_no_surer_than_the_inferred_date():
    last_night = xp(body(S002), ".//t:date[normalize-space()='last night']")[0]
    assert last_night.get("when") == "1944-12-14" and last_night.get("cert") == "medium"


@pytest.mark.parametrize("seed", ALL)
def test_keyword_schemes_point_to_taxonomies_of_classdecl(seed):
    h = header(seed)
    taxonomies = {t.get(XML_ID) for t in xp(h, "t:encodingDesc/t:classDecl/t:taxonomy")}
    schemes = {k.get("scheme") for k in xp(h, ".//t:textClass/t:keywords")}
    assert schemes and {s.lstrip("#") for s in schemes} <= taxonomies


def test_004_is_a_paraphrase_of_a_navy_cable():
    h = header(S004)
    assert text(h, ".//t:titleStmt/t:title[@type='main']") == "Paraphrase of Navy Cable from Moscow, July 3, 1945"
    assert text(h, ".//t:keywords[contains(@scheme, '-record-type')]/t:term") == "Paraphrase of Navy cable"
    assert text(h, ".//t:bibl[@type='citation']/t:title[@level='a']").startswith("Cable, Summary of Averell Harriman")


def test_lax_is_a_set_of_initials_not_harriman_s_signature():
    closer = body(S004).find(".//t:closer", NS)
    assert text(closer, "t:seg[@type='initials']") == "LAX"
    assert not xp(closer, ".//t:signed | .//t:persName")


def test_can_king_is_a_misreading_of_container():
    choice = xp(body(S000), ".//t:note[@type='docket']//t:choice[t:sic='Can King']")
    assert len(choice) == 1 and text(choice[0], "t:corr") == "Container"


def test_handwritten_notes_are_a_description_of_the_hand():
    h, b = header(S000), body(S000)
    note = xp(b, ".//t:note[@type='handwritten']")[0]
    assert "Handwritten" not in text(note) and note.find("t:label", NS) is None
    hand = xp(h, ".//t:msDesc/t:physDesc/t:handDesc/t:handNote[@xml:id=$i]", i=note.get("hand").lstrip("#"))
    assert hand and "Handwritten notes" in text(hand[0])


def test_frus_source_note_and_footnote_are_the_publisher_s():
    b, resp = body(S002), f"#{rid(S002)}-archive"
    assert xp(b, "string(.//t:note[@type='source']/@resp)") == resp
    assert xp(b, "string(.//t:note[@place='foot'][@n='1']/@resp)") == resp
    name = xp(header(S002), "string(.//t:respStmt[@xml:id=$i]/t:name)", i=resp[1:])
    assert "Office of the Historian" in name


def test_001_asterisk_note_may_be_the_web_publisher_s():
    note = xp(body(S001), ".//t:note[@n='*']")[0]
    said = xp(header(S001), "t:fileDesc/t:notesStmt/t:note[@target=$t]", t="#" + note.get(XML_ID))
    assert said and "publisher" in text(said[0])


def test_the_other_night_is_14_october_1944():
    date = xp(body(S001), ".//t:date[normalize-space()='the other night']")[0]
    assert date.get("when") == "1944-10-14" and date.get("cert") == "medium"
    assert date.get("notBefore") is None
    said = xp(header(S001), "t:fileDesc/t:notesStmt/t:note[@target=$t]", t="#" + date.get(XML_ID))
    assert said and "Deane" in text(said[0])


@pytest.mark.parametrize("seed", ALL)
def test_one_opener_and_no_classification_as_forme_work(seed):
    div = body(seed).find("t:div", NS)
    assert len(div.findall("t:opener", NS)) == 1
    assert not xp(div, ".//t:fw[@type='classification']")
    if xp(header(seed), ".//t:keywords[contains(@scheme, '-classification')]"):
        assert xp(div, "t:opener//t:seg[@type='classification']")


def test_003_dateline_is_one_and_004_address_is_in_the_opener():
    opener = body(S003).find("t:div/t:opener", NS)
    datelines = opener.findall("t:dateline", NS)
    assert len(datelines) == 1 and text(datelines[0]).startswith("Moscow") and "July 3, 1945" in text(datelines[0])
    address = xp(body(S004), "t:div/t:opener/t:seg[@type='address']")
    assert address and text(address[0]).startswith("FROM W. A. HARRIMAN TO")
    assert not xp(body(S004), ".//t:head[@type='address']")


@pytest.mark.parametrize("seed", ALL)
def test_responsibility_names_the_editors_edition_toml_gives(seed):
    editors = tomllib.loads((ROOT / "edition.toml").read_text("utf-8"))["edition"]["editors"]
    stmt = xp(header(seed), ".//t:titleStmt/t:respStmt[@xml:id=$i]", i=f"{rid(seed)}-ed")[0]
    assert [text(n) for n in stmt.findall("t:name", NS)] == editors
    assert "the editors of this edition" not in text(stmt)


# ---------------------------------------------------------------- the schema holds the encoding

def _validate(*args) -> tuple[int, str]:
    from typer.testing import CliRunner
    from editio.cli import app
    result = CliRunner().invoke(app, ["validate", *map(str, args)])
    return result.exit_code, result.output


def test_every_converted_document_is_valid_against_editio_rng_and_sch(converted_tei):
    code, output = _validate(converted_tei)
    assert code == 0, output
    assert "0 invalid" in output


def test_every_converted_document_is_valid_against_tei_all(converted_tei):
    from editio.validation.schemas import find_tei_all
    if find_tei_all() is None:
        pytest.skip("tei_all.rng is not installed (tools/test-deps.sh)")
    code, output = _validate("--schema", "tei_all", *sorted(converted_tei.glob("*.xml")))
    assert code == 0, output


# ---------------------------------------------------------------- 6. the map's coastlines

def _places():
    from editio import register
    return list(register.load(ROOT / "tei" / "register" / "register.xml").entries.values())


def test_the_map_draws_natural_earth_under_the_places(monkeypatch):
    from editio.web import geo
    if geo.atlas_path() is None:
        pytest.skip("world-atlas not installed (tools/map-data.sh)")
    drawn = geo.project(_places())
    assert drawn["basemap"] and drawn["warning"] is None
    overview, detail = drawn["canvases"]
    assert len(detail["coast"]) > 2000 and detail["land"].count("Z") > 3 and detail["borders"]
    # the overview frames the detail's places and leaves their labels to the detail map
    assert overview["frame"] and not [p for p in overview["points"] if not p.label and p.entry.id not in
                                      {q.entry.id for q in detail["points"]}]


def test_the_map_is_built_without_the_data_and_says_so(monkeypatch, tmp_path):
    from editio.web import geo
    monkeypatch.setenv(geo.ATLAS_ENV, str(tmp_path / "absent.json"))
    drawn = geo.project(_places())
    assert not drawn["basemap"] and "world-atlas" in drawn["warning"][0]
    assert drawn["canvases"] and all(c["coast"] == "" for c in drawn["canvases"])


def test_building_the_web_without_map_data_warns(converted_tei, tmp_path):
    import os
    import subprocess
    import sys
    env = dict(os.environ, EDITIO_WORLD_ATLAS="")
    editio = Path(sys.executable).with_name("editio")
    done = subprocess.run([str(editio), "build", str(converted_tei), "--web",
                           "--out", str(tmp_path / "build")], capture_output=True, text=True, env=env, timeout=600)
    assert done.returncode == 0, done.stderr
    assert "web-map-basemap" in done.stdout + done.stderr
    assert (tmp_path / "build" / "web" / "map.html").is_file()
