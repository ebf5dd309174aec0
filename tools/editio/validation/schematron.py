"""ISO Schematron, compiled to XSLT 3.0 (queryBinding xslt2/xslt3) for Saxon-HE, or to XSLT 1.0
for libxslt (queryBinding xslt).

The compiler is ours (no ISO skeleton, no SchXslt): it resolves `include` and `extends` relative to
the file that names them, instantiates abstract patterns (`is-a`, `param`) and abstract rules
(`extends rule=`), keeps the active `phase`'s patterns, and turns each pattern into one XSLT mode
in which the first rule whose context matches a node wins (ISO Schematron's rule order).  `let`
becomes `xsl:variable` at schema, phase, pattern and rule level; `xsl:function`, `xsl:key` and
other top-level XSLT declared in the schema are copied with their own base URI, so `doc()` and
`document('')` in them resolve beside the file that declared them.

Clashes (a global variable declared twice across extended files, an unknown function, a syntax
error) are SchematronError with the schema file and line, never a traceback.  The generated
stylesheet is cached on disk by content hash of every file that went into it.
"""

from __future__ import annotations

import copy
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlparse

from lxml import etree

from ..errors import InputError

SCH = "http://purl.oclc.org/dsdl/schematron"
XSL = "http://www.w3.org/1999/XSL/Transform"
SVRL = "http://purl.oclc.org/dsdl/svrl"
EDITIO = "urn:editio:schematron"
ERR = "http://www.w3.org/2005/xqt-errors"
XS = "http://www.w3.org/2001/XMLSchema"
_S = "{%s}" % SCH
_X = "{%s}" % XSL
_SRC = "{%s}src" % EDITIO
XSLT2_BINDINGS = {"xslt2", "xslt3", "xpath2", "xpath3", "xpath31", "xslt3.1"}
XSLT1_BINDINGS = {"xslt", "xpath", "exslt", ""}


class SchematronError(InputError):
    """A schema that cannot be compiled: file and line of the offending declaration."""


@dataclass
class Rule:
    index: int
    pattern: str
    context: str
    id: str | None
    role: str | None
    src: str  # file:line
    asserts: list["Check"] = field(default_factory=list)


@dataclass
class Check:
    index: int
    kind: str  # assert | report
    id: str | None
    role: str | None
    flag: str | None
    test: str
    rule: int


@dataclass
class Pattern:
    index: int
    id: str
    needs: frozenset | None  # local names one of which must occur for any rule to match; None = always


@dataclass
class Compiled:
    source: Path
    binding: str
    version: str          # "3.0" (Saxon) or "1.0" (libxslt)
    xslt: bytes
    xslt_path: Path | None
    rules: list[Rule]
    checks: list[Check]
    patterns: list[Pattern]
    phase: str
    files: list[str]
    lets: list[str] = field(default_factory=list)  # names of the schema's, phase's and patterns' lets (globals)

    def check_key(self, check: Check) -> str:
        """The reference's key for a finding: the assert's id, else 'pattern-id|rule context'."""
        if check.id:
            return check.id
        rule = self.rules[check.rule]
        return f"{rule.pattern}|{rule.context}"


# ------------------------------------------------------------------ loading
def _parser() -> etree.XMLParser:
    return etree.XMLParser(no_network=True, resolve_entities=False, load_dtd=False, remove_comments=True)


def _file_of(url: str) -> Path:
    p = urlparse(url)
    return Path(unquote(p.path)) if p.scheme in ("", "file") else Path(url)


def _load(path: Path, stack: tuple = ()) -> etree._Element:
    if str(path) in stack:
        raise SchematronError(f"include/extends cycle: {' -> '.join(stack + (str(path),))}", path=str(path))
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SchematronError(f"cannot read Schematron file: {exc.strerror}", path=str(path)) from None
    try:
        root = etree.fromstring(data, _parser(), base_url=path.resolve().as_uri())
    except etree.XMLSyntaxError as exc:
        raise SchematronError(f"Schematron file is not well-formed XML: {exc.msg}", path=str(path),
                              line=exc.lineno, column=exc.offset) from None
    for el in root.iter():
        if isinstance(el.tag, str):
            el.set(_SRC, f"{path}:{el.sourceline}")
    _resolve_includes(root, path, stack + (str(path),))
    return root


