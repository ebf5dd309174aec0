"""Test helpers: read the edition's TEI as a reader would, one witness at a time."""

from __future__ import annotations

import copy
import re
from pathlib import Path

from lxml import etree

NS = {"t": "http://www.tei-c.org/ns/1.0"}
ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
WORD = re.compile(r"[A-Za-z0-9À-ÿĀ-ž]+")
# Editorial additions: words the editors (not the source) put into the text.
EDITORIAL = ("corr", "reg", "expan", "supplied")


def tei_for_seed(seed_name: str) -> etree._ElementTree:
    """The TEI that the converter makes of seed_name (converted from seeds/ in this test run)."""
    from flagship import converted_tei
    for path in sorted(converted_tei().glob("*.xml")):
        tree = etree.parse(str(path))
        if tree.xpath("//t:sourceDesc//t:idno[@type='seed'][contains(., $s)]", namespaces=NS, s=seed_name):
            return tree
    raise AssertionError(f"no TEI document names {seed_name} in its sourceDesc")


def witness_ids(tree) -> dict[str, str]:
    """siglum -> xml:id of the witnesses declared in listWit."""
    return {w.get("n"): w.get("{http://www.w3.org/XML/1998/namespace}id")
            for w in tree.xpath("//t:listWit/t:witness", namespaces=NS)}


def witness_body(tree, siglum: str | None = None) -> etree._Element:
    """A copy of the body as witness `siglum` reads it: other witnesses' readings and milestones removed."""
    body = copy.deepcopy(tree.find(".//t:text/t:body", NS))
    ids = witness_ids(tree)
    if siglum and ids:
        own = "#" + ids[siglum]
        for div in body.xpath(".//t:div[@corresp]", namespaces=NS):
            if div.get("corresp").startswith("#") and div.get("corresp") in ["#" + i for i in ids.values()] \
                    and div.get("corresp") != own:
                div.getparent().remove(div)
        for element in body.xpath(".//*[@wit or @ed or @edRef]", namespaces=NS):
            sigla = (element.get("wit") or element.get("edRef") or element.get("ed") or "").split()
            if sigla and own not in sigla and siglum not in sigla:
                _remove_keep_tail(element)
        for app in body.xpath(".//t:app", namespaces=NS):
            _unwrap(app)
        for rdg in body.xpath(".//t:rdg | .//t:lem | .//t:rdgGrp", namespaces=NS):
            _unwrap(rdg)
    return body


def words(element, skip_notes: bool = False) -> list[str]:
    """The words of an element in document order, editorial additions left out."""
    element = copy.deepcopy(element)
    editors = " | ".join(f".//t:{name}" for name in EDITORIAL) + " | .//t:note[@type='editorial']"
    for extra in element.xpath(editors, namespaces=NS):
        _remove_keep_tail(extra)
    if skip_notes:
        for note in element.xpath(".//t:note[@place='foot']", namespaces=NS):
            _remove_keep_tail(note)
    return WORD.findall(" ".join(element.itertext()))


def foot_notes(element) -> list[etree._Element]:
    return element.xpath(".//t:note[@place='foot']", namespaces=NS)


def _remove_keep_tail(element) -> None:
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail or ""
    previous = element.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(element)


def _unwrap(element) -> None:
    """Replace an element by its content (text, children, tail), keeping document order."""
    parent = element.getparent()
    index = parent.index(element)
    previous = element.getprevious()
    children = list(element)
    text, tail = element.text or "", element.tail or ""
    if previous is not None:
        previous.tail = (previous.tail or "") + text
    else:
        parent.text = (parent.text or "") + text
    for offset, child in enumerate(children):
        parent.insert(index + offset, child)
    if children:
        children[-1].tail = (children[-1].tail or "") + tail
    elif previous is not None:
        previous.tail = (previous.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(element)
