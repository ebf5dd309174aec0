"""DTS 1.0 over HTTP: Entry → Collection → Navigation → Document for every document of the
flagship and of the verse/drama/declared fixture, checked against the specification's
requirements; passages compared with the source TEI by a second, independent reading of the
citeStructure (lxml's XPath 1.0, where editio uses elementpath)."""

from __future__ import annotations

import html as html_lib
import re
from urllib.parse import quote

import httpx
import pytest
from lxml import etree, html

CONTEXT = "https://dtsapi.org/context/v1.0.json"
TEI = "http://www.tei-c.org/ns/1.0"
DTS = "https://w3id.org/api/dts#"
NS = {"t": TEI}


def expand(template: str, **values) -> str:
    """RFC 6570 expansion of the {?…} and {&…} forms DTS uses (undefined variables are left out)."""

    def one(m):
        op, names = m.group(1), m.group(2).split(",")
        pairs = [f"{n}={quote(str(values[n]), safe='')}" for n in names if values.get(n) is not None]
        if not pairs:
            return ""
        return ("?" if op == "?" else "&") + "&".join(pairs)

    out = re.sub(r"\{([?&])([^}]+)\}", one, template)
    assert "{" not in out, template
    return out


def get_json(url: str, status: int = 200) -> dict:
    r = httpx.get(url, timeout=30)
    assert r.status_code == status, (url, r.status_code, r.text[:500])
    assert r.headers["content-type"].split(";")[0] in ("application/ld+json", "application/json")
    data = r.json()
    if status == 200:
        assert r.headers["content-type"].startswith("application/ld+json")
        assert data["@context"] == CONTEXT and data["dtsVersion"] == "1.0"
    return data


RESOURCE_REQUIRED = {"@id", "@type", "title", "totalParents", "totalChildren", "collection", "navigation",
                     "document", "citationTrees"}
COLLECTION_REQUIRED = {"@id", "@type", "title", "totalParents", "totalChildren", "collection"}
UNIT_REQUIRED = {"identifier", "@type", "level", "parent"}


def walk_collections(entry: dict) -> dict[str, dict]:
    """Every Resource reachable from the root collection, following pages and child collections."""
    resources: dict[str, dict] = {}
    todo = [expand(entry["collection"])]
    seen = set()
    while todo:
        url = todo.pop()
        if url in seen:
            continue
        seen.add(url)
        data = get_json(url)
        assert data["@type"] in ("Collection", "Resource")
        assert COLLECTION_REQUIRED <= set(data), set(data)
        members = list(data.get("member", []))
        view = data.get("view")
        while view:
            assert view["@type"] == "Pagination" and {"@id", "first", "previous", "next", "last"} <= set(view)
            if view["@id"] == view["last"]:
                break
            nxt = get_json(view["next"])
            members += nxt["member"]
            view = nxt["view"]
        if data["@type"] == "Collection":
            assert data["totalChildren"] == len(members), url
        for m in members:
            if m["@type"] == "Resource":
                assert RESOURCE_REQUIRED <= set(m), set(m)
                resources[m["@id"]] = m
            else:
                assert COLLECTION_REQUIRED <= set(m)
                todo.append(expand(m["collection"]))
    return resources


# ----- an independent reading of the citation trees -----

def _xpath1(expr: str) -> str:
    """Prefix the element names of a simple citeStructure path with tei: (for lxml)."""
    return re.sub(r"(?<![@:\w.-])([A-Za-z][\w]*)(?![\w(:-])", r"t:\1", expr)


