"""Issue 17: each hostile or unlucky input that once crashed, hung or wrecked output, as a user meets it.

Commands run as the user runs them (the console script's `editio.cli.main` in a subprocess, with a
timeout where the old behaviour was a hang); each asserts one line on stderr, exit 2 and no traceback.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

from editio import register as register_mod

ROOT = Path(__file__).resolve().parents[1]
SEEDS = {"wilson": ROOT / "seeds" / "003_d19860ca353ac499.txt",
         "frus": ROOT / "seeds" / "002_ee78402f5728550e.txt",
         "focalpoint": ROOT / "seeds" / "001_4675f7a8ca8e1c30.txt"}
WEB_TEI = ROOT / "tests" / "fixtures" / "web" / "tei"
REGISTER = WEB_TEI / "register" / "register.xml"
TAG_DOC = ROOT / "tests" / "fixtures" / "tagging" / "1944-06-10-fixture.xml"


def editio(*args, cwd=None, timeout=120, **kw):
    env = dict(os.environ, PYTHONPATH=str(ROOT / "tools"))
    return subprocess.run([sys.executable, "-c", "from editio.cli import main; main()", *map(str, args)],
                          capture_output=True, text=True, timeout=timeout, cwd=cwd or ROOT, env=env, **kw)


def one_line_error(proc, *needles):
    assert proc.returncode == 2, (proc.returncode, proc.stderr[-2000:])
    assert "Traceback" not in proc.stderr + proc.stdout
    # convert's progress lines ("[1/3] source -> target") are not part of the error
    lines = [row for row in proc.stderr.strip().splitlines() if not re.match(r"\[\d+/\d+\] ", row)]
    assert len(lines) == 1, lines
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])
    return lines[0]


def with_char(seed: Path, tmp_path: Path, char: str, line_no: int = 6) -> tuple[Path, int, int]:
    """The seed with `char` inserted in the middle of line `line_no` (1-based); its line and column."""
    lines = seed.read_text(encoding="utf-8").split("\n")
    while not lines[line_no - 1].strip():
        line_no += 1
    col = len(lines[line_no - 1]) // 2 + 1
    lines[line_no - 1] = lines[line_no - 1][:col - 1] + char + lines[line_no - 1][col - 1:]
    path = tmp_path / seed.name
    path.write_text("\n".join(lines), encoding="utf-8")
    return path, line_no, col


# --------------------------------------------------------------------------- forbidden characters

@pytest.mark.parametrize("reader,char", [(reader, "\ufffe") for reader in sorted(SEEDS)]
                         + [("wilson", char) for char in ("\uffff", "\x01", "\x1b")])
def test_convert_refuses_a_character_xml_forbids_with_its_position(tmp_path, reader, char):
    source, line, col = with_char(SEEDS[reader], tmp_path, char)
    out = tmp_path / "tei"
    proc = editio("convert", source, "--reader", reader, "--out", out)
    one_line_error(proc, f"{source}:{line}:{col}:", f"U+{ord(char):04X}")
    assert not out.exists() or not list(out.iterdir())


@pytest.mark.parametrize("reader,char", [(reader, "\x0c") for reader in sorted(SEEDS)] + [("frus", "\x0b")])
def test_convert_replaces_form_feed_and_vertical_tab_with_a_warning(tmp_path, reader, char):
    source, line, col = with_char(SEEDS[reader], tmp_path, char)
    out = tmp_path / "tei"
    proc = editio("convert", source, "--reader", reader, "--out", out)
    assert proc.returncode == 0, proc.stderr
    assert f"{source}:{line}:{col}: warning:" in proc.stderr
    [written] = out.glob("*.xml")
    data = written.read_bytes()
    assert b"\x0b" not in data and b"\x0c" not in data
    etree.fromstring(data)


def test_collate_tei_refuses_a_forbidden_character_with_its_position(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("The ships sail\nfor Vladivostok today.\n", encoding="utf-8")
    b.write_text("The ships sail\nfor Vladivos\ufffetok tomorrow.\n", encoding="utf-8")
    proc = editio("collate", a, b, "--format", "tei")
    one_line_error(proc, f"{b}:2:13:", "U+FFFE")


def test_collate_tei_replaces_a_page_break_and_stays_xml(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("The ships sail for Vladivostok today.\n", encoding="utf-8")
    b.write_text("The ships sail\n\x0cfor Vladivostok tomorrow.\n", encoding="utf-8")
    proc = editio("collate", a, b, "--format", "tei")
    assert proc.returncode == 0, proc.stderr
    assert f"{b}:2:1: warning:" in proc.stderr
    root = etree.fromstring(proc.stdout.encode())
    assert "tomorrow" in "".join(root.itertext())


# --------------------------------------------------------------------------- register values

def register_with_geo(tmp_path: Path, value: str) -> tuple[Path, int]:
    text = REGISTER.read_text(encoding="utf-8").replace("<geo>43.1155 131.8855</geo>", f"<geo>{value}</geo>")
    path = tmp_path / "register.xml"
    path.write_text(text, encoding="utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if f"<geo>{value}</geo>" in row)
    return path, line


@pytest.mark.parametrize("command,value", [("entities", v) for v in ("48.4802", "N48.4802 E135.0", "43.1 131.9 7",
                                                                    "95.0 10.0")]
                         + [("tag", v) for v in ("48.4802", "N48.4802 E135.0")])
def test_a_bad_geo_is_one_error_with_register_file_and_line(tmp_path, value, command):
    reg, line = register_with_geo(tmp_path, value)
    doc = tmp_path / "doc.xml"
    shutil.copy(TAG_DOC, doc)
    proc = editio(command, doc, "--register", reg)
    one_line_error(proc, f"{reg.resolve()}:{line}:", "<geo>")
    assert doc.read_bytes() == TAG_DOC.read_bytes()


@pytest.mark.parametrize("value,expected", [("43.1 131.9", (43.1, 131.9)), ("43.1, 131.9", (43.1, 131.9)),
                                            (" -33.86,151.2 ", (-33.86, 151.2)), ("", None)])
def test_geo_in_both_spellings_is_read(tmp_path, value, expected):
    reg, _ = register_with_geo(tmp_path, value)
    assert register_mod.load(reg)["vladivostok"].geo == expected


# --------------------------------------------------------------------------- read-only output

@pytest.fixture()
def read_only(tmp_path):
    """A folder nobody may write into, root included (chattr +i), restored at teardown."""
    folder = tmp_path / "ro"
    folder.mkdir()
    if os.geteuid() == 0:
        if subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode != 0:
            pytest.skip("running as root and chattr +i is not available")
        yield folder
        subprocess.run(["chattr", "-i", str(folder)], check=True)
    else:
        folder.chmod(0o555)
        yield folder
        folder.chmod(0o755)


@pytest.mark.parametrize("command", [
    ["convert", SEEDS["wilson"], "--out", "{ro}"],
    ["convert", SEEDS["wilson"], "--out", "{ro}/tei"],
    ["tag", TAG_DOC, "--register", REGISTER, "--out", "{ro}"],
    ["validate", TAG_DOC, "--schema", ROOT / "schema" / "editio.rng", "--schematron", "none",
     "--output", "{ro}/report.txt"],
    ["build", WEB_TEI, "--web", "--out", "{ro}"],
    ["build", WEB_TEI, "--web", "--out", "{ro}/build"],
], ids=["convert", "convert-subfolder", "tag", "validate", "build-web", "build-web-subfolder"])
def test_every_writing_command_into_a_read_only_folder_says_so_in_one_line(read_only, command):
    proc = editio(*[str(a).replace("{ro}", str(read_only)) for a in command])
    one_line_error(proc, str(read_only), "cannot write")


def test_tag_in_place_in_a_read_only_folder(read_only, tmp_path):
    subprocess.run(["chattr", "-i", str(read_only)]) if os.geteuid() == 0 else read_only.chmod(0o755)
    shutil.copy(TAG_DOC, read_only / "doc.xml")
    subprocess.run(["chattr", "+i", str(read_only)]) if os.geteuid() == 0 else read_only.chmod(0o555)
    proc = editio("tag", read_only / "doc.xml", "--register", REGISTER)
    one_line_error(proc, str(read_only / "doc.xml"), "cannot write")
    assert (read_only / "doc.xml").read_bytes() == TAG_DOC.read_bytes()


# --------------------------------------------------------------------------- validation opens nothing

DOCTYPES = {
    "external-dtd": '<!DOCTYPE TEI SYSTEM "{dtd}">',
    "parameter-entity": '<!DOCTYPE TEI [ <!ENTITY % ext SYSTEM "{dtd}"> %ext; ]>',
    "public-id": '<!DOCTYPE TEI PUBLIC "-//TEI//DTD TEI P5//EN" "{dtd}">',
}


@pytest.mark.parametrize("engine", ["libxml2", "jing"])
@pytest.mark.parametrize("kind", sorted(DOCTYPES))
def test_validate_never_opens_the_dtd_a_doctype_names(tmp_path, kind, engine):
    """The DTD is a FIFO nobody writes to: opening it blocks for ever, so a hang is the failure."""
    if engine == "jing" and shutil.which("jing") is None:
        pytest.skip("jing is not installed")
    fifo = tmp_path / "trap.dtd"
    os.mkfifo(fifo)
    doc = tmp_path / "doc.xml"
    doc.write_text(TAG_DOC.read_text(encoding="utf-8").replace(
        "<TEI ", DOCTYPES[kind].format(dtd=fifo) + "\n<TEI ", 1), encoding="utf-8")
    try:
        proc = editio("validate", doc, "--schema", ROOT / "schema" / "editio.rng", "--format", "json",
                      "--engine", engine, timeout=60)
    except subprocess.TimeoutExpired:
        pytest.fail("validate opened the FIFO named by the DOCTYPE and hung")
    # libxml2 validates the file without its DTD; jing would open it, so the file is refused
    assert proc.returncode in ((0, 1) if engine == "libxml2" else (2,)), proc.stderr
    assert "Traceback" not in proc.stderr


def test_the_safe_parser_opens_no_external_subset_even_without_id_collection(tmp_path):
    from editio.xmlio import safe_parser
    fifo = tmp_path / "trap.dtd"
    os.mkfifo(fifo)
    data = f'<!DOCTYPE r SYSTEM "{fifo}"><r xml:id="a"><s xml:id="a"/></r>'.encode()
    code = ("import sys; from lxml import etree; from editio.xmlio import safe_parser;"
            "etree.fromstring(sys.stdin.buffer.read(), safe_parser(collect_ids=False)); print('parsed')")
    proc = subprocess.run([sys.executable, "-c", code], input=data, capture_output=True, timeout=60,
                          env=dict(os.environ, PYTHONPATH=str(ROOT / "tools")))
    assert proc.stdout.strip() == b"parsed", proc.stderr
    assert safe_parser  # imported in this process too: the module loads without side effects


# --------------------------------------------------------------------------- symlinks out of the project

@pytest.mark.parametrize("command", [["suspects", "{link}"], ["collate", "{link}", "{other}"],
                                     ["convert", "{link}", "--reader", "wilson", "--out", "{tmp}/tei"]])
def test_text_commands_do_not_follow_a_symlink_out_of_the_project(tmp_path, command):
    outside = tmp_path / "outside"
    outside.mkdir()
    secret = outside / "secret.txt"
    secret.write_text("root:x:0:0:supersecretword:/root:/bin/bash\n" * 20, encoding="utf-8")
    project = tmp_path / "project"
    project.mkdir()
    link = project / "witness.txt"
    link.symlink_to(secret)
    other = project / "other.txt"
    other.write_text("an ordinary witness text\n", encoding="utf-8")
    args = [a.replace("{link}", "witness.txt").replace("{other}", "other.txt").replace("{tmp}", str(tmp_path))
            for a in command]
    proc = editio(*args, cwd=project)
    one_line_error(proc, "witness.txt", "symlink")
    assert "supersecretword" not in proc.stdout + proc.stderr


def test_a_symlink_inside_the_project_is_followed(tmp_path):
    (tmp_path / "real.txt").write_text("The ships sail for Vladivostok today.\n", encoding="utf-8")
    (tmp_path / "link.txt").symlink_to(tmp_path / "real.txt")
    (tmp_path / "b.txt").write_text("The ships sail for Vladivostok tomorrow.\n", encoding="utf-8")
    proc = editio("collate", "link.txt", "b.txt", cwd=tmp_path)
    assert proc.returncode == 0 and "tomorrow" in proc.stdout


def test_a_file_outside_the_project_named_itself_is_read(tmp_path):
    (tmp_path / "a.txt").write_text("The ships sail for Vladivostok today.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("The ships sail for Vladivostok tomorrow.\n", encoding="utf-8")
    proc = editio("collate", tmp_path / "a.txt", tmp_path / "b.txt")     # cwd: the checkout
    assert proc.returncode == 0 and "tomorrow" in proc.stdout


# --------------------------------------------------------------------------- found by the fuzz suite

def test_collate_tei_keeps_the_space_before_a_reading_only_one_witness_has(tmp_path):
    """'the' against 'the the': the apparatus read B as 'thethe'."""
    from editio.transforms.apparatus import collation_to_tei, witness_text
    from editio.collation import collate_texts
    ab = collation_to_tei(collate_texts({"A": "the", "B": "the the"}))
    assert witness_text(ab, "#B").split() == ["the", "the"]
    assert witness_text(ab, "#A").split() == ["the"]


def test_tag_a_date_beyond_the_calendar_is_left_alone(tmp_path):
    """'in 9999999999 days' raised OverflowError out of `editio tag`."""
    doc = tmp_path / "doc.xml"
    doc.write_text(TAG_DOC.read_text(encoding="utf-8").replace("</p>", " We meet in 9999999999 days.</p>", 1),
                   encoding="utf-8")
    proc = editio("tag", doc, "--register", REGISTER, "--date", "1944-06-10")
    assert proc.returncode == 0, proc.stderr
    assert "9999999999 days" in doc.read_text(encoding="utf-8")


def test_tag_in_place_says_when_it_turns_a_converted_file_into_a_hand_edited_one(tmp_path):
    from editio.convert import fingerprinted, hand_edited
    converted = editio("convert", SEEDS["wilson"], "--out", tmp_path)
    assert converted.returncode == 0, converted.stderr
    [doc] = tmp_path.glob("*.xml")
    declaration, _, rest = doc.read_bytes().partition(b"\n")
    body = rest.split(b"\n", 1)[1]
    head, _, tail = body.rpartition(b"</p>")              # the last paragraph of the text
    rest = head + b" We sail for Vladivostok.</p>" + tail
    doc.write_bytes(fingerprinted(declaration + b"\n" + rest))     # as convert would have written it
    assert not hand_edited(doc.read_bytes())
    proc = editio("tag", doc, "--register", REGISTER)
    assert proc.returncode == 0, proc.stderr
    assert f"{doc}: note: editio convert wrote this file" in proc.stderr


def test_a_malformed_xml_error_is_one_line():
    """A NUL after '<' made libxml2's message span two lines (found by the long fuzz run)."""
    from editio.errors import InputError
    from editio.xmlio import parse_bytes
    with pytest.raises(InputError) as info:
        parse_bytes(b'<\x00?xml version="1.0"?><r/>', "x.xml")
    assert "\n" not in str(info.value) and str(info.value).startswith("x.xml:1:2: error: malformed XML")


