"""Records read from other people's TEI: the document's own lists of persons and places, pointers
in @ref, @key, @corresp and @who, authority URIs, and the date in its documented order."""

from __future__ import annotations

import shutil
from pathlib import Path


from editio.records import read_record
from flagship import ROOT

FOREIGN = ROOT / "tests" / "fixtures" / "foreign"     # copies, with source and licence
TEI = 'xmlns="http://www.tei-c.org/ns/1.0"'


def write(tmp_path: Path, body: str, header: str = "") -> Path:
    path = tmp_path / "doc.xml"
    path.write_text(f'<TEI {TEI} xml:id="d1"><teiHeader><fileDesc><titleStmt><title>T</title></titleStmt>'
                    f'<publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc>{header}'
                    f'</teiHeader><text><body>{body}</body></text></TEI>', encoding="utf-8")
    return path


def test_pointers_resolve_to_the_documents_own_list_or_to_the_register(tmp_path):
    header = ('<profileDesc><particDesc><listPerson><person xml:id="anna"><persName>Anna Bauer</persName>'
              '</person></listPerson></particDesc></profileDesc>')
    body = ('<p><persName ref="#anna">Anna</persName> met <persName key="stalin">Stalin</persName> and '
            '<rs type="person" corresp="#anna">her sister</rs>; <persName ref="https://d-nb.info/gnd/118540238">'
            'Goethe</persName> and <placeName ref="register.xml#moscow">Moscow</placeName>.</p>'
            '<sp who="#anna"><speaker>ANNA</speaker><p>Good day.</p></sp>')
    rec = read_record(write(tmp_path, body, header))
    assert [e["id"] for e in rec.local_entries] == ["doc.anna"]
    assert rec.local_entries[0]["name"] == "Anna Bauer"
    refs = [(m.label, m.ref, m.kind, m.uri) for m in rec.mentions]
    assert ("Anna", "doc.anna", "person", "") in refs
    assert ("Stalin", "stalin", "person", "") in refs
    assert ("her sister", "doc.anna", "person", "") in refs
    assert ("Goethe", "", "person", "https://d-nb.info/gnd/118540238") in refs
    assert ("Moscow", "moscow", "place", "") in refs
    assert ("ANNA", "doc.anna", "person", "") in refs        # the speaker, through @who
    assert rec.participants[0].ref == "doc.anna"


def test_mention_anchors_follow_the_stylesheets_rule(tmp_path):
    body = '<p><persName>A</persName> <date when="1944">1944</date> <rs xml:id="own">B</rs> <placeName>C</placeName></p>'
    rec = read_record(write(tmp_path, body))
    assert [m.anchor for m in rec.mentions] == ["d1-m1", "d1-m2", "own", "d1-m4"]


def test_a_document_without_a_date_has_none(tmp_path):
    rec = read_record(write(tmp_path, "<p>No date here.</p>"))
    assert rec.date.iso == "" and rec.date_label == ""


def test_the_date_comes_from_correspondence_before_the_titlestmt(tmp_path):
    header = ('<profileDesc><correspDesc><correspAction type="sent"><date when="1901-02-03"/></correspAction>'
              '</correspDesc></profileDesc>')
    rec = read_record(write(tmp_path, "<p>x</p>", header))
    assert rec.date.when == "1901-02-03" and rec.date_label == "3 February 1901"


def test_a_play_lists_its_cast_and_each_speech_names_its_speaker():
    rec = read_record(FOREIGN / "rusdracor" / "chekhov-medved.xml")
    cast = {e["id"] for e in rec.local_entries if e["kind"] == "person"}
    assert {"chekhov-medved.Luka", "chekhov-medved.Popova", "chekhov-medved.Smirnov"} <= cast
    speeches = [m for m in rec.mentions if m.ref in cast]
    assert len(speeches) >= 153


def test_a_letter_resolves_its_back_matter_registers():
    rec = read_record(FOREIGN / "schnitzler-briefe" / "L02119.xml")
    local = {e["id"] for e in rec.local_entries}
    assert local and all(i.startswith("L02119.") for i in local)
    named = {m.ref for m in rec.mentions if m.ref}
    assert named & local
    assert rec.date.iso.startswith("19") and rec.senders and rec.addressees


def test_letters_are_listed_with_sender_recipient_and_date_and_the_metadata_shows_the_header(tmp_path):
    from lxml import html
    from editio.web import build_web
    tei = tmp_path / "tei"
    tei.mkdir()
    shutil.copy(FOREIGN / "schnitzler-briefe" / "L02119.xml", tei)
    shutil.copy(FOREIGN / "rusdracor" / "chekhov-medved.xml", tei)
    site = build_web(tei, tmp_path / "out" / "web")
    letters = html.parse(str(site / "letters.html"))
    rows = letters.xpath("//table[@id='letters-table']/tbody/tr")
    assert len(rows) == 1                                   # the play is not a letter
    cells = [" ".join(td.text_content().split()) for td in rows[0].xpath("td")]
    assert cells[0] == "15 April 1913" and "Adam" in cells[1] and "Schnitzler" in cells[2]
    assert letters.xpath("//input[@data-filter-table='letters-table']")
    page = html.parse(str(site / "documents" / "L02119.html"))
    terms = [" ".join(dt.text_content().split()) for dt in page.xpath("//aside[@id='meta']//dt")]
    assert {"Date", "From", "To", "Author", "Edited by", "Published"} <= set(terms)
    play = html.parse(str(site / "documents" / "chekhov-medved.html"))
    assert "Letters" in " ".join(play.xpath("//nav//a/text()"))
    for person in ("Luka", "Popova", "Smirnov"):
        entry = html.parse(str(site / "register" / f"chekhov-medved.{person}.html"))
        assert len(entry.xpath("//a[@class='mention-link']")) > 5, person


def test_a_record_as_data_is_what_dataclasses_make_of_it_and_reads_back():
    from dataclasses import asdict

    from editio.records import Record, brief_of
    from flagship import converted_tei
    for path in sorted(converted_tei().glob("*.xml")):
        record = read_record(path)
        data = record.as_dict()
        assert data == asdict(record)
        assert Record.from_dict(data) == record
        brief = brief_of(data)
        names = [m for m in record.mentions if m.kind != "date" and m.ref]
        assert sum(n for n, _ in brief["refs"].values()) == len(names)
        assert brief["title"] == record.title and brief["date_label"] == record.date_label
