"""The API builder: what `editio serve` answers DTS and OAI-PMH requests from, and the static part.

Writes build/api/ (staged, swapped in whole like the site):

    tei/{id}.xml        each document, with a refsDecl/citeStructure added where it had none
    catalog.json        per document: title, Dublin Core (xslt/api/dc.xsl over the teiHeader),
                        datestamp, sets, citation trees and citable units; the collections
    dts/index.json      the DTS Entry endpoint's response
    dts/collection/index.json   the root Collection (the responses that need no query parameters)
    oai-static.xml      an OAI-PMH Static Repository (oai_dc and tei) for a static-repository gateway

Runs after web (priority 300), so the download links name the site's PDF and plain text.
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import datetime, timezone
from pathlib import Path

from lxml import etree

from .. import resources, stylesheets
from ..api.settings import load as load_settings
from ..errors import EditioError
from ..executor import run
from ..jsonio import pretty
from ..outdir import staged_output
from ..records import Record
from ..xmlio import atomic_write, parse, serialize
from .base import Builder, register

CATALOG_FORMAT = 1
DC_XSL = "api/dc.xsl"
DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def slug(value: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-") or "x"


def datestamp(rec: Record) -> str:
    """The record's OAI datestamp (day granularity): its last revisionDesc change, else the file's
    modification time."""
    if DAY.match(rec.last_change or ""):
        return rec.last_change[:10]
    return datetime.fromtimestamp(Path(rec.path).stat().st_mtime, timezone.utc).strftime("%Y-%m-%d")


def _date_value(rec: Record) -> str:
    d = rec.date
    if d.when:
        return d.when
    if d.not_before and d.not_after:
        return f"{d.not_before}/{d.not_after}"
    return d.not_before or d.not_after


def _document_task(task: dict) -> dict:
    """Worker: one document's TEI copy (with its citation trees declared), units and Dublin Core."""
    rec = Record.from_dict(task["record"])
    tree = parse(rec.path)
    root = tree.getroot()
    from ..api import citations      # elementpath: imported when an API is built
    added = citations.declare(root)
    target = Path(task["stage"]) / "tei" / f"{rec.id}.xml"
    atomic_write(target, serialize(tree))
    units = citations.units(root, where=rec.path)
    with stylesheets.shown_as(rec.path, *task["source"], rec.id):
        dc_tree = stylesheets.apply(DC_XSL, tree, date=_date_value(rec), identifier=task["identifier"],
                                    type=rec.record_type)
    dc_root = dc_tree.getroot()
    dc = [[etree.QName(el).localname, el.text or ""] for el in dc_root if isinstance(el.tag, str)]
    return {"id": rec.id, "declared": added, "units": [u.as_dict() for u in units],
            "trees": citations.cite_structure_json(root), "tree_names": citations.tree_names(root),
            "dc": dc, "dc_xml": etree.tostring(dc_root, encoding="unicode")}


def collections_of(records: list[Record]) -> tuple[list[dict], dict[str, list[str]]]:
    """Child collections (document types, volumes) and, per document, the collections it is in."""
    groups: dict[str, dict] = {}
    member_of: dict[str, list[str]] = {}
    for rec in records:
        member_of[rec.id] = []
        for kind, value, label in (("volume", rec.volume, "Volume"), ("type", rec.record_type, "Document type")):
            if not value:
                continue
            cid = f"{kind}:{slug(value)}"
            group = groups.setdefault(cid, {"id": cid, "kind": kind, "title": value,
                                            "description": f"{label}: {value}", "members": []})
            group["members"].append(rec.id)
            member_of[rec.id].append(cid)
    order = {"volume": 0, "type": 1}
    return sorted(groups.values(), key=lambda g: (order[g["kind"]], g["id"])), member_of