# --------------------------------------------------------------------------- found by the review

@pytest.mark.parametrize("tei,out", [("build/web/tei", "build"), ("build/web", "build")])
def test_build_refuses_a_build_folder_that_holds_the_tei_folder(tmp_path, tei, out):
    """`editio build build/web/tei --web --out build` replaced build/web, and the TEI folder inside it
    went with it (exit 0)."""
    shutil.copytree(WEB_TEI, tmp_path / tei)
    (tmp_path / "build" / "web" / ".editio-web").write_text("", encoding="utf-8")   # as a build left it
    before = sorted(p.relative_to(tmp_path) for p in (tmp_path / tei).rglob("*"))
    proc = editio("build", tei, "--web", "--out", out, cwd=tmp_path)
    one_line_error(proc, "TEI folder", "would delete it")
    assert sorted(p.relative_to(tmp_path) for p in (tmp_path / tei).rglob("*")) == before


def test_validate_output_never_replaces_a_file_it_validates(tmp_path):
    """`editio validate doc.xml --output doc.xml` replaced the TEI document with its own report."""
    tei = tmp_path / "tei"
    shutil.copytree(WEB_TEI, tei)
    doc = tei / "1944-06-10-harriman-stalin.xml"
    before = doc.read_bytes()
    for args in ([doc], [tei], [tei / "register" / "register.xml", "tei"]):
        proc = editio("validate", *args, "--output", "tei/1944-06-10-harriman-stalin.xml", cwd=tmp_path)
        one_line_error(proc, "1944-06-10-harriman-stalin.xml", "refusing to overwrite")
        assert doc.read_bytes() == before
    proc = editio("validate", doc, "--output", tmp_path / "report.txt")
    assert proc.returncode in (0, 1) and "1944-06-10-harriman-stalin.xml" in (tmp_path / "report.txt").read_text()


