"""Collation: tokenise witnesses, normalise them by visible rules, align them, find the variants.

The aligner works like the diff tools that handle millions of lines: common prefix and suffix
are stripped; Myers' O(ND) algorithm aligns a region optimally when it is small or similar enough;
a large region is first cut by anchors (tokens, then k-grams, that occur exactly once in each
witness, kept in order by a longest increasing subsequence, as in patience diff) and only the gaps
between anchors are aligned.  Time is close to linear and memory stays proportional to the input.

More than two witnesses are aligned to a pivot chosen by content (the witness closest to all the
others, ties broken by siglum), so the result does not depend on the order the witnesses are given.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import bisect_left
from math import isqrt
from collections import Counter
from dataclasses import dataclass, field, fields
from typing import Any, Iterable, Sequence

# --------------------------------------------------------------------------- normalisation

QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
                        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u2032": "'"})
DASHES = {"\u2014": "--", "\u2013": "-", "\u2012": "-", "\u2010": "-", "\u2011": "-", "\u2212": "-"}


@dataclass
class Rules:
    """Normalisation rules.  Every rule is named, described, shown by `editio collate --rules`.

    Alignment always ignores case; the rules decide what still counts as a *variant*.
    """

    quotes: bool = True            # typographic quotes “ ” ‘ ’ count as " and '
    dashes: bool = True            # em dash counts as "--", en dash and hyphens as "-"
    marks: str = "\u25a1\u25a0\u00b6"  # paragraph marks (□ ■ ¶) are renditions, not words: dropped
    ignore_case: bool = False      # True: "Allied"/"allied" is no variant (default: orthographic)
    ignore_punctuation: bool = False  # True: punctuation is not collated at all

    HELP = {
        "quotes": "typographic quotes count as straight quotes",
        "dashes": "em dash counts as '--', en dash and other hyphens as '-'",
        "marks": "characters dropped as paragraph marks, not words",
        "ignore_case": "case differences are not variants (otherwise: orthographic variants)",
        "ignore_punctuation": "punctuation is left out of the collation",
    }

    def describe(self) -> list[dict[str, Any]]:
        return [{"rule": f.name, "value": getattr(self, f.name), "meaning": self.HELP[f.name]}
                for f in fields(self)]

    def form(self, text: str) -> str:
        """The form compared between witnesses: what must be equal for readings to agree."""
        text = unicodedata.normalize("NFC", text)
        if self.quotes:
            text = text.translate(QUOTES)
        if self.dashes:
            for dash, ascii_ in DASHES.items():
                text = text.replace(dash, ascii_)
        return text.lower() if self.ignore_case else text


TOKEN_RE = re.compile(r"\w+(?:['\u2019.\-]\w+)*|-{2,}|\.{3}|\u2014|[^\w\s]", re.UNICODE)


@dataclass(eq=False, slots=True)
class Token:
    text: str                    # as written
    form: str                    # compared form (Rules.form)
    key: str                     # alignment key: form, case folded
    ws: str = ""                 # whitespace that follows it in the witness
    sig: tuple = ()              # editorial markup around it (('del',), ('sic',)...): part of the reading
    data: Any = None             # caller's payload (TEI: where the token came from)

    @property
    def is_punct(self) -> bool:
        return bool(self.text) and all(unicodedata.category(ch)[0] == "P" for ch in self.text)


def tokenize(text: str, rules: Rules | None = None, *, sig: tuple = (), data: Any = None) -> list[Token]:
    rules = rules or Rules()
    if rules.marks:
        text = text.translate({ord(ch): " " for ch in rules.marks})
    tokens: list[Token] = []
    seen: dict[str, tuple[str, str, str]] = {}     # one string object per distinct word: small memory
    for match in TOKEN_RE.finditer(text):
        word = match.group()
        end = match.end()
        ws = " " if end < len(text) and text[end].isspace() else ""
        if rules.ignore_punctuation and not any(ch.isalnum() for ch in word):
            if tokens and ws:
                tokens[-1].ws = ws
            continue
        known = seen.get(word)
        if known is None:
            form = rules.form(word)
            known = seen[word] = (word, form, form.casefold())
        tokens.append(Token(known[0], known[1], known[2], ws, sig, data))
    return tokens


# --------------------------------------------------------------------------- two-witness alignment

MYERS_WORK = 3_000_000     # (n + m) * d steps we let Myers spend on one region before anchoring
DP_CELLS = 400_000         # plain LCS table for small regions with nothing unique to anchor on
# The optimal aligners (Myers, the LCS table) cost up to the square of a region.  On witnesses that
# have little in common (unrelated, reversed, shuffled) every region is such a worst case, so the
# whole alignment gets a budget of steps proportional to its input (the search for anchors is
# charged too); once it is spent, what stays unmatched is a variant.  Similar witnesses never reach it.
WORK_PER_TOKEN = 20
WORK_FLOOR = 300_000
KGRAMS = (2, 3, 5, 8, 13)


def align(a: Sequence[Any], b: Sequence[Any]) -> list[tuple[int, int]]:
    """Matched index pairs (i, j), increasing in both: a longest common subsequence of a and b
    where the regions are small or similar; otherwise anchored on unique tokens, then optimal
    inside the gaps."""
    xs, ys = align_arrays(a, b)
    return list(zip(xs, ys))


def align_arrays(a: Sequence[Any], b: Sequence[Any]) -> tuple[array, array]:
    """`align` as two arrays of indexes (8 bytes a pair), produced in order, without sorting."""
    ids: dict[Any, int] = {}
    ai = [ids.setdefault(x, len(ids)) for x in a]
    bi = [ids.setdefault(x, len(ids)) for x in b]
    # the witnesses as strings, one character per distinct token: C-speed search for anchors
    text = ("".join(map(chr, ai)), "".join(map(chr, bi))) if len(ids) < 0x110000 else None
    out_a, out_b = array("q"), array("q")
    budget = max(WORK_FLOOR, WORK_PER_TOKEN * (len(ai) + len(bi)))

    def myers(alo, ahi, blo, bhi, dmax):
        """Myers within what is left of the budget (d edits cost about d * d / 2 + the snakes)."""
        nonlocal budget
        dmax = min(dmax, isqrt(max(budget, 0)))
        if dmax < 1:
            return None
        found, work = _myers(ai, alo, ahi, bi, blo, bhi, dmax)
        budget -= work
        return found

    def emit(pairs):
        for i, j in pairs:
            out_a.append(i)
            out_b.append(j)

    stack: list[tuple] = [(0, len(ai), 0, len(bi))]
    while stack:
        task = stack.pop()
        if len(task) == 3:                         # a matched run (i, j, length)
            i, j, k = task
            out_a.extend(range(i, i + k))
            out_b.extend(range(j, j + k))
            continue
        alo, ahi, blo, bhi = task
        p = 0
        while alo + p < ahi and blo + p < bhi and ai[alo + p] == bi[blo + p]:
            p += 1
        if p:
            out_a.extend(range(alo, alo + p))
            out_b.extend(range(blo, blo + p))
            alo, blo = alo + p, blo + p
        q = 0
        while alo < ahi - q and blo < bhi - q and ai[ahi - 1 - q] == bi[bhi - 1 - q]:
            q += 1
        if q:
            ahi, bhi = ahi - q, bhi - q
            stack.append((ahi, bhi, q))            # after the middle
        if alo == ahi or blo == bhi:
            continue
        n, m = ahi - alo, bhi - blo
        if n + m >= 20_000 and text is not None:
            mid = _middle_anchor(text, alo, ahi, blo, bhi)
            if mid:
                i, j, k = mid
                stack.extend([(i + k, ahi, j + k, bhi), (i, j, k), (alo, i, blo, j)])
                continue
        found = myers(alo, ahi, blo, bhi, max(1, MYERS_WORK // (n + m))) if n + m < 20_000 else None
        if found is not None:
            emit(found)
            continue
        if budget <= 0:
            continue             # the budget is spent: what is left unmatched here is a variant
        budget -= n + m          # one pass over the region per k-gram size tried, about
        anchors = _anchors(ai, alo, ahi, bi, blo, bhi)
        if anchors:
            tasks = []
            prev_a, prev_b = alo, blo
            for i, j, k in anchors:
                tasks += [(prev_a, i, prev_b, j), (i, j, k)]
                prev_a, prev_b = i + k, j + k
            tasks.append((prev_a, ahi, prev_b, bhi))
            stack.extend(reversed(tasks))
        elif n * m <= min(DP_CELLS, budget):
            budget -= n * m
            emit(_lcs_table(ai, alo, ahi, bi, blo, bhi))
        else:
            emit(myers(alo, ahi, blo, bhi, 2000) or ())
            # else: nothing in common that can be found cheaply; the region stays a variant
    return out_a, out_b


def _middle_anchor(text, alo, ahi, blo, bhi):
    """A k-gram near the middle of a that occurs exactly once in each region: splits it in two."""
    sa, sb = text
    n = ahi - alo
    for k in (12, 24, 48):
        if n < 4 * k:
            break
        for t in range(24):
            off = n // 2 + ((t + 1) // 2) * k * (1 if t % 2 else -1)
            i = alo + off
            if i < alo or i + k > ahi:
                continue
            gram = sa[i:i + k]
            if sb.count(gram, blo, bhi) == 1 and sa.count(gram, alo, ahi) == 1:
                return i, sb.find(gram, blo, bhi), k
    return None


def _myers(a, alo, ahi, b, blo, bhi, dmax):
    """Myers' greedy shortest edit script over a[alo:ahi], b[blo:bhi] (None if it needs > dmax
    edits), and the steps it took."""
    n, m = ahi - alo, bhi - blo
    dmax = min(dmax, n + m)
    off = dmax + 1
    v = [0] * (2 * dmax + 3)
    trace = []
    work = 0
    for d in range(dmax + 1):
        trace.append(v[off - d - 1: off + d + 2])
        work += 3 * d + 3                  # the copy above and one step per diagonal
        for k in range(-d, d + 1, 2):
            if k == -d or (k != d and v[off + k - 1] < v[off + k + 1]):
                x = v[off + k + 1]
            else:
                x = v[off + k - 1] + 1
            y = x - k
            start = x
            while x < n and y < m and a[alo + x] == b[blo + y]:
                x += 1
                y += 1
            work += x - start
            v[off + k] = x
            if x >= n and y >= m:
                return _myers_path(trace, n, m, alo, blo), work
    return None, work


def _myers_path(trace, n, m, alo, blo):
    pairs = []
    x, y = n, m
    for d in range(len(trace) - 1, -1, -1):
        snap = trace[d]
        k = x - y
        if k == -d or (k != d and snap[k - 1 + d + 1] < snap[k + 1 + d + 1]):
            prev_k = k + 1
        else:
            prev_k = k - 1
        prev_x = snap[prev_k + d + 1] if d else 0
        prev_y = prev_x - prev_k if d else 0
        while x > prev_x and y > prev_y:
            x -= 1
            y -= 1
            pairs.append((alo + x, blo + y))
        x, y = prev_x, prev_y
    return pairs[::-1]


def _anchors(a, alo, ahi, b, blo, bhi):
    """Unique common tokens (or k-grams) in order: [(i, j, length)], non-overlapping."""
    for k in (1,) + KGRAMS:
        if k > 1 and min(ahi - alo, bhi - blo) < 2 * k:
            break
        grams_a = _grams(a, alo, ahi, k)
        grams_b = _grams(b, blo, bhi, k)
        count_a = Counter(grams_a)
        count_b = Counter(grams_b)
        where_b = {g: j for j, g in enumerate(grams_b, blo) if count_b[g] == 1 and count_a[g] == 1}
        if not where_b:
            continue
        cands = [(i, where_b[g]) for i, g in enumerate(grams_a, alo) if g in where_b]
        chosen, last_i, last_j = [], -1, -1
        for i, j in _lis(cands):
            if i >= last_i and j >= last_j:
                chosen.append((i, j, k))
                last_i, last_j = i + k, j + k
        if chosen:
            return chosen
    return []


def _grams(seq, lo, hi, k):
    if k == 1:
        return seq[lo:hi]
    return list(zip(*(seq[lo + t: hi - k + 1 + t] for t in range(k))))


def _lis(pairs):
    """Longest subsequence of (i, j) pairs (already increasing in i) increasing in j."""
    tails: list[int] = []
    tail_idx: list[int] = []
    prev = [-1] * len(pairs)
    for idx, (_, j) in enumerate(pairs):
        pos = bisect_left(tails, j)
        if pos == len(tails):
            tails.append(j)
            tail_idx.append(idx)
        else:
            tails[pos] = j
            tail_idx[pos] = idx
        prev[idx] = tail_idx[pos - 1] if pos else -1
    out = []
    idx = tail_idx[-1] if tail_idx else -1
    while idx >= 0:
        out.append(pairs[idx])
        idx = prev[idx]
    return out[::-1]


def _lcs_table(a, alo, ahi, b, blo, bhi):
    n, m = ahi - alo, bhi - blo
    table = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        row, below, ai = table[i], table[i + 1], a[alo + i]
        for j in range(m - 1, -1, -1):
            row[j] = below[j + 1] + 1 if ai == b[blo + j] else max(below[j], row[j + 1])
    pairs, i, j = [], 0, 0
    while i < n and j < m:
        if a[alo + i] == b[blo + j]:
            pairs.append((alo + i, blo + j))
            i += 1
            j += 1
        elif table[i + 1][j] >= table[i][j + 1]:
            i += 1
        else:
            j += 1
    return pairs


# --------------------------------------------------------------------------- several witnesses

@dataclass
class Segment:
    """A stretch of the collation: every witness's tokens there, and whether they differ."""

    readings: dict[str, list[Token]]
    variant: bool
    type: str | None = None          # orthographic | punctuation | substantive
    kind: str | None = None          # omission | addition | substitution | transposition | None
    link: int | None = None          # transposition: index of the segment it moved to/from

    def text(self, siglum: str) -> str:
        return join_tokens(self.readings[siglum])


