"""One ASGI application: the static site (build/web), DTS at /dts, OAI-PMH at /oai, and the API's
files (build/api: the TEI with citation trees, the static responses) at /api/.

    from editio.api.app import create_app
    app = create_app("/srv/edition")          # an edition folder, its edition.toml, or its build/

Written against the ASGI 3 specification directly (no framework): the application is four routes
and a file server, and owning the request path end to end is what keeps every file it opens inside
the build.  Protocol work (XSLT, parsing) runs in a thread pool, so a slow passage never holds up
the event loop.  Any unexpected failure is logged and answered with a bare 500, never a traceback.
"""

from __future__ import annotations

import asyncio
import re
import sys
import threading
import traceback
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from ..edition import CONFIG, load_edition
from ..errors import EditioError
from . import dts
from .catalog import Catalog
from .http import MAX_QUERY, BadQuery, Query, Response, media_type, safe_file
from .oai import Repository

HOST = re.compile(r"[A-Za-z0-9.\-]+(:\d{1,5})?|\[[0-9A-Fa-f:.]+\](:\d{1,5})?")
CHUNK = 1 << 16
CACHE_BYTES = 32 << 20
SECURITY_HEADERS = [("x-content-type-options", "nosniff"), ("referrer-policy", "no-referrer")]
# An XML response (a TEI download, DTS, OAI-PMH) is a document a browser renders, and runs any script
# element in the XHTML namespace it holds: a hostile TEI file (an imported volume) would run its script
# with the site's origin.  A sandboxed document has an origin of its own and runs no script.  (Not for
# PDF: a browser refuses to show a PDF in a sandbox; not for HTML: the site's pages run its own scripts.)
XML_HEADERS = [("content-security-policy", "sandbox; default-src 'none'")]


@dataclass
class Paths:
    build: Path
    web: Path
    api: Path


def locate(path: str | Path) -> Paths:
    """The build folder that `path` names: an edition (folder or edition.toml) or a build folder."""
    path = Path(path)
    if is_build_folder(path):
        build = path
    else:
        build = load_edition(path).out_dir
    return Paths(build, build / "web", build / "api")


def is_build_folder(path: Path) -> bool:
    """A folder `editio build` wrote (its site or its API data), not an
    edition: one has edition.toml or TEI, a build folder web/ and api/."""
    return path.is_dir() and not (path / CONFIG).is_file() and any(
        (path / name).is_file() for name in ("api/catalog.json", "web/index.html"))