def _where(el) -> tuple[str, int | None]:
    src = el.get(_SRC) or ":"
    file, _, line = src.rpartition(":")
    return file, int(line) if line.isdigit() else None


def _base(el) -> str:
    file = _where(el)[0]
    return Path(file).resolve().as_uri() if file else (el.base or "")


def _error(message: str, el) -> SchematronError:
    file, line = _where(el)
    return SchematronError(message, path=file or None, line=line)


def _target(href: str, el, stack) -> etree._Element:
    base = _file_of(el.base or "")
    file, _, frag = href.partition("#")
    path = (base.parent / unquote(file)).resolve() if file else base
    if file and not path.is_file():
        raise _error(f"{el.tag.split('}')[1]} href={href!r}: file not found ({path})", el)
    root = _load(path, stack) if file else el.getroottree().getroot()
    if frag:
        found = [e for e in root.iter() if isinstance(e.tag, str) and
                 (e.get("id") == frag or e.get("{http://www.w3.org/XML/1998/namespace}id") == frag)]
        if not found:
            raise _error(f"{href!r}: no element with id {frag!r}", el)
        return found[0]
    return root


def _resolve_includes(root, path: Path, stack) -> None:
    for inc in list(root.iter(_S + "include")):
        target = copy.deepcopy(_target(inc.get("href", ""), inc, stack))
        parent = inc.getparent()
        if target.tag == _S + "schema" and parent is not None and parent.tag == _S + "schema":
            pos = parent.index(inc)
            for child in list(target):
                if isinstance(child.tag, str) and child.tag not in (_S + "title", _S + "p"):
                    parent.insert(pos, child)
                    pos += 1
            parent.remove(inc)
        elif parent is not None:
            parent.replace(inc, target)


def _merge_extends(schema, stack=()) -> None:
    """Schematron 2016/2020 `<extends href>` at schema level: the other schema's declarations join this one."""
    for ext in list(schema.iterchildren(_S + "extends")):
        if not ext.get("href"):
            continue
        other = _target(ext.get("href"), ext, stack)
        if other.tag != _S + "schema":
            raise _error(f"extends href={ext.get('href')!r} does not point at a Schematron schema", ext)
        _merge_extends(other, stack + (ext.get("href"),))
        pos = schema.index(ext)
        for child in list(other):
            if not isinstance(child.tag, str) or child.tag in (_S + "title", _S + "p"):
                continue
            schema.insert(pos, child)
            pos += 1
        for prefix, uri in other.nsmap.items():
            if prefix and prefix not in schema.nsmap:
                schema.set(f"{{{EDITIO}}}ns-{prefix}", uri)  # carried to the stylesheet's namespaces
        schema.remove(ext)


# ------------------------------------------------------------------ abstract patterns and rules
def _substitute(text: str, params: dict[str, str]) -> str:
    for name in sorted(params, key=len, reverse=True):
        text = re.sub(r"\$" + re.escape(name) + r"(?![\w.\-])", lambda _m, v=params[name]: v, text)
    return text


def _expand_abstract(schema) -> None:
    abstract = {p.get("id"): p for p in schema.iterchildren(_S + "pattern") if p.get("abstract") == "true"}
    for pat in list(schema.iterchildren(_S + "pattern")):
        if pat.get("abstract") == "true":
            schema.remove(pat)
            continue
        if pat.get("is-a"):
            base = abstract.get(pat.get("is-a"))
            if base is None:
                raise _error(f"pattern is-a={pat.get('is-a')!r}: no abstract pattern with that id", pat)
            params = {p.get("name"): p.get("value", "") for p in pat.iterchildren(_S + "param")}
            new = copy.deepcopy(base)
            new.attrib.pop("abstract", None)
            new.set("id", pat.get("id") or base.get("id"))
            new.set(_SRC, pat.get(_SRC) or base.get(_SRC, ""))
            for el in new.iter():
                if not isinstance(el.tag, str):
                    continue
                for attr in ("context", "test", "select", "value", "path", "subject"):
                    if el.get(attr) is not None:
                        el.set(attr, _substitute(el.get(attr), params))
            schema.replace(pat, new)
    # abstract rules: <rule abstract="true" id="x"> ... used by <extends rule="x"/> inside a concrete rule
    rules = {r.get("id"): r for r in schema.iter(_S + "rule") if r.get("abstract") == "true"}
    for rule in list(schema.iter(_S + "rule")):
        if rule.get("abstract") == "true":
            continue
        _expand_rule(rule, rules, ())
    for rule in rules.values():
        if rule.getparent() is not None:
            rule.getparent().remove(rule)


