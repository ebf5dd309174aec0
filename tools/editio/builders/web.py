"""The web builder: a static site that works offline and from file://.

Document text comes from xslt/web/document.xsl (rendered per document on the executor), every
other page from the Jinja2 templates in templates/web/, all of it from the environment's records:
mentions, dates and header metadata are never scraped back out of the HTML.  Search is a Pagefind
index (served sites) plus a script index (file://).

Incremental: each document page has a key (its record's key, the site settings, the keys of the
documents it links to, whether a PDF exists), and so has every aggregate page (home, register
lists and entry pages, letters, timeline, map, search), made from the records' briefs in the
environment's index: the digests of what that page shows.  A page whose key is unchanged since
the previous build is taken over from the previous site (a hard link); records are read only for
the pages that are redone.  Long lists are cut into pages (ENTRY_DOCS, ENTRY_MENTIONS,
TIMELINE_ITEMS) so that an edit redoes one page of them, and no page grows with the edition.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import re
from collections import defaultdict
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

from .. import __version__, imprint, jsonio, register as register_mod, resources, sameas, stylesheets
from ..archive import outline
from ..edition import SiteSettings
from ..records import Record, date_label, timeline_month
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
    rec = Record.from_dict(jsonio.loads(Path(task["record"]).read_bytes()))
    reg = _with_local_entries(_worker_register(tuple(task["registers"])), [rec])
    site = SiteSettings(**task["site"])
    writer = PageWriter(Path(task["stage"]), {"site": site, "register": reg, "kind_labels": KIND_LABELS,
                                              "has_letters": task["has_letters"]}, direct=True)
    source, line = task.get("source") or (rec.path, 0)
    # a paged timeline: the page of the month each dated mention stands on (its first part)
    months = {m.anchor: timeline_page(timeline_month(m.when)) for m in rec.mentions
              if task.get("timeline_paged") and m.kind == "date" and m.when and m.in_body and not m.nested}
    with stylesheets.shown_as(rec.path, source, line, rec.id):       # errors name the user's file
        rendered = render(Path(rec.path), [(w.xml_id, w.siglum) for w in rec.witnesses], task["register_uri"],
                          task.get("xslt"), timeline_pages=months)
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
    citation = imprint.citation(rec, site)    # edition.toml's editors and title, else the document's own
    cards = [reg[i] for i in sorted({m.ref for m in rec.mentions if m.kind != "date" and m.ref in reg})]
    writer.page(f"documents/{rec.id}.html", "document.html", doc=rec, text_html=_markup(rendered.html),
                synoptic=[[_markup(c) for c in row] for row in rendered.synoptic],
                related=[RelatedDoc(**r) for r in task["related"]], citation=citation,
                stable_url=stable_url, plain_files=[(sig, Path(f).name) for sig, f in files], pdf=task["pdf"],
                filters=task["filters"], cards=cards)
    search_record = {"url": f"documents/{rec.id}.html", "title": rec.title, "date": rec.date_label,
                     "summary": rec.summary, "text": rendered.fulltext, "filters": task["filters"]}
    return {"id": rec.id, "files": [f for _, f in files] + images + [f"documents/{rec.id}.xml", f"documents/{rec.id}.html"],
            "search": search_record, "generic": dict(rendered.generic), "anchors": rendered.anchors}


def _with_local_entries(reg, records):
    """The register and the entries that documents list themselves (particDesc, standOff, back …)."""
    local = {}
    for rec in records:
        for data in rec.local_entries:
            entry = register_mod.entry_from_dict(data)
            local[entry.id] = entry
    return register_mod.Register(reg.path, {**reg.entries, **local}) if local else reg


def _site_task(job: tuple[str, dict]):
    """Worker: a document page or a register entry page."""
    kind, task = job
    return _page_task(task) if kind == "page" else _entry_task(task)


def _entry_task(task: dict) -> str:
    """Worker: one register entry's page (its mentions, grouped by document)."""
    writer = PageWriter(Path(task["stage"]), {"site": SiteSettings(**task["site"]), "register": register_mod.empty(),
                                              "kind_labels": KIND_LABELS, "has_letters": task["has_letters"]},
                        direct=True)
    writer.page(task["page"], "entry.html", entry=task["entry"], groups=task["groups"],
                header_docs=task["header_docs"], list_page=task["list_page"], kind_label=task["kind_label"],
                pager=task["pager"])
    return task["page"]


