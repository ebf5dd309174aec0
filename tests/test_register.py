"""The register: well-formed entries, offices with dates, variants that map to one entry."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from editio import names, register
from editio.errors import InputError
from editio.transforms.tagger import Lexicon

ROOT = Path(__file__).resolve().parents[1]
REGISTER = ROOT / "tei" / "register" / "register.xml"
FIXTURES = Path(__file__).parent / "fixtures" / "tagging"


@pytest.fixture(scope="module")
def reg():
    return register.load(REGISTER)


@pytest.fixture(scope="module")
def lex(reg):
    return Lexicon(reg, names.load(ROOT / "editorial" / "names.toml"))


def test_ids_are_lowercase_ascii_slugs(reg):
    assert reg.entries, "register is empty"
    for entry_id in reg.entries:
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", entry_id), entry_id


@pytest.mark.parametrize("forms,entry_id", [
    (["Sovietski Gavan", "Sovietskaya-Gavan"], "sovetskaya-gavan"),
    (["Dairen", "Darien", "Dalian"], "dalian"),
    (["Port Arthur", "Lüshunkou", "Lüshunkou District"], "port-arthur"),
    (["Vladivostok", "Vladivostock", "VLADIVOSTOK"], "vladivostok"),
    (["Tsientsin", "Tientsin"], "tianjin"),
    (["Sungare River", "Sungari"], "sungari"),
    (["Burrows", "Burros", "General Burrows"], "burrows"),
    (["W. A. Harriman", "W.A. Harriman", "A. Harriman", "Averell Harriman", "WAH", "Mr. Harriman"], "harriman"),
    (["Marshal Stalin", "Generalissimo Stalin", "Marshal I. V. Stalin", "marshal Stalin"], "stalin"),
    (["General of the Armies Antonov", "General Antonov"], "antonov"),
])
def test_variant_spellings_resolve_to_one_entry(lex, forms, entry_id):
    for form in forms:
        ids, cert, _, _ = lex.resolve(form, "1944-10-17")
        assert ids == [entry_id], form
        assert cert is None


def test_no_plain_form_names_two_entries(lex):
    shared = {form: {c.entry_id for c in cands if c.office is None}
              for form, cands in lex.table.items()}
    assert {f: ids for f, ids in shared.items() if len(ids) > 1} == {}


def test_harriman_office_and_life_dates(reg):
    harriman = reg["harriman"]
    assert ("United States Ambassador to the Soviet Union", "1943-10-23", "1946-01-24") in harriman.occupations
    assert harriman.birth == "1891-11-15" and harriman.death == "1986-07-26"
    office = next(o for o in harriman.offices if o.form == "the Ambassador")
    assert office.holds_on("1944-06-10") and not office.holds_on("1946-06-01")


def test_places_have_types_and_points_have_coordinates(reg):
    for entry in reg.entries.values():
        if entry.kind != "place":
            continue
        assert entry.type, entry.id
        if entry.type in {"city", "port", "building"}:
            assert entry.geo, f"{entry.id} has no coordinates"
            lat, lon = entry.geo
            assert -90 <= lat <= 90 and -180 <= lon <= 180


def test_authority_identifiers_are_well_formed(reg):
    patterns = {"wikidata": r"Q[1-9]\d*", "geonames": r"[1-9]\d*", "viaf": r"[1-9]\d*"}
    assert sum(len(e.idnos) for e in reg.entries.values()) >= 10     # the check has something to check
    for entry in reg.entries.values():
        for kind, value in entry.idnos.items():
            assert kind in patterns, (entry.id, kind)
            assert re.fullmatch(patterns[kind], value), (entry.id, value)


def test_duplicate_id_is_a_one_line_error(tmp_path):
    bad = tmp_path / "register.xml"
    bad.write_text((FIXTURES / "register-duplicate.xml").read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(InputError) as err:
        register.load(bad)
    assert "moscow" in str(err.value) and "\n" not in str(err.value)
    assert str(bad) in str(err.value)
