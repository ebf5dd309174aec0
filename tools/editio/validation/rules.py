"""Schematron: compile an ISO Schematron file once (to XSLT, cached on disk) and run it per document."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from lxml import etree, isoschematron

from ..errors import InputError
from .issues import Issue, start_tag_column

SVRL = "http://purl.oclc.org/dsdl/svrl"
_SVRL_NS = {"svrl": SVRL}


MISSING = "editio-missing"
_ACCESS = etree.XSLTAccessControl(read_file=True, write_file=False, create_dir=False,
                                  read_network=False, write_network=False)


class _MissingFiles(etree.Resolver):
    """document() on a file that does not exist yields <editio-missing/> instead of aborting the run,
    so that a dangling pointer is a failed assert (ptr-file, ptr-register), not a crash."""

    def resolve(self, url, pubid, context):
        path = url[7:] if url.startswith("file://") else url
        if "://" not in path and not os.path.exists(path):
            return self.resolve_string(f"<{MISSING}/>", context)
        return None


def _xslt_parser():
    parser = etree.XMLParser(no_network=True, resolve_entities=False, load_dtd=False)
    parser.resolvers.add(_MissingFiles())
    return parser


def _load_xslt(data: bytes) -> etree.XSLT:
    return etree.XSLT(etree.fromstring(data, _xslt_parser()).getroottree(), access_control=_ACCESS)


def compile_schematron(sch_path: Path, cache_dir: Path | None) -> etree.XSLT:
    """The validating XSLT for `sch_path`; compiled through the ISO skeleton, cached by content hash."""
    data = sch_path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()[:24]
    cached = cache_dir / f"{sch_path.stem}-{digest}.xsl" if cache_dir else None
    if cached is not None and cached.is_file():
        try:
            return _load_xslt(cached.read_bytes())
        except (etree.XMLSyntaxError, etree.XSLTParseError):
            pass
    try:
        sch = etree.fromstring(data, _xslt_parser(), base_url=str(sch_path))
        step = isoschematron.iso_dsdl_include(sch)
        step = isoschematron.iso_abstract_expand(step)
        xsl = isoschematron.iso_svrl_for_xslt1(step, **{"allow-foreign": "'true'", "generate-fired-rule": "'false'", "optimize": "'visit-no-attributes'"})
        validator = _load_xslt(etree.tostring(xsl))
    except (etree.XMLSyntaxError, etree.XSLTParseError, etree.XSLTApplyError) as exc:
        raise InputError(f"cannot compile Schematron: {exc}", path=str(sch_path)) from None
    if cached is not None:
        try:
            from ..xmlio import atomic_write
            atomic_write(cached, etree.tostring(xsl, encoding="UTF-8", xml_declaration=True))
        except OSError:
            pass
    return validator


def run_schematron(validator: etree.XSLT, tree, name: str, lines: list[bytes]) -> list[Issue]:
    """Run the compiled rules on one parsed document; one Issue per failed assert / successful report."""
    try:
        report = validator(tree)
    except etree.XSLTApplyError as exc:
        return [Issue(name, 1, 1, "sch-error", f"Schematron could not run: {exc}")]
    issues = []
    for node in report.getroot().iterchildren(f"{{{SVRL}}}failed-assert", f"{{{SVRL}}}successful-report"):
        rule = node.get("id") or "sch"
        text = " ".join(node.findtext("svrl:text", "", _SVRL_NS).split())
        hint = " ".join(" ".join(d.itertext()) for d in node.iterfind("svrl:diagnostic-reference", _SVRL_NS))
        hint = " ".join(hint.split())
        line, column = _locate(tree, node.get("location", ""), lines)
        severity = "warning" if node.get("role") in ("warning", "warn", "info") else "error"
        issues.append(Issue(name, line, column, rule, text, hint, severity))
    return issues


def _locate(tree, location: str, lines: list[bytes]) -> tuple[int, int]:
    try:
        found = tree.xpath(location) if location else []
    except etree.XPathError:
        found = []
    node = found[0] if found else tree.getroot()
    if isinstance(node, etree._ElementUnicodeResult) or not hasattr(node, "sourceline"):
        node = node.getparent() if hasattr(node, "getparent") else tree.getroot()
    line = node.sourceline or 1
    return line, start_tag_column(lines, line, node.tag if isinstance(node.tag, str) else None)
