"""The print edition as a reader sees it: the PDF, read back with pdftotext (poppler-utils).

The flagship edition's PDF is converted from seeds/ and built in this test run (conftest's
flagship_build), never taken from an earlier build/.  Page images of the title page, a page with
apparatus, the first page of the 000 apparatus with its lemmata and an index page go to
build/screenshots/.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree

from editio.errors import EditioError
from editio.pdf import build_print

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures" / "print"
NS = {"t": "http://www.tei-c.org/ns/1.0"}
LOCATOR = re.compile(r"(?<![\d.])(\d{1,4})\.(\d{1,4})(?![\d.°])")

pytestmark = [
    pytest.mark.tex,
    pytest.mark.skipif(not (shutil.which("xelatex") and shutil.which("pdftotext")),
                       reason="needs xelatex (texlive-xetex, texlive-humanities) and poppler-utils"),
]


def documents() -> list[Path]:
    from flagship import converted_tei
    return sorted(converted_tei().glob("*.xml"))


@pytest.fixture(scope="module")
def edition_pdf(flagship_build) -> Path:
    """The PDF of the flagship edition, converted and built in this test run."""
    return flagship_build / "print" / "edition.pdf"


def pages(pdf: Path) -> list[str]:
    """Text of each page (index 0 = page 1); page numbers are arabic from the title page on."""
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                         capture_output=True, text=True).stdout
    return out.split("\f")[:-1] if out.endswith("\f") else out.split("\f")


def squeeze(text: str) -> str:
    """Text without whitespace and hyphens: immune to line breaks and hyphenation."""
    return re.sub(r"[\s\-‐]+", "", text)


@pytest.fixture(scope="module")
def edition_pages(edition_pdf) -> list[str]:
    return pages(edition_pdf)


def tree(path: Path):
    return etree.parse(str(path))


def plain(node) -> str:
    return " ".join("".join(node.itertext()).split())


def test_every_document_is_there_with_heading_and_toc_entry(edition_pages):
    text = squeeze("\n".join(edition_pages))
    for number, path in enumerate(documents(), 1):
        title = plain(tree(path).find(".//t:titleStmt/t:title", NS))
        assert f"DOCUMENT{number}" in text
        assert squeeze(title) in text, title
    contents = squeeze("\n".join(p for p in edition_pages[:4] if "Contents" in p))
    assert "Indexofpersons" in contents and "Indexofplaces" in contents


def witness_document() -> Path:
    found = [p for p in documents() if tree(p).find(".//t:listWit", NS) is not None]
    if not found:
        pytest.skip("no document with several witnesses in tei/")
    return found[0]


def printed(node) -> str:
    """A reading as the apparatus prints it: deletions in double brackets, gaps as […] or
    [description], a sic of the source followed by "sic", notes and printed page numbers left out."""
    out = [node.text or ""]
    for child in node:
        tag = etree.QName(child).localname
        if tag == "del":
            out.append("⟦" + printed(child) + "⟧")
        elif tag == "gap":
            desc = child.find("t:desc", NS)
            out.append(f"[{plain(desc)}]" if desc is not None and plain(desc) else "[…]")
        elif tag == "sic" and etree.QName(node).localname != "choice":
            out.append(printed(child) + " sic")
        elif tag == "choice":
            out.append(printed(child.find("t:corr", NS)))
        elif tag not in ("note", "fw", "pb"):
            out.append(printed(child))
        out.append(child.tail or "")
    return " ".join("".join(out).split())


def test_each_variant_of_the_witnesses_is_in_the_apparatus_with_its_siglum(edition_pages):
    doc = tree(witness_document())
    sigla = {w.get("{http://www.w3.org/XML/1998/namespace}id"): w.get("n")
             for w in doc.iterfind(".//t:listWit/t:witness", NS)}
    first = next(iter(sigla))
    text = squeeze("\n".join(edition_pages)).lower()
    checked = 0
    for app in doc.iterfind(".//t:text//t:app", NS):
        readings = app.findall("t:lem", NS) + app.findall("t:rdg", NS)
        if etree.QName(app.getparent()).localname in ("div", "body", "opener") or app.find(".//t:pb", NS) is not None:
            continue  # furniture of one witness (printed in place, labelled) or a page break
        if not any(printed(r) for r in readings):
            continue  # readings that differ only in printed page numbers: no variant
        lemma = app.find("t:lem", NS)
        assert lemma is not None, "every app has a lemma"
        lem_sigla = "".join(sigla[w.lstrip("#")] for w in lemma.get("wit").split())
        resp = "(ed.)" if lemma.get("resp") else ""
        for rdg in readings:
            if rdg is lemma:
                continue
            siglum = "".join(sigla[w.lstrip("#")] for w in rdg.get("wit").split())
            shown = printed(rdg) or "om."
            entry = (f"{printed(lemma)}]{lem_sigla}{resp};{shown}{siglum}" if printed(lemma)
                     else f"om.{lem_sigla}]{shown}{siglum}")
            assert squeeze(entry).lower() in text, entry
            checked += 1
    assert checked >= 10


def test_ocr_corrections_are_in_the_editorial_series(edition_pages):
    text = squeeze("\n".join(edition_pages))
    choices = [(p, c) for p in documents() for c in tree(p).iterfind(".//t:choice[t:corr]", NS)]
    if not choices:
        pytest.skip("no emendations in tei/ yet")
    for _, choice in choices:
        corr, sic = plain(choice.find("t:corr", NS)), plain(choice.find("t:sic", NS))
        mark = "conj.for" if choice.find("t:corr", NS).get("cert") in ("low", "medium") else "corr.from"
        assert squeeze(f"{corr}]") + mark + squeeze(sic) in text, (corr, sic)
    # and they sit in the ED. series, after its label on the same page
    page = next(p for p in edition_pages if "corr. from" in p)
    assert page.index("ed.") < page.index("corr. from")


def index_entry(edition_pages, index_title: str, name: str) -> list[tuple[int, int]]:
    start = next(i for i, p in enumerate(edition_pages) if re.search(rf"^\s*{index_title}\s*$", p, re.M))
    text = "\n".join(edition_pages[start:])
    entry = re.search(rf"^{name}\b(.*?)(?=^\S)", text, re.M | re.S)
    assert entry, f"{name} not in {index_title}"
    return [(int(p), int(l)) for p, l in LOCATOR.findall(entry.group(1))]


def mentions(entity: str) -> set[str]:
    forms = set()
    for path in documents():
        for name in tree(path).iterfind(f".//t:text//*[@ref='register/register.xml#{entity}']", NS):
            forms.add(plain(name))
    return forms


@pytest.mark.parametrize("index_title, name, entity",
                         [("Index of persons", "Stalin", "stalin"), ("Index of places", "Vladivostok", "vladivostok")])
def test_index_page_numbers_are_pages_where_the_name_occurs(edition_pages, index_title, name, entity):
    locators = index_entry(edition_pages, index_title, name)
    assert locators, name
    first_index_page = next(i for i, p in enumerate(edition_pages, 1) if re.search(r"^\s*Index of persons\s*$", p, re.M))
    forms = mentions(entity)
    for page, line in locators:
        assert page < first_index_page
        text = " ".join(edition_pages[page - 1].split())
        assert any(form in text for form in forms), (name, page, line, forms)


def test_page_images_for_review(edition_pdf, edition_pages):
    shots = ROOT / "build" / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    apparatus = next(i for i, p in enumerate(edition_pages, 1) if "var." in p.lower() and "corr." not in p)
    index = next(i for i, p in enumerate(edition_pages, 1) if re.search(r"^\s*Index of persons\s*$", p, re.M))
    for name, page in (("title", 1), ("apparatus", apparatus), ("index", index)):
        target = shots / f"print-{name}"
        subprocess.run(["pdftoppm", "-png", "-r", "80", "-singlefile", "-f", str(page), "-l", str(page),
                        str(edition_pdf), str(target)], check=True)
        assert target.with_suffix(".png").stat().st_size > 5000


def test_a_document_with_every_special_character_builds(tmp_path):
    pdf = build_print(FIXTURES / "special" / "tei", tmp_path)
    text = "\n".join(pages(pdf))
    for literal in (r"\input{/etc/passwd}", r"\end{document}", "$x^2$", "100%", "a_b", "#", "~~",
                    "[opt]", "Lüshunkou", "旅順口", "Привет", "Ελληνικά", "--", "``TeX''", "^add^"):
        assert literal in text, literal
    assert "#5_\\10~ B_2" in text  # a variant full of specials, with its siglum
    again = build_print(FIXTURES / "special" / "tei", tmp_path / "again")
    assert again.read_bytes() == pdf.read_bytes()  # deterministic, timestamps included


def test_a_tex_failure_names_the_tei_element(tmp_path):
    broken = FIXTURES / "broken.xsl"
    source = FIXTURES / "tei" / "1944-10-17-stalin-harriman.xml"
    with pytest.raises(EditioError) as caught:
        build_print(FIXTURES / "tei", tmp_path, stylesheet=broken)
    error = caught.value
    first = tree(source).find(".//t:text//t:persName[@ref='register/register.xml#antonov']", NS)
    assert Path(error.path).resolve() == source.resolve()
    assert error.line == first.sourceline
    assert "Undefined control sequence" in str(error)
    assert not (tmp_path / "edition.pdf").exists()


def test_the_lemma_b_adopts_is_marked_as_the_editors_choice(edition_pages):
    """000: the edited text reads B's "Deane" and "if we"; the apparatus gives the lemma, the witness
    and (ed.), then A's reading."""
    text = squeeze("\n".join(edition_pages))
    assert "Deane]B(ed.);BeaneA" in text
    assert "if]B(ed.);om.A" in text
    assert "thatifwecouldcometoanagreement" in text


