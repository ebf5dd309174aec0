"""The apparatus: merge the witnesses of a document into one text with app/rdg inline.

`ApparatusTransform` finds `<div type="witness" corresp="#…">` siblings (one per witness, see
ENCODING.md) and replaces them with one `<div type="document">`.  Blocks are aligned first (a block
matches a block of the same kind whose words are mostly the same); matched blocks are collated word
by word (`segmentation.write_segments`); a block found in one witness only is given to that witness:
inside an `rdg` where TEI allows the block there, otherwise as the block's shell holding an `app`
(a `head` may not stand in an `rdg`, but an `app` may stand in a `head`).
"""

from __future__ import annotations

import copy
from collections import Counter

from lxml import etree

from ..diagnostics import Diagnostic
from .. import TEI_NS, XML_NS
from ..collation import Rules, collate
from ..segmentation import (MILESTONES, T, Flat, Witnesses, flatten, local, write_segments,
                           _one_witness_item)

CONTAINERS = {"div", "opener", "closer", "list", "lg", "listBibl", "table", "row", "floatingText",
              "postscript", "trailer", "body", "front", "back", "sp"}
# elements TEI P5 (4.x) allows inside rdg; others get an app inside their own shell
RDG_ALLOWS = {"p", "ab", "list", "fw", "note", "pb", "lb", "cb", "milestone", "div", "label", "seg",
              "stamp", "byline", "lg", "l", "quote", "q", "table", "figure", "floatingText", "bibl",
              "listBibl", "sp", "gap", "desc", "docAuthor", "docDate", "docEdition", "docImprint",
              "docTitle", "epigraph", "titlePage", "argument", "anchor", "app"}
MATCH_AT = 0.5
# elements whose edges separate words when a text is read out
SPACED = CONTAINERS | {"p", "ab", "head", "item", "note", "fw", "dateline", "label", "stamp", "lb",
                       "signed", "salute", "seg", "l", "cell", "byline", "docket"}


class ApparatusTransform:
    name = "apparatus"
    priority = 100

    def __init__(self, rules: Rules | None = None):
        self.rules = rules or Rules()

    def apply(self, tree, ctx) -> None:
        root = tree.getroot()
        for parent in root.iter(T + "body"):
            divs = [d for d in parent if d.tag == T + "div" and d.get("type") == "witness"]
            if len(divs) < 2:
                continue
            wits = _witnesses(root, divs, ctx)
            merged = merge_divs(dict(zip(wits.sigla, divs)), wits, self.rules, ctx)
            parent.replace(divs[0], merged)
            for div in divs[1:]:
                parent.remove(div)
            decisions = (getattr(ctx, "settings", None) or {}).get("apparatus")
            if decisions:
                choose_lemmata(merged, wits, decisions, f"#{root.get(f'{{{XML_NS}}}id')}-ed",
                               getattr(ctx, "source", "<tree>"))


def _reading_text(rdg) -> str:
    return " ".join("".join(rdg.itertext()).split())


def choose_lemmata(div, wits: Witnesses, decisions: dict, resp: str, source: str = "<tree>") -> int:
    """Give every app a lem: the copy-text's reading, or another witness's where the editors adopt it.

    decisions (edition.toml [document.apparatus]): copy_text = siglum; adopt = [{witness, readings =
    {siglum: text}, note}], each matching exactly one app by the plain text of its readings; the
    adopted lem carries @resp (the editors) and the app a note saying why.
    """
    from ..errors import InputError
    copy = decisions.get("copy_text") or wits.sigla[0]
    if copy not in wits.pointer:
        raise InputError(f"apparatus copy_text {copy!r} is not a witness ({', '.join(wits.sigla)})", path=source)
    apps = list(div.iter(T + "app"))

    def reading_of(app, siglum):
        pointer = wits.pointer[siglum]
        return next((r for r in app if r.tag in (T + "rdg", T + "lem") and pointer in (r.get("wit") or "").split()),
                    None)

    adopted: dict[int, tuple[str, str]] = {}
    for number, rule in enumerate(decisions.get("adopt", []), start=1):
        wanted = {k: " ".join(str(v).split()) for k, v in rule.get("readings", {}).items()}
        if rule.get("witness") not in wits.pointer or not wanted:
            raise InputError(f"apparatus adopt #{number}: needs a witness ({', '.join(wits.sigla)}) and readings",
                             path=source)
        hits = [i for i, app in enumerate(apps)
                if all((r := reading_of(app, s)) is not None and _reading_text(r) == t for s, t in wanted.items())
                and len({id(reading_of(app, s)) for s in wanted}) == len(wanted)]
        if len(hits) != 1:
            raise InputError(f"apparatus adopt #{number} {wanted} matches {len(hits)} places; it must match one",
                             path=source)
        adopted[hits[0]] = (rule["witness"], rule.get("note", ""))
    for index, app in enumerate(apps):
        siglum, note = adopted.get(index, (copy, ""))
        lem = reading_of(app, siglum)
        if lem is None:
            continue
        lem.tag = T + "lem"
        if siglum != copy:
            lem.set("resp", resp)
        app.remove(lem)
        app.insert(0, lem)
        if note:
            etree.SubElement(app, T + "note", type="editorial", resp=resp).text = note
    return len(apps)


