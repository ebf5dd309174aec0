"""One diagnostic, and the hints that tell an editor how to fix each kind of problem."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

# libxml2 RelaxNG error types -> our rule ids (grouped by what the editor has to fix)
RNG_RULES = {
    "rng-element": ("ELEMWRONG", "ELEMEXTRANS", "ELEMNAME", "ELEMNONS", "ELEMWRONGNS", "EXTRACONTENT",
                    "NOTELEM", "INTERSEQ", "INTEREXTRA", "INTERNONE", "NOGRAMMAR", "ELEMNOTEMPTY"),
    "rng-attribute": ("ATTRVALID", "INVALIDATTR", "NOVALID"),
    "rng-value": ("DATATYPE", "VALUE", "LIST", "LISTEXTRA", "LISTEMPTY", "DATAELEM", "VALELEM",
                  "LISTELEM", "TEXTWRONG", "NODEFINE"),
    "rng-content": ("NOELEM", "CONTENTVALID"),
}
_RNG_BY_TYPE = {f"RELAXNG_ERR_{t}": rule for rule, types in RNG_RULES.items() for t in types}

HINTS = {
    "xinclude": "fix the include's href (a local file beside the document), or check the file with --no-xinclude",
    "xml-malformed": "fix the XML syntax at this position; the file cannot be checked until it parses",
    "io-unreadable": "check that the path exists and is readable",
    "rng-element": "this element is not allowed here by the schema; see schema/editio.odd for where it may occur",
    "rng-attribute": "an attribute is missing, not allowed, or has a value outside the schema's list",
    "rng-value": "the text or attribute value does not match the datatype or the closed list",
    "rng-content": "required content is missing; see the element's content model in schema/editio.odd",
    "rng-unknown-element": "the schema declares no element with this name (check spelling and namespace)",
    "rng-unknown-attribute": "the schema declares no attribute with this name (check spelling and namespace)",
    "rng": "the document does not match the schema",
    "id-unique-edition": "xml:ids must be unique across the edition; prefix them with the document's root id",
    "id-root-matches-file": "the root xml:id is 'd' followed by the file name without .xml",
    "ptr-register": "add the entity to tei/register/register.xml or correct the id after '#'",
    "ptr-file": "the target names a file that is not in the edition folder",
}


def rng_rule(type_name: str) -> str:
    return _RNG_BY_TYPE.get(type_name, "rng")


@dataclass
class Issue:
    file: str
    line: int
    column: int
    rule: str
    message: str
    hint: str = ""
    severity: str = "error"
    key: str = ""  # Schematron: the assert's id, else 'pattern|context' (what the reference toolchain counts)
    location: str = ""  # the node the finding is about: Schematron's path(), libxml2's node path for RELAX NG

    def text(self) -> str:
        out = f"{self.file}:{self.line}:{self.column}: {self.severity} [{self.rule}] {self.message}"
        return out + (f"\n    hint: {self.hint}" if self.hint else "")

    def as_dict(self) -> dict:
        out = asdict(self)
        if not self.key:
            out.pop("key")
            out.pop("location")
        return out


@dataclass
class FileResult:
    file: str
    issues: list[Issue] = field(default_factory=list)
    could_not_run: bool = False
    ids: list[tuple[str, int, str]] = field(default_factory=list)     # (xml:id, line, file declaring it)
    pointers: list[tuple[str, str, int]] = field(default_factory=list)  # (attr, target, line)
    root_id: str | None = None
    svrl: list[bytes] = field(default_factory=list)                   # --format svrl
    included: list = field(default_factory=list)                      # (element, file) put in by xi:include
    fixups: dict = field(default_factory=dict)                        # id(element) -> attributes XInclude added
    sources: list[str] = field(default_factory=list)                  # those files (for jing's messages about them)
    unfollowed: bool = False                                          # holds an xi:include not resolved

    @property
    def valid(self) -> bool:
        return not self.could_not_run and not any(i.severity == "error" for i in self.issues)


_TAG_CHARS = re.compile(r"[\w.\-:]+")


def start_tag_column(lines: list[bytes], line: int, name: str | None, nth: int = 0) -> int:
    """1-based column of the `<` that opens element `name` on `line` (1 when it cannot be found)."""
    if not (0 < line <= len(lines)):
        return 1
    text = lines[line - 1].decode("utf-8", "replace")
    if not name:
        pos = text.find("<")
        return pos + 1 if pos >= 0 else 1
    local = name.split("}")[-1].split(":")[-1]
    for m in re.finditer(r"<([\w.\-]+:)?" + re.escape(local) + r"(?=[\s/>])", text):
        if nth == 0:
            return m.start() + 1
        nth -= 1
    return 1
