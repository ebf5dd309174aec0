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
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from . import __version__
from .diagnostics import Diagnostic, Reporter
from .edition import Edition
from .errors import EditioError
from .records import Record, read_record
from .xmlio import atomic_write

CACHE_FORMAT = 1


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
    return sorted(p for p in tei_dir.glob("*.xml") if p.is_file())


def _record_task(task: tuple[str, str]) -> tuple[str, dict | None, dict | None]:
    """Worker: (path, key) -> (path, record as dict, or a diagnostic as dict)."""
    path, key = task
    try:
        return path, read_record(Path(path)).as_dict(), None
    except EditioError as exc:
        return path, None, Diagnostic(exc.path or path, exc.line or 0, "document-unreadable",
                                      exc.message, "the document is left out of the build",
                                      severity="error", column=exc.column or 0).as_dict()


@dataclass
class Environment:
    edition: Edition
    reporter: Reporter = field(default_factory=Reporter)
    ids: list[str] = field(default_factory=list)          # documents, in date order after update()
    changed: set[str] = field(default_factory=set)        # ids whose record was (re)made this run
    removed: set[str] = field(default_factory=set)        # ids cached before, gone now
    _keys: dict[str, str] = field(default_factory=dict)
    _cache: dict[str, Record] = field(default_factory=dict)

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
        common = self.inputs_key()
        index_path = self.cache_dir / "index.json"
        try:
            old_index = json.loads(index_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            old_index = {}
        old_docs = old_index.get("documents", {}) if old_index.get("format") == CACHE_FORMAT else {}
        todo: list[tuple[str, str]] = []
        keys: dict[str, str] = {}
        for path in files:
            key = hashlib.sha256((common + _digest(path)).encode()).hexdigest()
            keys[path.stem] = key
            cached = old_docs.get(path.stem)
            if not (cached and cached.get("key") == key and (self.cache_dir / f"{path.stem}.json").is_file()):
                todo.append((str(path), key))
        from .executor import run
        dates: dict[str, tuple] = {}
        for path, data, problem in run(_record_task, todo, executor, progress=progress):
            stem = Path(path).stem
            if problem:   # a document that cannot be read stops the build: nothing is half-built
                d = Diagnostic(**problem)
                raise EditioError(d.message, path=d.file, line=d.line or None, column=d.column or None)
            atomic_write(self.cache_dir / f"{stem}.json", json.dumps(data, ensure_ascii=False, sort_keys=True))
            self.changed.add(stem)
        documents = {}
        for path in files:
            stem = path.stem
            if stem in self.changed:
                record = self.record(stem)
            else:
                record = None
                entry = old_docs.get(stem, {})
                if "sort" in entry:
                    dates[stem] = tuple(entry["sort"])
                    documents[stem] = entry
                    continue
                record = self.record(stem)
            dates[stem] = (record.date.iso, stem)
            documents[stem] = {"key": keys[stem], "sort": list(dates[stem])}
        self.removed = set(old_docs) - set(documents)
        for stem in self.removed:
            try:
                (self.cache_dir / f"{stem}.json").unlink()
            except FileNotFoundError:
                pass
        self._keys = {stem: documents[stem]["key"] for stem in documents}
        self.ids = sorted(documents, key=lambda s: dates[s])
        atomic_write(index_path, json.dumps({"format": CACHE_FORMAT, "common": common, "documents": documents},
                                            sort_keys=True, indent=1))
        for diagnostic in self.edition.warnings():
            self.reporter.add(diagnostic)
        return self

    def record(self, doc_id: str) -> Record:
        """The record of one document (read from the cache; a few are kept in memory)."""
        cached = self._cache.get(doc_id)
        if cached is not None:
            return cached
        data = json.loads((self.cache_dir / f"{doc_id}.json").read_text(encoding="utf-8"))
        record = Record.from_dict(data)
        if len(self._cache) > 256:
            self._cache.clear()
        self._cache[doc_id] = record
        return record

    def records(self) -> Iterator[Record]:
        """Every record, in date order, streamed from the cache."""
        for doc_id in self.ids:
            yield self.record(doc_id)

    def key(self, doc_id: str) -> str:
        return self._keys[doc_id]

    def __len__(self) -> int:
        return len(self.ids)


def load_environment(edition: Edition, executor=None, reporter: Reporter | None = None,
                     progress=None) -> Environment:
    env = Environment(edition, reporter if reporter is not None else Reporter())
    env.cache_dir.mkdir(parents=True, exist_ok=True)
    return env.update(executor, progress=progress)


def clear_cache(edition: Edition) -> None:
    import shutil
    shutil.rmtree(edition.cache_dir, ignore_errors=True)


__all__ = ["Environment", "load_environment", "document_files", "clear_cache"]
