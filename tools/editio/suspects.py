"""Rank the words of a text by how likely they are OCR misreadings, so an editor can find them.

Three kinds of evidence, each visible in the report:
- not a word: not in an English word list (pyspellchecker's frequency list) nor used elsewhere in
  the text; worse when a common OCR confusion (b/h, li/h, rn/m, c/e, e/a, m/w ...) turns it into one;
- rare letters: letter trigrams that English words almost never contain ("eou" in "seoure");
- a real word that does not fit: an OCR confusion, or a word used in the same place elsewhere in the
  text ("the Marshal replied" ×10 against "the Marshal rallied" ×1), is far more likely;
- punctuation that OCR invents: ",." "and." a comma before a capitalised pronoun, stray letters.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

CONFUSIONS = [("b", "h"), ("h", "b"), ("li", "h"), ("h", "li"), ("rn", "m"), ("m", "rn"), ("m", "w"),
              ("w", "m"), ("e", "a"), ("a", "e"), ("c", "e"), ("e", "c"), ("o", "c"), ("c", "o"),
              ("e", "o"), ("l", "i"), ("i", "l"), ("ll", "l"), ("cl", "d"), ("d", "cl"), ("ii", "u"),
              ("n", "u"), ("u", "n"), ("f", "t"), ("t", "f"), ("ee", "ai"), ("h", "b"), ("1", "l"),
              ("0", "o"), ("vv", "w")]
FUNCTION_WORDS = {"and", "the", "of", "to", "a", "an", "in", "for", "with", "that", "by", "on", "at"}
WORD = re.compile(r"[A-Za-z]+(?:['’][a-z]+)?|[^\sA-Za-z0-9]+|\d+")


@dataclass
class Suspect:
    line: int
    column: int
    word: str
    score: float
    reason: str
    suggestion: str | None
    context: str


@lru_cache(maxsize=1)
def _lexicon():
    from spellchecker import SpellChecker
    checker = SpellChecker(distance=1)
    freq = checker.word_frequency
    trigrams: Counter = Counter()
    for word, count in freq.items():
        padded = f"^{word}$"
        weight = math.log10(count + 1)
        for k in range(len(padded) - 2):
            trigrams[padded[k:k + 3]] += weight
    return freq, trigrams, checker


def _variants(word: str):
    lower = word.lower()
    for wrong, right in CONFUSIONS:
        start = lower.find(wrong)
        while start >= 0:
            yield lower[:start] + right + lower[start + len(wrong):]
            start = lower.find(wrong, start + 1)


def _edit_distance(a: str, b: str, limit: int = 2) -> int:
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def find_suspects(text: str, limit: int | None = None) -> list[Suspect]:
    freq, trigrams, checker = _lexicon()
    tokens = [(m.group(), m.start()) for m in WORD.finditer(text)]
    words = [t.lower() for t, _ in tokens]
    doc_count = Counter(words)
    after: dict[str, Counter] = {}
    before: dict[str, Counter] = {}
    for x, y in zip(words, words[1:]):
        after.setdefault(x, Counter())[y] += 1
        before.setdefault(y, Counter())[x] += 1
    trigram_count = Counter(zip(words, words[1:], words[2:]))
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def where(offset):
        lo, hi = 0, len(line_starts)
        while lo + 1 < hi:
            mid = (lo + hi) // 2
            lo, hi = (mid, hi) if line_starts[mid] <= offset else (lo, mid)
        return lo + 1, offset - line_starts[lo] + 1

    out: list[Suspect] = []
    for i, (tok, offset) in enumerate(tokens):
        low = words[i]
        prev_w = words[i - 1] if i else ""
        next_w = words[i + 1] if i + 1 < len(words) else ""
        score, reason, suggestion = 0.0, "", None
        if tok[0].isalpha():
            known = freq[low] > 0
            if not known and doc_count[low] == 1:
                fixes = [v for v in _variants(tok) if freq[v] > 0]
                fix = max(fixes, key=lambda v: freq[v]) if fixes else None
                near = None if fix else next(iter(sorted(checker.candidates(low) or ()) if low else ()), None)
                if near == low:
                    near = None
                score = 3.0 + (2.0 if fix else 0.0) - (1.5 if tok[0].isupper() and i and not fix else 0.0)
                score += 1.0 if near else 0.0
                reason = "not a word" + (" (OCR confusion)" if fix else " (one letter from a word)" if near else "")
                suggestion = fix or near
            elif not known:
                score, reason = 0.5, "not in the word list, but used again in the text"
            padded = f"^{low}$"
            rarest = min((trigrams[padded[k:k + 3]] for k in range(len(padded) - 2)), default=1.0)
            if rarest < 3.0 and not tok[0].isupper():
                score += 2.0
                reason = (reason + "; " if reason else "") + "rare letter pattern"
            if known and len(low) > 1:
                best = _better_word(low, prev_w, next_w, freq, after, before, trigram_count)
                if best and best[0] >= 3.0:
                    score, suggestion, reason = best[0], best[1], "real word; " + best[2]
            if len(tok) == 1 and low not in ("a", "i") and tok.islower():
                score, reason, suggestion = 4.0, "stray letter", ""
        elif re.fullmatch(r"[,;:]\.|\.[,;]|,,|\.\.", tok):
            score, reason = 4.0, "doubled punctuation"
        elif tok == "." and prev_w in FUNCTION_WORDS:
            score, reason = 3.5, f"sentence ends in '{prev_w}'"
        elif tok == "," and next_w in ("he", "she", "they", "it", "the") and tokens[i + 1][0][0].isupper():
            score, reason, suggestion = 3.0, "comma before a capitalised word", "."
        if score > 0:
            line, col = where(offset)
            context = " ".join(t for t, _ in tokens[max(0, i - 4): i + 5])
            out.append(Suspect(line, col, tok, round(score, 2), reason, suggestion, context))
    out.sort(key=lambda s: (-s.score, s.line, s.column))
    return out[:limit] if limit else out


def _better_word(low, prev_w, next_w, freq, after, before, trigram_count):
    """(score, word, why) for the likeliest word this one stands for, if any."""
    best = None
    side = after.get(prev_w, Counter()), before.get(next_w, Counter())
    mine = max(side[0][low] + side[1][low] - 2, 0)
    for v in set(_variants(low)):
        if v == low or freq[v] <= freq[low]:
            continue
        prior = min(math.log10((freq[v] + 1) / (freq[low] + 1)), 2.0)
        here = side[0][v] + side[1][v]
        rare = 1.0 if freq[low] < 5000 else 0.0
        s = prior + rare + 1.5 * math.log2(1 + here) - 1.5 * math.log2(1 + mine)
        if best is None or s > best[0]:
            why = (f"'{v}' (an OCR confusion) stands beside these words {here}x in the text" if here
                   else f"'{v}' is an OCR confusion and a much commoner word")
            best = (s, v, why)
    for v in _same_slot(prev_w, next_w, low, after, before):
        here = trigram_count[prev_w, v, next_w]
        if not here:
            continue
        prior = min(max(math.log10((freq[v] + 1) / (freq[low] + 1)), 0.0), 2.0)
        s = 2.0 + prior + 1.5 * math.log2(1 + here) - 1.5 * math.log2(1 + mine)
        if best is None or s > best[0]:
            best = (s, v, f"'{prev_w} {v} {next_w}' is used {here}x in the text")
    return best


def _same_slot(prev_w, next_w, low, after, before) -> set[str]:
    """Words used elsewhere in the text between the same neighbours, a small edit away."""
    pool = set(after.get(prev_w, {})) | set(before.get(next_w, {}))
    return {v for v in pool if v != low and v.isalpha() and _edit_distance(v, low) <= 2}