def independent_units(root) -> dict[str, list[tuple[str, etree._Element]]]:
    trees = {}
    decls = [r for r in root.iterfind(".//t:encodingDesc/t:refsDecl", NS) if r.find("t:citeStructure", NS) is not None]
    for i, refs in enumerate(decls):
        name = "" if i == 0 else (refs.get("n") or "")
        found = []

        def walk(context, structures, prefix):
            for cs in structures:
                match = _xpath1(cs.get("match"))
                use = cs.get("use")
                for node in context.xpath(match, namespaces=NS):
                    if use == "count(preceding-sibling::*) + 1":
                        value = str(len([s for s in node.itersiblings(preceding=True) if isinstance(s.tag, str)]) + 1)
                    else:
                        value = node.xpath(f"string({use})", namespaces=NS)
                    ident = value if prefix is None else prefix + (cs.get("delim") or "") + value
                    found.append((ident, node))
                    walk(node, cs.findall("t:citeStructure", NS), ident)

        walk(root, refs.findall("t:citeStructure", NS), None)
        order = {n: k for k, n in enumerate(root.iter())}
        trees[name] = sorted(found, key=lambda x: order[x[1]])
    return trees


def c14n(el) -> bytes:
    return etree.tostring(el, method="c14n", exclusive=True, with_tail=False)


def text_between(root, first, last) -> str:
    """The words of the source from the start of `first` to the end of `last` (markers cut it)."""
    doc = etree.fromstring(etree.tostring(root))
    order = list(root.iter())
    f, l = (list(doc.iter())[order.index(x)] for x in (first, last))
    f.addprevious(etree.ProcessingInstruction("dts-start"))
    l.append(etree.ProcessingInstruction("dts-end"))
    raw = etree.tostring(doc, encoding="unicode")
    inner = raw.split("<?dts-start ?>", 1)[1].split("<?dts-end ?>", 1)[0]
    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", inner)).split())


def words(el_or_text) -> str:
    text = el_or_text if isinstance(el_or_text, str) else " ".join(el_or_text.itertext())
    return " ".join(text.split())


def letters(text: str) -> str:
    return re.sub(r"\W", "", text)


def subsequence(short: str, long: str) -> bool:
    """The reading text drops notes, deletions and sic: what it keeps comes in the source's order."""
    it = iter(long)
    return all(ch in it for ch in short)


def wrapper_of(content: bytes):
    root = etree.fromstring(content)
    assert root.tag == f"{{{TEI}}}TEI"
    wrappers = root.findall(f".//{{{DTS}}}wrapper")
    assert len(wrappers) == 1
    assert root.find("t:teiHeader", NS) is not None
    return wrappers[0]


