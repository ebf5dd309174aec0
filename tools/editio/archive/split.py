"""Split an archive's volume into units: one TEI document each, a register, and the volume's outline.

What is written (all paths relative to the output folder):
- `{volume}-{unit id}.xml`: the unit (its markup unchanged but for the rewrites below) in a TEI
  document whose teiHeader is made from the volume (header.py);
- `register/{volume}.xml`: the volume's register lists as listPerson/listOrg entries (register_file.py);
- `outline/{volume}.xml`: the volume without its units, each replaced by
  `<divGen type="editio:unit" corresp="../{file}"/>`: the outline (compilations, chapters, their
  heads, the front and back matter) for a web build to group by, and what export puts units back into.

Rewrites, each undone by export (assemble.py):
- pointers into a register list (FRUS persName/@corresp="#p_X") -> `register/{volume}.xml#{volume}-p_X`,
  in the attribute the profile names (persName/@ref);
- pointers to an id now in another file (#d5, #pg_12) -> `{file}#id` (`outline/{volume}.xml#id`);
- elements outside TEI (frus:attachment) -> the profile's TEI element with @type naming what it was;
- attributes outside TEI on the unit itself (frus:doc-dateTime-min) -> the header's xenoData.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from .. import TEI_NS, XML_NS
from ..errors import InputError
from ..xmlio import parse
from .profile import Profile

XML_ID = f"{{{XML_NS}}}id"
UNIT_MARK = "editio:unit"                   # divGen/@type of a unit's place in the outline
TEXT_MARK = "editio:text"                   # div/@type of the wrapper that export removes again
# TEI's div: (divTop | global)*, then either text (p, list...) followed by divisions, or divisions;
# then closing matter (closer, postscript...).  A letter's closer followed by its enclosures is not
# that, so the letter's own text is wrapped in a div of its own (and unwrapped on export).
DIV_TOP = {"head", "opener", "dateline", "byline", "docAuthor", "docDate", "argument", "epigraph", "salute",
           "signed", "meeting"}
DIV_BOTTOM = {"closer", "postscript", "trailer", "signed", "salute", "dateline", "byline", "docAuthor",
              "docDate", "argument", "epigraph", "meeting"}
GLOBAL = {"pb", "lb", "cb", "gb", "milestone", "note", "noteGrp", "figure", "fw", "anchor", "gap", "index",
          "interp", "interpGrp", "link", "linkGrp", "span", "spanGrp", "certainty", "precision", "respons",
          "notatedMusic", "metamark", "addSpan", "delSpan", "damageSpan", "alt", "altGrp", "join", "joinGrp",
          "timeline", "fs", "fLib", "fvLib", "substJoin", "listTranspose", "witDetail", "space", "ellipsis",
          "incident", "kinesic", "pause", "shift", "vocal", "writing"}
POINTING = ("target", "corresp", "ref", "ana", "who", "sameAs", "prev", "next")
ID_SAFE = re.compile(r"[^\w.-]")


@dataclass
class Unit:
    id: str                 # the archive's id (d1)
    element: etree._Element  # in the volume's tree
    file: str               # frus1918Russiav03-d1.xml
    page_from: str | None = None
    page_to: str | None = None


@dataclass
class Volume:
    id: str
    source: Path
    tree: etree._ElementTree
    profile: Profile
    units: list[Unit] = field(default_factory=list)
    owner: dict[str, str] = field(default_factory=dict)       # xml:id -> file that now holds it
    register_ids: dict[str, str] = field(default_factory=dict)  # archive id -> register entry id
    warnings: list[dict] = field(default_factory=list)           # diagnostics, as dicts
    entries: list = field(default_factory=list)                # (kind, element, register id), register_file.collect
    read_count: int = 0                                        # warnings raised while reading
    citation: etree._Element | None = None                     # the volume's bibl, made once (header.py)
    roots: dict[str, str] | None = None                        # a unit's own xml:id -> its file
    # pointers ('#x' in a POINTING attribute) that name no xml:id of the volume (so neither one in
    # the documents, the outline nor the register written from it): [token, "ref/@target", the
    # document's id in the edition (or the outline's file), line], summed up by importer.dangling_warnings
    dangling: list[list] = field(default_factory=list)

    @property
    def register_file(self) -> str:
        return f"register/{self.id}.xml"

    @property
    def outline_file(self) -> str:
        return f"outline/{self.id}.xml"

    def division_order(self, div) -> int:
        """The position of a division among the volume's divisions (document order)."""
        if not hasattr(self, "_division_order"):
            self._division_order = {d: n for n, d in enumerate(self.tree.getroot().iter(f"{{{TEI_NS}}}div"))}
        return self._division_order.get(div, 0)

    def dangles(self, node, attribute: str, value: str, where: str) -> None:
        """Note each '#x' of value that names no xml:id anywhere in the volume."""
        for token in value.split():
            if token.startswith("#") and token[1:] not in self.owner:
                self.dangling.append([token, f"{etree.QName(node).localname}/@{attribute}", where,
                                      node.sourceline or 0])

    def warn(self, message: str, element=None, rule: str = "import") -> None:
        """A diagnostic (diagnostics.Diagnostic, as a dict: it crosses process boundaries)."""
        self.warnings.append({"file": str(self.source), "line": (element.sourceline or 0) if element is not None else 0,
                              "rule": rule, "message": message, "hint": "", "severity": "warning", "column": 0})


