"""The collation engine: alignment, normalisation rules, variant typing, several witnesses."""

from __future__ import annotations

import itertools
import random

import pytest

from editio.transforms.apparatus import collation_to_tei, witness_text
from editio.collation import Rules, _lcs_table, align, collate_texts, tokenize


def lcs_length(a, b) -> int:
    ids = {}
    ai = [ids.setdefault(x, len(ids)) for x in a]
    bi = [ids.setdefault(x, len(ids)) for x in b]
    return len(_lcs_table(ai, 0, len(ai), bi, 0, len(bi)))


@pytest.mark.parametrize("seed", range(5))
def test_two_witness_alignment_is_a_longest_common_subsequence(seed):
    rng = random.Random(seed)
    for _ in range(200):
        a = [rng.choice("abcde") for _ in range(rng.randint(0, 40))]
        b = [rng.choice("abcde") for _ in range(rng.randint(0, 40))]
        pairs = align(a, b)
        assert all(a[i] == b[j] for i, j in pairs)
        assert all(p[0] < q[0] and p[1] < q[1] for p, q in zip(pairs, pairs[1:]))
        assert len(pairs) == lcs_length(a, b)


def test_large_similar_witnesses_align_through_anchors():
    rng = random.Random(7)
    words = [f"w{rng.randint(0, 3000)}" for _ in range(30_000)]
    other = list(words)
    for k in range(0, len(other), 97):
        other[k] = "CHANGED"
    pairs = align(words, other)
    assert len(pairs) == len(words) - len(range(0, len(other), 97))


def test_normalisation_rules_are_visible_and_change_the_result():
    names = [r["rule"] for r in Rules().describe()]
    assert names == ["quotes", "dashes", "marks", "ignore_case", "ignore_punctuation"]
    texts = {"A": "the Allied armies, said “he”", "B": "□ the allied armies said \"he\""}
    default = collate_texts(texts)
    assert [(v.type, v.text("A"), v.text("B")) for v in default.variants] == [
        ("orthographic", "Allied", "allied"), ("punctuation", ",", "")]
    relaxed = collate_texts(texts, Rules(ignore_case=True, ignore_punctuation=True))
    assert relaxed.variants == []
    strict = collate_texts(texts, Rules(quotes=False, marks=""))
    assert {v.text("B") for v in strict.variants} >= {"□", '"'}


def test_tokens_keep_hyphenated_words_and_split_punctuation():
    assert [t.text for t in tokenize("four-engine B-17 -- to-day's \"legally\".")] == [
        "four-engine", "B-17", "--", "to-day's", '"', "legally", '"', "."]


@pytest.mark.parametrize("a, b, kind, typ", [
    ("waging war on land", "waging was on land", "substitution", "substantive"),
    ("I hoped the Russian", "I hoped Russian", "omission", "substantive"),
    ("and that we could", "and that if we could", "addition", "substantive"),
    ("the Amur River -- to", "the Amur River - to", "substitution", "punctuation"),
    ("send Soviet air men", "send Soviet airmen", "substitution", "orthographic"),
])
def test_variant_kinds_and_types(a, b, kind, typ):
    (variant,) = collate_texts({"A": a, "B": b}).variants
    assert (variant.kind, variant.type) == (kind, typ)


def test_one_word_differing_makes_one_small_app_not_a_sentence():
    a = "The Marshal stated that he thought that the question was one of joint cooperation in waging war."
    coll = collate_texts({"A": a, "B": a.replace("war", "was")})
    (variant,) = coll.variants
    assert (variant.text("A"), variant.text("B")) == ("war", "was")


def test_transpositions_are_detected():
    coll = collate_texts({"A": "the northern convoys were open to the ports of Siberia",
                          "B": "the convoys were open northern to the ports of Siberia"})
    moved = [v for v in coll.variants if v.kind == "transposition"]
    assert len(moved) == 2 and moved[0].link == coll.segments.index(moved[1])


def test_result_does_not_depend_on_the_order_of_the_witnesses():
    texts = {"A": "the President and the Prime Minister were most anxious to open the convoys",
             "B": "the President and Prime Minister were anxious to open the northern convoys",
             "C": "The President and the Prime Minister were very anxious to open convoys"}
    results = set()
    for order in itertools.permutations(texts):
        coll = collate_texts({s: texts[s] for s in order})
        results.add(tuple((v.type, tuple(sorted((s, v.text(s)) for s in coll.sigla))) for v in coll.variants))
    assert len(results) == 1


def test_three_witnesses_group_agreeing_readings_and_rebuild_each_witness():
    texts = {"A": "in waging war on land and sea as well as in the air.",
             "B": "□ in waging was on land and sea as well as in the Air.",
             "C": "in waging war on land and at sea as well as in the air"}
    coll = collate_texts(texts)
    ab = collation_to_tei(coll)
    war = [app for app in ab.iter("{*}app") if "war" in "".join(app.itertext())][0]
    assert [r.get("wit") for r in war] == ["#A #C", "#B"]
    for s, text in texts.items():
        assert [t.text for t in tokenize(witness_text(ab, f"#{s}"))] == [t.text for t in tokenize(text)]