def _expand_rule(rule, rules, seen) -> None:
    for ext in list(rule.iterchildren(_S + "extends")):
        name = ext.get("rule")
        base = rules.get(name)
        if base is None:
            raise _error(f"extends rule={name!r}: no abstract rule with that id", ext)
        if name in seen:
            raise _error(f"abstract rule {name!r} extends itself", ext)
        body = copy.deepcopy(base)
        _expand_rule(body, rules, seen + (name,))
        pos = rule.index(ext)
        for child in list(body):
            if isinstance(child.tag, str) and child.tag not in (_S + "title", _S + "p"):
                rule.insert(pos, child)
                pos += 1
        rule.remove(ext)


# ------------------------------------------------------------------ which rules can match
def _strip_brackets(expr: str) -> str:
    """The expression with predicates and string literals removed (for finding the last step)."""
    out, depth, quote = [], 0, None
    for ch in expr:
        if quote:
            if ch == quote:
                quote = None
            continue
        if ch in "'\"":
            quote = ch
            continue
        if ch == "[":
            depth += 1
            continue
        if ch == "]":
            depth -= 1
            continue
        if depth == 0:
            out.append(ch)
    return "".join(out)


def _split_top(expr: str, sep: str) -> list[str]:
    parts, depth, cur = [], 0, []
    for ch in expr:
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        if ch == sep and depth == 0:
            parts.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    parts.append("".join(cur))
    return parts


_NAME_STEP = re.compile(r"^(?:child::|self::|descendant::|descendant-or-self::)?(?:[\w.\-]+:)?([\w.\-]+)$")
_ATTR_STEP = re.compile(r"^(?:@|attribute::)(?:[\w.\-]+:)?([\w.\-]+)$")


def context_needs(context: str) -> frozenset | None:
    """Local names of which one must occur in a document for `context` to match anything (None: any)."""
    names: set = set()
    for alt in _split_top(_strip_brackets(context), "|"):
        alt = alt.strip()
        while alt.startswith("(") and alt.endswith(")") and len(_split_top(alt[1:-1], "|")) >= 1 \
                and _balanced(alt[1:-1]):
            inner = context_needs(alt[1:-1])
            if inner is None:
                return None
            names |= inner
            alt = ""
        if not alt:
            continue
        last = _split_top(alt, "/")[-1].strip()
        if last.startswith("(") and last.endswith(")"):
            inner = context_needs(last[1:-1])
            if inner is None:
                return None
            names |= inner
            continue
        m = _NAME_STEP.match(last)
        if m and m.group(1) not in ("node", "text", "comment"):
            names.add(m.group(1))
            continue
        m = _ATTR_STEP.match(last)
        if m:
            names.add("@" + m.group(1))
            continue
        return None
    return frozenset(names)


def _balanced(text: str) -> bool:
    depth = 0
    for ch in text:
        depth += ch == "("
        depth -= ch == ")"
        if depth < 0:
            return False
    return depth == 0


def document_names(tree) -> set:
    """Local names of the elements and '@'+local names of the attributes in a parsed document."""
    names = set()
    for el in tree.iter():
        tag = el.tag
        if isinstance(tag, str):
            names.add(tag.rpartition("}")[2])
            for key in el.attrib:
                names.add("@" + key.rpartition("}")[2])
    return names


# ------------------------------------------------------------------ building the stylesheet
def _esc_avt(text: str) -> str:
    return text.replace("{", "{{").replace("}", "}}")