def read_volume(source: Path, profile: Profile) -> Volume:
    from ..corpus import resolve
    tree = parse(source)
    # members kept in files of their own (a teiCorpus of xi:includes) are read as the build reads
    # them: local files inside the volume's folder only, a missing one a warning
    included: list = []
    resolve(tree, source, source.parent, included, [])
    root = tree.getroot()
    vol_id = profile.value("volume.id", root) or source.stem
    vol_id = ID_SAFE.sub("-", vol_id)
    volume = Volume(vol_id, source, tree, profile)
    volume.warnings += [d.as_dict() for d in included]
    elements = profile.elements("unit", root)
    if not elements:
        raise InputError(f"profile {profile.name!r} finds no documents ({profile.unit})", path=str(source))
    if any(el is root for el in elements):
        raise InputError(f"profile {profile.name!r} takes the whole volume ({root.tag.split('}')[-1]}) for a "
                         f"document ({profile.unit})", path=str(source), line=root.sourceline,
                         hint="the documents are elements inside the volume, e.g. --split '//tei:div[@type=\"letter\"]'")
    chosen = set()
    for number, el in enumerate(elements, start=1):
        if any(a in chosen for a in el.iterancestors()):
            volume.warn("a document inside another document stays part of the outer one", el, rule="import-nested-document")
            continue
        chosen.add(el)
        unit_id = profile.value("document.id", el) or f"u{number}"
        unit_id = ID_SAFE.sub("-", unit_id)
        volume.units.append(Unit(unit_id, el, f"{vol_id}-{unit_id}.xml"))
    files = [u.file for u in volume.units]
    if len(set(files)) != len(files):
        dup = next(f for f in files if files.count(f) > 1)
        raise InputError(f"two documents would both be written to {dup}; give them distinct ids", path=str(source))
    _index(volume)
    return volume


def _index(volume: Volume) -> None:
    """Who holds each xml:id after the split, and on which pages each unit starts and ends."""
    by_element = {u.element: u for u in volume.units}
    page, current = None, None
    for event, el in etree.iterwalk(volume.tree.getroot(), events=("start", "end")):
        if not isinstance(el.tag, str):
            continue
        if event == "end":
            if current is not None and el is current.element:
                current.page_to = page
                current = None
            continue
        if el in by_element:
            current = by_element[el]
            current.page_from = page
        if el.get(XML_ID):
            volume.owner[el.get(XML_ID)] = current.file if current else volume.outline_file
        if el.tag == f"{{{TEI_NS}}}pb" and el.get("n"):
            page = el.get("n")
            if current is not None and current.page_from is None:
                current.page_from = page


