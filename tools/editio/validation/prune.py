"""Prune a RELAX NG grammar to the element and attribute names that occur in the instances.

Why this is exact: an `element` (or `attribute`) pattern with a plain name can only ever match a
node of that name.  If no node of that name occurs in the documents being validated, the pattern
can match nothing in them, so replacing it by `notAllowed` changes no verdict.  notAllowed is then
propagated (group/interleave/oneOrMore/element/attribute with a notAllowed part become notAllowed,
choice drops it, optional/zeroOrMore become empty) and unreachable definitions are dropped.

Name classes (anyName, nsName, name choices) are kept as they are.  Foreign elements (a:documentation,
embedded Schematron) are annotations and are removed.  The differential test against jing checks
the claim on the edition and on hundreds of mutants.

tei_all shrinks from ~1,100 definitions to the few dozen a corpus uses, so libxml2 compiles it in
milliseconds instead of seconds.
"""

from __future__ import annotations

import copy
import hashlib
from pathlib import Path

from lxml import etree

RNG_NS = "http://relaxng.org/ns/structure/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
_R = "{%s}" % RNG_NS


def _q(local: str) -> str:
    return _R + local


def _qualify(node: etree._Element, name: str, is_attribute: bool) -> tuple[str, str]:
    """(namespace, local) of a name attribute, following RELAX NG's ns inheritance rules."""
    name = name.strip()
    if ":" in name:
        prefix, local = name.split(":", 1)
        if prefix == "xml":
            return XML_NS, local
        return node.nsmap.get(prefix, ""), local
    if is_attribute:
        return node.get("ns", ""), name
    for anc in node.iterancestors() if node.get("ns") is None else ():
        if anc.get("ns") is not None:
            return anc.get("ns"), name
    return node.get("ns", ""), name


def instance_names(tree) -> tuple[set, set]:
    """Clark-less (ns, local) sets of element names and attribute names in a parsed document."""
    elements, attributes = set(), set()
    for el in tree.iter():
        tag = el.tag
        if not isinstance(tag, str):
            continue
        elements.add(_split(tag))
        for key in el.attrib:
            attributes.add(_split(key))
    return elements, attributes


def _split(clark: str) -> tuple[str, str]:
    if clark[0] == "{":
        ns, local = clark[1:].split("}", 1)
        return ns, local
    return "", clark


def _strip_foreign(root: etree._Element) -> None:
    for el in list(root.iter()):
        if not isinstance(el.tag, str) or not el.tag.startswith(_R):
            if el.getparent() is not None:
                el.getparent().remove(el)


NOT_ALLOWED = "notAllowed"
EMPTY = "empty"


def _state(el) -> str | None:
    tag = el.tag
    if tag == _q("notAllowed"):
        return NOT_ALLOWED
    if tag == _q("empty"):
        return EMPTY
    return None


def _replace(el, local: str) -> None:
    new = etree.Element(_q(local))
    new.tail = el.tail
    el.getparent().replace(el, new)
    return new


_LEAVES = {_q(n) for n in ("data", "value", "name", "anyName", "nsName", "param", "text", "empty",
                            "notAllowed", "except")}


def _pattern_children(el):
    """Children that are patterns (not name classes, params or datatype exceptions)."""
    if el.tag in _LEAVES:
        return []
    kids = list(el)
    if el.tag in (_q("element"), _q("attribute")) and el.get("name") is None:
        kids = kids[1:]  # the name class
    return kids


