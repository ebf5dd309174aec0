"""The server serves only files inside the build, and answers every malformed request with the
protocol's error, never a 500 or a traceback."""

from __future__ import annotations

import os
import random
import shutil
import socket
import string
import subprocess
from urllib.parse import urlsplit

import httpx
import pytest
from lxml import etree

from apiserver import copy_fixture, served


def raw(base: str, target: str, method: str = "GET", headers: dict | None = None, body: bytes = b"") -> tuple[int, bytes]:
    """Send the request line exactly as given (no client-side normalisation of '..' or '%2e')."""
    url = urlsplit(base)
    lines = [f"{method} {target} HTTP/1.1", f"Host: {url.netloc}", "Connection: close"]
    lines += [f"{k}: {v}" for k, v in (headers or {}).items()]
    if body:
        lines.append(f"Content-Length: {len(body)}")
    data = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body
    with socket.create_connection((url.hostname, url.port), timeout=30) as s:
        s.sendall(data)
        chunks = []
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            chunks.append(chunk)
    response = b"".join(chunks)
    head, _, payload = response.partition(b"\r\n\r\n")
    return int(head.split()[1]), payload


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory):
    """The fixture edition built, then given symlinks that leave the build (and one that does not)."""
    edition = copy_fixture(tmp_path_factory.mktemp("hostile") / "edition")
    outside = tmp_path_factory.mktemp("outside")
    (outside / "secret.txt").write_text("SECRET\n")
    with served(edition) as base:      # builds web and api
        pass
    web, api = edition / "build" / "web", edition / "build" / "api"
    os.symlink(outside / "secret.txt", web / "leak.txt")
    os.symlink(outside, web / "dir-link")
    os.symlink(outside / "secret.txt", api / "tei" / "evil.xml")
    os.symlink(web / "index.html", web / "alias.html")          # inside the build: served
    (web / ".hidden.txt").write_text("hidden\n")
    with served(edition / "build") as base:
        yield base, edition


TRAVERSALS = [
    "/../../../../etc/passwd",
    "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
    "/documents/..%2f..%2f..%2f..%2fetc%2fpasswd",
    "/%252e%252e/%252e%252e/etc/passwd",
    "/..%5c..%5c..%5cetc%5cpasswd",
    "//etc/passwd",
    "/%2fetc%2fpasswd",
    "/api/tei/../catalog.json",
    "/api/catalog.json",
    "/api/../../edition.toml",
    "/api/tei/%2e%2e/%2e%2e/%2e%2e/edition.toml",
    "/.editio-web",
    "/.hidden.txt",
    "/leak.txt",
    "/dir-link/secret.txt",
    "/api/tei/evil.xml",
    "/index.html%00.txt",
    "/%ff%fe",
    "/documents/%c0%ae%c0%ae/%c0%ae%c0%ae/edition.toml",
]


@pytest.mark.parametrize("target", TRAVERSALS)
def test_nothing_outside_the_build(hostile_build, target):
    base, edition = hostile_build
    status, body = raw(base, target)
    assert status in (400, 404), (target, status)
    assert b"SECRET" not in body and b"root:" not in body and b"[edition]" not in body and b"hidden" not in body


def test_files_inside_the_build_are_served(hostile_build):
    base, _ = hostile_build
    for target in ("/", "/index.html", "/alias.html", "/api/tei/1601-verse.xml", "/api/dts/index.json",
                   "/api/oai-static.xml", "/documents/1601-verse.html"):
        status, body = raw(base, target)
        assert status == 200, target
    status, body = raw(base, "/", method="HEAD")
    assert status == 200 and body == b""


SCRIPTED_TEI = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:h="http://www.w3.org/1999/xhtml" xml:id="d1700-scripted">
 <teiHeader><fileDesc><titleStmt><title>Scripted</title></titleStmt><publicationStmt><p>x</p></publicationStmt>
  <sourceDesc><p>x</p></sourceDesc></fileDesc></teiHeader>
 <text><body><p>A <h:script>document.documentElement.setAttribute("ran", "yes")</h:script> script.</p></body></text>