def _qualified(el) -> str:
    q = etree.QName(el)
    prefix = el.prefix
    return f"{prefix}:{q.localname}" if prefix else q.localname


def unit_body(volume: Volume, unit: Unit) -> tuple[etree._Element, dict[str, str]]:
    """A copy of the unit with the rewrites applied; and its attributes that TEI does not allow."""
    profile = volume.profile
    el = copy.deepcopy(unit.element)
    el.tail = None
    foreign = {}
    for name in list(el.attrib):
        ns = etree.QName(name).namespace
        if ns and ns != XML_NS:
            foreign[name] = el.attrib.pop(name)
    renamed_parents: list = []
    pointer_rules: dict[str, list] = {}
    for reg in profile.registers:
        for ptr in reg.pointers:
            pointer_rules.setdefault(f"{{{TEI_NS}}}{ptr.element}", []).append(ptr)
    tei_prefix = f"{{{TEI_NS}}}"
    for node in el.iter(etree.Element):
        if not node.tag.startswith(tei_prefix):
            as_tei = profile.renames.get(node.tag)
            if as_tei is None:
                volume.warn(f"<{_qualified(node)}> is not TEI and the profile does not say what it becomes; "
                            "kept as it is (the document will not validate)", node, rule="import-not-tei-element")
            else:
                if node.get("type") is not None:
                    volume.warn(f"<{_qualified(node)}> has its own @type; it is lost on export", node,
                                rule="import-type-lost")
                what = _qualified(node)
                node.tag = f"{tei_prefix}{as_tei}"
                node.set("type", what)
                renamed_parents.append(node.getparent())
        keys = node.keys()
        if not keys:
            continue
        for name in keys:
            if name[0] == "{" and node is not el and not name.startswith((f"{{{XML_NS}}}", tei_prefix)):
                volume.warn(f"attribute {name} on <{etree.QName(node).localname}> is not TEI; dropped", node,
                            rule="import-not-tei-attribute")
                del node.attrib[name]
        for ptr in pointer_rules.get(node.tag, ()):
            if node.get(ptr.attribute) is not None:
                _register_pointer(volume, node, ptr)
        for attribute in POINTING:
            value = node.get(attribute)
            if value and "#" in value:
                volume.dangles(node, attribute, value, Path(unit.file).stem)
                node.set(attribute, _relocate(volume, unit, value))
    for parent in dict.fromkeys(p for p in renamed_parents if p is not None):
        if etree.QName(parent).localname == "div":
            wrap_text(parent)
    return el, foreign


def _name(el) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else "#"


def wrap_text(div) -> None:
    """Wrap the runs of a div's children that TEI does not allow beside its divisions (see DIV_TOP)."""
    children = [c for c in div if isinstance(c.tag, str)]
    if not any(_name(c) == "div" for c in children):
        return
    start = 0
    while start < len(children) and _name(children[start]) in DIV_TOP | GLOBAL:
        start += 1
    runs, run = [], []
    for child in children[start:]:
        if _name(child) == "div":
            runs.append((run, True))
            run = []
        else:
            run.append(child)
    runs.append((run, False))
    for number, (run, before_div) in enumerate(runs):
        names = {_name(c) for c in run}
        if not names - GLOBAL:
            continue                            # milestones and notes may stand anywhere
        first, last = number == 0, not before_div
        if first and not names & (DIV_BOTTOM - DIV_TOP | {"closer", "postscript", "trailer"}) and not names & DIV_TOP:
            continue                            # plain text before the divisions is allowed
        if last and not names - GLOBAL - DIV_BOTTOM:
            continue                            # closing matter after the divisions is allowed
        while run and _name(run[0]) in GLOBAL:
            run = run[1:]
        while run and _name(run[-1]) in GLOBAL:
            run = run[:-1]
        wrapper = etree.Element(f"{{{TEI_NS}}}div", type=TEXT_MARK)
        run[0].addprevious(wrapper)
        wrapper.tail = run[-1].tail
        for child in _span(run[0], run[-1]):
            wrapper.append(child)
        run[-1].tail = None


