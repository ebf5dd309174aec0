"""The date normaliser on arbitrary text: valid ISO values, ranges in order, never an exception."""

from __future__ import annotations

from datetime import date

from hypothesis import given, strategies as st

from editio.transforms.dates import _groups, find_dates, normalise

from fuzzing import safe_text

DATEISH = ["June 10, 1944", "10 June 1944", "June 1944", "10-15 June 1944", "June 10-15, 1944", "6/10/44",
           "1944-06-10", "yesterday", "tomorrow", "last night", "the other day", "next June", "last December",
           "in June", "this spring", "early in the autumn", "late in the winter", "next summer",
           "the closing months of 1944", "in about two weeks", "in some 3 days", "in 10 days",
           "761.93/12-1544", "February 30, 1944", "31 April 1945", "June 0, 1944", "99/99/99", "0/0/0",
           "the 10th", "Sunday", "last Monday", "in 9999999999 days", "June 10, 99999", "1 January 1"]
text = st.lists(st.one_of(st.sampled_from(DATEISH), safe_text, st.sampled_from([" ", ", ", ". ", "\n"])),
                max_size=30).map("".join)
doc_date = st.one_of(st.none(), st.dates(min_value=date(1, 1, 10), max_value=date(9998, 12, 20)))


def iso(value: str) -> date:
    assert len(value) == 10, value
    return date.fromisoformat(value)


@given(text, doc_date)
def test_every_date_found_normalises_to_valid_iso(source, doc):
    pos = 0
    for m in find_dates(source):
        assert m.start() >= pos and m.end() > m.start()
        pos = m.end()
        attrs, inner = normalise(*_groups(m), doc)
        for key in ("when", "notBefore", "notAfter"):
            if key in attrs:
                iso(attrs[key])
        if "notBefore" in attrs and "notAfter" in attrs:
            assert attrs["notBefore"] <= attrs["notAfter"]
        if inner:
            assert 0 <= inner[0] < inner[1] <= m.end() - m.start()


def test_a_date_beyond_the_calendar_gets_no_value_and_no_crash():
    """Found by this suite: "in 9999999999 days" raised OverflowError out of `editio tag`."""
    for source in ("in 9999999999 days", "in about 3000000 months"):
        [m] = list(find_dates(source))
        assert normalise(*_groups(m), date(1944, 6, 10)) == ({}, None)
