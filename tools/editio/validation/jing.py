"""`--engine jing`: the grammar is checked by jing (one JVM for all files), Schematron by libxslt."""

from __future__ import annotations

import os
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
    """True (and an issue on the result) when the file, or a file it includes, names an external
    DTD or entity."""
    for file in (result.file, *result.sources):
        try:
            with open(file, "rb") as handle:
                head = handle.read(65536)
        except OSError:
            continue
        match = _EXTERNAL.search(head)
        if not match:
            continue
        result.could_not_run = True
        result.issues.append(Issue(file, head.count(b"\n", 0, match.start()) + 1, 1, "xml-external-dtd",
                                   "the DOCTYPE names an external DTD or entity, which jing would open"
                                   + ("" if file == result.file else f" (included by {result.file})"),
                                   "validate this file with --engine libxml2, which never opens one"))
        return True
    return False


def refuse_unfollowed(result: FileResult) -> bool:
    """True (and an issue on the result) when the file holds an xi:include that editio did not
    resolve (refused, missing, or --no-xinclude): jing resolves every include itself, wherever it
    leads (a URL, a file outside the folder, a pipe that never answers)."""
    if not result.unfollowed:
        return False
    followed = any(i.rule == "xinclude" for i in result.issues)  # else --no-xinclude
    result.issues.append(Issue(result.file, 1, 1, "xinclude",
                               "not checked by jing: it would follow the xi:include that editio "
                               + ("does not" if followed else "leaves as written (--no-xinclude)"),
                               "fix the include (see above), or validate this file with --engine libxml2"
                               if followed else "validate this file with --engine libxml2"))
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
    # jing names every file by its absolute path ("/here/./a.xml" for ./a.xml), an included one too
    key = lambda name: os.path.normpath(os.path.abspath(name))  # noqa: E731
    by_file = {key(r.file): r for r in results}
    order = {key(r.file): k for k, r in enumerate(results)}
    current = 0  # jing checks the files in turn: a message about an included file is the current one's
    for file, line, col, msg in parse_output(stdout):
        result = by_file.get(key(file))
        shown = file
        if result is not None:
            current = max(current, order[key(file)])
            shown = result.file
        else:
            shown = None
            for k in range(current, len(results)):  # the first that includes it and has no such message yet
                shown = next((s for s in results[k].sources if key(s) == key(file)), None)
                if shown is not None and not any((i.file, i.line, i.column, i.message) == (shown, line, col, msg)
                                                 for i in results[k].issues):
                    result, current = results[k], k
                    break
            if result is None:
                if file.endswith(".rng"):
                    raise InputError(f"jing cannot use the schema: {msg}", path=file, line=line)
                continue
        if result.could_not_run:
            continue  # already reported as malformed
        rule = classify(msg)
        result.issues.append(Issue(shown, line, col, rule, msg, HINTS.get(rule, "")))
