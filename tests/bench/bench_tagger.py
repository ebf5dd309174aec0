"""Benchmark: tag a whole FRUS volume (names and dates) and print the time.

Run: .venv/bin/python tests/bench/bench_tagger.py [/work/shared/frus/frus1936v03.xml]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from editio import xmlio
from editio.transforms.dates import DateTagger
from editio.transforms.tagger import Tagger, lexicon

ROOT = Path(__file__).resolve().parents[2]
DEFAULT = Path("/work/shared/frus/frus1936v03.xml")


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    t0 = time.perf_counter()
    lex = lexicon((ROOT / "tei" / "register" / "register.xml").resolve())
    t1 = time.perf_counter()
    tree = xmlio.parse(path)
    t2 = time.perf_counter()
    names = Tagger(lex, "1936-06-30").tag_tree(tree)
    t3 = time.perf_counter()
    ndates = DateTagger("1936-06-30").tag_tree(tree)
    t4 = time.perf_counter()
    size = path.stat().st_size / 1e6
    print(f"{path.name}: {size:.1f} MB, {len(lex.table)} surface forms")
    print(f"compile lexicon {t1 - t0:.2f} s, parse {t2 - t1:.2f} s, "
          f"names {t3 - t2:.2f} s ({names} tagged), dates {t4 - t3:.2f} s ({ndates} tagged)")


if __name__ == "__main__":
    main()
