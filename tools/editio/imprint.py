"""Who made the edition and what it is called: its title, authors, editors, publisher and licence,
as the title page, the PDF's metadata and the citation of a document say them.

What edition.toml says deliberately wins ([edition]/[web] title, editors, publisher, licence).  What
it leaves out comes from the documents' own teiHeaders (their records): a one-document edition is
that document (its titleStmt title, author and editor, its publicationStmt); several documents
share a title when they belong to one volume (seriesStmt or the source's monograph), and name every
document's editors.  Nothing is filled in with a placeholder: what no one says stays empty, and the
reader of the imprint leaves it out.  (The print edition's front matter, when the edition has one,
names the edition first: xslt/print/front.xsl.)
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .edition import DEFAULT_EDITORS, DEFAULT_TITLE, SiteSettings


@dataclass
class Imprint:
    title: str = ""
    authors: list[str] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)
    publication: str = ""       # publisher, place, date
    licence: str = ""


def _distinct(names) -> list[str]:
    seen: dict[str, None] = {}
    for name in names:
        if name and name not in seen:
            seen[name] = None
    return list(seen)


def _shared(values) -> str:
    """The one value every document has, else ""."""
    values = set(values)
    return values.pop() if len(values) == 1 else ""


def edition_imprint(site: SiteSettings, editors: list[str], records) -> Imprint:
    """The edition's imprint: edition.toml's values (site settings, [edition] editors), else the
    documents' (records, in the edition's order)."""
    records = list(records)
    own = Imprint()
    if len(records) == 1:
        rec = records[0]
        own = Imprint(rec.title, [a.label for a in rec.authors], [e.label for e in rec.editors],
                      rec.publication, rec.licence)
    elif records:
        own = Imprint(_shared(r.volume for r in records),
                      _distinct(a.label for r in records for a in r.authors),
                      _distinct(e.label for r in records for e in r.editors),
                      _shared(r.publication for r in records), _shared(r.licence for r in records))
    given_title = site.title if site.title != DEFAULT_TITLE else ""
    return Imprint(title=given_title or own.title,
                   # the edition's authors are the documents' only when the edition is theirs alone
                   authors=own.authors if not given_title else [],
                   editors=list(editors) or own.editors,
                   publication=site.publisher or own.publication,
                   licence=site.licence or own.licence)


def citation(rec, site: SiteSettings) -> str:
    """How to cite one document (without its URL): its editors (edition.toml's, else the
    document's own), its title and date, the edition or volume it is part of, its id."""
    editors = site.editors if site.editors != DEFAULT_EDITORS else "; ".join(e.label for e in rec.editors)
    within = site.title if site.title != DEFAULT_TITLE else rec.volume
    parts = [f"{editors} (eds.), “{rec.title}”" if editors else f"“{rec.title}”"]
    if rec.date_label:
        parts.append(rec.date_label)
    if within and within != rec.title:
        parts.append(f"in {within}")
    parts.append(f"document {rec.id}")
    return ", ".join(parts) + ","