def _simplify(el, dead_defs: set[str]) -> str | None:
    """Simplify bottom-up; return the state of `el` after simplification."""
    tag = el.tag
    if tag == _q("ref"):
        return NOT_ALLOWED if el.get("name") in dead_defs else None
    kids = _pattern_children(el)
    states = []
    for c in kids:
        pos = el.index(c)
        st = _simplify(c, dead_defs)
        states.append((el[pos], st))
    if tag in (_q("group"), _q("interleave"), _q("oneOrMore"), _q("list"), _q("mixed"),
               _q("element"), _q("attribute"), _q("define"), _q("start")):
        if any(st == NOT_ALLOWED for _, st in states):
            if tag in (_q("define"), _q("start")):
                for c, _ in states:
                    el.remove(c)
                el.append(etree.Element(_q("notAllowed")))
                return NOT_ALLOWED
            _replace(el, "notAllowed")
            return NOT_ALLOWED
        if tag in (_q("group"), _q("interleave")):
            for c, st in states:
                if st == EMPTY and len(states) > 1:
                    el.remove(c)
        return None
    if tag in (_q("optional"), _q("zeroOrMore")):
        if any(st == NOT_ALLOWED for _, st in states) or all(st == EMPTY for _, st in states):
            _replace(el, "empty")
            return EMPTY
        return None
    if tag == _q("choice"):
        live = [(c, st) for c, st in states if st != NOT_ALLOWED]
        if not live:
            _replace(el, "notAllowed")
            return NOT_ALLOWED
        for c, st in states:
            if st == NOT_ALLOWED:
                el.remove(c)
        if len(live) == 1 and live[0][1] == EMPTY:
            _replace(el, "empty")
            return EMPTY
        return None
    return _state(el)


def prune(grammar: etree._ElementTree, elements: set, attributes: set) -> etree._ElementTree:
    """A copy of `grammar` (simplified-syntax-friendly RNG: one file, no include) pruned to the names."""
    root = copy.deepcopy(grammar.getroot())
    _strip_foreign(root)
    for el in list(root.iter(_q("element"), _q("attribute"))):
        name = el.get("name")
        if name is None:
            continue
        is_attr = el.tag == _q("attribute")
        if _qualify(el, name, is_attr) not in (attributes if is_attr else elements):
            _replace(el, "notAllowed")
    defines = {d.get("name"): d for d in root.iter(_q("define"))}
    dead: set[str] = set()
    while True:
        before = len(dead)
        for name, d in defines.items():
            if name not in dead and _simplify(d, dead) == NOT_ALLOWED:
                dead.add(name)
        if len(dead) == before:
            break
    start = root.find(_q("start"))
    _simplify(start, dead)
    # drop unreachable defines
    reachable, todo = set(), [start]
    while todo:
        node = todo.pop()
        for ref in node.iter(_q("ref"), _q("parentRef")):
            n = ref.get("name")
            if n not in reachable and n in defines:
                reachable.add(n)
                todo.append(defines[n])
    for name, d in defines.items():
        if name not in reachable:
            root.remove(d)
    return etree.ElementTree(root)


def names_key(schema_digest: str, elements: set, attributes: set) -> str:
    h = hashlib.sha256(schema_digest.encode())
    for kind, names in (("e", elements), ("a", attributes)):
        for ns, local in sorted(names):
            h.update(f"{kind}|{ns}|{local}\n".encode())
    return h.hexdigest()[:24]


def cached_prune(schema_path: Path, grammar_loader, elements: set, attributes: set,
                 cache_dir: Path | None) -> etree._ElementTree:
    """Pruned grammar for this name set, from `cache_dir` when it is there (keyed by schema+names)."""
    digest = hashlib.sha256(schema_path.read_bytes()).hexdigest()
    key = names_key(digest, elements, attributes)
    target = cache_dir / f"{schema_path.stem}-{key}.rng" if cache_dir else None
    if target is not None and target.is_file():
        try:
            return etree.parse(str(target), etree.XMLParser(no_network=True, resolve_entities=False))
        except etree.XMLSyntaxError:
            pass
    pruned = prune(grammar_loader(), elements, attributes)
    if target is not None:
        try:
            from ..xmlio import atomic_write
            atomic_write(target, etree.tostring(pruned, encoding="UTF-8", xml_declaration=True))
        except OSError:
            pass  # a read-only cache is not an error
    return pruned
