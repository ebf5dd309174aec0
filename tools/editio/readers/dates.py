"""Recognising the document's own date in a reader (full dates only; the date normaliser does the rest)."""

from __future__ import annotations

import re

MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], start=1)}
_ABBR = {m[:3]: i for m, i in MONTHS.items()} | {"sept": 9}

FULL_DATE = re.compile(
    r"\b(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.? (?P<day>\d{1,2}),? (?P<year>\d{4})\b",
    re.IGNORECASE,
)


def iso(match: re.Match) -> str:
    name = match["month"].lower().rstrip(".")
    month = MONTHS.get(name) or _ABBR[name[:4] if name.startswith("sept") else name[:3]]
    return f"{int(match['year']):04d}-{month:02d}-{int(match['day']):02d}"


def find_date(text: str) -> tuple[str, re.Match] | None:
    match = FULL_DATE.search(text)
    return (iso(match), match) if match else None

FILE_NUMBER = re.compile(r"\b(?P<file>\d{3}(?:\.\d+)+/(?P<month>\d{1,2})[–-](?P<day>\d{2})(?P<year>\d{2}))\b")


def file_number_date(text: str, century: int = 1900) -> str | None:
    """761.93/12–1544 -> 1944-12-15: the State Department decimal file's date suffix (M–DDYY)."""
    match = FILE_NUMBER.search(text)
    if not match:
        return None
    month, day, year = int(match["month"]), int(match["day"]), century + int(match["year"])
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"