def _matter_task(task: dict) -> list[str]:
    """Worker: the pages of one volume's own matter (archive/matter.py), through the documents'
    stylesheet (the user's too)."""
    from ..archive.matter import matter_documents
    from ..web.text import render_matter
    volume, parts = task["volume"], task["parts"]
    writer = PageWriter(Path(task["stage"]), {"site": SiteSettings(**task["site"]), "register": register_mod.empty(),
                                              "kind_labels": KIND_LABELS, "has_letters": task["has_letters"]},
                        direct=True)
    holders = {i: tuple(h) for i, h in task["holders"].items()}
    written = []
    trees = dict(matter_documents(Path(volume["path"]), task["pages"], holders))
    for number, part in enumerate(parts):
        stem = part["stem"]
        with stylesheets.shown_as(volume["path"], volume["path"]):
            rendered = render_matter(trees[part["name"]], stem, task.get("xslt"))
        rel = f"documents/{stem}.html"
        writer.page(rel, "matter.html", volume=volume, part=part, parts=parts, text_html=_markup(rendered.html),
                    prev=parts[number - 1] if number > 0 else None,
                    next=parts[number + 1] if number + 1 < len(parts) else None)
        written.append(rel)
    return written


class _Corpus:
    """Pass 1, read on first use: the records streamed once from the cache, kept compact (no
    mentions) for the aggregate pages, with the indexes those pages need."""

    def __init__(self, env, folded: dict[str, str], only: list[str] | None = None, dated: bool = False):
        # only: these documents (in this order), not all; dated: their small part (records.dated_of)
        self.env, self.folded, self.only, self.dated, self._loaded = env, folded, only, dated, False

    def __getattr__(self, name):
        if name in ("docs", "ordered", "mentions", "events", "header_docs") and not self._loaded:
            self._load()
            return getattr(self, name)
        raise AttributeError(name)

    def _load(self) -> None:
        docs: dict[str, Record] = {}
        mentions: dict = defaultdict(lambda: defaultdict(list))    # entry id -> doc id -> mentions
        events: list[tuple] = []                                   # dated mentions for the timeline
        header_docs: dict[str, list[str]] = defaultdict(list)
        read = self.env.dated if self.dated else self.env.record
        records = (read(i) for i in (self.env.ids if self.only is None else self.only))
        for rec in records:
            rec = sameas.fold_record(rec, self.folded)   # confirmed same persons: the first entry's id
            for m in rec.mentions:
                if m.kind == "date":
                    if m.when and m.in_body and not m.nested:
                        events.append((m.when, rec.id, m))
                elif m.ref:
                    mentions[m.ref][rec.id].append(m)
            for ref in sorted(rec.header_refs()):
                header_docs[ref].append(rec.id)
            docs[rec.id] = rec.compact()
        self.docs, self.mentions, self.events, self.header_docs = docs, mentions, events, header_docs
        self.ordered = [docs[i] for i in (self.env.ids if self.only is None else self.only) if i in docs]
        self._loaded = True


def _subset(compact: _Corpus, ids: list[str], wanted: set[str]) -> _Corpus:
    """The small parts of the records of `wanted` (read now only if not read already)."""
    if compact._loaded or len(wanted) == len(ids):
        return compact
    return _Corpus(compact.env, compact.folded, only=[i for i in ids if i in wanted], dated=True)


ENTRY_DOCS = 50         # documents whose mentions one register entry page lists, at most
ENTRY_MENTIONS = 1000   # and mentions, at most (a page holds at least one document)


def _chunks(docs: list[str], mentions) -> list[list[str]]:
    """The pages of an entry: its documents in order, cut before a page would hold more than
    ENTRY_DOCS documents or ENTRY_MENTIONS mentions (`mentions(doc)`: how many it has there)."""
    pages: list[list[str]] = [[]]
    held = 0
    for doc in docs:
        n = mentions(doc)
        if pages[-1] and (len(pages[-1]) >= ENTRY_DOCS or held + n > ENTRY_MENTIONS):
            pages.append([])
            held = 0
        pages[-1].append(doc)
        held += n
    return pages


