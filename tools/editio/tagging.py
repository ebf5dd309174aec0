"""Tag one TEI file on disk (used by `editio tag`): names with the register, then dates."""

from __future__ import annotations

from pathlib import Path

from . import register as register_mod
from .dates import PATTERN, DateTagger, _groups, file_number_date, normalise
from .errors import InputError
from .tagger import Tagger, lexicon, ref_prefix_for
from .xmlio import NSMAP, atomic_write, parse, serialize


def document_date(root) -> str | None:
    """The document's own date: creation, then correspDesc, then the first dated element of the text."""
    for path in ("tei:teiHeader/tei:profileDesc/tei:creation//tei:date[@when]",
                 "tei:teiHeader/tei:profileDesc/tei:correspDesc//tei:date[@when]",
                 "tei:text//tei:date[@when]"):
        el = root.find(path, NSMAP)
        if el is not None and len(el.get("when")) == 10:
            return el.get("when")
    for el in root.iterfind("tei:teiHeader/tei:profileDesc//tei:date", NSMAP):
        m = PATTERN.fullmatch(" ".join("".join(el.itertext()).split()))
        if m and m.lastgroup == "full":
            return normalise(*_groups(m), None)[0].get("when")
    for el in root.iterfind("tei:teiHeader//tei:idno[@type='file']", NSMAP):
        when = file_number_date(el.text or "")
        if when:
            return when
    return None


def tag_file(path: Path, register: Path | None = None, date: str | None = None, out: Path | None = None,
             dates: bool = True, write: bool = True, pending: list | None = None) -> dict:
    """Tag one file; `pending`: collect (target, bytes) there instead of writing (see outdir.write_all)."""
    reg_path = Path(register or register_mod.default_path()).resolve()
    tree = parse(path)
    before = serialize(tree)
    root = tree.getroot()
    doc_date = date or document_date(root)
    if doc_date and not _iso_date(doc_date):
        raise InputError(f"--date {doc_date!r} is not an ISO date (YYYY-MM-DD)")
    target = (Path(out) / Path(path).name) if out else Path(path)
    report: list[str] = []
    tagger = Tagger(lexicon(reg_path), doc_date, ref_prefix_for(target, reg_path), str(path), report)
    names = tagger.tag_tree(tree)
    ndates = DateTagger(doc_date, report, str(path)).tag_tree(tree) if dates else 0
    after = serialize(tree)
    changed = after != before
    if write and (changed or out):
        if pending is not None:
            pending.append((target, after))
        else:
            atomic_write(target, after)
    return {"file": str(path), "output": str(target), "date": doc_date, "names": names, "dates": ndates,
            "changed": changed, "report": report}


def _iso_date(value: str) -> bool:
    from datetime import date
    try:
        date.fromisoformat(value)
        return True
    except ValueError:
        return False
