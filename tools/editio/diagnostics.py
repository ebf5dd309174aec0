"""Structured warnings: what readers, transforms, the environment and builders report to the user.

A `Diagnostic` has the validator's shape (file, line, rule id, message, hint, severity).  Stages
append them to a `Reporter`; every command prints them (stderr, or inside its --format json
output) and exits 1 under --strict when there are any.  Diagnostics are plain data, so they cross
process boundaries (the executor's workers return them with their results).
"""

from __future__ import annotations

import sys
from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class Diagnostic:
    file: str
    line: int
    rule: str
    message: str
    hint: str = ""
    severity: str = "warning"      # warning | error | info
    column: int = 0

    def text(self) -> str:
        where = self.file + (f":{self.line}" if self.line else "") + (f":{self.column}" if self.line and self.column else "")
        out = f"{where}: {self.severity}: [{self.rule}] {self.message}"
        return out + (f" (hint: {self.hint})" if self.hint else "")

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass
class Reporter:
    """Collects diagnostics; `strict` turns any warning into a failing exit code."""

    strict: bool = False
    items: list[Diagnostic] = field(default_factory=list)
    _seen: set = field(default_factory=set)

    def add(self, diagnostic: Diagnostic) -> None:
        key = (diagnostic.file, diagnostic.line, diagnostic.rule, diagnostic.message)
        if key not in self._seen:
            self._seen.add(key)
            self.items.append(diagnostic)

    def warn(self, file: str, message: str, rule: str, line: int = 0, hint: str = "") -> None:
        self.add(Diagnostic(str(file), line or 0, rule, message, hint))

    def extend(self, diagnostics) -> None:
        for d in diagnostics:
            self.add(d if isinstance(d, Diagnostic) else Diagnostic(**d))

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self):
        return iter(self.items)

    @property
    def exit_code(self) -> int:
        if any(d.severity == "error" for d in self.items):
            return 1
        return 1 if self.strict and self.items else 0

    def print(self, stream=None) -> None:
        stream = stream or sys.stderr
        for d in self.items:
            print(d.text(), file=stream)

    def as_list(self) -> list[dict]:
        return [d.as_dict() for d in self.items]
