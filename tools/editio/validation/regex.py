"""XPath regular expressions rewritten for Saxon's Java regex engine (flag ';j'), exactly.

Saxon-HE's own XPath regex engine backtracks through every position of a string: on the FRUS
character checks (seven `matches()` per text node) it is 50-100x slower than java.util.regex.
Saxon runs a regex with java.util.regex when its flags end in ';j', but then with Java's syntax
and meanings, which differ from XPath's (XSD 1.0 + XPath 3.1 extensions) in places.  This module
rewrites a literal XPath regex into a Java regex that matches the same strings, and gives up
(returns None: the call is left as it was) on anything it cannot translate exactly:

  XPath                    Java
  \\d  \\D                   \\p{Nd}  \\P{Nd}              (Java's \\d is ASCII only)
  \\w  \\W                   [^\\p{P}\\p{Z}\\p{C}] / [\\p{P}\\p{Z}\\p{C}]
  \\s  \\S                   [ \\t\\n\\r] / [^ \\t\\n\\r]      (Java's \\s also has \\x0B and \\f)
  .                        [^\\n\\r]                     (Java's . also excludes \\u0085, \\u2028, \\u2029)
  $                        \\z                           (Java's $ also matches before a final newline)
  & inside [...]           \\&                           (Java's && is class intersection)
  flags, \\p{Is...}, \\i \\c, class subtraction [a-[b]], [ inside a class: not translated.
"""

from __future__ import annotations

import re

_SIMPLE_ESC = set("nrt\\|.-^?*+{}()[]$")
_OUT = {"d": r"\p{Nd}", "D": r"\P{Nd}", "w": r"[^\p{P}\p{Z}\p{C}]", "W": r"[\p{P}\p{Z}\p{C}]",
        "s": r"[ \t\n\r]", "S": r"[^ \t\n\r]"}
_IN = {"d": r"\p{Nd}", "D": r"\P{Nd}", "w": r"[^\p{P}\p{Z}\p{C}]", "W": r"\p{P}\p{Z}\p{C}",
       "s": r" \t\n\r", "S": r"[^ \t\n\r]"}


def to_java(rx: str) -> str | None:
    out: list[str] = []
    i, n, in_class, negated = 0, len(rx), False, False
    while i < n:
        ch = rx[i]
        if ch == "\\":
            if i + 1 >= n:
                return None
            nxt = rx[i + 1]
            if nxt in _OUT:
                if in_class and negated and nxt in "wS":
                    return None  # a nested class inside a negated one: Java's precedence differs
                out.append((_IN if in_class else _OUT)[nxt])
                i += 2
                continue
            if nxt in "pP":
                m = re.match(r"\{([A-Za-z]{1,2})\}", rx[i + 2:])
                if not m:
                    return None  # \p{IsBlock} and the like: Java spells blocks differently
                out.append(rx[i:i + 2 + m.end()])
                i += 2 + m.end()
                continue
            if nxt in _SIMPLE_ESC or (nxt.isdigit() and not in_class and nxt != "0"):
                out.append(rx[i:i + 2])
                i += 2
                continue
            return None  # \i \c \I \C and anything unknown
        if in_class:
            if ch == "]":
                in_class = False
                out.append(ch)
            elif ch == "[":
                return None  # subtraction or a literal [ : not the same in Java
            elif ch == "&":
                out.append(r"\&")
            elif ch == "-" and i + 1 < n and rx[i + 1] == "[":
                return None
            else:
                out.append(ch)
            i += 1
            continue
        if ch == "[":
            in_class = True
            out.append(ch)
            negated = i + 1 < n and rx[i + 1] == "^"
            if negated:
                out.append("^")
                i += 1
            if i + 1 < n and rx[i + 1] == "]":
                return None  # XSD has no empty class and a literal ] first is not XPath syntax
            i += 1
            continue
        if ch == ".":
            out.append(r"[^\n\r]")
        elif ch == "$":
            out.append(r"\z")
        elif ch == "(" and rx.startswith("(?", i) and not rx.startswith("(?:", i):
            return None  # only (?: ... ) is XPath
        else:
            out.append(ch)
        i += 1
    if in_class:
        return None
    return "".join(out)


