"""Citation trees: the TEI `refsDecl/citeStructure` of a document, its citable units, and passages.

A document that declares its own `citeStructure` is cited by it.  One that has none gets one
(`declare`): the one its CTS `cRefPattern`s declare (`_from_cref_patterns`), else one made from
what its text holds: divisions (`div`, nested as deep as they go), paragraphs and
other blocks (`p`, `ab`, `head`, `opener`, `closer`, `list`, ...), line groups and lines for verse
(`lg`, `l`), speeches for drama (`sp`).  Each unit's reference component is its position among its
parent's element children (`count(preceding-sibling::*) + 1`), so references are stable, unique,
and need no identifiers in the source; a child's reference is its parent's, then `.`, then its own.

`units(root)` evaluates the declaration (XPath 2.0 through elementpath, TEI as the default
namespace, `match` relative to the parent unit's node, `use` with the matched sequence as context
so `position()` means what TEI says it means) into `Unit`s in document order, each with the path
of child indexes that finds its node again without XPath.  `passage()` cuts the text between two
units (inclusive) out of the document with the ancestors that hold it, as the DTS Document
endpoint returns it.
"""

from __future__ import annotations

import copy
import re
from dataclasses import asdict, dataclass

import elementpath
from lxml import etree

from .. import TEI_NS
from ..errors import EditioError

T = f"{{{TEI_NS}}}"
USE = "count(preceding-sibling::*) + 1"
BLOCKS = ("p", "ab", "head", "opener", "closer", "list", "table", "quote", "postscript", "trailer",
          "byline", "docket", "epigraph", "argument", "dateline", "salute", "signed", "figure", "stage",
          "castList", "label")
# unit name -> elements it stands for; a unit's possible children (order = declaration order)
KINDS = {"division": ("div",), "paragraph": BLOCKS, "lg": ("lg",), "line": ("l",), "sp": ("sp",)}
CHILDREN = {"division": ("division", "paragraph", "lg", "line", "sp"), "lg": ("lg", "line"),
            "sp": ("paragraph", "lg", "line"), "paragraph": (), "line": ()}
MAX_DEPTH = 12


@dataclass
class Unit:
    identifier: str
    level: int
    parent: str | None
    cite_type: str
    title: str
    path: list[int]            # child-element indexes from the root element to the unit's node
    tree: str = ""             # the citation tree's identifier ("" = the default tree)

    def as_dict(self) -> dict:
        return asdict(self)


def local(el) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def _kind_of(el) -> str | None:
    name = local(el) if el.tag.startswith(T) else ""
    return next((k for k, names in KINDS.items() if name in names), None)


def _observed(el, kind: str, depth: int, into: dict) -> None:
    """Collect which kinds occur under which (the tree of kinds this document actually uses)."""
    if depth > MAX_DEPTH:
        return
    for child in el:
        if not isinstance(child.tag, str):
            continue
        ckind = _kind_of(child)
        if ckind in CHILDREN.get(kind, ()) or (kind == "body" and ckind):
            sub = into.setdefault(ckind, {})
            _observed(child, ckind, depth + 1, sub)


def _emit(parent, observed: dict, top: bool) -> None:
    order = ("division", "paragraph", "lg", "line", "sp")
    for kind in order:
        if kind not in observed:
            continue
        names = KINDS[kind]
        match = "|".join(names) if not top else "|".join(f"/TEI/text/body/{n}" for n in names)
        cs = etree.SubElement(parent, f"{T}citeStructure", unit=kind, match=match, use=USE)
        if not top:
            cs.set("delim", ".")
        _emit(cs, observed[kind], top=False)


def has_declaration(root) -> bool:
    return root.find(f"{T}teiHeader/{T}encodingDesc/{T}refsDecl/{T}citeStructure") is not None


_XPATH_PATTERN = re.compile(r"#xpath\((.*)\)\s*$", re.S)
_REF_PREDICATE = re.compile(r"\[\s*@([\w.:-]+)\s*=\s*(['\"])\$(\d+)\2\s*\]")
_GROUP = re.compile(r"\((?!\?)[^()]*\)")