@dataclass
class Collation:
    sigla: list[str]
    segments: list[Segment] = field(default_factory=list)

    @property
    def variants(self) -> list[Segment]:
        return [s for s in self.segments if s.variant]

    def witness_tokens(self, siglum: str) -> list[Token]:
        return [t for s in self.segments for t in s.readings[siglum]]


def join_tokens(tokens: Iterable[Token]) -> str:
    tokens = list(tokens)
    return "".join(t.text + t.ws for t in tokens[:-1]) + (tokens[-1].text if tokens else "")


def same(x: Token, y: Token) -> bool:
    return x.form == y.form and x.sig == y.sig


def choose_pivot(witnesses: dict[str, Sequence[Token]]) -> str:
    sigla = sorted(witnesses)
    if len(sigla) <= 2:
        return sigla[0]
    keys = {s: [t.key for t in witnesses[s]] for s in sigla}
    score = {s: 0 for s in sigla}
    for x in range(len(sigla)):
        for y in range(x + 1, len(sigla)):
            common = len(align(keys[sigla[x]], keys[sigla[y]]))
            score[sigla[x]] += common
            score[sigla[y]] += common
    return max(sigla, key=lambda s: (score[s], -sigla.index(s)))


def collate(witnesses: dict[str, Sequence[Token]], *, boundaries: dict[str, set[int]] | None = None) -> Collation:
    """Collate token lists keyed by siglum.  `boundaries[siglum]` lists token indexes i such that a
    segment may not start at i (the token belongs with the one before it, e.g. inside one element)."""
    sigla = sorted(witnesses)
    pivot = choose_pivot(witnesses)
    base = list(witnesses[pivot])
    n = len(base)
    # per other witness: its token matched to pivot token p, and tokens inserted before p
    slots: dict[str, dict[int, list[int]]] = {}
    cols: dict[str, list[int | None]] = {}
    for s in sigla:
        if s == pivot:
            continue
        toks = witnesses[s]
        col: list[int | None] = [None] * n
        slot: dict[int, list[int]] = {}
        j = 0
        for i, jj in zip(*align_arrays([t.key for t in base], [t.key for t in toks])):
            if j < jj:
                slot[i] = list(range(j, jj))
            col[i] = jj
            j = jj + 1
        if j < len(toks):
            slot[n] = list(range(j, len(toks)))
        slots[s], cols[s] = slot, col
    others = [s for s in sigla if s != pivot]

    def columns():
        """Per column: every witness's token indexes, and "agree", "diff" (every witness has one
        token, not all the same) or "gap"."""
        for p in range(n + 1):
            ins = {s: slots[s].get(p, []) for s in others}
            if any(ins.values()):
                yield {pivot: []} | ins, "gap"
            if p == n:
                return
            reading = {pivot: [p]} | {s: ([cols[s][p]] if cols[s][p] is not None else []) for s in others}
            if any(not reading[s] for s in others):
                yield reading, "gap"
            elif all(same(witnesses[s][reading[s][0]], base[p]) for s in others):
                yield reading, "agree"
            else:
                yield reading, "diff"

    # a variant is as small as it can be: one differing token, or one run of omitted/added tokens;
    # a segment may not start where a witness forbids it (`boundaries`)
    boundaries = boundaries or {}
    segments: list[Segment] = []
    last_state = None
    for reading, state in columns():
        if segments:
            sticky = any(reading[s] and reading[s][0] in boundaries.get(s, ()) for s in sigla)
            if sticky or (state == last_state and state != "diff"):
                last = segments[-1]
                for s in sigla:
                    last.readings[s].extend(witnesses[s][i] for i in reading[s])
                last.variant = last.variant or state != "agree"
                last_state = "diff" if sticky and state != last_state else state
                continue
        segments.append(Segment({s: [witnesses[s][i] for i in reading[s]] for s in sigla}, state != "agree"))
        last_state = state
    sticky_tokens = {id(witnesses[s][i]) for s in sigla for i in boundaries.get(s, ())}
    segments = _split_substitutions(_merge_adjacent(segments, sigla), sigla, sticky_tokens)
    for seg in segments:
        if seg.variant:
            seg.type = classify(seg, sigla)
            seg.kind = kind_of(seg, sigla)
    _mark_transpositions(segments, sigla)
    return Collation(sigla, segments)


