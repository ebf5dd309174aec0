"""Run the XSLT in xslt/ safely: no network, no file writes, each stylesheet compiled once."""

from __future__ import annotations

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


@lru_cache(maxsize=None)
def compile_stylesheet(path: str) -> etree.XSLT:
    try:
        # from bytes: safe_parser resolves every file the parser itself would open to nothing
        doc = etree.fromstring(Path(path).read_bytes(), safe_parser(), base_url=path).getroottree()
        return etree.XSLT(doc, access_control=ACCESS)
    except (OSError, etree.XMLSyntaxError, etree.XSLTParseError) as exc:
        raise EditioError(f"cannot compile stylesheet: {exc}", path=path) from None


def apply(stylesheet: str | Path, tree, **params) -> etree._XSLTResultTree:
    """Apply xslt/<stylesheet> (relative to xslt/, or an absolute path) with string parameters."""
    path = Path(stylesheet)
    if not path.is_absolute():
        path = resources.xslt(str(stylesheet))
    transform = compile_stylesheet(str(path))
    quoted = {k: etree.XSLT.strparam(str(v)) for k, v in params.items()}
    try:
        return transform(tree, **quoted)
    except etree.XSLTApplyError as exc:
        source = getattr(tree, "docinfo", None)
        name = source.URL if source is not None else None
        raise EditioError(f"XSLT {path.name} failed: {exc}", path=name) from None