def _from_cref_patterns(refs) -> etree._Element | None:
    """The citeStructure that a refsDecl of cRefPatterns (the CTS convention of Perseus and many
    others: `matchPattern="(\\w+).(\\w+)"` with `replacementPattern="#xpath(/TEI/…/div[@n='$1']//l[@n='$2'])"`)
    declares, or None when it is not of that plain shape.  The deepest pattern holds every level:
    each `[@attr='$i']` predicate ends level i, whose `match` is the path up to it (relative to
    level i-1) and whose `use` is `@attr`; the delimiter is what stands between the groups of its
    matchPattern; a level's unit is the `@n` of the pattern with that many groups."""
    patterns = list(refs.iterfind(f"{T}cRefPattern"))
    if not patterns:
        return None
    parsed = []
    for cp in patterns:
        xpath = _XPATH_PATTERN.match(cp.get("replacementPattern") or "")
        match = cp.get("matchPattern") or ""
        if xpath is None or not match:
            return None
        parsed.append((len(_GROUP.findall(match)), xpath.group(1), match, cp.get("n") or ""))
    depth, deepest, match, _ = max(parsed, key=lambda p: p[0])
    units = {groups: n for groups, _, _, n in parsed}
    predicates = list(_REF_PREDICATE.finditer(deepest))
    if depth == 0 or [int(m.group(3)) for m in predicates] != list(range(1, depth + 1)):
        return None
    literals = _GROUP.split(match)[1:-1]  # what stands between groups i and i+1
    delims = []
    for lit in literals:
        plain = re.sub(r"\\(.)", r"\1", lit)
        if not plain or re.search(r"[\\\[\]()*+?{}|^$]", plain):
            return None
        delims.append(plain)
    top = None
    parent = None
    start = 0
    for level, pred in enumerate(predicates, start=1):
        path = deepest[start:pred.start()]
        if level > 1:
            path = "." + path if path.startswith("//") else path.lstrip("/")
        if not path or "$" in path:
            return None
        cs = etree.Element(f"{T}citeStructure", match=path, use=f"@{pred.group(1)}")
        unit = units.get(level) or path.rsplit("/", 1)[-1].split("[")[0].split(":")[-1]
        if unit:
            cs.set("unit", unit)
        if level > 1:
            cs.set("delim", delims[level - 2])
            parent.append(cs)
        else:
            top = cs
        parent = cs
        start = pred.end()
    if deepest[start:].strip():
        return None  # something after the last reference (a further step): not a citation level
    return top


def declare(root) -> bool:
    """Add a refsDecl/citeStructure to the header when the document has none; True if added.
    The declaration is the one the document's own cRefPatterns make (its canonical references,
    "1.5" for poem 1, line 5), else one made from what the text holds."""
    if has_declaration(root):
        return False
    for refs in root.iterfind(f"{T}teiHeader/{T}encodingDesc/{T}refsDecl"):
        converted = _from_cref_patterns(refs)
        if converted is None:
            continue
        ours = etree.Element(f"{T}refsDecl", n="editio-dts")
        ours.append(converted)
        refs.addprevious(ours)  # first: the default citation tree
        ours.tail = refs.tail
        try:
            if units(root):
                return True
        except EditioError:
            pass
        ours.getparent().remove(ours)  # references not unique, or none: the text's own shape
        break
    body = root.find(f"{T}text/{T}body")
    observed: dict = {}
    if body is not None:
        _observed(body, "body", 0, observed)
    header = root.find(f"{T}teiHeader")
    if header is None:
        raise EditioError("document has no teiHeader", path=root.getroottree().docinfo.URL)
    enc = header.find(f"{T}encodingDesc")
    if enc is None:
        enc = etree.Element(f"{T}encodingDesc")
        file_desc = header.find(f"{T}fileDesc")
        (file_desc.addnext(enc) if file_desc is not None else header.insert(0, enc))
    refs = etree.SubElement(enc, f"{T}refsDecl", n="editio-dts")
    # encodingDesc's content model puts refsDecl among the other declarations: order is free
    _emit(refs, observed, top=True)
    if len(refs) == 0:
        enc.remove(refs)
        return False
    refs.text = None
    return True


def _trees(root) -> list[tuple[str, etree._Element]]:
    out = []
    for refs in root.iterfind(f"{T}teiHeader/{T}encodingDesc/{T}refsDecl"):
        if refs.find(f"{T}citeStructure") is not None:
            out.append((refs.get("n") or "", refs))
    # the first declaration is the default tree and has no identifier (DTS 1.0)
    return [("" if i == 0 else (name or f"tree{i + 1}"), refs) for i, (name, refs) in enumerate(out)]


def tree_names(root) -> list[str]:
    return [name for name, _ in _trees(root)]


def cite_structure_json(root) -> list[dict]:
    """The DTS `citationTrees` of a document, from its declarations."""

    def conv(cs) -> dict:
        out = {"@type": "CiteStructure", "citeType": cs.get("unit") or local(cs)}
        kids = [conv(c) for c in cs.iterfind(f"{T}citeStructure")]
        if kids:
            out["citeStructure"] = kids
        return out

    trees = []
    for name, refs in _trees(root):
        tree = {"@type": "CitationTree", "citeStructure": [conv(c) for c in refs.iterfind(f"{T}citeStructure")]}
        if name:
            tree["identifier"] = name
        trees.append(tree)
    return trees


def _path(root, el) -> list[int]:
    steps = []
    while el is not root:
        parent = el.getparent()
        if parent is None:
            raise EditioError("a citeStructure matched a node outside the document")
        steps.append([c for c in parent if isinstance(c.tag, str)].index(el))
        el = parent
    return steps[::-1]


