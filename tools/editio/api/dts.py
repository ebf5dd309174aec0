"""DTS 1.0 (Distributed Text Services): the Entry, Collection, Navigation and Document endpoints.

Conformance level 1: `ref` and `start`/`end` on Navigation and Document.  Identifiers: the root
collection is `[api] root_id` ("edition"), child collections are `type:{slug}` (document types)
and `volume:{slug}` (imported volumes), resources are the documents' ids (file stems).  Every
JSON answer is JSON-LD with the DTS context; errors follow the spec's status codes (400 for a
missing or contradictory parameter, 404 for an unknown resource, tree, reference, page or media
type).

`base` is the absolute URL of the entry endpoint (…/dts) and `root` the site's (…/), both
without query; `self_url` is the request's own URL (a Navigation's and a page's @id).
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import quote, urlencode

from jinja2 import Environment, PackageLoader, select_autoescape
from lxml import etree
from markupsafe import Markup

from .. import TEI_NS, XML_NS, resources, stylesheets
from ..errors import EditioError
from ..xmlio import parse_bytes, tei_shell
from .catalog import Catalog, Document
from .citations import Unit, passage
from .http import Query, Response

CONTEXT = "https://dtsapi.org/context/v1.0.json"
VERSION = "1.0"
DTS_NS = "https://w3id.org/api/dts#"
TEI_MEDIA = "application/tei+xml"
MEDIA_TYPES = [TEI_MEDIA, "text/plain", "text/html"]
PLAIN_XSL = "api/passage-text.xsl"
HTML_XSL = "web/document.xsl"
T = f"{{{TEI_NS}}}"

PARAMS = {"collection": {"id", "page", "nav"},
          "navigation": {"resource", "ref", "start", "end", "down", "tree", "page"},
          "document": {"resource", "ref", "start", "end", "tree", "mediaType"}}

# Passages are transformed in one thread of their own: libxslt, with lxml's per-thread
# dictionaries, was seen to fail on trees and stylesheets that several server threads had touched
# ("Variable 'level' has not been declared" in a template that works in every single-threaded
# run).  The passage crosses into that thread as bytes and comes back as a string.
_XSLT_THREAD = ThreadPoolExecutor(max_workers=1, thread_name_prefix="editio-xslt")


def _run_transform(name: str, data: bytes, method: str, params: dict) -> str:
    sheets = _local.__dict__.setdefault("sheets", {})
    if name not in sheets:
        sheets[name] = stylesheets.compile_stylesheet.__wrapped__(str(resources.xslt(name)))
    tree = parse_bytes(data, "<passage>")
    try:
        result = sheets[name](tree, **{k: etree.XSLT.strparam(str(v)) for k, v in params.items()})
    except etree.XSLTApplyError as exc:
        raise EditioError(f"XSLT {name} failed: {exc}") from None
    if method == "text":
        return str(result)
    return etree.tostring(result.getroot(), encoding="unicode", method="html")


def _transform(name: str, tree, method: str, **params) -> str:
    return _XSLT_THREAD.submit(_run_transform, name, etree.tostring(tree), method, params).result()


_local = threading.local()
_templates = Environment(loader=PackageLoader("editio", "templates"), autoescape=select_autoescape(["html"]))


class DtsError(Exception):
    def __init__(self, status: int, title: str, description: str):
        super().__init__(description)
        self.status, self.title, self.description = status, title, description


def error(status: int, title: str, description: str) -> Response:
    return Response.json(status, {"@context": CONTEXT, "@type": "Error", "statusCode": status,
                                  "title": title, "description": description}, "application/json")


def bad(description: str) -> DtsError:
    return DtsError(400, "Bad Request", description)


def missing(description: str) -> DtsError:
    return DtsError(404, "Not Found", description)


def _q(value: str) -> str:
    return quote(value, safe="")


def templates(base: str) -> dict[str, str]:
    return {"collection": f"{base}/collection{{?id,page,nav}}",
            "navigation": f"{base}/navigation{{?resource,ref,start,end,down,tree,page}}",
            "document": f"{base}/document{{?resource,ref,start,end,tree,mediaType}}"}


def entry(catalog: Catalog, base: str) -> Response:
    return Response.json(200, {"@context": CONTEXT, "dtsVersion": VERSION, "@id": base,
                               "@type": "EntryPoint", **templates(base)})


# ----- collection -----

def _dublin_core(doc: Document) -> dict:
    lang = next((v for k, v in doc.dc if k == "language"), "")
    out: dict[str, list] = {}
    for name, value in doc.dc:
        if not value:
            continue
        if name in ("title", "description") and lang:
            out.setdefault(name, []).append({"lang": lang, "value": value})
        else:
            out.setdefault(name, []).append(value)
    return out


def _parents(catalog: Catalog, object_id: str) -> list[str]:
    if object_id == catalog.settings.root_id:
        return []
    if object_id in catalog.collections:
        return [catalog.settings.root_id]
    doc = catalog.documents[object_id]
    return doc.sets or [catalog.settings.root_id]


def _children(catalog: Catalog, object_id: str) -> list[str]:
    if object_id == catalog.settings.root_id:
        return catalog.root_members()
    if object_id in catalog.collections:
        return catalog.collections[object_id].members
    return []


def resource_object(catalog: Catalog, doc: Document, base: str, root: str) -> dict:
    q = _q(doc.id)
    download = {TEI_MEDIA: f"{root}api/tei/{q}.xml"}
    if catalog.site_file(f"documents/{doc.id}.txt"):
        download["text/plain"] = f"{root}documents/{q}.txt"
    else:
        download["text/plain"] = f"{base}/document?resource={q}&mediaType=text%2Fplain"
    if catalog.site_file("edition.pdf"):
        download["application/pdf"] = f"{root}edition.pdf"
    out = {"@id": doc.id, "@type": "Resource", "title": doc.title}
    if doc.description:
        out["description"] = doc.description
    out.update({
        "totalParents": len(_parents(catalog, doc.id)), "totalChildren": 0,
        "dublinCore": _dublin_core(doc),
        "collection": f"{base}/collection?id={q}{{&nav}}",
        "navigation": f"{base}/navigation?resource={q}{{&ref,down,start,end,tree,page}}",
        "document": f"{base}/document?resource={q}{{&ref,start,end,tree,mediaType}}",
        "download": download,
        "citationTrees": doc.trees,
        "mediaTypes": MEDIA_TYPES,
    })
    return out


def _collection_object(catalog: Catalog, object_id: str, base: str, root: str, member: bool) -> dict:
    if object_id in catalog.documents:
        return resource_object(catalog, catalog.documents[object_id], base, root)
    if object_id == catalog.settings.root_id:
        title, description = catalog.title, ""
        dc = {"title": [catalog.title]}
        if catalog.publisher:
            dc["publisher"] = [catalog.publisher]
        if catalog.editors:
            dc["creator"] = list(catalog.editors)
    else:
        c = catalog.collections[object_id]
        title, description, dc = c.title, c.description, {"title": [c.title]}
    out = {"@id": object_id, "@type": "Collection", "title": title}
    if description:
        out["description"] = description
    out["totalParents"] = len(_parents(catalog, object_id))
    out["totalChildren"] = len(_children(catalog, object_id))
    out["dublinCore"] = dc
    out["collection"] = (f"{base}/collection?id={_q(object_id)}{{&page,nav}}" if member
                         else f"{base}/collection{{?id,page,nav}}")
    return out


def _page(params: Query, total: int, size: int) -> tuple[int, int]:
    """(page number, number of pages); page absent = 1."""
    pages = max(1, -(-total // size))
    raw = params.get("page")
    if raw is None:
        return 1, pages
    if not raw.isdigit() or len(raw) > 9 or int(raw) < 1:
        raise bad("page must be a whole number from 1")
    if int(raw) > pages:
        raise missing(f"there is no page {raw} (the last is {pages})")
    return int(raw), pages


def _view(self_url: str, params: Query, page: int, pages: int) -> dict:
    def url(n: int) -> str:
        pairs = [(k, v) for k, v in params.pairs if k != "page"] + [("page", str(n))]
        return f"{self_url}?{urlencode(pairs, quote_via=quote)}"

    return {"@id": url(page), "@type": "Pagination", "first": url(1),
            "previous": url(max(1, page - 1)), "next": url(min(pages, page + 1)), "last": url(pages)}


def collection(catalog: Catalog, base: str, params: Query | dict, self_url: str, root: str = "/") -> Response:
    params = params if isinstance(params, Query) else Query(list(params.items()))
    object_id = params.get("id") or catalog.settings.root_id
    nav = params.get("nav") or "children"
    if nav not in ("children", "parents"):
        raise bad("nav must be children or parents")
    known = object_id == catalog.settings.root_id or object_id in catalog.collections or object_id in catalog.documents
    if not known:
        raise missing(f"no collection or resource {object_id!r}")
    out = {"@context": CONTEXT, "dtsVersion": VERSION, **_collection_object(catalog, object_id, base, root, False)}
    ids = _children(catalog, object_id) if nav == "children" else _parents(catalog, object_id)
    size = catalog.settings.dts_page_size
    page, pages = _page(params, len(ids), size)
    if ids or object_id not in catalog.documents:
        out["member"] = [_collection_object(catalog, i, base, root, True)
                         for i in ids[(page - 1) * size: page * size]]
    if pages > 1:
        out["view"] = _view(self_url, params, page, pages)
    return Response.json(200, out)


# ----- navigation -----

def _unit_json(u: Unit) -> dict:
    out = {"identifier": u.identifier, "@type": "CitableUnit", "level": u.level, "parent": u.parent,
           "citeType": u.cite_type}
    if u.title:
        out["dublinCore"] = {"title": [u.title]}
    return out


def _resource_and_tree(catalog: Catalog, params: Query) -> tuple[Document, str]:
    resource = params.get("resource")
    if not resource:
        raise bad("the resource parameter is required")
    doc = catalog.documents.get(resource)
    if doc is None:
        raise missing(f"no resource {resource!r}")
    tree = params.get("tree")
    if tree is not None:
        if not tree or tree not in doc.tree_names or tree == "":
            raise missing(f"resource {resource!r} has no citation tree {tree!r}")
    return doc, tree or ""


def _refs(params: Query) -> tuple[str | None, str | None, str | None]:
    ref, start, end = params.get("ref"), params.get("start"), params.get("end")
    if ref is not None and (start is not None or end is not None):
        raise bad("ref cannot be used with start or end")
    if (start is None) != (end is None):
        raise bad("start and end must be given together")
    return ref, start, end


def _find(doc: Document, tree: str, ref: str) -> int:
    index = doc.by_ref.get(tree, {}).get(ref)
    if index is None:
        raise missing(f"resource {doc.id!r} has no citable unit {ref!r}")
    return index


def _subtree_end(units: list[Unit], i: int) -> int:
    """Index of the last unit inside units[i] (units are in document order)."""
    level = units[i].level
    j = i
    while j + 1 < len(units) and units[j + 1].level > level:
        j += 1
    return j


def navigation(catalog: Catalog, base: str, params: Query, self_url: str, root: str = "/") -> Response:
    doc, tree = _resource_and_tree(catalog, params)
    ref, start, end = _refs(params)
    raw_down = params.get("down")
    down = None
    if raw_down is not None:
        if not (raw_down.lstrip("-").isdigit() and len(raw_down) < 10) or int(raw_down) < -1:
            raise bad("down must be -1 or a whole number from 0")
        down = int(raw_down)
    if down is None and ref is None and start is None:
        raise bad("give ref, start and end, or down")
    if down == 0 and ref is None:
        raise bad("down=0 needs ref")
    units = doc.units.get(tree, [])
    here = self_url + (f"?{urlencode(params.pairs, quote_via=quote)}" if params.pairs else "")
    out = {"@context": CONTEXT, "dtsVersion": VERSION, "@type": "Navigation", "@id": here,
           "resource": resource_object(catalog, doc, base, root)}
    if not units and not doc.tree_names:
        out["member"] = []
        return Response.json(200, out)
    members: list[Unit] | None = None
    if ref is not None:
        i = _find(doc, tree, ref)
        out["ref"] = _unit_json(units[i])
        if down == 0:
            members = [u for u in units if u.parent == units[i].parent]
        elif down is not None:
            last = _subtree_end(units, i)
            limit = None if down == -1 else units[i].level + down
            members = [u for u in units[i:last + 1] if limit is None or u.level <= limit]
    elif start is not None:
        i, j = _find(doc, tree, start), _find(doc, tree, end)
        if j < i:
            raise bad("start comes after end")
        out["start"], out["end"] = _unit_json(units[i]), _unit_json(units[j])
        if down is not None:
            last = _subtree_end(units, j)
            limit = None if down == -1 else max(units[i].level, units[j].level) + down
            top = min(units[i].level, units[j].level)
            members = [u for u in units[i:last + 1] if u.level >= top and (limit is None or u.level <= limit)]
    else:
        members = [u for u in units if down == -1 or u.level <= down]
    if members is not None:
        size = catalog.settings.dts_page_size * 10
        page, pages = _page(params, len(members), size)
        out["member"] = [_unit_json(u) for u in members[(page - 1) * size: page * size]]
        if pages > 1:
            out["view"] = _view(self_url, params, page, pages)
    elif params.get("page") not in (None, "1"):
        raise missing("this response has one page")
    return Response.json(200, out)


# ----- document -----

def _passage_tei(catalog: Catalog, doc: Document, units: list[Unit], i: int, j: int, wrap: bool):
    """A TEI document holding the header and, in its body, the passage from units[i] to units[j]
    (inside dts:wrapper when `wrap`)."""
    original = catalog.tree(doc).getroot()
    first = catalog.node(doc, units[i])
    last = catalog.node(doc, units[j])
    pieces = passage(original, first, last)
    tei, text = tei_shell(original, nsmap={None: TEI_NS})
    lang = original.find(f"{T}text")
    if lang is not None and lang.get(f"{{{XML_NS}}}lang"):
        text.set(f"{{{XML_NS}}}lang", lang.get(f"{{{XML_NS}}}lang"))
    body = etree.SubElement(text, f"{T}body")
    holder = etree.SubElement(body, f"{{{DTS_NS}}}wrapper", nsmap={"dts": DTS_NS}) if wrap else body
    if wrap:
        if i == j:
            holder.set("ref", units[i].identifier)
        else:
            holder.set("start", units[i].identifier)
            holder.set("end", units[j].identifier)
    for piece in pieces:
        holder.append(piece)
    return tei.getroottree()


def _media(params: Query) -> str:
    media = params.get("mediaType") or TEI_MEDIA
    media = media.split(";")[0].strip().lower()
    if media in ("application/xml", "text/xml"):
        media = TEI_MEDIA
    if media not in MEDIA_TYPES:
        raise missing(f"media type {media!r} is not available; choose one of {', '.join(MEDIA_TYPES)}")
    return media


def document(catalog: Catalog, base: str, params: Query, self_url: str, root: str = "/") -> Response:
    doc, tree = _resource_and_tree(catalog, params)
    ref, start, end = _refs(params)
    media = _media(params)
    units = doc.units.get(tree, [])
    link = [("Link", f'<{base}/collection?id={_q(doc.id)}>; rel="collection"')]
    if ref is not None or start is not None:
        i = _find(doc, tree, ref if ref is not None else start)
        j = i if ref is not None else _find(doc, tree, end)
        if j < i:
            raise bad("start comes after end")
        tei = _passage_tei(catalog, doc, units, i, j, wrap=media == TEI_MEDIA)
        title = f"{doc.title}, {units[i].identifier}" + (f"–{units[j].identifier}" if j != i else "")
    else:
        tei, title = catalog.tree(doc), doc.title
        if media == TEI_MEDIA:
            return Response(200, doc.tei.read_bytes(), f"{TEI_MEDIA}; charset=utf-8", link)
    if media == TEI_MEDIA:
        body = etree.tostring(tei, encoding="UTF-8", xml_declaration=True)
        return Response(200, body, f"{TEI_MEDIA}; charset=utf-8", link)
    if media == "text/plain":
        return Response.text(200, _transform(PLAIN_XSL, tei, "text"), "text/plain", link)
    html = _transform(HTML_XSL, tei, "html", **{"register": catalog.register_uri, "register-base": f"{root}register/",
                                                "timeline": f"{root}timeline.html"})
    lang = tei.getroot().get(f"{{{XML_NS}}}lang") or ""
    page = _templates.get_template("api/passage.html").render(title=title, lang=lang, text=Markup(html))
    return Response.text(200, page, "text/html", link)


ENDPOINTS = {"collection": collection, "navigation": navigation, "document": document}


def handle(catalog: Catalog, base: str, root: str, endpoint: str, params: Query) -> Response:
    """Answer GET {base}/{endpoint}?{params} ('' = the entry endpoint)."""
    self_url = f"{base}/{endpoint}" if endpoint else base
    try:
        if endpoint == "":
            return entry(catalog, base)
        if endpoint not in ENDPOINTS:
            return error(404, "Not Found", f"no DTS endpoint {endpoint!r}")
        twice = params.repeated()
        if twice:
            raise bad(f"parameter {twice[0]!r} is given more than once")
        return ENDPOINTS[endpoint](catalog, base, params, self_url, root)
    except DtsError as exc:
        return error(exc.status, exc.title, exc.description)