def _merge_adjacent(segments, sigla):
    out: list[Segment] = []
    for seg in segments:
        if out and not out[-1].variant and not seg.variant:
            for s in sigla:
                out[-1].readings[s].extend(seg.readings[s])
        elif all(not seg.readings[s] for s in sigla):
            continue
        else:
            out.append(seg)
    return out


def _split_substitutions(segments, sigla, sticky_tokens):
    """'war --' / 'was -' is two variants, not one: a substitution of as many tokens for as many
    is split token by token where no witness forbids it."""
    out: list[Segment] = []
    for seg in segments:
        lengths = {len(seg.readings[s]) for s in sigla}
        if not seg.variant or len(lengths) != 1 or lengths == {1}:
            out.append(seg)
            continue
        for t in range(lengths.pop()):
            column = {s: [seg.readings[s][t]] for s in sigla}
            if t and not any(id(column[s][0]) in sticky_tokens for s in sigla):
                agree = all(same(column[s][0], column[sigla[0]][0]) for s in sigla)
                if out[-1].variant or not agree:
                    out.append(Segment(column, not agree))
                    continue
            if t == 0:
                out.append(Segment(column, True))
            else:
                for s in sigla:
                    out[-1].readings[s].extend(column[s])
                out[-1].variant = True
    return _merge_adjacent(out, sigla)


