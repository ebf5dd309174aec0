"""XSLT 1.0 Schematron (libxslt) on many documents in one transform: what a run costs per document,
paid once.

Per document, a libxslt transform of editio.sch spends 0.4 ms before any rule runs: setting up the
transform, and evaluating the global `let`s, among them `document('register/register.xml', /)`,
which parses the register again for every document and builds its key index again.  In one
transform over a batch of documents, libxslt loads each document() URI once, so the register is
parsed once per batch.

The batch stylesheet is derived from the per-document one (schematron.py), and only when that is
exact:
  * the schema's global `let`s become variables of a template applied to each document's root, in
    the order declared, and are passed as parameters to the rule templates that use them (XSLT 1.0
    has no tunnel parameters);
  * each pattern visits the nodes its rules can match in one `apply-templates` (document order, as
    the recursive traversal): a node-set that holds every node some rule context matches, narrowed
    by the attributes a context's predicate cannot be true without (see `candidates`); the rule
    templates, their priorities and their bodies are the per-document ones, so the same rule fires
    on the same node with the same messages and locations;
  * it is not used (None) when the schema declares XSLT of its own other than keys (a template or
    variable could read the globals), when a rule's variable has a global's name, when a rule
    uses position() or last() (they would count in the visited node-set, not among the node's
    siblings) or document('') (the stylesheet), or when the stylesheet does not compile - then every document runs alone, as before.
A batch that fails at run time is run again one document at a time (same errors as before).
"""

from __future__ import annotations

import re

from lxml import etree

from .schematron import EDITIO, SVRL, XSL, Compiled, _split_top

_X = "{%s}" % XSL
_E = "{%s}" % EDITIO


# ------------------------------------------------------------------ which nodes a context can match
def _split_words(expr: str, word: str) -> list[str]:
    """Split at the top-level operator `word` (and/or), outside brackets and string literals."""
    parts, depth, quote, cur, i = [], 0, None, [], 0
    n = len(expr)
    while i < n:
        ch = expr[i]
        if quote:
            cur.append(ch)
            if ch == quote:
                quote = None
            i += 1
            continue
        if ch in "'\"":
            quote = ch
        elif ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif depth == 0 and expr.startswith(word, i) and (i == 0 or not re.match(r"[\w.\-]", expr[i - 1])) \
                and (i + len(word) >= n or not re.match(r"[\w.\-]", expr[i + len(word)])):
            parts.append("".join(cur))
            cur = []
            i += len(word)
            continue
        cur.append(ch)
        i += 1
    parts.append("".join(cur))
    return [p.strip() for p in parts]


def _outer_parens(expr: str) -> str:
    expr = expr.strip()
    while expr.startswith("(") and expr.endswith(")"):
        depth = 0
        for i, ch in enumerate(expr):
            depth += ch == "("
            depth -= ch == ")"
            if depth == 0 and i < len(expr) - 1:
                return expr
        expr = expr[1:-1].strip()
    return expr


_POSITIONAL = re.compile(r"\b(?:position|last)\s*\(|\bdocument\s*\(\s*(?:''|\"\")")
_ATTR = r"@(?:[A-Za-z_][\w.\-]*:)?[A-Za-z_][\w.\-]*"
_LIT = r"(?:'[^']+'|\"[^\"]+\")"


def requires(expr: str) -> list[str] | None:
    """Attributes (as written, e.g. '@ref') one of which the context node must have for the boolean
    `expr` to be true; None when that cannot be shown."""
    expr = _outer_parens(expr)
    ors = _split_words(expr, "or")
    if len(ors) > 1:
        out: list[str] = []
        for part in ors:
            req = requires(part)
            if req is None:
                return None
            out += [a for a in req if a not in out]
        return out
    ands = _split_words(expr, "and")
    if len(ands) > 1:
        found = [r for r in (requires(p) for p in ands) if r is not None]
        return min(found, key=len) if found else None
    if re.fullmatch(_ATTR, expr):
        return [expr]
    m = re.fullmatch(rf"({_ATTR})\s*(?:=|!=|<|>|<=|>=|&lt;|&gt;)\s*(?:{_LIT}|-?\d+(?:\.\d+)?)", expr)
    if m:  # a comparison with an empty node-set is false
        return [m.group(1)]
    m = re.fullmatch(rf"(?:starts-with|contains)\(\s*({_ATTR})\s*,\s*{_LIT}\s*\)", expr)
    if m:  # with a non-empty literal: false for the empty string
        return [m.group(1)]
    return None


_NAME = re.compile(r"(/)?((?:[A-Za-z_][\w.\-]*:)?(?:\*|[A-Za-z_][\w.\-]*))(?![\w.\-:(])")


def _predicates(text: str) -> list[str] | None:
    """The predicates of `[p1][p2]...`; None unless `text` is exactly that (nothing between them)."""
    out, depth, quote, cur = [], 0, None, []
    for ch in text:
        if quote:
            cur.append(ch)
            if ch == quote:
                quote = None
            continue
        if depth == 0:
            if ch == "[":
                depth, cur = 1, []
            elif not ch.isspace():
                return None  # a further step (a/b[...]): not a single step
            continue
        if ch in "'\"":
            quote = ch
        elif ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
            if depth == 0:
                out.append("".join(cur))
                continue
        cur.append(ch)
    return out if depth == 0 and quote is None else None


