"""Offline search: a Pagefind index for served sites, and a small script index for file://."""

from __future__ import annotations

import hashlib
import json
import subprocess
from pathlib import Path

from ..errors import EditioError
from ..xmlio import atomic_write


def pagefind_executable() -> Path | None:
    try:
        from pagefind_bin import get_executable
    except ImportError:
        return None
    try:
        return get_executable()
    except FileNotFoundError:
        return None


BUCKET = 200                 # documents per Pagefind index, at most; a larger edition gets several,
BUCKET_BYTES = 2_000_000     # and TEI bytes (an edit re-indexes one bucket); search.js merges them


def buckets(ids: list[str], size: int = BUCKET, weights: list[int] | None = None,
            max_bytes: int = BUCKET_BYTES) -> list[list[str]]:
    """Documents in groups of about `size` (and about `max_bytes` of TEI, `weights` being each
    document's), by a hash of their id, so that a group keeps its members as documents come and go
    (until the number of groups changes: a power of two)."""
    total = sum(weights) if weights else 0
    if len(ids) <= size and total <= max_bytes:
        return [list(ids)]
    count = 1
    while count * size < len(ids) or count * max_bytes < total:
        count *= 2
    groups: list[list[str]] = [[] for _ in range(count)]
    for i in ids:
        groups[int(hashlib.sha1(i.encode()).hexdigest()[:8], 16) % count].append(i)
    return [g for g in groups if g] or [[]]


def bundle(number: int) -> str:
    """The folder of the number-th Pagefind index: pagefind/ (the one search.js loads), pagefind-1/, …"""
    return "pagefind" if number == 0 else f"pagefind-{number}"


def run_pagefind(site: Path, pages: list[str] | None = None, output: str = "pagefind") -> bool:
    """Index site/ (or only `pages` of it) into site/OUTPUT/. False when Pagefind is not installed."""
    exe = pagefind_executable()
    if exe is None:
        return False
    command = [str(exe), "--site", str(site), "--output-subdir", output, "--silent"]
    if pages is not None:
        command += ["--glob", "{" + ",".join(pages) + "}" if len(pages) > 1 else pages[0]]
    proc = subprocess.run(command, capture_output=True, text=True)
    if proc.returncode != 0:
        raise EditioError(f"pagefind failed: {(proc.stderr or proc.stdout).strip().splitlines()[-1:]}",
                          path=str(site))
    return True


def write_fallback_index(path: Path, records: list[dict], full_text: bool = True) -> None:
    """search-index.js: the same records as a script, for readers who open the site from file://.
    Without full_text (an edition with several Pagefind indexes), titles and summaries only, so that
    the file stays small; served sites search the full text with Pagefind."""
    if not full_text:
        records = [{**r, "text": r.get("summary", "")} for r in records]
    data = json.dumps(records, ensure_ascii=True, sort_keys=True, separators=(",", ":"))
    data = data.replace("<", "\\u003c").replace(">", "\\u003e")   # inert even if pasted into HTML
    atomic_write(path, f"window.EDITIO_SEARCH = {data};\n")
