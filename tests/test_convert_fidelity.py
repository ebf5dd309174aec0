"""Nothing lost, nothing invented: every word of each seed's text is in its TEI, in order, and no more."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from teiview import NS, SEEDS, WORD, foot_notes, tei_for_seed, witness_body, words

SPANS = tomllib.loads((Path(__file__).parent / "fixtures/convert/text-spans.toml").read_text("utf-8"))
# transcription marks that are markup, not words of the document
MARKS = re.compile(r"\[sic\]|\[ILLEG\s?IBLE\]|\[Page \d+\]|\[\^|~~|\*\*|█+|□", re.IGNORECASE)


def seed_span(name: str, first: str, last: str, occurrence: int = 1) -> list[str]:
    lines = [line.strip() for line in (SEEDS / name).read_text("utf-8").split("\n")]
    starts = [i for i, line in enumerate(lines) if line == first]
    start = starts[occurrence - 1]
    end = next(i for i in range(start, len(lines)) if lines[i] == last)
    return lines[start:end + 1]


def seed_words(lines: list[str]) -> list[str]:
    return WORD.findall(MARKS.sub(" ", "\n".join(lines)))


CASES = [(name, w) for name, spec in SPANS.items() for w in spec["witnesses"]]


@pytest.mark.parametrize("name,witness", CASES, ids=[f"{n[:3]}-{w['siglum']}" for n, w in CASES])
def test_every_word_in_order_and_nothing_more(name, witness):
    tree = tei_for_seed(name)
    lines = seed_span(name, witness["first"], witness["last"], witness.get("occurrence", 1))
    note_lines = SPANS[name].get("notes", [])
    text_lines = [line for line in lines if line not in note_lines]
    for marker in SPANS[name].get("markers", []):
        text_lines = [re.sub(marker, "", line) for line in text_lines]
    body = witness_body(tree, witness["siglum"] if len(SPANS[name]["witnesses"]) > 1 else None)
    expected = seed_words(text_lines)
    got = words(body, skip_notes=True)
    assert got == expected, _first_difference(got, expected)
    note_words = [w for note in foot_notes(body) for w in words(note)]
    assert note_words == seed_words([re.sub(r"^(\*|\d+\.)\s*", "", n) for n in note_lines])


def _first_difference(got: list[str], expected: list[str]) -> str:
    for index, (a, b) in enumerate(zip(got, expected)):
        if a != b:
            return f"word {index}: TEI has {got[index:index + 8]}, seed has {expected[index:index + 8]}"
    return f"lengths differ: TEI {len(got)} words, seed {len(expected)} words; tail TEI {got[-5:]} seed {expected[-5:]}"


@pytest.mark.parametrize("name", sorted(SPANS))
def test_page_furniture_is_not_in_the_text(name):
    body_text = " ".join(tei_for_seed(name).find(".//t:text", NS).itertext())
    for furniture in ("Quick navigation", "Website note", "Associated Places", "Document Information",
                      "Focal Point", "digitalarchive.wilsoncenter.org", "Citation:", "Original Language",
                      "welcomes reuse", "David Irving"):
        assert furniture not in body_text


@pytest.mark.parametrize("name", sorted(SPANS))
def test_sourcedesc_names_the_seed(name):
    tree = tei_for_seed(name)
    seed = tree.xpath("string(//t:sourceDesc//t:idno[@type='seed'])", namespaces=NS)
    assert seed == f"seeds/{name}"
