"""RELAX NG compact syntax (.rnc) -> XML syntax, converted in Python (rnc2rng) and cached by hash.

rnc2rng does not read follow annotations (`pattern >> sch:pattern [ ... ]`, which TEI's ODD
processor writes for every embedded Schematron rule); they are annotations, with no effect on
validation, so they are cut out before parsing (string literals and comments are respected).
`include "x.rnc"` / `external "x.rnc"` are converted too, beside the cached file.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from ..errors import InputError


def _literal_end(src: str, i: int) -> int:
    q = src[i:i + 3] if src[i:i + 3] in ('"""', "'''") else src[i]
    j = src.find(q, i + len(q))
    return len(src) if j < 0 else j + len(q)


def strip_follow_annotations(src: str, moved: list | None = None) -> str:
    """`src` without its follow annotations (`>> x:y [ ... ]`); their text is appended to `moved`."""
    out, i, n = [], 0, len(src)
    while i < n:
        c = src[i]
        if c in "\"'":
            j = _literal_end(src, i)
            out.append(src[i:j])
            i = j
            continue
        if c == "#":
            j = src.find("\n", i)
            j = n if j < 0 else j
            out.append(src[i:j])
            i = j
            continue
        if src.startswith(">>", i):
            j = src.find("[", i)
            if j < 0:
                break
            depth, k = 0, j
            while k < n:
                ch = src[k]
                if ch in "\"'":
                    k = _literal_end(src, k)
                    continue
                if ch == "[":
                    depth += 1
                elif ch == "]":
                    depth -= 1
                    if depth == 0:
                        break
                k += 1
            out.append("\n" * src.count("\n", i, k + 1))  # keep line numbers
            if moved is not None:
                moved.append(src[i + 2:k + 1].strip())
            i = k + 1
            continue
        out.append(c)
        i += 1
    return "".join(out)


# rnc2rng reads only "..." literals without newlines and leaves \x{..} escapes as they are; RELAX NG
# compact syntax replaces escapes everywhere and has '...', '''...''' and """...""" literals too.
# Every literal is rewritten as "..." with the three characters it cannot hold as private-use
# placeholders, which the converted grammar gets back (_restore).
_HOLD = {'"': "\ue000", "\n": "\ue001", "\r": "\ue002"}
_BACK = {v: k for k, v in _HOLD.items()}
_ESCAPE = re.compile(r"\\x+\{([0-9A-Fa-f]+)\}")


def normalize_literals(src: str) -> str:
    out, i, n = [], 0, len(src)
    while i < n:
        c = src[i]
        if c == "#":
            j = src.find("\n", i)
            j = n if j < 0 else j
            out.append(src[i:j])
            i = j
            continue
        if c in "\"'":
            q = src[i:i + 3] if src[i:i + 3] in ('"""', "'''") else c
            j = src.find(q, i + len(q))
            j = n if j < 0 else j
            body = _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), src[i + len(q):j])
            out.append('"' + "".join(_HOLD.get(ch, ch) for ch in body) + '"')
            out.append("\n" * src.count("\n", i, j))  # keep line numbers
            i = j + len(q)
            continue
        if src.startswith("\\x{", i):
            m = _ESCAPE.match(src, i)
            if m:
                ch = chr(int(m.group(1), 16))
                out.append(ch)
                i = m.end()
                continue
        out.append(c)
        i += 1
    return "".join(out)


def _restore(text: str | None) -> str | None:
    if text is None or not any(ch in text for ch in _BACK):
        return text
    return "".join(_BACK.get(ch, ch) for ch in text)


_INCLUDE = re.compile(r'\binclude\s+"([^"]*)"(?:\s+inherit\s*=\s*[\w.\-]+)?(\s*\{)?')
_EXTERNAL = re.compile(r'\bexternal\s+"([^"]*)"(?:\s+inherit\s*=\s*[\w.\-]+)?')
_MARK = "editio-include-"