@register("api", priority=300)
class ApiBuilder(Builder):
    """DTS 1.0 and OAI-PMH 2.0 data for `editio serve`, and their static responses."""

    def build(self) -> Path:
        from ..api import citations
        settings = load_settings(self.edition)
        if settings.missing_email:
            self.reporter.warn(str(self.edition.config or self.edition.root),
                               "no [oai] admin_email: OAI-PMH Identify names a placeholder address",
                               "oai-admin-email", hint="set admin_email under [oai] in edition.toml")
        records = list(self.env.records())
        ids = {r.id for r in records}
        if settings.root_id in ids:
            raise EditioError(f"[api] root_id {settings.root_id!r} is also a document's id",
                              path=str(self.edition.config or self.edition.root))
        collections, member_of = collections_of(records)
        site = settings.site_url
        common = hashlib.sha256(site.encode() + resources.xslt(DC_XSL).read_bytes() +
                                Path(citations.__file__).read_bytes()).hexdigest()
        with staged_output(self.out, ".editio-api") as stage:
            previous = self._previous(stage.previous)
            keys = {r.id: hashlib.sha256(f"{common}{self.env.key(r.id)}".encode()).hexdigest() for r in records}
            done = {}
            for rec in records:      # unchanged documents: their TEI copy and entry carried over
                old = previous.get(rec.id)
                if old and old.get("key") == keys[rec.id] and (stage.previous / old["tei"]).is_file():
                    stage.take(old["tei"])
                    done[rec.id] = old
            tasks = [{"record": r.as_dict(), "stage": str(stage.path), "source": self.env.source(r.id),
                      "identifier": f"{site}documents/{r.id}.html" if site else r.id}
                     for r in records if r.id not in done]
            self.say(f"citation trees and Dublin Core of {len(tasks)} documents ({len(done)} unchanged)")
            done.update({d["id"]: d for d in run(_document_task, tasks, self.executor)})
            documents = []
            for rec in records:
                d = done[rec.id]
                documents.append({"key": keys[rec.id],
                    "id": rec.id, "title": rec.title, "description": rec.summary,
                    "date": _date_value(rec), "language": rec.language, "record_type": rec.record_type,
                    "volume": rec.volume, "datestamp": datestamp(rec), "sets": member_of[rec.id],
                    "tei": f"tei/{rec.id}.xml", "source": rec.path, "declared": d["declared"],
                    "dc": d["dc"], "dc_xml": d["dc_xml"], "trees": d["trees"],
                    "tree_names": d["tree_names"], "units": d["units"]})
            register = self._register(stage.path)
            catalog = {"format": CATALOG_FORMAT, "title": self.edition.title, "register": register,
                       "editors": self.edition.editors, "publisher": self.edition.site.publisher,
                       "settings": settings.as_dict(), "collections": collections, "documents": documents}
            atomic_write(stage.path / "catalog.json", pretty(catalog, sort_keys=True))
            self._static(stage.path)
        self.say(f"wrote {self.out}")
        return self.out

    def _register(self, folder: Path) -> str:
        """The register the HTML passages link names with (one file, or the edition's merged as
        the web builder merges them), copied into the build: the server reads nothing outside it."""
        from .web import WebBuilder
        source = WebBuilder._register_file(self, self.edition.registers)
        if source is None:
            return ""
        atomic_write(folder / "register.xml", Path(source).read_bytes())
        return "register.xml"

    @staticmethod
    def _previous(folder: Path | None) -> dict[str, dict]:
        """The previous build's catalog entries by document id ({} when there is none to trust)."""
        try:
            data = json.loads((folder / "catalog.json").read_text(encoding="utf-8")) if folder else {}
        except (OSError, ValueError):
            return {}
        if data.get("format") != CATALOG_FORMAT:
            return {}
        return {d["id"]: d for d in data.get("documents", []) if isinstance(d, dict) and "id" in d}

    def _static(self, folder: Path) -> None:
        """The DTS responses without query parameters and the OAI-PMH Static Repository."""
        from ..api import dts, oai
        from ..api.catalog import Catalog
        catalog = Catalog.load(folder, site_dir=self.context.outputs.get("web") or self.edition.out_dir / "web")
        base = catalog.settings.site_url or "/"
        for path, response in (("dts/index.json", dts.entry(catalog, f"{base}dts")),
                               ("dts/collection/index.json",
                                dts.collection(catalog, f"{base}dts", {}, f"{base}dts/collection"))):
            atomic_write(folder / path, response.body)
        atomic_write(folder / "oai-static.xml", oai.static_repository(catalog))