def classify(seg: Segment, sigla: Sequence[str]) -> str:
    """orthographic: same words but for case, spelling marks or editorial markup;
    punctuation: same words, different punctuation; substantive: different words."""
    words = {s: [t for t in seg.readings[s] if not t.is_punct] for s in sigla}
    keys = {tuple(t.key for t in w) for w in words.values()}
    if len(keys) > 1:
        squashed = {"".join(k).replace("-", "") for k in keys}
        return "orthographic" if len(squashed) == 1 else "substantive"
    forms = {tuple((t.form, t.sig) for t in w) for w in words.values()}
    if len(forms) > 1:
        marks = {m for w in words.values() for t in w for m in t.sig}
        # a word struck or inserted in one witness only changes what the witness says
        return "substantive" if marks & {"del", "add", "surplus", "supplied"} else "orthographic"
    return "punctuation"


def kind_of(seg: Segment, sigla: Sequence[str]) -> str:
    """Relative to the first witness: it lacks the words (addition), another lacks them (omission)."""
    if not seg.readings[sigla[0]]:
        return "addition"
    if any(not seg.readings[s] for s in sigla):
        return "omission"
    return "substitution"


def _mark_transpositions(segments: list[Segment], sigla: Sequence[str]) -> None:
    """A run of words missing here in some witnesses and found, the same, in another variant where
    only those witnesses have it, is one transposition, not an omission plus an addition."""
    def key(tokens):
        words = tuple(t.key for t in tokens if not t.is_punct)
        return words if words else None

    seen: dict[tuple, list[int]] = {}
    for idx, seg in enumerate(segments):
        if not seg.variant or seg.kind not in ("omission", "addition"):
            continue
        present = frozenset(s for s in sigla if seg.readings[s])
        texts = {key(seg.readings[s]) for s in present}
        if len(texts) != 1 or None in texts:
            continue
        (text,) = texts
        partner_key = (text, frozenset(sigla) - present)
        for other in seen.get(partner_key, []):
            if segments[other].link is None:
                seg.kind = segments[other].kind = "transposition"
                seg.link, segments[other].link = other, idx
                break
        else:
            seen.setdefault((text, present), []).append(idx)


def collate_texts(texts: dict[str, str], rules: Rules | None = None) -> Collation:
    rules = rules or Rules()
    return collate({s: tokenize(t, rules) for s, t in texts.items()})