def candidates(match: str) -> list[tuple[str, list[str] | None]] | None:
    """What the nodes the XSLT pattern `match` matches can be: [(a path, attributes one of which
    they have, or None)], where the path is `//name`, `//prefix:*`, `/name` (the document element)
    or `/`; None when the pattern is anything else (then any node can be)."""
    out: list[tuple[str, list[str] | None]] = []
    for alt in _split_top(match, "|"):
        alt = " ".join(alt.split())
        if alt == "/":
            out.append(("/", None))
            continue
        m = _NAME.match(alt)
        preds = _predicates(alt[m.end():]) if m else None
        if preds is None:
            return None  # a path of several steps, an attribute, a function...: any node can match
        if m.group(1):
            out.append((f"/{m.group(2)}", None))  # the document element, if it has this name
            continue
        reqs = [r for r in (requires(p) for p in preds) if r is not None]
        out.append((f"//{m.group(2)}", min(reqs, key=len) if reqs else None))
    return out


def select_for(matches: list[str]) -> str:
    """One node-set expression holding every node one of the patterns `matches` matches."""
    paths: dict[str, list[str] | None] = {}
    for match in matches:
        found = candidates(match)
        if found is None:
            return "/ | //node() | //@*"  # any node, as the recursive traversal visits them
        for path, reqs in found:
            if path in paths and (paths[path] is None or reqs is None):
                paths[path] = None
            elif path in paths:
                paths[path] += [r for r in reqs if r not in paths[path]]
            else:
                paths[path] = list(reqs) if reqs is not None else None
    parts = [f"{path}[{' or '.join(reqs)}]" if reqs else path for path, reqs in paths.items()]
    return " | ".join(parts) or "/.."


# ------------------------------------------------------------------ the batch stylesheet
def batch_stylesheet(compiled: Compiled) -> bytes | None:
    if compiled.version != "1.0":
        return None
    root = etree.fromstring(compiled.xslt)
    lets = compiled.lets
    modes = {f"p{p.index}" for p in compiled.patterns}
    main = None
    globals_ = []
    for child in root:
        if not isinstance(child.tag, str):
            continue
        if child.tag == _X + "template":
            if child.get("match") == "/" and not child.get("mode"):
                main = child
            elif child.get("mode") not in modes | {"editio-path"}:
                return None  # a template of the schema's own
        elif child.tag in (_X + "variable", _X + "param"):
            if child.get("name") == "editio-skip":
                continue
            if child.tag != _X + "variable" or child.get("name") not in lets:
                return None  # a variable of the schema's own
            globals_.append(child)
        elif child.tag not in (_X + "key", _X + "output"):
            return None
    if main is None:
        return None
    names = [v.get("name") for v in globals_]
    # the globals become the variables of each document's root template
    for v in globals_:
        root.remove(v)
    main.set("mode", "editio-doc")
    param = etree.Element(_X + "param", name="editio-skip")
    main.insert(0, param)
    for i, v in enumerate(globals_):
        main.insert(1 + i, v)
    for apply in main.iter(_X + "apply-templates"):
        mode = apply.get("mode")
        rules = [t for t in root.iterchildren(_X + "template") if t.get("mode") == mode
                 and t.get("priority") != "-1000"]
        apply.set("select", select_for([t.get("match") for t in rules]))
        for name in names:
            etree.SubElement(apply, _X + "with-param", name=name, select=f"${name}")
    for tpl in list(root.iterchildren(_X + "template")):
        mode = tpl.get("mode")
        if mode not in modes:
            continue
        if tpl.get("priority") == "-1000":
            root.remove(tpl)  # the nodes visited are the ones some rule matches: no default rules
            continue
        for var in tpl.iter(_X + "variable", _X + "param"):
            if var.get("name") in names:
                return None  # a rule's variable would shadow a parameter: an error in XSLT 1.0
        if any(_POSITIONAL.search(v) for el in tpl.iter() if isinstance(el.tag, str) for v in el.attrib.values()):
            return None  # position() would count in the batch's node-set, not among the node's
            # siblings; document('') would read the batch stylesheet
        for apply in list(tpl.iter(_X + "apply-templates")):
            if apply.get("mode") == mode:
                apply.getparent().remove(apply)  # the traversal: now the caller's node-set
        text = " ".join(v for el in tpl.iter() if isinstance(el.tag, str) for v in el.attrib.values())
        used = [n for n in names if re.search(r"\$" + re.escape(n) + r"(?![\w.\-])", text)]
        for i, name in enumerate(used):
            tpl.insert(i, etree.Element(_X + "param", name=name))
    # nodes that no rule of a mode matches cannot be in its node-set; match them with nothing anyway
    for mode in sorted(modes):
        etree.SubElement(root, _X + "template", match="/|node()|@*", mode=mode, priority="-1000")
    driver = etree.SubElement(root, _X + "template", match="/")
    batch = etree.SubElement(driver, _E + "batch")
    each = etree.SubElement(batch, _X + "for-each", select="/*/*")
    doc = etree.SubElement(each, _E + "doc")
    etree.SubElement(doc, _X + "apply-templates", select="document(@href)", mode="editio-doc").append(
        etree.Element(_X + "with-param", name="editio-skip", select="string(@skip)"))
    return etree.tostring(root, encoding="UTF-8", xml_declaration=True)


def manifest(paths: list[str], skips: list[str]) -> etree._ElementTree:
    import os
    from pathlib import Path
    root = etree.Element(_E + "batch")
    for path, skip in zip(paths, skips):
        # absolute, but not through symbolic links: relative document() URIs resolve beside the
        # name the file was given by, as when it runs alone
        etree.SubElement(root, _E + "doc", href=Path(os.path.abspath(path)).as_uri(), skip=skip)
    return root.getroottree()


def split_output(result) -> list:
    """The svrl:schematron-output element of each document, in manifest order."""
    out = []
    for doc in result.getroot():
        reports = [c for c in doc if isinstance(c.tag, str) and c.tag == f"{{{SVRL}}}schematron-output"]
        out.append(reports[0] if reports else None)
    return out
