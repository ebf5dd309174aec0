"""Build schema/editio.rng and schema/editio.odd from schema/editio-spec.toml (the one source).

    .venv/bin/python schema/build_schema.py          # rewrite both files
    .venv/bin/python schema/build_schema.py --check  # exit 1 if editio.rng is out of date

The ODD's examples are taken from the edition (tei/*.xml): for every element the shortest occurrence.
"""

from __future__ import annotations

import copy
import re
import sys
import tomllib
from pathlib import Path

from lxml import etree

HERE = Path(__file__).resolve().parent
RNG = "http://relaxng.org/ns/structure/1.0"
TEI = "http://www.tei-c.org/ns/1.0"
EG = "http://www.tei-c.org/ns/Examples"
XSD = "http://www.w3.org/2001/XMLSchema-datatypes"
XML_NS = "http://www.w3.org/XML/1998/namespace"

_TOKEN = re.compile(r"\s*([%#]?[\w:.\-]+|[(),|?*+])")


def parse_content(text: str):
    """Content syntax -> nested tuples: ('choice'|'group', [...]) ('?'|'*'|'+', x) ('name'|'macro', n)."""
    tokens, pos = [], 0
    text = text.strip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m:
            raise ValueError(f"cannot parse content {text!r} at {pos}")
        tokens.append(m.group(1))
        pos = m.end()
    tokens.append(None)
    i = 0

    def peek():
        return tokens[i]

    def take():
        nonlocal i
        i += 1
        return tokens[i - 1]

    def choice():
        items = [seq()]
        while peek() == "|":
            take()
            items.append(seq())
        return items[0] if len(items) == 1 else ("choice", items)

    def seq():
        items = [postfix()]
        while peek() == ",":
            take()
            items.append(postfix())
        return items[0] if len(items) == 1 else ("group", items)

    def postfix():
        node = atom()
        while peek() in ("?", "*", "+"):
            node = (take(), node)
        return node

    def atom():
        tok = take()
        if tok == "(":
            node = choice()
            if take() != ")":
                raise ValueError(f"missing ) in {text!r}")
            return node
        if tok is None or tok in ",|?*+)":
            raise ValueError(f"unexpected {tok!r} in {text!r}")
        return ("macro", tok[1:]) if tok.startswith("%") else ("name", tok)

    node = choice()
    if peek() is not None:
        raise ValueError(f"trailing {peek()!r} in {text!r}")
    return node


def R(tag, parent=None, **attrs):
    el = etree.Element(f"{{{RNG}}}{tag}", **attrs) if parent is None else \
        etree.SubElement(parent, f"{{{RNG}}}{tag}", **attrs)
    return el


def emit_content(node, parent) -> None:
    kind = node[0]
    if kind == "name":
        if node[1] in ("#text", "#empty"):
            R(node[1][1:], parent)
        else:
            R("ref", parent, name=node[1])
    elif kind == "macro":
        R("ref", parent, name=f"macro.{node[1]}")
    elif kind in ("choice", "group"):
        el = R(kind, parent)
        for child in node[1]:
            emit_content(child, el)
    else:
        el = R({"?": "optional", "*": "zeroOrMore", "+": "oneOrMore"}[kind], parent)
        emit_content(node[1], el)


def _data(parent, type_, pattern=None):
    d = R("data", parent, type=type_)
    if pattern:
        R("param", d, name="pattern").text = pattern


def emit_type(type_, parent) -> None:
    """The RELAX NG pattern for an attribute type (a name from [types] or a closed list)."""
    if isinstance(type_, list):
        ch = R("choice", parent)
        for v in type_:
            R("value", ch).text = v
        return
    if type_ == "id":
        _data(parent, "ID")
    elif type_ == "pointers":
        _data(R("oneOrMore", R("list", parent)), "anyURI", r"#[^\s#]+")
    elif type_ == "register":
        _data(parent, "anyURI", r"register/register\.xml#[a-z0-9][a-z0-9\-]*")
    elif type_ == "target":
        _data(R("oneOrMore", R("list", parent)), "anyURI", r"\S+")
    elif type_ == "date":
        ch = R("choice", parent)
        for t in ("date", "gYearMonth", "gYear", "dateTime"):
            _data(ch, t)
    elif type_ == "tokens":
        _data(R("oneOrMore", R("list", parent)), "token", r"\S+")
    elif type_ == "count":
        _data(parent, "nonNegativeInteger")
    elif type_ == "lang":
        _data(parent, "language")
    elif type_ == "token":
        _data(parent, "token", r"\S+")
    elif type_ == "text":
        R("text", parent)
    elif type_ == "certainty":
        emit_type(["high", "medium", "low", "unknown"], parent)
    elif type_ == "lang_or_none":
        ch = R("choice", parent)
        _data(ch, "language")
        R("empty", ch)
    elif type_ == "base":
        _data(parent, "anyURI")
    else:
        raise ValueError(f"unknown attribute type {type_!r}")