</TEI>
"""


def test_a_script_in_a_tei_download_does_not_run_in_the_sites_origin(tmp_path):
    """Review: a browser renders an XML response and runs a script element in the XHTML namespace
    inside it; the TEI downloads (/documents/*.xml) carried a hostile file's script into the site's
    origin.  XML responses are sandboxed (no script, an origin of their own); pages and the PDF are not."""
    edition = copy_fixture(tmp_path / "edition")
    (edition / "tei" / "1700-scripted.xml").write_text(SCRIPTED_TEI, encoding="utf-8")
    with served(edition) as base:
        for target in ("/documents/1700-scripted.xml", "/api/tei/1700-scripted.xml", "/oai?verb=Identify",
                       "/dts/document?resource=1700-scripted"):
            r = httpx.get(base + target)
            assert r.status_code == 200 and "xml" in r.headers["content-type"], target
            assert "sandbox" in r.headers.get("content-security-policy", ""), target
        for target in ("/index.html", "/dts", "/documents/1700-scripted.html"):
            assert "content-security-policy" not in httpx.get(base + target).headers, target
        chromium = shutil.which("chromium")
        if chromium is None:
            return
        dom = subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom",
                              f"{base}/documents/1700-scripted.xml"], capture_output=True, text=True, timeout=120).stdout
        assert "Scripted" in dom            # the document was shown
        assert 'ran="yes"' not in dom       # and its script did not run


@pytest.fixture(scope="module")
def base(fixture_served):
    return fixture_served[0]


def test_oversized_and_malformed_queries(base):
    long = "x" * 5000
    r = httpx.get(f"{base}/dts/collection?id={long}")
    assert r.status_code == 400 and r.json()["statusCode"] == 400
    r = httpx.get(f"{base}/oai?verb=Identify&pad={long}")
    assert r.status_code == 200 and _oai_error(r.content) == "badArgument"
    for query in ("resource=%ff%fe", "resource=%zz", "resource=a%00b", "&".join(f"p{i}=1" for i in range(40))):
        status, body = raw(base, f"/dts/document?{query}")
        assert status in (400, 404), query
        status, body = raw(base, f"/oai?verb=ListRecords&{query}")
        assert status == 200 and _oai_error(body) in ("badArgument",), query


def test_methods_and_bodies(base):
    assert httpx.post(f"{base}/dts", data={"a": "b"}).status_code == 405
    assert httpx.put(f"{base}/oai", content=b"verb=Identify").status_code == 405
    assert httpx.delete(f"{base}/index.html").status_code == 405
    r = httpx.post(f"{base}/oai", content=b"verb=Identify&" + b"x" * 10000,
                   headers={"content-type": "application/x-www-form-urlencoded"})
    assert r.status_code == 200 and _oai_error(r.content) == "badArgument"


def test_hostile_host_header_is_not_echoed(base):
    status, body = raw(base, "/dts", headers={"Host": 'evil.example"><script>'})
    # uvicorn or the app: either the request is refused, or the URLs name the server itself
    assert status in (200, 400)
    assert b"<script>" not in body and b"evil" not in body


def test_random_requests_never_fail_the_server(base):
    rng = random.Random(13)
    names = ["verb", "metadataPrefix", "identifier", "from", "until", "set", "resumptionToken", "resource",
             "ref", "start", "end", "down", "tree", "page", "nav", "id", "mediaType"]
    values = ["", "ListRecords", "GetRecord", "Identify", "oai_dc", "tei", "1601-verse", "1.2", "-1", "0", "99",
              "2024-01-01", "type:poem", "text/html", "children", "parents", "..", "%2e%2e", "I:a"]
    paths = ["/oai", "/dts", "/dts/collection", "/dts/navigation", "/dts/document"]
    for _ in range(300):
        params = [(rng.choice(names), rng.choice(values + ["".join(rng.choices(string.printable, k=8))]))
                  for _ in range(rng.randint(0, 5))]
        r = httpx.get(base + rng.choice(paths), params=params, timeout=30)
        assert r.status_code in (200, 400, 404), (r.url, r.status_code, r.text[:300])
        if r.headers["content-type"].startswith("text/xml"):
            etree.fromstring(r.content)
        elif "json" in r.headers["content-type"]:
            r.json()


def _oai_error(body: bytes) -> str | None:
    err = etree.fromstring(body).find("{http://www.openarchives.org/OAI/2.0/}error")
    return err.get("code") if err is not None else None


def _files(folder):
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def test_serving_a_build_folder_without_its_api_says_so_and_writes_nothing(tmp_path):
    """`editio serve build/` on a web-only build: before, it took build/ for an edition, failed with
    "no TEI documents" and left build/build/.environment/records behind."""
    from typer.testing import CliRunner
    from editio.cli import app
    build = tmp_path / "build"
    (build / "web").mkdir(parents=True)
    (build / "web" / "index.html").write_text("<!DOCTYPE html><title>site</title>", encoding="utf-8")
    before = _files(build)
    result = CliRunner().invoke(app, ["serve", str(build), "--port", "0", "--quiet"])
    assert result.exit_code == 2, result.output
    assert "has no api/" in result.output and "editio build --web --api" in result.output
    assert "Traceback" not in result.output
    assert _files(build) == before
    empty = tmp_path / "empty"            # a folder with no TEI at all: an error, and still empty
    empty.mkdir()
    result = CliRunner().invoke(app, ["serve", str(empty), "--port", "0", "--quiet"])
    assert result.exit_code == 2 and "no TEI documents" in result.output, result.output
    assert _files(empty) == []
