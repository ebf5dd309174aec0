"""`editio import`: volumes -> one TEI file per document, a register and an outline per volume.

The per-document work runs on the executor (executor.run): each task is a slice of one volume's
documents; a worker reads (and keeps) the volume it needs, and returns bytes.  Results come back in
task order, so the files are the same bytes for any number of workers.  Everything is made in memory
first, then written like `editio convert` writes: fingerprinted, atomically, never over a file edited
by hand (convert.classify / convert.write).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from lxml import etree

from .. import TEI_NS
from ..convert import Result, classify, fingerprinted
from ..errors import EditioError, InputError
from ..xmlio import indent, serialize
from .header import document_tree
from .profile import load_profile
from .register_file import collect, register_tree
from .split import Volume, read_volume, shell, unit_body

SLICE = 100          # documents per task


@dataclass
class ImportReport:
    results: list[Result] = field(default_factory=list)
    warnings: list[dict] = field(default_factory=list)     # diagnostics.Diagnostic as dicts
    volumes: list[dict] = field(default_factory=list)
    dangling: list[dict] = field(default_factory=list)     # per source and pointer (dangling_warnings)


@dataclass(frozen=True)
class Task:
    source: str
    profile: str         # a built-in name or a file path: workers load it themselves
    split: str | None
    start: int
    stop: int
    whole: bool          # also the volume's register and outline


@lru_cache(maxsize=4)
def _volume(source: str, profile: str, split: str | None, mtime: float) -> Volume:
    prof = load_profile(profile)
    if split:
        prof = prof.with_unit(split)
    volume = read_volume(Path(source), prof)
    volume.entries = collect(volume)       # the register ids that pointers are rewritten to
    volume.read_count = len(volume.warnings)
    return volume


def _document(volume: Volume, unit) -> bytes:
    div, foreign = unit_body(volume, unit)
    if div.tag == f"{{{TEI_NS}}}TEI":
        tree = etree.ElementTree(div)      # already a TEI document (generic profile): kept whole
    else:
        tree = document_tree(volume, unit, div, foreign)
        indent(tree)                       # the new header only: the unit is appended afterwards
        body = tree.getroot().find(f"{{{TEI_NS}}}text/{{{TEI_NS}}}body")
        body.text = "\n      "
        div.tail = "\n    "
        body.append(div)
    etree.cleanup_namespaces(tree, top_nsmap={None: TEI_NS})
    return fingerprinted(serialize(tree))


def run_task(task: Task) -> dict:
    """Worker: one slice of a volume -> {files: [(relative path, bytes)], warnings, info} or {error}."""
    try:
        volume = _volume(task.source, task.profile, task.split, Path(task.source).stat().st_mtime)
        mark, dangling_mark = len(volume.warnings), len(volume.dangling)
        files = [(unit.file, _document(volume, unit)) for unit in volume.units[task.start:task.stop]]
        if task.whole:
            if volume.entries:
                reg = register_tree(volume, volume.entries)
                indent(reg)
                files.append((volume.register_file, fingerprinted(serialize(reg))))
            files.append((volume.outline_file, fingerprinted(serialize(shell(volume)))))
        warnings = volume.warnings[mark:]
        del volume.warnings[mark:]         # a cached volume reports each warning once
        dangling = volume.dangling[dangling_mark:]
        del volume.dangling[dangling_mark:]
        return {"files": files, "warnings": (volume.warnings[:volume.read_count] if task.start == 0 else []) + warnings,
                "dangling": dangling,
                "info": {"source": task.source, "volume": volume.id, "documents": len(volume.units),
                         "register_entries": len(volume.register_ids)}}
    except EditioError as exc:             # exceptions do not cross processes intact: send the facts
        return {"error": {"message": exc.message, "path": exc.path, "line": exc.line, "column": exc.column,
                          "hint": exc.hint}}


def dangling_warnings(source: str, found: list[list]) -> tuple[list[dict], list[dict]]:
    """One warning per distinct dangling pointer of a source (found: [token, "ref/@target", document
    id, line] in document order, from every slice), with how often and in which documents it occurs;
    and the same as data for --format json."""
    by_token: dict[str, dict] = {}
    for token, where, doc, line in found:
        entry = by_token.setdefault(token, {"source": source, "pointer": token, "count": 0, "line": line,
                                            "attributes": [], "documents": []})
        entry["count"] += 1
        if where not in entry["attributes"]:
            entry["attributes"].append(where)
        if doc not in entry["documents"]:
            entry["documents"].append(doc)
    warnings = []
    for entry in by_token.values():
        docs = entry["documents"]
        shown = ", ".join(docs[:3]) + (f" and {len(docs) - 3} more" if len(docs) > 3 else "")
        times = "once" if entry["count"] == 1 else f"{entry['count']} times"
        warnings.append({"file": source, "line": entry["line"], "rule": "import-dangling-pointer",
                         "message": f"{' / '.join(entry['attributes'])}={entry['pointer']!r} names nothing in the "
                                    f"volume or its register; kept as it is ({times}, in {shown})",
                         "hint": "the archive's pointer has no target: correct it in the volume, or after import",
                         "severity": "warning", "column": 0})
    return warnings, list(by_token.values())


def tasks_for(sources: list[Path], profile: str, split: str | None) -> list[Task]:
    """Slices of each volume's documents (the first slice also counts them)."""
    out = []
    for source in sources:
        try:
            mtime = Path(source).stat().st_mtime
        except OSError as exc:
            raise InputError(f"cannot read file: {exc.strerror}", path=str(source)) from None
        count = len(_volume(str(source), profile, split, mtime).units)
        starts = list(range(0, count, SLICE)) or [0]
        for start in starts:
            out.append(Task(str(source), profile, split, start, min(start + SLICE, count), start == starts[-1]))
    return out


def plan_import(sources: list[Path], out: Path, profile: str | Path = "frus", split: str | None = None,
                progress=None, executor=None) -> ImportReport:
    """Read and split every source; raise on the first bad one before anything is written."""
    from ..executor import run

    profile = str(profile)
    load_profile(profile)                  # a bad profile is reported before any volume is read
    report = ImportReport()
    seen: dict[str, str] = {}
    dangling: dict[str, list] = {}
    tasks = tasks_for([Path(s) for s in sources], profile, split)
    for task, result in zip(tasks, run(run_task, tasks, executor)):
        if "error" in result:
            raise InputError(**result["error"])
        info = result["info"]
        if task.start == 0:
            if info["volume"] in seen and seen[info["volume"]] != task.source:
                raise InputError(f"volume id {info['volume']!r} is also the id of {seen[info['volume']]}",
                                 path=task.source)
            seen[info["volume"]] = task.source
            report.volumes.append(info)
            if progress:
                progress(f"{task.source}: {info['documents']} documents, {info['register_entries']} register entries")
        report.warnings += result["warnings"]
        found = dangling.setdefault(task.source, [])
        found += result["dangling"]
        if task.whole:                     # the source's last slice: its pointers, each once
            warnings, summary = dangling_warnings(task.source, found)
            report.warnings += warnings
            report.dangling += summary
        report.results += [Result(Path(task.source), out / rel, data) for rel, data in result["files"]]
    classify(report.results)
    return report