def check_resource(base: str, resource: dict, has_pdf: bool) -> None:
    doc_id = resource["@id"]
    assert resource["@type"] == "Resource" and resource["totalChildren"] == 0
    dc = resource["dublinCore"]
    for key in ("title", "date", "language", "source") if "source" in dc else ("title", "date", "language"):
        assert dc.get(key), (doc_id, key)
    assert set(resource["mediaTypes"]) >= {"application/tei+xml", "text/plain", "text/html"}
    download = resource["download"]
    assert "application/tei+xml" in download and "text/plain" in download
    assert ("application/pdf" in download) == has_pdf
    for media, url in download.items():
        r = httpx.get(url, timeout=30)
        assert r.status_code == 200, url
    tree = resource["citationTrees"]
    assert tree and tree[0]["@type"] == "CitationTree" and "identifier" not in tree[0]

    # the TEI download declares the citation tree that Navigation serves
    tei_bytes = httpx.get(download["application/tei+xml"], timeout=30).content
    source = etree.fromstring(tei_bytes)
    assert source.find(".//t:encodingDesc/t:refsDecl/t:citeStructure", NS) is not None
    expected = independent_units(source)

    # Collection for the resource itself, and its parents
    itself = get_json(expand(resource["collection"]))
    assert itself["@id"] == doc_id and itself["@type"] == "Resource"
    parents = get_json(expand(resource["collection"], nav="parents"))
    assert len(parents["member"]) == resource["totalParents"] >= 1

    for tree_name, units in expected.items():
        tree_arg = tree_name or None
        nav = get_json(expand(resource["navigation"], down=-1, tree=tree_arg))
        assert nav["@type"] == "Navigation" and nav["resource"]["@id"] == doc_id
        assert nav["@id"].startswith(f"{base}/dts/navigation?")
        members = nav["member"]
        assert [m["identifier"] for m in members] == [i for i, _ in units], (doc_id, tree_name)
        by_id = {m["identifier"]: m for m in members}
        for m in members:
            assert UNIT_REQUIRED <= set(m) and m["@type"] == "CitableUnit"
            if m["parent"] is None:
                assert m["level"] == 1
            else:
                assert by_id[m["parent"]]["level"] == m["level"] - 1
        top = get_json(expand(resource["navigation"], down=1, tree=tree_arg))
        assert [m["identifier"] for m in top["member"]] == [m["identifier"] for m in members if m["level"] == 1]

        nodes = dict(units)
        for ident, node in units:
            # one unit: exactly the cited element
            r = httpx.get(expand(resource["document"], ref=ident, tree=tree_arg), timeout=30)
            assert r.status_code == 200 and r.headers["content-type"].startswith("application/tei+xml")
            assert 'rel="collection"' in r.headers["link"]
            wrapper = wrapper_of(r.content)
            pieces = [c for c in wrapper if isinstance(c.tag, str)]
            assert len(pieces) == 1 and c14n(pieces[0]) == c14n(node), (doc_id, ident)
            one = get_json(expand(resource["navigation"], ref=ident, tree=tree_arg))
            assert one["ref"]["identifier"] == ident and "member" not in one

        # ranges: every run of siblings, and the first to the last unit of the tree
        ids = [i for i, _ in units]
        pairs = [(ids[0], ids[-1])]
        by_parent: dict = {}
        for m in members:
            by_parent.setdefault(m["parent"], []).append(m["identifier"])
        pairs += [(sib[0], sib[-1]) for sib in by_parent.values() if len(sib) > 1]
        pairs += [(sib[1], sib[-1]) for sib in by_parent.values() if len(sib) > 2]
        for start, end in pairs:
            first, last = nodes[start], nodes[end]
            r = httpx.get(expand(resource["document"], start=start, end=end, tree=tree_arg), timeout=30)
            assert r.status_code == 200
            wrapper = wrapper_of(r.content)
            assert words(wrapper) == text_between(source, first, last), (doc_id, start, end)
            if first.getparent() is last.getparent():
                siblings = list(first.getparent())
                want = siblings[siblings.index(first): siblings.index(last) + 1]
                got = list(wrapper)
                assert [c14n(x) for x in got] == [c14n(x) for x in want]
            nav = get_json(expand(resource["navigation"], start=start, end=end, tree=tree_arg))
            assert nav["start"]["identifier"] == start and nav["end"]["identifier"] == end

        # plain text and HTML of a passage: the same words, in order
        ident, node = units[-1]
        plain = httpx.get(expand(resource["document"], ref=ident, tree=tree_arg, mediaType="text/plain"), timeout=30)
        assert plain.status_code == 200 and plain.headers["content-type"].startswith("text/plain")
        assert plain.text.strip() and subsequence(letters(re.sub(r"\[[^\]]*\]", "", plain.text)), letters(words(node)))
        page = httpx.get(expand(resource["document"], ref=ident, tree=tree_arg, mediaType="text/html"), timeout=30)
        assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
        parsed = html.fromstring(page.content)
        assert parsed.findtext(".//title").startswith(resource["title"])
        body = parsed.find(".//main")
        assert subsequence(letters(re.sub(r"\[[^\]]*\]", "", plain.text)), letters(body.text_content()))

    whole = httpx.get(expand(resource["document"]), timeout=30)
    assert whole.status_code == 200 and whole.content == tei_bytes


def walk_edition(base: str, count: int, has_pdf: bool) -> dict[str, dict]:
    entry = get_json(f"{base}/dts")
    assert entry["@type"] == "EntryPoint" and entry["@id"] == f"{base}/dts"
    assert entry["collection"] == f"{base}/dts/collection{{?id,page,nav}}"
    assert entry["navigation"] == f"{base}/dts/navigation{{?resource,ref,start,end,down,tree,page}}"
    assert entry["document"] == f"{base}/dts/document{{?resource,ref,start,end,tree,mediaType}}"
    resources = walk_collections(entry)
    assert len(resources) == count
    for resource in resources.values():
        check_resource(base, resource, has_pdf)
    return resources