def node_at(root, path: list[int]):
    el = root
    for i in path:
        el = [c for c in el if isinstance(c.tag, str)][i]
    return el


def _title(el) -> str:
    head = el.find(f"{T}head")
    if head is None and local(el) == "sp":
        head = el.find(f"{T}speaker")
    return " ".join("".join(head.itertext()).split()) if head is not None else ""


_COMPILED: dict[str, object] = {}


def _compiled(expression: str):
    """An XPath 2.0 expression parsed once per process (TEI the default namespace)."""
    token = _COMPILED.get(expression)
    if token is None:
        if len(_COMPILED) > 512:
            _COMPILED.clear()
        parser = elementpath.XPath2Parser(namespaces={"tei": TEI_NS}, default_namespace=TEI_NS)
        token = _COMPILED[expression] = parser.parse(expression)
    return token


def units(root, where: str = "") -> list[Unit]:
    """Every citable unit of every citation tree of the document, in document order per tree."""
    out: list[Unit] = []
    document = None  # elementpath's node tree of the document, built once (not once per expression)
    for name, refs in _trees(root):
        tree_units: list[Unit] = []

        def select(context, expression: str) -> list:
            nonlocal document
            if document is None:
                document = elementpath.get_node_tree(root.getroottree())
            item = document.get_element_node(context)
            results = _compiled(expression).get_results(elementpath.XPathContext(document, item=item))
            return results if isinstance(results, list) else [results]

        def walk(context, structures, prefix: str | None, level: int):
            for cs in structures:
                match, use = cs.get("match"), cs.get("use")
                if not match or not use:
                    raise EditioError("citeStructure needs both @match and @use", path=where,
                                      line=cs.sourceline)
                try:
                    nodes = select(context, match)
                    values = select(context, f"({match})/string({use})")
                except elementpath.ElementPathError as exc:
                    raise EditioError(f"citeStructure XPath cannot be evaluated: {exc}", path=where,
                                      line=cs.sourceline) from None
                nodes = [n for n in nodes if isinstance(n, etree._Element)]
                if len(values) != len(nodes):
                    raise EditioError("citeStructure @use must give one value per matched node",
                                      path=where, line=cs.sourceline)
                for node, value in zip(nodes, values):
                    ident = value if prefix is None else f"{prefix}{cs.get('delim') or ''}{value}"
                    unit = Unit(ident, level, prefix, cs.get("unit") or local(node), _title(node),
                                _path(root, node), name)
                    tree_units.append((node, unit))
                    walk(node, list(cs.iterfind(f"{T}citeStructure")), ident, level + 1)

        walk(root, list(refs.iterfind(f"{T}citeStructure")), None, 1)
        # document order (sibling structures are evaluated one after the other)
        # (keyed by the elements themselves: lxml proxies keep their identity only while referenced)
        order = {n: i for i, n in enumerate(root.iter())}
        tree_units.sort(key=lambda nu: order[nu[0]])
        seen = set()
        for _, unit in tree_units:
            if unit.identifier in seen:
                raise EditioError(f"citation tree {name or 'default'!r}: reference {unit.identifier!r} "
                                  "is not unique", path=where)
            seen.add(unit.identifier)
            out.append(unit)
    return out


def passage(root, first, last):
    """A copy of the part of the document from node `first` to node `last` (inclusive, in document
    order), with the ancestors that hold it pruned to it: the children of their lowest common
    ancestor, as a list of elements."""
    index = {n: i for i, n in enumerate(root.iter())}    # elements as keys: see units()
    lo = index[first]
    hi = max(index[n] for n in last.iter())      # last's final descendant
    if index[last] < lo:
        raise ValueError("start is after end")
    if first is last or first in last.iterancestors() or last in first.iterancestors():
        outer = first if last in first.iter() else last
        piece = copy.deepcopy(outer)
        piece.tail = None
        return [piece]
    ancestors_first = [first] + list(first.iterancestors())
    common = next(a for a in last.iterancestors() if a in ancestors_first)
    span = {}   # copy element -> (start index, last index) of its original
    duplicate = copy.deepcopy(common)
    for o, d in zip(list(common.iter()), list(duplicate.iter())):
        span[d] = (index[o], max(index[x] for x in o.iter()))

    def prune(el):
        start, _ = span[el]
        if start < lo:
            el.text = None
        for child in list(el):
            c_start, c_end = span[child]
            if c_end < lo or c_start > hi:
                _drop(child)
                continue
            if not (lo <= c_end < hi):
                child.tail = None
            if not (c_start >= lo and c_end <= hi):
                prune(child)

    prune(duplicate)
    return list(duplicate)


def _drop(el) -> None:
    """Remove el and its tail from its parent."""
    el.getparent().remove(el)