class _Builder:
    def __init__(self, schema, version: str, phase: str | None, optimise: bool = True):
        self.schema = schema
        self.v3 = version == "3.0"
        self.optimise = optimise
        self.java_regex = optimise and self.v3
        self.rules: list[Rule] = []
        self.checks: list[Check] = []
        self.patterns: list[Pattern] = []
        self.lets: list[str] = []
        self.diagnostics = {d.get("id"): d for d in schema.iter(_S + "diagnostic") if d.get("id")}
        self.properties = {p.get("id"): p for p in schema.iter(_S + "property") if p.get("id")}
        self.phase = phase or schema.get("defaultPhase") or "#ALL"
        nsmap = {"xsl": XSL, "svrl": SVRL, "editio": EDITIO}
        if self.v3:
            nsmap.update({"xs": XS, "err": ERR})
        for prefix, uri in schema.nsmap.items():
            if prefix and prefix not in nsmap and uri != SCH:
                nsmap[prefix] = uri
        for key, uri in schema.attrib.items():
            if key.startswith(f"{{{EDITIO}}}ns-"):
                nsmap.setdefault(key.split("ns-", 1)[1], uri)
        for ns in schema.iter(_S + "ns"):
            prefix, uri = ns.get("prefix"), ns.get("uri")
            if prefix in nsmap and nsmap[prefix] != uri and prefix not in ("xml",):
                if prefix in ("xsl", "svrl", "editio", "xs", "err"):
                    raise _error(f"ns prefix {prefix!r} is reserved by the compiled rules", ns)
            if prefix and prefix != "xml":
                nsmap[prefix] = uri
        self.nsmap = nsmap
        self.xsl = etree.Element(_X + "stylesheet", nsmap=nsmap, version=version)
        self.xsl.set("exclude-result-prefixes", " ".join(p for p in nsmap if p not in ("xsl", "svrl", "editio")) or "#default")

    def x(self, expr: str) -> str:
        """An XPath expression as the stylesheet evaluates it (literal regexes on java.util.regex)."""
        if not self.java_regex:
            return expr
        from .regex import rewrite
        return rewrite(expr)

    def el(self, parent, local, src=None, **attrs):
        node = etree.SubElement(parent, _X + local)
        for k, v in attrs.items():
            node.set(k.rstrip("_").replace("__", "-"), v)
        if src is not None:
            node.set(_SRC, src)
        return node

    # ---- top level
    def build(self) -> None:
        schema = self.schema
        phases = {p.get("id"): p for p in schema.iterchildren(_S + "phase")}
        if self.phase not in ("#ALL", "#DEFAULT") and self.phase not in phases:
            raise SchematronError(f"no phase {self.phase!r} in the schema (phases: "
                                  f"{', '.join(sorted(k for k in phases if k)) or 'none'})",
                                  path=_where(schema)[0] or None)
        if self.phase == "#DEFAULT":
            self.phase = schema.get("defaultPhase") or "#ALL"
        active = None
        phase_el = phases.get(self.phase)
        if phase_el is not None:
            active = [a.get("pattern") for a in phase_el.iterchildren(_S + "active")]
        out = self.xsl
        self.el(out, "output", method="xml", indent="no")
        skip = self.el(out, "param", name="editio-skip", select="''")
        if self.v3:
            skip.set("as", "xs:string")
        # foreign XSLT declared in the schema (functions, keys, templates, variables)
        for child in schema.iter(_X + "*"):
            parent = child.getparent()
            if parent is not schema:
                continue
            copied = copy.deepcopy(child)
            _strip_src(copied, keep_top=True)
            copied.set("{http://www.w3.org/XML/1998/namespace}base", _base(child))
            out.append(copied)
        seen_vars: dict[str, object] = {}
        for decl in list(out):
            if decl.tag in (_X + "variable", _X + "param") and decl.get("name") != "editio-skip":
                seen_vars[decl.get("name")] = decl
        lets = list(schema.iterchildren(_S + "let"))
        if phase_el is not None:
            lets += list(phase_el.iterchildren(_S + "let"))
        pattern_els = [p for p in schema.iterchildren(_S + "pattern")]
        if active is not None:
            ids = {p.get("id") for p in pattern_els}
            missing = [a for a in active if a not in ids]
            if missing:
                raise _error(f"phase {self.phase!r} activates unknown pattern(s) {', '.join(missing)}", phase_el)
            pattern_els = [p for p in pattern_els if p.get("id") in active]
        for pat in pattern_els:
            lets += list(pat.iterchildren(_S + "let"))
        for let in lets:
            name = let.get("name")
            if name in seen_vars:
                first = seen_vars[name]
                f_file, f_line = _where(first)
                raise _error(f"global variable ${name} is declared twice: here and at {f_file}:{f_line}"
                             " (a conformant Schematron processor stops with 'variable multiply defined')", let)
            seen_vars[name] = let
            self.lets.append(name)
            self._variable(out, let)
        root = self.el(out, "template", match="/")
        report = etree.SubElement(root, f"{{{SVRL}}}schematron-output")
        report.set("phase", self.phase)
        if schema.findtext(_S + "title"):
            report.set("title", _esc_avt(" ".join(schema.findtext(_S + "title").split())))
        for i, pat in enumerate(pattern_els):
            pid = pat.get("id") or f"pattern-{i + 1}"
            guard = self.el(report, "if", test=f"not(contains(concat(' ', $editio-skip, ' '), ' p{i} '))")
            ap = etree.SubElement(guard, f"{{{SVRL}}}active-pattern")
            ap.set("id", _esc_avt(pid))
            self.el(guard, "apply-templates", select="/", mode=f"p{i}")
            self._pattern(out, pat, i, pid)

    def _variable(self, parent, let) -> None:
        var = self.el(parent, "variable", src=let.get(_SRC), name=let.get("name"))
        var.set("{http://www.w3.org/XML/1998/namespace}base", _base(let))
        if let.get("as") and self.v3:
            var.set("as", let.get("as"))
        if let.get("value") is not None:
            var.set("select", self.x(let.get("value")))
        else:
            for child in let:
                c = copy.deepcopy(child)
                _strip_src(c)
                var.append(c)

    def _pattern(self, out, pat, index: int, pid: str) -> None:
        rules = [r for r in pat.iterchildren(_S + "rule") if r.get("abstract") != "true"]
        needs: set | None = set()
        mode = f"p{index}"
        # the traversal visits only the kinds of node some rule can match: most patterns match
        # elements only, and then attributes, text, comments and PIs need no template dispatch at all
        kinds = " ".join(_strip_brackets(r.get("context") or "") for r in rules)
        anything = r"node\(\)|\$|key\s*\(|id\s*\(|(?:^|[|(/\s])\.(?![\w.])|item\(\)"
        want_attrs = bool(re.search(r"@|attribute::|" + anything, kinds))
        want_other = bool(re.search(r"text\(\)|comment\(\)|processing-instruction|" + anything, kinds))
        if not self.optimise:
            want_attrs = want_other = True
        if want_other:
            children = "@*, node()" if want_attrs else "node()"
        else:
            children = "@*, *" if want_attrs else "*"
        if not self.v3:
            children = children.replace(", ", "|")
        for j, rule in enumerate(rules):
            context = rule.get("context")
            if not context:
                raise _error(f"a rule in pattern {pid!r} has no context", rule)
            rn = context_needs(context)
            needs = None if needs is None or rn is None else needs | rn
            info = Rule(len(self.rules), pid, context, rule.get("id"),
                        rule.get("role"), rule.get(_SRC, ""))
            self.rules.append(info)
            tpl = self.el(out, "template", src=rule.get(_SRC), match=self.x(context), mode=mode,
                          priority=str(len(rules) - j))
            tpl.set("{http://www.w3.org/XML/1998/namespace}base", _base(rule))
            body = tpl
            if self.v3:
                body = self.el(tpl, "try")
            for child in rule:
                if child.tag == _S + "let":
                    self._variable(body, child)
                elif child.tag in (_S + "assert", _S + "report"):
                    self._check(body, child, info)
            if self.v3:
                catch = self.el(body, "catch")
                err = etree.SubElement(catch, f"{{{EDITIO}}}error")
                err.set("rule", str(info.index))
                err.set("location", "{path()}")
                self.el(err, "value-of", select="$err:description")
            self.el(tpl, "apply-templates", select=children, mode=mode)
        self.patterns.append(Pattern(index, pid, None if needs is None else frozenset(needs)))
        dflt = self.el(out, "template", match="/|*", mode=mode, priority="-1000")
        self.el(dflt, "apply-templates", select=children, mode=mode)
        self.el(out, "template", match="text()|@*|comment()|processing-instruction()", mode=mode, priority="-1000")

    def _check(self, body, node, rule: Rule) -> None:
        kind = "assert" if node.tag == _S + "assert" else "report"
        test = node.get("test")
        if test is None:
            raise _error(f"{kind} without a test", node)
        chk = Check(len(self.checks), kind, node.get("id"), node.get("role") or rule.role, node.get("flag"),
                    test, rule.index)
        self.checks.append(chk)
        rule.asserts.append(chk)
        cond = f"not({self.x(test)})" if kind == "assert" else f"({self.x(test)})"
        if self.v3:
            # a test that cannot be evaluated (a document that is offline, a type error) is reported
            # as such, for this context, and the other checks go on
            var = self.el(body, "variable", src=node.get(_SRC), name=f"editio-r{chk.index}", as_="xs:string")
            tr = self.el(var, "try", select=f"if ({cond}) then 'hit' else ''")
            self.el(tr, "catch", select="'error: ' || $err:description")
            hit = self.el(body, "if", test=f"$editio-r{chk.index} eq 'hit'")
            bad = self.el(body, "if", test=f"starts-with($editio-r{chk.index}, 'error: ')")
            err = etree.SubElement(bad, f"{{{EDITIO}}}error")
            err.set("check", str(chk.index))
            err.set("location", "{path()}")
            self.el(err, "value-of", select=f"substring-after($editio-r{chk.index}, 'error: ')")
        else:
            hit = self.el(body, "if", src=node.get(_SRC), test=cond)
        out = etree.SubElement(hit, f"{{{SVRL}}}{'failed-assert' if kind == 'assert' else 'successful-report'}")
        out.set("test", _esc_avt(test))
        for attr in ("id", "flag"):
            if node.get(attr):
                out.set(attr, _esc_avt(node.get(attr)))
        if chk.role:
            out.set("role", _esc_avt(chk.role))
        out.set(f"{{{EDITIO}}}check", str(chk.index))
        subject = node.get("subject") or None
        if self.v3:
            out.set("location", "{path(" + subject + ")}" if subject else "{path()}")
        else:
            loc = self.el(out, "attribute", name="location")
            self.el(loc, "apply-templates", select=subject or ".", mode="editio-path")
        for did in (node.get("diagnostics") or "").split():
            diag = self.diagnostics.get(did)
            if diag is None:
                raise _error(f"{kind} names diagnostic {did!r}, which the schema does not declare", node)
            ref = etree.SubElement(out, f"{{{SVRL}}}diagnostic-reference")
            ref.set("diagnostic", _esc_avt(did))
            self._text(ref, diag)
        for pid in (node.get("properties") or "").split():
            prop = self.properties.get(pid)
            if prop is None:
                raise _error(f"{kind} names property {pid!r}, which the schema does not declare", node)
            ref = etree.SubElement(out, f"{{{SVRL}}}property-reference")
            ref.set("property", _esc_avt(pid))
            for attr in ("role", "scheme"):
                if prop.get(attr):
                    ref.set(attr, _esc_avt(prop.get(attr)))
            self._text(ref, prop)
        text = etree.SubElement(out, f"{{{SVRL}}}text")
        self._text(text, node)

    def _text(self, target, node) -> None:
        """Message content: literal text, value-of and name evaluated, emph/dir/span by their text."""
        if node.text:
            self.el(target, "text").text = node.text
        for child in node:
            if not isinstance(child.tag, str):
                pass
            elif child.tag == _S + "value-of":
                self.el(target, "value-of", select=self.x(child.get("select", ".")))
            elif child.tag == _S + "name":
                self.el(target, "value-of", select=f"name({child.get('path') or '.'})")
            elif child.tag.startswith(_S) or True:
                self._text(target, child)
            if child.tail:
                self.el(target, "text").text = child.tail

    def finish_xslt1(self) -> None:
        """XSLT 1.0 has no path(): a mode that writes the same /Q{ns}name[n] steps."""
        out = self.xsl
        t = self.el(out, "template", match="node()|@*", mode="editio-path")
        each = self.el(t, "for-each", select="ancestor-or-self::*")
        self.el(each, "text").text = "/Q{"
        self.el(each, "value-of", select="namespace-uri()")
        self.el(each, "text").text = "}"
        self.el(each, "value-of", select="local-name()")
        self.el(each, "text").text = "["
        self.el(each, "value-of", select="count(preceding-sibling::*[local-name() = local-name(current())"
                                         " and namespace-uri() = namespace-uri(current())]) + 1")
        self.el(each, "text").text = "]"
        a = self.el(t, "if", test="count(. | ../@*) = count(../@*)")
        self.el(a, "text").text = "/@"
        self.el(a, "value-of", select="name()")
        txt = self.el(t, "if", test="self::text()")
        self.el(txt, "text").text = "/text()["
        self.el(txt, "value-of", select="count(preceding-sibling::text()) + 1")
        self.el(txt, "text").text = "]"


