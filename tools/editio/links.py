"""Symlink policy for the commands that read files as text (convert, collate, suspects).

A text command reads any file the user names, and follows a symlink as long as it stays inside
the project: the working directory, or the folder that holds the link.  A link that leads out
of both (a witness.txt -> /etc/passwd in a folder someone sent you) is refused with one line,
exit 2: its target is not printed, quoted or collated.  To read such a file, name it itself.
XML commands refuse the same file as malformed XML; this makes the text commands as careful.
"""

from __future__ import annotations

import os
from pathlib import Path

from .errors import InputError


def check_link(path: str | os.PathLike, project: Path | None = None) -> None:
    """Raise InputError if `path` is (or passes through) a symlink that leaves the project."""
    path = Path(path)
    if not _has_link(path):
        return
    target = path.resolve()
    roots = [(project or Path.cwd()).resolve(), path.absolute().parent.resolve()]
    if not any(target.is_relative_to(root) for root in roots):
        raise InputError("is a symlink to a file outside the project; not followed",
                         path=str(path), hint="name the file itself if you mean to read it")


def _has_link(path: Path) -> bool:
    """True when the path or one of the folders named in it is a symlink."""
    current = Path(path.anchor) if path.is_absolute() else Path()
    for part in path.parts[1:] if path.is_absolute() else path.parts:
        current = current / part
        if current.is_symlink():
            return True
    return False
