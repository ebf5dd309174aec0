"""A user's own TEI names its edition: the print's title page and PDF metadata, and the web's "how
to cite", come from the file's teiHeader (titleStmt title, author, editor; publicationStmt), not
from a placeholder ("Documents", "The editors", "A digital edition"); what edition.toml says wins."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from lxml import etree, html

from editio.pdf import render_tex
from editio.web import build_web

from foreign_text import FILES

NS = {"t": "http://www.tei-c.org/ns/1.0"}


def _words(el) -> str:
    return " ".join("".join(el.itertext()).split())


def _edition(tmp: Path, source: Path, toml: str = "") -> Path:
    tei = tmp / "tei"
    tei.mkdir(parents=True)
    shutil.copy(source, tei / source.name)
    if toml:
        (tmp / "edition.toml").write_text(toml, encoding="utf-8")
    return tei


def _hypersetup(tex: str) -> tuple[str, str]:
    found = re.search(r"\\hypersetup\{pdftitle=\{(.*)\},\n  pdfauthor=\{(.*)\},pdfcreator", tex)
    return found.group(1), found.group(2)


def _title_page(tex: str) -> str:
    return tex[tex.index(r"\begin{titlepage}"):tex.index(r"\end{titlepage}")]


def _citation(site: Path, stem: str) -> str:
    page = html.parse(str(site / "documents" / f"{stem}.html"))
    return " ".join(page.xpath("string(//p[@id='citation'])").split())


def test_a_letter_built_on_its_own_is_named_by_its_header_in_print_and_on_the_web(tmp_path):
    source = FILES["schnitzler"]
    header = etree.parse(str(source)).find(".//t:teiHeader/t:fileDesc", NS)
    title = _words(header.find("t:titleStmt/t:title[@level='a']", NS))
    editors = ["Müller, Martin Anton", "Susen, Gerd-Hermann"]          # one <editor> holding two names
    tei = _edition(tmp_path, source)
    tex = render_tex(tei)
    pdf_title, pdf_author = _hypersetup(tex)
    assert pdf_title == title and pdf_title != "Documents"
    assert pdf_author == "; ".join(["Adam, Robert"] + editors)          # the letter's author, then its editors
    page = _title_page(tex)
    assert r"{\Huge " + title + r"\par}" in page
    assert r"{\Large Adam, Robert\par}" in page
    assert "Edited by" in page and all(f"{e}\\par" in page for e in editors)
    publisher = _words(header.find("t:publicationStmt/t:publisher", NS))
    assert publisher in page and "Sie dürfen" in page                   # the publicationStmt, its licence
    site = build_web(tei, tmp_path / "web")
    cited = _citation(site, source.stem)
    assert cited.startswith(f"{'; '.join(editors)} (eds.), “{title}”, 15 April 1913, document {source.stem},")
    assert "The editors" not in cited and "A digital edition" not in cited


def test_what_edition_toml_says_wins_over_the_documents_header(tmp_path):
    source = FILES["schnitzler"]
    tei = _edition(tmp_path, source, '[edition]\ntitle = "Letters to Schnitzler"\neditors = ["Jane Roe", "John Doe"]\n'
                                     'publisher = "Roe & Doe Press"\n')
    tex = render_tex(tei)
    assert _hypersetup(tex) == ("Letters to Schnitzler", "Jane Roe; John Doe")
    page = _title_page(tex)
    assert r"{\Huge Letters to Schnitzler\par}" in page and "Jane Roe\\par\nJohn Doe\\par" in page
    assert "Müller" not in page and "Adam, Robert" not in page        # the edition is theirs, not the letter's
    assert r"Roe \& Doe Press" in page and "Austrian Centre" not in page
    site = build_web(tei, tmp_path / "web")
    assert _citation(site, source.stem).startswith("Jane Roe, John Doe (eds.), “Robert Adam an Arthur Schnitzler")
    assert ", in Letters to Schnitzler, document L02119," in _citation(site, source.stem)


def test_a_headers_names_are_escaped_on_the_title_page_and_in_the_pdf_metadata(tmp_path):
    tei = tmp_path / "tei"
    tei.mkdir()
    (tei / "doc.xml").write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="d"><teiHeader><fileDesc><titleStmt>'
        r'<title>50% of {all} \input{x} $y_1$ &amp; #2</title><author>A~B</author><editor>C}D &lt;b&gt;</editor></titleStmt>'
        '<publicationStmt><publisher>P^Q</publisher></publicationStmt><sourceDesc><p>s</p></sourceDesc>'
        '</fileDesc></teiHeader><text><body><p>text</p></body></text></TEI>', encoding="utf-8")
    tex = render_tex(tei)
    title, author = _hypersetup(tex)
    assert title == r"50\% of \{all\} \textbackslash{}input\{x\} \$y\_1\$ \& \#2"
    assert author == r"A\textasciitilde{}B; C\}D <b>"
    page = _title_page(tex)
    assert title in page and r"P\textasciicircum{}Q" in page and "\\input{x}" not in tex
    # and the page's citation, as text: the editor's "<b>" is no element
    site = build_web(tei, tmp_path / "web")
    raw = (site / "documents" / "doc.html").read_text(encoding="utf-8")
    assert "C}D &lt;b&gt; (eds.), “50% of {all} \\input{x} $y_1$ &amp; #2”" in raw
    assert _citation(site, "doc").startswith("C}D <b> (eds.), “50% of {all}")


def test_an_edition_with_front_matter_keeps_its_title_page(tmp_path):
    """The front matter's titleStmt names the edition (the flagship's editorial/introduction.xml)."""
    root = tmp_path
    tei = _edition(root, FILES["schnitzler"], '[edition]\nintroduction = "front.xml"\n')
    (root / "front.xml").write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title type="main">Front Title</title>'
        '<editor>Front Editor</editor></titleStmt><publicationStmt><publisher>Front Press</publisher></publicationStmt>'
        '<sourceDesc><p>s</p></sourceDesc></fileDesc></teiHeader><text><front><div><head>Intro</head><p>i</p></div>'
        '</front><body><p/></body></text></TEI>', encoding="utf-8")
    tex = render_tex(tei)
    assert _hypersetup(tex) == ("Front Title", "Front Editor")
    page = _title_page(tex)
    assert "Front Press" in page and "Austrian Centre" not in page and "Adam, Robert" not in page
