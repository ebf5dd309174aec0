"""A fast path for RELAX NG grammars with long XSD `pattern` facets on attributes, exact by construction.

libxml2 compiles a `<param name="pattern">` regular expression again for every value it checks, at
a cost that grows with the pattern.  On editio.rng the 44-character register pointer pattern of `@ref`
(`register/register\\.xml#[a-z0-9][a-z0-9\\-]*`, a hundred values a document) is half the validation
time.  So each document is first validated against a copy of the grammar without such facets, and the
removed patterns are checked here on the attribute values, one XPath per attribute name.  Only when
both pass is the document valid; in every other case it is validated against the original grammar,
whose verdict and messages are the ones reported.

Why that is exact: removing a facet from a `data` pattern only adds values it accepts, and RELAX NG
patterns are monotone in their parts except under `except` (facets there are never removed).  So the
stripped grammar accepts every document the original accepts, and a document it accepts is accepted
by the original through the same derivation as long as every attribute matched by a stripped `data`
satisfies that data's patterns.  A facet is removed only for an attribute name whose definitions all
carry the same patterns (so the element does not matter), and every value of that attribute, on any
element, is checked against all of them.  A pattern whose XSD regex cannot be translated to Python's
`re` with the same meaning keeps its facet (libxml2 checks it); so does a short one, which libxml2
compiles faster than the XPath that would find its values; a value with white space libxml2 might
normalise is never decided here.
"""

from __future__ import annotations

import copy
import re

from lxml import etree

from .prune import RNG_NS, _qualify

_R = "{%s}" % RNG_NS
MIN_PATTERN = 16  # characters: shorter patterns are cheaper for libxml2 to compile than to check here
_BAD_WS = re.compile("  |^ | $|[\t\n\r]")


# ------------------------------------------------------------------ XSD regex -> Python re
_CLASS_ESC = {"s": " \\t\\n\\r", "d": "\\d", "n": "\\n", "r": "\\r", "t": "\\t"}
_ATOM_ESC = {"s": "[ \\t\\n\\r]", "S": "[^ \\t\\n\\r]", "d": "\\d", "D": "\\D", "n": "\\n", "r": "\\r", "t": "\\t"}
_LITERAL_ESC = set("\\|.-^?*+{}()[]$")


def xsd_to_python(pattern: str) -> re.Pattern | None:
    """A Python regex that, with fullmatch, matches exactly the strings the XSD regex matches; None
    for anything outside a small safe subset (\\w, \\i, \\c, \\p{..}, class subtraction, ...)."""
    out, i, n = [], 0, len(pattern)
    while i < n:
        ch = pattern[i]
        if ch == "\\":
            e = pattern[i + 1] if i + 1 < n else ""
            if e in _ATOM_ESC:
                out.append(_ATOM_ESC[e])
            elif e and e in _LITERAL_ESC:
                out.append(re.escape(e))
            else:
                return None
            i += 2
        elif ch == "[":
            j, body = i + 1, []
            if j < n and pattern[j] == "^":
                body.append("^")
                j += 1
            while j < n and pattern[j] != "]":
                c = pattern[j]
                if c == "[":
                    return None  # a nested class or a subtraction
                if c == "\\":
                    e = pattern[j + 1] if j + 1 < n else ""
                    if e in _CLASS_ESC:
                        body.append(_CLASS_ESC[e])
                    elif e and e in _LITERAL_ESC:
                        body.append("\\" + e)
                    else:
                        return None
                    j += 2
                elif c == "-":
                    prev, nxt = (body[-1] if body else ""), (pattern[j + 1] if j + 1 < n else "]")
                    if nxt == "]":
                        body.append("\\-")  # a literal '-' last
                    elif len(prev) == 1 and prev.isascii() and prev.isalnum() and nxt.isascii() and nxt.isalnum():
                        body.append("-" + nxt)  # a range between two ASCII letters or digits
                        j += 1
                    else:
                        return None
                    j += 1
                elif c in "^&~|":
                    body.append("\\" + c)
                    j += 1
                else:
                    body.append(c)
                    j += 1
            if j >= n or not body or body == ["^"]:
                return None
            out.append("[" + "".join(body) + "]")
            i = j + 1
        elif ch == ".":
            out.append("[^\\n\\r]")
            i += 1
        elif ch in "^$":
            out.append("\\" + ch)  # not anchors in XSD: literal characters
            i += 1
        elif ch == "(":
            out.append("(?:")
            i += 1
        elif ch in ")|*+?":
            out.append(ch)
            i += 1
        elif ch == "{":
            m = re.match(r"\{(\d+)(,(\d*))?\}", pattern[i:])
            if not m:
                return None
            out.append(m.group(0))
            i += len(m.group(0))
        elif ch in "}]":
            return None
        else:
            out.append(re.escape(ch))
            i += 1
    try:
        return re.compile("".join(out))
    except re.error:
        return None


