"""`editio export`: a volume back from its outline and its imported documents.

Every `<divGen type="editio:unit" corresp="../FILE"/>` of outline/{volume}.xml is replaced by the
unit in FILE with the import's rewrites undone (split.py): register pointers back to the archive's
attribute and id, `{file}#id` back to `#id`, renamed elements back to their own name, the unit's
non-TEI attributes back from xenoData, the text wrapper unwrapped.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from .. import TEI_NS, XML_NS
from ..errors import InputError
from ..convert import FINGERPRINT
from ..xmlio import parse, parse_bytes
from .header import ARCHIVE_NS
from .profile import Profile, load_profile
from .split import POINTING, UNIT_MARK, unwrap_text

XML_ID = f"{{{XML_NS}}}id"


@dataclass
class Export:
    volume: str
    data: bytes
    documents: int
    warnings: list[str] = field(default_factory=list)


def outlines(tei_dir: Path) -> list[Path]:
    found = sorted((tei_dir / "outline").glob("*.xml"))
    if not found:
        raise InputError("no outline/*.xml here: is this a folder `editio import` wrote?", path=str(tei_dir))
    return found


def export_volume(outline_path: Path, profile: Profile | str = "frus") -> Export:
    if not isinstance(profile, Profile):
        profile = load_profile(profile)
    try:
        data = outline_path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror}", path=str(outline_path)) from None
    declaration, _, rest = data.partition(b"\n")
    tree = parse_bytes(declaration + b"\n" + FINGERPRINT.sub(b"", rest, count=1), str(outline_path))
    volume_id = outline_path.stem
    warnings: list[str] = []
    register_prefix = f"register/{volume_id}.xml#{volume_id}-"
    marks = [m for m in tree.getroot().iter(f"{{{TEI_NS}}}divGen") if m.get("type") == UNIT_MARK]
    files = {Path(m.get("corresp", "")).name for m in marks}
    files.add(f"outline/{volume_id}.xml")
    roots = {Path(m.get("corresp", "")).name: m.get("n") for m in marks if m.get("n")}
    reverse = {}
    for reg in profile.registers:
        for ptr in reg.pointers:
            reverse[(f"{{{TEI_NS}}}{ptr.element}", ptr.as_)] = ptr
    renamed = {f"{next(p for p, uri in profile.namespaces.items() if clark[1:].startswith(uri + '}'))}:"
               f"{clark.split('}')[1]}" for clark in profile.renames}
    for mark in marks:
        target = (outline_path.parent / mark.get("corresp", "")).resolve()
        if not target.is_file():
            raise InputError(f"the outline names {mark.get('corresp')}, which is missing", path=str(outline_path),
                             line=mark.sourceline)
        doc = parse(target).getroot()
        unit = doc if mark.get("subtype") == "whole" else _unit(doc, target)
        unit = copy.deepcopy(unit)
        for name, value in _kept_attributes(doc).items():
            unit.set(name, value)
        for node in unit.iter():
            if not isinstance(node.tag, str):
                continue
            for (tag, as_), ptr in reverse.items():
                value = node.get(as_)
                if node.tag == tag and value and register_prefix in value:
                    back = [f"#{v[len(register_prefix):]}" for v in value.split() if v.startswith(register_prefix)]
                    rest = [v for v in value.split() if not v.startswith(register_prefix)]
                    if as_ != ptr.attribute:
                        if rest:
                            node.set(as_, " ".join(rest))
                        else:
                            del node.attrib[as_]
                        node.set(ptr.attribute, " ".join(back + node.get(ptr.attribute, "").split()))
                    else:
                        node.set(as_, " ".join(back + rest))
            for attribute in POINTING:
                value = node.get(attribute)
                if value and ".xml" in value:
                    node.set(attribute, " ".join(_local(v, files, roots) for v in value.split()))
        unit.tail = mark.tail
        mark.getparent().replace(mark, unit)
    root = tree.getroot()
    unwrap_text(root)                          # documents and front matter alike
    for node in list(root.iter(f"{{{TEI_NS}}}div")):
        if node.get("type") in renamed:
            prefix, _, local = node.get("type").partition(":")
            node.tag = f"{{{profile.namespaces[prefix]}}}{local}"
            del node.attrib["type"]
    _restore_namespaces(root, profile)
    data = etree.tostring(tree, encoding="UTF-8", xml_declaration=True)
    return Export(volume_id, data if data.endswith(b"\n") else data + b"\n", len(marks), warnings)


def _unit(doc, path: Path):
    """The unit an imported document holds: its body's one division."""
    body = doc.find(f"{{{TEI_NS}}}text/{{{TEI_NS}}}body")
    units = [c for c in body if isinstance(c.tag, str)] if body is not None else []
    if len(units) != 1:
        raise InputError("an imported document holds exactly one division in its body", path=str(path))
    return units[0]


def _kept_attributes(doc) -> dict[str, str]:
    kept = doc.find(f"{{{TEI_NS}}}teiHeader/{{{TEI_NS}}}xenoData/{{{ARCHIVE_NS}}}attributes")
    return dict(kept.attrib) if kept is not None else {}


def _local(value: str, files: set[str], roots: dict[str, str]) -> str:
    target, hash_, frag = value.partition("#")
    if not hash_:
        return f"#{roots[target]}" if target in roots else value
    return f"#{frag}" if target in files or Path(target).name in files else value


def _restore_namespaces(root, profile: Profile) -> None:
    """The volume's root declared the archive's namespaces; inner copies need not repeat them."""
    etree.cleanup_namespaces(root, top_nsmap={None: TEI_NS, **profile.namespaces},
                             keep_ns_prefixes=list(profile.namespaces))
