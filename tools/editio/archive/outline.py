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


def flatten(loose: list, sections: list[Section]) -> list:
    """The records in the order the home page lists them: those outside any volume, then each
    division's documents followed by its subdivisions'."""
    out = list(loose)

    def walk(section: Section) -> None:
        out.extend(section.documents)
        for child in section.children:
            walk(child)
    for section in sections:
        walk(section)
    return out


def totals(sections: list[Section]) -> dict[tuple, int]:
    """Each division's count of documents, by its path."""
    out: dict[tuple, int] = {}

    def walk(section: Section) -> None:
        out[section.path] = section.count
        for child in section.children:
            walk(child)
    for section in sections:
        walk(section)
    return out


def set_totals(sections: list[Section], counts: dict[tuple, int]) -> None:
    """Mark the divisions of one page of a long list with their counts in the whole edition."""
    for section in sections:
        section.total = counts.get(section.path, section.count)
        set_totals(section.children, counts)
