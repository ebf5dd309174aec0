"""`editio import`: volumes -> one TEI file per document, a register and an outline per volume.

Everything is made in memory first, then written like `editio convert` writes: fingerprinted,
atomically, never over a file edited by hand (convert.classify / convert.write).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from .. import TEI_NS
from ..convert import Result, classify, fingerprinted
from ..xmlio import indent, serialize
from .header import document_tree
from .profile import Profile, load_profile
from .register_file import collect, register_tree
from .split import Volume, read_volume, shell, unit_body


@dataclass
class ImportReport:
    results: list[Result] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    volumes: list[dict] = field(default_factory=list)


def import_volume(volume: Volume, out: Path) -> list[Result]:
    entries = collect(volume)
    results = []
    for unit in volume.units:
        div, foreign = unit_body(volume, unit)
        if div.tag == f"{{{TEI_NS}}}TEI":
            tree = etree.ElementTree(div)         # already a TEI document (generic profile): kept whole
        else:
            tree = document_tree(volume, unit, div, foreign)
            indent(tree)
            body = tree.getroot().find(f"{{{TEI_NS}}}text/{{{TEI_NS}}}body")
            body.text = "\n      "
            div.tail = "\n    "
            body.append(div)
        etree.cleanup_namespaces(tree, top_nsmap={None: TEI_NS})
        results.append(Result(volume.source, out / unit.file, fingerprinted(serialize(tree))))
    if entries:
        reg = register_tree(volume, entries)
        indent(reg)
        results.append(Result(volume.source, out / volume.register_file, fingerprinted(serialize(reg))))
    results.append(Result(volume.source, out / volume.outline_file, fingerprinted(serialize(shell(volume)))))
    return results


def plan_import(sources: list[Path], out: Path, profile: Profile | str = "frus",
                split: str | None = None, progress=None) -> ImportReport:
    """Read and split every source; raise on the first bad one before anything is written."""
    if not isinstance(profile, Profile):
        profile = load_profile(profile)
    if split:
        profile = profile.with_unit(split)
    report = ImportReport()
    seen: dict[str, Path] = {}
    for source in sources:
        volume = read_volume(Path(source), profile)
        if volume.id in seen:
            from ..errors import InputError
            raise InputError(f"volume id {volume.id!r} is also the id of {seen[volume.id]}", path=str(source))
        seen[volume.id] = Path(source)
        results = import_volume(volume, out)
        report.results += results
        report.warnings += volume.warnings
        report.volumes.append({"source": str(source), "volume": volume.id, "documents": len(volume.units),
                               "register_entries": len(volume.register_ids)})
        if progress:
            progress(f"{source}: {len(volume.units)} documents, {len(volume.register_ids)} register entries")
    classify(report.results)
    return report
