"""The edition: loaded once (from edition.toml, or from defaults for a bare folder of TEI) and
handed to every stage.

An `Edition` knows where everything is: the TEI documents, the register file(s), the name data,
the front matter, the site and print settings, the output folder and the environment's cache.
Nothing else in editio reads edition.toml, and no stage looks for its data anywhere else: there is
no fallback to the current directory or to editio's own checkout.  What is missing is reported as
a warning (an error with --strict) by whoever needs it, never replaced by someone else's data.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError

CONFIG = "edition.toml"
DEFAULT_TITLE = "A digital edition"
DEFAULT_EDITORS = "The editors"


@dataclass
class DocumentEntry:
    """A source of the edition (`[[document]]`): what `editio convert` reads, under which id."""

    id: str
    source: Path
    settings: dict = field(default_factory=dict)


@dataclass
class SiteSettings:
    title: str = DEFAULT_TITLE
    editors: str = DEFAULT_EDITORS
    base_url: str = ""          # e.g. https://example.org/edition/ ; empty: URLs relative to the site
    licence: str = ""
    publisher: str = ""
    xslt: Path | None = None    # a user stylesheet that imports editio's (xslt = "…" under [web])


@dataclass
class PrintSettings:
    xslt: Path | None = None    # xslt = "…" under [print]


@dataclass
class Edition:
    root: Path                          # the edition's folder (where edition.toml is, or would be)
    config: Path | None                 # edition.toml, or None for a bare folder of TEI
    title: str
    editors: list[str]
    tei_dir: Path
    registers: list[Path]               # register files that exist
    names: Path | None                  # name data (titles, articles, stop-list)
    introduction: Path | None           # front matter (TEI with <front>)
    documents: list[DocumentEntry]      # sources for `editio convert`
    site: SiteSettings
    print: PrintSettings
    out_dir: Path                       # build/ (web/, print/, api/ go inside)
    settings: dict                      # the whole [edition] table, for stages with their own keys
    missing: list[tuple[str, str]] = field(default_factory=list)   # (what, why) for warnings
    data: dict = field(default_factory=dict)                       # the whole file, other tables included

    @property
    def base_dir(self) -> Path:
        return self.root

    @property
    def register(self) -> Path | None:
        """The first register (the one `convert` and `tag` point names into), or None."""
        return self.registers[0] if self.registers else None

    @property
    def cache_dir(self) -> Path:
        return self.out_dir / ".environment"

    def warnings(self):
        """The edition's own problems, as diagnostics (a missing register or name data file)."""
        from .diagnostics import Diagnostic
        where = str(self.config) if self.config else str(self.root)
        for what, why in self.missing:
            yield Diagnostic(where, 0, f"edition-{what}", why,
                             hint=f"add it, or set {what} under [edition] in {CONFIG}")


def _table(data: dict, name: str, path: Path) -> dict:
    value = data.get(name, {})
    if not isinstance(value, dict):
        raise InputError(f"[{name}] must be a table", path=str(path))
    return value


def _string(table: dict, key: str, path: Path, section: str) -> str | None:
    value = table.get(key)
    if value is None:
        return None
    if isinstance(value, list):
        value = ", ".join(map(str, value))
    if not isinstance(value, str):
        raise InputError(f"[{section}] {key} must be a string", path=str(path))
    return value.strip() or None


# What a [[document]] table holds, for the checks below: a type, [item] for a list, {key: spec} for a
# table ("*": any other key).  Keys not named here are left to the code that reads them.
_TEXT = str
DOCUMENT_SPEC = {
    "id": _TEXT, "source": _TEXT, "emendations": _TEXT, "docket_lines": [_TEXT], "related": [_TEXT],
    "header": {"classification_struck": bool, "participants": list, "*": _TEXT},
    "publication": {"notes": [{"type": _TEXT, "text": _TEXT}], "*": _TEXT},
    "witnesses": {"*": {"description": _TEXT, "label": _TEXT}},
    "apparatus": {"copy_text": _TEXT, "adopt": [{"witness": _TEXT, "readings": {"*": _TEXT}, "note": _TEXT}]},
    "dates": [{"text": _TEXT, "when": _TEXT, "notBefore": _TEXT, "notAfter": _TEXT, "cert": _TEXT, "note": _TEXT}],
    "notes": [{"about": _TEXT, "element": _TEXT, "note": _TEXT, "type": _TEXT}],
}
_KINDS = {str: "a string (in quotes)", bool: "true or false", list: "a list", dict: "a table"}
DOCUMENT_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
ISO_DATE = re.compile(r"-?\d{4}(-\d{2}(-\d{2})?)?")


