"""`--engine jing`: the grammar is checked by jing (one JVM for all files), Schematron by libxslt."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from ..errors import InputError
from .issues import HINTS, FileResult, Issue

_LINE = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|fatal|warning): (?P<msg>.*)$")


def jing_path() -> str | None:
    return shutil.which("jing")


def classify(message: str) -> str:
    if message.startswith("element ") and "not allowed" in message:
        return "rng-element"
    if message.startswith("value of attribute"):
        return "rng-attribute"
    if "bad character content" in message \
            or message.startswith("character content"):
        return "rng-value"
    if "attribute" in message:
        return "rng-attribute"
    if "incomplete" in message or "missing" in message:
        return "rng-content"
    if message.startswith("text not allowed"):
        return "rng-element"
    return "rng"


# A DOCTYPE with an external subset, or a parameter or external entity: jing (Java's parser) would
# open the file it names, which may be anywhere, or a FIFO that never answers.
_EXTERNAL = re.compile(rb"<!DOCTYPE[^>\[]*\b(?:SYSTEM|PUBLIC)\b|<!ENTITY\s+(?:%|[^>]*\b(?:SYSTEM|PUBLIC)\b)")


def refuse_external(result: FileResult) -> bool:
    """True (and an issue on the result) when the file names an external DTD or entity."""
    try:
        with open(result.file, "rb") as handle:
            head = handle.read(65536)
    except OSError:
        return False
    match = _EXTERNAL.search(head)
    if not match:
        return False
    result.could_not_run = True
    result.issues.append(Issue(result.file, head.count(b"\n", 0, match.start()) + 1, 1, "xml-external-dtd",
                               "the DOCTYPE names an external DTD or entity, which jing would open",
                               "validate this file with --engine libxml2, which never opens one"))
    return True


def start_jing(schema: Path, files: list[str]) -> subprocess.Popen:
    exe = jing_path()
    if exe is None:
        raise InputError("--engine jing needs jing on PATH (Debian package jing)")
    return subprocess.Popen([exe, str(schema), *files], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


def parse_output(text: str) -> list[tuple[str, int, int, str]]:
    out = []
    for raw in text.splitlines():
        m = _LINE.match(raw)
        if m:
            out.append((m["file"], int(m["line"]), int(m["col"]), m["msg"]))
    return out


def finish_jing(proc: subprocess.Popen, results: list[FileResult]) -> None:
    stdout, stderr = proc.communicate()
    by_file = {r.file: r for r in results}
    for file, line, col, msg in parse_output(stdout):
        result = by_file.get(file)
        if result is None:
            if file.endswith(".rng"):
                raise InputError(f"jing cannot use the schema: {msg}", path=file, line=line)
            continue
        if result.could_not_run:
            continue  # already reported as malformed
        rule = classify(msg)
        result.issues.append(Issue(file, line, col, rule, msg, HINTS.get(rule, "")))
