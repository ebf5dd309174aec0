"""Run compiled Schematron (schematron.py) on parsed documents: Saxon-HE (saxonche) for XSLT 3.0,
libxslt (lxml) for XSLT 1.0.  Offline by construction: Saxon may read local files only
(`allowedProtocols=file`), so `doc-available()` of a remote URL is false and `doc()` of one is an error
that the compiled rule catches and reports as "could not be evaluated offline".

Per document, patterns none of whose rule contexts can match (no element or attribute of a name
they need occurs) are skipped; the rest run in one traversal each, inside Saxon.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from lxml import etree

from .issues import Issue, start_tag_column
from .schematron import EDITIO, SVRL, Compiled, SchematronError, document_names, source_of_line

_ROLE_SEVERITY = {"warn": "warning", "warning": "warning", "info": "info", "information": "info",
                  "fatal": "error", "error": "error"}
_REMOTE = re.compile(r"\b(?:https?|ftp)://")
_UNAVAILABLE = re.compile(r"prohibited|not available|retriev|FODC000[25]|network", re.I)


def _offline(message: str) -> bool:
    return bool(_REMOTE.search(message) and _UNAVAILABLE.search(message))


@dataclass
class Finding:
    check: int
    location: str
    text: str
    diagnostics: str
    properties: list
    error: str | None = None


class Runner:
    """One per process: the compiled rules and the XSLT engine that runs them."""

    def __init__(self, compiled: Compiled, skip: bool = True):
        self.compiled = compiled
        self.skip = skip  # skip patterns whose contexts cannot match the document
        self._exec = None
        self._proc = None
        self._lxml = None
        self._batch_xslt = None
        self._pid = os.getpid()

    # ---------------------------------------------------------------- engines
    def _saxon(self):
        if self._pid != os.getpid():  # a forked worker: Saxon objects of the parent are not used here
            self._exec = self._proc = None
            self._pid = os.getpid()
        if self._exec is None:
            try:
                import saxonche
            except ImportError:
                raise SchematronError(
                    f"queryBinding {self.compiled.binding!r} needs Saxon-HE: pip install saxonche "
                    "(or pip install 'editio[schematron]')", path=str(self.compiled.source)) from None
            proc = _processor()
            xslt = proc.new_xslt30_processor()
            try:
                if self.compiled.xslt_path is not None:
                    exe = xslt.compile_stylesheet(stylesheet_file=str(self.compiled.xslt_path))
                else:
                    exe = xslt.compile_stylesheet(stylesheet_text=self.compiled.xslt.decode("utf-8"))
            except saxonche.PySaxonApiError as exc:
                raise self._compile_error(str(exc)) from None
            self._proc, self._exec, self._builder = proc, exe, proc.new_document_builder()
        return self._exec

    def _compile_error(self, message: str) -> SchematronError:
        m = re.search(r"on line (\d+)(?: column (\d+))?", message)
        file, line = (source_of_line(self.compiled.xslt, int(m.group(1)), int(m.group(2) or 0) or None)
                      if m else (None, None))
        text = " ".join(message.split())
        text = re.sub(r"\s*on line \d+( column \d+)? of [^:]*:", ":", text)
        text = re.sub(r"^Error in ", "", text)
        return SchematronError(f"Schematron does not compile: {text}", path=file or str(self.compiled.source),
                               line=line)

    def _libxslt(self):
        if self._lxml is None:
            access = etree.XSLTAccessControl(read_file=True, write_file=False, create_dir=False,
                                             read_network=False, write_network=False)
            from .rules import _xslt_parser
            try:
                doc = etree.fromstring(self.compiled.xslt, _xslt_parser(),
                                       base_url=self.compiled.source.resolve().as_uri())
                self._lxml = etree.XSLT(doc.getroottree(), access_control=access)
            except etree.XSLTParseError as exc:
                entry = exc.error_log.last_error if exc.error_log else None
                file, line = source_of_line(self.compiled.xslt, entry.line) if entry else (None, None)
                raise SchematronError(f"Schematron does not compile: {entry.message if entry else exc}",
                                      path=file or str(self.compiled.source), line=line) from None
        return self._lxml

    def _batch(self):
        """The batch stylesheet (schematron_batch.py) and its resolver of in-memory documents, or None."""
        if self._batch_xslt is None:
            self._batch_xslt = False
            from .schematron_batch import batch_stylesheet
            data = batch_stylesheet(self.compiled) if self.compiled.version == "1.0" else None
            if data is not None:
                from .rules import _MissingFiles
                docs = _Documents()
                parser = etree.XMLParser(no_network=True, resolve_entities=False, load_dtd=False, collect_ids=False)
                parser.resolvers.add(docs)
                parser.resolvers.add(_MissingFiles())
                access = etree.XSLTAccessControl(read_file=True, write_file=False, create_dir=False,
                                                 read_network=False, write_network=False)
                try:
                    doc = etree.fromstring(data, parser, base_url=self.compiled.source.resolve().as_uri())
                    self._batch_xslt = (etree.XSLT(doc.getroottree(), access_control=access), docs)
                except (etree.XSLTParseError, etree.XMLSyntaxError):
                    pass  # e.g. a let that names a later one: every document runs alone
        return self._batch_xslt or None

    def batch_svrl(self, trees: list, paths: list[str], datas: list[bytes]) -> list | None:
        """Each document's svrl:schematron-output from one transform over all of them, or None when
        this cannot be done exactly (XSLT 3.0, a DOCTYPE, a run-time error): run them one by one."""
        if len(trees) < 2 or self.compiled.version != "1.0" or any(b"<!DOCTYPE" in d for d in datas):
            return None
        batch = self._batch()
        if batch is None:
            return None
        xslt, docs = batch
        from .schematron_batch import manifest, split_output
        skips = [" ".join(f"p{i}" for i in self.skipped(t)) if self.skip else "" for t in trees]
        tree = manifest(paths, skips)
        for entry, data in zip(tree.getroot(), datas):
            docs.data[entry.get("href")] = data
        try:
            result = xslt(tree)
        except etree.Error:  # a run-time error in one of them: each runs alone and reports its own
            return None
        finally:
            docs.data.clear()
        outs = split_output(result)
        if len(outs) != len(trees) or any(o is None for o in outs):
            return None
        return outs

    def prepare(self) -> None:
        """Compile now (schema errors surface before any document is read)."""
        self._saxon() if self.compiled.version == "3.0" else self._libxslt()

    # ---------------------------------------------------------------- running
    def skipped(self, tree) -> list[int]:
        if all(p.needs is None for p in self.compiled.patterns):
            return []  # every pattern can match anything: no need to look at the names
        names = document_names(tree)
        return [p.index for p in self.compiled.patterns if p.needs is not None and not (p.needs & names)]

    def svrl(self, tree, path: str) -> bytes:
        skip = " ".join(f"p{i}" for i in self.skipped(tree)) if self.skip else ""
        if self.compiled.version == "3.0":
            exe = self._saxon()
            import saxonche
            self._builder.set_base_uri(_file_uri(path))
            text = etree.tostring(tree, encoding="unicode")
            try:
                node = self._builder.parse_xml(xml_text=text)
                exe.set_parameter("editio-skip", self._proc.make_string_value(skip))
                return exe.transform_to_string(xdm_node=node).encode("utf-8")
            except saxonche.PySaxonApiError as exc:
                raise RuntimeError(" ".join(str(exc).split())) from None
        xslt = self._libxslt()
        return bytes(xslt(tree, **{"editio-skip": etree.XSLT.strparam(skip)}))

    def findings(self, svrl) -> list[Finding]:
        root = etree.fromstring(svrl) if isinstance(svrl, bytes) else svrl
        out = []
        for node in root.iter(f"{{{SVRL}}}failed-assert", f"{{{SVRL}}}successful-report", f"{{{EDITIO}}}error"):
            if node.tag == f"{{{EDITIO}}}error":
                check = int(node.get("check", "-1")) if node.get("check") else -1
                out.append(Finding(check, node.get("location", ""), "", "", [], " ".join("".join(node.itertext()).split())
                                   or "error") if check >= 0 else
                           Finding(-1 - int(node.get("rule")), node.get("location", ""), "", "", [],
                                   " ".join("".join(node.itertext()).split()) or "error"))
                continue
            text = " ".join(node.findtext(f"{{{SVRL}}}text", "").split())
            diag = " ".join(" ".join(" ".join(d.itertext()).split())
                            for d in node.iterfind(f"{{{SVRL}}}diagnostic-reference"))
            props = [(p.get("property"), p.get("role"), " ".join("".join(p.itertext()).split()))
                     for p in node.iterfind(f"{{{SVRL}}}property-reference")]
            out.append(Finding(int(node.get(f"{{{EDITIO}}}check")), node.get("location", ""), text, diag, props))
        return out

    def issues(self, tree, path: str, lines: list[bytes], svrl: bytes | None = None) -> list[Issue]:
        try:
            svrl = svrl if svrl is not None else self.svrl(tree, path)
        except (RuntimeError, etree.XSLTApplyError) as exc:
            return [Issue(path, 1, 1, "sch-error", f"Schematron could not run on this document: {exc}",
                          "the schema's rules failed on this document; see the message", "error")]
        comp = self.compiled
        issues, errors = [], {}
        for f in self.findings(svrl):
            line, col = locate(tree, f.location, lines)
            if f.error is not None:
                errors.setdefault(f.check, []).append((line, col, f.error, f.location))
                continue
            chk = comp.checks[f.check]
            rule = comp.rules[chk.rule]
            rid = chk.id or rule.id or rule.pattern
            sev = _ROLE_SEVERITY.get((chk.role or "").lower(), "error")
            issues.append(Issue(path, line, col, rid, f.text, f.diagnostics, sev, key=comp.check_key(chk),
                                location=f.location))
        for check, where in errors.items():
            line, col, message, _ = where[0]
            if check >= 0:
                chk = comp.checks[check]
                rule = comp.rules[chk.rule]
                what = f"{chk.kind} {comp.check_key(chk)!r} (rule context {rule.context!r}, {rule.src})"
                key = comp.check_key(chk)
            else:
                rule = comp.rules[-1 - check]
                what = f"rule context {rule.context!r} ({rule.src})"
                key = f"{rule.pattern}|{rule.context}"
            offline = _offline(message)
            message = re.sub(r"\s*on line \d+( column \d+)?(?: of [^ ]+)?", "", message)
            rid = "sch-offline" if offline else "sch-dynamic-error"
            head = "could not be evaluated offline" if offline else "could not be evaluated"
            issues.append(Issue(path, line, col, rid,
                                f"{what} {head} on {len(where)} node(s): {message}",
                                "editio never fetches from the network; the check needs a document that is not "
                                "available here" if offline else "a dynamic error in the schema's expression",
                                "warning" if offline else "error", key=key, location=where[0][3]))
        return issues


class _Documents(etree.Resolver):
    """Serves the documents of a batch from the bytes already read (parsed as the engine parses them)."""

    def __init__(self):
        super().__init__()
        self.data: dict[str, bytes] = {}

    def resolve(self, url, pubid, context):
        data = self.data.get(url)
        return None if data is None else self.resolve_string(data, context, base_url=url)


_PROC = None
_PROC_PID = None


def _processor():
    """One Saxon processor per process (SaxonC's advice), local files only: never the network."""
    global _PROC, _PROC_PID
    if _PROC is None or _PROC_PID != os.getpid():
        _PROC_PID = os.getpid()
        import saxonche
        _PROC = saxonche.PySaxonProcessor(license=False)
        _PROC.set_configuration_property("http://saxon.sf.net/feature/allowedProtocols", "file")
    return _PROC


def _file_uri(path: str) -> str:
    from pathlib import Path
    return Path(path).resolve().as_uri()


# ------------------------------------------------------------------ path() -> node -> line:col
_STEP = re.compile(r"(@)?(?:Q\{([^}]*)\})?([^\[/]+)(?:\[(\d+)\])?")


def _steps(location: str) -> list[str]:
    out, depth, cur = [], 0, []
    for ch in location:
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        if ch == "/" and depth == 0:
            if cur:
                out.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    if cur:
        out.append("".join(cur))
    return out


def node_at(tree, location: str, nsmap: dict | None = None):
    """The element a finding is about: a path() location (its element steps; an attribute or text
    step names its element), or a libxml2 node path such as RELAX NG errors carry ("/p:a/*[2]",
    prefixes from `nsmap`); None when neither finds it."""
    root = tree.getroot() if hasattr(tree, "getroot") else tree
    if "Q{" not in location:
        try:
            found = root.xpath(location, namespaces=nsmap or {})
        except etree.XPathError:
            found = None
        if isinstance(found, list) and found:
            node = found[0]
            if not isinstance(node, etree._Element):
                node = node.getparent() if hasattr(node, "getparent") else None
            return node
    node = None
    for step in _steps(location):
        m = _STEP.fullmatch(step)
        if not m or m.group(1) or "(" in step:
            break
        ns, local, n = m.group(2) or "", m.group(3), int(m.group(4) or 1)
        tag = f"{{{ns}}}{local}" if ns else local
        if node is None:
            if root.tag != tag:
                return None
            node = root
            continue
        kids = [c for c in node if c.tag == tag]
        if len(kids) < n:
            break
        node = kids[n - 1]
    return node


def locate(tree, location: str, lines: list[bytes]) -> tuple[int, int]:
    """Line and column of the node that an XPath 3 path() (or editio's XSLT 1 equivalent) names."""
    root = tree.getroot() if hasattr(tree, "getroot") else tree
    node = None
    line = None
    try:
        for step in _steps(location):
            if step.startswith("text()") or step.startswith("comment()") or step.startswith("processing-instruction"):
                if node is None:  # top-level PI/comment
                    n = int(re.search(r"\[(\d+)\]", step).group(1)) if "[" in step else 1
                    kind = etree._ProcessingInstruction if step.startswith("processing") else etree._Comment
                    prev = [p for p in _top_level(root) if isinstance(p, kind)]
                    line = prev[n - 1].sourceline if len(prev) >= n else None
                else:
                    n = int(re.search(r"\[(\d+)\]", step).group(1)) if "[" in step else 1
                    line = _text_line(node, n)
                break
            m = _STEP.fullmatch(step)
            if not m:
                break
            if m.group(1):  # attribute: the element's line
                break
            ns, local, n = m.group(2) or "", m.group(3), int(m.group(4) or 1)
            tag = f"{{{ns}}}{local}" if ns else local
            if node is None:
                node = root if root.tag == tag else None
                if node is None:
                    break
                continue
            kids = [c for c in node if c.tag == tag]
            if len(kids) < n:
                break
            node = kids[n - 1]
    except (AttributeError, ValueError, IndexError):
        pass
    if line is not None:
        return line, start_tag_column(lines, line, None) if node is None else 1
    node = node if node is not None else root
    ln = node.sourceline or 1
    if not isinstance(node.tag, str):
        return ln, 1
    # the n-th start tag of this name on its line: count the same-named elements before it there
    nth = 0
    prev = node.getprevious()
    while prev is not None and prev.sourceline == ln:
        nth += prev.tag == node.tag
        nth += sum(1 for d in prev.iterdescendants(node.tag) if d.sourceline == ln) if len(prev) else 0
        prev = prev.getprevious()
    return ln, start_tag_column(lines, ln, node.tag, nth)


def _top_level(root):
    before = []
    p = root.getprevious()
    while p is not None:
        before.insert(0, p)
        p = p.getprevious()
    return before


def _text_line(el, n: int) -> int | None:
    """Line of the n-th text node child of `el` (lxml keeps text as .text and children's .tail)."""
    count = 0
    if el.text:
        count += 1
        if count == n:
            return el.sourceline
    for child in el:
        if child.tail:
            count += 1
            if count == n:
                return _end_line(child)
    return el.sourceline


def _end_line(el) -> int:
    last = el
    for last in el.iter():
        pass
    return last.sourceline or el.sourceline or 1
