"""The name and date taggers on arbitrary paragraphs: idempotent, and a name never inside a name."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, strategies as st
from lxml import etree

from editio import xmlio
from editio.transforms.dates import DateTagger
from editio.enrich import Context
from editio.register import load
from editio.transforms.tagger import NAME_TAGS, TaggerTransform

from fuzzing import safe_text

ROOT = Path(__file__).resolve().parents[2]
REGISTER = ROOT / "tei" / "register" / "register.xml"
TEI = "http://www.tei-c.org/ns/1.0"
FORMS = sorted({form for form, _, _ in load(REGISTER).forms()})
NOISE = ["the", "The", "Mr.", "Marshal", "President", "Ambassador", "of", "and", ",", ".", "'s", "’s",
         "yesterday", "June 10, 1944", "next week", "\n", "  "]
WRAPS = ["{}", "<hi>{}</hi>", "<sic>{}</sic>", "<choice><sic>{}</sic><corr>{}</corr></choice>", "<del>{}</del>",
         "<add>{}</add>", "<persName>{}</persName>", "<date>{}</date>", "{}<lb/>", "<note>{}</note>"]



def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


piece = st.one_of(st.sampled_from(FORMS), st.sampled_from(NOISE), safe_text)
inline = st.builds(lambda wrap, text: wrap.replace("{}", text), st.sampled_from(WRAPS),
                   st.lists(piece, max_size=4).map(" ".join).map(escape))
paragraph = st.lists(inline, min_size=1, max_size=12).map(" ".join)
doc_date = st.sampled_from([None, "1944-06-10", "1945-07-02", "1941-01-01"])


def tag(data: bytes, date):
    tree = xmlio.parse_bytes(data)
    TaggerTransform().apply(tree, Context(document_date=date, register_path=REGISTER))
    DateTagger(date).tag_tree(tree)
    return xmlio.serialize(tree)


def names_in_names(data: bytes) -> list[str]:
    root = etree.fromstring(data)
    tags = {f"{{{TEI}}}{t}" for t in NAME_TAGS}
    return [etree.tostring(el).decode() for el in root.iter(*tags)
            if any(anc.tag in tags for anc in el.iterancestors())]


@given(paragraph, doc_date)
def test_tagging_twice_changes_nothing_and_never_nests_a_name(text, date):
    source = f'<TEI xmlns="{TEI}"><text><body><p>{text}</p></body></text></TEI>'.encode()
    nested_before = names_in_names(source)
    once = tag(source, date)
    assert tag(once, date) == once
    assert names_in_names(once) == nested_before       # tagging adds no name inside a name
    # the text is the text: tagging only adds markup
    assert "".join(etree.fromstring(once).itertext()) == "".join(etree.fromstring(source).itertext())