def _witnesses(root, divs, ctx) -> Witnesses:
    by_id = {w.get(f"{{{XML_NS}}}id"): w for w in root.iter(T + "witness")}
    sigla, pointer = [], {}
    for div in divs:
        ref = (div.get("corresp") or "").strip()
        witness = by_id.get(ref.lstrip("#"))
        siglum = (witness.get("n") if witness is not None else None) or ref.lstrip("#") or f"W{len(sigla) + 1}"
        if witness is None:
            ctx.report.append(Diagnostic(ctx.source, div.sourceline or 0, "apparatus-witness",
                                         f"witness div corresp={ref!r} has no witness in listWit"))
        sigla.append(siglum)
        pointer[siglum] = ref if ref.startswith("#") else f"#{siglum}"
    return Witnesses(sigla, pointer)


def merge_divs(divs: dict, wits: Witnesses, rules: Rules, ctx=None):
    base = divs[wits.sigla[0]]
    out = etree.Element(T + "div", {k: v for k, v in base.attrib.items() if k not in ("type", "corresp")})
    out.set("type", "document")
    out.text = None
    merge_children(out, divs, wits, rules, set(), ctx)
    return out


def _words(el, rules) -> Counter:
    return Counter(t.key for t in flatten(el, rules).tokens if not t.is_punct)


def _similarity(x, y, wx, wy) -> float:
    if local(x) != local(y) or x.get("type") != y.get("type"):
        return 0.0
    if local(x) in MILESTONES:
        return 1.0 if x.get("n") == y.get("n") else 0.0
    total = sum(wx.values()) + sum(wy.values())
    if not total:
        return 1.0 if etree.tostring(x, with_tail=False) == etree.tostring(y, with_tail=False) else 0.0
    return 2 * sum((wx & wy).values()) / total


def align_blocks(xs, ys, rules) -> list[tuple[int | None, int | None]]:
    """Needleman-Wunsch over blocks, maximising total similarity of matched pairs."""
    wx = [_words(x, rules) for x in xs]
    wy = [_words(y, rules) for y in ys]
    n, m = len(xs), len(ys)
    score = [[0.0] * (m + 1) for _ in range(n + 1)]
    sim = {}
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            s = _similarity(xs[i], ys[j], wx[i], wy[j])
            sim[i, j] = s
            take = score[i + 1][j + 1] + s if s >= MATCH_AT else -1.0
            score[i][j] = max(take, score[i + 1][j], score[i][j + 1])
    pairs, i, j = [], 0, 0
    while i < n and j < m:
        if sim[i, j] >= MATCH_AT and score[i][j] == score[i + 1][j + 1] + sim[i, j]:
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif score[i + 1][j] >= score[i][j + 1]:
            pairs.append((i, None))
            i += 1
        else:
            pairs.append((None, j))
            j += 1
    pairs += [(k, None) for k in range(i, n)] + [(None, k) for k in range(j, m)]
    return pairs


def merge_children(out, parents: dict, wits: Witnesses, rules: Rules, ids_seen: set, ctx=None):
    sigla = wits.sigla
    base = sigla[0]
    kids = {s: [c for c in parents[s] if isinstance(c.tag, str)] for s in sigla}
    # slots: one per base block, plus blocks of other witnesses that match no base block
    slots: list[dict] = [{base: c} for c in kids[base]]
    extra: dict[int, list[dict]] = {}
    for s in sigla[1:]:
        base_index = 0
        for i, j in align_blocks(kids[base], kids[s], rules):
            if i is not None:
                base_index = i + 1
                if j is not None:
                    slots[i][s] = kids[s][j]
            else:
                extra.setdefault(base_index, []).append({s: kids[s][j]})
    ordered = []
    for k in range(len(slots) + 1):
        ordered.extend(extra.get(k, []))
        if k < len(slots):
            ordered.append(slots[k])
    for slot in ordered:
        present = [s for s in sigla if s in slot]
        if len(present) == 1:
            out.append(witness_only(slot[present[0]], present[0], wits))
            continue
        first = slot[present[0]]
        if len(present) < len(sigla) and local(first) not in MILESTONES:
            out.append(witness_only(first, present[0], wits, present))
            continue
        merged = etree.SubElement(out, first.tag, _common_attrs([slot[s] for s in present], ctx, first))
        sub = Witnesses(present, wits.pointer)
        if local(first) in CONTAINERS:
            merge_children(merged, {s: slot[s] for s in present}, sub, rules, ids_seen, ctx)
        else:
            merge_block(merged, {s: slot[s] for s in present}, sub, rules, ids_seen)
            _keep_own_renditions(merged, slot, present, wits)
    return out