# ------------------------------------------------------------------ rewriting XPath expressions
_FUNCS = {"matches": 1, "replace": 1, "tokenize": 1, "analyze-string": 1}


def _string_end(expr: str, i: int) -> int:
    q = expr[i]
    j = i + 1
    while j < len(expr):
        if expr[j] == q:
            if j + 1 < len(expr) and expr[j + 1] == q:
                j += 2
                continue
            return j
        j += 1
    return -1


def _args(expr: str, start: int) -> tuple[list[tuple[int, int]], int] | None:
    """Spans of the top-level arguments of the call whose '(' is at `start`, and the ')' index."""
    depth, i, spans, arg_start = 0, start + 1, [], start + 1
    while i < len(expr):
        ch = expr[i]
        if ch in "'\"":
            j = _string_end(expr, i)
            if j < 0:
                return None
            i = j + 1
            continue
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            if depth == 0:
                spans.append((arg_start, i))
                return spans, i
            depth -= 1
        elif ch == "," and depth == 0:
            spans.append((arg_start, i))
            arg_start = i + 1
        i += 1
    return None


def _literal(text: str) -> str | None:
    t = text.strip()
    if len(t) >= 2 and t[0] in "'\"" and t[-1] == t[0] and _string_end(t, 0) == len(t) - 1:
        return t[1:-1].replace(t[0] * 2, t[0])
    return None


def _groups(rx: str) -> int:
    n, i, in_class = 0, 0, False
    while i < len(rx):
        ch = rx[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(" and not rx.startswith("(?", i):
            n += 1
        i += 1
    return n


def _replacement_ok(repl: str | None, rx: str) -> bool:
    """A replacement string that means the same to java.util.regex: no backslash or brace, and every
    $N a single digit naming a group that exists (XPath makes a missing group empty; Java throws)."""
    if repl is None or re.search(r"[\\{]", repl):
        return False
    refs = re.findall(r"\$(\d+)", repl)
    if len(refs) != repl.count("$"):
        return False
    return all(len(r) == 1 and 0 <= int(r) <= _groups(rx) for r in refs)


def _quote(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


_CALL = re.compile(r"(?<![\w.\-:$])(?:fn:)?(matches|replace|tokenize|analyze-string)\s*\(")


def rewrite(expr: str) -> str:
    """`expr` with every literal-regex call that can run on java.util.regex flagged ';j'."""
    if not expr or not _CALL.search(expr):
        return expr
    out, pos = [], 0
    i = 0
    while i < len(expr):
        ch = expr[i]
        if ch in "'\"":
            j = _string_end(expr, i)
            if j < 0:
                break
            i = j + 1
            continue
        m = _CALL.match(expr, i) if (i == 0 or not (expr[i - 1].isalnum() or expr[i - 1] in "_.-:$")) else None
        if not m:
            i += 1
            continue
        name = m.group(1)
        paren = m.end() - 1
        parsed = _args(expr, paren)
        if parsed is None:
            break
        spans, close = parsed
        want = 3 if name == "replace" else 2
        new_call = None
        if len(spans) == want:
            rx = _literal(expr[spans[1][0]:spans[1][1]])
            repl_ok = name != "replace" or (rx is not None
                                            and _replacement_ok(_literal(expr[spans[2][0]:spans[2][1]]), rx))
            java = to_java(rx) if rx is not None and repl_ok else None
            if java is not None:
                first = rewrite(expr[spans[0][0]:spans[0][1]])
                rest = [expr[a:b] for a, b in spans[2:]]
                new_call = (f"{expr[i:m.end()]}{first},{_quote(java)}"
                            + "".join("," + r for r in rest) + ",';j')")
        if new_call is None:
            i = m.end()
            continue
        out.append(expr[pos:i])
        out.append(new_call)
        pos = i = close + 1
    out.append(expr[pos:])
    return "".join(out)