def test_walk_the_flagship(flagship_served):
    base, edition = flagship_served
    # `editio serve` with no argument built what the edition lacked, and serves the site too
    assert (edition / "build" / "web" / "index.html").is_file() and (edition / "build" / "api" / "catalog.json").is_file()
    home = httpx.get(f"{base}/", timeout=30)
    assert home.status_code == 200 and home.headers["content-type"].startswith("text/html")
    docs = sorted(p.stem for p in (edition / "tei").glob("*.xml"))
    resources = walk_edition(base, len(docs), has_pdf=(edition / "build" / "web" / "edition.pdf").is_file())
    assert sorted(resources) == docs
    cable = resources["1945-07-03-harriman-cable"]
    # an HTML passage links its names to the site's register pages, which exist
    source = etree.fromstring(httpx.get(cable["download"]["application/tei+xml"], timeout=30).content)
    ident, node = next((i, n) for i, n in independent_units(source)[""]
                       if n.xpath(".//t:persName[@ref][not(ancestor::t:note)]", namespaces=NS))
    named = {r.rsplit("#", 1)[1] for r in node.xpath(".//*[self::t:persName or self::t:placeName or self::t:orgName]"
                                                     "[not(ancestor::t:note)]/@ref", namespaces=NS)}
    page = html.fromstring(httpx.get(f"{base}/dts/document?resource=1945-07-03-harriman-cable&ref={ident}"
                                     "&mediaType=text/html", timeout=30).content)
    links = {a.get("href") for a in page.iter("a") if "/register/" in (a.get("href") or "")}
    assert named and {f"{base}/register/{n}.html" for n in named} <= links, (ident, sorted(links), etree.tostring(page)[:300])
    assert all(httpx.get(link, timeout=30).status_code == 200 for link in links)
    assert cable["dublinCore"]["date"] == ["1945-07-03"]
    assert [c["citeType"] for c in cable["citationTrees"][0]["citeStructure"]] == ["division"]


def test_walk_the_verse_drama_and_declared_fixture(fixture_served):
    base, edition = fixture_served
    resources = walk_edition(base, 3, has_pdf=False)
    verse = resources["1601-verse"]["citationTrees"][0]["citeStructure"][0]
    assert verse["citeType"] == "division"
    assert [c["citeType"] for c in verse["citeStructure"]] == ["paragraph", "lg"]
    assert verse["citeStructure"][1]["citeStructure"] == [{"@type": "CiteStructure", "citeType": "line"}]
    act = resources["1602-drama"]["citationTrees"][0]["citeStructure"][0]
    scene = next(c for c in act["citeStructure"] if c["citeType"] == "division")
    assert [c["citeType"] for c in scene["citeStructure"]] == ["paragraph", "sp"]
    assert [c["citeType"] for c in scene["citeStructure"][1]["citeStructure"]] == ["paragraph", "line"]
    declared = resources["1603-declared"]["citationTrees"]
    assert declared[0]["citeStructure"][0]["citeType"] == "chapter" and declared[1]["identifier"] == "flat"
    # the document's own references: chapter I, section a
    nav = get_json(f"{base}/dts/navigation?resource=1603-declared&ref=I&down=1")
    assert [m["identifier"] for m in nav["member"]] == ["I", "I:a", "I:b"]
    r = httpx.get(f"{base}/dts/document?resource=1603-declared&tree=flat&ref=II-c&mediaType=text/plain")
    assert r.text == "Nobody needs a toll.\n"     # the reading text: the deletion is not read
    r = httpx.get(f"{base}/dts/document?resource=1603-declared&start=I:b&end=II:a&mediaType=text/plain")
    assert r.text == "In spring the ford is deep.\nOf boats\nA boat needs a ferryman.\n"
    r = httpx.get(f"{base}/dts/document?resource=1601-verse&ref=1.3.2&mediaType=text/plain")
    assert r.text == "and neither rivers can be sold.\n"


