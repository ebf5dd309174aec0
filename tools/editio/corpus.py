"""teiCorpus files and XInclude, resolved safely: local files inside the edition's folder only.

`expand(path, root)` gives the documents a TEI file stands for: itself (a TEI document), or the
members of a teiCorpus (its inline TEI children and the TEI files it includes).  `resolve(tree,
path, root)` replaces each xi:include of a document by the file it names.  An include that leaves
the edition's folder, names a URL, is missing, or loops is not followed: it is reported as a
warning (the diagnostics come back with the result), and its xi:fallback is used when it has one.
Nothing here touches the network: targets are parsed with `xmlio.parse`.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from . import TEI_NS
from .diagnostics import Diagnostic
from .errors import EditioError
from .xmlio import parse

XI = "http://www.w3.org/2001/XInclude"
MAX_DEPTH = 16


@dataclass
class Member:
    id: str                          # the document's id in the edition
    tree: etree._ElementTree         # its TEI, includes resolved
    source: Path                     # the file it comes from
    depends: list[Path] = field(default_factory=list)   # every file that went into it
    resolved: bool = False           # True when tree differs from the file as it is on disk


def _inside(target: Path, root: Path) -> bool:
    try:
        target.resolve().relative_to(root.resolve())
        return True
    except ValueError:
        return False


def resolve(tree, path: Path, root: Path, warnings: list, depends: list, _depth: int = 0,
            _stack: tuple = (), inserted: list | None = None) -> bool:
    """Replace the xi:include elements of tree in place; True when any was found.  `inserted`, when
    given, receives (element, file, href) for every element put in the tree from another file (the
    elements keep their line numbers in that file: the validator reports positions there)."""
    includes = list(tree.iter(f"{{{XI}}}include"))
    for inc in includes:
        href = (inc.get("href") or "").strip()
        fallback = inc.find(f"{{{XI}}}fallback")
        target = (path.parent / href) if href else None
        problem = None
        if not href or inc.get("xpointer"):
            problem = "an include without href, or with an xpointer, is not followed"
        elif re.match(r"[a-z][a-z0-9+.-]*:", href, re.I):
            problem = f"include of {href} refused: editio reads local files only, never the network"
        elif not _inside(target, root):
            problem = f"include of {href} refused: it leaves the edition's folder"
        elif not target.is_file():
            problem = f"include target {href} is missing"
        elif target.resolve() in _stack or _depth >= MAX_DEPTH:
            problem = f"include of {href} loops back on itself"
        if problem:
            warnings.append(Diagnostic(str(path), inc.sourceline or 0, "xinclude", problem,
                                       "fix the href, or ship the file inside the edition's folder"))
            _replace(inc, [copy.deepcopy(c) for c in fallback] if fallback is not None else [],
                     fallback.text if fallback is not None else None)
            continue
        depends.append(target.resolve())
        if inc.get("parse") == "text":
            try:
                content = target.read_text(encoding=inc.get("encoding") or "utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                warnings.append(Diagnostic(str(path), inc.sourceline or 0, "xinclude",
                                           f"include target {href} cannot be read as text: {exc}"))
                content = ""
            _replace(inc, [], content)
            continue
        sub = parse(target)
        resolve(sub, target, root, warnings, depends, _depth + 1, _stack + (path.resolve(),), inserted)
        top = sub.getroot()  # moved, not copied: the elements recorded in `inserted` stay these ones
        if inserted is not None:
            inserted.append((top, target, href))
        _replace(inc, [top], None)
    return bool(includes)


def _replace(inc, elements: list, text: str | None) -> None:
    parent = inc.getparent()
    if parent is None:
        raise EditioError("an xi:include cannot be the root element", line=inc.sourceline)
    index = parent.index(inc)
    tail = inc.tail or ""
    lead = (text or "")
    if index == 0:
        parent.text = (parent.text or "") + lead
    else:
        prev = parent[index - 1]
        prev.tail = (prev.tail or "") + lead
    parent.remove(inc)
    for offset, el in enumerate(elements):
        parent.insert(index + offset, el)
    if elements:
        elements[-1].tail = (elements[-1].tail or "") + tail
    elif index == 0:
        parent.text = (parent.text or "") + tail
    else:
        prev = parent[index - 1]
        prev.tail = (prev.tail or "") + tail


def expand(path: Path, root: Path, warnings: list) -> list[Member]:
    """The documents that the file at path stands for (see the module's docstring)."""
    path = Path(path)
    tree = parse(path)
    top = tree.getroot()
    if top.tag == f"{{{TEI_NS}}}teiCorpus":
        members = []
        for number, inc in enumerate(list(top.iter(f"{{{XI}}}include")), start=1):
            if inc.getparent() is not top:
                continue
            depends: list = []
            holder = etree.Element("holder")
            holder.append(copy.deepcopy(inc))
            resolve(holder, path, root, warnings, depends)
            for child in holder:
                if child.tag == f"{{{TEI_NS}}}TEI":
                    source = depends[0] if depends else path
                    members.append(Member(Path(source).stem, etree.ElementTree(child), Path(source),
                                          [path.resolve(), *depends], resolved=True))
        for number, child in enumerate(top.iterchildren(f"{{{TEI_NS}}}TEI"), start=1):
            depends = []
            sub = etree.ElementTree(copy.deepcopy(child))
            resolve(sub, path, root, warnings, depends)
            member_id = child.get("{http://www.w3.org/XML/1998/namespace}id") or f"{path.stem}.{number}"
            members.append(Member(member_id, sub, path, [path.resolve(), *depends], resolved=True))
        return members
    if top.tag != f"{{{TEI_NS}}}TEI":
        raise EditioError(f"not a TEI document (root element is <{etree.QName(top).localname}>)",
                          path=str(path), line=top.sourceline)
    depends = []
    changed = resolve(tree, path, root, warnings, depends)
    return [Member(path.stem, tree, path, [path.resolve(), *depends], resolved=changed)]
