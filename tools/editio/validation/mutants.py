"""Invalid documents made by mutating valid ones, each with the rule and line a validator must report.

Used by the differential test against jing and by the benchmark.  Every mutant is one small,
deterministic change to one document: wrong element, wrong attribute value, unknown attribute, bad or
disordered date, dangling pointer, missing header field, broken nesting (grammar and well-formedness),
duplicate id, apparatus reading missing or doubled.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
RNG_NS = "http://relaxng.org/ns/structure/1.0"


@dataclass
class Mutant:
    name: str                # file name to write it under
    source: str              # the document it was made from
    kind: str                # wrong-element, bad-date, ...
    data: bytes
    rules: frozenset         # any of these rule ids is the right one
    lines: frozenset         # any of these lines is the right one
    note: str = ""
    meta: dict = field(default_factory=dict)


def t(local: str) -> str:
    return f"{{{TEI_NS}}}{local}"


def closed_lists(rng_path: Path) -> dict[str, dict[str, list[str]]]:
    """element -> attribute -> closed list of values, read from a generated editio.rng."""
    tree = etree.parse(str(rng_path), etree.XMLParser(no_network=True, resolve_entities=False))
    out: dict[str, dict[str, list[str]]] = {}
    for el in tree.iter(f"{{{RNG_NS}}}element"):
        for att in el.iter(f"{{{RNG_NS}}}attribute"):
            values = [v.text for v in att.iter(f"{{{RNG_NS}}}value")]
            if values:
                out.setdefault(el.get("name"), {})[att.get("name")] = values
    return out


def _serialize(tree, prolog: bytes) -> bytes:
    """The original prolog (declaration, processing instructions) byte for byte, then the root."""
    return prolog + etree.tostring(tree.getroot(), encoding="UTF-8") + b"\n"


def _elements(tree, *names):
    return [e for e in tree.iter(*(t(n) for n in names) if names else ()) if isinstance(e.tag, str)]


def _pick(items, count):
    """Up to `count` items spread evenly over the list (deterministic)."""
    if len(items) <= count:
        return list(items)
    step = len(items) / count
    return [items[int(i * step)] for i in range(count)]


def _path(tree, el):
    return tree.getpath(el)


def mutate_document(path: Path, closed: dict, per_kind: int = 4) -> list[Mutant]:
    """All mutants of one document (a few of each kind, spread over the document)."""
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    original = etree.parse(str(path), parser)
    raw = path.read_bytes()
    root_name = etree.QName(original.getroot()).localname.encode()
    prolog = raw[:raw.index(b"<" + root_name)]
    stem = path.stem
    out: list[Mutant] = []

    def make(kind, target_path, change, rules, lines=None, note=""):
        tree = copy.deepcopy(original)
        target = tree.xpath(target_path)[0] if target_path else tree.getroot()
        result = change(tree, target)
        line_set = frozenset(lines if lines is not None else [result if isinstance(result, int) else target.sourceline])
        out.append(Mutant(f"m{len(out):03d}-{kind}-{stem}.xml", str(path), kind, _serialize(tree, prolog),
                          frozenset(rules), line_set, note))

    root = original.getroot()
    body = [e for e in root.iter() if isinstance(e.tag, str)
            and e.getparent() is not None and e.getparent().tag != etree.Comment]
    body = [e for e in body if e.tag != t("TEI")]

    # wrong element: an element renamed to a name the schema does not know
    for el in _pick(body, per_kind):
        def rename(tree, target):
            target.tag = target.tag + "x"
        make("wrong-element", _path(original, el), rename, {"rng-unknown-element"},
             note=f"{etree.QName(el).localname} -> {etree.QName(el).localname}x")

    # wrong attribute value: a closed-list attribute set to a value outside the list
    cands = [(e, a) for e in body for a in closed.get(etree.QName(e).localname, {})
             if (e.get(a) if ":" not in a else None) is not None]
    for el, att in _pick(cands, per_kind * 2):
        def bad_value(tree, target, att=att):
            target.set(att, "not-in-list")
        make("wrong-attribute-value", _path(original, el), bad_value, {"rng-attribute"},
             note=f"@{att} on {etree.QName(el).localname}")

    # unknown attribute / attribute on the wrong element
    for el in _pick(body, per_kind):
        def unknown_att(tree, target):
            target.set("colour", "red")
        make("unknown-attribute", _path(original, el), unknown_att, {"rng-unknown-attribute"})

    # bad date: impossible or malformed ISO dates in @when/@notBefore/@notAfter
    dated = [(e, a) for e in body for a in ("when", "notBefore", "notAfter") if e.get(a)]
    bad_dates = ["1944-02-30", "1945-13-01", "1944-6-10", "June 1944", "1943-02-29", "19445-01-01"]
    for i, (el, att) in enumerate(_pick(dated, per_kind * 2)):
        def bad_date(tree, target, att=att, value=bad_dates[i % len(bad_dates)]):
            target.set(att, value)
        make("bad-date", _path(original, el), bad_date, {"date-iso"}, note=f"@{att}")

    # disordered range: notBefore after notAfter
    ranged = [e for e in body if e.get("notBefore") and e.get("notAfter")]
    for el in _pick(ranged, per_kind):
        def swap(tree, target):
            nb, na = target.get("notBefore"), target.get("notAfter")
            if nb == na:
                na = str(int(na[:4]) - 1) + na[4:]
            target.set("notBefore", na)
            target.set("notAfter", nb)
        make("date-order", _path(original, el), swap, {"date-order"})

    # dangling pointers
    pointing = [(e, a) for e in body for a in ("wit", "corresp", "who", "resp", "ref", "target", "edRef")
                if e.get(a)]
    for el, att in _pick(pointing, per_kind * 3):
        value = el.get(att)
        if "register/register.xml#" in value:
            new, rules = "register/register.xml#nobody-by-this-name", {"ptr-register"}
        elif value.startswith("#"):
            new, rules = "#nowhere-" + stem, {"ptr-local"}
        elif value.endswith(".xml"):
            new, rules = "no-such-document.xml", {"ptr-file"}
        else:
            continue

        def dangle(tree, target, att=att, new=new):
            target.set(att, new)
        make("dangling-pointer", _path(original, el), dangle, rules, note=f"@{att}")

    # missing header fields: removal caught by the grammar (reported at the parent or the next
    # sibling) or by a Schematron header rule (reported at the root)
    header_fields = [
        ("tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title[@type='main']", {"header-title", "rng-content", "rng-element"}),
        ("tei:teiHeader/tei:fileDesc/tei:publicationStmt/tei:idno[@type='editio']", {"header-idno", "rng-element", "rng-content"}),
        ("tei:teiHeader/tei:fileDesc/tei:publicationStmt/tei:availability", {"header-licence", "rng-content", "rng-element"}),
        ("tei:teiHeader/tei:fileDesc/tei:sourceDesc/tei:bibl[@type='citation']", {"header-citation"}),
        ("tei:teiHeader/tei:fileDesc/tei:sourceDesc/tei:bibl[@type='seed']", {"header-seed"}),
        ("tei:teiHeader/tei:profileDesc/tei:creation", {"header-date"}),
        ("tei:teiHeader/tei:profileDesc/tei:langUsage", {"header-language"}),
        ("tei:teiHeader/tei:revisionDesc", {"header-change"}),
    ]
    if original.find(f"{t('text')}/{t('body')}/{t('div')}") is not None:
        for xpath, rules in header_fields:
            found = original.getroot().xpath(xpath, namespaces={"tei": TEI_NS})
            if not found:
                continue
            el = found[0]
            nxt = el.getnext()
            lines = {root.sourceline, el.getparent().sourceline}
            if nxt is not None:
                lines.add(nxt.sourceline)

            def remove(tree, target):
                # a comment with as many line breaks keeps every later line where it was
                breaks = etree.tostring(target, with_tail=False).count(b"\n")
                stand_in = etree.Comment(" removed " + "\n" * breaks)
                stand_in.tail = target.tail
                target.getparent().replace(target, stand_in)
            make("missing-header-field", _path(original, el), remove, rules, lines=lines,
                 note=etree.QName(el).localname)

    # broken nesting (grammar): a block element inside a phrase-level one, a div inside a paragraph
    hosts = [e for e in body if etree.QName(e).localname in
             ("p", "head", "persName", "placeName", "signed", "item", "dateline", "label", "date", "seg")]
    for el in _pick(hosts, per_kind * 2):
        inner = "div" if etree.QName(el).localname == "p" else "p"

        def nest(tree, target, inner=inner):
            new = etree.Element(t(inner))
            if inner == "div":
                new.set("type", "document")
                etree.SubElement(new, t("p")).text = "x"
            else:
                new.text = "x"
            new.tail = target.text
            target.text = None
            target.insert(0, new)
        make("broken-nesting", _path(original, el), nest, {"rng-element"}, note=f"{inner} in {etree.QName(el).localname}")

    # broken nesting (well-formedness): end tags crossed -> malformed XML, exit 2 with the position
    text = path.read_bytes()
    lines = text.split(b"\n")
    crossed = [i for i, ln in enumerate(lines) if b"<p>" in ln and b"</p>" in ln and ln.count(b"<p>") == 1]
    for i in _pick(crossed, per_kind):
        ln = lines[i]
        broken = ln.replace(b"<p>", b"<p><hi rend=\"italic\">", 1).replace(b"</p>", b"</p></hi>", 1)
        data = b"\n".join(lines[:i] + [broken] + lines[i + 1:])
        out.append(Mutant(f"m{len(out):03d}-malformed-{stem}.xml", str(path), "malformed", data,
                          frozenset({"xml-malformed"}), frozenset({i + 1}), "crossed end tags"))

    # duplicate xml:id inside one document
    ids = [e for e in body if e.get(XML_ID)]
    if len(ids) >= 2:
        for el in _pick(ids[1:], per_kind):
            first = ids[0].get(XML_ID)

            def dup(tree, target, first=first):
                target.set(XML_ID, first)
            make("duplicate-id", _path(original, el), dup, {"id-unique"})

    # apparatus: a witness without a reading, a witness cited twice
    apps = [e for e in body if e.tag == t("app") and len(e.findall(t("rdg"))) >= 2]
    for el in _pick(apps, per_kind):
        def drop_reading(tree, target):
            target.remove(target.findall(t("rdg"))[-1])
        make("app-witness", _path(original, el), drop_reading, {"app-witness-covered"})

        def double(tree, target):
            rdgs = target.findall(t("rdg"))
            rdgs[-1].set("wit", rdgs[0].get("wit") + " " + rdgs[-1].get("wit"))
        make("app-witness", _path(original, el), double, {"app-witness-once"})
    return out


def mutate_edition(tei_dir: Path, rng_path: Path, per_kind: int = 4,
                   sources: list[Path] | None = None) -> list[Mutant]:
    """Mutants of every document in `tei_dir` (or of `sources` only)."""
    closed = closed_lists(rng_path)
    mutants = []
    for path in sources if sources is not None else sorted(tei_dir.glob("*.xml")):
        mutants.extend(mutate_document(path, closed, per_kind))
    return mutants