class App:
    def __init__(self, paths: Paths):
        self.paths = paths
        self._catalog_key = self._catalog_stat()
        self.catalog = Catalog.load(paths.api, site_dir=paths.web)
        self.repository = Repository(self.catalog)
        self._reload_lock = threading.Lock()
        # DTS answers depend only on the (immutable) catalog and the request: the recent ones are
        # kept, up to CACHE_BYTES in all, so that random queries cannot grow the memory
        self._cache: OrderedDict[tuple, Response] = OrderedDict()
        self._cached_bytes = 0
        self._lock = threading.Lock()

    def _catalog_stat(self):
        try:
            st = (self.paths.api / "catalog.json").stat()
        except OSError:
            return None
        return st.st_ino, st.st_mtime_ns, st.st_size

    def refresh(self) -> None:
        """Follow a rebuild (`editio build` while the server runs): a new catalog is loaded, and the
        answers cached from the old one dropped, so that a document taken out of the edition is not
        served on by DTS and OAI-PMH.  While the build swaps its folder in, the old catalog serves."""
        key = self._catalog_stat()
        if key is None or key == self._catalog_key:
            return
        with self._reload_lock:
            if key == self._catalog_key:
                return
            try:
                catalog = Catalog.load(self.paths.api, site_dir=self.paths.web)
            except EditioError:
                return
            repository = Repository(catalog)
            with self._lock:
                self.catalog, self.repository = catalog, repository
                self._cache.clear()
                self._cached_bytes = 0
            self._catalog_key = key

    def dts(self, root: str, endpoint: str, pairs: tuple) -> Response:
        key = (root, endpoint, pairs)
        with self._lock:
            hit = self._cache.get(key)
            if hit is not None:
                self._cache.move_to_end(key)
                return hit
        response = dts.handle(self.catalog, f"{root}dts", root, endpoint, Query(list(pairs)))
        size = len(response.body)
        if size <= CACHE_BYTES // 64:
            with self._lock:
                if key not in self._cache:
                    self._cache[key] = response
                    self._cached_bytes += size
                while self._cached_bytes > CACHE_BYTES:
                    _, old = self._cache.popitem(last=False)
                    self._cached_bytes -= len(old.body)
        return response

    # ----- ASGI -----
    async def __call__(self, scope, receive, send):
        if scope["type"] == "lifespan":
            while True:
                message = await receive()
                if message["type"] == "lifespan.startup":
                    await send({"type": "lifespan.startup.complete"})
                elif message["type"] == "lifespan.shutdown":
                    await send({"type": "lifespan.shutdown.complete"})
                    return
        if scope["type"] != "http":
            return
        try:
            response = await self.respond(scope, receive)
        except Exception:   # never a traceback to the client
            traceback.print_exc(file=sys.stderr)
            response = Response.text(500, "internal server error\n")
        await self.send(scope, send, response)

    async def send(self, scope, send, response: Response) -> None:
        headers = [(b"content-type", response.content_type.encode("latin-1"))]
        extra = XML_HEADERS if "xml" in response.content_type.split(";")[0] else []
        headers += [(k.lower().encode("latin-1"), v.encode("latin-1", "replace")) for k, v in
                    SECURITY_HEADERS + extra + response.headers]
        head = scope["method"] == "HEAD"
        if response.file is not None:
            size = response.file.stat().st_size
            headers.append((b"content-length", str(size).encode()))
            await send({"type": "http.response.start", "status": response.status, "headers": headers})
            if head:
                await send({"type": "http.response.body", "body": b""})
                return
            with open(response.file, "rb") as fh:
                while True:
                    block = await asyncio.to_thread(fh.read, CHUNK)
                    more = len(block) == CHUNK
                    await send({"type": "http.response.body", "body": block, "more_body": more})
                    if not more:
                        return
        headers.append((b"content-length", str(len(response.body)).encode()))
        await send({"type": "http.response.start", "status": response.status, "headers": headers})
        await send({"type": "http.response.body", "body": b"" if head else response.body})

    # ----- routing -----
    def roots(self, scope) -> tuple[str, str]:
        """(site root URL ending in '/', OAI base URL)."""
        s = self.catalog.settings
        if s.site_url:
            root = s.site_url
        else:
            host = next((v.decode("latin-1") for k, v in scope.get("headers", []) if k == b"host"), "")
            if not HOST.fullmatch(host):
                server = scope.get("server") or ("localhost", None)
                host = server[0] + (f":{server[1]}" if server[1] else "")
            root = f"{scope.get('scheme', 'http')}://{host}{scope.get('root_path', '')}/"
        return root, s.base_url or f"{root}oai"

    async def respond(self, scope, receive) -> Response:
        method = scope["method"]
        raw_path = scope.get("raw_path") or scope["path"].encode("utf-8")
        path = raw_path.decode("latin-1").split("?", 1)[0]
        root_path = scope.get("root_path", "")
        if root_path and path.startswith(root_path):
            path = path[len(root_path):] or "/"
        query = scope.get("query_string", b"")
        if path in ("/oai", "/oai/") or path == "/dts" or path.startswith("/dts/"):
            await asyncio.to_thread(self.refresh)      # one stat; a reload after a rebuild
        if path in ("/oai", "/oai/"):
            if method == "POST":
                query = await _body(receive, scope)
            elif method not in ("GET", "HEAD"):
                return _not_allowed("GET, HEAD, POST")
            root, base = self.roots(scope)
            try:
                if query is None:
                    raise BadQuery(f"the request body is longer than {MAX_QUERY} bytes")
                params = Query.parse(query)
            except BadQuery as exc:
                return self.repository.error("badArgument", str(exc), base)
            return await asyncio.to_thread(self.repository.handle, params, base)
        if method not in ("GET", "HEAD"):
            return _not_allowed("GET, HEAD")
        if path == "/dts" or path.startswith("/dts/"):
            endpoint = path[len("/dts"):].strip("/")
            root, _ = self.roots(scope)
            try:
                params = Query.parse(query)
            except BadQuery as exc:
                return dts.error(400, "Bad Request", str(exc))
            return await asyncio.to_thread(self.dts, root, endpoint, tuple(params.pairs))
        if path.startswith("/api/"):
            return self.file(self.paths.api, path[len("/api/"):], api=True)
        return self.file(self.paths.web, path)

    def file(self, folder: Path, url_path: str, api: bool = False) -> Response:
        if api and not (url_path.startswith(("tei/", "dts/")) or url_path == "oai-static.xml"):
            return Response.text(404, "not found\n")
        target = safe_file(folder, url_path)
        if target is None:
            return Response.text(404, "not found\n")
        content_type = media_type(target)
        if api and target.suffix == ".xml" and url_path.startswith("tei/"):
            content_type = "application/tei+xml; charset=utf-8"
        return Response(200, b"", content_type, [], file=target)