def attributes(el_spec: dict, spec: dict) -> list[tuple[str, bool, object]]:
    """(name, required, type) for an element spec and the [global_attributes] it does not declare
    itself, sorted by name."""
    out = {key.lstrip("!"): (key.lstrip("!"), key.startswith("!"), type_)
           for key, type_ in el_spec.get("attributes", {}).items()}
    for name, type_ in spec.get("global_attributes", {}).items():
        out.setdefault(name, (name, False, type_))
    return sorted(out.values())


def build_rng(spec: dict) -> etree._ElementTree:
    grammar = R("grammar", ns=TEI, datatypeLibrary=XSD, nsmap={None: RNG})
    grammar.text = "\n"
    grammar.append(etree.Comment(" Generated by schema/build_schema.py from schema/editio-spec.toml: edit that file. "))
    R("ref", R("start", grammar), name="TEI")
    for name, text in spec["macros"].items():
        emit_content(parse_content(text), R("define", grammar, name=f"macro.{name}"))
    for name, el_spec in spec["elements"].items():
        element = R("element", R("define", grammar, name=name), name=name)
        for att, required, type_ in attributes(el_spec, spec):
            holder = element if required else R("optional", element)
            emit_type(type_, R("attribute", holder, name=att))
        emit_content(parse_content(el_spec["content"]), element)
    tree = etree.ElementTree(grammar)
    etree.indent(tree, space=" ")
    return tree


# ---------------------------------------------------------------- ODD
def T(tag, parent=None, text=None, **attrs):
    el = etree.Element(f"{{{TEI}}}{tag}", **attrs) if parent is None else \
        etree.SubElement(parent, f"{{{TEI}}}{tag}", **attrs)
    if text is not None:
        el.text = text
    return el


def _examples(tei_dir: Path) -> dict[str, etree._Element]:
    """For each element name, its shortest occurrence in the edition (deterministic)."""
    best: dict[str, tuple[int, str, etree._Element]] = {}
    parser = etree.XMLParser(no_network=True, resolve_entities=False, remove_comments=True, remove_pis=True)
    for path in sorted(tei_dir.rglob("*.xml")):
        for el in etree.parse(str(path), parser).iter(f"{{{TEI}}}*"):
            if el.tag == f"{{{TEI}}}TEI":
                continue
            el = copy.deepcopy(el)
            el.tail = None
            text = etree.tostring(el, encoding="unicode")
            name = etree.QName(el).localname
            if len(text) > 600 and name in best:
                continue
            key = (len(text), str(path))
            if name not in best or key < best[name][:2]:
                best[name] = (len(text), str(path), el)
    return {name: value[2] for name, value in best.items()}


def _as_example(el: etree._Element) -> etree._Element:
    eg = etree.Element(f"{{{EG}}}egXML", nsmap={None: EG})
    copy_ = copy.deepcopy(el)
    for node in copy_.iter():
        if isinstance(node.tag, str) and node.tag.startswith(f"{{{TEI}}}"):
            node.tag = f"{{{EG}}}" + etree.QName(node).localname
    eg.append(copy_)
    etree.cleanup_namespaces(eg)
    return eg


