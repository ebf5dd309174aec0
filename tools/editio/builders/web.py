"""The web builder: a static site that works offline and from file://.

Document text comes from xslt/web/document.xsl (rendered per document on the executor), every
other page from the Jinja2 templates in templates/web/, all of it from the environment's records:
mentions, dates and header metadata are never scraped back out of the HTML.  Search is a Pagefind
index (served sites) plus a script index (file://).

Incremental: each document page has a key (its record's key, the site settings, the keys of the
documents it links to, whether a PDF exists).  A page whose key is unchanged since the previous
build is taken over from the previous site; the aggregate pages (home, registers, timeline, map,
search) are made from the records every time, which is cheap.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from dataclasses import asdict, dataclass, replace
from functools import lru_cache
from pathlib import Path

from .. import __version__, register as register_mod, resources, sameas
from ..archive import outline
from ..edition import SiteSettings
from ..records import Record, date_label
from ..web import geo, search
from ..web.pages import PageWriter
from ..web.text import generic_warning, render, render_front
from ..xmlio import atomic_write
from .base import Builder, register

MARKER = ".editio-web"
# What a build writes at the top of the site: a folder holding only these is a site an older editio
# left half-deleted (it cleared the folder in place), repaired by replacing it (see outdir).
SITE_ENTRIES = {"index.html", "documents", "register", "static", "timeline.html", "map.html", "search.html",
                "letters.html", "search-index.js", "pagefind", "edition.pdf", ".editio-pages.json"}
MANIFEST = ".editio-pages.json"
KIND_LABELS = {"person": "person", "place": "place", "org": "organisation"}
FILTERS = [("person", "Person"), ("place", "Place"), ("year", "Year"), ("type", "Document type")]


@dataclass
class RelatedDoc:
    stem: str
    title: str
    date_label: str


def _page_task(task: dict) -> dict:
    """Worker: one document's page, witness texts and TEI copy, written into the staging folder.

    Runs in a worker process: everything it needs comes in `task` as plain data (the register is
    loaded once per process from its files)."""
    rec = Record.from_dict(json.loads(Path(task["record"]).read_text(encoding="utf-8")))
    reg = _with_local_entries(_worker_register(tuple(task["registers"])), [rec])
    site = SiteSettings(**task["site"])
    writer = PageWriter(Path(task["stage"]), {"site": site, "register": reg, "kind_labels": KIND_LABELS,
                                              "has_letters": task["has_letters"]}, direct=True)
    rendered = render(Path(rec.path), [(w.xml_id, w.siglum) for w in rec.witnesses], task["register_uri"],
                      task.get("xslt"))
    files = []
    for siglum, content in rendered.plain.items():
        name = f"{rec.id}.{siglum}.txt" if siglum and rec.witnesses and siglum != rec.witnesses[0].siglum \
            else f"{rec.id}.txt"
        writer.text(f"documents/{name}", content)
        files.append((siglum, f"documents/{name}"))
    writer.copy(Path(rec.path), f"documents/{rec.id}.xml")
    images = [f"documents/{image}" for image in rendered.images]   # page images beside the TEI
    for image, rel in zip(rendered.images, images):
        writer.copy(Path(rec.path).parent / image, rel)
    stable_url = f"{site.base_url}documents/{rec.id}.html"
    when = f", {rec.date_label}" if rec.date_label else ""
    citation = f"{site.editors} (eds.), “{rec.title}”{when}, in {site.title}, document {rec.id},"
    cards = [reg[i] for i in sorted({m.ref for m in rec.mentions if m.kind != "date" and m.ref in reg})]
    writer.page(f"documents/{rec.id}.html", "document.html", doc=rec, text_html=_markup(rendered.html),
                synoptic=[[_markup(c) for c in row] for row in rendered.synoptic],
                related=[RelatedDoc(**r) for r in task["related"]], citation=citation,
                stable_url=stable_url, plain_files=[(sig, Path(f).name) for sig, f in files], pdf=task["pdf"],
                filters=task["filters"], cards=cards)
    search_record = {"url": f"documents/{rec.id}.html", "title": rec.title, "date": rec.date_label,
                     "summary": rec.summary, "text": rendered.fulltext, "filters": task["filters"]}
    return {"id": rec.id, "files": [f for _, f in files] + images + [f"documents/{rec.id}.xml", f"documents/{rec.id}.html"],
            "search": search_record, "generic": dict(rendered.generic)}


def _with_local_entries(reg, records):
    """The register and the entries that documents list themselves (particDesc, standOff, back …)."""
    local = {}
    for rec in records:
        for data in rec.local_entries:
            entry = register_mod.entry_from_dict(data)
            local[entry.id] = entry
    return register_mod.Register(reg.path, {**reg.entries, **local}) if local else reg


def _entry_task(task: dict) -> str:
    """Worker: one register entry's page (its mentions, grouped by document)."""
    writer = PageWriter(Path(task["stage"]), {"site": SiteSettings(**task["site"]), "register": register_mod.empty(),
                                              "kind_labels": KIND_LABELS, "has_letters": task["has_letters"]},
                        direct=True)
    writer.page(task["page"], "entry.html", entry=task["entry"], groups=task["groups"],
                header_docs=task["header_docs"], list_page=task["list_page"], kind_label=task["kind_label"])
    return task["page"]


