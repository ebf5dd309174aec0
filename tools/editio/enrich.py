"""Enrichment: transforms applied to a TEI tree after the writer, in priority order.

Like docutils transforms, each is a small object with one job and a priority.  They work on any
TEI tree (not only ours), so `editio tag` and friends can run them on files from elsewhere.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from lxml import etree


@dataclass
class Context:
    """What a transform may know besides the tree itself."""

    source: str = "<tree>"                 # file the tree came from, for messages
    document_date: str | None = None       # ISO date of the document (resolves relative dates, offices)
    base_dir: Path = field(default_factory=Path.cwd)  # where relative data paths resolve
    settings: dict[str, Any] = field(default_factory=dict)  # the document's entry in edition.toml
    register_path: Path | None = None      # the register names point into (None: names are not tagged)
    names_path: Path | None = None         # name data (titles, articles, stop-list)
    report: list = field(default_factory=list)  # Diagnostics for the user (ambiguities, missing data, ...)


class Transform(Protocol):
    name: str
    priority: int

    def apply(self, tree: etree._ElementTree, ctx: Context) -> None: ...


# "module:Class" of every transform that `editio convert` runs, lowest priority first.
# Each stage module owns its transform; a missing module is a programming error, not skipped.
TRANSFORMS: list[str] = [
    ".transforms.apparatus:ApparatusTransform",          # 100: witnesses -> one text with app/rdg
    ".transforms.emendation:EmendationTransform",        # 200: editorial OCR corrections -> choice/sic/corr
    ".transforms.tagger:TaggerTransform",                # 300: persName/placeName/orgName/geogName @ref
    ".transforms.dates:DateTransform",                   # 400: date @when/@notBefore/@notAfter
    ".transforms.annotation:EditorialNotesTransform",    # 500: the editors' dates and notes (notesStmt)
]


def load_transforms(names: list[str] | None = None) -> list[Transform]:
    transforms = []
    for spec in names if names is not None else TRANSFORMS:
        module, _, cls = spec.partition(":")
        transforms.append(getattr(importlib.import_module(module, __package__), cls)())
    return sorted(transforms, key=lambda t: t.priority)


def enrich(tree: etree._ElementTree, ctx: Context, names: list[str] | None = None) -> etree._ElementTree:
    for transform in load_transforms(names):
        transform.apply(tree, ctx)
    return tree
