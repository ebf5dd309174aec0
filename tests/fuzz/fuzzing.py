"""Inputs that break parsers: arbitrary text, transcription marks, control characters, long tokens."""

from __future__ import annotations

import os

from hypothesis import settings
from hypothesis import strategies as st

from editio.xmlio import XML_FORBIDDEN

LONG = os.environ.get("HYPOTHESIS_PROFILE") == "long"


def scaled(fraction: float) -> settings:
    """This property's share of the profile's examples (for properties that run a whole build)."""
    return settings(max_examples=max(3, int(settings.default.max_examples * fraction)))

MARKS = ["~~", "~~struck~~", "[^", "[^above]", "]", "[", " [sic]", "word [sic]", "█", "█████", "[ILLEGIBLE]",
         "[ILLEG IBLE]", "*[Signature]*", "[Stamp]", "[Page 379]", "[Page xiv]", "[gloss]", "**", "**bold**",
         "*", "\n", "\n\n", "  ", "\t", "Mr. Harriman", "Stalin", "Moscow", "June 10, 1944", "10 June 1944",
         "yesterday", "next week", "1944-06-10", "Subject:", "Present:", "SECRET", "TOP SECRET", "—", "--",
         "\u00a0", "\ufeff", "\u200b", "é", "ﬁ", "Ⅻ", "\U0001d400"]
# Characters XML forbids: a reader must refuse them with a position, or replace them.
CONTROLS = ["\x00", "\x01", "\x08", "\x0b", "\x0c", "\x0e", "\x1b", "\x1f", "\x7f", "\x85", "\ufffe", "\uffff"]

long_token = st.builds(lambda ch, n: ch * n, st.sampled_from(["x", "~", "*", "[", "█", "a~", "[^", "**a"]),
                       st.integers(200, 4000))
fragment = st.one_of(st.sampled_from(MARKS), st.text(max_size=30), st.sampled_from(CONTROLS), long_token)
transcription = st.lists(fragment, max_size=40).map("".join)

# Text as XML can hold it (for properties about the collation, not about refusing bad characters).
xml_char = st.characters(blacklist_categories=("Cs",)).filter(lambda ch: not XML_FORBIDDEN.match(ch))
safe_text = st.text(alphabet=xml_char, max_size=40)
words = st.sampled_from(["the", "The", "war", "was", "on", "land", "and", "sea", ",", ".", "—", "“", "”",
                         "Harriman", "Stalin", "air", "Air", "in", "well-known", "U.S.", "1944", "¶", "□"])
witness = st.lists(st.one_of(words, safe_text), max_size=60).map(" ".join)
