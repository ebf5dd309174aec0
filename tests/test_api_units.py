"""The API's parts without a server: citation trees, passages, settings, query limits, CLI errors."""

from __future__ import annotations

import subprocess

import pytest
from lxml import etree

from apiserver import API_FIXTURE, editio_command
from editio.api import citations
from editio.api.http import BadQuery, Query, safe_file
from editio.errors import EditioError, InputError

TEI = "http://www.tei-c.org/ns/1.0"


def tei(body: str, header_extra: str = "") -> etree._Element:
    return etree.fromstring(
        f'<TEI xmlns="{TEI}"><teiHeader><fileDesc><titleStmt><title>t</title></titleStmt>'
        f'<publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc>{header_extra}'
        f'</teiHeader><text><body>{body}</body></text></TEI>')


def test_declaration_follows_what_the_text_holds():
    root = tei("<div><head>H</head><div><p>a</p><lg><l>x</l></lg></div><sp><speaker>S</speaker><l>y</l></sp></div>"
               "<p>loose</p>")
    assert citations.declare(root) is True
    trees = citations.cite_structure_json(root)
    top = trees[0]["citeStructure"]
    assert [c["citeType"] for c in top] == ["division", "paragraph"]
    inner = {c["citeType"]: c for c in top[0]["citeStructure"]}
    assert set(inner) == {"division", "paragraph", "sp"}
    assert [c["citeType"] for c in inner["division"]["citeStructure"]] == ["paragraph", "lg"]
    assert [c["citeType"] for c in inner["sp"]["citeStructure"]] == ["line"]
    units = citations.units(root)
    assert [(u.identifier, u.cite_type, u.parent) for u in units] == [
        ("1", "division", None), ("1.1", "paragraph", "1"), ("1.2", "division", "1"), ("1.2.1", "paragraph", "1.2"),
        ("1.2.2", "lg", "1.2"), ("1.2.2.1", "line", "1.2.2"), ("1.3", "sp", "1"), ("1.3.2", "line", "1.3"),
        ("2", "paragraph", None)]
    assert units[0].title == "H" and units[6].title == "S"
    assert citations.declare(root) is False          # declared once; a document's own is kept


def test_a_documents_own_declaration_is_used():
    root = etree.parse(str(API_FIXTURE / "tei" / "1603-declared.xml")).getroot()
    assert citations.declare(root) is False
    refs = [u.identifier for u in citations.units(root) if u.tree == ""]
    assert refs == ["I", "I:a", "I:b", "II", "II:a", "II:b", "II:c"]
    assert [u.identifier for u in citations.units(root) if u.tree == "flat"][:2] == ["I-a", "I-b"]


def test_the_document_is_given_to_elementpath_once_not_once_per_expression(monkeypatch):
    """elementpath copies an lxml document into its own node tree; units() used to do that for
    every citeStructure of every unit (5,500 copies of whole documents for a FRUS import)."""
    import elementpath
    root = tei("".join(f"<div><head>D{k}</head><p>a</p><p>b</p><lg><l>x</l><l>y</l></lg></div>" for k in range(5)))
    citations.declare(root)
    copies = []
    real = elementpath.get_node_tree
    monkeypatch.setattr(elementpath, "get_node_tree", lambda *a, **k: copies.append(1) or real(*a, **k))
    units = citations.units(root)
    assert len(units) == 5 * 7 and copies == [1]  # each div: itself, head, two p, lg, two l
    assert [u.identifier for u in units[:7]] == ["1", "1.1", "1.2", "1.3", "1.4", "1.4.1", "1.4.2"]


@pytest.mark.parametrize("decl,message", [
    ('<citeStructure unit="x" match="//div" use="\'same\'"/>', "not unique"),
    ('<citeStructure unit="x" match="//div[" use="@n"/>', "cannot be evaluated"),
    ('<citeStructure unit="x" match="//div"/>', "needs both"),
])
def test_broken_declarations_are_errors_not_tracebacks(decl, message):
    root = tei("<div n='1'/><div n='2'/>", f"<encodingDesc><refsDecl>{decl}</refsDecl></encodingDesc>")
    with pytest.raises(EditioError, match=message):
        citations.units(root, where="doc.xml")