@pytest.mark.parametrize("toml,table", [('[edition]\ntitle = 5\n', "[edition] title"),
                                        ('[edition]\ntitle = "x"\n[web]\ntitle = 5\n', "[web] title")])
def test_a_wrong_type_in_edition_toml_names_its_table(tmp_path, toml, table):
    """`title = 5` under [edition] was reported as '[web] title must be a string'."""
    shutil.copytree(WEB_TEI, tmp_path / "tei")
    (tmp_path / "edition.toml").write_text(toml, encoding="utf-8")
    proc = editio("build", "--web", cwd=tmp_path)
    one_line_error(proc, "edition.toml", f"{table} must be a string")


def test_collate_reads_a_bom_and_xml_in_any_declared_encoding(tmp_path):
    """A UTF-8 byte-order mark (Windows Notepad's) was collated as a word ('A: \\ufeff | B: —'); a TEI
    witness in UTF-16 was 'binary', one declared ISO-8859-1 'not UTF-8' (validate and tag read both)."""
    text = "The ships sail for Vladivostok today.\n"
    plain = tmp_path / "plain.txt"
    plain.write_text(text, encoding="utf-8")
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())
    tei = ('<?xml version="1.0" encoding="{enc}"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body>'
           '<p>The ships sail for Vladivostok today.</p></body></text></TEI>\n')
    (tmp_path / "u16.xml").write_bytes(tei.format(enc="UTF-16").encode("utf-16"))
    (tmp_path / "u16le.xml").write_bytes(tei.format(enc="UTF-16").encode("utf-16-le"))
    (tmp_path / "latin1.xml").write_bytes(tei.format(enc="ISO-8859-1").encode("latin-1"))
    for name in ("bom.txt", "u16.xml", "u16le.xml", "latin1.xml"):
        proc = editio("collate", tmp_path / name, plain)
        assert proc.returncode == 0 and "0 variants" in proc.stdout, (name, proc.stdout, proc.stderr)
    (tmp_path / "latin1.txt").write_bytes("The ships\nsail for Vladivostok café.\n".encode("latin-1"))
    one_line_error(editio("collate", tmp_path / "latin1.txt", plain), "latin1.txt:2:25:", "not UTF-8")


