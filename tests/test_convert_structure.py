"""The structures each transcription shows, as an editor would check them in the TEI."""

from __future__ import annotations

from teiview import NS, tei_for_seed, witness_body

S000, S001, S002, S003, S004 = ("000_5e144c30bd1a708a.txt", "001_4675f7a8ca8e1c30.txt", "002_ee78402f5728550e.txt",
                                "003_d19860ca353ac499.txt", "004_2841c4c43bc39477.txt")


def xp(node, path, **kw):
    return node.xpath(path, namespaces=NS, **kw)


def text(node, path):
    return " ".join(xp(node, f"string({path})").split())


def test_000_header():
    tree = tei_for_seed(S000)
    h = tree.find(".//t:teiHeader", NS)
    assert text(h, ".//t:titleStmt/t:title") == "Conversation about The Far East"
    assert xp(h, "string(.//t:creation/t:date/@when)") == "1944-06-10"
    assert text(h, ".//t:msIdentifier/t:institution") == "Library of Congress"
    assert text(h, ".//t:msIdentifier/t:repository") == "Manuscript Division"
    assert text(h, ".//t:msIdentifier/t:collection") == "W. Averell Harriman Papers"
    assert text(h, ".//t:msIdentifier/t:idno[@type='container']") == "Container # 172"
    assert "document/219918" in xp(h, "string(.//t:bibl[@type='citation']/t:ref/@target)")
    assert text(h, ".//t:bibl[@type='citation']/t:idno[@type='record']") == "219918"
    assert text(h, ".//t:profileDesc/t:abstract/t:p").startswith("Harriman and Stalin discuss")
    assert xp(h, "string(.//t:textLang/@mainLang)") == "en"
    # the classification is struck through on the scan
    assert xp(h, "string(.//t:keywords[@scheme=concat('#', /t:TEI/@xml:id, '-classification')]/t:term/@type)") == "struck"
    assert text(h, ".//t:keywords[@scheme=concat('#', /t:TEI/@xml:id, '-subject')]/t:term") == "The Far East"
    roles = {text(p, "t:persName"): text(p, "t:occupation") for p in xp(h, ".//t:particDesc//t:person")}
    assert roles["Mr. Page"] == "Second Secretary of Embassy"
    assert roles["Mr. Pavlov"] == "Secretary to Mr. Molotov"
    assert "Marshal Stalin" in roles
    assert len(xp(h, ".//t:listWit/t:witness")) == 2


def test_000_witness_a_phenomena():
    tree = tei_for_seed(S000)
    a = witness_body(tree, "A")
    assert [pb.get("n") for pb in xp(a, ".//t:pb[@n]")] == ["2", "3", "4"]
    assert xp(a, "string(.//t:opener/t:seg[@type='classification']/t:del)") == "SECRET"
    assert xp(a, ".//t:note[@type='stamp']/t:stamp[@type='declassification']")
    assert xp(a, ".//t:gap[@reason='signature']")
    assert "Reproduced from the Collections" in text(a, ".//t:fw[@type='footer']")
    assert "641/ROB 412" in text(a, ".//t:note[@type='handwritten']")
    assert [d.text for d in xp(a, ".//t:del[not(parent::t:seg)]")] == ["we"]
    assert xp(a, "string(.//t:closer/t:seg[@type='initials'])") == "EP:nn"
    assert xp(a, ".//t:note[@type='docket']")


def test_000_witness_b_phenomena():
    b = witness_body(tei_for_seed(S000), "B")
    assert ["".join(x.itertext()) for x in xp(b, ".//t:add")] == ["if"]
    assert ["".join(x.itertext()) for x in xp(b, ".//t:sic")] == ["Burros"]
    assert len(xp(b, ".//t:gap[@reason='redacted']")) == 2
    # □ opens 11 paragraphs and 4 of the names present: 15 marks, each a milestone of B's once collated
    assert len(xp(b, ".//t:milestone[@rend='box-mark'][@unit='p']")) == 11
    assert len(xp(b, ".//t:milestone[@rend='box-mark'][@unit='item']")) == 4
    assert "□" not in "".join(b.itertext())
    assert not xp(b, ".//t:pb[@n]")                       # B's page breaks are unnumbered
    assert len(xp(b, ".//t:pb")) == 2                     # "between / General Deane", "military / authorities"