# ------------------------------------------------------------------ the grammar split
class FacetChecks:
    """The patterns removed from the grammar, by attribute name, and the check of a parsed document."""

    def __init__(self, checks: dict[str, list[tuple[re.Pattern, bool]]]):
        self.checks = checks
        self._find = [(etree.XPath(f"//*/@{name}", smart_strings=False), regexes, set())
                      for name, regexes in sorted(checks.items())]

    def passes(self, tree) -> bool:
        """True when every value of a checked attribute satisfies all its removed patterns.  The
        values already seen to satisfy them are remembered (a document repeats its pointers, and
        an edition its documents' ones): only new values are matched."""
        for find, regexes, good in self._find:
            values = find(tree)
            if not values:
                continue
            for value in set(values).difference(good):
                if _BAD_WS.search(value):
                    return False  # white space the datatype may normalise: the original grammar decides
                for regex, in_list in regexes:
                    if in_list:
                        if not all(map(regex.fullmatch, value.split(" "))):
                            return False
                    elif regex.fullmatch(value) is None:
                        return False
                if len(good) < 200_000:
                    good.add(value)
        return True


def split(grammar: etree._ElementTree, min_pattern: int = MIN_PATTERN) -> tuple[etree._ElementTree, FacetChecks] | None:
    """(a copy of the grammar without the attribute pattern facets that are checked here, the
    checks), or None when there is none to remove.  For a grammar of one file (no include)."""
    root = copy.deepcopy(grammar.getroot())
    by_name: dict[str, list[list]] = {}
    for attr in root.iter(_R + "attribute"):
        if attr.get("name") is None:
            continue  # a name class: it may match any attribute, its facets stay with libxml2
        uri, name = _qualify(attr, attr.get("name"), True)
        facets = []
        for param in attr.iter(_R + "param"):
            data = param.getparent()
            if param.get("name") != "pattern" or data.tag != _R + "data":
                continue
            fixed = any(a.tag == _R + "except" for a in data.iterancestors())
            in_list = any(a.tag == _R + "list" for a in _ancestors_until(data, attr))
            facets.append((param, param.text or "", in_list, fixed))
        by_name.setdefault(f"{{{uri}}}{name}" if uri else name, []).append(facets)
    checks: dict[str, list] = {}
    for name, definitions in by_name.items():
        signatures = {tuple(sorted((text, in_list, fixed) for _, text, in_list, fixed in facets))
                      for facets in definitions}
        if name.startswith("{") or len(signatures) != 1:
            continue  # namespaced, or its patterns depend on the element: libxml2 checks them
        signature = next(iter(signatures))
        if not signature or any(fixed for _, _, fixed in signature) \
                or not any(len(text) >= min_pattern for text, _, _ in signature):
            continue
        regexes = [(xsd_to_python(text), in_list) for text, in_list, _ in signature]
        if any(regex is None for regex, _ in regexes):
            continue
        for facets in definitions:
            for param, _, _, _ in facets:
                param.getparent().remove(param)
        checks[name] = list(dict.fromkeys(regexes))
    if not checks:
        return None
    return etree.ElementTree(root), FacetChecks(checks)


def _ancestors_until(node, stop):
    for anc in node.iterancestors():
        if anc is stop:
            return
        yield anc
