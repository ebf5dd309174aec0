"""Print edition, without TeX: the LaTeX the stylesheets write, and how errors are traced back."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from lxml import etree
from typer.testing import CliRunner

from editio import texrun
from editio.cli import app
from editio.errors import EditioError
from editio.pdf import render_tex

FIXTURES = Path(__file__).parent / "fixtures" / "print"
TEI = FIXTURES / "tei"
SPECIAL = FIXTURES / "special" / "tei"
NS = {"t": "http://www.tei-c.org/ns/1.0"}


@pytest.fixture(scope="module")
def tex() -> str:
    return render_tex(TEI)


@pytest.fixture(scope="module")
def special_tex() -> str:
    return render_tex(SPECIAL)


def document_part(tex: str) -> str:
    return tex[tex.index("%@doc "):tex.index("%@part indexes")]


def test_hostile_text_is_escaped_not_executed(special_tex):
    body = document_part(special_tex)
    # commands in the document text arrive as printable characters
    assert r"\textbackslash{}input\{/etc/passwd\}" in body
    assert r"\textbackslash{}end\{document\}" in body
    assert special_tex.count(r"\end{document}") == 1
    assert r"\$x\textasciicircum{}2\$" in body
    assert r"100\%" in body and r"a\_b" in body and r"hash \#" in body
    assert r"tilde \textasciitilde{}" in body and r"{[}opt{]}" in body
    # no raw special character survives outside the markup the stylesheet wrote
    text_lines = [l for l in body.splitlines() if "Braces" in l or "Ampersand" in l]
    assert text_lines
    for line in text_lines:
        stripped = re.sub(r"\\(textbackslash|textasciicircum|textasciitilde)\{\}|\\[{}$&#%_]|\{[\[\]]\}", "", line)
        assert not re.search(r"[\\{}$&#^_%~\[\]]", stripped.split("%@src")[0]), line
    assert "\x7f" not in special_tex


def test_values_from_header_and_attributes_are_escaped(special_tex):
    assert r"Box \#12 \& 13" in special_tex
    assert r"\edsiglum{A\&1}" in special_tex and r"\edsiglum{B\_2}" in special_tex
    assert r"\edpb{p.\,2\_\$\%\&\#}" in special_tex
    assert r"\ednotemark{\#\%}" in special_tex
    # the index entry quotes makeindex's own specials
    entry = re.search(r"\\edindex\[persons\]\{([^\n]*)\}", special_tex).group(1)
    assert '"!' in entry and '"@' in entry and '"|' in entry and '""' in entry
    assert "@" in entry.split('"@')[0]  # the key/display separator is the first, unquoted @


def test_a_blank_line_in_a_text_node_does_not_end_the_paragraph(special_tex):
    start = special_tex.index("A paragraph after")
    end = special_tex.index(r"\pend", start)
    assert "\n\n" not in special_tex[start:end]


def test_source_markers_point_at_the_tei_elements(tex):
    current, checked = None, 0
    lines = {}
    for line in tex.splitlines():
        if line.startswith("%@doc "):
            current = Path(line[6:])
            lines[current] = current.read_text(encoding="utf-8").splitlines()
        elif (found := re.search(r"(?<!\\)%@src (\d+) (\S+)\s*$", line)) and current:
            number, name = int(found.group(1)), found.group(2)
            assert f"<{name}" in lines[current][number - 1], (current, number, name)
            checked += 1
    assert checked > 50


def test_a_tex_error_is_traced_to_the_document_and_element(tex, tmp_path):
    lines = tex.splitlines()
    target = next(i for i, l in enumerate(lines, 1) if l.startswith(r"\edindex[persons]{antonov"))
    tex_path = tmp_path / "edition.tex"
    tex_path.write_text(tex, encoding="utf-8")
    error = texrun.locate(tex_path, target, "Undefined control sequence.", tmp_path / "edition.log")
    tei_file = TEI / "1944-10-17-stalin-harriman.xml"
    tree = etree.parse(str(tei_file))
    antonov = tree.find(".//t:text//t:persName[@ref='register/register.xml#antonov']", NS)
    assert Path(error.path).resolve() == tei_file.resolve()
    assert error.line == antonov.sourceline
    assert "<persName>" in str(error) and "Undefined control sequence" in str(error)


def test_an_error_in_the_preamble_says_so(tex, tmp_path):
    tex_path = tmp_path / "edition.tex"
    tex_path.write_text(tex, encoding="utf-8")
    error = texrun.locate(tex_path, 5, "Font not found", tmp_path / "edition.log")
    assert "preamble" in str(error) and str(tex_path) in str(error)


def test_related_reports_point_at_each_other(tex):
    memo, record = "doc-d1945-07-02-stalin-soong-memorandum", "doc-d1945-07-02-stalin-soong-record"
    first = tex.index(r"\label{" + memo + "}")
    second = tex.index(r"\label{" + record + "}")
    assert r"\pageref{" + record + "}" in tex[first:second]
    assert r"\pageref{" + memo + "}" in tex[second:]


def test_apparatus_series(tex):
    assert r"\edtext{airfields}{\Afootnote{\edsiglum{A}; aerodromes \edsiglum{B}}}" in tex
    assert r"\edtext{had}{\Bfootnote{\edcorr{} bad \edresp{ed.}}}" in tex
    assert r"\edtext{replied}{\Bfootnote{\edconj{} rallied \edresp{ed.}}}" in tex
    assert r"\Cfootnote{Mr Eden's memorandum.}" in tex
    assert r"\edtext{\ednotemark{*}}" in tex


def test_tex_is_deterministic(tex):
    assert render_tex(TEI) == tex


def test_malformed_document_is_reported_with_position(tmp_path):
    (tmp_path / "bad.xml").write_text("<TEI xmlns='http://www.tei-c.org/ns/1.0'>\n<text>\n</TEI>\n")
    with pytest.raises(EditioError) as caught:
        render_tex(tmp_path)
    assert caught.value.path.endswith("bad.xml") and caught.value.line


def test_cli_reports_bad_input_in_one_line(tmp_path):
    (tmp_path / "bad.xml").write_text("not xml at all")
    result = CliRunner().invoke(app, ["build", str(tmp_path), "--print", "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "bad.xml" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "out" / "print" / "edition.pdf").exists()


def test_empty_folder_is_an_error(tmp_path):
    with pytest.raises(EditioError, match="no TEI documents"):
        render_tex(tmp_path)


def test_a_gap_between_paragraphs_is_inside_a_numbered_paragraph(tmp_path):
    """Review: a <gap/> directly in a <div> (TEI allows it: lines lost between paragraphs) wrote its
    \\edtext outside \\pstart...\\pend, and XeLaTeX stopped ('\\edtext outside numbered paragraph')."""
    web = Path(__file__).parent / "fixtures" / "web" / "tei"
    (tmp_path / "tei").mkdir()
    shutil.copytree(web / "register", tmp_path / "tei" / "register")
    source = (web / "1945-07-02-stalin-soong.xml").read_text(encoding="utf-8")
    at = source.index("</p>") + 4
    (tmp_path / "tei" / "1945-07-02-stalin-soong.xml").write_text(
        source[:at] + '<gap reason="illegible" quantity="2" unit="lines"/>' + source[at:], encoding="utf-8")
    tex = document_part(render_tex(tmp_path / "tei"))
    assert r"\edgap" in tex
    inside = False
    for token in re.findall(r"\\pstart\b|\\pend\b|\\edtext\b|\\edgap\b", tex):
        if token == r"\pstart":
            assert not inside
            inside = True
        elif token == r"\pend":
            inside = False
        else:
            assert inside, token


# Review: blocks inside a paragraph's words, and paragraphs inside furniture or around a letter's
# postscript label.  Each put words outside \pstart...\pend or a \pstart inside another; XeLaTeX
# stopped on the first two ("Paragraph ended before \text@command was complete"; "\pstart
# encountered while another \pstart was in effect").
BLOCKS_INSIDE = {
    "hi-around-a-list": '<body><p>alpha <hi rend="italic">beta <list><item>gamma</item></list> delta</hi> epsilon</p></body>',
    "docket-of-paragraphs": '<body><note type="docket"><p>docketword</p><p>second</p></note><p>text</p></body>',
    "block-note-of-a-paragraph": '<body><div><note><p>blocknote</p></note><p>text</p></div></body>',
    "quote-around-verse": '<body><p>He said <quote>Listen: <lg><l>line one</l><l>line two</l></lg> end</quote> and left.</p></body>',
    "cit-with-bibl": '<body><p>before <cit><quote><p>quoted</p></quote><bibl>Smith 1900</bibl></cit> after</p></body>',
    "figure-head": '<body><p>before <figure><head>Caption</head><p>figtext</p></figure> after</p></body>',
    "table-cells": '<body><p>before <table><row><cell>bare</cell><cell><p>celltext</p></cell></row></table> after</p></body>',
    "postscript-label": '<body><div><p>text</p><postscript><pb n="4"/><label>P.S.</label><p>more</p></postscript></div></body>',
    "opener-address": '<body><div><opener><address><addrLine>Street</addrLine><addrLine>Town</addrLine></address>'
                      '<salute>Dear Sir,</salute></opener><p>text</p></div></body>',
    "docket-of-paragraphs-in-words": '<body><p>before <note type="docket"><p>dk1</p><p>dk2</p></note> after</p></body>',
    "attachment-docket": '<body><div><frus:attachment xmlns:frus="http://history.state.gov/frus/ns/1.0"><head>Att</head>'
                         '<p>attp</p><note type="docket"><p>dk</p></note></frus:attachment></div></body>',
}


@pytest.mark.parametrize("name", sorted(BLOCKS_INSIDE))
def test_blocks_inside_words_keep_every_word_in_one_numbered_paragraph(tmp_path, name):
    from texcheck import outside_paragraphs
    body = BLOCKS_INSIDE[name]
    (tmp_path / "tei").mkdir()
    (tmp_path / "tei" / "1944-01-01-case.xml").write_text(
        f'<TEI xmlns="{NS["t"]}" xml:id="case"><teiHeader><fileDesc><titleStmt><title>Case</title></titleStmt>'
        '<publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc></teiHeader>'
        f'<text>{body}</text></TEI>', encoding="utf-8")
    tex = render_tex(tmp_path / "tei")
    assert outside_paragraphs(tex) == []
    words = re.sub(r"<[^>]+>", " ", body).split()
    text = document_part(tex)
    assert [w for w in words if w not in text] == []  # no word lost


def test_a_witness_is_described_as_the_web_page_describes_it(tmp_path):
    """Review: the print's witness description put a space after every part of the witness
    ("Codex Vaticanus , f. 3"); editio.records (the web page) reads it as it stands."""
    from editio.records import _witness_description
    (tmp_path / "tei").mkdir()
    (tmp_path / "tei" / "1944-01-01-case.xml").write_text(
        f'<TEI xmlns="{NS["t"]}" xml:id="case"><teiHeader><fileDesc><titleStmt><title>Case</title></titleStmt>'
        '<publicationStmt><p>x</p></publicationStmt><sourceDesc><listWit>'
        '<witness xml:id="case-wA"><abbr type="siglum">A</abbr>Codex <hi>Vaticanus</hi>, f. 3</witness>'
        '<witness xml:id="case-wB" n="B">Codex<name>Urbinas</name></witness>'
        '</listWit></sourceDesc></fileDesc></teiHeader><text><body><p>t</p></body></text></TEI>', encoding="utf-8")
    tex = render_tex(tmp_path / "tei")
    witnesses = etree.parse(str(tmp_path / "tei" / "1944-01-01-case.xml")).iterfind(".//t:witness", NS)
    descriptions = [_witness_description(w) for w in witnesses]
    assert descriptions == ["Codex Vaticanus, f. 3", "CodexUrbinas"]
    for siglum, description in zip("AB", descriptions):
        assert f"\\edsourceitem{{Witness \\textit{{{siglum}}}}}{{{description}}}" in tex


def test_each_document_styles_its_hi_by_its_own_tagsdecl(tmp_path):
    """Review: the print's corpus styled every document's <hi rendition="#r"> by the first
    document's tagsDecl (the first of the whole corpus): the second document's italic came out bold."""
    (tmp_path / "tei").mkdir()
    for i, css in ((1, "font-weight: bold"), (2, "font-style: italic")):
        (tmp_path / "tei" / f"1944-01-0{i}-doc{i}.xml").write_text(
            f'<TEI xmlns="{NS["t"]}" xml:id="doc{i}"><teiHeader><fileDesc><titleStmt><title>Doc {i}</title></titleStmt>'
            '<publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc><encodingDesc>'
            f'<tagsDecl><rendition xml:id="r">{css}</rendition></tagsDecl></encodingDesc></teiHeader>'
            f'<text><body><p>word <hi rendition="#r">styled{i}</hi></p></body></text></TEI>', encoding="utf-8")
    tex = render_tex(tmp_path / "tei")
    assert re.findall(r"\\(textbf|emph)\{styled(\d)", tex) == [("textbf", "1"), ("emph", "2")]


def test_a_page_break_that_ends_a_block_stands_in_the_margin_of_the_next_paragraph(tmp_path):
    """A pb last in a quotation of paragraphs, or last in a division, has no paragraph after it in
    its block: it goes into the margin of the next paragraph, once (both were dropped)."""
    from texcheck import outside_paragraphs
    tei = tmp_path / "tei"
    tei.mkdir()
    (tei / "doc.xml").write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="d"><teiHeader><fileDesc><titleStmt><title>t</title>'
        '</titleStmt><publicationStmt><p>p</p></publicationStmt><sourceDesc><p>s</p></sourceDesc></fileDesc>'
        '</teiHeader><text><body><div><p>before <quote><p>quoted one</p><pb n="9"/></quote> after</p>'
        '<p>second paragraph</p><pb n="10"/></div><div><p>next division</p></div></body></text></TEI>',
        encoding="utf-8")
    tex = render_tex(tei)
    assert outside_paragraphs(tex) == []
    assert tex.count("\\edpbmargin{p.\\,9}") == 1 and tex.count("\\edpbmargin{p.\\,10}") == 1
    assert re.search(r"\\pstart \\edpbmargin\{p\.\\,9\}%\s+after", tex)
    assert re.search(r"\\pstart \\edpbmargin\{p\.\\,10\}%\s+next division", tex)


def test_a_page_break_before_a_division_stands_in_the_margin_of_its_first_paragraph(tmp_path):
    """FRUS puts a page break before each document's div: it goes into the margin of the div's
    first paragraph (its head), once (it was dropped: only a paragraph right after it took it)."""
    from texcheck import outside_paragraphs
    tei = tmp_path / "tei"
    tei.mkdir()
    (tei / "doc.xml").write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="d"><teiHeader><fileDesc><titleStmt><title>t</title>'
        '</titleStmt><publicationStmt><p>p</p></publicationStmt><sourceDesc><p>s</p></sourceDesc></fileDesc>'
        '</teiHeader><text><body><div><p>one</p><pb n="2"/><div><pb n="2a"/><head>Second</head><p>two</p></div>'
        '<pb n="3"/><list><item>three</item><item>four</item></list></div></body></text></TEI>',
        encoding="utf-8")
    tex = render_tex(tei)
    assert outside_paragraphs(tex) == []
    assert [tex.count(f"\\edpbmargin{{p.\\,{n}}}") for n in ("2", "2a", "3")] == [1, 1, 1]
    assert re.search(r"\\pstart \\edtexthead\{\}\\edpbmargin\{p\.\\,2a\}\\edpbmargin\{p\.\\,2\}%|"
                     r"\\pstart \\edtexthead\{\}\\edpbmargin\{p\.\\,2\}\\edpbmargin\{p\.\\,2a\}%", tex)
    assert re.search(r"\\pstart \\edlistitem\{\}\\edpbmargin\{p\.\\,3\}%\s+three", tex)


# Paragraph-like elements other than p that hold a block (a list, verse, a quotation of
# paragraphs), and a reading (lem) that holds one.  Each left words outside \pstart...\pend or
# opened a \pstart inside another (inside an \edtext for the lem); XeLaTeX stops at either.
WIT = ('<sourceDesc><listWit><witness xml:id="case-wA"><abbr type="siglum">A</abbr>Copy A</witness>'
       '<witness xml:id="case-wB"><abbr type="siglum">B</abbr>Copy B</witness></listWit></sourceDesc>')
BLOCK_HOLDERS = {
    "head-holding-a-list": '<body><div><head>headword <list><item>headitem</item></list> headtail</head>'
                           '<p>text</p></div></body>',
    "head-holding-verse": '<body><div><head>headword <lg><l>headline one</l><l>headline two</l></lg> headtail</head>'
                          '<p>text</p></div></body>',
    "list-head-holding-a-list": '<body><list><head>lhead <list><item>lheaditem</item></list> lheadtail</head>'
                                '<item>one</item></list></body>',
    "list-label-holding-a-list": '<body><list><label>labelword <list><item>labelitem</item></list></label>'
                                 '<item>labelled</item></list></body>',
    "trailer-holding-a-list": '<body><div><p>text</p><trailer>trailword <list><item>trailitem</item></list>'
                              ' trailtail</trailer></div></body>',
    "trailer-holding-a-quotation": '<body><div><p>text</p><trailer>trailword <quote><p>quotedpara</p></quote>'
                                   ' trailtail</trailer></div></body>',
    "titlepart-holding-a-list": '<front><titlePage><docTitle><titlePart>titleword <list><item>titleitem</item>'
                                '</list> titletail</titlePart></docTitle></titlePage></front><body><p>text</p></body>',
    "titlepart-holding-verse": '<front><titlePage><docTitle><titlePart>titleword <lg><l>tline</l></lg> titletail'
                               '</titlePart></docTitle></titlePage></front><body><p>text</p></body>',
    "byline-holding-a-list": '<front><titlePage><byline>byword <list><item>byitem</item></list></byline>'
                             '</titlePage></front><body><p>text</p></body>',
    "lem-holding-a-list": '<body><p>before <app><lem wit="#case-wA">lemword <list><item>lemitem</item>'
                          '<item>lemitem2</item></list> lemtail</lem><rdg wit="#case-wB">rdgword</rdg></app>'
                          ' after</p></body>',
    "lem-holding-verse": '<body><p>before <app><lem wit="#case-wA">lemword <lg><l>lemline one</l><l>lemline two</l>'
                         '</lg></lem><rdg wit="#case-wB">rdgword</rdg></app> after</p></body>',
    "lem-holding-a-quotation": '<body><p>before <app><lem wit="#case-wA"><quote><p>lemquoted</p><p>lemquoted2</p>'
                               '</quote></lem><rdg wit="#case-wB">rdgword</rdg></app> after</p></body>',
    "lem-in-a-head-holding-a-list": '<body><div><head>headword <app><lem wit="#case-wA"><list><item>hlemitem</item>'
                                    '</list></lem><rdg wit="#case-wB">hrdg</rdg></app></head><p>text</p></div></body>',
}


def _case(tmp_path: Path, body: str) -> Path:
    tei = tmp_path / "tei"
    tei.mkdir()
    (tei / "1944-01-01-case.xml").write_text(
        f'<TEI xmlns="{NS["t"]}" xml:id="case"><teiHeader><fileDesc><titleStmt><title>Case</title></titleStmt>'
        f'<publicationStmt><p>x</p></publicationStmt>{WIT}</fileDesc></teiHeader>'
        f'<text>{body}</text></TEI>', encoding="utf-8")
    return tei


@pytest.mark.parametrize("name", sorted(BLOCK_HOLDERS))
def test_a_paragraph_like_element_holding_a_block_keeps_every_word_in_one_numbered_paragraph(tmp_path, name):
    from texcheck import outside_paragraphs
    body = BLOCK_HOLDERS[name]
    tex = render_tex(_case(tmp_path, body))
    assert outside_paragraphs(tex) == []
    text = document_part(tex)
    words = re.sub(r"<[^>]+>", " ", body).split()
    assert [w for w in words if w not in text] == []  # no word lost


@pytest.mark.parametrize("name", [n for n in BLOCK_HOLDERS if n.startswith("lem-holding")])
def test_a_reading_holding_a_block_runs_it_on_inside_one_lemma(tmp_path, name):
    """reledmac's \\edtext cannot span paragraphs: the reading's list, verse or paragraphs run on
    in the paragraph around it, all inside the one lemma, its variant in the apparatus."""
    tex = document_part(render_tex(_case(tmp_path, BLOCK_HOLDERS[name])))
    paragraph = re.search(r"\\pstart\b(.*?)\\pend\b", tex, re.S).group(1)
    assert "before" in paragraph and "after" in paragraph  # one paragraph from before to after
    lemma = re.sub(r"%@src[^\n]*\n", "", paragraph[paragraph.index(r"\edtext{"):paragraph.index(r"\Afootnote")])
    assert all(w in lemma for w in re.findall(r"lem\w+", BLOCK_HOLDERS[name]))
    assert r"\edsiglum{B}" in paragraph and "rdgword" in paragraph
    if "verse" in name:
        assert re.search(r"lemline one\s*/\s*lemline two", lemma)  # the verse lines stay apart


def test_a_variant_reading_that_holds_a_list_and_verse_reads_item_by_item_in_the_apparatus(tmp_path):
    """The other reading (rdg) of such an app is its footnote: its blocks stand one after the other,
    apart ("uvl1l2" before), and the app is no block of the paragraph around it."""
    from texcheck import outside_paragraphs
    tex = render_tex(_case(tmp_path, '<body><p>before <app><lem wit="#case-wA"><list><item>x</item><item>y</item>'
                                     '</list></lem><rdg wit="#case-wB"><list><label>1.</label><item>u</item><item>v</item>'
                                     '</list><lg><l>l1</l><l>l2</l></lg></rdg></app> after</p></body>'))
    assert outside_paragraphs(tex) == []
    assert re.search(r"\\Afootnote\{\\edsiglum\{A\}; 1\. u v l1 / l2 \\edsiglum\{B\}\}", tex)


def test_a_page_break_inside_a_reading_that_holds_a_list_prints_once(tmp_path):
    from texcheck import outside_paragraphs
    tex = render_tex(_case(tmp_path, '<body><p>before <app><lem wit="#case-wA"><list><item>one</item>'
                                     '<pb n="5"/><item>two</item></list></lem><rdg wit="#case-wB">x</rdg></app></p></body>'))
    assert outside_paragraphs(tex) == [] and tex.count(r"p.\,5}") == 1


@pytest.mark.tex
@pytest.mark.skipif(not (shutil.which("xelatex") and shutil.which("pdftotext")),
                    reason="needs xelatex (texlive-xetex, texlive-humanities) and poppler-utils")
def test_the_pdf_of_headings_trailers_title_parts_and_readings_holding_blocks(tmp_path):
    """One document with every kind (XeLaTeX stopped on each): it typesets, every word on the page."""
    import subprocess
    parts = [BLOCK_HOLDERS[n] for n in ("titlepart-holding-a-list", "head-holding-a-list", "trailer-holding-a-list",
                                        "lem-holding-a-list", "lem-holding-verse", "lem-in-a-head-holding-a-list")]
    front = parts[0][:parts[0].index("<body>")]
    bodies = "".join(re.search(r"<body>(.*)</body>", p).group(1) for p in parts)
    body = front + "<body>" + bodies + "</body>"
    result = CliRunner().invoke(app, ["build", str(_case(tmp_path, body)), "--print", "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    text = " ".join(subprocess.run(["pdftotext", str(tmp_path / "out" / "print" / "edition.pdf"), "-"],
                                   capture_output=True, text=True, check=True).stdout.split()).lower()
    words = set(re.sub(r"<[^>]+>", " ", body).lower().split())  # (headings are in small capitals)
    assert sorted(w for w in words if w not in text) == []


# A page break before a list's label ("(2)"), and at the edges of the front and back matter
# (before a title page that opens with a figure; a run of them between a heading and a list), was
# dropped: each prints once, in the margin of the paragraph it stands before.
PAGE_BREAKS = {
    "before-a-label": ('<body><list><item>one</item><pb n="7"/><label>(2)</label><item>two</item></list></body>',
                       {"7": r"\\edlistitem\{\}\\edpbmargin\{p\.\\,7\}%\s+(%@src[^\n]*\s+)*\(2\)"}),
    # words directly in an opener are a paragraph: the page break that ends the division before it
    # goes into its margin (it was lost: its margin is found from the paragraph's first words)
    "ending-a-division-before-an-openers-words": (
        '<body><div><p>para</p><pb n="9"/></div><div><opener>Dear Sir,</opener><p>text</p></div></body>',
        {"9": r"\\pstart \\edcloser\{\}\\edpbmargin\{p\.\\,9\}%\s+(%@src[^\n]*\s+)*Dear Sir,"}),
    "before-a-list-opening-with-a-label": (
        '<body><div><p>para</p><pb n="8"/><list><label>1.</label><item><p>first</p></item></list></div></body>',
        {"8": r"\\edlistitem\{\}\\edpbmargin\{p\.\\,8\}%\s+(%@src[^\n]*\s+)*1\."}),
    "before-a-title-page-opening-with-a-figure": (
        '<front><pb n="i"/><titlePage><figure><graphic url="f.png"/></figure><docTitle><titlePart>Title</titlePart>'
        '</docTitle></titlePage><pb n="ii"/></front><body><p>text</p></body>',
        {"i": r"\\edpbmargin\{p\.\\,i\}%\s+(%@src[^\n]*\s+)*Title", "ii": r"\\edpbmargin\{p\.\\,ii\}%\s+(%@src[^\n]*\s+)*text"}),
    "runs-at-the-edges-of-front-and-back": (
        '<front><p>fronttext</p><pb n="iii"/><pb n="iv"/></front><body><p>text</p></body><back><pb n="90"/><div>'
        '<head>Index</head><pb n="91"/><pb n="92"/><list><item>entry</item></list><pb n="93"/></div><pb n="94"/></back>',
        {"iii": r"\\edpbmargin\{p\.\\,iii\}\\edpbmargin\{p\.\\,iv\}%\s+(%@src[^\n]*\s+)*text",
         "90": r"\\edpbmargin\{p\.\\,90\}%\s+(%@src[^\n]*\s+)*Index",
         "91": r"\\edpbmargin\{p\.\\,91\}\\edpbmargin\{p\.\\,92\}%\s+(%@src[^\n]*\s+)*entry",
         # after the last words: a paragraph of their own, the last of the text
         "93": r"\\pstart \\edpbmargin\{p\.\\,93\}\\edpbmargin\{p\.\\,94\}%\s+\\pend\s+\\endnumbering"}),
}


@pytest.mark.parametrize("name", sorted(PAGE_BREAKS))
def test_a_page_break_before_a_label_or_at_the_edge_of_front_or_back_prints_once_in_the_margin(tmp_path, name):
    from texcheck import outside_paragraphs
    body, where = PAGE_BREAKS[name]
    tex = render_tex(_case(tmp_path, body))
    assert outside_paragraphs(tex) == []
    for n in re.findall(r'<pb n="([^"]+)"', body):
        assert tex.count(f"p.\\,{n}}}") == 1, n
    for n, pattern in where.items():
        assert re.search(pattern, tex), (n, pattern)


@pytest.mark.tex
@pytest.mark.skipif(not (shutil.which("xelatex") and shutil.which("pdftotext")),
                    reason="needs xelatex (texlive-xetex, texlive-humanities) and poppler-utils")
def test_the_pdf_prints_the_page_breaks_before_labels_and_at_the_edges_in_the_margin(tmp_path):
    import subprocess
    bodies = [PAGE_BREAKS[n][0] for n in ("before-a-title-page-opening-with-a-figure", "before-a-label",
                                          "runs-at-the-edges-of-front-and-back")]
    front = re.search(r"<front>(.*)</front>", bodies[0]).group(1) + re.search(r"<front>(.*)</front>", bodies[2]).group(1)
    body = (f"<front>{front}</front><body>" + "".join(re.search(r"<body>(.*)</body>", b).group(1) for b in bodies)
            + "</body>" + re.search(r"<back>.*</back>", bodies[2]).group(0))
    result = CliRunner().invoke(app, ["build", str(_case(tmp_path, body)), "--print", "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    text = subprocess.run(["pdftotext", str(tmp_path / "out" / "print" / "edition.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    pages = re.findall(r'<pb n="([^"]+)"', body)
    assert [n for n in pages if len(re.findall(rf"p\.\s*{re.escape(n)}\b", text)) != 1] == []


# Words standing among blocks: a container (a division, an opener, a speech, a stanza, a list, a
# cast list, a postscript, a title page) holding phrase-level content of its own, and phrase-level
# elements (a byline, a trailer, an address line, a salute) holding what the print took for a
# block (a note, a stage direction, a docDate, a gap).  Each wrote words, a footnote or a gap
# outside \pstart...\pend, a \pstart inside another, or lost the words (text directly in an
# opener).  Each container is tried with every kind of phrase-level content, in one document.
PHRASES = {
    "text": "xbare", "persName": "<persName>xpers</persName>", "placeName": "<placeName>xplace</placeName>",
    "orgName": "<orgName>xorg</orgName>", "rs": '<rs type="person">xrs</rs>', "name": "<name>xname</name>",
    "date": '<date when="1944-01-01">xdate</date>', "hi": '<hi rend="italic">xhi</hi>', "ref": '<ref target="#a">xref</ref>',
    "num": "<num>xnum</num>", "note": "<note>xnote</note>", "pb": '<pb n="77"/>xpbtext', "gap": '<gap reason="illegible"/>',
    "app": '<app><lem wit="#case-wA">xlem</lem><rdg wit="#case-wB">xrdg</rdg></app>',
    "choice": "<choice><sic>xsic</sic><corr>xcorr</corr></choice>", "add": '<add place="above">xadd</add>',
    "del": "<del>xdel</del>", "lb": "xlba<lb/>xlbb", "seg": "<seg>xseg</seg>", "unclear": "<unclear>xunclear</unclear>",
    "supplied": "<supplied>xsupplied</supplied>", "roleName": "<roleName>xrole</roleName>",
    "mixed": "xmixa <persName>xmixp</persName>, xmixb", "stage": "<stage>xstage</stage>", "docDate": "<docDate>xdocdate</docDate>",
    "milestone": '<milestone unit="section"/>xmile', "q": "<q>xq</q>", "abbr": "<abbr>xabbr</abbr>",
}
CONTAINERS = {
    "opener": "<body><div><opener>{X}</opener><p>tpara</p></div></body>",
    "opener-after-salute": "<body><div><opener><salute>tsal</salute>{X}</opener><p>tpara</p></div></body>",
    "opener-byline": "<body><div><opener><byline>{X}</byline></opener><p>tpara</p></div></body>",
    "opener-address": "<body><div><opener><address>{X}</address></opener><p>tpara</p></div></body>",
    "address-line": "<body><div><opener><address><addrLine>{X}</addrLine></address></opener><p>tpara</p></div></body>",
    "closer": "<body><div><p>tpara</p><closer><salute>tsal</salute>{X}</closer></div></body>",
    "closer-signed": "<body><div><p>tpara</p><closer><signed>{X}</signed></closer></div></body>",
    "salute": "<body><div><opener><salute>{X}</salute></opener><p>tpara</p></div></body>",
    "dateline": "<body><div><opener><dateline>{X}</dateline></opener><p>tpara</p></div></body>",
    "postscript": "<body><div><p>tpara</p><postscript>{X}<p>tps</p></postscript></div></body>",
    "postscript-opener": "<body><div><p>tpara</p><postscript><opener>{X}</opener><p>tps</p></postscript></div></body>",
    "byline": "<front><titlePage><byline>{X}</byline></titlePage></front>",
    "docAuthor": "<front><titlePage><docAuthor>{X}</docAuthor></titlePage></front>",
    "titlePage": "<front><titlePage>{X}<docTitle><titlePart>ttitle</titlePart></docTitle></titlePage></front>",
    "trailer": "<body><div><p>tpara</p><trailer>{X}</trailer></div></body>",
    "argument": "<body><div><argument>{X}</argument><p>tpara</p></div></body>",
    "speech": "<body><div><sp><speaker>tspk</speaker>{X}<p>tpara</p></sp></div></body>",
    "stanza": "<body><div><lg>{X}<l>tline</l></lg></div></body>",
    "item": "<body><div><list><item>{X}</item></list></div></body>",
    "list": "<body><div><list>{X}<item>titem</item></list></div></body>",
    "cast-list": "<front><castList>{X}<castItem>tcast</castItem></castList></front>",
    "cast-group": "<front><castList><castGroup>{X}<castItem>tcast</castItem></castGroup></castList></front>",
    "set": "<front><set>{X}<p>tset</p></set></front>",
    "division": "<body><div>{X}<p>tpara</p></div></body>",
    "figure-head": "<body><div><figure><head>{X}</head></figure><p>tpara</p></div></body>",
    "quotation-of-paragraphs": "<body><div><quote>{X}<p>tq</p></quote><p>tpara</p></div></body>",
    "app-between-paragraphs": '<body><div><app><lem wit="#case-wA">{X}</lem><rdg wit="#case-wB">trdg</rdg></app><p>tpara</p></div></body>',
    "speech-in-a-lemma": '<body><div><p>tpa <app><lem wit="#case-wA"><sp>{X}<p>tsp</p></sp></lem><rdg wit="#case-wB">trdg</rdg></app> tpb</p></div></body>',
}


def _every_phrase_in(template: str, phrases=PHRASES) -> str:
    """The container once for each kind of phrase-level content, in one text: front, body and back apart."""
    parts = {}
    for phrase in phrases.values():
        for part, inner in re.findall(r"<(front|body|back)>(.*)</\1>", template.replace("{X}", phrase)):
            parts.setdefault(part, []).append(inner)
    parts.setdefault("body", ["<p>tbody</p>"])
    return "".join(f"<{p}>{''.join(parts[p])}</{p}>" for p in ("front", "body", "back") if p in parts)


def _text_words(body: str) -> list[str]:
    """The words of the text: not those of the apparatus, notes or original readings."""
    body = re.sub(r"<(note|rdg|sic)\b[^>]*>.*?</\1>", " ", body)
    return re.sub(r"<[^>]+>", " ", body).split()


@pytest.mark.parametrize("name", sorted(CONTAINERS))
def test_words_among_blocks_stand_in_a_numbered_paragraph(tmp_path, name):
    from texcheck import outside_paragraphs
    body = _every_phrase_in(CONTAINERS[name])
    tex = render_tex(_case(tmp_path, body))
    assert outside_paragraphs(tex) == []
    text = document_part(tex)
    assert [w for w in _text_words(body) if w.strip(",") not in text] == []  # no word lost
    assert text.count("p.\\,77}") == 1                                      # the page break once


def test_an_openers_words_are_one_paragraph_with_the_names_indexed(tmp_path):
    """'Dear <persName>Sir</persName>,' directly in an opener: one paragraph, the name indexed, a
    page break before it in its margin, one inside it where it stands."""
    from texcheck import outside_paragraphs
    tex = document_part(render_tex(_case(tmp_path, '<body><div><opener><pb n="3"/>Dear <persName ref="#x">Sir John</persName>,'
                                                   ' <pb n="4"/>of <orgName>the Mission</orgName><salute>Greetings</salute>'
                                                   '</opener><p>text</p></div></body>')))
    assert outside_paragraphs(tex) == []
    run = re.search(r"\\pstart \\edcloser\{\}\\edpbmargin\{p\.\\,3\}%\n(.*?)\\pend", tex, re.S)
    assert run, tex
    words = re.sub(r"%@src[^\n]*\n", "", run.group(1))
    assert "Dear" in words and "Sir John" in words and "the Mission" in words and r"\edpb{p.\,4}" in words
    assert tex.count("p.\\,3}") == 1 and tex.count("p.\\,4}") == 1
    assert r"\pstart \edcloser{}%" in tex[run.end():] and "Greetings" in tex[run.end():]


def test_a_speech_without_speaker_inside_a_reading_runs_its_name_on_in_the_lemma(tmp_path):
    """An sp naming its speaker only by @who, inside an app's lem: the name was set as a paragraph
    of its own inside the lemma's \\edtext (reledmac: a \\pstart inside another)."""
    from texcheck import outside_paragraphs
    tei = _case(tmp_path, '<front><castList><castItem><role xml:id="popova">Popova</role></castItem></castList></front>'
                          '<body><div><p>before <app><lem wit="#case-wA"><sp who="#popova"><p>spoken</p></sp></lem>'
                          '<rdg wit="#case-wB">other</rdg></app> after</p></div></body>')
    tex = render_tex(tei)
    assert outside_paragraphs(tex) == []
    lemma = re.search(r"\\edtext\{(.*?)\}\{\\Afootnote", document_part(tex), re.S).group(1)
    assert re.search(r"Popova\s*(%@src[^\n]*\n)?\s*spoken", lemma), lemma


