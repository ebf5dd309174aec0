"""Every time-sensitive path stays linear on adversarial input: 10x the input costs under 25x the time.

Each test times the same operation on n and on 10n within one run and asserts the ratio, never a
duration (the machine may be loaded; both sizes feel the same load).  A linear path measures 10-12x,
a quadratic one 100x: the limit of 25 lies between them, and a ratio above it is measured again (up
to three times) before the test fails, because noise on a shared machine only ever inflates one
measurement (a CI run once read 15.03x for a path that measures 9-14x), while a quadratic path is
100x on every measurement.  The inputs are the shapes
that were quadratic or worse: long runs of non-space characters before the [sic] alternative,
unclosed marks, witnesses with nothing in common, text full of date and name look-alikes.
"""

from __future__ import annotations

import gc
import random
import time
from pathlib import Path

import pytest
from lxml import etree

from editio.collation import collate_texts
from editio.transforms.dates import DateTagger
from editio.readers import READERS
from editio.readers.marks import parse_inlines
from editio.transforms.tagger import Tagger, lexicon

ROOT = Path(__file__).resolve().parents[1]
REGISTER = ROOT / "tei" / "register" / "register.xml"
LIMIT = 25
ATTEMPTS = 3


def timed(func, arg) -> float:
    """CPU seconds of this process: the other processes of a loaded machine do not count."""
    start = time.process_time()
    func(arg)
    return time.process_time() - start


def growth(func, make, n: int, rounds: int = 4) -> float:
    """time(make(10n)) / time(make(n)): the best of a few interleaved runs of each, with the cyclic
    garbage collector off (its passes grow with the live objects, not with the work measured)."""
    small, large = make(n), make(10 * n)
    func(small)                                   # warm caches (compiled patterns, lexicon)
    best_small = best_large = float("inf")
    gc.collect()
    gc.disable()
    try:
        for _ in range(rounds):
            best_small = min(best_small, timed(func, small), timed(func, small))
            best_large = min(best_large, timed(func, large))
    finally:
        gc.enable()
    return best_large / best_small


def assert_linear(func, make, n: int) -> None:
    """growth(func, make, n) < LIMIT on one of ATTEMPTS measurements; the failure lists them all."""
    seen = []
    for _ in range(ATTEMPTS):
        seen.append(growth(func, make, n))
        if seen[-1] < LIMIT:
            return
    raise AssertionError(f"10x the input cost {', '.join(f'{g:.1f}x' for g in seen)} the time "
                         f"(limit {LIMIT}x): not linear")


INLINE_SHAPES = {
    "long run": lambda n: "x" * n,                                  # was: 10,000 chars 4 s
    "run of stars": lambda n: "*" * n,
    "unclosed insertions": lambda n: "[^a" * (n // 3),
    "unclosed deletion": lambda n: "~~" + "a~" * (n // 2),
    "many sics": lambda n: "word [sic] " * (n // 11),
    "marks glued together": lambda n: "~~a~~b**c**█d [sic]" * (n // 19),
    "brackets": lambda n: "[" * n,
}


@pytest.mark.parametrize("shape", sorted(INLINE_SHAPES))
def test_transcription_marks_parse_in_linear_time(shape):
    assert_linear(parse_inlines, INLINE_SHAPES[shape], 100_000)


SEEDS = {"wilson": ROOT / "seeds" / "003_d19860ca353ac499.txt", "frus": ROOT / "seeds" / "002_ee78402f5728550e.txt",
         "focalpoint": ROOT / "seeds" / "001_4675f7a8ca8e1c30.txt"}


@pytest.mark.parametrize("reader", sorted(SEEDS))
def test_readers_read_a_source_of_repeated_lines_in_linear_time(reader):
    """Was: a 1 MB focalpoint file of repeated lines took over 30 s."""
    lines = SEEDS[reader].read_text(encoding="utf-8").split("\n")
    mid = len(lines) // 2
    body = [row for row in lines[mid - 10:mid] if row.strip()] or ["The Marshal said yes."]

    def make(n):
        return "\n".join(lines[:mid] + body * (n // len(body)) + ["x" * n] + lines[mid:])

    def read(text):
        READERS[reader].read(text, "x.txt", "x", {})
    assert_linear(read, make, 1_000)


def _words(rng, n, vocab=2000):
    return [f"w{rng.randint(0, vocab)}" for _ in range(n)]


COLLATION_SHAPES = {
    "reversed": lambda rng, n: (w := _words(rng, n), list(reversed(w))),
    "unrelated": lambda rng, n: (_words(rng, n), _words(rng, n)),
    "shuffled": lambda rng, n: (w := _words(rng, n), rng.sample(w, len(w))),
    "five-word vocabulary": lambda rng, n: (_words(rng, n, 4), _words(rng, n, 4)),
}


@pytest.mark.parametrize("shape", sorted(COLLATION_SHAPES))
def test_collation_of_witnesses_with_little_in_common_is_linear(shape):
    """Was: two 700 kB fuzzed witnesses took over 20 s."""
    def make(n):
        a, b = COLLATION_SHAPES[shape](random.Random(n), n)
        return " ".join(a), " ".join(b)

    def run(pair):
        collate_texts({"A": pair[0], "B": pair[1]})
    assert_linear(run, make, 5_000)


DATE_SHAPES = {
    "date words": lambda n: "the last next this in early late June 10, " * (n // 41),
    "digits": lambda n: "1 22 333 4/5/6 1944-06- 10-15 " * (n // 30),
    "almost dates": lambda n: "in about some roughly two weeks of the closing months of " * (n // 57),
}


@pytest.mark.parametrize("shape", sorted(DATE_SHAPES))
def test_date_tagging_is_linear(shape):
    tagger = DateTagger("1944-06-10")
    assert_linear(lambda text: tagger.split(text, 1), DATE_SHAPES[shape], 50_000)


def test_name_tagging_is_linear():
    lex = lexicon(REGISTER)
    forms = sorted({form for form, _, _ in lex.register.forms()}) if hasattr(lex, "register") else []
    rng = random.Random(5)
    pool = (forms or ["Marshal Stalin", "Mr. Harriman"]) + ["Mr.", "Marshal", "the President", "Molotovv", "Mos cow",
                                                             "W. A.", "of", "and", "the"]

    def make(n):
        return " ".join(rng.choice(pool) for _ in range(n))

    def run(text):
        Tagger(lex, "1944-06-10").split(text, 1)
    assert_linear(run, make, 5_000)


def test_a_whole_tagged_document_is_linear():
    from editio import xmlio
    lex = lexicon(REGISTER)

    def make(n):
        para = "<p>Marshal Stalin told Mr. Harriman in Moscow on June 10, 1944 that the ships sail next week.</p>"
        return f'<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body>{para * n}</body></text></TEI>'.encode()

    def run(data):
        tree = xmlio.parse_bytes(data)
        Tagger(lex, "1944-06-10").tag_tree(tree)
        DateTagger("1944-06-10").tag_tree(tree)
        etree.tostring(tree)
    assert_linear(run, make, 300)
