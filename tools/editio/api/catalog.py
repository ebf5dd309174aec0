"""What the API builder wrote (build/api/), loaded once by the server and shared by every request.

A `Catalog` holds the documents' metadata, collections and citable units in memory and parses a
document's TEI on first use (a bounded cache keeps the most used).  Everything it opens is inside
the build: paths come from the catalog, never from a request.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import EditioError
from ..jsonio import loads
from ..xmlio import parse
from .citations import Unit, node_at
from .settings import ApiSettings

CATALOG = "catalog.json"
TREE_CACHE = 64


@dataclass
class Document:
    id: str
    title: str
    description: str
    date: str
    language: str
    record_type: str
    volume: str
    datestamp: str
    sets: list[str]
    tei: Path
    dc: list[tuple[str, str]]
    dc_xml: str
    trees: list[dict]
    tree_names: list[str]
    units: dict[str, list[Unit]]                      # tree name ("" default) -> units in order
    by_ref: dict[str, dict[str, int]] = field(default_factory=dict)   # tree -> ref -> index
    formats: list[str] = field(default_factory=lambda: ["oai_dc", "tei"])   # OAI metadata formats


@dataclass
class Collection:
    id: str
    kind: str
    title: str
    description: str
    members: list[str]


class Catalog:
    def __init__(self, folder: Path, data: dict, fingerprint: str, site_dir: Path | None):
        self.folder = folder
        self.site_dir = site_dir
        self.fingerprint = fingerprint
        self.title = data["title"]
        self.editors = data.get("editors", [])
        self.publisher = data.get("publisher", "")
        register = data.get("register") or ""
        self.register_uri = (folder / register).resolve().as_uri() if register and (folder / register).is_file() else ""
        self.settings = ApiSettings(**data["settings"])
        self.collections = {c["id"]: Collection(**c) for c in data["collections"]}
        self.documents: dict[str, Document] = {}
        for d in data["documents"]:
            units: dict[str, list[Unit]] = {name: [] for name in d["tree_names"]}
            for u in d["units"]:
                units.setdefault(u["tree"], []).append(Unit(**u))
            doc = Document(id=d["id"], title=d["title"], description=d["description"], date=d["date"],
                           language=d["language"], record_type=d["record_type"], volume=d["volume"],
                           datestamp=d["datestamp"], sets=d["sets"], tei=folder / d["tei"],
                           dc=[tuple(x) for x in d["dc"]], dc_xml=d["dc_xml"], trees=d["trees"],
                           tree_names=d["tree_names"], units=units,
                           formats=d.get("formats", ["oai_dc", "tei"]))
            doc.by_ref = {t: {u.identifier: i for i, u in enumerate(us)} for t, us in units.items()}
            self.documents[doc.id] = doc
        # documents in datestamp order, then id: the order OAI lists and pages them in
        self.by_datestamp = sorted(self.documents.values(), key=lambda d: (d.datestamp, d.id))
        self._trees: OrderedDict[str, object] = OrderedDict()
        self._lock = threading.Lock()

    @classmethod
    def load(cls, folder: str | Path, site_dir: str | Path | None = None) -> "Catalog":
        folder = Path(folder)
        path = folder / CATALOG
        try:
            raw = path.read_bytes()
            data = loads(raw)
        except OSError:
            raise EditioError("no API data in this build", path=str(folder),
                              hint="run `editio build --api` first") from None
        except ValueError as exc:
            raise EditioError(f"the API catalog is not valid JSON: {exc}", path=str(path)) from None
        return cls(folder, data, hashlib.sha256(raw).hexdigest(), Path(site_dir) if site_dir else None)

    def tree(self, doc: Document):
        """The document's TEI (parsed once; the most recently used are kept)."""
        with self._lock:
            tree = self._trees.get(doc.id)
            if tree is not None:
                self._trees.move_to_end(doc.id)
                return tree
        tree = parse(doc.tei)
        with self._lock:
            self._trees[doc.id] = tree
            while len(self._trees) > TREE_CACHE:
                self._trees.popitem(last=False)
        return tree

    def node(self, doc: Document, unit: Unit):
        return node_at(self.tree(doc).getroot(), unit.path)

    def site_file(self, relpath: str) -> bool:
        return bool(self.site_dir) and (self.site_dir / relpath).is_file()

    def root_members(self) -> list[str]:
        """The root collection's members: the child collections, then documents in none of them."""
        inside = {m for c in self.collections.values() for m in c.members}
        return list(self.collections) + [d for d in self.documents if d not in inside]
