"""The registers as every builder sees them: one check before any builder runs.

A malformed entry (a person without persName, a place without placeName, an entry without xml:id,
a <geo> that is not two numbers) stopped `editio build --web` with exit 2 and was passed over in
silence by `--api`; a duplicate xml:id stopped `--web` and `--print` (libxml2's message, the second
line only) and was accepted by `--api`.  Now a malformed entry is a warning naming the file, the
entry and its line (exit 0, 1 under --strict) and the entry is taken with what it has; a duplicate
id stops every builder with one line naming the file, the id and both lines.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from editio import register as register_mod
from editio.pdf import render_tex

ROOT = Path(__file__).resolve().parents[1]
WEB_TEI = ROOT / "tests" / "fixtures" / "web" / "tei"


def editio(*args, cwd=None, timeout=300):
    env = dict(os.environ, PYTHONPATH=str(ROOT / "tools"))
    return subprocess.run([sys.executable, "-c", "from editio.cli import main; main()", *map(str, args)],
                          capture_output=True, text=True, timeout=timeout, cwd=cwd, env=env)


def line_of(text: str, needle: str) -> int:
    return next(n for n, row in enumerate(text.splitlines(), 1) if needle in row)


# each fault: what the register line becomes, and what the warning must say
FAULTS = {
    "no-persName": ('<person xml:id="soong"><persName type="main">T. V. Soong</persName>',
                    '<person xml:id="soong">', ["person 'soong' has no persName", "shown under its xml:id"]),
    "no-placeName": ('<place xml:id="kremlin" type="building"><placeName type="main">The Kremlin</placeName>',
                     '<place xml:id="kremlin" type="building">', ["place 'kremlin' has no placeName"]),
    "no-id": ('<person xml:id="page">', '<person>', ["the 5th person has no xml:id", "left out"]),
    "bad-geo": ('<geo>43.1155 131.8855</geo>', '<geo>north of Japan</geo>',
                ["place 'vladivostok'", "'north of Japan'", "coordinates are left out"]),
}


def edition_with_register(tmp_path_factory, name: str, edits: list[tuple[str, str]]) -> tuple[Path, str]:
    """The web fixture's edition, its register edited (each old text there once); (folder, register text)."""
    folder = tmp_path_factory.mktemp(name)
    shutil.copytree(WEB_TEI, folder / "tei")
    reg = folder / "tei" / "register" / "register.xml"
    text = reg.read_text(encoding="utf-8")
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    reg.write_text(text, encoding="utf-8")
    return folder, text


@pytest.fixture(scope="module")
def broken(tmp_path_factory):
    """The web fixture's edition with all four faults in its register; (folder, {fault: line})."""
    folder, text = edition_with_register(tmp_path_factory, "broken-register",
                                         [(old, new) for old, new, _ in FAULTS.values()])
    return folder, {name: line_of(text, new) for name, (_, new, _) in FAULTS.items()}


def register_warnings(stderr: str) -> list[str]:
    return [row for row in stderr.splitlines() if "[register-entry]" in row]


@pytest.mark.parametrize("builder", ["web", "api"])
def test_a_malformed_register_entry_is_a_warning_naming_file_entry_and_line(broken, builder):
    folder, lines = broken
    proc = editio("build", "tei", f"--{builder}", "--out", f"out-{builder}", "-q", "-j", "1", cwd=folder)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr
    rows = register_warnings(proc.stderr)
    assert len(rows) == len(FAULTS), rows          # once each, whatever the number of builders
    for name, (_, _, needles) in FAULTS.items():
        [row] = [r for r in rows if r.startswith(f"tei/register/register.xml:{lines[name]}: warning:")]
        for needle in needles:
            assert needle in row, (name, row)
    # --strict: the four warnings fail the build, beside whatever the same build warns of without them
    strict = editio("build", "tei", f"--{builder}", "--out", f"out-{builder}", "-q", "--strict", cwd=folder)
    clean = editio("build", WEB_TEI, f"--{builder}", "--out", folder / f"clean-{builder}", "-q", "--strict")
    counted = [int(re.search(r"(\d+) warning\(s\); failing because of --strict", p.stderr).group(1))
               if p.returncode == 1 else 0 for p in (strict, clean)]
    # the entry left out for want of an id leaves the names pointing to it dangling: warned of too
    dangling = [r for r in strict.stderr.splitlines() if "[name-dangling-ref]" in r]
    assert dangling and all("'page'" in r for r in dangling), dangling
    assert strict.returncode == 1 and counted[0] == counted[1] + len(FAULTS) + len(dangling), (counted, strict.stderr)


def test_the_site_shows_an_entry_with_what_it_has(broken):
    folder, _ = broken
    proc = editio("build", "tei", "--web", "--out", "out-site", "-q", "--format", "json", cwd=folder)
    assert proc.returncode == 0, proc.stderr[-2000:]
    import json
    warned = [w for w in json.loads(proc.stdout)["warnings"] if w["rule"] == "register-entry"]
    assert len(warned) == len(FAULTS)
    site = folder / "out-site" / "web" / "register"
    assert re.search(r"<h1[^>]*>\s*soong\s*</h1>", (site / "soong.html").read_text(encoding="utf-8"))
    assert re.search(r"<h1[^>]*>\s*kremlin\s*</h1>", (site / "kremlin.html").read_text(encoding="utf-8"))
    assert not (site / "page.html").exists()                   # no id: nothing can point to it
    assert "Edward Page" not in (site / "persons.html").read_text(encoding="utf-8")
    vladivostok = (site / "vladivostok.html").read_text(encoding="utf-8")
    assert "Vladivostok" in vladivostok and "north of Japan" not in vladivostok