def _keep_own_renditions(merged, slot: dict, present: list[str], wits: Witnesses) -> None:
    """A rendition one witness gives its block (B's □ paragraph mark) becomes a milestone of that witness."""
    if merged.get("rend") is not None:
        return
    for siglum in reversed(present):
        rend = slot[siglum].get("rend")
        if rend:
            mark = etree.Element(T + "milestone", unit=local(merged), rend=rend, ed=siglum,
                                 edRef=wits.pointer[siglum])
            mark.tail, merged.text = merged.text, None
            merged.insert(0, mark)


def _common_attrs(elements, ctx, first) -> dict:
    attrs = dict(first.attrib)
    for el in elements[1:]:
        for k in list(attrs):
            if el.get(k) != attrs[k] and k != f"{{{XML_NS}}}id":
                del attrs[k]
    dropped = {k for el in elements for k in el.attrib} - set(attrs) - {f"{{{XML_NS}}}id"}
    if dropped and ctx is not None:
        note = Diagnostic(ctx.source, first.sourceline or 0, "apparatus-attributes",
                          f"<{local(first)}> attributes that not every witness has are left off "
                          f"the merged blocks: {', '.join(sorted(dropped))}", severity="info")
        if note not in ctx.report:
            ctx.report.append(note)
    return attrs


def merge_block(out, blocks: dict, wits: Witnesses, rules: Rules, ids_seen: set) -> int:
    flats = {s: flatten(blocks[s], rules) for s in wits.sigla}
    coll = collate({s: f.tokens for s, f in flats.items()},
                   boundaries={s: f.inner for s, f in flats.items()})
    return write_segments(out, coll, flats, wits, ids_seen)


def witness_only(el, siglum, wits: Witnesses, group=None):
    """A block found only in `group` (default: one witness) of the witnesses."""
    group = group or [siglum]
    others = [s for s in wits.sigla if s not in group]
    if local(el) in MILESTONES:
        holder = etree.Element(T + "ab")
        from ..segmentation import SegmentWriter
        _one_witness_item(SegmentWriter(holder, set()), (), el, siglum, wits)
        return holder[0]
    if local(el) in RDG_ALLOWS:
        app = etree.Element(T + "app")
        rdg = etree.SubElement(app, T + "rdg", wit=wits.wit(group))
        dup = copy.deepcopy(el)
        dup.tail = None
        rdg.append(dup)
        if others:
            etree.SubElement(app, T + "rdg", wit=wits.wit(others))
        return app
    shell = etree.Element(el.tag, dict(el.attrib))
    if local(el) in CONTAINERS:
        for child in el:
            if isinstance(child.tag, str):
                shell.append(witness_only(child, siglum, wits, group))
        return shell
    app = etree.SubElement(shell, T + "app")
    rdg = etree.SubElement(app, T + "rdg", wit=wits.wit(group))
    rdg.text = el.text
    for child in el:
        rdg.append(copy.deepcopy(child))
    if others:
        etree.SubElement(app, T + "rdg", wit=wits.wit(others))
    return shell


def collation_to_tei(coll, pointers: dict[str, str] | None = None):
    """A parallel-segmentation `<ab>` for a collation of plain texts (editio collate --format tei)."""
    pointers = pointers or {s: f"#{s}" for s in coll.sigla}
    wits = Witnesses(list(coll.sigla), pointers)
    flats = {s: Flat(None, coll.witness_tokens(s)) for s in coll.sigla}
    ab = etree.Element(T + "ab", nsmap={None: TEI_NS})
    write_segments(ab, coll, flats, wits)
    return ab


def witness_text(element, pointer: str) -> str:
    """The text of one witness (`pointer`, e.g. "#d…-wA") read out of an apparatus: in every app,
    only the readings that witness attests."""
    parts: list[str] = []

    def walk(el):
        if el.tag == T + "app":
            for rdg in el:
                if rdg.tag in (T + "rdg", T + "lem") and pointer in (rdg.get("wit") or "").split():
                    walk_content(rdg)
                elif rdg.tag == T + "rdgGrp":
                    walk(rdg)
            return
        if el.tag == T + "rdgGrp":
            for rdg in el:
                if pointer in (rdg.get("wit") or "").split():
                    walk_content(rdg)
            return
        walk_content(el)

    def walk_content(el):
        spaced = local(el) in SPACED
        parts.append(" " if spaced else "")
        parts.append(el.text or "")
        for child in el:
            if isinstance(child.tag, str):
                walk(child)
            parts.append(child.tail or "")
        parts.append(" " if spaced else "")

    walk(element)
    return "".join(parts)