def test_001_structure():
    tree = tei_for_seed(S001)
    body = tree.find(".//t:body", NS)
    items = xp(body, ".//t:list[@rend='numbered']/t:item")
    assert [i.get("n") for i in items] == ["1", "2", "3", "4"]
    note = xp(body, ".//t:p/t:note[@n='*']")
    assert len(note) == 1 and text(note[0], ".") == "Mr Eden's memorandum."
    assert (note[0].getprevious() is None and "before him." in (note[0].getparent().text or "")) or \
        "before him." in (note[0].getprevious().tail or note[0].getparent().text or "")
    assert xp(body, "string(.//t:closer/t:seg[@type='initials'])") == "EP: nn"
    assert text(body, ".//t:closer/t:seg[@type='distribution']") == "Copy to General Deane."
    h = tree.find(".//t:teiHeader", NS)
    assert text(h, ".//t:msIdentifier/t:collection") == "H H Arnold papers"
    assert text(h, ".//t:msIdentifier/t:idno[@type='container']") == "box 225"
    roles = {text(p, "t:persName"): text(p, "t:occupation") for p in xp(h, ".//t:particDesc//t:person")}
    assert roles["Mr. Pavlov"] == "Soviet interpreter"
    assert roles["Mr. V. H. Molotov"] == "People's Commissar for Foreign Affairs"
    assert text(h, ".//t:keywords[@scheme=concat('#', /t:TEI/@xml:id, '-subject')]/t:term") == "Exploration"


def test_002_structure():
    tree = tei_for_seed(S002)
    body = tree.find(".//t:body", NS)
    assert [pb.get("n") for pb in xp(body, ".//t:pb")] == ["379"]
    notes = xp(body, ".//t:note[@place='foot']")
    assert len(notes) == 1 and notes[0].get("n") == "1" and notes[0].getparent().tag.endswith("head")
    h = tree.find(".//t:teiHeader", NS)
    assert text(h, ".//t:idno[@type='file']") == "761.93/12–1544"
    assert text(h, ".//t:correspAction[@type='sent']/t:persName") == "Harriman"
    assert text(h, ".//t:correspAction[@type='received']/t:rs[@type='person']") == "the President"
    assert text(h, ".//t:keywords[@scheme=concat('#', /t:TEI/@xml:id, '-classification')]/t:term") == "TOP SECRET"
    assert text(h, ".//t:keywords[@scheme=concat('#', /t:TEI/@xml:id, '-record-type')]/t:term") == "Telegram"
    assert xp(h, "string(.//t:creation/t:date/@when)") == "1944-12-15"


def test_003_structure():
    tree = tei_for_seed(S003)
    h = tree.find(".//t:teiHeader", NS)
    assert text(h, ".//t:titleStmt/t:title").startswith("Memorandum of Conversation between Averell Harriman")
    assert text(h, ".//t:keywords[@scheme=concat('#', /t:TEI/@xml:id, '-classification')]/t:term") == "TOP SECRET"
    assert text(h, ".//t:keywords[@scheme=concat('#', /t:TEI/@xml:id, '-subject')]/t:term") == "Far Eastern Conversations with Generalissimo Stalin"
    assert xp(h, "string(.//t:creation/t:date/@when)") == "1945-07-03"
    body = tree.find(".//t:body", NS)
    assert text(body, ".//t:closer/t:seg[@type='initials']") == "WAH"
    assert [text(n, ".") for n in xp(body, ".//t:note[@type='gloss']")] == ["Lüshunkou District, Dalian", "Dalian"]


def test_004_structure():
    tree = tei_for_seed(S004)
    body = tree.find(".//t:body", NS)
    assert len(xp(body, ".//t:gap[@reason='illegible']")) == 4
    assert text(body, ".//t:closer/t:seg[@type='initials']") == "LAX"
    assert not xp(body, ".//t:closer//t:persName")       # LAX: someone's initials, not Harriman's
    h = tree.find(".//t:teiHeader", NS)
    assert text(h, ".//t:correspAction[@type='sent']/t:persName") == "W. A. HARRIMAN"
    assert [text(p, ".") for p in xp(h, ".//t:correspAction[@type='received']/t:rs[@type='person']")] == \
        ["THE PRESIDENT", "THE SECRETARY OF STATE"]      # addressees by office
    assert text(h, ".//t:keywords[@scheme=concat('#', /t:TEI/@xml:id, '-classification')]/t:term") == "TOP SECRET"
    assert text(h, ".//t:abstract/t:p") == ("Harriman reports on Stalin and Soong's July 2, 1945 meeting regarding "
                                            "Stalin's attitudes towards a Sino-Soviet railroad and the "
                                            "internationaliztion of ports.")
    # the illegible passage is one paragraph broken into lines, as on the page
    para = xp(body, ".//t:p[t:gap]")[0]
    assert len(xp(para, "t:lb")) >= 4


def test_related_documents_003_004():
    m, c = tei_for_seed(S003), tei_for_seed(S004)
    assert xp(m, "string(//t:correspContext/t:ref[@type='related']/@target)") == "1945-07-03-harriman-cable.xml"
    assert xp(c, "string(//t:correspContext/t:ref[@type='related']/@target)") == \
        "1945-07-03-harriman-soong-memorandum.xml"