def test_supplied_and_surplus_text_in_the_brackets_of_the_principles(edition_pages):
    text = squeeze("\n".join(edition_pages))
    assert "artillery[would]bemoved" in text and "[would]]supplied(ed.)" in text
    assert "invade{w}Japan" in text and "{w}]surplus(ed.)" in text
    principles = squeeze(next(p for p in edition_pages if "square brackets" in p and "surplus" in p))
    assert "squarebrackets,[had]" in principles and "braces,{w}" in principles


def test_pdf_metadata_carry_the_editions_date_title_and_editors(edition_pdf):
    info = subprocess.run(["pdfinfo", str(edition_pdf)], check=True, capture_output=True, text=True).stdout
    created = re.search(r"^CreationDate:\s+(.*)$", info, re.M).group(1)
    assert "1980" not in created
    assert re.search(r"^Title:\s+The Soviet Entry into the War against Japan", info, re.M)
    assert re.search(r"^Author:\s+\S", info, re.M)


def outline_titles(pdf: Path) -> list[str]:
    """The /Title strings of the PDF's outline (bookmarks), object streams inflated."""
    import zlib
    data = pdf.read_bytes()
    blobs = [data]
    for match in re.finditer(rb"stream\r?\n", data):
        end = data.find(b"endstream", match.end())
        try:
            blobs.append(zlib.decompress(data[match.end():end]))
        except zlib.error:
            pass
    blob = b"\n".join(blobs)
    assert b"/Outlines" in blob, "the PDF has no outline"
    titles = []
    for raw in re.findall(rb"/Title\s*(<[0-9A-Fa-f\s]+>|\((?:\\.|[^\\)])*\))", blob):
        if raw.startswith(b"<"):
            value = bytes.fromhex(re.sub(rb"\s", b"", raw[1:-1]).decode())
            titles.append(value[2:].decode("utf-16-be") if value.startswith(b"\xfe\xff") else value.decode("latin-1"))
        else:
            titles.append(raw[1:-1].decode("latin-1"))
    return titles


def test_pdf_bookmarks_for_every_document_and_both_indexes(edition_pdf):
    titles = outline_titles(edition_pdf)
    for number, path in enumerate(documents(), 1):
        title = plain(tree(path).find(".//t:titleStmt/t:title", NS))
        assert any(t.startswith(f"{number}.") and title in t for t in titles), (number, title, titles)
    assert "Index of persons" in titles and "Index of places" in titles


def test_page_image_of_the_000_apparatus_with_lemmata(edition_pdf, edition_pages):
    shots = ROOT / "build" / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    page = next(i for i, p in enumerate(edition_pages, 1) if "Deane ] B (ed.)" in " ".join(p.split()))
    target = shots / "print-000-apparatus"
    subprocess.run(["pdftoppm", "-png", "-r", "110", "-singlefile", "-f", str(page), "-l", str(page),
                    str(edition_pdf), str(target)], check=True)
    assert target.with_suffix(".png").stat().st_size > 5000
