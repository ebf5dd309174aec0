"""The static web edition: pages (pages.py), document text through XSLT (text.py), search (search.py)
and the map (geo.py).  The builder that assembles them is editio.builders.web.

`build_web(tei_dir, out_dir)` builds one folder of TEI into a site, for scripts and tests.
"""

from __future__ import annotations

from pathlib import Path


def build_web(tei_dir: Path, out_dir: Path, *, jobs: int | None = 1, reporter=None) -> Path:
    """Build the TEI in tei_dir (and its edition, when edition.toml is beside it) into out_dir."""
    from ..builders import build
    from ..edition import edition_for

    out_dir = Path(out_dir)
    edition = edition_for(Path(tei_dir), out_dir=out_dir.parent)
    context = build(edition, ["web"], jobs=jobs, reporter=reporter, outputs={"web": out_dir})
    return context.outputs["web"]
