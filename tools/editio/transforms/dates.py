"""Date normaliser: every date expression gets @when, or @notBefore/@notAfter, and @cert where inferred.

Absolute dates ("June 10, 1944", "Oct 17, 1944"), partial ones ("July 2": the year is the
document's), numeric and archival forms ("1/21/45", "44-6-10"), the date in a State Department
decimal file number (761.93/12–1544 = 1944-12-15), and relative expressions resolved against the
document's date ("last February", "last night", "next spring", "the closing months of 1945",
"in about two weeks").  Two-digit years are taken in the 1900s.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from lxml import etree

from ..diagnostics import Diagnostic
from ..enrich import Context
from ..textnodes import rewrite
from ..xmlio import NSMAP, tei

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS["sept"] = 9
NUMBERS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve".split())}
NUMBERS.update({"a": 1, "an": 1, "a few": 3, "several": 3, "a couple of": 2})
SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 2)}
UNITS = {"day": 1, "week": 7, "fortnight": 14, "month": 30}
SKIP = {"date", "time", "idno", "ptr", "gap", "desc", "persName", "placeName", "orgName", "geogName"}
HEADER_PARTS = ("tei:profileDesc/tei:creation", "tei:profileDesc/tei:correspDesc")


def _alts(words) -> str:
    out = set()
    for w in words:
        out |= {w.capitalize(), w.upper()}
    return "|".join(sorted(out, key=len, reverse=True))


MONTH = rf"(?P<month>(?:{_alts(MONTHS)})\.?)"
DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
YEAR = r"(?P<year>1[6-9]\d\d|20\d\d)"
WEEKDAY = rf"(?:(?:{_alts(calendar.day_name)}),?\s+)?"
SEASON = rf"(?P<season>{'|'.join(SEASONS)})"
NUM = rf"(?P<num>\d+|{'|'.join(sorted(NUMBERS, key=len, reverse=True))})"

# Order matters: the first rule that matches at a position wins, so longer forms come first.
RULES = [
    ("file", r"(?<![\w.])\d{3}\.\d{1,4}(?:\s?[A-Z]{1,3})?/(?P<fm>1[0-2]|0?[1-9])[–-](?P<fdy>\d{3,4})(?!\w)"),
    ("range", rf"{MONTH}\s+(?P<d1>[0-3]?\d)\s*[-–]\s*(?P<d2>[0-3]?\d),?\s+{YEAR}"),
    ("full", rf"{WEEKDAY}{MONTH}\s+{DAY},?\s+{YEAR}"),
    ("dmy", rf"{DAY}\s+{MONTH},?\s+{YEAR}"),
    ("month_year", rf"{MONTH},?\s+{YEAR}"),
    ("partial", rf"{MONTH}\s+{DAY}(?![\d,]*\s*\d)"),
    ("mdy", r"(?<![\w/.-])(?P<m>1[0-2]|0?[1-9])/(?P<d>[0-3]?\d)/(?P<y>\d{4}|\d{2})(?![\w/-])"),
    ("ymd", r"(?<![\w/.-])(?P<y>[4-9]\d)-(?P<m>1[0-2]|0?[1-9])-(?P<d>[0-3]?\d)(?![\w/-])"),
    ("last_next_month", rf"(?P<rel>[Ll]ast|[Nn]ext|[Tt]his)\s+{MONTH}(?!\s+\d)"),
    ("in_month", rf"(?<=\b[Ii]n\s){MONTH}(?!\s+\d)"),
    ("day_rel", r"(?P<rel>[Ll]ast night|[Yy]esterday|[Tt]oday|[Tt]onight|[Tt]his morning|[Tt]omorrow)"),
    ("other_day", r"the other (?:night|day)"),
    ("season", rf"(?:(?P<rel>next|last|this)\s+|(?P<part>early|late)\s+in\s+the\s+|in\s+the\s+){SEASON}"),
    ("months_of", rf"the\s+(?P<part>closing|last|final|early|first|opening)\s+months\s+of\s+{YEAR}"),
    ("in_about", rf"(?<!\w)in\s+(?P<about>about\s+|some\s+|roughly\s+)?{NUM}\s+(?P<unit>day|week|fortnight|month)s?"),
]
PATTERN = re.compile("|".join(f"(?P<{name}>{rx.replace('(?P<', f'(?P<{name}_')})" for name, rx in RULES))
# Where a date expression can begin: a digit or one of its first words.  Trying PATTERN only
# there is ten times faster than letting it scan every position of a long text.
_STARTS = [*MONTHS, *(d.lower() for d in calendar.day_name),
           "last", "next", "this", "yesterday", "today", "tonight", "tomorrow", "the", "in", "early", "late"]
ANCHOR = re.compile(r"\d|(?<!\w)(?:" + _alts(_STARTS) + "|" + "|".join(_STARTS) + r")(?!\w)")


def find_dates(text: str):
    """The date expressions of `text`, left to right, as re.Match objects of PATTERN."""
    pos = 0
    for anchor in ANCHOR.finditer(text):
        if anchor.start() < pos:
            continue
        m = PATTERN.match(text, anchor.start())
        if m:
            yield m
            pos = m.end()


def century(yy: str) -> int:
    return int(yy) + 1900 if len(yy) == 2 else int(yy)


def _iso(y, m, d) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def _month_span(y: int, m: int) -> dict:
    return {"notBefore": f"{y:04d}-{m:02d}-01", "notAfter": f"{y:04d}-{m:02d}-{calendar.monthrange(y, m)[1]:02d}"}


def _season_span(y: int, season: str, part: str | None) -> dict:
    first, last = SEASONS[season]
    start = date(y, first, 1)
    end_y = y + 1 if last < first else y
    end = date(end_y, last, calendar.monthrange(end_y, last)[1])
    mid = start + (end - start) / 2
    if part == "early":
        end = mid
    elif part == "late":
        start = mid + timedelta(days=1)
    return {"notBefore": start.isoformat(), "notAfter": end.isoformat()}


def file_number_date(file_number: str) -> str | None:
    """761.93/12–1544 -> 1944-12-15 (the decimal file's month, day and two-digit year)."""
    m = re.search(RULES[0][1], file_number)
    return _iso(century(m.group("fdy")[-2:]), int(m.group("fm")), int(m.group("fdy")[:-2])) if m else None


def normalise(kind: str, g: dict, doc: date | None) -> tuple[dict, tuple[int, int] | None]:
    """Attributes for one match (and, for file numbers, the span of the date inside it).

    An expression that points outside the calendar ("in 9999999999 days") gets no value."""
    try:
        return _normalise(kind, g, doc)
    except (OverflowError, ValueError):
        return {}, None


def _normalise(kind: str, g: dict, doc: date | None) -> tuple[dict, tuple[int, int] | None]:
    month = MONTHS.get((g.get("month") or "").rstrip(".").lower())
    if kind == "file":
        when = file_number_date(g["_text"])
        return ({"when": when} if when else {}), g["_span"]
    if kind == "range":
        y = int(g["year"])
        a, b = _iso(y, month, int(g["d1"])), _iso(y, month, int(g["d2"]))
        return ({"notBefore": a, "notAfter": b} if a and b and a <= b else {}), None
    if kind in ("full", "dmy"):
        when = _iso(int(g["year"]), month, int(g["day"]))
        return ({"when": when} if when else {}), None
    if kind == "month_year":
        return _month_span(int(g["year"]), month), None
    if kind in ("mdy", "ymd"):
        when = _iso(century(g["y"]), int(g["m"]), int(g["d"]))
        return ({"when": when} if when else {}), None
    if doc is None:                      # everything below is relative to the document's date
        return {}, None
    if kind == "partial":
        when = _iso(doc.year, month, int(g["day"]))
        return ({"when": when, "cert": "high"} if when else {}), None
    if kind in ("last_next_month", "in_month"):
        rel = (g.get("rel") or "in").lower()
        y = doc.year
        if rel == "last" and month >= doc.month or rel == "in" and month > doc.month:
            y -= 1
        elif rel == "next" and month <= doc.month:
            y += 1
        return {**_month_span(y, month), "cert": "high" if rel != "in" else "medium"}, None
    if kind == "day_rel":
        shift = {"last night": -1, "yesterday": -1, "tomorrow": 1}.get(g["rel"].lower(), 0)
        return {"when": (doc + timedelta(days=shift)).isoformat(), "cert": "high"}, None
    if kind == "other_day":
        return {"notBefore": (doc - timedelta(days=7)).isoformat(),
                "notAfter": (doc - timedelta(days=1)).isoformat(), "cert": "low"}, None
    if kind == "season":
        season, rel, part = g["season"].lower(), (g.get("rel") or "").lower(), g.get("part")
        spans = [_season_span(y, season, part) for y in (doc.year - 1, doc.year, doc.year + 1)]
        iso = doc.isoformat()
        if rel == "last":
            span = [s for s in spans if s["notAfter"] < iso][-1]
        elif rel == "next":
            span = next(s for s in spans if s["notBefore"] > iso)
        else:                            # "this spring", "in the autumn": the current or coming one
            span = next(s for s in spans if s["notAfter"] >= iso)
        return {**span, "cert": "medium"}, None
    if kind == "months_of":
        y = int(g["year"])
        late = g["part"] in ("closing", "last", "final")
        span = {"notBefore": f"{y}-10-01", "notAfter": f"{y}-12-31"} if late else \
               {"notBefore": f"{y}-01-01", "notAfter": f"{y}-03-31"}
        return {**span, "cert": "medium"}, None
    if kind == "in_about":
        num = g["num"].lower()
        n = int(num) if num.isdigit() else NUMBERS[num]
        days = n * UNITS[g["unit"].lower()]
        if g.get("about"):
            slack = max(1, round(days / 4))
            return {"notBefore": (doc + timedelta(days=days - slack)).isoformat(),
                    "notAfter": (doc + timedelta(days=days + slack)).isoformat(), "cert": "low"}, None
        return {"when": (doc + timedelta(days=days)).isoformat(), "cert": "medium"}, None
    return {}, None


def _groups(m) -> tuple[str, dict]:
    kind = m.lastgroup
    prefix = kind + "_"
    g = {k[len(prefix):]: v for k, v in m.groupdict().items() if k.startswith(prefix) and v is not None}
    g["_text"] = m.group(kind)
    if kind == "file":
        g["_span"] = (m.start(prefix + "fm") - m.start(), m.end() - m.start())
    return kind, g


ABSOLUTE = ("file", "range", "full", "dmy", "month_year", "mdy", "ymd")
CERTAINTY = ("high", "medium", "low", "unknown")


class DateTagger:
    def __init__(self, document_date: str | None, report: list[str] | None = None, source: str = ""):
        self.doc = date.fromisoformat(document_date) if document_date else None
        self.report = report if report is not None else []
        self.source = source
        self.count = 0
        self.doc_cert = ""      # the document's own date is inferred (creation/date/@cert): so is "last night"

    def split(self, text: str, line, ancestors=()):
        out, pos = [], 0
        for m in find_dates(text):
            kind, g = _groups(m)
            attrs, inner = normalise(kind, g, self.doc)
            if not attrs:
                if self.doc is None and kind not in ("file", "range", "full", "dmy", "month_year", "mdy", "ymd"):
                    self.report.append(Diagnostic(self.source, line or 0, "date-needs-document-date",
                                                  f"'{m.group(0)}' needs the document's date",
                                                  hint="give the document a date (profileDesc/creation) or pass --date"))
                continue
            start, end = m.span()
            if inner:
                start, end = m.start() + inner[0], m.start() + inner[1]
            out.append(text[pos:start])
            if self.doc_cert in CERTAINTY and kind not in ABSOLUTE:
                cert = attrs.get("cert", "high")
                attrs["cert"] = max(cert, self.doc_cert, key=lambda c: CERTAINTY.index(c) if c in CERTAINTY else 0)
            node = etree.Element(tei("date"))
            for k in ("when", "notBefore", "notAfter", "cert"):
                if k in attrs:
                    node.set(k, attrs[k])
            node.text = text[start:end]
            out.append(node)
            pos = end
            self.count += 1
        if not out:
            return None
        out.append(text[pos:])
        return out

    def complete(self, el) -> None:
        """An existing <date> without a value gets one from its text."""
        if el.tag != tei("date") or any(el.get(a) for a in ("when", "notBefore", "notAfter", "from", "to")):
            return
        text = "".join(el.itertext()).strip()
        m = PATTERN.fullmatch(text)
        if m:
            attrs, _ = normalise(*_groups(m), self.doc)
            for k, v in attrs.items():
                el.set(k, v)

    def tag_tree(self, tree) -> int:
        root = tree.getroot() if hasattr(tree, "getroot") else tree
        own = root.find("tei:teiHeader/tei:profileDesc/tei:creation/tei:date", NSMAP) if root.tag == tei("TEI") else None
        self.doc_cert = own.get("cert", "") if own is not None else ""
        for part in HEADER_PARTS:
            for el in root.iterfind(f"tei:teiHeader/{part}", NSMAP):
                rewrite(el, self.split, SKIP, self.complete)
        for text in root.iterfind("tei:text", NSMAP):
            rewrite(text, self.split, SKIP, self.complete)
        if root.tag != tei("TEI"):
            rewrite(root, self.split, SKIP, self.complete)
        self.ensure_header_date(root)
        return self.count

    def ensure_header_date(self, root) -> None:
        """The document's own date in profileDesc/creation, if the header does not carry one."""
        if self.doc is None or root.tag != tei("TEI"):
            return
        if root.find("tei:teiHeader/tei:profileDesc/tei:creation/tei:date", NSMAP) is not None:
            return
        header = root.find("tei:teiHeader", NSMAP)
        if header is None:
            return
        profile = header.find("tei:profileDesc", NSMAP)
        if profile is None:
            profile = etree.SubElement(header, tei("profileDesc"))
            file_desc = header.find("tei:fileDesc", NSMAP)
            if file_desc is not None:
                file_desc.addnext(profile)
        creation = profile.find("tei:creation", NSMAP)
        if creation is None:
            creation = etree.Element(tei("creation"))
            profile.insert(0, creation)
        node = etree.Element(tei("date"), when=self.doc.isoformat())
        node.text = self.doc.strftime("%B %-d, %Y")
        node.tail = creation.text
        creation.text = None
        creation.insert(0, node)


class DateTransform:
    """Enrichment transform: <date> with @when / @notBefore / @notAfter (and @cert where inferred)."""

    name = "dates"
    priority = 400

    def apply(self, tree, ctx: Context) -> None:
        DateTagger(ctx.document_date, ctx.report, ctx.source).tag_tree(tree)