def _check_document(entry: dict, number: int, where: Path) -> None:
    """One error naming the table and key for a value of the wrong type: the readers and transforms
    that use these settings would stop on it with a TypeError far from edition.toml."""
    name = f"[[document]] #{number}" + (f" ({entry['id']})" if isinstance(entry.get("id"), str) else "")

    def check(value, spec, key: str) -> None:
        if isinstance(spec, list):
            if not isinstance(value, list):
                raise InputError(f"{name}: {key} must be a list", path=str(where))
            for k, item in enumerate(value, start=1):
                check(item, spec[0], f"{key} #{k}")
        elif isinstance(spec, dict):
            if not isinstance(value, dict):
                raise InputError(f"{name}: {key} must be a table", path=str(where))
            for k, item in value.items():
                sub = spec.get(k, spec.get("*"))
                if sub is not None:
                    check(item, sub, f"{key}.{k}")
        elif not isinstance(value, spec) or (spec is not bool and isinstance(value, bool)):
            hint = None
            if hasattr(value, "isoformat") and spec is str:
                hint = f"write the date in quotes: \"{value.isoformat()}\""
            raise InputError(f"{name}: {key} must be {_KINDS.get(spec, spec.__name__)}, not {value!r}",
                             path=str(where), hint=hint)

    for key, spec in DOCUMENT_SPEC.items():
        if key in entry:
            check(entry[key], spec, key)
    if not DOCUMENT_ID.fullmatch(entry["id"]):
        raise InputError(f"{name}: id must be a file name (letters, digits, '-', '_', '.'), not {entry['id']!r}",
                         path=str(where), hint="the id names the TEI file, tei/ID.xml, and its pages")
    for k, date in enumerate(entry.get("dates", []), start=1):
        for attr in ("when", "notBefore", "notAfter"):
            value = date.get(attr)
            if value is not None and not _iso_date(value):
                raise InputError(f"{name}: dates #{k}.{attr} {value!r} is not an ISO date (YYYY, YYYY-MM or "
                                 "YYYY-MM-DD)", path=str(where))


def _iso_date(value: str) -> bool:
    if not ISO_DATE.fullmatch(value):
        return False
    import datetime
    parts = [int(p) for p in value.lstrip("-").split("-")] + [1, 1]
    try:
        datetime.date(max(parts[0], 1), parts[1], parts[2])
    except ValueError:
        return False
    return True


def _paths(value, base: Path, key: str, path: Path) -> list[Path]:
    if value is None:
        return []
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(v, str) and v.strip() for v in items):
        raise InputError(f"[edition] {key} must be a path or a list of paths", path=str(path))
    return [base / v.strip() for v in items]


def _read_config(config: Path) -> dict:
    try:
        return tomllib.loads(config.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"edition file is not valid TOML: {exc}", path=str(config)) from None
    except OSError as exc:
        raise InputError(f"cannot read edition file: {exc.strerror}", path=str(config)) from None


# [validate]: what `editio validate` checks against when its options do not say (key -> type)
VALIDATE_KEYS = {"schema": str, "schematron": str, "embedded_schematron": bool, "phase": str}
BUILTIN_SCHEMAS = ("editio", "tei_all", "none")


def validate_settings(path: Path | None = None) -> tuple[dict, Path | None]:
    """The [validate] table of an edition.toml (`path`, or the one in folder `path`; by default in
    the current folder), with schema and Schematron paths made relative to that file's folder, and
    the file; ({}, None) where the current folder has none.  Read on its own: `editio validate`
    loads nothing else of the edition."""
    if path is None:
        config = Path.cwd() / CONFIG
        if not config.is_file():
            return {}, None
    else:
        config = Path(path) / CONFIG if Path(path).is_dir() else Path(path)
        if not config.is_file():
            raise InputError("edition file not found", path=str(config))
    table = _table(_read_config(config), "validate", config)
    out = {}
    for key, value in table.items():
        if key not in VALIDATE_KEYS:
            raise InputError(f"[validate] has no key {key!r}; the keys are {', '.join(VALIDATE_KEYS)}",
                             path=str(config))
        kind = VALIDATE_KEYS[key]
        if not isinstance(value, kind):
            raise InputError(f"[validate] {key} must be {_KINDS[kind]}", path=str(config))
        if key in ("schema", "schematron") and value not in BUILTIN_SCHEMAS:
            value = str(config.parent / value)
        out[key] = value
    return out, config