def test_passage_keeps_the_text_between_and_prunes_the_rest():
    root = tei("<div><p>before</p>t0<p>A<hi>b</hi>c</p>t1<pb/>t2<p>D</p>t3<p>E</p></div>"
               "<div><p>F</p><p>G</p></div>")
    div1, div2 = root.find(f".//{{{TEI}}}body")
    p_a, p_d = div1[1], div1[3]
    pieces = citations.passage(root, p_a, p_d)
    assert [etree.QName(p).localname for p in pieces] == ["p", "pb", "p"]
    assert "".join("".join(p.itertext()) + (p.tail or "") for p in pieces) == "Abct1t2D"
    # across divisions: the ancestors are kept as shells holding only what is in range
    pieces = citations.passage(root, div1[4], div2[0])
    assert [etree.tostring(p, with_tail=False).decode().split(">", 1)[1] for p in pieces][0].startswith("<p>E</p>")
    text = "".join("".join(p.itertext()) for p in pieces)
    assert text == "EF"


def test_settings_are_checked(tmp_path):
    from editio.api.settings import load
    from editio.edition import load_edition
    for table, message in (('admin_email = "not-an-address"', "admin_email"),
                           ('repository_identifier = "localhost"', "repository_identifier"),
                           ("page_size = 0", "page_size"), ('deleted_record = "sometimes"', "deleted_record"),
                           ('earliest_datestamp = "2024"', "earliest_datestamp")):
        (tmp_path / "edition.toml").write_text(f"[oai]\n{table}\n")
        with pytest.raises(InputError, match=message):
            load(load_edition(tmp_path))


def test_query_limits():
    assert Query.parse(b"a=1&b=%C3%A9").get("b") == "é"
    for raw in (b"a=" + b"x" * 5000, b"a=%ff", "&".join(f"p{i}=1" for i in range(40)).encode(), b"a=%00", b"\xff=1"):
        with pytest.raises(BadQuery):
            Query.parse(raw)
    assert Query.parse(b"a=1&a=2").repeated() == ["a"]


def test_safe_file(tmp_path):
    root = tmp_path / "site"
    (root / "sub").mkdir(parents=True)
    (root / "sub" / "index.html").write_text("x")
    (tmp_path / "outside.txt").write_text("secret")
    (root / "out").symlink_to(tmp_path / "outside.txt")
    assert safe_file(root, "/sub/") == (root / "sub" / "index.html").resolve()
    for bad in ("/out", "/../outside.txt", "/%2e%2e/outside.txt", "/sub/%2E%2E/%2E%2E/outside.txt",
                "/%252e%252e/outside.txt", "/sub\\..\\..\\outside.txt", str(tmp_path / "outside.txt")):
        assert safe_file(root, bad) is None, bad