def entry_page(entry_id: str, number: int = 1) -> str:
    """register/ID.html, and register/ID~2.html … for the further pages of an entry named in many
    documents ("~" cannot occur in an xml:id, so no entry's page can be another's)."""
    return f"register/{entry_id}.html" if number == 1 else f"register/{entry_id}~{number}.html"


def _pager(number: int, chunks: list[list[str]], href) -> dict | None:
    """Page `number` of a list cut into `chunks`: which items it holds, and links to every page
    (`href(n)`: the page's file name, relative to the pages)."""
    if len(chunks) <= 1:
        return None
    first = sum(len(c) for c in chunks[:number - 1]) + 1
    return {"page": number, "pages": len(chunks), "total": sum(len(c) for c in chunks), "first": first,
            "last": first + len(chunks[number - 1]) - 1,
            "links": [(n, href(n)) for n in range(1, len(chunks) + 1)]}


def _entry_pager(entry_id: str, number: int, chunks: list[list[str]]) -> dict | None:
    return _pager(number, chunks, lambda n: Path(entry_page(entry_id, n)).name)


HOME_DOCS = 2000        # documents one page of the home list (and of the letters) lists, at most


def list_page(base: str, number: int = 1) -> str:
    """index.html, and index-2.html … for the further pages of a long home list (letters.html,
    letters-2.html …)."""
    return f"{base}.html" if number == 1 else f"{base}-{number}.html"


def _split(items: list[str], size: int) -> list[list[str]]:
    return [items[k:k + size] for k in range(0, len(items), size)] or [[]]


def _home_order(ids: list[str], briefs: dict):
    """The documents in the order the home page lists them (outside any volume, then by the
    volumes' outlines), each division's count and each document's divisions, from the briefs
    alone (no record is read)."""
    return outline.order([(i, briefs[i].get("part_of", [])) for i in ids])


TIMELINE_ITEMS = 1000   # dated items on one timeline page


def timeline_page(month: str, part: int = 1) -> str:
    """timeline-1944-06.html (timeline-1944-06~2.html …): the items of a month, when the timeline
    is too long for one page."""
    return f"timeline-{month}.html" if part == 1 else f"timeline-{month}~{part}.html"


def _month_year(month: str) -> str:
    """The year heading of a timeline month: '1944' of '1944-06', '-0044' of '-0044-03'."""
    m = re.match(r"-?\d{4}", month)
    return m.group(0) if m else "Without a date"


def _month_label(month: str) -> str:
    return date_label(month) if month != "undated" else "Without a date"


def _digest(value) -> str:
    return hashlib.sha256(jsonio.dumps(value, default=str)).hexdigest()