def load_edition(path: str | Path | None = None, *, tei_dir: Path | None = None,
                 out_dir: Path | None = None) -> Edition:
    """The edition at `path`: an edition.toml, or a folder (with or without edition.toml).

    `tei_dir` and `out_dir` override the file's settings (command-line options).  A folder without
    edition.toml is a bare edition: its TEI is `tei/` when that exists, else the folder itself.
    """
    path = Path(path) if path is not None else Path.cwd()
    if path.is_dir():
        config = path / CONFIG if (path / CONFIG).is_file() else None
        root = path
    elif path.suffix == ".toml" or path.name == CONFIG:
        config, root = path, path.parent
        if not path.is_file():
            raise InputError("edition file not found", path=str(path))
    else:
        raise InputError("not an edition: expected edition.toml or a folder", path=str(path))
    data = _read_config(config) if config is not None else {}
    where = config or root
    meta = _table(data, "edition", where)
    web = _table(data, "web", where)
    printing = _table(data, "print", where)

    if tei_dir is None:
        tei = _string(meta, "tei", where, "edition")
        tei_dir = root / tei if tei else (root / "tei" if (root / "tei").is_dir() or config else root)
    tei_dir = Path(tei_dir)
    missing: list[tuple[str, str]] = []

    if "register" in meta:
        registers = _paths(meta["register"], root, "register", where)
        for reg in registers:
            if not reg.is_file():
                missing.append(("register", f"the register named in {CONFIG} is missing: {reg}"))
        registers = [r for r in registers if r.is_file()]
    else:
        found = sorted((tei_dir / "register").glob("*.xml")) if (tei_dir / "register").is_dir() else []
        registers = found
        if not found:
            missing.append(("register", f"no register file (no [edition] register, no {tei_dir / 'register'}/*.xml): "
                                        "names are tagged and linked only to entries the documents list themselves"))

    names_value = _string(meta, "names", where, "edition")
    names = root / names_value if names_value else root / "editorial" / "names.toml"
    if not names.is_file():
        if names_value:
            missing.append(("names", f"the name data named in {CONFIG} is missing: {names}"))
        names = None

    intro_value = _string(meta, "introduction", where, "edition")
    introduction = root / intro_value if intro_value else root / "editorial" / "introduction.xml"
    if not introduction.is_file():
        if intro_value:
            raise InputError(f"[edition] introduction names a missing file: {intro_value}", path=str(where))
        introduction = None

    documents = []
    for number, entry in enumerate(data.get("document", []), start=1):
        if not isinstance(entry, dict) or "id" not in entry or "source" not in entry:
            raise InputError(f"[[document]] #{number} needs both 'id' and 'source'", path=str(where))
        _check_document(entry, number, where)
        documents.append(DocumentEntry(id=entry["id"], source=root / entry["source"], settings=entry))

    editors_value = meta.get("editors", web.get("editors"))
    if isinstance(editors_value, str):
        editors = [editors_value.strip()] if editors_value.strip() else []
    elif isinstance(editors_value, list) and all(isinstance(e, str) for e in editors_value):
        editors = [e.strip() for e in editors_value if e.strip()]
    elif editors_value is None:
        editors = []
    else:
        raise InputError("[edition] editors must be a name or a list of names", path=str(where))
    for doc in documents:
        # what the converter writes into every document's header: the editors' names (respStmt)
        doc.settings = {**doc.settings, "edition": {**meta, "editors": editors}}

    site = SiteSettings()
    merged = {**meta, **web}
    for key in ("title", "base_url", "licence", "publisher"):
        value = _string(merged, key, where, "web" if key in web else "edition")   # name the table it is in
        if value:
            setattr(site, key, value)
    if editors:
        site.editors = ", ".join(editors)
    if site.base_url and not site.base_url.startswith(("https://", "http://")):
        raise InputError("web base_url must be an http(s) URL", path=str(where))
    if site.base_url and not site.base_url.endswith("/"):
        site.base_url += "/"
    printing_settings = PrintSettings()
    for section, settings, table in (("web", site, web), ("print", printing_settings, printing)):
        value = _string(table, "xslt", where, section)
        if value:
            settings.xslt = root / value
            if not settings.xslt.is_file():
                raise InputError(f"[{section}] xslt: stylesheet not found: {value}", path=str(where))

    out = out_dir if out_dir is not None else root / (_string(meta, "build", where, "edition") or "build")
    return Edition(root=root, config=config, title=site.title,
                   editors=editors, tei_dir=tei_dir, registers=registers, names=names,
                   introduction=introduction, documents=documents, site=site, print=printing_settings,
                   out_dir=Path(out), settings=meta, missing=missing, data=data)


def edition_for(tei_dir: Path, out_dir: Path | None = None) -> Edition:
    """The edition whose documents are in `tei_dir`: its folder's edition.toml when there is one
    (tei_dir is then taken as given), else a bare edition of that folder."""
    tei_dir = Path(tei_dir)
    parent = tei_dir.resolve().parent
    if (parent / CONFIG).is_file():
        return load_edition(parent / CONFIG, tei_dir=tei_dir, out_dir=out_dir)
    return load_edition(tei_dir, tei_dir=tei_dir, out_dir=out_dir)
