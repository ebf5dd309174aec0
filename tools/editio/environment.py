"""The environment: one record per TEI document of the edition, cached on disk by input hash.

Like Sphinx's environment, it is what every builder reads.  `Environment.update(executor)` reads
every document whose inputs changed since the last run (on the executor, in parallel) and loads
the others from the cache; `records()` then streams records from disk, so no stage needs to hold
every document at once, and `changed` names the documents whose record was redone (builders redo
only those, and the aggregate pages).

A record's key is the SHA-256 of the TEI file's bytes, of every register file and of editio's
version: a new register or a new editio invalidates every record, an edited document only its own.
"""

from __future__ import annotations

import hashlib
import os
import stat
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from . import __version__, jsonio
from .diagnostics import Diagnostic, Reporter
from .edition import Edition
from .errors import EditioError
from . import corpus
from .records import Record, brief_of, dated_of, record_of
from .xmlio import atomic_write, serialize

# in a file name, they end or garble the URL of its page; a space also makes its OAI-PMH identifier
# invalid (the document's id is the file's name)
_URL_BREAKERS = frozenset("#?%\\ \t")

CACHE_FORMAT = 9          # 3: files may stand for several documents (teiCorpus); XIncludes resolved
                          # 4: records know where an imported document sits in its volume (part_of)
                          # 5: Record.volume (the DTS/OAI volume collections)
                          # 6: the index holds each record's brief (Record.brief)
                          # 7: briefs say where a document sits in its volume (the home page's parts)
                          # 8: records' titles, credits and witness descriptions as the TEI says them; briefs name the source file
                          # 9: dates keep @evidence (a conjectured date is labelled so); records and briefs
                          #    list the xml:ids of the text; the volumes' outlines (outline/*.xml)