def build_odd(spec: dict, rng: etree._ElementTree, tei_dir: Path) -> etree._ElementTree:
    examples = _examples(tei_dir) if tei_dir.is_dir() else {}
    defines = {d.get("name"): d for d in rng.getroot().iter(f"{{{RNG}}}define")}
    root = T("TEI", nsmap={None: TEI, "rng": RNG})
    root.set(f"{{{XML_NS}}}lang", "en")
    header = T("teiHeader", root)
    fd = T("fileDesc", header)
    T("title", T("titleStmt", fd), "editio: the encoding of the edition (ODD)")
    T("p", T("publicationStmt", fd), "Generated by schema/build_schema.py from schema/editio-spec.toml.")
    T("p", T("sourceDesc", fd), "schema/editio-spec.toml; examples from tei/*.xml.")
    body = T("body", T("text", root))
    T("head", body, "The editio customisation of TEI P5")
    T("p", body, "Every element and attribute the edition uses, why it uses it, and an example from the "
                 "edition. The grammar schema/editio.rng is generated from the same source; the rules that "
                 "grammar cannot express are in schema/editio.sch. Closed value lists are closed in both.")
    types = T("list", body, type="gloss")
    for name, desc in spec["types"].items():
        T("label", types, name)
        T("item", types, desc)
    schema_spec = T("schemaSpec", body, ident="editio", start="TEI", prefix="editio_")
    for module, names in spec["modules"].items():
        T("moduleRef", schema_spec, key=module, include=" ".join(sorted(names)))
    for name, text in spec["macros"].items():
        ms = T("macroSpec", schema_spec, ident=f"macro.{name}", mode="add", type="pe")
        content = T("content", ms)
        content.append(copy.deepcopy(defines[f"macro.{name}"][0]))
    module_of = {n: m for m, names in spec["modules"].items() for n in names}
    seen_ids: set[str] = set()
    for name, el_spec in spec["elements"].items():
        es = T("elementSpec", schema_spec, ident=name, module=module_of[name], mode="replace")
        T("desc", es, el_spec["why"])
        content = T("content", es)
        element = defines[name][0]
        for child in element:
            if child.tag not in (f"{{{RNG}}}attribute", f"{{{RNG}}}optional") or \
                    (child.tag == f"{{{RNG}}}optional" and child[0].tag != f"{{{RNG}}}attribute"):
                content.append(copy.deepcopy(child))
        atts = attributes(el_spec, spec)
        if atts:
            att_list = T("attList", es)
            for att, required, type_ in atts:
                ad = T("attDef", att_list, ident=att, usage="req" if required else "opt")
                if isinstance(type_, list) or type_ == "certainty":
                    T("desc", ad, "closed list")
                    vl = T("valList", ad, type="closed")
                    for v in (type_ if isinstance(type_, list) else ["high", "medium", "low", "unknown"]):
                        T("valItem", vl, ident=v)
                else:
                    T("desc", ad, spec["types"][type_])
                    dt = T("datatype", ad)
                    emit_type(type_, dt)
        if name in examples:
            example = _as_example(examples[name])
            for node in example.iter():  # an id may appear in one example only
                if node.get(f"{{{XML_NS}}}id") in seen_ids:
                    del node.attrib[f"{{{XML_NS}}}id"]
                elif node.get(f"{{{XML_NS}}}id"):
                    seen_ids.add(node.get(f"{{{XML_NS}}}id"))
            T("exemplum", es).append(example)
    tree = etree.ElementTree(root)
    etree.indent(tree, space=" ")
    return tree


def load_spec(path: Path = HERE / "editio-spec.toml") -> dict:
    with open(path, "rb") as handle:
        spec = tomllib.load(handle)
    module_of = [n for names in spec["modules"].values() for n in names]
    missing = set(spec["elements"]) - set(module_of)
    if missing:
        raise ValueError(f"elements without a TEI module in [modules]: {sorted(missing)}")
    return spec


def rng_bytes(spec: dict) -> bytes:
    return etree.tostring(build_rng(spec), encoding="UTF-8", xml_declaration=True) + b"\n"


def main(argv: list[str]) -> int:
    spec = load_spec()
    data = rng_bytes(spec)
    if "--check" in argv:
        current = (HERE / "editio.rng").read_bytes() if (HERE / "editio.rng").exists() else b""
        if current != data:
            print("schema/editio.rng is out of date: run .venv/bin/python schema/build_schema.py", file=sys.stderr)
            return 1
        return 0
    (HERE / "editio.rng").write_bytes(data)
    odd = build_odd(spec, build_rng(spec), HERE.parent / "tei")
    (HERE / "editio.odd").write_bytes(etree.tostring(odd, encoding="UTF-8", xml_declaration=True) + b"\n")
    print("wrote schema/editio.rng and schema/editio.odd")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
