"""The volumes' outlines as the web edition lists them: documents grouped by volume, compilation,
chapter and section (as each imported document's header records them), listed by date within each.

Records without an outline (the edition's own documents) stay outside the groups.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Section:
    id: str
    type: str
    head: str
    depth: int
    order: str = ""
    documents: list = field(default_factory=list)     # records, in the order given (date order)
    children: list["Section"] = field(default_factory=list)
    path: tuple = ()          # ((type, id), …) from the volume down: the same division on every page
    total: int | None = None  # documents of the division in the whole edition, when a page lists part of them

    @property
    def count(self) -> int:
        return len(self.documents) + sum(c.count for c in self.children)


def group(records) -> tuple[list, list[Section]]:
    """(records outside any volume, the volumes' sections) for records in date order."""
    loose, top, index = [], [], {}
    for rec in records:
        path = getattr(rec, "part_of", None) or []
        if not path:
            loose.append(rec)
            continue
        siblings, parent_key = top, ()
        for depth, div in enumerate(path):
            key = parent_key + ((div.type, div.id),)
            section = index.get(key)
            if section is None:
                section = index[key] = Section(div.id, div.type, div.head, depth, getattr(div, "order", ""),
                                               path=key)
                siblings.append(section)
            siblings, parent_key = section.children, key
        section.documents.append(rec)
    _sort(top)
    return loose, top


def _sort(sections: list[Section]) -> None:
    """Divisions in the volume's order (their sortKey); volumes as they first come by date."""
    sections.sort(key=lambda s: (s.order, ) if s.order else ("",))
    for section in sections:
        _sort(section.children)


def set_totals(sections: list[Section], counts: dict[tuple, int]) -> None:
    """Mark the divisions of one page of a long list with their counts in the whole edition."""
    for section in sections:
        section.total = counts.get(section.path, section.count)
        set_totals(section.children, counts)


def order(items) -> tuple[list[str], dict[tuple, int], dict[str, list[tuple]], dict[tuple, tuple]]:
    """What group() and the home page make of the records, from (id, [(type, id, order) of each
    division from the volume down]) pairs in date order, without building the sections (on every
    build, for tens of thousands of documents): the documents in the order the page lists them,
    each division's count of documents (by its path, as Section.path), each document's divisions
    (their paths), and each division's place among its siblings (for sort_like)."""
    first: dict[tuple, tuple] = {}
    counts: dict[tuple, int] = {}
    docs: dict[tuple, list[str]] = {}       # a path of (type, id) -> its documents, in the order given
    orders: dict[tuple, list] = {}          # and the divisions' sortKeys as its first document gives them
    for doc, path in items:
        stripped = tuple((level[0], level[1]) for level in path)
        if stripped not in docs:
            docs[stripped], orders[stripped] = [], [level[2] for level in path]
        docs[stripped].append(doc)
    keys, parents_of = {}, {}
    for path, members in docs.items():
        key, parents, parent = [], [], ()
        for (div_type, div_id), div_order in zip(path, orders[path]):
            parent = parent + ((div_type, div_id),)
            # siblings as _sort puts them: by the sortKey the division first came with (those without
            # one first), then in the order they first came
            key.append(first.setdefault(parent, (1, div_order or "", len(first))))
            parents.append(parent)
            counts[parent] = counts.get(parent, 0) + len(members)
        keys[path], parents_of[path] = key, parents
    # a division's own documents (a shorter key) before its subdivisions', the volumes after the
    # documents outside any (the empty key)
    ordered = [doc for path in sorted(docs, key=keys.__getitem__) for doc in docs[path]]
    return ordered, counts, {doc: parents_of[path] for path, members in docs.items() for doc in members}, first


def sort_like(sections: list[Section], places: dict[tuple, tuple]) -> None:
    """Divisions in the order of the whole edition (order()'s places), for the sections that
    group() made of one page's records: their sortKeys and first comings are those of the edition
    in date order, not of the page's records."""
    sections.sort(key=lambda s: places[s.path])
    for section in sections:
        sort_like(section.children, places)