async def _body(receive, scope) -> bytes | None:
    """The form body of a POST (None when it is larger than a query may be)."""
    chunks, size = [], 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return b""
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > MAX_QUERY:
            return None
        chunks.append(chunk)
        if not message.get("more_body"):
            return b"".join(chunks)


def _not_allowed(allow: str) -> Response:
    return Response.text(405, "method not allowed\n", headers=[("Allow", allow)])


def create_app(edition_path: str | Path = ".", *, build_missing: bool = False) -> App:
    """The ASGI application for an edition (its folder or edition.toml) or its build folder.

    With build_missing, the web and API outputs that are not there yet are built first (what
    `editio serve` does); a deployment builds with `editio build` and imports this."""
    paths = locate(edition_path)
    if build_missing:
        ensure_built(edition_path, paths)
    if not (paths.api / "catalog.json").is_file():
        raise EditioError("this build has no API data", path=str(paths.build),
                          hint="run `editio build --api` (or `editio serve`, which builds what is missing)")
    return App(paths)


ENV_EDITION = "EDITIO_EDITION"


def from_environment() -> App:
    """The application for the edition named by $EDITIO_EDITION (uvicorn's worker processes)."""
    import os
    return create_app(os.environ.get(ENV_EDITION, "."))


def ensure_built(edition_path: str | Path, paths: Paths, progress=None) -> list[str]:
    """Build the web and API outputs of the edition that are missing; returns their names."""
    todo = [name for name, folder in (("web", paths.web), ("api", paths.api))
            if not (folder / ("index.html" if name == "web" else "catalog.json")).is_file()]
    if todo and is_build_folder(Path(edition_path)):
        # a build folder names no edition to build from: say what is missing, write nothing into it
        raise EditioError(f"this build folder has no {' and no '.join(f'{n}/' for n in todo)} "
                          f"({'DTS and OAI-PMH data' if todo == ['api'] else 'outputs to serve'})",
                          path=str(edition_path),
                          hint=f"in the edition's folder: editio build --web --api --out {edition_path}, "
                               "or run editio serve there")
    if todo:
        from ..builders import build
        edition = load_edition(edition_path)
        if "web" in todo and "api" not in todo:
            todo.append("api")     # the API's download links name the site's files
        build(edition, todo, progress=progress)
    return todo
