"""OAI-PMH 2.0 over HTTP: `editio serve` harvested by Sickle, every response validated against the
official schemas (../shared/oai-pmh), every error code the protocol names."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import httpx
import pytest
import xmlschema
from lxml import etree
from sickle import Sickle

from apiserver import API_FIXTURE, OAI_SCHEMAS
from flagship import converted_edition

OAI = "{http://www.openarchives.org/OAI/2.0/}"
DC = "{http://purl.org/dc/elements/1.1/}"
TEI_ANY = Path(__file__).parent / "fixtures" / "api" / "tei-header-any.xsd"


@lru_cache(maxsize=1)
def schema() -> xmlschema.XMLSchema:
    if not (OAI_SCHEMAS / "OAI-PMH.xsd").is_file():
        pytest.skip("../shared/oai-pmh not beside the checkout")
    return xmlschema.XMLSchema([str(OAI_SCHEMAS / "OAI-PMH.xsd"), str(OAI_SCHEMAS / "oai_dc.xsd"), str(TEI_ANY)])


def get(base: str, **params) -> etree._Element:
    """One OAI-PMH request; the response must be HTTP 200, XML, and valid against the schemas."""
    r = httpx.get(f"{base}/oai", params=params, timeout=30)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("text/xml")
    schema().validate(r.content.decode("utf-8"))
    return etree.fromstring(r.content)


def error_code(root) -> str | None:
    err = root.find(f"{OAI}error")
    return err.get("code") if err is not None else None


def documents(edition: Path) -> list[str]:
    return sorted(p.stem for p in (edition / "tei").glob("*.xml"))


# ----- harvesting -----

@pytest.mark.parametrize("prefix", ["oai_dc", "tei"])
def test_sickle_harvests_every_record_through_resumption_tokens(flagship_served, prefix):
    base, edition = flagship_served
    expected = documents(edition)
    assert len(expected) > 2, "the page size (2) must be smaller than the edition"
    sickle = Sickle(f"{base}/oai", max_retries=0, timeout=30)
    records = list(sickle.ListRecords(metadataPrefix=prefix))
    ids = [r.header.identifier for r in records]
    assert len(ids) == len(expected) == len(set(ids))
    assert sorted(ids) == [f"oai:flagship.example.org:{d}" for d in expected]
    for record in records:
        if prefix == "oai_dc":
            assert record.metadata["title"][0]
        else:
            assert etree.QName(record.xml.find(f".//{OAI}metadata")[0]).localname == "teiHeader"


def test_every_page_validates_and_tokens_chain(flagship_served):
    base, edition = flagship_served
    for verb in ("ListRecords", "ListIdentifiers"):
        for prefix in ("oai_dc", "tei"):
            root = get(base, verb=verb, metadataPrefix=prefix)
            seen, pages = [], 1
            while True:
                body = root.find(f"{OAI}{verb}")
                seen += [h.findtext(f"{OAI}identifier") for h in body.iter(f"{OAI}header")]
                token = body.find(f"{OAI}resumptionToken")
                if token is None or not (token.text or "").strip():
                    break
                assert token.get("expirationDate") and int(token.get("completeListSize")) == len(documents(edition))
                assert int(token.get("cursor")) == len(seen) - len(body.findall(f".//{OAI}header"))
                root = get(base, verb=verb, resumptionToken=token.text)
                pages += 1
            assert pages == 3 and len(seen) == len(set(seen)) == len(documents(edition))


def test_get_record_maps_the_tei_header_to_dublin_core(flagship_served):
    base, edition = flagship_served
    doc = "1945-07-03-harriman-cable"
    root = get(base, verb="GetRecord", identifier=f"oai:flagship.example.org:{doc}", metadataPrefix="oai_dc")
    dc = {etree.QName(e).localname: e.text for e in root.find(f".//{OAI}metadata")[0]}
    header = etree.parse(str(edition / "tei" / f"{doc}.xml")).getroot()
    ns = {"t": "http://www.tei-c.org/ns/1.0"}
    assert dc["title"] == " ".join(header.xpath("string(//t:titleStmt/t:title[@type='main'])", namespaces=ns).split())
    assert dc["date"] == "1945-07-03"
    assert dc["language"] == "en"
    assert dc["description"].startswith("Harriman reports")
    assert "Wilson Center Digital Archive" in dc["source"]
    root = get(base, verb="GetRecord", identifier=f"oai:flagship.example.org:{doc}", metadataPrefix="tei")
    tei_header = root.find(f".//{OAI}metadata")[0]
    assert tei_header.tag == "{http://www.tei-c.org/ns/1.0}teiHeader"
    assert tei_header.find(".//{http://www.tei-c.org/ns/1.0}citeStructure") is not None


def test_identify_comes_from_edition_toml(flagship_served):
    base, _ = flagship_served
    ident = get(base, verb="Identify").find(f"{OAI}Identify")
    assert ident.findtext(f"{OAI}repositoryName") == "Five American Documents"
    assert ident.findtext(f"{OAI}baseURL") == f"{base}/oai"
    assert ident.findtext(f"{OAI}adminEmail") == "editors@example.org"
    assert ident.findtext(f"{OAI}deletedRecord") == "no"
    assert ident.findtext(f"{OAI}granularity") == "YYYY-MM-DD"
    stamps = [h.findtext(f"{OAI}datestamp") for h in
              Sickle(f"{base}/oai").ListIdentifiers(metadataPrefix="oai_dc", ignore_deleted=False)
              for h in [h.xml]]
    assert ident.findtext(f"{OAI}earliestDatestamp") == min(stamps)


def test_post_is_answered_like_get(flagship_served):
    base, _ = flagship_served
    r = httpx.post(f"{base}/oai", data={"verb": "Identify"}, timeout=10)
    assert r.status_code == 200 and b"<Identify>" in r.content
    schema().validate(r.content.decode())


def test_sets_are_the_collections_and_select_records(fixture_served):
    base, edition = fixture_served
    sets = {s.findtext(f"{OAI}setSpec"): s.findtext(f"{OAI}setName")
            for s in get(base, verb="ListSets").iter(f"{OAI}set")}
    assert sets == {"type": "Document types", "type:play": "Play", "type:poem": "Poem",
                    "volume": "Volumes", "volume:test-volume-of-verse-and-drama": "Test Volume of Verse and Drama"}
    harvest = Sickle(f"{base}/oai", max_retries=0)
    in_volume = sorted(h.identifier for h in harvest.ListIdentifiers(metadataPrefix="oai_dc",
                                                                     set="volume:test-volume-of-verse-and-drama"))
    assert in_volume == ["oai:api-test.example.org:1601-verse", "oai:api-test.example.org:1602-drama"]
    all_types = sorted(h.identifier for h in harvest.ListIdentifiers(metadataPrefix="oai_dc", set="type"))
    assert all_types == in_volume
    assert get(base, verb="ListIdentifiers", metadataPrefix="oai_dc", set="type:poem") \
        .find(f".//{OAI}setSpec").text in ("type:poem", "volume:test-volume-of-verse-and-drama")


def test_datestamps_from_revision_desc_and_day_granularity(fixture_served):
    base, _ = fixture_served
    harvest = Sickle(f"{base}/oai", max_retries=0)
    stamps = {h.identifier.rsplit(":", 1)[1]: h.datestamp for h in harvest.ListIdentifiers(metadataPrefix="oai_dc")}
    assert stamps == {"1601-verse": "2024-03-05", "1602-drama": "2024-05-20", "1603-declared": "2024-07-10"}
    between = [h.identifier for h in harvest.ListIdentifiers(metadataPrefix="oai_dc", **{"from": "2024-03-06",
                                                                                       "until": "2024-07-10"})]
    assert between == ["oai:api-test.example.org:1602-drama", "oai:api-test.example.org:1603-declared"]
    same_day = [h.identifier for h in harvest.ListIdentifiers(metadataPrefix="oai_dc", **{"from": "2024-05-20",
                                                                                        "until": "2024-05-20"})]
    assert same_day == ["oai:api-test.example.org:1602-drama"]
    assert get(base, verb="Identify").findtext(f".//{OAI}earliestDatestamp") == "2024-03-05"


def test_a_file_without_change_dates_gets_its_modification_day(flagship_served):
    base, edition = flagship_served
    import datetime
    doc = "1945-07-03-harriman-cable"
    day = datetime.datetime.fromtimestamp((edition / "tei" / f"{doc}.xml").stat().st_mtime,
                                          datetime.timezone.utc).strftime("%Y-%m-%d")
    root = get(base, verb="GetRecord", identifier=f"oai:flagship.example.org:{doc}", metadataPrefix="oai_dc")
    assert root.findtext(f".//{OAI}datestamp") == day


# ----- every error the protocol names -----

ERRORS = [
    ({}, "badVerb"),
    ({"verb": "Dance"}, "badVerb"),
    ({"verb": ["Identify", "Identify"]}, "badVerb"),
    ({"verb": "Identify", "extra": "1"}, "badArgument"),
    ({"verb": "ListRecords"}, "badArgument"),
    ({"verb": "GetRecord", "metadataPrefix": "oai_dc"}, "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": ["oai_dc", "tei"]}, "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2024-13-01"}, "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "yesterday"}, "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2024-01-01T00:00:00Z"}, "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2024-05-01", "until": "2024-04-01"}, "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "resumptionToken": "x"}, "badArgument"),
    ({"verb": "ListRecords", "resumptionToken": "not-a-token"}, "badResumptionToken"),
    ({"verb": "ListSets", "resumptionToken": "x"}, "badResumptionToken"),
    ({"verb": "ListRecords", "metadataPrefix": "marc21"}, "cannotDisseminateFormat"),
    ({"verb": "GetRecord", "metadataPrefix": "marc21", "identifier": "oai:api-test.example.org:1601-verse"},
     "cannotDisseminateFormat"),
    ({"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": "oai:api-test.example.org:nothing"},
     "idDoesNotExist"),
    ({"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": "oai:elsewhere.org:1601-verse"}, "idDoesNotExist"),
    ({"verb": "ListMetadataFormats", "identifier": "oai:api-test.example.org:../../etc/passwd"}, "idDoesNotExist"),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2100-01-01"}, "noRecordsMatch"),
    ({"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "set": "type:letter"}, "noRecordsMatch"),
]


@pytest.mark.parametrize("params,code", ERRORS, ids=[f"{c}-{i}" for i, (_, c) in enumerate(ERRORS)])
def test_error_codes(fixture_served, params, code):
    base, _ = fixture_served
    root = get(base, **params)
    assert error_code(root) == code
    request = root.find(f"{OAI}request")
    assert request.text == f"{base}/oai"
    if code in ("badVerb", "badArgument"):
        assert not request.attrib      # the spec: no attributes when the request was not understood
    assert root.find(f"{OAI}{params.get('verb')}") is None if isinstance(params.get("verb"), str) else True


def test_tampered_and_stale_tokens_are_refused(fixture_served):
    base, _ = fixture_served
    first = get(base, verb="ListIdentifiers", metadataPrefix="oai_dc")
    token = first.findtext(f".//{OAI}resumptionToken")
    payload, sig = token.split(".")
    import base64
    state = json.loads(base64.urlsafe_b64decode(payload))
    state["offset"] = 0
    forged = base64.urlsafe_b64encode(json.dumps(state).encode()).decode() + "." + sig
    assert error_code(get(base, verb="ListIdentifiers", resumptionToken=forged)) == "badResumptionToken"
    assert error_code(get(base, verb="ListRecords", resumptionToken=token)) == "badResumptionToken"   # other verb


def _repository(edition: Path, tmp_path: Path, edit=None):
    """The OAI repository of an edition built in-process (for what needs a clock or odd data)."""
    from editio import builders
    from editio.api.catalog import Catalog
    from editio.api.oai import Repository
    from editio.edition import load_edition
    ed = load_edition(edition, out_dir=tmp_path / "build")
    builders.build(ed, ["api"])
    if edit:
        path = tmp_path / "build" / "api" / "catalog.json"
        data = json.loads(path.read_text())
        edit(data)
        path.write_text(json.dumps(data))
    return Repository(Catalog.load(tmp_path / "build" / "api"))


def _code(response) -> str | None:
    schema().validate(response.body.decode())
    return error_code(etree.fromstring(response.body))


def test_expired_tokens_say_so(tmp_path):
    from editio.api.http import Query
    repo = _repository(API_FIXTURE, tmp_path)
    first = etree.fromstring(repo.handle(Query([("verb", "ListRecords"), ("metadataPrefix", "oai_dc")]), "http://x/oai",
                                         now=1_000_000).body)
    token = first.find(f".//{OAI}resumptionToken")
    assert token.get("expirationDate") == "1970-01-12T13:56:40Z"    # 1_000_000 + 600 s
    later = repo.handle(Query([("verb", "ListRecords"), ("resumptionToken", token.text)]), "http://x/oai",
                        now=1_000_000 + 601)
    assert _code(later) == "badResumptionToken"
    assert b"expired at 1970-01-12T13:56:40Z" in later.body
    in_time = repo.handle(Query([("verb", "ListRecords"), ("resumptionToken", token.text)]), "http://x/oai",
                          now=1_000_000 + 599)
    assert _code(in_time) is None


def test_no_set_hierarchy(tmp_path):
    from editio.api.http import Query
    edition = tmp_path / "bare"
    (edition / "tei").mkdir(parents=True)
    (edition / "tei" / "1603-declared.xml").write_bytes((API_FIXTURE / "tei" / "1603-declared.xml").read_bytes())
    repo = _repository(edition, tmp_path)
    assert _code(repo.handle(Query([("verb", "ListSets")]), "http://x/oai")) == "noSetHierarchy"
    assert _code(repo.handle(Query([("verb", "ListRecords"), ("metadataPrefix", "oai_dc"), ("set", "type")]),
                             "http://x/oai")) == "noSetHierarchy"


def test_no_metadata_formats_for_an_item_the_catalog_withholds(tmp_path):
    """Every document of an editio build has both formats; a catalog that lists an item without any
    (written by another tool, or edited) must get noMetadataFormats, and its records are skipped."""
    from editio.api.http import Query

    def withhold(data):
        data["documents"][0]["formats"] = []

    repo = _repository(API_FIXTURE, tmp_path, withhold)
    first = sorted(repo.catalog.documents)[0]
    assert _code(repo.handle(Query([("verb", "ListMetadataFormats"),
                                    ("identifier", f"oai:api-test.example.org:{first}")]), "http://x/oai")) \
        == "noMetadataFormats"
    assert _code(repo.handle(Query([("verb", "GetRecord"), ("metadataPrefix", "oai_dc"),
                                    ("identifier", f"oai:api-test.example.org:{first}")]), "http://x/oai")) \
        == "cannotDisseminateFormat"


def test_list_metadata_formats(fixture_served):
    base, _ = fixture_served
    for params in ({}, {"identifier": "oai:api-test.example.org:1602-drama"}):
        root = get(base, verb="ListMetadataFormats", **params)
        assert [f.findtext(f"{OAI}metadataPrefix") for f in root.iter(f"{OAI}metadataFormat")] == ["oai_dc", "tei"]


# ----- the static repository -----

def test_static_repository_file(fixture_served):
    base, edition = fixture_served
    r = httpx.get(f"{base}/api/oai-static.xml", timeout=10)
    assert r.status_code == 200
    root = etree.fromstring(r.content)
    sr = "{http://www.openarchives.org/OAI/2.0/static-repository}"
    assert root.tag == f"{sr}Repository"
    lists = root.findall(f"{sr}ListRecords")
    assert [lr.get("metadataPrefix") for lr in lists] == ["oai_dc", "tei"]
    dc_schema = xmlschema.XMLSchema(str(OAI_SCHEMAS / "oai_dc.xsd"))
    for lr in lists:
        records = lr.findall(f"{OAI}record")
        assert len(records) == len(documents(edition))
        if lr.get("metadataPrefix") == "oai_dc":
            for rec in records:
                dc_schema.validate(etree.tostring(rec.find(f"{OAI}metadata")[0]).decode())
    assert root.find(f"{sr}Identify/{OAI}repositoryName").text == "API test repository"


def test_flagship_static_files_written_by_build_api(tmp_path):
    """`editio build --api` writes the static DTS responses and the static repository."""
    import shutil
    import subprocess

    from apiserver import editio_command
    edition = tmp_path / "edition"
    shutil.copytree(converted_edition(), edition)
    result = subprocess.run(editio_command() + ["build", "--api", "--format", "json"], cwd=edition,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["outputs"] == {"api": str(edition / "build" / "api")}
    api = edition / "build" / "api"
    entry = json.loads((api / "dts" / "index.json").read_text())
    assert entry["@type"] == "EntryPoint" and entry["collection"] == "/dts/collection{?id,page,nav}"
    root = json.loads((api / "dts" / "collection" / "index.json").read_text())
    assert root["@type"] == "Collection" and root["totalChildren"] == len(root["member"])
    static = etree.parse(str(api / "oai-static.xml")).getroot()
    assert len(static.findall(f".//{OAI}record")) == 2 * len(documents(edition))
    assert any(w["rule"] == "oai-admin-email" for w in out["warnings"])
