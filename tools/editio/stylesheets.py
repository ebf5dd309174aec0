"""Run the XSLT in xslt/ safely: no network, no file writes, each stylesheet compiled once."""

from __future__ import annotations

from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from lxml import etree

from . import resources
from .errors import EditioError
from .xmlio import safe_parser

# Stylesheets may read (xsl:import/include, document() on local files such as the register)
# but never write files, create folders or touch the network.
ACCESS = etree.XSLTAccessControl(read_file=True, write_file=False, create_dir=False,
                                 read_network=False, write_network=False)


XSL_NS = "http://www.w3.org/1999/XSL/Transform"
# A user's stylesheet names ours as "editio:web/document.xsl" or "editio:print/edition.xsl",
# wherever editio is installed.
SCHEME = "editio:"


def _imports(doc) -> list:
    return doc.getroot().findall(f"{{{XSL_NS}}}import") + doc.getroot().findall(f"{{{XSL_NS}}}include")


def _resolve_scheme(doc) -> None:
    for el in _imports(doc):
        href = el.get("href") or ""
        if href.startswith(SCHEME):
            el.set("href", resources.xslt(*href[len(SCHEME):].split("/")).resolve().as_uri())


def _load(path) -> etree._ElementTree:
    """Parsed from bytes: safe_parser resolves every file the parser itself would open to nothing."""
    return etree.fromstring(Path(path).read_bytes(), safe_parser(), base_url=str(path)).getroottree()


@lru_cache(maxsize=None)
def compile_stylesheet(path: str) -> etree.XSLT:
    try:
        doc = _load(path)
        _resolve_scheme(doc)
        return etree.XSLT(doc, access_control=ACCESS)
    except (etree.XMLSyntaxError, etree.XSLTParseError) as exc:
        raise EditioError(f"cannot compile stylesheet: {exc}", path=path) from None
    except OSError as exc:
        raise EditioError(f"cannot read stylesheet: {exc.strerror or exc}", path=path) from None


def output_of(path: str | Path) -> str:
    """Which output a user's stylesheet customises, from the editio stylesheet it imports:
    "web" (xslt/web/…) or "print" (xslt/print/…).  Raises EditioError when it imports neither."""
    path = Path(path)
    try:
        doc = _load(path)
    except OSError as exc:
        raise EditioError(f"cannot read stylesheet: {exc.strerror or exc}", path=str(path)) from None
    except etree.XMLSyntaxError as exc:
        raise EditioError(f"stylesheet is not well-formed XML: {exc}", path=str(path)) from None
    root = resources.xslt().resolve()
    for el in _imports(doc):
        href = el.get("href") or ""
        if href.startswith(SCHEME):
            target = resources.xslt(*href[len(SCHEME):].split("/")).resolve()
        else:
            target = Path(href[7:] if href.startswith("file://") else href)
            target = (path.parent / target).resolve() if not target.is_absolute() else target.resolve()
        try:
            part = target.relative_to(root).parts[0]
        except (ValueError, IndexError):
            continue
        if part in ("web", "print"):
            return part
    raise EditioError('a custom stylesheet must import editio\'s own, e.g. <xsl:import href="editio:web/document.xsl"/> '
                      'or <xsl:import href="editio:print/edition.xsl"/>', path=str(path))


@lru_cache(maxsize=None)
def _located(stylesheet: str) -> str:
    """The file of xslt/<stylesheet> (or of an absolute path), looked up once."""
    path = Path(stylesheet)
    return str(path if path.is_absolute() else resources.xslt(stylesheet))


class XSLTError(EditioError):
    """A stylesheet stopped (xsl:message terminate="yes", a runtime error) on a document; `path` names
    the document it ran on (see `shown_as` for a document the build resolved into a copy)."""


def apply(stylesheet: str | Path, tree, **params) -> etree._XSLTResultTree:
    """Apply xslt/<stylesheet> (relative to xslt/, or an absolute path) with string parameters."""
    path = _located(str(stylesheet))
    transform = compile_stylesheet(path)
    quoted = {k: etree.XSLT.strparam(str(v)) for k, v in params.items()}
    try:
        return transform(tree, **quoted)
    except etree.XSLTApplyError as exc:
        source = getattr(tree, "docinfo", None)
        name = source.URL if source is not None else None
        raise XSLTError(f"XSLT {Path(path).name} failed: {_apply_message(exc)}", path=name) from None


def _apply_message(exc: etree.XSLTApplyError) -> str:
    """What went wrong, in one line: libxslt's last message is a fragment ('n', the name of a
    parameter) when a template recursed without end; its log says so further up.  A runtime error
    names the stylesheet's instruction that failed (libxslt knows where in the stylesheet, never
    which node of the document it was on)."""
    for entry in exc.error_log:
        first = entry.message.split("\n")[0]
        if "infinite template recursion" in first:
            return first.split(": ", 1)[-1] + " (more than libxslt's 3000 nested template calls)"
    message = str(exc)
    for entry in exc.error_log:
        if entry.message.startswith("runtime error") and entry.filename and entry.line:
            element = entry.message.split("element ", 1)[-1].strip("'") if "element " in entry.message else ""
            at = f"{Path(entry.filename).name}:{entry.line}" + (f", xsl:{element}" if element else "")
            return f"{message} (at {at})"
    return message


@contextmanager
def shown_as(copy: str | Path, source: str | Path, line: int = 0, document: str = ""):
    """A stylesheet error on `copy` (the build's resolved copy of a document: a teiCorpus member, a
    document with its XIncludes in place) names the user's file instead: `source`, at `line` when the
    document starts there (a corpus member), and the document's id."""
    try:
        yield
    except XSLTError as exc:
        if exc.path is None or Path(exc.path) == Path(copy):
            name_source(exc, copy, source, line, document)
        raise


def name_source(exc: XSLTError, copy: str | Path, source: str | Path, line: int = 0, document: str = "") -> XSLTError:
    """exc, naming `source` (see shown_as) where it named `copy` or nothing."""
    if str(source) == str(copy):
        exc.path = str(source)
        return exc
    exc.path, exc.line = str(source), line or None
    if document:
        exc.message += f" (in document {document}" + (f", which starts at line {line})" if line else ")")
    exc.args = (exc.message,)
    return exc
