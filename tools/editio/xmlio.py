"""Safe XML reading and deterministic, atomic writing.

Every XML parse in editio goes through `parse`: no network, no external entities, no DTD
loading, so a hostile or broken file cannot reach outside the machine or blow up memory.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

from lxml import etree

from . import TEI_NS
from .errors import InputError, OutputError

NSMAP = {"tei": TEI_NS}


class _NoExternalLoads(etree.Resolver):
    """While a document is parsed, every external subset or entity resolves to nothing.

    load_dtd=False alone is not enough: lxml marks the parser context `loadsubset` when
    collect_ids=False (the validator's setting), and libxml2 then opens the DOCTYPE's SYSTEM file,
    which may be a FIFO that never answers.  With this resolver the parser opens no file the user
    did not name.  Stylesheet loads (xsl:import, document()) go through an XSLT resolver context
    and stay under stylesheets.ACCESS.
    """

    def resolve(self, url, pubid, context):
        if type(context).__name__ == "_XSLTResolverContext":
            return None
        return self.resolve_string("", context)


def safe_parser(**options) -> etree.XMLParser:
    """A parser for data already read into memory: `etree.fromstring(data, parser, base_url=name)`.

    (Not `etree.parse(path, parser)`: the resolver would resolve the file itself to nothing.)"""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             dtd_validation=False, huge_tree=False, **options)
    parser.resolvers.add(_NoExternalLoads())
    return parser


# Characters that XML 1.0 forbids, even as character references.
XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
# Of those, the ones a text file carries as layout (pdftotext's page break, a vertical tab):
# safe to replace, by nothing at a line's edge and by a space inside it.
_LAYOUT = re.compile("\n?[\x0b\x0c]+\n?")


def xml_text(text: str, name: str, warn=None) -> str:
    """`text` made fit for XML: layout controls replaced (one warning), any other forbidden
    character refused with its line and column."""
    bad = XML_FORBIDDEN.search(text)
    if bad is None:
        return text
    first_layout = None
    for match in XML_FORBIDDEN.finditer(text):
        if match.group() not in "\x0b\x0c":
            line, column = position(text, match.start())
            raise InputError(f"character U+{ord(match.group()):04X} is not allowed in XML; "
                             "remove it from the file", path=name, line=line, column=column)
        first_layout = first_layout if first_layout is not None else match.start()
    count = sum(1 for ch in text if ch in "\x0b\x0c")
    line, column = position(text, first_layout)
    (warn or _stderr)(f"{name}:{line}:{column}: warning: {count} form feed or vertical tab "
                      "character(s) (not allowed in XML) replaced by a line break or space")

    def replace(match):
        inner = match.group().strip("\n")
        if match.group() != inner:
            return match.group().replace(inner, "")
        return " "
    return _LAYOUT.sub(replace, text)


def position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of `offset` in `text`."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _stderr(message: str) -> None:
    print(message, file=sys.stderr)


def parse(path: str | os.PathLike, *, remove_blank_text: bool = False, collect_ids: bool = True) -> etree._ElementTree:
    """Parse an XML file safely; malformed or unreadable input raises InputError with a position.
    collect_ids=False: two elements with one xml:id are not an error here (the caller checks them,
    and can name both)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror}", path=str(path)) from None
    return parse_bytes(data, str(path), remove_blank_text=remove_blank_text, collect_ids=collect_ids)


_ENCODING_FAULTS = re.compile(r"Invalid bytes in character encoding|Input is not proper UTF-8|"
                             r"Document labelled UTF-16 but has UTF-8 content")
_DECLARED_ENCODING = re.compile(rb"""\s*<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""")


def parse_bytes(data: bytes, name: str = "<input>", *, remove_blank_text: bool = False, collect_ids: bool = True):
    if not data.strip():
        raise InputError("file is empty", path=name)
    parser = safe_parser(remove_blank_text=remove_blank_text, **({} if collect_ids else {"collect_ids": False}))
    try:
        root = etree.fromstring(data, parser, base_url=name)
    except etree.XMLSyntaxError as exc:
        line, col = exc.position if exc.position else (None, None)
        msg = exc.msg or str(exc)
        # lxml appends "(file, line N)" or ", line N, column M" (after a newline, for some
        # messages); keep the message itself, on one line
        msg = msg.split(", line ")[0] if msg.endswith(")") and ", line " in msg else msg
        msg = " ".join(re.sub(r"\s*,?\s*line \d+, column \d+\s*$", "", msg).split())
        wrong = _ENCODING_FAULTS.search(msg)
        if wrong:  # the bytes are not in the encoding the file declares: say which, and what to do
            declared = _DECLARED_ENCODING.match(data)
            encoding = declared.group(1).decode("ascii", "replace") if declared else None
            raise InputError(f"the file is not in {encoding or 'UTF-8'}, the encoding it "
                             f"{'declares' if encoding else 'is read in when it declares none'} ({msg})",
                             path=name, line=line, column=col,
                             hint="save the file as UTF-8, or declare the encoding it is in on its first line, "
                                  'e.g. <?xml version="1.0" encoding="ISO-8859-1"?>') from None
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


def atomic_write(path: str | os.PathLike, data: bytes | str, durable: bool = True) -> None:
    """Write to a temporary file beside the target and rename it into place.  durable=False skips
    the fsync, for files that can be made again (the environment's cache): a crash may lose them,
    never leave half of one."""
    path = Path(path)
    if isinstance(data, str):
        data = data.encode("utf-8")
    import tempfile  # here, not at the top: `editio validate` imports this module and seldom writes
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputError.from_os(exc, path) from None
    try:
        # mkstemp creates 0600; give the file the mode an ordinary open() would (0666 less the umask)
        umask = os.umask(0)
        os.umask(umask)
        os.fchmod(fd, 0o666 & ~umask)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        if isinstance(exc, OSError):
            raise OutputError.from_os(exc, path) from None
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


def tei_shell(original, nsmap: dict | None = None):
    """A new TEI document for part of `original`: its root's attributes, a copy of its teiHeader,
    and an empty <text>; returns (root, text)."""
    import copy
    root = etree.Element(f"{{{TEI_NS}}}TEI", nsmap=nsmap if nsmap is not None else original.nsmap)
    for key, value in original.attrib.items():
        root.set(key, value)
    header = original.find(f"{{{TEI_NS}}}teiHeader")
    if header is not None:
        root.append(copy.deepcopy(header))
    return root, etree.SubElement(root, f"{{{TEI_NS}}}text")


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
