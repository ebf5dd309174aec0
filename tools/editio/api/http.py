"""Requests and responses as plain data, the query-string rules, and files served from the build.

The protocol modules (dts.py, oai.py) take a `Query` and return a `Response`; only app.py speaks
ASGI.  A query string that is too long, has too many parameters, or is not valid percent-encoded
UTF-8 is refused before any protocol code sees it (each protocol then answers in its own terms).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, unquote

from ..jsonio import pretty

MAX_QUERY = 4096          # bytes of query string (or form body)
MAX_PARAMS = 32
MAX_VALUE = 1024          # characters of one parameter value


class BadQuery(ValueError):
    """The query string itself cannot be read (too long, malformed encoding, too many fields)."""


@dataclass
class Query:
    pairs: list[tuple[str, str]]

    @classmethod
    def parse(cls, raw: bytes | str) -> "Query":
        if isinstance(raw, bytes):
            if len(raw) > MAX_QUERY:
                raise BadQuery(f"the query is longer than {MAX_QUERY} bytes")
            try:
                raw = raw.decode("ascii")
            except UnicodeDecodeError:
                raise BadQuery("the query is not ASCII (percent-encode it)") from None
        if len(raw) > MAX_QUERY:
            raise BadQuery(f"the query is longer than {MAX_QUERY} bytes")
        try:
            pairs = parse_qsl(raw, keep_blank_values=True, max_num_fields=MAX_PARAMS,
                              encoding="utf-8", errors="strict")
        except UnicodeDecodeError:
            raise BadQuery("a parameter is not valid percent-encoded UTF-8") from None
        except ValueError:
            raise BadQuery(f"more than {MAX_PARAMS} parameters") from None
        for key, value in pairs:
            if len(value) > MAX_VALUE or len(key) > 64:
                raise BadQuery(f"parameter {key[:64]!r} is longer than {MAX_VALUE} characters")
            if "\x00" in key or "\x00" in value:
                raise BadQuery("a parameter holds a NUL character")
        return cls(pairs)

    def names(self) -> list[str]:
        return [k for k, _ in self.pairs]

    def repeated(self) -> list[str]:
        seen, twice = set(), []
        for k in self.names():
            if k in seen and k not in twice:
                twice.append(k)
            seen.add(k)
        return twice

    def get(self, name: str) -> str | None:
        return next((v for k, v in self.pairs if k == name), None)

    def as_dict(self) -> dict[str, str]:
        return {k: v for k, v in self.pairs}


@dataclass
class Response:
    status: int
    body: bytes
    content_type: str
    headers: list[tuple[str, str]] = field(default_factory=list)
    file: Path | None = None          # a file to stream instead of body

    @classmethod
    def json(cls, status: int, data: dict, content_type: str = "application/ld+json", headers=None) -> "Response":
        body = pretty(data)
        return cls(status, body, f"{content_type}; charset=utf-8", list(headers or []))

    @classmethod
    def text(cls, status: int, text: str, content_type: str = "text/plain", headers=None) -> "Response":
        return cls(status, text.encode("utf-8"), f"{content_type}; charset=utf-8", list(headers or []))


def safe_file(root: Path, url_path: str) -> Path | None:
    """The file under `root` that `url_path` names, or None: no '..' (also percent-encoded), no
    absolute paths, no backslashes or NULs, no hidden files, and nothing that resolves (through
    symlinks) outside root.  A folder gives its index.html."""
    try:
        decoded = unquote(url_path, errors="strict")
    except UnicodeDecodeError:
        return None
    # decode twice: a doubly encoded %252e%252e must not become '..' further down the line
    if "%" in decoded:
        try:
            if unquote(decoded, errors="strict") != decoded:
                return None
        except UnicodeDecodeError:
            return None
    if "\x00" in decoded or "\\" in decoded:
        return None
    parts = [p for p in decoded.split("/") if p not in ("", ".")]
    if any(p == ".." or p.startswith(".") for p in parts):
        return None
    base = root.resolve()
    candidate = base.joinpath(*parts) if parts else base
    try:
        resolved = candidate.resolve(strict=True)
    except (OSError, RuntimeError):
        return None
    if resolved != base and base not in resolved.parents:
        return None
    if resolved.is_dir():
        resolved = resolved / "index.html"
        if not resolved.is_file():
            return None
        real = resolved.resolve()
        if base not in real.parents:
            return None
        resolved = real
    return resolved if resolved.is_file() and os.access(resolved, os.R_OK) else None


MEDIA = {".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
         ".js": "text/javascript; charset=utf-8", ".json": "application/json",
         ".xml": "application/xml", ".txt": "text/plain; charset=utf-8", ".pdf": "application/pdf",
         ".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".woff2": "font/woff2",
         ".wasm": "application/wasm", ".pf_meta": "application/octet-stream",
         ".pf_index": "application/octet-stream", ".pf_fragment": "application/octet-stream",
         ".pagefind": "application/octet-stream", ".ico": "image/x-icon"}


def media_type(path: Path) -> str:
    return MEDIA.get(path.suffix.lower(), "application/octet-stream")
