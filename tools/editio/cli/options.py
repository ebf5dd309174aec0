"""Options that mean the same in every command (one definition each)."""

from __future__ import annotations

from pathlib import Path

import typer

from ..errors import InputError

EDITION = typer.Option(None, "--edition", "-e",
                       help="The edition: its edition.toml or its folder (default: the current folder).")
JOBS = typer.Option(0, "--jobs", "-j", help="Worker processes for per-document work (0 = one per CPU).")
EXECUTOR = typer.Option("local", "--executor",
                        help="Where per-document work runs: local, dask-local, or dask://HOST:PORT.")
STRICT = typer.Option(False, "--strict", help="Exit 1 when there is any warning.")
QUIET = typer.Option(False, "--quiet", "-q", help="No progress output.")
FORMAT = typer.Option("text", "--format", "-f", help="text | json")


def check_format(value: str, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        raise InputError(f"unknown --format {value!r}; choose one of {', '.join(allowed)}")


__all__ = ["EDITION", "JOBS", "EXECUTOR", "STRICT", "QUIET", "FORMAT", "check_format", "Path"]
