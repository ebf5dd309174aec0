"""OAI-PMH 2.0: the six verbs over the catalog, with oai_dc and tei, sets and resumption tokens.

- Identifiers are `oai:{repository_identifier}:{document id}`; datestamps have day granularity
  (the document's last revisionDesc change, else the file's time, decided by the builder).
- Sets are the DTS child collections: `type:{slug}` and `volume:{slug}`, under the parent sets
  `type` and `volume`; asking for a parent set gives the records of all its children.
- Lists are paged (`[oai] page_size`).  A resumption token carries the request and the position,
  signed with the catalog's fingerprint: it is refused as expired after `[oai] token_lifetime`
  seconds (its `expirationDate` says when) and as stale once the edition was rebuilt, since the
  list it continued no longer exists.  Tokens need no server state, so any number of workers
  and clients can share them.
- Errors are the protocol's, in an HTTP 200 response, as the specification returns them.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
import time
from datetime import datetime, timezone

from lxml import etree

from .. import TEI_NS
from .catalog import Catalog, Document
from .http import Query, Response

OAI_NS = "http://www.openarchives.org/OAI/2.0/"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
STATIC_NS = "http://www.openarchives.org/OAI/2.0/static-repository"
OAI_SCHEMA = "http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"
O = f"{{{OAI_NS}}}"
FORMATS = {
    "oai_dc": ("http://www.openarchives.org/OAI/2.0/oai_dc.xsd", "http://www.openarchives.org/OAI/2.0/oai_dc/"),
    "tei": ("https://www.tei-c.org/release/xml/tei/custom/schema/xsd/tei_all.xsd", TEI_NS),
}
ARGUMENTS = {
    "Identify": (set(), set()),
    "ListMetadataFormats": (set(), {"identifier"}),
    "ListSets": (set(), set()),
    "GetRecord": ({"identifier", "metadataPrefix"}, set()),
    "ListIdentifiers": ({"metadataPrefix"}, {"from", "until", "set"}),
    "ListRecords": ({"metadataPrefix"}, {"from", "until", "set"}),
}
PAGED = {"ListIdentifiers", "ListRecords", "ListSets"}
DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
SECONDS = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")
SET_NAMES = {"type": "Document types", "volume": "Volumes"}


class OaiError(Exception):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code, self.message = code, message


def _utc(ts: float) -> str:
    return datetime.fromtimestamp(ts, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _envelope(now: float):
    root = etree.Element(f"{O}OAI-PMH", nsmap={None: OAI_NS, "xsi": XSI_NS})
    root.set(f"{{{XSI_NS}}}schemaLocation", f"{OAI_NS} {OAI_SCHEMA}")
    etree.SubElement(root, f"{O}responseDate").text = _utc(now)
    return root


def _sub(parent, name: str, text: str | None = None, **attrs):
    el = etree.SubElement(parent, f"{O}{name}", **attrs)
    if text is not None:
        el.text = text
    return el


class Repository:
    """The OAI-PMH view of a catalog (one per server; stateless between requests)."""

    def __init__(self, catalog: Catalog):
        self.catalog = catalog
        self.settings = catalog.settings
        self.key = hashlib.sha256(f"editio-oai-token\0{catalog.fingerprint}".encode()).digest()
        self.sets = self._sets()
        stamps = [d.datestamp for d in catalog.by_datestamp]
        self.earliest = self.settings.earliest_datestamp or (min(stamps) if stamps else "1970-01-01")
        self.prefix = f"oai:{self.settings.repository_identifier}:"

    def _sets(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for cid, c in self.catalog.collections.items():
            parent = cid.split(":", 1)[0]
            out.setdefault(parent, SET_NAMES.get(parent, parent))
            out[cid] = c.title
        return dict(sorted(out.items()))

    def identifier(self, doc: Document) -> str:
        return self.prefix + doc.id

    def _document(self, identifier: str) -> Document:
        if identifier.startswith(self.prefix):
            doc = self.catalog.documents.get(identifier[len(self.prefix):])
            if doc is not None:
                return doc
        raise OaiError("idDoesNotExist", f"{identifier!r} is not an identifier of this repository")

    def formats(self, doc: Document | None) -> list[str]:
        """The formats an item (or, with None, the repository) can be disseminated in."""
        return list(FORMATS) if doc is None else [f for f in doc.formats if f in FORMATS]

    # ----- records -----
    def header(self, parent, doc: Document) -> None:
        header = _sub(parent, "header")
        _sub(header, "identifier", self.identifier(doc))
        _sub(header, "datestamp", doc.datestamp)
        for spec in doc.sets:
            _sub(header, "setSpec", spec)

    def metadata(self, parent, doc: Document, prefix: str) -> None:
        holder = _sub(parent, "metadata")
        if prefix == "oai_dc":
            holder.append(etree.fromstring(doc.dc_xml))
        else:
            header = self.catalog.tree(doc).getroot().find(f"{{{TEI_NS}}}teiHeader")
            holder.append(_detached(header))

    def record(self, parent, doc: Document, prefix: str) -> None:
        rec = _sub(parent, "record")
        self.header(rec, doc)
        self.metadata(rec, doc, prefix)

    # ----- tokens -----
    def token(self, state: dict) -> str:
        payload = base64.urlsafe_b64encode(json.dumps(state, sort_keys=True, separators=(",", ":")).encode()).decode()
        sig = hmac.new(self.key, payload.encode(), hashlib.sha256).hexdigest()[:24]
        return f"{payload}.{sig}"

    def read_token(self, token: str, verb: str, now: float) -> dict:
        payload, _, sig = token.partition(".")
        good = hmac.new(self.key, payload.encode(), hashlib.sha256).hexdigest()[:24]
        if not sig or not hmac.compare_digest(sig, good):
            raise OaiError("badResumptionToken", "the resumption token was not issued by this repository, "
                                                 "or the edition has been rebuilt since: start the list again")
        try:
            state = json.loads(base64.urlsafe_b64decode(payload.encode()))
        except ValueError:
            raise OaiError("badResumptionToken", "the resumption token cannot be read") from None
        if state.get("verb") != verb:
            raise OaiError("badResumptionToken", f"the resumption token continues {state.get('verb')}, not {verb}")
        if now > state["expires"]:
            raise OaiError("badResumptionToken", f"the resumption token expired at {_utc(state['expires'])}: "
                                                 "start the list again")
        return state

    # ----- verbs -----
    def selection(self, state: dict) -> list[Document]:
        docs = self.catalog.by_datestamp
        if state.get("set"):
            spec = state["set"]
            docs = [d for d in docs if any(s == spec or s.startswith(spec + ":") for s in d.sets)]
        if state.get("from"):
            docs = [d for d in docs if d.datestamp >= state["from"]]
        if state.get("until"):
            docs = [d for d in docs if d.datestamp <= state["until"]]
        return docs

    def handle(self, params: Query, base_url: str, now: float | None = None) -> Response:
        now = time.time() if now is None else now
        root = _envelope(now)
        request = _sub(root, "request", base_url)
        try:
            verbs = [v for k, v in params.pairs if k == "verb"]
            if len(verbs) != 1:
                raise OaiError("badVerb", "the verb argument is missing" if not verbs else "the verb argument is repeated")
            verb = verbs[0]
            if verb not in ARGUMENTS:
                raise OaiError("badVerb", f"{verb!r} is not an OAI-PMH verb")
            args = self._arguments(verb, params)
            for k, v in [("verb", verb), *sorted(args.items())]:
                request.set(k, v)
            body = _sub(root, verb)
            getattr(self, f"verb_{verb}")(body, args, now)
        except OaiError as exc:
            if exc.code in ("badVerb", "badArgument"):
                request.attrib.clear()
            for child in list(root)[2:]:
                root.remove(child)
            _sub(root, "error", exc.message, code=exc.code)
        data = etree.tostring(root, encoding="UTF-8", xml_declaration=True)
        return Response(200, data, "text/xml; charset=utf-8")

    def error(self, code: str, message: str, base_url: str, now: float | None = None) -> Response:
        """An error response for a request that could not even be read."""
        root = _envelope(time.time() if now is None else now)
        _sub(root, "request", base_url)
        _sub(root, "error", message, code=code)
        return Response(200, etree.tostring(root, encoding="UTF-8", xml_declaration=True), "text/xml; charset=utf-8")

    def _arguments(self, verb: str, params: Query) -> dict[str, str]:
        required, optional = ARGUMENTS[verb]
        args: dict[str, str] = {}
        for k, v in params.pairs:
            if k == "verb":
                continue
            if k in args:
                raise OaiError("badArgument", f"the argument {k!r} is repeated")
            args[k] = v
        if "resumptionToken" in args and verb in PAGED:
            others = set(args) - {"resumptionToken"}
            if others:
                raise OaiError("badArgument", "resumptionToken is an exclusive argument")
            return args
        illegal = set(args) - required - optional
        if illegal:
            raise OaiError("badArgument", f"illegal argument(s) for {verb}: {', '.join(sorted(illegal))}")
        lacking = required - set(args)
        if lacking:
            raise OaiError("badArgument", f"{verb} needs the argument(s) {', '.join(sorted(lacking))}")
        for k in ("from", "until"):
            if k in args:
                if SECONDS.fullmatch(args[k]):
                    raise OaiError("badArgument", f"{k}: this repository's granularity is YYYY-MM-DD")
                if not DAY.fullmatch(args[k]) or not _valid_day(args[k]):
                    raise OaiError("badArgument", f"{k} is not a date (YYYY-MM-DD): {args[k]!r}")
        if "from" in args and "until" in args and args["from"] > args["until"]:
            raise OaiError("badArgument", "from is later than until")
        return args

    def verb_Identify(self, body, args, now) -> None:
        s = self.settings
        _sub(body, "repositoryName", s.repository_name)
        _sub(body, "baseURL", body.getparent().find(f"{O}request").text)
        _sub(body, "protocolVersion", "2.0")
        for email in s.admin_emails:
            _sub(body, "adminEmail", email)
        _sub(body, "earliestDatestamp", self.earliest)
        _sub(body, "deletedRecord", s.deleted_record)
        _sub(body, "granularity", "YYYY-MM-DD")

    def verb_ListMetadataFormats(self, body, args, now) -> None:
        formats = self.formats(self._document(args["identifier"]) if "identifier" in args else None)
        if not formats:
            raise OaiError("noMetadataFormats", f"there are no metadata formats for {args['identifier']!r}")
        for prefix in formats:
            schema, namespace = FORMATS[prefix]
            fmt = _sub(body, "metadataFormat")
            _sub(fmt, "metadataPrefix", prefix)
            _sub(fmt, "schema", schema)
            _sub(fmt, "metadataNamespace", namespace)

    def verb_ListSets(self, body, args, now) -> None:
        if "resumptionToken" in args:
            raise OaiError("badResumptionToken", "this repository does not page its sets")
        if not self.sets:
            raise OaiError("noSetHierarchy", "this repository has no sets")
        for spec, name in self.sets.items():
            s = _sub(body, "set")
            _sub(s, "setSpec", spec)
            _sub(s, "setName", name)

    def verb_GetRecord(self, body, args, now) -> None:
        doc = self._document(args["identifier"])
        prefix = self._prefix(args["metadataPrefix"], doc)
        self.record(body, doc, prefix)

    def _prefix(self, prefix: str, doc: Document | None = None) -> str:
        if prefix not in self.formats(doc):
            raise OaiError("cannotDisseminateFormat", f"the metadata format {prefix!r} is not supported"
                           + (f" for {self.identifier(doc)!r}" if doc is not None else "")
                           + f" (choose from {', '.join(self.formats(doc)) or 'none'})")
        return prefix

    def _list(self, body, args, now, verb: str, full: bool) -> None:
        if "resumptionToken" in args:
            state = self.read_token(args["resumptionToken"], verb, now)
        else:
            self._prefix(args["metadataPrefix"])
            if "set" in args and not self.sets:
                raise OaiError("noSetHierarchy", "this repository has no sets")
            state = {"verb": verb, "prefix": args["metadataPrefix"], "set": args.get("set", ""),
                     "from": args.get("from", ""), "until": args.get("until", ""), "offset": 0,
                     "expires": int(now) + self.settings.token_lifetime}
        docs = [d for d in self.selection(state) if state["prefix"] in self.formats(d)]
        if not docs:
            raise OaiError("noRecordsMatch", "no records match the arguments")
        offset, size = state["offset"], self.settings.page_size
        if offset >= len(docs) and offset:
            raise OaiError("badResumptionToken", "the list has changed since the token was issued: start again")
        for doc in docs[offset: offset + size]:
            if full:
                self.record(body, doc, state["prefix"])
            else:
                self.header(body, doc)
        if offset + size < len(docs) or offset:
            nxt = offset + size
            token_el = _sub(body, "resumptionToken", completeListSize=str(len(docs)), cursor=str(offset))
            if nxt < len(docs):
                expires = int(now) + self.settings.token_lifetime
                token_el.set("expirationDate", _utc(expires))
                token_el.text = self.token({**state, "offset": nxt, "expires": expires})

    def verb_ListIdentifiers(self, body, args, now) -> None:
        self._list(body, args, now, "ListIdentifiers", full=False)

    def verb_ListRecords(self, body, args, now) -> None:
        self._list(body, args, now, "ListRecords", full=True)


def _valid_day(value: str) -> bool:
    try:
        datetime.strptime(value, "%Y-%m-%d")
        return True
    except ValueError:
        return False


def _detached(el):
    """A copy of el that declares its namespaces itself (it goes into another document)."""
    return etree.fromstring(etree.tostring(el))


def static_repository(catalog: Catalog) -> bytes:
    """The OAI-PMH Static Repository file (a gateway serves it as a repository): Identify,
    ListMetadataFormats and ListRecords for each format, every record, no sets (the static
    repository format has none)."""
    repo = Repository(catalog)
    s = catalog.settings
    sr = "{%s}" % STATIC_NS
    root = etree.Element(f"{sr}Repository", nsmap={None: STATIC_NS, "oai": OAI_NS, "xsi": XSI_NS})
    root.set(f"{{{XSI_NS}}}schemaLocation",
             f"{STATIC_NS} http://www.openarchives.org/OAI/2.0/static-repository.xsd")
    ident = etree.SubElement(root, f"{sr}Identify")
    for name, value in (("repositoryName", s.repository_name), ("baseURL", s.base_url or "http://localhost/oai"),
                        ("protocolVersion", "2.0")):
        _sub(ident, name, value)
    for email in s.admin_emails:
        _sub(ident, "adminEmail", email)
    for name, value in (("earliestDatestamp", repo.earliest), ("deletedRecord", "no" if s.deleted_record == "no"
                                                                   else "persistent"),
                        ("granularity", "YYYY-MM-DD")):
        _sub(ident, name, value)
    formats = etree.SubElement(root, f"{sr}ListMetadataFormats")
    for prefix, (schema, namespace) in FORMATS.items():
        fmt = _sub(formats, "metadataFormat")
        _sub(fmt, "metadataPrefix", prefix)
        _sub(fmt, "schema", schema)
        _sub(fmt, "metadataNamespace", namespace)
    for prefix in FORMATS:
        records = etree.SubElement(root, f"{sr}ListRecords", metadataPrefix=prefix)
        for doc in catalog.by_datestamp:
            rec = _sub(records, "record")
            header = _sub(rec, "header")
            _sub(header, "identifier", repo.identifier(doc))
            _sub(header, "datestamp", doc.datestamp)
            repo.metadata(rec, doc, prefix)
    return etree.tostring(root, encoding="UTF-8", xml_declaration=True, pretty_print=True)
