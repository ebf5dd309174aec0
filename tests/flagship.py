"""The flagship edition converted from seeds/ by the code under test, once per test process.

Structural and fidelity tests read this, never the committed tei/ (a separate test checks that
tei/ equals it).  The copy holds what `editio convert` reads: edition.toml, seeds/, editorial/ and
the hand-made register; its tei/ documents are written by the converter.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def copy_inputs(target: Path) -> Path:
    """edition.toml, seeds/, editorial/ and tei/register/ of the checkout, copied to target/."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "edition.toml", target / "edition.toml")
    for folder in ("seeds", "editorial"):
        shutil.copytree(ROOT / folder, target / folder)
    shutil.copytree(ROOT / "tei" / "register", target / "tei" / "register")
    return target


def convert_into(target: Path) -> Path:
    from editio.convert import Job, plan, write
    from editio.edition import load_edition
    edition = load_edition(copy_inputs(target) / "edition.toml")
    jobs = [Job(e.source, e.id, e.settings, label=e.settings["source"]) for e in edition.documents]
    write(plan(jobs, edition.tei_dir, edition.root, edition.register, names=edition.names))
    return target


@lru_cache(maxsize=1)
def converted_edition() -> Path:
    """A folder holding the flagship edition with tei/ freshly converted from seeds/."""
    tmp = Path(tempfile.mkdtemp(prefix="editio-flagship-"))
    atexit.register(shutil.rmtree, tmp, True)
    return convert_into(tmp / "edition")


def converted_tei() -> Path:
    return converted_edition() / "tei"


def replicate(target: Path, copies: int) -> Path:
    """The converted flagship (settings, editorial data, register) with its five documents copied
    `copies` times under new ids ("-c00", "-c01" …), ids and cross-references rewritten, so each
    copy is a document of its own: a larger edition for tests of scale."""
    source = converted_edition()
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(source / "edition.toml", target / "edition.toml")
    shutil.copytree(source / "editorial", target / "editorial")
    shutil.copytree(source / "tei" / "register", target / "tei" / "register")
    docs = sorted((source / "tei").glob("*.xml"))
    for k in range(copies):
        for doc in docs:
            text = doc.read_text(encoding="utf-8")
            for other in docs:
                text = text.replace(other.stem, f"{other.stem}-c{k:02d}")
            (target / "tei" / f"{doc.stem}-c{k:02d}.xml").write_text(text, encoding="utf-8")
    return target