def test_print_indexes_a_nameless_entry_under_its_id_and_leaves_bad_coordinates_out(broken):
    folder, _ = broken
    tex = render_tex(folder / "tei")
    assert "\\edindex[places]{kremlin@kremlin (building); 55.7520° N, 37.6175° E}" in tex
    assert re.search(r"\\edindex\[places\]\{vladivostok@Vladivostok \(city\); also Vladivostock\}", tex)
    assert "north" not in tex


def test_tag_still_refuses_a_malformed_register(broken):
    """Only the builders take a malformed entry with what it has; the tagger needs the names."""
    folder, lines = broken
    reg = folder / "tei" / "register" / "register.xml"
    with pytest.raises(register_mod.InputError) as err:
        register_mod.load(reg)
    assert f":{min(lines.values())}:" in str(err.value)


def test_validate_still_reports_the_missing_name_as_an_error(broken):
    folder, lines = broken
    proc = editio("validate", "tei/register/register.xml", cwd=folder)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    out = proc.stdout + proc.stderr
    for name in ("no-persName", "no-placeName"):
        # the schema finds the entry's content wrong at the element after the missing name
        assert re.search(rf"register\.xml:{lines[name]}:\d+: error", out), (name, out)


# --------------------------------------------------------------------------- duplicate ids

@pytest.fixture(scope="module")
def duplicate(tmp_path_factory):
    copy = '<place xml:id="moscow" type="city"><placeName type="main">Moskva</placeName></place>'
    folder, text = edition_with_register(tmp_path_factory, "duplicate-register",
                                         [('<place xml:id="kremlin"', copy + "\n   " + '<place xml:id="kremlin"')])
    return folder, line_of(text, "Moskva"), line_of(text, '<place xml:id="moscow" type="city"><placeName type="main">Moscow')


@pytest.mark.parametrize("builder", ["web", "print", "api"])
def test_every_builder_refuses_a_duplicate_register_id_naming_both_lines(duplicate, builder):
    folder, first, second = duplicate
    proc = editio("build", "tei", f"--{builder}", "--out", f"out-{builder}", "-q", cwd=folder)
    assert proc.returncode == 2, proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr
    [line] = proc.stderr.strip().splitlines()
    assert line.startswith(f"tei/register/register.xml:{second}: error:"), line
    assert "'moscow'" in line and f"lines {first} and {second}" in line
    assert not (folder / f"out-{builder}" / builder).exists()


def test_an_id_defined_in_two_register_files_names_both(tmp_path):
    shutil.copytree(WEB_TEI, tmp_path / "tei")
    extra = tmp_path / "tei" / "register" / "extra.xml"
    extra.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>x</title>'
                     '</titleStmt><publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc>'
                     '</fileDesc></teiHeader><text><body><listPerson>\n'
                     '<person xml:id="stalin"><persName type="main">Another</persName></person>\n'
                     '</listPerson></body></text></TEI>\n', encoding="utf-8")
    main = (tmp_path / "tei" / "register" / "register.xml").read_text(encoding="utf-8")
    stalin = line_of(main, 'xml:id="stalin"')
    for builder in ("api", "web"):
        proc = editio("build", "tei", f"--{builder}", "--out", "out", "-q", cwd=tmp_path)
        assert proc.returncode == 2, proc.stderr[-2000:]
        [line] = proc.stderr.strip().splitlines()
        assert "'stalin'" in line and "tei/register/extra.xml:2" in line, line
        assert line.startswith(f"tei/register/register.xml:{stalin}:"), line


def test_a_name_that_points_to_no_entry_is_a_warning_naming_file_line_and_pointer(tmp_path):
    """Before, `<persName ref="#nobody">` and a pointer to a register entry that is not there built in
    silence (exit 0 under --strict); the page shows the name unlinked."""
    import json
    folder = tmp_path / "ed"
    shutil.copytree(WEB_TEI, folder / "tei")
    doc = folder / "tei" / "1945-07-02-stalin-soong.xml"
    text = doc.read_text(encoding="utf-8")
    first = re.search(r'<persName ref="([^"]+)"', text)
    text = text[:first.start(1)] + "#nobody" + text[first.end(1):]
    doc.write_text(text, encoding="utf-8")
    line = line_of(text, 'ref="#nobody"')
    proc = editio("build", "tei", "--web", "--out", "out", "-q", "--format", "json", cwd=folder)
    assert proc.returncode == 0, proc.stderr[-2000:]
    [warning] = [w for w in json.loads(proc.stdout)["warnings"] if w["rule"] == "name-dangling-ref"]
    assert warning["file"].endswith("1945-07-02-stalin-soong.xml") and warning["line"] == line, warning
    assert "'nobody'" in warning["message"]
    strict = editio("build", "tei", "--web", "--out", "out", "-q", "--strict", cwd=folder)
    assert strict.returncode == 1 and "[name-dangling-ref]" in strict.stderr, strict.stderr[-2000:]
    # a speech whose @who names no one is placed at the speech
    text = text.replace("</body>", '<sp who="#no-speaker"><p>Yes.</p></sp></body>', 1)
    doc.write_text(text, encoding="utf-8")
    proc = editio("build", "tei", "--web", "--out", "out", "-q", "--format", "json", cwd=folder)
    [speech] = [w for w in json.loads(proc.stdout)["warnings"] if "'no-speaker'" in w.get("message", "")]
    assert speech["line"] == line_of(text, 'who="#no-speaker"'), speech
