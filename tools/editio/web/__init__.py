"""The static web edition: `build_web(tei_dir, out_dir)` writes a site that works offline and from file://.

Document text comes from xslt/web/document.xsl, every other page from the Jinja2 templates in
templates/web/; search is a Pagefind index (served sites) plus a script index (file://).
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from ..front import front_matter
from ..outdir import staged_output
from . import geo, search
from .documents import Document, date_label, read_documents
from .pages import Writer
from .register import KINDS, read_register
from .site import read_site
from .text import Mention, render, render_front

MARKER = ".editio-web"
KIND_LABELS = {"person": "person", "place": "place", "org": "organisation"}
FILTERS = [("person", "Person"), ("place", "Place"), ("year", "Year"), ("type", "Document type")]


# What a build writes at the top of the site: a folder holding only these is a site an older
# editio left half-deleted, and is replaced (see outdir.staged_output).
SITE_ENTRIES = {"index.html", "documents", "register", "static", "timeline.html", "map.html", "search.html",
                "search-index.js", "pagefind", "edition.pdf"}


def _header_refs(doc: Document) -> set[str]:
    names = doc.senders + doc.addressees + doc.participants + ([doc.place] if doc.place else [])
    return {n.ref for n in names if n.ref}


def _timeline(docs, rendered) -> list[tuple[str, list[dict]]]:
    items = [{"when": d.date, "label": d.date_label, "doc": d, "key": (d.date, 0, d.stem, "")} for d in docs if d.date]
    for d in docs:
        for m in rendered[d.stem].mentions:
            if m.kind == "date" and m.when:
                items.append({"when": m.when, "label": m.when_label or date_label(m.when), "doc": None, "mention": m, "source": d,
                              "key": (m.when, 1, d.stem, m.anchor)})
    by_year: dict[str, list[dict]] = defaultdict(list)
    for item in sorted(items, key=lambda i: i["key"]):
        by_year[item["when"][:4]].append(item)
    return sorted(by_year.items())


def build_web(tei_dir: Path, out_dir: Path) -> Path:
    """Build into a staging folder beside out_dir, swapped in at the end, under the output's lock."""
    with staged_output(Path(out_dir), marker=MARKER, known=SITE_ENTRIES) as stage:
        _build_web(Path(tei_dir), stage)
    return Path(out_dir)


def _build_web(tei_dir: Path, out_dir: Path) -> Path:
    site = read_site(tei_dir)
    docs = read_documents(tei_dir)
    register_path = tei_dir / "register" / "register.xml"
    register = read_register(register_path)
    by_stem = {d.stem: d for d in docs}
    rendered = {d.stem: render(d, register_path) for d in docs}
    front = render_front(front_matter(tei_dir), register_path)

    mentions: dict[str, dict[str, list[Mention]]] = defaultdict(lambda: defaultdict(list))
    for d in docs:
        for m in rendered[d.stem].mentions:
            if m.ref in register:
                mentions[m.ref][d.stem].append(m)
    counts = {eid: sum(len(v) for v in mentions[eid].values()) for eid in register}

    writer = Writer(out_dir, {"site": site, "register": register, "kind_labels": KIND_LABELS})
    writer.static()
    pdf_source = out_dir.parent / "print" / "edition.pdf"
    pdf = None
    if pdf_source.exists():
        writer.copy(pdf_source, "edition.pdf")
        pdf = "../edition.pdf"

    writer.page("index.html", "home.html", documents=docs, front=_markup(front) if front else None)
    records = []
    filter_values: dict[str, set[str]] = defaultdict(set)
    for d in docs:
        r = rendered[d.stem]
        refs = {m.ref for m in r.mentions if m.ref in register} | (_header_refs(d) & register.keys())
        filters = {
            "person": sorted(register[i].name for i in refs if register[i].kind == "person"),
            "place": sorted(register[i].name for i in refs if register[i].kind == "place"),
            "year": [d.year] if d.year else [],
            "type": [d.record_type] if d.record_type else [],
        }
        for kind, values in filters.items():
            filter_values[kind].update(values)
        plain_files = []
        for siglum, content in r.plain.items():
            name = f"{d.stem}.{siglum}.txt" if siglum and siglum != d.witnesses[0].siglum else f"{d.stem}.txt"
            writer.text(f"documents/{name}", content)
            plain_files.append((siglum, name))
        writer.copy(d.path, f"documents/{d.stem}.xml")
        stable_url = f"{site.base_url}documents/{d.stem}.html"
        citation = (f"{site.editors} (eds.), “{d.title}”, {d.date_label}, in {site.title}, "
                    f"document {d.stem},")
        cards = [register[i] for i in sorted({m.ref for m in r.mentions if m.ref in register})]
        writer.page(f"documents/{d.stem}.html", "document.html", doc=d, text_html=_markup(r.html),
                    synoptic=[[_markup(c) for c in row] for row in r.synoptic],
                    related=[by_stem[s] for s in d.related if s in by_stem], citation=citation,
                    stable_url=stable_url, plain_files=plain_files, pdf=pdf, filters=filters, cards=cards)
        records.append({"url": f"documents/{d.stem}.html", "title": d.title, "date": d.date_label,
                        "summary": d.summary, "text": r.fulltext, "filters": filters})

    for kind, (_, heading, page) in KINDS.items():
        entries = sorted((e for e in register.values() if e.kind == kind), key=lambda e: e.name.lower())
        writer.page(f"register/{page}.html", "register_list.html", heading=heading, entries=entries, counts=counts)
        for e in entries:
            groups = [(by_stem[s], ms) for s, ms in mentions[e.id].items()]
            groups.sort(key=lambda g: (g[0].date, g[0].stem))
            header_docs = [d for d in docs if e.id in _header_refs(d)]
            writer.page(f"register/{e.id}.html", "entry.html", entry=e, groups=groups, header_docs=header_docs,
                        list_page=f"{page}.html", kind_label=heading)

    writer.page("timeline.html", "timeline.html", years=_timeline(docs, rendered))
    writer.page("map.html", "map.html", map=geo.project(list(register.values())), counts=counts)
    writer.page("search.html", "search.html", filter_labels=FILTERS,
                filter_values={k: sorted(v) for k, v in filter_values.items()} | {k: [] for k, _ in FILTERS
                                                                                  if k not in filter_values})
    search.write_fallback_index(out_dir / "search-index.js", records)
    search.run_pagefind(out_dir)
    return out_dir


def _markup(html: str):
    """XSLT output is a serialised tree (all text escaped by lxml), so it enters templates as markup."""
    from markupsafe import Markup
    return Markup(html)