@pytest.mark.tex
@pytest.mark.skipif(not (shutil.which("xelatex") and shutil.which("pdftotext") and shutil.which("pdfinfo")),
                    reason="needs xelatex (texlive-xetex, texlive-humanities) and poppler-utils")
def test_the_pdf_of_words_among_blocks_and_of_a_users_own_header(tmp_path):
    """One document with words among blocks of each kind (XeLaTeX stopped on them, or lost them) and
    a header of its own: it typesets, every word on the page, the PDF named by the header."""
    import subprocess
    body = ('<front><castList><castGroup><castItem><role xml:id="popova">Popova</role></castItem>'
            '<roleDesc>widowgroup</roleDesc></castGroup></castList></front>'
            '<body><div><opener><pb n="3"/>Dear <persName>Sirname</persName>, <pb n="4"/>of <orgName>Missionorg</orgName>'
            '<salute>Greetings <stage>bowing</stage></salute></opener><p>firstpara</p>'
            '<sp><speaker>Speakername</speaker>spokenbare <note>speechnote</note><gap reason="illegible"/><p>speechpara</p></sp>'
            '<lg><note>versenote</note><l>verseline</l></lg>'
            '<p>before <app><lem wit="#case-wA"><sp who="#popova"><p>lemspoken</p></sp></lem>'
            '<rdg wit="#case-wB">rdgword</rdg></app> after</p>'
            '<figure><head>Figcaption</head></figure>'
            '<postscript>psbare <persName>Psname</persName><p>pspara</p></postscript></div></body>')
    tei = tmp_path / "tei"
    tei.mkdir()
    (tei / "1944-01-01-case.xml").write_text(
        f'<TEI xmlns="{NS["t"]}" xml:id="case"><teiHeader><fileDesc><titleStmt><title>Letters &amp; 50% more</title>'
        '<author>Roe, Jane</author><editor>Doe, John</editor></titleStmt>'
        f'<publicationStmt><publisher>Own Press</publisher></publicationStmt>{WIT}</fileDesc></teiHeader>'
        f'<text>{body}</text></TEI>', encoding="utf-8")
    result = CliRunner().invoke(app, ["build", str(tei), "--print", "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    pdf = tmp_path / "out" / "print" / "edition.pdf"
    text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                                   check=True).stdout.split()).lower()
    words = {w.strip(",") for w in re.sub(r"<[^>]+>", " ", body).lower().split()}   # notes and readings too
    assert sorted(w for w in words if w not in text) == []
    assert "letters & 50% more" in text and "roe, jane" in text and "doe, john" in text and "own press" in text
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Title:\s+Letters & 50% more$", info, re.M), info
    assert re.search(r"^Author:\s+Roe, Jane; Doe, John$", info, re.M), info