def test_entities_of_an_empty_folder_and_import_of_a_folder_say_so(tmp_path):
    """`editio entities emptydir/` reported nothing untagged, exit 0; `editio import somedir/` said 'no such file'."""
    (tmp_path / "empty").mkdir()
    one_line_error(editio("entities", tmp_path / "empty", "--register", REGISTER), "empty", "no .xml files")
    one_line_error(editio("import", tmp_path / "empty", "--out", tmp_path / "tei"), "empty", "is a folder")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_convert_reads_utf16_with_its_byte_order_mark(tmp_path, encoding):
    """A transcription saved as UTF-16 (with its BOM) was refused as 'binary (NUL bytes)'."""
    seed = SEEDS["wilson"]
    text = seed.read_text(encoding="utf-8")
    data = text.encode("utf-16") if encoding == "utf-16" else b"\xfe\xff" + text.encode("utf-16-be")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / seed.name).write_bytes(data)
    wide = editio("convert", tmp_path / "in" / seed.name, "--reader", "wilson", "--out", tmp_path / "a", "-q")
    assert wide.returncode == 0, wide.stderr
    shutil.copy(seed, tmp_path / seed.name)
    narrow = editio("convert", tmp_path / seed.name, "--reader", "wilson", "--out", tmp_path / "b", "-q")
    assert narrow.returncode == 0, narrow.stderr
    [a], [b] = sorted((tmp_path / "a").glob("*.xml")), sorted((tmp_path / "b").glob("*.xml"))
    body = lambda p: etree.tostring(etree.parse(str(p)).find("{http://www.tei-c.org/ns/1.0}text"))  # noqa: E731
    assert body(a) == body(b)


