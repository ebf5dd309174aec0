"""`validate` and `build --web` on mutated TEI: a report or one clear error, never an exception;
a failed build leaves the previous site as it was."""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from pathlib import Path

from hypothesis import given, strategies as st

from editio.errors import EditioError
from editio.validation.engine import Options, validate
from editio.validation.schemas import resolve
from editio.web import build_web

from fuzzing import CONTROLS, scaled

ROOT = Path(__file__).resolve().parents[2]
WEB_TEI = ROOT / "tests" / "fixtures" / "web" / "tei"
DOCS = sorted(WEB_TEI.glob("*.xml"))
INSERTS = ["<", ">", "&", "&amp;", "&nosuch;", "&#0;", "&#xFFFE;", "]]>", "<!--", "-->", "<?pi x?>",
           '<!DOCTYPE TEI SYSTEM "/dev/zero">', '<!ENTITY a "b">', "<p>", "</p>", "<persName ref='#nobody'>",
           "</persName>", "<note>", '<ptr target="../../../../etc/passwd"/>', '<ref target="javascript:alert(1)">x</ref>',
           '<graphic url="file:///etc/passwd"/>', ' xml:id="dup"', ' when="1944-13-45"', ' ref="#stalin #stalin"',
           "<script>alert(1)</script>", "\u202e", "\ufeff", "x" * 5000, *CONTROLS]


@st.composite
def mutated(draw) -> tuple[str, bytes]:
    path = draw(st.sampled_from(DOCS))
    data = path.read_bytes()
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["insert", "delete", "truncate", "duplicate"]))
        at = draw(st.integers(0, len(data)))
        if op == "insert":
            data = data[:at] + draw(st.sampled_from(INSERTS)).encode("utf-8") + data[at:]
        elif op == "delete":
            data = data[:at] + data[at + draw(st.integers(1, 200)):]
        elif op == "truncate":
            data = data[:at]
        else:
            data = data[:at] + data[at:at + draw(st.integers(1, 400))] + data[at:]
    return path.name, data


SCHEMAS = resolve("editio", None)


@given(mutated())
def test_validate_reports_or_refuses_mutated_tei(case):
    name, data = case
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        report = validate([path], Options(schemas=SCHEMAS, edition_rules=True), jobs=1)
        assert report.exit_code in (0, 1, 2)
        for issue in report.issues():
            assert issue.line >= 1 and issue.file == str(path)


def snapshot(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and "pagefind" not in p.parts}


WORK = Path(tempfile.mkdtemp(prefix="editio-fuzz-web-"))
SITE = WORK / "out" / "web"


@scaled(0.25)
@given(mutated())
def test_build_web_on_mutated_tei_builds_or_refuses_and_keeps_the_last_site(case):
    name, data = case
    if not SITE.exists():
        build_web(WEB_TEI, SITE)
    before = snapshot(SITE)
    tei = WORK / "tei"
    shutil.rmtree(tei, ignore_errors=True)
    shutil.copytree(WEB_TEI, tei)
    (tei / name).write_bytes(data)
    try:
        build_web(tei, SITE)
    except EditioError as exc:
        assert "\n" not in str(exc)
        assert snapshot(SITE) == before
    else:
        assert (SITE / "index.html").is_file() and (SITE / "documents").is_dir()
    assert not [p for p in SITE.parent.iterdir() if ".staging-" in p.name or ".old-" in p.name]
