"""Readers on hostile text: a TEI file that parses, or one InputError with a position; nothing else."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, strategies as st
from lxml import etree

from editio.convert import Job, convert_document
from editio.errors import InputError
from editio.readers import READERS
from editio.readers.marks import parse_inlines, plain
from editio.model import Mark

from fuzzing import CONTROLS, fragment, long_token, transcription

ROOT = Path(__file__).resolve().parents[2]
SEEDS = {"wilson": ROOT / "seeds" / "003_d19860ca353ac499.txt", "frus": ROOT / "seeds" / "002_ee78402f5728550e.txt",
         "focalpoint": ROOT / "seeds" / "001_4675f7a8ca8e1c30.txt"}
SEED_TEXT = {name: path.read_text(encoding="utf-8") for name, path in SEEDS.items()}
WORK = Path(tempfile.mkdtemp(prefix="editio-fuzz-"))


def convert_text(text: str, reader: str) -> bytes | InputError:
    source = WORK / f"{reader}.txt"
    source.write_bytes(text.encode("utf-8", "surrogatepass"))
    try:
        return convert_document(Job(source, reader=reader), WORK, WORK, None)[1]
    except InputError as exc:
        return exc


def check(result, source_text: str) -> None:
    if isinstance(result, InputError):
        assert result.path and "\n" not in str(result)
        if any(ch in source_text for ch in CONTROLS if ch not in "\x7f\x85\x0b\x0c"):
            assert result.line and result.column, str(result)
        return
    root = etree.fromstring(result)
    assert root.tag == "{http://www.tei-c.org/ns/1.0}TEI"


@given(st.sampled_from(sorted(READERS)), transcription)
def test_any_text_is_tei_or_one_clear_error(reader, text):
    check(convert_text(text, reader), text)


@given(st.sampled_from(sorted(READERS)), st.data())
def test_a_real_source_with_hostile_fragments_inserted(reader, data):
    text = SEED_TEXT[reader]
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(text)))
        text = text[:at] + data.draw(fragment) + text[at:]
    check(convert_text(text, reader), text)


@given(transcription)
def test_marks_never_lose_or_invent_plain_text(text):
    """What the inline parser keeps of a line reads back from its source: every character of the
    plain reading occurs, in order, in the source line."""
    for line in text.split("\n"):
        out = plain(parse_inlines(line))
        it = iter(line)
        assert all(ch in it for ch in out), (line, out)


@given(st.lists(st.one_of(long_token, st.sampled_from(["[sic]", " [sic]", "~~", "[^", "]", " "])), max_size=12)
       .map("".join))
def test_sic_marks_the_whole_run_before_it(text):
    for item in parse_inlines(text):
        if isinstance(item, Mark) and item.kind == "sic":
            word = item.children[0]
            assert word and not any(ch in word for ch in " []")
