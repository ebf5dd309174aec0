"""The conversion pipeline: read a source -> Document -> TEI -> enrich -> bytes -> (checked) atomic write.

Every output carries a fingerprint of its own content (`<?editio-generated sha256=…?>`). A file
whose content no longer matches its fingerprint was edited by hand, and is never overwritten
without --force.  All documents are converted in memory first; nothing is written if any fails.
"""

from __future__ import annotations

import hashlib
import re
import sys
from dataclasses import dataclass, fields
from pathlib import Path

from .enrich import Context, enrich
from .errors import HandEditedError, InputError
from .model import Document
from .readers import read_source
from .writer import write_tei
from .xmlio import indent, serialize

FINGERPRINT = re.compile(rb"<\?editio-generated sha256=\"(?P<hash>[0-9a-f]{64})\"\?>\n")


@dataclass
class Job:
    source: Path
    doc_id: str | None = None
    settings: dict | None = None
    reader: str | None = None
    label: str | None = None       # how the TEI names its source (the path as the edition gives it)


@dataclass
class Result:
    source: Path
    target: Path
    data: bytes
    status: str = ""       # written | unchanged | differs | hand-edited


def convert_document(job: Job, out_dir: Path, base_dir: Path, register: Path | None = None,
                     names: Path | None = None, report: list | None = None) -> tuple[Document, bytes]:
    settings = dict(job.settings or {})
    doc = read_source(job.source, job.doc_id, job.reader or settings.get("reader"), settings)
    doc.source = job.label or doc.source
    apply_settings(doc, settings)
    if not job.doc_id and not settings.get("id"):
        doc.id = derive_id(doc)
    tree = write_tei(doc, settings)
    ctx = Context(source=str(job.source), document_date=doc.header.date or None, base_dir=base_dir,
                  settings=settings, register_path=register, names_path=names)
    enrich(tree, ctx)
    if report is not None:
        report.extend(ctx.report)
    indent(tree)
    return doc, fingerprinted(serialize(tree))


def apply_settings(doc: Document, settings: dict) -> None:
    """Editorial data from edition.toml: header corrections, witness descriptions, related documents."""
    names = {f.name for f in fields(doc.header)}
    for key, value in settings.get("header", {}).items():
        if key in names:
            setattr(doc.header, key, value)
    publication = doc.header.publication
    known = {f.name for f in fields(publication)} - {"notes"}
    for key, value in settings.get("publication", {}).items():
        if key in known:
            setattr(publication, key, value)
        elif key == "notes":
            publication.notes += [(note.get("type", "editorial"), note["text"]) for note in value]
    for witness in doc.witnesses:
        data = settings.get("witnesses", {}).get(witness.siglum, {})
        witness.description = data.get("description", witness.description)
        witness.label = data.get("label", witness.label)
    doc.related = list(settings.get("related", doc.related))


def derive_id(doc: Document) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", doc.header.title.lower()).strip("-")[:48].rstrip("-") or "document"
    return f"{doc.header.date}-{slug}" if doc.header.date else slug


def fingerprinted(data: bytes) -> bytes:
    """Insert the content fingerprint after the XML declaration."""
    declaration, _, rest = data.partition(b"\n")
    digest = hashlib.sha256(rest).hexdigest()
    return declaration + b"\n" + f'<?editio-generated sha256="{digest}"?>\n'.encode() + rest


def hand_edited(existing: bytes) -> bool:
    """True when a file lacks our fingerprint or its content no longer matches it."""
    declaration, _, rest = existing.partition(b"\n")
    match = FINGERPRINT.match(rest)
    if not match:
        return True
    return hashlib.sha256(rest[match.end():]).hexdigest() != match["hash"].decode()


def _convert_task(task) -> tuple[str, bytes, list]:
    """Worker: one source -> (document id, TEI bytes, diagnostics)."""
    job, out_dir, base_dir, register, names = task
    report: list = []
    doc, data = convert_document(job, out_dir, base_dir, register, names, report)
    return doc.id, data, report


def plan(jobs: list[Job], out_dir: Path, base_dir: Path, register: Path | None = None,
         progress=None, names: Path | None = None, executor=None, reporter=None) -> list[Result]:
    """Convert everything (on the executor) before writing anything; raise on the first bad source."""
    from .executor import run
    results = []
    tasks = [(job, out_dir, base_dir, register, names) for job in jobs]
    sources: dict[Path, Path] = {}
    for number, (job, (doc_id, data, report)) in enumerate(zip(jobs, run(_convert_task, tasks, executor)), start=1):
        target = out_dir / f"{doc_id}.xml"
        if target in sources:   # one file would hold the second document, the first lost
            raise InputError(f"is document {doc_id!r}, as {sources[target]} is: both would be written to {target}",
                             path=str(job.source), hint="give them different ids ([[document]] id in edition.toml), "
                                                        "or convert one of them")
        sources[target] = job.source
        results.append(Result(job.source, target, data))
        if reporter is not None:
            reporter.extend(d for d in report if d.severity != "info")
        if progress:
            progress(f"[{number}/{len(jobs)}] {job.source} -> {target}")
    return classify(results)


def classify(results: list[Result]) -> list[Result]:
    """Set each result's status against what is on disk: new, unchanged, differs or hand-edited."""
    for result in results:
        if not result.target.exists():
            result.status = "new"
            continue
        existing = result.target.read_bytes()
        if existing == result.data:
            result.status = "unchanged"
        elif hand_edited(existing):
            result.status = "hand-edited"
        else:
            result.status = "differs"
    return results


def write(results: list[Result], force: bool = False, threads: int = 1) -> None:
    """Write every changed file or none (outdir.write_all): a failure or a kill never leaves a mix.
    `threads` > 1 overlaps the files' fsyncs (the import writes thousands)."""
    from .outdir import write_all
    edited = [r for r in results if r.status == "hand-edited"]
    if edited and not force:
        first = edited[0]
        raise HandEditedError(
            "was edited by hand since editio wrote it; refusing to overwrite"
            + (f" (and {len(edited) - 1} more)" if len(edited) > 1 else ""),
            path=str(first.target), hint="keep your edits elsewhere, or pass --force to overwrite them")
    write_all(((r.target, r.data) for r in results if r.status != "unchanged"), threads=threads)


def stderr(message: str) -> None:
    print(message, file=sys.stderr)
