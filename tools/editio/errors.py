"""Errors that a user can act on: each names the file and, where known, the position."""

from __future__ import annotations


class EditioError(Exception):
    """An error caused by input, reported as one line and an exit code; never a traceback."""

    exit_code = 2

    def __init__(self, message: str, path: str | None = None, line: int | None = None,
                 column: int | None = None, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.column = column
        self.hint = hint

    @property
    def location(self) -> str:
        parts = [str(self.path)] if self.path else []
        if self.path and self.line:
            parts.append(str(self.line))
            if self.column:
                parts.append(str(self.column))
        return ":".join(parts)

    def __str__(self) -> str:
        text = f"{self.location}: error: {self.message}" if self.location else f"error: {self.message}"
        if self.hint:
            text += f" (hint: {self.hint})"
        return text


class InputError(EditioError):
    """The input cannot be read: empty, binary, wrong encoding, malformed, unrecognised."""


class HandEditedError(EditioError):
    """The converter would overwrite a TEI file that someone has edited by hand."""


class OutputError(EditioError):
    """An output cannot be written: read-only folder, disk full, another build holds the lock."""

    @classmethod
    def from_os(cls, exc: OSError, path=None) -> "OutputError":
        where = path if path is not None else exc.filename
        return cls(f"cannot write: {exc.strerror or exc}", path=str(where) if where else None,
                   hint="check that the folder exists, is writable and the disk is not full")