def test_serve_and_build_report_bad_input_without_traceback(tmp_path):
    result = subprocess.run(editio_command() + ["serve", str(tmp_path / "missing.toml"), "--no-build"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "Traceback" not in result.stderr and "missing.toml" in result.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    result = subprocess.run(editio_command() + ["serve", str(empty), "--no-build"], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 2 and "editio build --api" in result.stderr
    bad = tmp_path / "bad"
    (bad / "tei").mkdir(parents=True)
    (bad / "tei" / "a.xml").write_bytes(etree.tostring(tei(
        "<div/>", '<encodingDesc><refsDecl><citeStructure unit="x" match="//div[" use="@n"/></refsDecl></encodingDesc>')))
    result = subprocess.run(editio_command() + ["build", "--api"], cwd=bad, capture_output=True, text=True, timeout=120)
    assert result.returncode == 2 and "Traceback" not in result.stderr and "a.xml" in result.stderr, result.stderr


def test_incremental_api_build_equals_a_fresh_one(tmp_path):
    from apiserver import copy_fixture
    from editio import builders
    from editio.edition import load_edition
    edition = copy_fixture(tmp_path / "edition")
    messages: list[str] = []
    builders.build(load_edition(edition), ["api"], progress=messages.append)
    verse = edition / "tei" / "1601-verse.xml"
    verse.write_text(verse.read_text().replace("runs to the sea", "runs to the bay"))
    messages.clear()
    builders.build(load_edition(edition), ["api"], progress=messages.append)
    assert any("of 1 documents (2 unchanged)" in m for m in messages), messages
    builders.build(load_edition(edition, out_dir=tmp_path / "fresh"), ["api"])
    for name in ("catalog.json", "oai-static.xml", "tei/1601-verse.xml", "tei/1603-declared.xml"):
        assert (edition / "build" / "api" / name).read_bytes() == (tmp_path / "fresh" / "api" / name).read_bytes(), name
    assert b"runs to the bay" in (edition / "build" / "api" / "tei" / "1601-verse.xml").read_bytes()


def test_an_imported_volume_is_a_child_collection_and_a_set(tmp_path):
    """`editio import` of a FRUS volume, then the api builder: the volume is a DTS collection and an
    OAI-PMH set holding its documents."""
    from apiserver import OAI_SCHEMAS
    volume = OAI_SCHEMAS.parent / "frus" / "frus1894Nicaragua.xml"
    if not volume.is_file():
        pytest.skip("../shared/frus not beside the checkout")
    result = subprocess.run(editio_command() + ["import", str(volume), "--out", "tei/"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    from editio import builders
    from editio.api import dts
    from editio.api.catalog import Catalog
    from editio.api.oai import Repository
    from editio.edition import load_edition
    builders.build(load_edition(tmp_path), ["api"])
    catalog = Catalog.load(tmp_path / "build" / "api")
    volumes = [c for c in catalog.collections.values() if c.kind == "volume"]
    assert [c.title for c in volumes] == ["Foreign Relations of the United States, 1894, Nicaragua (Mosquito Territory)"]
    members = volumes[0].members
    assert len(members) > 100 and all(m.startswith("frus1894Nicaragua-d") for m in members)
    root = __import__("json").loads(dts.collection(catalog, "/dts", {}, "/dts/collection").body)
    assert volumes[0].id in [m["@id"] for m in root["member"]]
    assert volumes[0].id in Repository(catalog).sets


def test_a_document_with_readings_is_served_as_plain_text_and_html(tmp_path):
    """Review: /dts/document?mediaType=text/plain answered 500 for every document with an <app>
    (passage-text.xsl called apparatus.xsl's lemma-reading without importing it); the fixtures of the
    server tests have no apparatus, the flagship's documents all do."""
    import shutil
    from editio import builders
    from editio.api import dts
    from editio.api.catalog import Catalog
    from editio.edition import load_edition
    web_tei = API_FIXTURE.parents[1] / "web" / "tei"
    shutil.copytree(web_tei, tmp_path / "tei")
    builders.build(load_edition(tmp_path), ["api"])
    catalog = Catalog.load(tmp_path / "build" / "api")
    doc = "1944-06-10-harriman-stalin"
    assert b"<app" in (tmp_path / "tei" / f"{doc}.xml").read_bytes()
    for params in ([("resource", doc)], [("resource", doc), ("ref", "1")]):
        plain = dts.handle(catalog, "/dts", "/", "document", Query(params + [("mediaType", "text/plain")]))
        assert plain.status == 200, plain.body[:300]
        page = dts.handle(catalog, "/dts", "/", "document", Query(params + [("mediaType", "text/html")]))
        assert page.status == 200
    text = dts.handle(catalog, "/dts", "/", "document", Query([("resource", doc), ("mediaType", "text/plain")])).body
    # the lemma (the first witness's reading), not both readings
    assert b"twelve airfields in the area" in b" ".join(text.split())
    assert b"aerodromes" not in text


FOREIGN = API_FIXTURE.parents[1] / "foreign"


def test_a_text_is_cited_by_its_own_cref_patterns():
    """Perseus declares its canonical references as CTS cRefPatterns (poem, then line: "1.5"); the
    citation tree is made from them, not from the text's shape.  PTA's one-level pattern keeps its
    other predicate (div[@type='edition']); refsDecls of URL patterns are not citation schemes."""
    root = etree.parse(str(FOREIGN / "perseus-canonical-latinLit" / "phi0690.phi001.perseus-lat2.xml")).getroot()
    assert citations.declare(root) is True
    units = citations.units(root)
    poems = [u for u in units if u.level == 1]
    assert [u.identifier for u in poems] == [str(n) for n in range(1, 11)] and {u.cite_type for u in poems} == {"poem"}
    lines = [u for u in units if u.level == 2]
    assert len(lines) == len(root.findall(f".//{{{TEI}}}l")) and {u.cite_type for u in lines} == {"line"}
    five = next(u for u in units if u.identifier == "1.5")
    node = citations.node_at(root, five.path)
    assert node.tag == f"{{{TEI}}}l" and node.get("n") == "5"
    assert node.xpath("ancestor::t:div[1]/@n", namespaces={"t": TEI}) == ["1"]  # (its speech's poem)
    assert [t["citeStructure"][0]["citeType"] for t in citations.cite_structure_json(root)] == ["poem"]
    pta = etree.parse(str(FOREIGN / "pta-patristic-text-archive" / "pta0013.pta003.pta-grc1.xml")).getroot()
    assert citations.declare(pta) is True
    sections = citations.units(pta)
    edition = pta.find(f"{{{TEI}}}text/{{{TEI}}}body/{{{TEI}}}div[@type='edition']")
    assert [u.identifier for u in sections] == [d.get("n") for d in edition.findall(f"{{{TEI}}}div")]
    assert all(citations.node_at(pta, u.path).getparent() is edition for u in sections)


@pytest.mark.parametrize("pattern", [
    '<cRefPattern matchPattern="(.+)" replacementPattern="https://example.org/text/$1"/>',      # a URL
    '<cRefPattern matchPattern="(\\w+)" replacementPattern="#xpath(//div[position()=$1])"/>',  # not @attr='$1'
    '<cRefPattern matchPattern="(\\w+)" replacementPattern="#xpath(//div[@n=\'$1\'])"/>'
    '<cRefPattern matchPattern="(\\w+)[-.]*(\\w+)" replacementPattern="#xpath(//div[@n=\'$1\']/p[@n=\'$2\'])"/>',
    # levels that do not nest: the one-level pattern cites paragraphs, the two-level one divisions first
    '<cRefPattern matchPattern="(\\w+)" replacementPattern="#xpath(//p[@n=\'$1\'])"/>'
    '<cRefPattern matchPattern="(\\w+)\\.(\\w+)" replacementPattern="#xpath(//div[@n=\'$1\']/p[@n=\'$2\'])"/>',
])
def test_cref_patterns_of_another_shape_leave_the_text_its_own_tree(pattern):
    root = tei("<div n='a'><p n='1'>x</p></div><div n='b'><p n='1'>y</p></div>",
               f"<encodingDesc><refsDecl n='CTS'>{pattern}</refsDecl></encodingDesc>")
    assert citations.declare(root) is True
    assert [u.identifier for u in citations.units(root)] == ["1", "1.1", "2", "2.1"]


def test_cref_patterns_whose_references_repeat_fall_back_to_the_texts_shape():
    root = tei("<div n='a'><p>x</p></div><div n='a'><p>y</p></div>",
               "<encodingDesc><refsDecl><cRefPattern matchPattern='(\\w+)' "
               "replacementPattern=\"#xpath(/tei:TEI/tei:text/tei:body/tei:div[@n='$1'])\"/></refsDecl></encodingDesc>")
    assert citations.declare(root) is True
    assert [u.identifier for u in citations.units(root)] == ["1", "1.1", "2", "2.1"]


def test_serve_on_a_port_in_use_or_a_foreign_address_is_one_error_exit_2(tmp_path):
    """Review: uvicorn logged the bind failure in three lines and `editio serve` exited 3."""
    import socket
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        for host, port_arg, needle in (("127.0.0.1", port, "already in use"), ("256.1.1.1", 0, "--host 256.1.1.1")):
            result = subprocess.run(editio_command() + ["serve", str(tmp_path), "--no-build", "--host", host,
                                                        "--port", str(port_arg)],
                                    capture_output=True, text=True, timeout=60)
            lines = result.stderr.strip().splitlines()
            assert result.returncode == 2 and len(lines) == 1 and needle in lines[0], result.stderr


def test_the_server_follows_a_rebuild(tmp_path):
    """Review: after `editio build --api` took a document out of the edition, the running server went on
    serving it through DTS and OAI-PMH (its catalog and answers were those of the build it started with)."""
    import httpx
    from apiserver import copy_fixture, served
    from editio import builders
    from editio.edition import load_edition
    edition = copy_fixture(tmp_path / "edition")
    with served(edition) as base:
        doc = f"{base}/dts/document?resource=1601-verse"
        record = f"{base}/oai?verb=GetRecord&identifier=oai:api-test.example.org:1601-verse&metadataPrefix=oai_dc"
        assert httpx.get(doc).status_code == 200
        assert b"idDoesNotExist" not in httpx.get(record).content
        (edition / "tei" / "1601-verse.xml").unlink()
        builders.build(load_edition(edition), ["web", "api"])
        assert httpx.get(doc).status_code == 404
        assert httpx.get(f"{base}/dts/navigation?resource=1601-verse").status_code == 404
        assert b"idDoesNotExist" in httpx.get(record).content
        assert httpx.get(f"{base}/dts/document?resource=1602-drama").status_code == 200


def test_serve_refuses_thousands_of_workers(tmp_path):
    """Review: `editio serve --workers 5000` (a typo) would start 5000 server processes."""
    result = subprocess.run(editio_command() + ["serve", str(tmp_path), "--no-build", "--workers", "5000"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "--workers 5000 is more than" in result.stderr, result.stderr


def test_a_citation_tree_nested_deeper_than_orjson_goes_is_still_served_as_json():
    """orjson stops at 254 levels; a document's own citeStructure of 130 levels is 260 in JSON (the
    catalog and DTS responses went through the standard library before, which takes it)."""
    import json
    from editio.jsonio import pretty
    decl = ('<citeStructure unit="d" match="/TEI/text/body/div" use="position()">'
            + '<citeStructure unit="d" match="div" use="position()">' * 129 + '</citeStructure>' * 130)
    root = tei("<div>" * 130 + "<p>x</p>" + "</div>" * 130, f"<encodingDesc><refsDecl>{decl}</refsDecl></encodingDesc>")
    assert len(citations.units(root)) == 130
    trees = citations.cite_structure_json(root)
    assert json.loads(pretty({"citationTrees": trees}, sort_keys=True)) == {"citationTrees": trees}


def test_bookkeeping_json_takes_what_orjson_refuses_as_the_standard_library_does():
    """The environment's index and the web manifest go through jsonio.dumps: a value nested past
    orjson's 254 levels, or an integer past 64 bits, is written (the standard library's bytes), not a
    TypeError out of the build."""
    import json
    from editio.jsonio import dumps, loads
    deep = {"toc": []}
    node = deep["toc"]
    for _ in range(300):
        node.append([])
        node = node[0]
    for value in (deep, {"n": 2 ** 70}, {"b": 1, "a": "é"}):
        data = dumps(value)
        assert data == json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        assert json.loads(data) == value
    assert loads(dumps({"b": 1, "a": "é"})) == {"a": "é", "b": 1}
    with pytest.raises(TypeError):      # what neither takes is still refused
        dumps({"x": object()})
