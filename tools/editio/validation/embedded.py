"""`--embedded-schematron`: the Schematron that a grammar or an ODD carries, as one schema.

* RELAX NG (what TEI's ODD processor generates, e.g. tei_all.rng): the `sch:ns` and `sch:pattern`
  annotations anywhere in the grammar (jing ignores them; oXygen runs them).
* ODD: every `constraintSpec[@scheme = 'schematron' or 'isoschematron']`.  A constraint holding
  patterns is taken as it is; rules become a pattern named after the constraintSpec; bare asserts and
  reports get a rule whose context is the element (or attribute) the spec belongs to, as TEI's ODD
  processor does.

Query binding: the grammar's/ODD's own if it declares one, else xslt2 (TEI writes XPath 2).
"""

from __future__ import annotations

import copy
from pathlib import Path

from lxml import etree

from ..errors import InputError
from .schematron import _S, _SRC, SCH, Compiled, compile_schema

TEI = "http://www.tei-c.org/ns/1.0"
_T = "{%s}" % TEI


def _parse(path: Path):
    try:
        tree = etree.parse(str(path), etree.XMLParser(no_network=True, resolve_entities=False, load_dtd=False,
                                                      huge_tree=True))
    except (OSError, etree.XMLSyntaxError) as exc:
        raise InputError(f"cannot read the schema for its embedded Schematron: {exc}", path=str(path)) from None
    for el in tree.iter():
        if isinstance(el.tag, str) and el.tag.startswith(_S):
            el.set(_SRC, f"{path}:{el.sourceline}")
    return tree.getroot()


def _context_for(spec) -> str | None:
    owner = spec.getparent()
    while owner is not None and owner.tag not in (_T + "elementSpec", _T + "attDef", _T + "classSpec"):
        owner = owner.getparent()
    if owner is None:
        return None
    if owner.tag == _T + "attDef":
        el = owner.getparent()
        while el is not None and el.tag != _T + "elementSpec":
            el = el.getparent()
        att = owner.get("ident")
        return f"tei:{el.get('ident')}/@{att}" if el is not None else f"@{att}"
    if owner.tag == _T + "elementSpec":
        prefix = "tei:" if (owner.get("ns") or TEI) == TEI else "*:"
        return prefix + owner.get("ident")
    return None


def collect(path: Path) -> etree._Element | None:
    root = _parse(path)
    schema = etree.Element(_S + "schema", nsmap={None: SCH})
    schema.set(_SRC, f"{path}:{root.sourceline}")
    binding = root.get("queryBinding") or "xslt2"
    schema.set("queryBinding", binding)
    seen_ns = set()
    tei_ns = etree.SubElement(schema, _S + "ns", prefix="tei", uri=TEI)
    tei_ns.set(_SRC, f"{path}:{root.sourceline}")
    seen_ns.add("tei")
    patterns = 0
    for ns in root.iter(_S + "ns"):
        if ns.get("prefix") not in seen_ns:
            seen_ns.add(ns.get("prefix"))
            schema.append(copy.deepcopy(ns))
    for el in root.iter(_S + "let"):
        if el.getparent().tag != _S + "rule" and el.getparent().tag != _S + "pattern":
            schema.append(copy.deepcopy(el))
    if root.tag.startswith(_T) or root.find(f".//{_T}schemaSpec") is not None:
        for spec in root.iter(_T + "constraintSpec"):
            if spec.get("scheme") not in ("schematron", "isoschematron"):
                continue
            for constraint in spec.iter(_T + "constraint"):
                kids = [c for c in constraint if isinstance(c.tag, str) and c.tag.startswith(_S)]
                loose = [c for c in kids if c.tag in (_S + "assert", _S + "report", _S + "let")]
                for c in kids:
                    if c.tag == _S + "pattern":
                        schema.append(copy.deepcopy(c))
                        patterns += 1
                rules = [c for c in kids if c.tag == _S + "rule"]
                if rules or loose:
                    pat = etree.SubElement(schema, _S + "pattern", id=spec.get("ident") or f"constraint-{patterns}")
                    pat.set(_SRC, spec.get(_SRC) or f"{path}:{spec.sourceline}")
                    for r in rules:
                        pat.append(copy.deepcopy(r))
                    if loose:
                        context = _context_for(spec)
                        if context is None:
                            raise InputError(f"constraintSpec {spec.get('ident')!r} has asserts outside a rule "
                                             "and belongs to no element", path=str(path), line=spec.sourceline)
                        rule = etree.SubElement(pat, _S + "rule", context=context)
                        rule.set(_SRC, f"{path}:{spec.sourceline}")
                        for c in loose:
                            rule.append(copy.deepcopy(c))
                    patterns += 1
    else:
        for pat in root.iter(_S + "pattern"):
            schema.append(copy.deepcopy(pat))
            patterns += 1
    return schema if patterns else None


def embedded_schema(path: Path, phase: str | None, cache: Path | None) -> Compiled | None:
    schema = collect(Path(path))
    if schema is None:
        return None
    return compile_schema(Path(path), phase, cache=cache, root=schema)
