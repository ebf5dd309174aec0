"""Source readers: one per source family, each turning a page as the archive publishes it into a Document.

Adding a source family means adding a reader module and listing it in READERS; nothing else changes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from ..errors import InputError
from ..links import check_link
from ..model import Document
from ..xmlio import position, xml_text

from . import focalpoint, frus, wilson


class Reader(Protocol):
    name: str
    description: str

    def detect(self, text: str) -> float: ...

    def read(self, text: str, source: str, doc_id: str, settings: dict) -> Document: ...


READERS: dict[str, Reader] = {r.name: r for r in (wilson.WilsonReader(), frus.FrusReader(),
                                                  focalpoint.FocalPointReader())}


def load_text(path: str | Path, warn=None) -> str:
    """Read a source as UTF-8 text, refusing empty, binary and non-UTF-8 files with a clear message.

    Characters XML forbids are refused with their line and column, except form feeds and vertical
    tabs (page breaks of extracted text), which are replaced with a warning (see xmlio.xml_text)."""
    path = Path(path)
    check_link(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read source: {exc.strerror}", path=str(path)) from None
    if not data.strip():
        raise InputError("source file is empty", path=str(path))
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") and not data.startswith(b"\xff\xfe\x00\x00"):
        # UTF-16 with its byte-order mark (Windows' "Unicode" text): unambiguous, read as what it is
        try:
            data = data.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError as exc:
            raise InputError(f"UTF-16 text that does not decode (byte {exc.start + 2}); convert the file to UTF-8",
                             path=str(path)) from None
    if b"\x00" in data[:8192]:
        line, col = _byte_position(data, data.index(b"\x00"))
        raise InputError("source looks binary (NUL bytes), not a text transcription", path=str(path),
                         line=line, column=col)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, col = _byte_position(data, exc.start)
        raise InputError(f"not UTF-8 text: byte 0x{data[exc.start]:02x} cannot be decoded; "
                         "convert the file to UTF-8 first", path=str(path), line=line, column=col) from None
    controls = [k for k, ch in enumerate(text[:8192]) if ord(ch) < 32 and ch not in "\n\r\t\f"]
    if len(controls) > 8:
        line, col = position(text, controls[0])
        raise InputError("source looks binary (control characters), not a text transcription", path=str(path),
                         line=line, column=col)
    return xml_text(text.replace("\r\n", "\n").replace("\r", "\n"), str(path), warn)


def _byte_position(data: bytes, offset: int) -> tuple[int, int]:
    return data.count(b"\n", 0, offset) + 1, offset - (data.rfind(b"\n", 0, offset) + 1) + 1


def guess_reader(text: str, source: str = "<source>") -> Reader:
    scores = sorted(((reader.detect(text), name) for name, reader in READERS.items()), reverse=True)
    best_score, best = scores[0]
    if best_score <= 0:
        known = ", ".join(READERS)
        raise InputError(f"unrecognised source family (known: {known}); choose one with --reader",
                         path=source)
    return READERS[best]


def get_reader(name: str) -> Reader:
    try:
        return READERS[name]
    except KeyError:
        raise InputError(f"unknown reader {name!r}; choose one of: {', '.join(READERS)}") from None


def read_source(path: str | Path, doc_id: str | None = None, reader: str | None = None,
                settings: dict | None = None) -> Document:
    text = load_text(path)
    chosen = get_reader(reader) if reader else guess_reader(text, str(path))
    return chosen.read(text, str(path), doc_id or Path(path).stem, settings or {})