def _span(first, last) -> list:
    out, node = [first], first
    while node is not last:
        node = node.getnext()
        out.append(node)
    return out


def unwrap_text(root) -> None:
    """Undo wrap_text: put the wrapped children back where they were."""
    for wrapper in list(root.iter(f"{{{TEI_NS}}}div")):
        if wrapper.get("type") != TEXT_MARK:
            continue
        children = list(wrapper)
        if children:
            children[-1].tail = wrapper.tail
        for child in children:
            wrapper.addprevious(child)
        wrapper.getparent().remove(wrapper)


def _register_pointer(volume: Volume, node, ptr) -> None:
    values = node.get(ptr.attribute).split()
    out, rest = [], []
    for value in values:
        key = value[1:] if value.startswith("#") else None
        if key in volume.register_ids:
            out.append(f"{volume.register_file}#{volume.register_ids[key]}")
        else:
            rest.append(value)        # kept; one that names nothing at all is reported (Volume.dangles)
    if not out:
        return
    if ptr.as_ != ptr.attribute and node.get(ptr.as_) is not None:
        volume.warn(f"{etree.QName(node).localname} has both @{ptr.attribute} and @{ptr.as_}; "
                    f"@{ptr.attribute} kept as it is", node, rule="import-pointer-conflict")
        return
    if ptr.as_ != ptr.attribute:
        if rest:
            node.set(ptr.attribute, " ".join(rest))
        else:
            del node.attrib[ptr.attribute]
        node.set(ptr.as_, " ".join(out))
    else:
        node.set(ptr.attribute, " ".join(out + rest))


def _relocate(volume: Volume, unit: Unit, value: str) -> str:
    """'#d5' -> 'frus…-d5.xml#d5' when d5 is now in another file; '#p_X' of a register stays (handled above)."""
    if volume.roots is None:
        volume.roots = {u.element.get(XML_ID): u.file for u in volume.units if u.element.get(XML_ID)}
    out = []
    for token in value.split():
        if token.startswith("#"):
            owner = volume.owner.get(token[1:])
            if owner and owner != unit.file:
                # a pointer to another document as a whole names its file: the web edition links it
                token = owner if volume.roots.get(token[1:]) == owner else f"{owner}{token}"
        out.append(token)
    return " ".join(out)


def shell(volume: Volume) -> etree._ElementTree:
    """The volume with each unit replaced by a divGen pointing to its file."""
    tree = copy.deepcopy(volume.tree)
    originals = list(volume.tree.getroot().iter())
    copies = list(tree.getroot().iter())
    where = dict(zip(originals, copies))
    for unit in volume.units:
        el = where[unit.element]
        mark = etree.Element(f"{{{TEI_NS}}}divGen", type=UNIT_MARK, corresp=f"../{unit.file}")
        if el.get(XML_ID):
            mark.set("n", el.get(XML_ID))       # what a pointer to the whole document pointed to
        if el.tag == f"{{{TEI_NS}}}TEI":
            mark.set("subtype", "whole")        # the file is the unit itself, not a unit in a new header
        mark.tail = el.tail
        el.getparent().replace(el, mark)
    outline = volume.outline_file
    for node in tree.getroot().iter(etree.Element):   # the front and back matter's pointers (an index's)
        for attribute in POINTING:
            value = node.get(attribute)
            if value and "#" in value:
                volume.dangles(node, attribute, value, outline)
    parents = []
    for node in tree.getroot().iter():         # the front and back matter's own non-TEI elements
        if isinstance(node.tag, str) and node.tag in volume.profile.renames:
            what = _qualified(node)
            node.tag = f"{{{TEI_NS}}}{volume.profile.renames[node.tag]}"
            node.set("type", what)
            parents.append(node.getparent())
    for parent in dict.fromkeys(p for p in parents if p is not None):
        if etree.QName(parent).localname == "div":
            wrap_text(parent)
    return tree