def to_rng(path: Path, cache: Path | None) -> Path:
    """The .rng for compact-syntax `path` (converted once; later runs read the cached file)."""
    try:
        src = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read RELAX NG compact schema: {exc}", path=str(path)) from None
    digest = hashlib.sha256(src.encode("utf-8")).hexdigest()[:20]
    import tempfile
    folder = (cache / "rnc") if cache else Path(tempfile.gettempdir()) / "editio-rnc"
    target = folder / f"{path.stem}-{digest}.rng"
    if target.is_file():
        return target
    try:
        import rnc2rng
    except ImportError:
        raise InputError("a .rnc schema needs rnc2rng: pip install rnc2rng (or 'editio[schematron]')",
                         path=str(path)) from None
    # rnc2rng would read included files itself (from a URL too) and drop an include's overrides:
    # each include becomes a marked div here, converted on its own, and an <include href> afterwards
    hrefs: list[str] = []

    def target_of(href: str) -> str:
        if "://" in href and not href.startswith("file://"):
            raise InputError(f"include of a remote schema ({href}) is not fetched: put it beside the schema",
                             path=str(path))
        inc = (path.parent / href.removeprefix("file://")).resolve()
        if not inc.is_file():
            raise InputError(f"included schema not found: {inc}", path=str(path))
        hrefs.append(to_rng(inc, cache).as_uri() if inc.suffix == ".rnc" else inc.as_uri())
        return f"{_MARK}{len(hrefs) - 1}"

    def include(m):
        mark = target_of(m.group(1))
        return f"div {{ {mark} = notAllowed " + ("" if m.group(2) else "}")

    def external(m):
        return f"{target_of(m.group(1)).replace('include', 'external')}"

    # follow annotations (TEI's embedded Schematron, `element p { ... } >> sch:pattern [...]`) move to the
    # grammar's top level, where rnc2rng keeps annotation elements: --embedded-schematron finds them there
    moved: list[str] = []
    text = _EXTERNAL.sub(external, _INCLUDE.sub(include, strip_follow_annotations(normalize_literals(src), moved)))
    if moved and re.search(r"^\s*start\s*[|&]?=", text, re.M):
        text += "\n" + "\n".join(moved) + "\n"
    try:
        xml = rnc2rng.dumps(rnc2rng.loads(text))
    except Exception as exc:  # rply's LexingError/ParsingError carry a source position
        pos = getattr(exc, "source_pos", None) or (exc.args[1] if len(getattr(exc, "args", ())) > 1 else None)
        line, col = getattr(pos, "lineno", None), getattr(pos, "colno", None)
        m = re.search(r"\[(\d+):(\d+)\]", str(exc))
        if m:
            line, col = int(m.group(1)), int(m.group(2))
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else exc.__class__.__name__
        first = re.sub(r" in [(]unknown[)] \[[0-9:]+\]", "", first)
        raise InputError(f"RELAX NG compact syntax error: {first}",
                         path=str(path), line=line, column=col) from None
    from ..xmlio import atomic_write
    folder.mkdir(parents=True, exist_ok=True)
    atomic_write(target, _name_attributes(xml.encode("utf-8"), hrefs))
    return target


_R = "{http://relaxng.org/ns/structure/1.0}"


def _inherited_ns(node) -> str:
    for el in [node, *node.iterancestors()]:
        if el.get("ns") is not None:
            return el.get("ns")
    return ""


def _name_attributes(data: bytes, hrefs: list[str]) -> bytes:
    """rnc2rng writes `<element><name ns="...">p</name>`; the rest of editio (pruning, precise messages for
    undeclared names) reads `<element name="p" ns="...">`, which means the same."""
    from lxml import etree
    root = etree.fromstring(data, etree.XMLParser(no_network=True, resolve_entities=False, huge_tree=True))
    for el in root.iter():
        if isinstance(el.tag, str):
            el.text, el.tail = _restore(el.text), _restore(el.tail)
            for key, value in el.attrib.items():
                if any(ch in value for ch in _BACK):
                    el.set(key, _restore(value))
    for define in list(root.iter(_R + "define")):
        name = define.get("name", "")
        if name.startswith(_MARK):
            div = define.getparent()
            div.remove(define)
            div.tag = _R + "include"
            div.set("href", hrefs[int(name[len(_MARK):])])
    for ref in root.iter(_R + "ref"):
        if ref.get("name", "").startswith("editio-external-"):
            ref.tag = _R + "externalRef"
            ref.set("href", hrefs[int(ref.attrib.pop("name")[len("editio-external-"):])])
    for el in root.iter(_R + "element", _R + "attribute"):
        kids = [c for c in el if isinstance(c.tag, str) and c.tag.startswith(_R)]
        if el.get("name") is None and kids and kids[0].tag == _R + "name":
            name = kids[0]
            el.set("name", (name.text or "").strip())
            el.set("ns", _inherited_ns(name))
            el.remove(name)
    return etree.tostring(root, encoding="UTF-8", xml_declaration=True)