def test_tag_out_keeps_a_file_edited_there_and_never_writes_two_inputs_to_one_file(tmp_path):
    """`editio tag doc.xml --out tagged/` replaced tagged/doc.xml whatever it held (an editor's work on
    the last run's output); two inputs named doc.xml from two folders were both written to tagged/doc.xml,
    the second over the first."""
    out = tmp_path / "tagged"
    first = editio("tag", TAG_DOC, "--register", REGISTER, "--out", out)
    assert first.returncode == 0, first.stderr
    target = out / TAG_DOC.name
    assert editio("tag", TAG_DOC, "--register", REGISTER, "--out", out).returncode == 0   # the same bytes: fine
    edited = target.read_bytes().replace(b"</p>", b" An editor's sentence.</p>", 1)
    target.write_bytes(edited)
    one_line_error(editio("tag", TAG_DOC, "--register", REGISTER, "--out", out), str(target), "--force")
    assert target.read_bytes() == edited
    assert editio("tag", TAG_DOC, "--register", REGISTER, "--out", out, "--check").returncode in (0, 1)
    assert editio("tag", TAG_DOC, "--register", REGISTER, "--out", out, "--force").returncode == 0
    assert b"An editor's sentence." not in target.read_bytes()
    (tmp_path / "other").mkdir()
    shutil.copy(TAG_DOC, tmp_path / "other" / TAG_DOC.name)
    proc = editio("tag", TAG_DOC, tmp_path / "other" / TAG_DOC.name, "--register", REGISTER, "--out", tmp_path / "two")
    one_line_error(proc, "would both be written")
    assert not (tmp_path / "two").exists()


