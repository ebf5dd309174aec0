"""Typeset a .tex file with XeLaTeX (+ makeindex) until cross-references settle, and report a
failure as the TEI document and element that caused it.

The .tex written by xslt/print/edition.xsl carries "%@doc FILE" before each document and
"%@src LINE ELEMENT" before each element of a text; a TeX error at .tex line N is mapped to the
last such markers above N.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Callable

from .errors import EditioError

MAX_RUNS = 5
RUN_TIMEOUT = 600  # seconds; a TeX run that hangs is stopped and reported
FALLBACK_EPOCH = 315532800  # 1980-01-01, when no date can be derived from the edition
INSTALL_HINT = "install texlive-xetex and texlive-humanities (make sysdeps-edition)"
_NOT_STATE = {".log", ".pdf", ".tex", ".ist", ".ilg", ".out"}
_ERROR_LINE = re.compile(r"^(\S+?\.[a-z]{2,4}):(\d+): (.*)$")
_BANG = re.compile(r"^! (.*)$")
_LINE_NO = re.compile(r"^l\.(\d+)")
_MISSING = re.compile(r"Missing character: There is no (.+?) in font (.+?)!")
_SRC = re.compile(r"(?<!\\)%@src (\d+) (\S+)\s*$")
_DOC = re.compile(r"^%@doc (.*)$")
_PART = re.compile(r"^%@part (.*)$")


class TexError(EditioError):
    """XeLaTeX failed; path/line point into the TEI file when the error could be traced."""


def _tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise EditioError(f"{name} is not installed", hint=INSTALL_HINT)
    return found


def _state(work: Path) -> dict[str, str]:
    """Digest of every file a run writes for the next run (aux, toc, idx/ind, reledmac's files)."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(work.iterdir()) if p.is_file() and p.suffix not in _NOT_STATE}


def typeset(tex: Path, *, index_style: Path, epoch: int,
            progress: Callable[[str], None] = lambda _: None) -> Path:
    """Typeset TEX into TEX.with_suffix('.pdf'); auxiliary files stay in a .tex-work/ folder beside it
    so that a rebuild of an unchanged edition settles in one run."""
    xelatex, makeindex = _tool("xelatex"), _tool("makeindex")
    work = tex.parent / ".tex-work"
    work.mkdir(parents=True, exist_ok=True)
    job = tex.stem
    shutil.copyfile(tex, work / tex.name)
    shutil.copyfile(index_style, work / "edition.ist")
    _link_font(work)
    env = dict(os.environ, SOURCE_DATE_EPOCH=str(epoch), FORCE_SOURCE_DATE="1",
               max_print_line="10000", error_line="254", half_error_line="238")
    previous = _state(work)
    for run in range(1, MAX_RUNS + 1):
        progress(f"xelatex run {run}")
        try:
            done = subprocess.run([xelatex, "-interaction=nonstopmode", "-halt-on-error",
                                   "-file-line-error", tex.name], cwd=work, env=env,
                                  stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL, timeout=RUN_TIMEOUT)
        except subprocess.TimeoutExpired:
            raise TexError(f"xelatex did not finish within {RUN_TIMEOUT} s", path=str(tex)) from None
        log = work / f"{job}.log"
        if done.returncode != 0 or not (work / f"{job}.pdf").is_file():
            error = explain_failure(tex, log)
            for stale in work.glob(f"{job}.*"):  # never start the next build from a broken state
                if stale.suffix not in {".log", ".tex"}:
                    stale.unlink()
            raise error
        for idx in sorted(work.glob("*.idx")):
            subprocess.run([makeindex, "-q", "-r", "-s", "edition.ist", idx.name], cwd=work, env=env,
                           stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, timeout=RUN_TIMEOUT, check=False)
        current = _state(work)
        if current == previous:
            break
        previous = current
    else:
        progress(f"cross-references still changing after {MAX_RUNS} runs; stopping")
    for char, font in sorted(set(_MISSING.findall(log.read_text(encoding="utf-8", errors="replace")))):
        progress(f"warning: no glyph for {char} in font {font}")
    pdf = tex.with_suffix(".pdf")
    os.replace(work / f"{job}.pdf", pdf)
    return pdf


def _link_font(work: Path) -> None:
    """hyperref's XeTeX driver loads the metric pzdr (ZapfDingbats, texlive-fonts-recommended) for a
    zero-size space in link boxes; where it is not installed, any text metric serves, so one is put
    beside the .tex."""
    kpsewhich = shutil.which("kpsewhich")
    if not kpsewhich or (work / "pzdr.tfm").exists():
        return

    def find(name):
        done = subprocess.run([kpsewhich, name], capture_output=True, text=True, timeout=60,
                              stdin=subprocess.DEVNULL)
        return done.stdout.strip()
    if find("pzdr.tfm"):
        return
    for stand_in in ("cmr10.tfm", "ecrm1000.tfm"):
        found = find(stand_in)
        if found:
            shutil.copyfile(found, work / "pzdr.tfm")
            return


def explain_failure(tex: Path, log: Path) -> TexError:
    """The TeX error in LOG as a TexError naming the TEI document and element behind it."""
    text = log.read_text(encoding="utf-8", errors="replace") if log.is_file() else ""
    lines = text.splitlines()
    message, tex_line = "xelatex failed", None
    for i, line in enumerate(lines):
        found = _ERROR_LINE.match(line)
        if found:
            message = found.group(3).strip()
            if Path(found.group(1)).name == tex.name:
                tex_line = int(found.group(2))
            else:
                message += f" ({found.group(1)}:{found.group(2)})"
            break
        found = _BANG.match(line)
        if found:
            message = found.group(1).strip()
            for follow in lines[i + 1:i + 30]:
                number = _LINE_NO.match(follow)
                if number:
                    tex_line = int(number.group(1))
                    break
            break
    return locate(tex, tex_line, message, log)


def locate(tex: Path, tex_line: int | None, message: str, log: Path) -> TexError:
    where = f"{tex}:{tex_line}" if tex_line else str(tex)
    if not tex_line:
        return TexError(f"TeX failed: {message} (see {log})", path=where)
    source = tex.read_text(encoding="utf-8").splitlines()[:tex_line]
    element = part = None
    for line in reversed(source):
        if element is None and (found := _SRC.search(line)):
            element = (int(found.group(1)), found.group(2))
        elif found := _DOC.match(line):
            line_no, name = element if element else (None, None)
            what = f" in <{name}>" if name else ""
            return TexError(f"TeX failed{what}: {message} (generated {where}; log {log})",
                            path=found.group(1), line=line_no)
        elif found := _PART.match(line):
            part = found.group(1)
            break
    context = part or "the LaTeX preamble"
    return TexError(f"TeX failed in {context}: {message} (see {log})", path=where)
