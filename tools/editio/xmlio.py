"""Safe XML reading and deterministic, atomic writing.

Every XML parse in editio goes through `parse`: no network, no external entities, no DTD
loading, so a hostile or broken file cannot reach outside the machine or blow up memory.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from lxml import etree

from . import TEI_NS
from .errors import InputError

NSMAP = {"tei": TEI_NS}


def safe_parser(**options) -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           dtd_validation=False, huge_tree=False, **options)


def parse(path: str | os.PathLike, *, remove_blank_text: bool = False) -> etree._ElementTree:
    """Parse an XML file safely; malformed or unreadable input raises InputError with a position."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror}", path=str(path)) from None
    return parse_bytes(data, str(path), remove_blank_text=remove_blank_text)


def parse_bytes(data: bytes, name: str = "<input>", *, remove_blank_text: bool = False):
    if not data.strip():
        raise InputError("file is empty", path=name)
    parser = safe_parser(remove_blank_text=remove_blank_text)
    try:
        root = etree.fromstring(data, parser, base_url=name)
    except etree.XMLSyntaxError as exc:
        line, col = exc.position if exc.position else (None, None)
        msg = exc.msg or str(exc)
        # lxml appends "(file, line N)"; keep the message itself
        msg = msg.split(", line ")[0] if msg.endswith(")") and ", line " in msg else msg
        raise InputError(f"malformed XML: {msg}", path=name, line=line, column=col) from None
    for entity in root.iter(etree.Entity):
        raise InputError(f"undeclared entity &{entity.name}; is not expanded", path=name,
                         line=entity.sourceline)
    return root.getroottree()


def serialize(tree, *, declaration: bool = True) -> bytes:
    """Deterministic bytes: UTF-8, XML declaration, trailing newline."""
    data = etree.tostring(tree, encoding="UTF-8", xml_declaration=declaration)
    if not data.endswith(b"\n"):
        data += b"\n"
    return data


def atomic_write(path: str | os.PathLike, data: bytes | str) -> None:
    """Write to a temporary file beside the target and rename it into place."""
    path = Path(path)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        # mkstemp creates 0600; give the file the mode an ordinary open() would (0666 less the umask)
        umask = os.umask(0)
        os.umask(umask)
        os.fchmod(fd, 0o666 & ~umask)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def tei(tag: str) -> str:
    """Clark name of a TEI element: tei('p') -> '{http://www.tei-c.org/ns/1.0}p'."""
    return f"{{{TEI_NS}}}{tag}"


# Elements whose content is only other elements in TEI: safe to indent without changing any text.
ELEMENT_ONLY = {
    "TEI", "teiHeader", "fileDesc", "titleStmt", "respStmt", "publicationStmt", "availability", "sourceDesc",
    "msDesc", "msIdentifier", "altIdentifier", "msContents", "additional", "adminInfo", "listWit",
    "profileDesc", "correspDesc", "correspAction", "correspContext", "particDesc", "listPerson", "person",
    "langUsage", "textClass", "keywords", "revisionDesc", "encodingDesc", "text", "body", "back", "front",
    "div", "list", "listPlace", "listOrg", "place", "org", "listBibl", "listRelation", "app", "group",
    "location", "choice", "notesStmt", "classDecl", "taxonomy", "physDesc", "handDesc", "abstract",
}


def indent(tree, space: str = "  ") -> None:
    """Indent element-only TEI containers; never touch mixed content (where whitespace is text)."""
    root = tree.getroot() if hasattr(tree, "getroot") else tree

    def walk(element, level: int) -> None:
        name = etree.QName(element).localname if isinstance(element.tag, str) else ""
        children = list(element)
        if name in ELEMENT_ONLY and children and not (element.text or "").strip() \
                and all(not (c.tail or "").strip() for c in children) and name not in {"app", "choice"}:
            element.text = "\n" + space * (level + 1)
            for child in children:
                child.tail = "\n" + space * (level + 1)
            children[-1].tail = "\n" + space * level
        for child in children:
            if isinstance(child.tag, str):
                walk(child, level + 1)

    walk(root, 0)