@lru_cache(maxsize=4)
def _worker_register(paths: tuple[str, ...]):
    return register_mod.load_all([Path(p) for p in paths], strict=False) if paths else register_mod.empty()


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
        # (malformed entries were reported by builders.build, for every builder)
        reg = register_mod.load_all(registers, strict=False) if registers else register_mod.empty()
        # persons an editor confirmed as one (editorial/same-as.toml): one entry, one page
        reg, folded = sameas.fold(reg, sameas.for_edition(edition, [register_mod.load(r, strict=False)
                                                                    for r in registers]))
        register_file = self._register_file(registers)
        register_uri = register_file.resolve().as_uri() if register_file else ""
        site = edition.site
        xslt = self.context.options.get("web_xslt") or site.xslt
        pdf_source = self.context.outputs.get("print") or edition.out_dir / "print" / "edition.pdf"
        has_pdf = Path(pdf_source).is_file()

        # What every page needs to know of the documents comes from the environment's index (the
        # records' briefs), so that an incremental build reads the records of the changed
        # documents only; the full records are streamed (pass 1) only when an aggregate page that
        # shows their contents (home, letters, timeline, a register entry) has to be redone.
        ids = list(env.ids)
        briefs = {i: env.brief(i) for i in ids}
        local = {}
        for doc_id in ids:                           # entries the documents list themselves
            if briefs[doc_id]["local"]:
                for data in env.record(doc_id).local_entries:
                    entry = register_mod.entry_from_dict(data)
                    local[entry.id] = entry
        if local:
            reg = register_mod.Register(reg.path, {**reg.entries, **local})
        refs: dict[str, dict[str, list]] = {}      # doc id -> entry id -> [mentions, digests] (same persons folded)
        header: dict[str, list[str]] = {}
        for doc_id, brief in briefs.items():
            counted: dict[str, list] = {}
            for ref, (n, mentions_digest) in sorted(brief["refs"].items()):
                entry = counted.setdefault(folded.get(ref, ref), [0, []])
                entry[0] += n
                entry[1].append(mentions_digest)
            refs[doc_id] = counted
            header[doc_id] = sorted({folded.get(r, r) for r in brief["header"]})
        counts = {eid: 0 for eid in reg.keys()}
        cited_by: dict[str, list[str]] = defaultdict(list)     # entry id -> documents naming it, in order
        for doc_id in ids:
            for eid, (n, _) in refs[doc_id].items():
                if eid in counts:
                    counts[eid] += n
            for eid in sorted(set(refs[doc_id]) | set(header[doc_id])):
                cited_by[eid].append(doc_id)
        has_letters = any(briefs[i]["letter"] for i in ids)
        corpus = _Corpus(env, folded)                # every record, whole (register pages)
        compact = _Corpus(env, folded, dated=True)   # every record's small part (home, letters, timeline)

        from ..outdir import staged_output
        with staged_output(self.out, MARKER, known=SITE_ENTRIES) as stage:
            previous = stage.previous
            old_manifest = self._manifest(previous)
            old_documents = old_manifest.get("documents", {})
            old_pages = old_manifest.get("pages", {})
            look = _tree_digest(resources.xslt("web"), resources.PACKAGE / "templates" / "web")
            mine = self._digest_file(xslt) if xslt and Path(xslt).is_file() else ""   # the user's stylesheet
            # beyond TIMELINE_ITEMS the timeline is a page per month, and a date in a document
            # links to its month's page (every page is redone when that changes)
            paged = sum(n for i in ids for n, _ in briefs[i]["months"].values()) > TIMELINE_ITEMS
            common = _digest([__version__, look, mine, site.__dict__ | {"xslt": str(xslt or "")}, has_letters, has_pdf,
                              register_uri and self._digest_file(register_file), sorted(folded.items()), paged])
            keys = {}
            for doc_id in ids:
                related = [env.key(s) for s in briefs[doc_id]["related"] if s in briefs]
                keys[doc_id] = hashlib.sha256("\0".join([common, env.key(doc_id), *related]).encode()).hexdigest()
            buckets = search.buckets(ids, self.bucket_size(), [briefs[i].get("bytes", 0) for i in ids])
            full_text = len(buckets) == 1
            pages_before = self._document_pages(previous)
            reuse = {rid for rid in ids if old_documents.get(rid, {}).get("key") == keys[rid]
                     and (not full_text or "text" in old_documents[rid].get("search", {}))
                     and all(f in pages_before or (previous and os.path.isfile(previous / f))
                             for f in old_documents[rid].get("files", []))}
            # aggregate pages: each is redone only when what it shows changed
            lists_key = _digest([common, [(i, briefs[i]["meta"], {e: n for e, (n, _) in refs[i].items()}, header[i])
                                          for i in ids]])
            pages: dict[str, str] = {}

            def unchanged(rel: str, key: str) -> bool:
                pages[rel] = key
                if previous and old_pages.get(rel) == key and (previous / rel).is_file():
                    stage.take(rel)
                    return True
                return False

            writer = PageWriter(stage.path, {"site": site, "register": reg, "kind_labels": KIND_LABELS,
                                             "has_letters": has_letters}, direct=True)
            writer.static()
            pdf = None
            if has_pdf:
                writer.copy(Path(pdf_source), "edition.pdf")
                pdf = "../edition.pdf"

            filter_values: dict[str, set[str]] = defaultdict(set)
            manifest, tasks = {}, []
            for doc_id in ids:
                cited = [reg[i] for i in sorted(set(refs[doc_id]) | set(header[doc_id])) if i in reg]
                filters = {
                    "person": sorted(e.name for e in cited if e.kind == "person"),
                    "place": sorted(e.name for e in cited if e.kind == "place"),
                    "year": [briefs[doc_id]["year"]] if briefs[doc_id]["year"] else [],
                    "type": [briefs[doc_id]["type"]] if briefs[doc_id]["type"] else [],
                }
                for kind, values in filters.items():
                    filter_values[kind].update(values)
                if doc_id in reuse:
                    entry = old_documents[doc_id]
                    for rel in entry["files"]:
                        stage.take(rel)
                    manifest[doc_id] = entry
                    continue
                tasks.append({"record": str(env.record_path(doc_id)), "registers": [str(r) for r in registers],
                              "source": env.source(doc_id),
                              "register_uri": register_uri, "site": asdict(site), "pdf": pdf, "filters": filters,
                              "stage": str(stage.path), "xslt": str(xslt) if xslt else None,
                              "has_letters": has_letters, "timeline_paged": paged,
                              "related": [{"stem": i, "title": briefs[i]["title"],
                                           "date_label": briefs[i]["date_label"]}
                                          for i in briefs[doc_id]["related"] if i in briefs]})
            redo = []
            for kind, (heading, page) in register_mod.LISTS.items():
                entries = sorted((e for e in reg.values() if e.kind == kind), key=lambda e: e.name.lower())
                if not unchanged(f"register/{page}.html", lists_key):
                    writer.page(f"register/{page}.html", "register_list.html", heading=heading, entries=entries,
                                counts=counts)
                for e in entries:
                    # an entry's mentions, ENTRY_DOCS documents a page: a page is redone only when one
                    # of its documents changed what it shows of the entry
                    cited = cited_by.get(e.id, [])
                    chunks = _chunks(cited, lambda c: refs[c].get(e.id, (0,))[0])
                    for number, chunk in enumerate(chunks, start=1):
                        rel = entry_page(e.id, number)
                        key = _digest([common, repr(e), _entry_pager(e.id, number, chunks),
                                       [(c, briefs[c]["meta"], refs[c].get(e.id), e.id in header[c]) for c in chunk]])
                        if not unchanged(rel, key):
                            redo.append((e, heading, page, number, chunks))

            def entry_tasks():
                """The register pages to redo, made when the workers first ask for one (by then
                they are busy with the document pages).  Their mentions come from the records of
                their documents, or, when most documents are needed anyway, from one pass over
                every record."""
                wanted = {c for _, _, _, number, chunks in redo for c in chunks[number - 1]}
                if len(wanted) > len(ids) // 2:
                    source = corpus
                else:
                    source = _Corpus(env, folded, only=[i for i in ids if i in wanted])
                # what an entry page shows of a document: its id, title and date (small to send)
                slim = {c: RelatedDoc(c, briefs[c]["title"], briefs[c]["date_label"]) for c in wanted}
                for e, heading, page, number, chunks in redo:
                    chunk = chunks[number - 1]
                    mentions = source.mentions.get(e.id, {})
                    named = set(source.header_docs.get(e.id, ()))
                    yield ("entry", {"stage": str(stage.path), "site": asdict(site), "has_letters": has_letters,
                                     "page": entry_page(e.id, number), "entry": e,
                                     "groups": [(slim[c], mentions[c]) for c in chunk
                                                if c in mentions and c in source.docs],
                                     "header_docs": [slim[c] for c in chunk if c in named and c in source.docs],
                                     "pager": _entry_pager(e.id, number, chunks),
                                     "list_page": f"{page}.html", "kind_label": heading})
            # document pages, then register pages, in one stream on the workers (so that no worker
            # waits while the caller prepares the second kind); Pagefind starts on the document
            # pages as soon as they are all written, and indexes while the rest is made
            from ..executor import run

            def start_indexing():
                return None if full_text else self._start_search_index(
                    stage, previous, old_manifest.get("search", {}), buckets, keys)
            indexing = start_indexing() if not tasks else None
            work = itertools.chain((("page", t) for t in tasks), entry_tasks())
            for n, done in enumerate(run(_site_task, work, self.executor, progress=self.context.bar("web pages"),
                                         total=len(tasks) + len(redo)), start=1):
                if n > len(tasks):
                    continue
                search_record = done["search"] if full_text else {k: v for k, v in done["search"].items()
                                                                  if k != "text"}
                manifest[done["id"]] = {"key": keys[done["id"]], "files": done["files"], "search": search_record,
                                        "generic": done["generic"], "anchors": done["anchors"]}
                if n == len(tasks):
                    indexing = start_indexing()
            # what the stylesheets rendered without knowing it (kept in the manifest for unchanged pages)
            for doc_id in ids:
                generic = manifest[doc_id].get("generic")
                if generic:
                    self.reporter.warn(briefs[doc_id].get("source") or briefs[doc_id]["path"], generic_warning(generic),
                                       "web.generic-element",
                                       hint="the words are on the page; a stylesheet of yours (--xslt) can render them")

            matter = self._write_matter(unchanged, common, briefs, manifest, stage, site, xslt, has_letters)
            intro_key = self._digest_file(edition.introduction) if edition.introduction else ""
            self._write_home(writer, unchanged, compact, common, briefs, ids, intro_key,
                             lambda: render_front(edition.introduction, register_uri), matter)

            for gone, kept in sorted(folded.items()):      # a merged person's other id forwards to the kept one
                writer.page(f"register/{gone}.html", "same_as.html", entry=reg[kept], gone=gone)

            if has_letters:
                self._write_letters(writer, unchanged, compact, common, briefs, [i for i in ids if briefs[i]["letter"]])
            self._write_timeline(writer, unchanged, compact, common, briefs, ids, paged)
            warning = geo.basemap_warning(list(reg.values()))
            if warning:
                from ..diagnostics import Diagnostic
                self.reporter.add(Diagnostic("map.html", 0, "web-map-basemap", warning[0], hint=warning[1]))
            if not unchanged("map.html", _digest([common, counts, geo.atlas_stamp(),
                                                 sorted((i, repr(e)) for i, e in local.items())])):
                writer.page("map.html", "map.html", map=geo.project(list(reg.values())), counts=counts)
            if not unchanged("search.html", _digest([lists_key, len(buckets)])):
                writer.page("search.html", "search.html", filter_labels=FILTERS,
                            filter_values={k: sorted(filter_values.get(k, ())) for k, _ in FILTERS},
                            extra_indexes=[search.bundle(b) for b in range(1, len(buckets))])
            if not unchanged("search-index.js", _digest([lists_key, full_text, [keys[i] for i in ids]
                                                         if full_text else []])):
                search.write_fallback_index(stage.path / "search-index.js",
                                            [manifest[i]["search"] for i in ids], full_text=full_text)
            if full_text:
                indexing = self._start_search_index(stage, previous, old_manifest.get("search", {}), buckets, keys)
            search_keys = indexing()
            atomic_write(stage.path / MANIFEST, jsonio.dumps({"documents": manifest, "pages": pages,
                                                              "search": search_keys}))
            entry_pages = sum(1 for rel in pages if rel.startswith("register/")) - len(register_mod.LISTS)
            self.say(f"{len(ids)} documents ({len(ids) - len(reuse)} rendered, {len(reuse)} unchanged); "
                     f"{entry_pages} register pages ({entry_pages - len(redo)} unchanged)")
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

    def _start_search_index(self, stage, previous, old_keys: dict, buckets: list[list[str]], keys: dict):
        """Start indexing: one Pagefind index per bucket of documents; a bucket whose pages did not
        change is taken over from the previous site, so an edit re-indexes one bucket, not the
        edition.  Buckets are indexed side by side (as many at once as there are workers) in
        threads, while the caller goes on; the returned function waits for them and gives the
        buckets' keys for the manifest."""
        from concurrent.futures import ThreadPoolExecutor
        out, todo = {}, []
        for number, ids in enumerate(buckets):
            bundle = search.bundle(number)
            key = _digest([len(buckets), [(i, keys[i]) for i in ids]])
            out[bundle] = key
            if previous and old_keys.get(bundle) == key and (previous / bundle).is_dir():
                for folder, _, names in os.walk(previous / bundle):
                    rel = os.path.relpath(folder, previous)
                    for name in sorted(names):
                        stage.take(os.path.join(rel, name))
                continue
            todo.append((None if len(buckets) == 1 else [f"documents/{i}.html" for i in ids], bundle))
        if not todo:
            return lambda: out
        workers = max(1, min(len(todo), getattr(self.executor, "_max_workers", 1) or 1))
        threads = ThreadPoolExecutor(max_workers=workers)
        futures = [threads.submit(search.run_pagefind, stage.path, *job) for job in todo]
        stage.on_abort.append(lambda: threads.shutdown(wait=True))   # a failed build removes the stage after

        def wait() -> dict:
            try:
                done = [f.result() for f in futures]
            finally:
                threads.shutdown(wait=True)
            if not all(done):
                self.reporter.warn(str(self.out), "pagefind is not installed (pip install 'editio[web]'); "
                                   "search falls back to the built-in index", "web-no-pagefind")
                return {}
            return out
        return wait

    @staticmethod
    def _manifest(previous: Path | None) -> dict:
        if not previous:
            return {}
        try:
            data = jsonio.loads((previous / MANIFEST).read_bytes())
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) and "documents" in data else {}

    @staticmethod
    def _document_pages(previous: Path | None) -> set[str]:
        """The files under documents/ of the previous site ("documents/NAME"), read in one pass."""
        if previous is None or not (previous / "documents").is_dir():
            return set()
        with os.scandir(previous / "documents") as entries:
            return {f"documents/{e.name}" for e in entries if e.is_file()}

    def _write_matter(self, unchanged, common: str, briefs: dict, manifest: dict, stage, site, xslt,
                      has_letters: bool) -> dict[str, list[dict]]:
        """documents/{volume}.{part}.html: each part of an imported volume's own matter (its outline's
        front and back: title page, lists, index), its pointers to the volume's documents made links
        to their pages (archive/matter.py).  A volume's pages are redone when its outline changed, or
        what its documents hold (their ids and anchors).  Returns volume id -> its parts' links, for
        the home page."""
        from ..executor import run
        links, tasks = {}, []
        for volume in self.env.outlines:
            units = [u for u in volume["units"] if u in briefs]
            if not units or not volume["parts"]:
                continue
            pages = {}
            for part in volume["parts"]:
                stem = f"{volume['volume']}.{part['name']}"
                while stem in briefs:                 # a document of that name keeps it
                    stem += "~matter"
                pages[part["name"]] = stem
            parts = [{**part, "stem": pages[part["name"]]} for part in volume["parts"]]
            links[volume["volume"]] = [{"href": f"documents/{p['stem']}.html", "head": p["head"]} for p in parts]
            key = _digest([common, "matter", volume, pages,
                           [(u, briefs[u].get("ids", []), manifest.get(u, {}).get("anchors", [])) for u in units]])
            redo = [not unchanged(f"documents/{p['stem']}.html", key) for p in parts]
            if not any(redo):
                continue
            anchored = {u: set(manifest.get(u, {}).get("anchors", [])) for u in units}
            holders = {i: (u, i in anchored[u]) for i, u in self.env.holders(units).items()}
            tasks.append({"stage": str(stage.path), "site": asdict(site), "has_letters": has_letters,
                          "xslt": str(xslt) if xslt else None, "volume": volume, "parts": parts,
                          "pages": pages, "holders": holders})
        for _ in run(_matter_task, tasks, self.executor):
            pass
        return links

    def _write_home(self, writer, unchanged, compact, common: str, briefs: dict, ids: list[str], intro_key: str,
                    front, matter: dict | None = None) -> None:
        """index.html: the front matter and every document (imported ones by their volumes'
        outline); beyond HOME_DOCS documents the list goes on in index-2.html …, each page redone
        only when a document it lists changed what the list shows of it."""
        order, section_totals, divisions, places = _home_order(ids, briefs)
        parts = _split(order, HOME_DOCS)

        def key(number: int, part: list[str]) -> str:
            # what the page shows: its documents, and (when there are several pages) the count of each
            # division it heads in the whole edition
            paths = sorted({p for i in part for p in divisions[i]}) if len(parts) > 1 else []
            return _digest([common, "home", number, len(parts), len(order), intro_key if number == 1 else "", matter,
                            [(i, briefs[i]["meta"]) for i in part], [(p, section_totals[p]) for p in paths]])
        todo = [(n, part) for n, part in enumerate(parts, start=1) if not unchanged(list_page("index", n), key(n, part))]
        if not todo:
            return
        source = _subset(compact, ids, {i for _, part in todo for i in part})
        for number, part in todo:
            records = [source.docs[i] for i in part]
            loose, sections = outline.group(records)     # imported volumes: by their outline
            outline.sort_like(sections, places)          # in the edition's order, as the pages were cut
            if len(parts) > 1:
                outline.set_totals(sections, section_totals)
            front_html = front() if number == 1 else None
            writer.page(list_page("index", number), "home.html", documents=records, loose=loose, sections=sections,
                        matter=matter or {},
                        front=_markup(front_html) if front_html else None,
                        pager=_pager(number, parts, lambda n: list_page("index", n)))

    def _write_letters(self, writer, unchanged, compact, common: str, briefs: dict, letters: list[str]) -> None:
        """letters.html (letters-2.html … beyond HOME_DOCS letters): every document with a sender
        or a recipient, by date."""
        parts = _split(letters, HOME_DOCS)
        todo = [(n, part) for n, part in enumerate(parts, start=1)
                if not unchanged(list_page("letters", n), _digest([common, "letters", n, len(parts), len(letters),
                                                                   [(i, briefs[i]["meta"]) for i in part]]))]
        if not todo:
            return
        source = _subset(compact, list(compact.env.ids), {i for _, part in todo for i in part})
        for number, part in todo:
            writer.page(list_page("letters", number), "letters.html", letters=[source.docs[i] for i in part],
                        pager=_pager(number, parts, lambda n: list_page("letters", n)))

    def _write_timeline(self, writer, unchanged, dated, common: str, briefs: dict, ids: list[str],
                        paged: bool) -> None:
        """timeline.html: one page while the edition's dated items fit on one (TIMELINE_ITEMS);
        beyond that an overview of years and months, and a page per month (cut into parts of
        TIMELINE_ITEMS), each redone only when a document with items in that month changed them."""
        month_docs: dict[str, list[str]] = defaultdict(list)
        month_items: dict[str, int] = defaultdict(int)
        for doc_id in ids:
            for month, (n, _) in briefs[doc_id]["months"].items():
                month_docs[month].append(doc_id)
                month_items[month] += n
        if not paged:  # (paged: more than TIMELINE_ITEMS items, decided in build, which the pages' date links follow)
            key = _digest([common, [(i, briefs[i]["meta"], briefs[i]["months"]) for i in ids]])
            if not unchanged("timeline.html", key):
                writer.page("timeline.html", "timeline.html",
                            years=self._timeline(dated.ordered, dated.events, dated.docs), overview=None, nav=None)
            return
        months = sorted(month_items)
        parts = {m: max(1, -(-month_items[m] // TIMELINE_ITEMS)) for m in months}
        pages = [(m, k) for m in months for k in range(1, parts[m] + 1)]
        position = {page: n for n, page in enumerate(pages)}
        if not unchanged("timeline.html", _digest([common, "overview", sorted(month_items.items())])):
            overview: dict[str, list] = defaultdict(list)
            for m in months:
                overview[_month_year(m)].append(
                    {"month": m, "label": _month_label(m), "count": month_items[m],
                     "pages": [timeline_page(m, k) for k in range(1, parts[m] + 1)]})
            writer.page("timeline.html", "timeline.html", years=[], overview=sorted(overview.items()), nav=None)
        def nav(m: str, k: int) -> dict:
            here = position[(m, k)]
            return {"overview": "timeline.html", "label": _month_label(m), "part": k, "parts": parts[m],
                    "prev": timeline_page(*pages[here - 1]) if here > 0 else None,
                    "next": timeline_page(*pages[here + 1]) if here + 1 < len(pages) else None}
        redo = []
        for m in months:
            key = _digest([common, m, [(i, briefs[i]["meta"], briefs[i]["months"][m]) for i in month_docs[m]]])
            todo = [k for k in range(1, parts[m] + 1)
                    if not unchanged(timeline_page(m, k), _digest([key, nav(m, k)]))]
            if todo:
                redo.append((m, todo))
        if not redo:
            return
        wanted = {i for m, _ in redo for i in month_docs[m]}
        source = _Corpus(dated.env, dated.folded, only=[i for i in ids if i in wanted], dated=True)
        items_by_month: dict[str, list] = defaultdict(list)
        redo_months = {m for m, _ in redo}
        events = [e for e in source.events if timeline_month(e[0]) in redo_months]
        docs = [d for d in source.ordered if timeline_month(d.date.iso) in redo_months]
        for year, items in self._timeline(docs, events, source.docs):
            for item in items:
                items_by_month[timeline_month(item["when"])].append(item)
        for m, todo in redo:
            items = items_by_month[m]
            for k in todo:
                chunk = items[(k - 1) * TIMELINE_ITEMS:k * TIMELINE_ITEMS]
                writer.page(timeline_page(m, k), "timeline.html", years=[(_month_year(m), chunk)], nav=nav(m, k),
                            overview=None)

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