def _digest(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def document_files(tei_dir: Path) -> list[Path]:
    """The edition's documents: the TEI files directly in tei_dir (registers live below it)."""
    tei_dir = Path(tei_dir)
    if not tei_dir.is_dir():
        raise EditioError("TEI folder not found", path=str(tei_dir))
    with os.scandir(tei_dir) as entries:
        names = sorted(e.name for e in entries if e.name.endswith(".xml") and e.is_file())
    return [tei_dir / name for name in names]


def _record_task(task: tuple[str, str, str, str]) -> dict:
    """Worker: one file -> the records of the documents it stands for (a TEI document, or the
    members of a teiCorpus), XIncludes resolved into copies under the cache.  The worker writes
    each record into the cache itself and returns only its id and sort key, so the records do not
    travel through the calling process."""
    path, root, resolved_dir, cache_dir = task
    warnings: list = []
    try:
        members = corpus.expand(Path(path), Path(root), warnings)
        records = []
        for member in members:
            target = Path(path)
            if member.resolved:
                target = Path(resolved_dir) / f"{member.id}.xml"
                atomic_write(target, serialize(member.tree))
            record = record_of(member.tree.getroot(), target)
            record.id = member.id
            data = record.as_dict()
            atomic_write(Path(cache_dir) / f"{record.id}.json",
                         jsonio.dumps(data), durable=False)
            atomic_write(Path(cache_dir) / f"{record.id}.dates.json",
                         jsonio.dumps(dated_of(data)), durable=False)
            brief = brief_of(data)
            # its weight, for the search index's buckets (a corpus's members share its file)
            brief["bytes"] = target.stat().st_size // (1 if member.resolved else len(members))
            brief["source"] = str(member.source)     # the user's file (warnings name it, not the copy)
            if str(member.source) == path and member.id != Path(path).stem:   # a member inside a teiCorpus
                brief["source_line"] = member.tree.getroot().sourceline or 0
            records.append({"id": record.id, "sort": [record.date.iso, record.id], "brief": brief})
        depends = sorted({str(d) for m in members for d in m.depends} - {str(Path(path).resolve())})
        return {"path": path, "records": records, "warnings": [w.as_dict() for w in warnings],
                "depends": depends, "error": None}
    except EditioError as exc:
        return {"path": path, "records": [], "warnings": [], "depends": [],
                "error": Diagnostic(exc.path or path, exc.line or 0, "document-unreadable", exc.message,
                                    severity="error", column=exc.column or 0).as_dict()}


@dataclass
class Environment:
    edition: Edition
    reporter: Reporter = field(default_factory=Reporter)
    ids: list[str] = field(default_factory=list)          # documents, in date order after update()
    changed: set[str] = field(default_factory=set)        # ids whose record was (re)made this run
    removed: set[str] = field(default_factory=set)        # ids cached before, gone now
    _keys: dict[str, str] = field(default_factory=dict)
    _cache: dict[str, Record] = field(default_factory=dict)
    _briefs: dict[str, dict] = field(default_factory=dict)
    # the imported volumes' outlines (tei/outline/*.xml, archive/outline.read_outline): their own
    # front and back matter, in volume order of their file names
    outlines: list[dict] = field(default_factory=list)

    @property
    def cache_dir(self) -> Path:
        return self.edition.cache_dir / "records"

    def inputs_key(self) -> str:
        """What every record depends on besides its own file: the registers and editio itself."""
        h = hashlib.sha256(f"editio {__version__} cache {CACHE_FORMAT}\n".encode())
        for reg in self.edition.registers:
            h.update(f"{reg.name}\0{_digest(reg)}\n".encode())
        return h.hexdigest()

    def update(self, executor=None, progress=None) -> "Environment":
        files = document_files(self.edition.tei_dir)
        if not files:
            raise EditioError("no TEI documents (*.xml) found", path=str(self.edition.tei_dir))
        self.cache_dir.mkdir(parents=True, exist_ok=True)  # only now: a folder without TEI is left as it was
        for path in files:
            # the file name is the page's name in every link: '#', '?', '%' and spaces end or garble a URL
            bad = sorted(set(os.path.basename(path)) & _URL_BREAKERS)
            if bad:
                self.reporter.warn(str(path), f"the file name holds {' '.join(repr(c) for c in bad)}: links to "
                                   "its page will not reach it", "file-name-url",
                                   hint="rename the file: letters, digits, '-', '_' and '.'")
        common = self.inputs_key()
        index_path = self.cache_dir / "index.json"
        try:
            old_index = jsonio.loads(index_path.read_bytes())
        except (OSError, ValueError):
            old_index = {}
        if old_index.get("format") != CACHE_FORMAT:
            old_index = {}
        old_files, old_docs = old_index.get("files", {}), old_index.get("documents", {})
        root = self.edition.root
        resolved_dir = self.edition.cache_dir / "resolved"

        # A file's content digest is taken again only when its stat (size, mtime, ctime, inode)
        # differs from the one the index recorded with it, as make and Sphinx do: an unchanged
        # edition of 20,000 files is not read again to be found unchanged.
        old_digests = old_index.get("digests", {})
        digests: dict[str, list] = {}

        def content(path: str) -> str:
            if path in digests:
                return digests[path][1]
            try:
                st = os.stat(path)
            except OSError:
                return "-"
            if not stat.S_ISREG(st.st_mode):
                return "-"
            stamp = [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]
            known = old_digests.get(path)
            digest = known[1] if known and known[0] == stamp else _digest(Path(path))
            # a file written in the last two seconds may be written again within the same
            # timestamp tick: its stamp is not trusted next time ("racy git")
            recent = time.time_ns() - max(st.st_mtime_ns, st.st_ctime_ns) < 2_000_000_000
            digests[path] = [None if recent else stamp, digest]
            return digest

        def file_key(path: Path, depends: list[str]) -> str:
            h = hashlib.sha256((common + content(str(path))).encode())
            for dep in depends:
                h.update(f"{dep}\0{content(dep)}\n".encode())
            return h.hexdigest()

        todo, file_entries = [], {}
        with os.scandir(self.cache_dir) as entries:
            cached = {e.name for e in entries}
        for path in files:
            old = old_files.get(path.name)
            if old and old.get("key") == file_key(path, old.get("depends", [])) and all(
                    f"{i}{part}.json" in cached for i in old.get("members", []) for part in ("", ".dates")):
                file_entries[path.name] = old
            else:
                todo.append((str(path), str(root), str(resolved_dir), str(self.cache_dir)))
        from .executor import run
        skipped, sorts, briefs = [], {}, {}
        for result in run(_record_task, todo, executor, progress=progress):
            path = Path(result["path"])
            if result["error"]:
                d = Diagnostic(**result["error"])
                if "not a TEI document" in d.message:     # an include target, a register, …: left out
                    skipped.append(d)
                    continue
                # a document that cannot be read stops the build: nothing is half-built
                raise EditioError(d.message, path=d.file, line=d.line or None, column=d.column or None)
            for w in result["warnings"]:
                self.reporter.add(Diagnostic(**w))
            members = []
            for meta in result["records"]:
                self.changed.add(meta["id"])
                self._cache.pop(meta["id"], None)
                sorts[meta["id"]] = meta["sort"]
                briefs[meta["id"]] = meta["brief"]
                members.append(meta["id"])
            file_entries[path.name] = {"key": file_key(path, result["depends"]), "depends": result["depends"],
                                       "members": members}
        # a file the documents include (sistory's taxonomy.xml, a classDecl) is in use, not left out
        included = {str(Path(dep).resolve()) for entry in file_entries.values() for dep in entry.get("depends", [])}
        for d in skipped:
            if str(Path(d.file).resolve()) in included:
                continue
            self.reporter.add(Diagnostic(d.file, d.line, "not-tei", f"{d.message}; left out of the edition",
                                         "a file that is not a TEI document (an include target, a list) "
                                         "belongs outside the TEI folder, or in its register/ folder"))
        documents, dates = {}, {}
        for name in sorted(file_entries):
            entry = file_entries[name]
            for doc_id in entry["members"]:
                if doc_id in documents:
                    raise EditioError(f"two documents have the id {doc_id!r}", path=str(self.edition.tei_dir / name))
                if doc_id in sorts:
                    sort, brief = sorts[doc_id], briefs[doc_id]
                elif "sort" in old_docs.get(doc_id, {}) and "brief" in old_docs[doc_id]:
                    sort, brief = old_docs[doc_id]["sort"], old_docs[doc_id]["brief"]
                else:
                    record = self.record(doc_id)
                    sort, brief = [record.date.iso, doc_id], record.brief()
                key = hashlib.sha256(f"{entry['key']}\0{doc_id}".encode()).hexdigest()
                documents[doc_id] = {"key": key, "sort": sort, "file": name, "brief": brief}
                dates[doc_id] = tuple(sort)
        if not documents:
            first = skipped[0] if skipped else None
            raise EditioError("no TEI documents found" + (f" ({Path(first.file).name}: {first.message})" if first else ""),
                              path=str(self.edition.tei_dir))
        self.removed = set(old_docs) - set(documents)
        for stem in self.removed:
            for part in ("", ".dates"):
                try:
                    (self.cache_dir / f"{stem}{part}.json").unlink()
                except FileNotFoundError:
                    pass
        outlines = self._outlines(old_index.get("outlines", {}), content)
        self._keys = {doc_id: documents[doc_id]["key"] for doc_id in documents}
        self._briefs = {doc_id: documents[doc_id]["brief"] for doc_id in documents}
        self.ids = sorted(documents, key=lambda s: dates[s])
        atomic_write(index_path, jsonio.dumps({"format": CACHE_FORMAT, "common": common, "files": file_entries,
                                               "documents": documents, "digests": digests,
                                               "outlines": outlines}))
        for diagnostic in self.edition.warnings():
            self.reporter.add(diagnostic)
        return self

    def _outlines(self, old: dict, content) -> dict:
        """The volumes' outlines, each read again only when its file changed."""
        from .archive.matter import read_outline
        folder = self.edition.tei_dir / "outline"
        out = {}
        if folder.is_dir():
            for path in sorted(folder.glob("*.xml")):
                digest = content(str(path))
                known = old.get(path.name)
                if known and known.get("digest") == digest:
                    out[path.name] = known
                    continue
                try:
                    data = read_outline(path)
                except EditioError as exc:
                    self.reporter.warn(str(path), f"outline left out: {exc.message}", "outline-unreadable")
                    data = None
                out[path.name] = {"digest": digest, "outline": data}
        self.outlines = [{**entry["outline"], "key": entry["digest"]} for entry in out.values() if entry["outline"]]
        return out

    def holders(self, doc_ids) -> dict[str, str]:
        """xml:id -> the document (of doc_ids) whose text holds it, from the briefs (no record is read);
        the first document when two hold the same id."""
        out: dict[str, str] = {}
        for doc_id in doc_ids:
            for xml_id in self._briefs.get(doc_id, {}).get("ids", ()):
                out.setdefault(xml_id, doc_id)
        return out

    def record_path(self, doc_id: str) -> Path:
        return self.cache_dir / f"{doc_id}.json"

    def record(self, doc_id: str) -> Record:
        """The record of one document (read from the cache; a few are kept in memory)."""
        cached = self._cache.get(doc_id)
        if cached is not None:
            return cached
        data = jsonio.loads((self.cache_dir / f"{doc_id}.json").read_bytes())
        record = Record.from_dict(data)
        if len(self._cache) > 256:
            self._cache.clear()
        self._cache[doc_id] = record
        return record

    def dated(self, doc_id: str) -> Record:
        """The record of one document with only what the timeline shows (records.dated_of): a small
        file of its own, so that a timeline page does not read every record whole."""
        data = jsonio.loads((self.cache_dir / f"{doc_id}.dates.json").read_bytes())
        return Record.from_dict(data)

    def records(self) -> Iterator[Record]:
        """Every record, in date order, streamed from the cache."""
        for doc_id in self.ids:
            yield self.record(doc_id)

    def key(self, doc_id: str) -> str:
        return self._keys[doc_id]

    def brief(self, doc_id: str) -> dict:
        """Record.brief() of one document, from the index (no record is read)."""
        return self._briefs[doc_id]

    def source(self, doc_id: str) -> tuple[str, int]:
        """The user's file a document comes from, and the line it starts at inside a teiCorpus (0:
        the whole file); its record's path may be the build's resolved copy."""
        brief = self._briefs[doc_id]
        return brief.get("source") or brief["path"], brief.get("source_line", 0)

    def __len__(self) -> int:
        return len(self.ids)


def load_environment(edition: Edition, executor=None, reporter: Reporter | None = None,
                     progress=None) -> Environment:
    env = Environment(edition, reporter if reporter is not None else Reporter())
    return env.update(executor, progress=progress)


def clear_cache(edition: Edition) -> None:
    import shutil
    shutil.rmtree(edition.cache_dir, ignore_errors=True)


__all__ = ["Environment", "load_environment", "document_files", "clear_cache"]
