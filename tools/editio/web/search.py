"""Offline search: a Pagefind index for served sites, and a small script index for file://."""

from __future__ import annotations

import json
import subprocess
import sys
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


def run_pagefind(site: Path) -> bool:
    """Index site/ into site/pagefind/. False (and a warning) when Pagefind is not installed."""
    exe = pagefind_executable()
    if exe is None:
        print("warning: pagefind is not installed (pip install 'editio[web]'); "
              "search falls back to the built-in index", file=sys.stderr)
        return False
    proc = subprocess.run([str(exe), "--site", str(site), "--silent"], capture_output=True, text=True)
    if proc.returncode != 0:
        raise EditioError(f"pagefind failed: {(proc.stderr or proc.stdout).strip().splitlines()[-1:]}",
                          path=str(site))
    return True


def write_fallback_index(path: Path, records: list[dict]) -> None:
    """search-index.js: the same records as a script, for readers who open the site from file://."""
    data = json.dumps(records, ensure_ascii=True, sort_keys=True, separators=(",", ":"))
    data = data.replace("<", "\\u003c").replace(">", "\\u003e")   # inert even if pasted into HTML
    atomic_write(path, f"window.EDITIO_SEARCH = {data};\n")