def test_navigation_down_zero_gives_siblings_and_ranges_with_down(fixture_served):
    base, _ = fixture_served
    nav = get_json(f"{base}/dts/navigation?resource=1603-declared&ref=II:b&down=0")
    assert [m["identifier"] for m in nav["member"]] == ["II:a", "II:b", "II:c"]
    nav = get_json(f"{base}/dts/navigation?resource=1603-declared&start=I&end=II&down=1")
    assert [m["identifier"] for m in nav["member"]] == ["I", "I:a", "I:b", "II", "II:a", "II:b", "II:c"]
    nav = get_json(f"{base}/dts/navigation?resource=1603-declared&start=I:b&end=II:a")
    assert nav["start"]["parent"] == "I" and nav["end"]["level"] == 2 and "member" not in nav


def test_collection_paging_and_parents(fixture_served):
    base, _ = fixture_served
    root = get_json(f"{base}/dts/collection")
    assert root["@id"] == "edition" and root["totalParents"] == 0 and root["totalChildren"] == 4
    assert len(root["member"]) == 2 and root["view"]["next"].endswith("page=2")
    second = get_json(root["view"]["next"])
    assert [m["@id"] for m in root["member"] + second["member"]] == \
        ["volume:test-volume-of-verse-and-drama", "type:play", "type:poem", "1603-declared"]
    parents = get_json(f"{base}/dts/collection?id=1601-verse&nav=parents")
    assert sorted(m["@id"] for m in parents["member"]) == ["type:poem", "volume:test-volume-of-verse-and-drama"]
    assert root["dublinCore"]["creator"] == ["A. Editor"] and root["dublinCore"]["publisher"] == ["Test Press"]


STATUS = [
    ("/dts/navigation", 400),
    ("/dts/navigation?resource=1601-verse", 400),
    ("/dts/navigation?resource=nothing&down=1", 404),
    ("/dts/navigation?resource=1601-verse&ref=1&start=1", 400),
    ("/dts/navigation?resource=1601-verse&start=1", 400),
    ("/dts/navigation?resource=1601-verse&end=1", 400),
    ("/dts/navigation?resource=1601-verse&down=0", 400),
    ("/dts/navigation?resource=1601-verse&down=-2", 400),
    ("/dts/navigation?resource=1601-verse&down=lots", 400),
    ("/dts/navigation?resource=1601-verse&start=1&end=1&down=0", 400),
    ("/dts/navigation?resource=1601-verse&ref=9.9", 404),
    ("/dts/navigation?resource=1601-verse&ref=1&tree=nope", 404),
    ("/dts/navigation?resource=1601-verse&start=1.3&end=1.2", 400),
    ("/dts/navigation?resource=1601-verse&ref=1&ref=1", 400),
    ("/dts/document", 400),
    ("/dts/document?resource=nothing", 404),
    ("/dts/document?resource=1601-verse&ref=42", 404),
    ("/dts/document?resource=1601-verse&ref=1&end=1", 400),
    ("/dts/document?resource=1601-verse&start=1.2", 400),
    ("/dts/document?resource=1601-verse&mediaType=application/pdf", 404),
    ("/dts/document?resource=1601-verse&tree=flat", 404),
    ("/dts/collection?id=nothing", 404),
    ("/dts/collection?nav=sideways", 400),
    ("/dts/collection?page=9", 404),
    ("/dts/collection?page=0", 400),
    ("/dts/collection?page=1e3", 400),
    ("/dts/search", 404),
]


@pytest.mark.parametrize("path,status", STATUS)
def test_status_codes(fixture_served, path, status):
    base, _ = fixture_served
    data = get_json(base + path, status)
    assert data["statusCode"] == status and data["description"]


def test_declared_document_without_refs_decl_gets_one_in_the_build_only(fixture_served):
    base, edition = fixture_served
    source = (edition / "tei" / "1601-verse.xml").read_bytes()
    assert b"citeStructure" not in source            # the edition's file is untouched
    served = httpx.get(f"{base}/api/tei/1601-verse.xml").content
    assert b'<refsDecl n="editio-dts">' in served
