"""Parallel segmentation of one block: collate TEI mixed content (or plain tokens) into app/rdg.

Inline markup survives: every token remembers the chain of inline elements it sat in (persName,
del, add, sic, hi ...) and each reading is rebuilt with the same chain.  Editorial markup (del, add,
sic, ...) is part of a reading, so a word struck in one witness and plain in the other is a variant.
Things that are not words (page breaks, forme work, notes, stamps) are not collated: a milestone
of one witness gets `@ed`/`@edRef`; other furniture of one witness goes into an `rdg` of that
witness beside an empty reading of the others.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from lxml import etree

from . import TEI_NS
from .collation import Collation, Rules, Segment, Token, tokenize

T = f"{{{TEI_NS}}}"
EDITORIAL = {"del", "add", "sic", "corr", "orig", "reg", "unclear", "supplied", "surplus", "damage",
             "restore", "gap", "subst", "choice"}
MILESTONES = {"pb", "lb", "cb", "milestone", "anchor"}
FURNITURE = {"fw", "note", "figure", "stamp", "metamark", "app"}
OPAQUE = {"gap", "choice", "space", "ptr", "ref", "graphic"}  # collated as one token each


def local(el) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


@dataclass
class Flat:
    """A mixed-content element as tokens, plus the things between them."""

    element: etree._Element
    tokens: list[Token] = field(default_factory=list)
    items: dict[int, list[tuple[tuple, etree._Element]]] = field(default_factory=dict)  # before token k
    inner: set[int] = field(default_factory=set)   # token k continues an element opened before it


def flatten(element, rules: Rules) -> Flat:
    flat = Flat(element)
    open_at: dict[int, int] = {}      # id(element) -> index of its first token

    def text(chunk, chain):
        if not chunk:
            return
        if chunk[:1].isspace() and flat.tokens:
            flat.tokens[-1].ws = " "
        sig = tuple(local(e) for e in chain if local(e) in EDITORIAL)
        for tok in tokenize(chunk, rules, sig=sig, data=chain):
            _add(tok, chain)

    def _add(tok, chain):
        k = len(flat.tokens)
        for e in chain:
            if open_at.setdefault(id(e), k) < k:
                flat.inner.add(k)
                break
        flat.tokens.append(tok)

    def walk(el, chain):
        text(el.text, chain)
        for child in el:
            name = local(child)
            if not name:                              # comment, processing instruction
                pass
            elif name in MILESTONES or name in FURNITURE:
                flat.items.setdefault(len(flat.tokens), []).append((chain, child))
            elif name in OPAQUE:
                shown = " ".join("".join(child.itertext()).split())
                form = f"<{name} {' '.join(f'{k}={v}' for k, v in sorted(child.attrib.items()))}>"
                key = shown.casefold() if name == "choice" else f"<{name}>"
                _add(Token(shown, form if name != "choice" else rules.form(shown), key, "",
                           tuple(local(e) for e in chain if local(e) in EDITORIAL) + (name,),
                           chain + (child,)), chain + (child,))
            else:
                walk(child, chain + (child,))
            text(child.tail, chain)

    walk(element, ())
    return flat


# --------------------------------------------------------------------------- writing readings

class SegmentWriter:
    """Appends tokens (with their inline chains) and items to a parent element."""

    def __init__(self, parent, ids_seen: set[int]):
        self.parent = parent
        self.stack: list[tuple[etree._Element, etree._Element]] = []   # (source, copy)
        self.pending_ws = ""
        self.ids_seen = ids_seen

    def _current(self):
        return self.stack[-1][1] if self.stack else self.parent

    def _append_text(self, s):
        if not s:
            return
        cur = self._current()
        if len(cur):
            cur[-1].tail = (cur[-1].tail or "") + s
        else:
            cur.text = (cur.text or "") + s

    def _open_chain(self, chain):
        depth = 0
        while depth < len(self.stack) and depth < len(chain) and self.stack[depth][0] is chain[depth]:
            depth += 1
        del self.stack[depth:]
        self._flush_ws()
        for src in chain[depth:]:
            if local(src) in OPAQUE:
                break
            dup = etree.SubElement(self._current(), src.tag, dict(src.attrib))
            if id(src) in self.ids_seen:
                dup.attrib.pop("{http://www.w3.org/XML/1998/namespace}id", None)
            self.ids_seen.add(id(src))
            self.stack.append((src, dup))

    def _flush_ws(self):
        self._append_text(self.pending_ws)
        self.pending_ws = ""

    def token(self, tok: Token):
        chain = tok.data or ()
        opaque = chain[-1] if chain and local(chain[-1]) in OPAQUE else None
        self._open_chain(chain[:-1] if opaque is not None else chain)
        self._flush_ws()
        if opaque is not None:
            dup = copy.deepcopy(opaque)
            dup.tail = None
            self._current().append(dup)
        else:
            self._append_text(tok.text)
        self.pending_ws = tok.ws

    def item(self, chain, el, extra: dict | None = None):
        self._open_chain(chain)
        self._flush_ws()
        dup = copy.deepcopy(el)
        dup.tail = None
        for k, v in (extra or {}).items():
            dup.set(k, v)
        self._current().append(dup)

    def element(self, el):
        self.close()
        self._flush_ws()
        self.parent.append(el)

    def close(self):
        del self.stack[:]

    def finish(self):
        self.close()
        self.pending_ws = ""


@dataclass
class Witnesses:
    """Sigla and how to point at each witness."""

    sigla: list[str]
    pointer: dict[str, str]          # siglum -> "#d…-wA"

    def wit(self, sigla) -> str:
        return " ".join(self.pointer[s] for s in sorted(sigla, key=self.sigla.index))


def _rdg_groups(seg: Segment, sigla, items_in):
    """Witnesses grouped by identical reading (tokens and furniture)."""
    groups: dict[tuple, list[str]] = {}
    for s in sigla:
        key = (tuple((t.form, t.sig) for t in seg.readings[s]),
               tuple(etree.tostring(el) for _, el in items_in[s]))
        groups.setdefault(key, []).append(s)
    return list(groups.values())


def write_segments(parent, coll: Collation, flats: dict[str, Flat], wits: Witnesses,
                   ids_seen: set[int] | None = None) -> int:
    """Write the collation of one block into `parent`; returns the number of apps written."""
    ids_seen = ids_seen if ids_seen is not None else set()
    sigla = coll.sigla
    base = sigla[0]
    out = SegmentWriter(parent, ids_seen)
    done = {s: set() for s in sigla}
    cursor = {s: 0 for s in sigla}
    apps = 0

    def outside_items(position: dict[str, int]):
        """Items of each witness that stand before its token at `position`, outside any reading."""
        here = {s: [it for it in flats[s].items.get(position[s], []) if (position[s], id(it[1])) not in done[s]]
                for s in sigla}
        for s in sigla:
            done[s].update((position[s], id(it[1])) for it in here[s])
        for chain, el in list(here[base]):
            twins = {s: next((x for x in here[s] if _same_item(x[1], el)), None) for s in sigla if s != base}
            if all(twins.values()):
                here[base].remove((chain, el))
                for s, twin in twins.items():
                    here[s].remove(twin)
                out.item(chain, el)
        for s in sigla:
            for chain, el in here[s]:
                _one_witness_item(out, chain, el, s, wits)

    for seg in coll.segments:
        pos = {s: (cursor[s], cursor[s] + len(seg.readings[s])) for s in sigla}
        for s in sigla:
            cursor[s] = pos[s][1]
        outside_items({s: pos[s][0] for s in sigla})
        if not seg.variant:
            for col, tok in enumerate(seg.readings[base]):
                if col:
                    outside_items({s: pos[s][0] + col for s in sigla})
                out.token(tok)
                out.pending_ws = _shared_ws(seg.readings[s][col] for s in sigla if col < len(seg.readings[s]))
            continue
        inner_items = {s: [it for k in range(pos[s][0] + 1, pos[s][1])
                           for it in flats[s].items.get(k, [])] for s in sigla}
        out.close()
        out._flush_ws()
        app = etree.Element(T + "app", type=seg.type or "substantive")
        if seg.kind == "transposition":
            app.set("subtype", "transposition")
        for group in _rdg_groups(seg, sigla, inner_items):
            rdg = etree.SubElement(app, T + "rdg", wit=wits.wit(group))
            s = group[0]
            w = SegmentWriter(rdg, ids_seen)
            for k in range(pos[s][0], pos[s][1]):
                if k > pos[s][0]:
                    for chain, el in flats[s].items.get(k, []):
                        w.item(chain, el)
                w.token(flats[s].tokens[k])
            w.finish()
            for member in group:
                for k in range(pos[member][0] + 1, pos[member][1]):
                    done[member].update((k, id(el)) for _, el in flats[member].items.get(k, []))
        out.element(app)
        apps += 1
        out.pending_ws = _shared_ws(seg.readings[s][-1] for s in sigla if seg.readings[s])
    out.pending_ws = ""
    outside_items({s: len(flats[s].tokens) for s in sigla})
    out.finish()
    return apps


def _shared_ws(tokens) -> str:
    """The space after a position shared by the witnesses: where one witness ends ("the") and
    another goes on ("the the"), the one that goes on needs it, and it costs the other nothing."""
    return next((t.ws for t in tokens if t.ws), "")


def _same_item(x, y) -> bool:
    return etree.tostring(x, with_tail=False) == etree.tostring(y, with_tail=False)


def _one_witness_item(out: SegmentWriter, chain, el, siglum, wits: Witnesses):
    if local(el) in MILESTONES:
        out.item(chain, el, {"ed": siglum, "edRef": wits.pointer[siglum]})
        return
    app = etree.Element(T + "app")
    rdg = etree.SubElement(app, T + "rdg", wit=wits.pointer[siglum])
    dup = copy.deepcopy(el)
    dup.tail = None
    rdg.append(dup)
    others = [s for s in wits.sigla if s != siglum]
    if others:
        etree.SubElement(app, T + "rdg", wit=wits.wit(others))
    out.item(chain, app)
