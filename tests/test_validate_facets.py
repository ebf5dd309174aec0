"""The RELAX NG fast path (facets.py): a grammar without its long pattern facets plus those patterns
checked in Python gives libxml2's verdict on the original grammar, and the original's messages."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from lxml import etree

from editio import resources
from editio.validation import engine
from editio.validation.engine import Options, _read, validate
from editio.validation.facets import split, xsd_to_python
from editio.validation.mutants import mutate_edition
from editio.validation.schemas import resolve

FIX = Path(__file__).parent / "fixtures" / "validation" / "edition"
RNG = resources.schema("editio.rng")
RNG_NS = "http://relaxng.org/ns/structure/1.0"


@pytest.fixture(autouse=True)
def _private_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("EDITIO_CACHE_DIR", str(tmp_path / "cache"))


def _libxml2_accepts(pattern: str, value: str) -> bool:
    grammar = etree.fromstring(
        f'<element xmlns="{RNG_NS}" name="a" datatypeLibrary="http://www.w3.org/2001/XMLSchema-datatypes">'
        f'<attribute name="v"><data type="string"><param name="pattern"></param></data></attribute></element>')
    grammar.find(f".//{{{RNG_NS}}}param").text = pattern
    doc = etree.Element("a", v=value)
    return etree.RelaxNG(grammar).validate(doc)


PATTERNS = [r"register/register\.xml#[a-z0-9][a-z0-9\-]*", r"#[^\s#]+", r"\S+", r"a{2,3}(b|c)?d*",
            r"[A-Z][a-z]+-\d{4}", r"x.y", r"^a$", r"[\-a]+", r"(ab|cd)+e?"]
VALUES = ["", " ", "a", "ab", "aab", "aaabd", "aaab", "register/register.xml#harriman", "register/register.xml#",
          "register/register.xml#Bad", "register/register.xmlx#a", "register/register.xml#a-b-9",
          "#a", "#a#b", "# a", "#", "x y", "x\u00e9y", "xy", "Abc-1944", "Abc-١٩٤٤", "abc-1944", "^a$", "a$",
          "-a-", "abcde", "abab", "x\ty", "Ab-12345"]


@pytest.mark.parametrize("pattern", PATTERNS)
def test_translated_patterns_accept_exactly_what_libxml2_accepts(pattern):
    regex = xsd_to_python(pattern)
    assert regex is not None
    for value in VALUES:
        assert (regex.fullmatch(value) is not None) == _libxml2_accepts(pattern, value), (pattern, value)


def test_what_is_not_translated_exactly_is_left_to_libxml2():
    for pattern in [r"\w+", r"\i\c*", r"\p{L}+", r"[a-z-[aeiou]]", r"[^-a]", r"\x", "(a"]:
        assert xsd_to_python(pattern) is None, pattern


def test_editio_rng_loses_only_the_register_pattern_and_the_rest_of_the_grammar_stays():
    grammar = etree.parse(str(RNG))
    stripped, checks = split(grammar)
    assert list(checks.checks) == ["ref"]
    before = etree.tostring(grammar).count(b'name="pattern"')
    after = etree.tostring(stripped).count(b'name="pattern"')
    assert before - after == etree.tostring(grammar).count(b"register/register\\.xml#") > 0


@pytest.fixture(scope="module")
def mutants(tmp_path_factory):
    folder = tmp_path_factory.mktemp("facets") / "edition"
    shutil.copytree(FIX, folder)
    sources = sorted(folder.glob("*.xml"))
    paths = list(sources)
    for m in mutate_edition(folder, RNG, 5, sources=sources):
        if m.kind != "malformed":
            (folder / m.name).write_bytes(m.data)
            paths.append(folder / m.name)
    # the values the removed pattern must reject, on the elements that carry @ref
    doc = sources[0]
    text = doc.read_text()
    for k, bad in enumerate(["register/register.xml#Bad", "register/register.xml#", "register/register.xml#a_b",
                             " register/register.xml#harriman", "register/register.xml#harriman ",
                             "register/register.xml#harriman&#10;", "#harriman", "register/register.xml#a b"]):
        out = folder / f"{doc.stem}-ref{k}.xml"
        out.write_text(text.replace('ref="register/register.xml#harriman"', f'ref="{bad}"', 1))
        paths.append(out)
    return paths


def test_fast_path_verdict_equals_the_original_grammar_on_every_mutant(mutants):
    grammar = etree.parse(str(RNG))
    original = etree.RelaxNG(grammar)
    stripped, checks = split(grammar)
    fast = etree.RelaxNG(stripped)
    fast_valid = 0
    for path in mutants:
        tree = _read(str(path))[1]
        ours = fast.validate(tree) and checks.passes(tree)
        theirs = original.validate(tree)
        assert not ours or theirs, path.name  # never valid when the original says invalid
        assert ours == theirs, path.name      # and on these documents, the same verdict
        fast_valid += ours
    assert fast_valid >= 3  # the valid sources take the fast path


def test_reported_grammar_errors_are_the_original_grammars(mutants, monkeypatch):
    fast = validate(mutants, Options(resolve("editio"), edition_rules=True), jobs=1)
    monkeypatch.setattr(engine, "_fast_path", lambda *a: None)
    slow = validate(mutants, Options(resolve("editio"), edition_rules=True), jobs=1)
    assert [[i.text() for i in r.issues] for r in fast.results] == [[i.text() for i in r.issues] for r in slow.results]
    bad_ref = [r for r in fast.results if "-ref" in Path(r.file).name]
    assert len(bad_ref) == 8
    for r in bad_ref[:3] + bad_ref[5:6]:  # values the pattern rejects: libxml2's own message and line
        assert any(i.rule.startswith("rng") for i in r.issues), r.file
