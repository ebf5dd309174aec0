"""The schema files agree: editio.rng is generated from the spec, the ODD names the same elements,
attributes and closed value lists, and whatever editio.rng accepts, TEI's tei_all accepts too."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

from editio import resources
from editio.validation.schemas import find_tei_all

SCHEMA = resources.schema()
RNG = "http://relaxng.org/ns/structure/1.0"
TEI = "http://www.tei-c.org/ns/1.0"
FIX = Path(__file__).parent / "fixtures" / "validation" / "edition"
TEI_DIR = resources._CHECKOUT / "tei"


def rng_model(path: Path) -> dict:
    """element -> {attribute: closed values or None}, from the grammar."""
    model = {}
    for el in etree.parse(str(path)).iter(f"{{{RNG}}}element"):
        atts = {}
        for att in el.iter(f"{{{RNG}}}attribute"):
            values = [v.text for v in att.iter(f"{{{RNG}}}value")]
            atts[att.get("name")] = sorted(values) or None
        model[el.get("name")] = atts
    return model


def odd_model(path: Path) -> dict:
    model = {}
    for spec in etree.parse(str(path)).iter(f"{{{TEI}}}elementSpec"):
        atts = {}
        for att in spec.iter(f"{{{TEI}}}attDef"):
            values = [v.get("ident") for v in att.iter(f"{{{TEI}}}valItem")]
            atts[att.get("ident")] = sorted(values) or None
        model[spec.get("ident")] = atts
    return model


def test_rng_is_generated_from_the_spec():
    result = subprocess.run([sys.executable, str(SCHEMA / "build_schema.py"), "--check"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_odd_and_rng_agree_on_elements_attributes_and_value_lists():
    rng, odd = rng_model(SCHEMA / "editio.rng"), odd_model(SCHEMA / "editio.odd")
    assert sorted(rng) == sorted(odd)
    for name in rng:
        assert rng[name] == odd[name], name


def test_every_odd_element_is_documented_with_a_reason():
    for spec in etree.parse(str(SCHEMA / "editio.odd")).iter(f"{{{TEI}}}elementSpec"):
        assert (spec.findtext(f"{{{TEI}}}desc") or "").strip(), spec.get("ident")


def test_every_schematron_assert_has_an_id_and_a_hint():
    sch = etree.parse(str(SCHEMA / "editio.sch"))
    ns = {"sch": "http://purl.oclc.org/dsdl/schematron"}
    diagnostics = {d.get("id") for d in sch.iterfind(".//sch:diagnostic", ns)}
    asserts = sch.findall(".//sch:assert", ns) + sch.findall(".//sch:report", ns)
    assert asserts
    for a in asserts:
        assert a.get("id"), etree.tostring(a)[:80]
        assert a.get("diagnostics") in diagnostics, a.get("id")


def _documents():
    docs = sorted(FIX.rglob("*.xml"))
    if TEI_DIR.is_dir():
        docs += sorted(TEI_DIR.rglob("*.xml"))
    return docs


@pytest.mark.jing
def test_valid_against_editio_means_valid_against_tei_all():
    tei_all = find_tei_all()
    if not shutil.which("jing") or tei_all is None:
        pytest.skip("needs jing and tei_all.rng (tools/test-deps.sh)")
    docs = [str(d) for d in _documents()]
    ours = subprocess.run(["jing", str(SCHEMA / "editio.rng"), *docs], capture_output=True, text=True)
    invalid_ours = {line.split(":")[0] for line in ours.stdout.splitlines()}
    valid = [d for d in docs if d not in invalid_ours]
    assert valid
    full = subprocess.run(["jing", str(tei_all), *valid], capture_output=True, text=True)
    assert full.returncode == 0, full.stdout[:2000]