def test_convert_refuses_two_sources_of_one_document(tmp_path):
    """Two transcriptions the reader names alike (one document id) were both 'written' to one file, exit 0:
    the second replaced the first."""
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    shutil.copy(SEEDS["wilson"], tmp_path / "a" / "one.txt")
    text = SEEDS["wilson"].read_text(encoding="utf-8")
    (tmp_path / "b" / "two.txt").write_text(text.replace("Harriman", "Harriman (copy)", 1), encoding="utf-8")
    proc = editio("convert", tmp_path / "a" / "one.txt", tmp_path / "b" / "two.txt", "--reader", "wilson",
                  "--out", tmp_path / "tei")
    one_line_error(proc, "two.txt", "one.txt", "both would be written")
    assert not (tmp_path / "tei").exists()


def test_a_custom_stylesheet_that_recurses_for_ever_says_so(tmp_path):
    """The error of an endless template recursion in --xslt was 'XSLT mine.xsl failed: n'."""
    sheet = tmp_path / "mine.xsl"
    sheet.write_text('<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">'
                     '<xsl:import href="editio:web/document.xsl"/>'
                     '<xsl:template name="loop"><xsl:param name="n" select="0"/><xsl:call-template name="loop">'
                     '<xsl:with-param name="n" select="$n + 1"/></xsl:call-template></xsl:template>'
                     '<xsl:template match="/"><xsl:call-template name="loop"/></xsl:template></xsl:stylesheet>',
                     encoding="utf-8")
    proc = editio("build", WEB_TEI, "--web", "--out", tmp_path / "build", "--xslt", sheet, "-j", "1")
    one_line_error(proc, "mine.xsl", "infinite template recursion")