@lru_cache(maxsize=4)
def _worker_register(paths: tuple[str, ...]):
    return register_mod.load_all([Path(p) for p in paths]) if paths else register_mod.empty()


def _tree_digest(*folders: Path) -> str:
    """A hash of the stylesheets and templates, so a new look invalidates every page."""
    h = hashlib.sha256()
    for folder in folders:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            h.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


@register("web", priority=200)
class WebBuilder(Builder):

    def build(self) -> Path:
        edition, env = self.edition, self.env
        registers = edition.registers
        reg = register_mod.load_all(registers) if registers else register_mod.empty()
        # persons an editor confirmed as one (editorial/same-as.toml): one entry, one page
        reg, folded = sameas.fold(reg, sameas.for_edition(edition, [register_mod.load(r) for r in registers]))
        register_file = self._register_file(registers)
        register_uri = register_file.resolve().as_uri() if register_file else ""
        site = edition.site
        xslt = self.context.options.get("web_xslt") or site.xslt
        pdf_source = self.context.outputs.get("print") or edition.out_dir / "print" / "edition.pdf"
        has_pdf = Path(pdf_source).is_file()

        # Pass 1, streamed: compact records (no mentions) for the aggregate pages, and the indexes
        # they need; a full record is read again from the cache by the worker that renders it.
        docs: dict[str, Record] = {}
        mentions: dict = defaultdict(lambda: defaultdict(list))    # entry id -> doc id -> mentions
        events: list[tuple] = []                                   # dated mentions for the timeline
        header_docs: dict[str, list[str]] = defaultdict(list)
        local: dict = {}
        for rec in env.records():
            rec = sameas.fold_record(rec, folded)        # confirmed same persons: the first entry's id
            for data in rec.local_entries:
                entry = register_mod.entry_from_dict(data)
                local[entry.id] = entry
            for m in rec.mentions:
                if m.kind == "date":
                    if m.when and m.in_body and not m.nested:
                        events.append((m.when, rec.id, m))
                elif m.ref:
                    mentions[m.ref][rec.id].append(m)
            for ref in sorted(rec.header_refs()):
                header_docs[ref].append(rec.id)
            docs[rec.id] = replace(rec, mentions=[], local_entries=[], outline=[])
        if local:
            reg = register_mod.Register(reg.path, {**reg.entries, **local})
        ordered = [docs[i] for i in env.ids if i in docs]
        has_letters = any(r.senders or r.addressees for r in ordered)

        from ..outdir import staged_output
        with staged_output(self.out, MARKER, known=SITE_ENTRIES) as stage:
            previous = stage.previous
            old_manifest = self._manifest(previous)
            old_documents = old_manifest.get("documents", {})
            look = _tree_digest(resources.xslt("web"), resources.PACKAGE / "templates" / "web")
            common = hashlib.sha256(json.dumps([__version__, look, site.__dict__ | {"xslt": str(xslt or "")},
                                                has_letters, has_pdf,
                                                register_uri and self._digest_file(register_file),
                                                sorted(folded.items())],
                                               default=str, sort_keys=True).encode()).hexdigest()
            keys = {}
            for rec in ordered:
                related = [env.key(s) for s in rec.related if s in docs]
                keys[rec.id] = hashlib.sha256(json.dumps([common, env.key(rec.id), related]).encode()).hexdigest()
            reuse = {rid for rid in docs if previous and old_documents.get(rid, {}).get("key") == keys[rid]
                     and self._can_reuse(previous, rid)}
            writer = PageWriter(stage.path, {"site": site, "register": reg, "kind_labels": KIND_LABELS,
                                             "has_letters": has_letters}, direct=True)
            writer.static()
            pdf = None
            if has_pdf:
                writer.copy(Path(pdf_source), "edition.pdf")
                pdf = "../edition.pdf"

            front_html = render_front(edition.introduction, register_uri)
            loose, sections = outline.group(ordered)     # imported volumes: by their outline
            writer.page("index.html", "home.html", documents=ordered, loose=loose, sections=sections,
                        front=_markup(front_html) if front_html else None)

            counts = {eid: sum(len(v) for v in mentions[eid].values()) for eid in reg.keys()}
            refs_of: dict[str, set[str]] = defaultdict(set)
            for eid, by_doc in mentions.items():
                if eid in reg:
                    for doc_id in by_doc:
                        refs_of[doc_id].add(eid)
            for eid, doc_ids in header_docs.items():
                if eid in reg:
                    for doc_id in doc_ids:
                        refs_of[doc_id].add(eid)
            filter_values: dict[str, set[str]] = defaultdict(set)
            manifest = {}
            from ..executor import run
            tasks = []
            for rec in ordered:
                refs = refs_of.get(rec.id, set())
                filters = {
                    "person": sorted(reg[i].name for i in refs if reg[i].kind == "person"),
                    "place": sorted(reg[i].name for i in refs if reg[i].kind == "place"),
                    "year": [rec.year] if rec.year else [],
                    "type": [rec.record_type] if rec.record_type else [],
                }
                for kind, values in filters.items():
                    filter_values[kind].update(values)
                if rec.id in reuse:
                    entry = old_documents[rec.id]
                    for rel in entry["files"]:
                        stage.take(rel)
                    manifest[rec.id] = entry
                    continue
                tasks.append({"record": str(env.record_path(rec.id)), "registers": [str(r) for r in registers],
                              "register_uri": register_uri, "site": asdict(site), "pdf": pdf, "filters": filters,
                              "stage": str(stage.path), "xslt": str(xslt) if xslt else None,
                              "has_letters": has_letters,
                              "related": [{"stem": o.id, "title": o.title, "date_label": o.date_label}
                                          for o in (docs[i] for i in rec.related if i in docs)]})
            for done in run(_page_task, tasks, self.executor, progress=self.context.bar("web pages")):
                manifest[done["id"]] = {"key": keys[done["id"]], "files": done["files"], "search": done["search"],
                                        "generic": done["generic"]}
            # what the stylesheets rendered without knowing it (kept in the manifest for unchanged pages)
            for rec in ordered:
                generic = manifest[rec.id].get("generic")
                if generic:
                    self.reporter.warn(rec.path, generic_warning(generic), "web.generic-element",
                                       hint="the words are on the page; a stylesheet of yours (--xslt) can render them")
            search_records = [manifest[r.id]["search"] for r in ordered]

            entry_keys, entry_reused, entry_tasks = {}, 0, []
            old_entries = old_manifest.get("entries", {})
            for kind, (heading, page) in register_mod.LISTS.items():
                entries = sorted((e for e in reg.values() if e.kind == kind), key=lambda e: e.name.lower())
                writer.page(f"register/{page}.html", "register_list.html", heading=heading, entries=entries,
                            counts=counts)
                for e in entries:
                    cited = sorted(set(mentions[e.id]) | set(header_docs[e.id]))
                    key = hashlib.sha256(json.dumps([common, e.id, [keys[c] for c in cited if c in keys]]).encode()
                                         ).hexdigest()
                    entry_keys[e.id] = key
                    rel = f"register/{e.id}.html"
                    if previous and old_entries.get(e.id) == key and (previous / rel).is_file():
                        stage.take(rel)
                        entry_reused += 1
                        continue
                    groups = [(docs[s], ms) for s, ms in mentions[e.id].items() if s in docs]
                    groups.sort(key=lambda g: (g[0].date.iso, g[0].id))
                    entry_tasks.append({"stage": str(stage.path), "site": asdict(site), "has_letters": has_letters,
                                        "page": rel, "entry": e, "groups": groups,
                                        "header_docs": [docs[i] for i in header_docs[e.id] if i in docs],
                                        "list_page": f"{page}.html", "kind_label": heading})
            for _ in run(_entry_task, entry_tasks, self.executor, progress=self.context.bar("register pages")):
                pass
            for gone, kept in sorted(folded.items()):      # a merged person's other id forwards to the kept one
                writer.page(f"register/{gone}.html", "same_as.html", entry=reg[kept], gone=gone)

            letters = [r for r in ordered if r.senders or r.addressees]
            if letters:
                writer.page("letters.html", "letters.html", letters=letters)
            writer.page("timeline.html", "timeline.html", years=self._timeline(ordered, events, docs))
            the_map = geo.project(list(reg.values()))
            if the_map["warning"]:
                from ..diagnostics import Diagnostic
                message, hint = the_map["warning"]
                self.reporter.add(Diagnostic("map.html", 0, "web-map-basemap", message, hint=hint))
            writer.page("map.html", "map.html", map=the_map, counts=counts)
            buckets = search.buckets([r.id for r in ordered], self.bucket_size())
            writer.page("search.html", "search.html", filter_labels=FILTERS,
                        filter_values={k: sorted(filter_values.get(k, ())) for k, _ in FILTERS},
                        extra_indexes=[search.bundle(b) for b in range(1, len(buckets))])
            search.write_fallback_index(stage.path / "search-index.js", search_records,
                                        full_text=len(buckets) == 1)
            search_keys = self._search_index(stage, previous, old_manifest.get("search", {}), buckets, keys)
            atomic_write(stage.path / MANIFEST, json.dumps({"documents": manifest, "entries": entry_keys,
                                                            "search": search_keys},
                                                           sort_keys=True, ensure_ascii=False))
            self.say(f"{len(ordered)} documents ({len(ordered) - len(reuse)} rendered, {len(reuse)} unchanged); "
                     f"{len(entry_keys)} register pages ({entry_reused} unchanged)")
        return self.out

    # -- pieces -------------------------------------------------------------------------------

    def _register_file(self, registers: list[Path]) -> Path | None:
        """The register the stylesheets read: the edition's only one, or all of them merged."""
        if not registers:
            return None
        if len(registers) == 1:
            return registers[0]
        from lxml import etree
        from .. import TEI_NS
        from ..xmlio import parse
        root = etree.Element(f"{{{TEI_NS}}}TEI", nsmap={None: TEI_NS})
        body = etree.SubElement(etree.SubElement(root, f"{{{TEI_NS}}}text"), f"{{{TEI_NS}}}body")
        for path in registers:
            for lst in parse(path).getroot().iter(f"{{{TEI_NS}}}listPerson", f"{{{TEI_NS}}}listPlace",
                                                  f"{{{TEI_NS}}}listOrg"):
                if lst.getparent() is not None and etree.QName(lst.getparent()).localname.startswith("list"):
                    continue
                body.append(lst)
        merged = self.edition.cache_dir / "register-merged.xml"
        data = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
        if not merged.is_file() or merged.read_bytes() != data:
            atomic_write(merged, data)
        return merged

    @staticmethod
    def _digest_file(path: Path) -> str:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()

    def bucket_size(self) -> int:
        value = self.edition.data.get("web", {}).get("search_bucket", search.BUCKET)
        return value if isinstance(value, int) and value > 0 else search.BUCKET

    def _search_index(self, stage, previous, old_keys: dict, buckets: list[list[str]], keys: dict) -> dict:
        """One Pagefind index per bucket of documents; a bucket whose pages did not change is taken
        over from the previous site, so an edit re-indexes one bucket, not the edition.  Buckets are
        indexed side by side, as many at once as there are workers."""
        from concurrent.futures import ThreadPoolExecutor
        out, todo = {}, []
        for number, ids in enumerate(buckets):
            bundle = search.bundle(number)
            key = hashlib.sha256(json.dumps([len(buckets), [(i, keys[i]) for i in ids]]).encode()).hexdigest()
            out[bundle] = key
            if previous and old_keys.get(bundle) == key and (previous / bundle).is_dir():
                for path in sorted((previous / bundle).rglob("*")):
                    if path.is_file():
                        stage.take(str(path.relative_to(previous)))
                continue
            todo.append((None if len(buckets) == 1 else [f"documents/{i}.html" for i in ids], bundle))
        if not todo:
            return out
        workers = max(1, min(len(todo), getattr(self.executor, "_max_workers", 1) or 1))
        with ThreadPoolExecutor(max_workers=workers) as threads:
            done = list(threads.map(lambda job: search.run_pagefind(stage.path, *job), todo))
        if not all(done):
            self.reporter.warn(str(self.out), "pagefind is not installed (pip install 'editio[web]'); "
                               "search falls back to the built-in index", "web-no-pagefind")
            return {}
        return out

    @staticmethod
    def _manifest(previous: Path | None) -> dict:
        if not previous:
            return {}
        try:
            data = json.loads((previous / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) and "documents" in data else {}

    @staticmethod
    def _can_reuse(previous: Path, rid: str) -> bool:
        return (previous / "documents" / f"{rid}.html").is_file()

    @staticmethod
    def _timeline(records: list[Record], events: list[tuple], docs: dict) -> list[tuple[str, list[dict]]]:
        items = [{"when": d.date.iso, "label": d.date_label, "doc": d, "key": (d.date.iso, 0, d.id, "")}
                 for d in records if d.date.iso]
        for when, doc_id, m in events:
            items.append({"when": when, "label": m.when_label or date_label(when), "doc": None,
                          "mention": m, "source": docs[doc_id], "key": (when, 1, doc_id, m.anchor)})
        by_year: dict[str, list[dict]] = defaultdict(list)
        for item in sorted(items, key=lambda i: i["key"]):
            by_year[item["when"][:4]].append(item)
        return sorted(by_year.items())


def _markup(html: str):
    """XSLT output is a serialised tree (all text escaped by lxml), so it enters templates as markup."""
    from markupsafe import Markup
    return Markup(html)