def _strip_src(el, keep_top: bool = False) -> None:
    for node in el.iter():
        if isinstance(node.tag, str) and (node is not el or not keep_top or not node.tag.startswith(_X)):
            node.attrib.pop(_SRC, None)


def binding_of(path: Path) -> str:
    try:
        for _, el in etree.iterparse(str(path), events=("start",), no_network=True, resolve_entities=False,
                                     load_dtd=False):
            return (el.get("queryBinding") or "xslt").strip().lower()
    except etree.XMLSyntaxError as exc:
        raise SchematronError(f"Schematron file is not well-formed XML: {exc.msg}", path=str(path),
                              line=exc.lineno) from None
    return "xslt"


def compile_schema(path: Path, phase: str | None = None, version: str | None = None,
                   cache: Path | None = None, optimise: bool = True, root=None) -> Compiled:
    """Load, resolve and compile `path` (or `root`, a schema built from `path`, e.g. embedded rules);
    the stylesheet is written to `cache` (for Saxon's base URI).  optimise=False compiles the plain
    stylesheet (every node visited in every pattern, regexes on Saxon's own engine): the reference
    that the optimised one is tested against."""
    path = Path(path)
    if root is None:
        root = _load(path)
    else:
        _resolve_includes(root, path, (str(path),))
    if root.tag != _S + "schema":
        raise SchematronError("not an ISO Schematron schema (root is not sch:schema in "
                              f"{SCH})", path=str(path), line=root.sourceline)
    binding = (root.get("queryBinding") or "xslt").strip().lower()
    if binding not in XSLT2_BINDINGS | XSLT1_BINDINGS:
        raise SchematronError(f"queryBinding {binding!r} is not supported (xslt, xslt2, xslt3)",
                              path=str(path), line=root.sourceline)
    version = version or ("3.0" if binding in XSLT2_BINDINGS else "1.0")
    _merge_extends(root)
    _expand_abstract(root)
    files = sorted({_where(el)[0] for el in root.iter() if isinstance(el.tag, str) and el.get(_SRC)})
    b = _Builder(root, version, phase, optimise)
    b.build()
    if version == "1.0":
        b.finish_xslt1()
    data = etree.tostring(b.xsl, encoding="UTF-8", xml_declaration=True, pretty_print=True)
    xslt_path = None
    if cache is not None:
        digest = hashlib.sha256(data).hexdigest()[:20]
        xslt_path = cache / f"sch-{path.stem}-{digest}.xsl"
        if not xslt_path.is_file():
            from ..xmlio import atomic_write
            atomic_write(xslt_path, data)
    return Compiled(path, binding, version, data, xslt_path, b.rules, b.checks, b.patterns, b.phase, files, b.lets)


_SRC_ATTR = re.compile(r'editio:src="([^"]*)"')


def source_of_line(xslt: bytes, line: int, column: int | None = None) -> tuple[str | None, int | None]:
    """The schema file:line that generated line:column of the stylesheet (nearest editio:src before it)."""
    lines = xslt.decode("utf-8", "replace").split("\n")
    offset = sum(len(x) + 1 for x in lines[:max(line - 1, 0)]) + (column or len(lines[line - 1]) if 0 < line <= len(lines) else 0)
    text = "\n".join(lines)[:offset]
    found = None
    for found in _SRC_ATTR.finditer(text):
        pass
    if found is None:
        return None, None
    file, _, ln = found.group(1).rpartition(":")
    return file, int(ln) if ln.isdigit() else None