def test_a_file_name_that_breaks_its_links_is_a_warning(tmp_path):
    """A TEI file named 'x#2.xml' or 'x%.xml' built pages whose links to it ('documents/x#2.html') lead
    nowhere, without a word."""
    shutil.copytree(WEB_TEI, tmp_path / "tei")
    shutil.move(tmp_path / "tei" / "1945-07-02-stalin-soong.xml", tmp_path / "tei" / "1945-07-02 copy #2.xml")
    proc = editio("build", "tei", "--web", "--out", "build", "-q", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    [line] = [row for row in proc.stderr.splitlines() if "file-name-url" in row]
    assert "1945-07-02 copy #2.xml" in line and "'#'" in line and "' '" in line
    shutil.move(tmp_path / "tei" / "1945-07-02 copy #2.xml", tmp_path / "tei" / "my letter.xml")
    proc = editio("build", "tei", "--web", "--out", "build", "-q", cwd=tmp_path)   # a space alone
    [line] = [row for row in proc.stderr.splitlines() if "file-name-url" in row]
    assert "my letter.xml" in line and "' '" in line
    strict = editio("build", "tei", "--web", "--out", "build", "-q", "--strict", cwd=tmp_path)
    assert strict.returncode == 1


@pytest.mark.parametrize("toml,message", [('titles = [1, 2]', "titles must be a list of strings"),
                                          ('titles = "Mr."', "titles must be a list of strings"),
                                          ('articles = 5', "articles must be a list of strings"),
                                          ('wrap_editorial = "yes"', "wrap_editorial must be true or false")])
def test_name_data_with_wrong_types_is_one_error(tmp_path, toml, message):
    """names.toml with a number where a list of words belongs ended in AttributeError/TypeError tracebacks;
    titles = "Mr." was taken letter by letter."""
    names = tmp_path / "names.toml"
    names.write_text(toml + "\n", encoding="utf-8")
    one_line_error(editio("entities", TAG_DOC, "--register", REGISTER, "--names", names), str(names), message)


EDITION_TOML = ROOT / "edition.toml"


@pytest.mark.parametrize("old,new,message", [
    ('when = "1944-10-14"', "when = 1944-10-14", 'write the date in quotes: "1944-10-14"'),
    ('when = "1944-10-14"', 'when = "1944-13-45"', "is not an ISO date"),
    ('place = "Moscow"', "place = 5", "header.place must be a string"),
    ('readings = { A = "Beane", B = "Deane" }', 'readings = "Beane"', "apparatus.adopt #1.readings must be a table"),
    ('text = "the other night"', 'text = ["the other night"]', "dates #1.text must be a string"),
    ('id = "1944-10-17-harriman-stalin"', "id = 5", "id must be a string"),
    ('id = "1944-10-17-harriman-stalin"', 'id = "../escaped"', "id must be a file name"),
])
def test_a_wrong_value_in_a_document_table_is_one_error_naming_it(tmp_path, old, new, message):
    """[[document]] settings of the wrong type ended in TypeError/AttributeError tracebacks from the
    reader or a transform (an unquoted date, `when = 1944-10-14`, is a TOML date); an invalid date went
    into @when; an id '../escaped' wrote ../escaped.xml beside the output folder."""
    for name in ("seeds", "editorial"):
        shutil.copytree(ROOT / name, tmp_path / name)
    text = EDITION_TOML.read_text(encoding="utf-8")
    assert old in text
    (tmp_path / "edition.toml").write_text(text.replace(old, new, 1), encoding="utf-8")
    proc = editio("convert", "--out", tmp_path / "out" / "tei", "-j", "1", cwd=tmp_path)
    one_line_error(proc, "edition.toml", message)
    assert not (tmp_path / "out").exists()
