"""The collation engine on arbitrary witnesses: every witness reads back whole, from the segments
and from the TEI apparatus."""

from __future__ import annotations

from hypothesis import given, strategies as st
from lxml import etree

from editio.transforms.apparatus import collation_to_tei, witness_text
from editio.collation import Rules, collate_texts, tokenize

from fuzzing import witness

rules = st.builds(Rules, ignore_case=st.booleans(), ignore_punctuation=st.booleans())


def texts(tokens):
    return [t.text for t in tokens]


def forms(tokens):
    """What the rules compare: “ and ” are one reading, so the apparatus may print either."""
    return [t.form for t in tokens]


@given(st.lists(witness, min_size=2, max_size=4), rules)
def test_the_collation_rebuilds_each_witness(wits, rule):
    sigla = [chr(ord("A") + k) for k in range(len(wits))]
    coll = collate_texts(dict(zip(sigla, wits)), rule)
    for siglum, text in zip(sigla, wits):
        assert texts(coll.witness_tokens(siglum)) == texts(tokenize(text, rule))
    for seg in coll.segments:
        readings = {s: [t.form for t in seg.readings[s]] for s in sigla}
        if not seg.variant:
            assert len({tuple(r) for r in readings.values()}) == 1


@given(st.lists(witness, min_size=2, max_size=3))
def test_the_tei_apparatus_rebuilds_each_witness(wits):
    sigla = [chr(ord("A") + k) for k in range(len(wits))]
    coll = collate_texts(dict(zip(sigla, wits)))
    ab = collation_to_tei(coll)
    etree.fromstring(etree.tostring(ab))       # serialisable, well-formed
    for siglum, text in zip(sigla, wits):
        assert forms(tokenize(witness_text(ab, f"#{siglum}"))) == forms(tokenize(text))


@given(witness, st.permutations(list(range(6))))
def test_moved_blocks_still_rebuild(text, order):
    words = text.split()
    blocks = [words[k::6] for k in range(6)]
    other = " ".join(w for k in order for w in blocks[k])
    coll = collate_texts({"A": text, "B": other})
    assert texts(coll.witness_tokens("B")) == texts(tokenize(other))
