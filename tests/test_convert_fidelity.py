"""Nothing lost, nothing invented: every word of each seed's text is in its TEI, in order, and no more;
every word of the page around the text (titles, summaries, citations, notes) is in the header.

The TEI is the one converted from seeds/ into a temporary folder (tests/conftest.py)."""

from __future__ import annotations

import re
import tomllib
from collections import Counter
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
    # the heads and the one opener gather the lines above the text, which a layout in two columns
    # interleaves ("TOP SECRET  Moscow / Conversation  July 3, 1945"): the same words, in any order
    top = len(words(_top(body), skip_notes=True))
    assert sorted(got[:top]) == sorted(expected[:top]), (got[:top], expected[:top])
    assert got[top:] == expected[top:], _first_difference(got[top:], expected[top:])
    note_words = [w for note in foot_notes(body) for w in words(note)]
    assert note_words == seed_words([re.sub(r"^(\*|\d+\.)\s*", "", n) for n in note_lines])


def _top(body):
    """A copy of the div holding only its heads and opener."""
    import copy
    div = copy.deepcopy(body.find("t:div", NS))
    for child in list(div):
        if child.tag not in (f"{{{NS['t']}}}head", f"{{{NS['t']}}}opener"):
            div.remove(child)
    return div


HEADER_MARKS = re.compile(r"^#+\s*|\*\*|<|>", re.M)


@pytest.mark.parametrize("name", sorted(SPANS))
def test_every_word_around_the_text_is_in_the_header(name):
    """Titles, dates, citations, summaries, credits, rights, website notes: the seed's lines outside the
    text, page furniture aside (navigation, labels, branding), all have their words in the teiHeader."""
    lines = [line.strip() for line in (SEEDS / name).read_text("utf-8").split("\n")]
    inside: set[int] = set()
    for witness in SPANS[name]["witnesses"]:
        starts = [i for i, line in enumerate(lines) if line == witness["first"]]
        start = starts[witness.get("occurrence", 1) - 1]
        end = next(i for i in range(start, len(lines)) if lines[i] == witness["last"])
        inside |= set(range(start, end + 1))
    furniture = set(SPANS[name].get("furniture", []))
    around = [HEADER_MARKS.sub(" ", line) for i, line in enumerate(lines)
              if i not in inside and line and re.sub(r"^#+\s*", "", line.replace("*", "")).strip() not in furniture]
    header = tei_for_seed(name).find(".//t:teiHeader", NS)
    have = Counter(WORD.findall(" ".join(header.itertext())))
    missing = Counter(seed_words(around)) - have
    assert not missing, f"header lacks {dict(missing)}"


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
