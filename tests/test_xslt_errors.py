"""A stylesheet that stops on a document names the user's TEI file, not the build's copy of it.

The build reads a teiCorpus member, or a document with XIncludes, from a resolved copy under
build/.environment/resolved/; an `xsl:message terminate="yes"` or a libxslt runtime error on it
named that copy ("out/.environment/resolved/letter-b.xml: error: XSLT mine.xsl failed: ..."), and
the print build, which transforms all documents at once, named no file at all.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
WEB_TEI = ROOT / "tests" / "fixtures" / "web" / "tei"
TEI_NS = "http://www.tei-c.org/ns/1.0"


def editio(*args, cwd=None, timeout=300):
    env = dict(os.environ, PYTHONPATH=str(ROOT / "tools"))
    return subprocess.run([sys.executable, "-c", "from editio.cli import main; main()", *map(str, args)],
                          capture_output=True, text=True, timeout=timeout, cwd=cwd, env=env)


def one_line_error(proc) -> str:
    assert proc.returncode == 2, (proc.returncode, proc.stderr[-2000:])
    assert "Traceback" not in proc.stderr + proc.stdout
    [line] = proc.stderr.strip().splitlines()
    assert ".environment" not in line, line          # never the build's copy
    return line


def with_marker(text: str, marker: str) -> str:
    """The document with <hi rend="MARKER"> in its first paragraph."""
    return text.replace("<p>", f'<p><hi rend="{marker}">marked</hi> ', 1)


@pytest.fixture(scope="module")
def edition(tmp_path_factory):
    """tei/ with a plain document (marker "plain"), a teiCorpus whose second member holds "member",
    and a document whose XInclude brings in "included"; (folder, line where the member starts)."""
    folder = tmp_path_factory.mktemp("xslt-errors")
    tei = folder / "tei"
    shutil.copytree(WEB_TEI, tei)
    one = tei / "1944-06-10-harriman-stalin.xml"
    one.write_text(with_marker(one.read_text(encoding="utf-8"), "plain"), encoding="utf-8")
    other = tei / "1945-07-02-stalin-soong.xml"
    member = other.read_text(encoding="utf-8").split("?>", 1)[1].strip()
    other.unlink()
    first = member.replace("d1945-07-02-stalin-soong", "letter-a").replace('xml:id="editio"', 'xml:id="editio-a"')
    second = with_marker(member.replace("d1945-07-02-stalin-soong", "letter-b")
                         .replace('xml:id="editio"', 'xml:id="editio-b"'), "member")
    corpus = (f'<?xml version="1.0" encoding="UTF-8"?>\n<teiCorpus xmlns="{TEI_NS}">\n'
              '<teiHeader><fileDesc><titleStmt><title>Letters</title></titleStmt><publicationStmt><p>x</p>'
              '</publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc></teiHeader>\n'
              f'{first}\n{second}\n</teiCorpus>\n')
    (tei / "letters.xml").write_text(corpus, encoding="utf-8")
    starts = next(n for n, row in enumerate(corpus.splitlines(), 1) if 'xml:id="letter-b"' in row)
    (tei / "parts").mkdir()
    (tei / "parts" / "paragraph.xml").write_text(
        f'<p xmlns="{TEI_NS}"><hi rend="included">brought in</hi> by an include.</p>\n', encoding="utf-8")
    including = member.replace("d1945-07-02-stalin-soong", "d-with-include").replace(
        "<p>", '<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="parts/paragraph.xml"/><p>', 1)
    (tei / "with-include.xml").write_text('<?xml version="1.0" encoding="UTF-8"?>\n' + including, encoding="utf-8")
    return folder, starts


def stylesheet(folder: Path, output: str, marker: str, runtime: bool = False) -> Path:
    """A user's stylesheet (--xslt) that stops on <hi rend="MARKER">: xsl:message terminate, or a
    libxslt runtime error (an XPath with a prefix nobody declared)."""
    body = ('<xsl:value-of select="nowhere:thing()"/>' if runtime else
            '<xsl:message terminate="yes">marker found</xsl:message>')
    sheet = folder / f"{output}-{marker}{'-runtime' if runtime else ''}.xsl"
    sheet.write_text(
        '<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" '
        f'xmlns:tei="{TEI_NS}">\n'
        f'<xsl:import href="editio:{"web/document" if output == "web" else "print/edition"}.xsl"/>\n'
        f'<xsl:template match="tei:hi[@rend=\'{marker}\']">{body}</xsl:template>\n'
        '</xsl:stylesheet>\n', encoding="utf-8")
    return sheet


@pytest.mark.parametrize("output", ["web", "print"])
def test_a_stop_in_a_corpus_member_names_the_corpus_file_and_the_members_line(edition, output):
    folder, starts = edition
    sheet = stylesheet(folder, output, "member")
    line = one_line_error(editio("build", "tei", f"--{output}", "--out", f"out-{output}", "--xslt", sheet,
                                 "-q", "-j", "1", cwd=folder))
    assert line.startswith(f"tei/letters.xml:{starts}: error: XSLT {sheet.name} failed: marker found"), line
    assert f"in document letter-b, which starts at line {starts}" in line


@pytest.mark.parametrize("output", ["web", "print"])
def test_a_stop_in_included_text_names_the_including_file(edition, output):
    folder, _ = edition
    sheet = stylesheet(folder, output, "included")
    line = one_line_error(editio("build", "tei", f"--{output}", "--out", f"out-{output}", "--xslt", sheet,
                                 "-q", "-j", "2", cwd=folder))
    assert line.startswith(f"tei/with-include.xml: error: XSLT {sheet.name} failed: marker found"), line


@pytest.mark.parametrize("output", ["web", "print"])
def test_a_runtime_error_names_the_document_and_the_stylesheets_line(edition, output):
    folder, _ = edition
    sheet = stylesheet(folder, output, "plain", runtime=True)
    line = one_line_error(editio("build", "tei", f"--{output}", "--out", f"out-{output}", "--xslt", sheet,
                                 "-q", "-j", "1", cwd=folder))
    assert line.startswith(f"tei/1944-06-10-harriman-stalin.xml: error: XSLT {sheet.name} failed:"), line
    assert re.search(rf"\(at {re.escape(sheet.name)}:3, xsl:value-of\)", line), line
