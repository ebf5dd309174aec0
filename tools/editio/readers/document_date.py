"""The document's own date, as a reader finds it: the date normaliser's rules, used before tagging.

Full dates only ("June 10, 1944", "Oct 17, 1944", "JULY 3, 1945") and the date inside a State
Department file number; `editio.transforms.dates` holds the patterns and their normalisation.
"""

from __future__ import annotations

import re

from ..transforms import dates as normaliser

FULL_DATE = re.compile(dict(normaliser.RULES)["full"])
FILE_NUMBER = re.compile(dict(normaliser.RULES)["file"])
file_number_date = normaliser.file_number_date


def find_date(text: str) -> tuple[str, re.Match] | None:
    """The first full date in `text`, as (ISO date, match); None if there is none or it is impossible."""
    for match in FULL_DATE.finditer(text):
        attrs, _ = normaliser.normalise("full", match.groupdict(), None)
        if attrs.get("when"):
            return attrs["when"], match
    return None
