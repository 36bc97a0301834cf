"""IRI minting: deterministic, one value per slot, and never an invalid IRI."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pyoxigraph import NamedNode

from graph import iri
from graph.errors import ConfigError
from graph.model import EntityType

BASE = iri.DEFAULT_BASE
EXPR = "https://w3id.org/epkg/eli/dl/doc/TA-9-2021-0056/ro"


def test_the_contract_examples() -> None:
    assert iri.work_iri("TA-9-2021-0056") == "https://w3id.org/epkg/eli/dl/doc/TA-9-2021-0056"
    assert iri.expression_iri("TA-9-2021-0056", "ro") == EXPR
    assert iri.unit_iri(EXPR, "cit_3") == EXPR + "/cit_3"
    assert iri.unit_iri(EXPR, "para_5__subpara_2") == EXPR + "/para_5__subpara_2"
    assert iri.unit_iri(EXPR, "fn_4") == EXPR + "/fn_4"
    assert iri.phrase_iri(EXPR + "/para_3", 120, 136) == EXPR + "/para_3#char=120,136"
    assert (
        iri.entity_iri(EntityType.PERSON, "almat-zhumagulov")
        == "https://w3id.org/epkg/id/person/almat-zhumagulov"
    )
    assert iri.entity_iri(EntityType.NGO, "x").startswith("https://w3id.org/epkg/id/ngo/")
    assert iri.concept_iri("PoliticalPrisoner") == "https://w3id.org/epkg/ontology#PoliticalPrisoner"
    assert iri.language_iri("ro") == (
        "http://publications.europa.eu/resource/authority/language/RON"
    )
    assert iri.ep_work_iri("TA-9-2021-0056") == (
        "https://data.europarl.europa.eu/eli/dl/doc/TA-9-2021-0056"
    )


def test_every_eu_language_maps_to_a_three_letter_code() -> None:
    assert len(iri.EU_LANGUAGES) == 24
    assert all(len(c) == 3 and c.isupper() for c in iri.EU_LANGUAGES.values())
    with pytest.raises(ConfigError, match="unknown language"):
        iri.language_iri("xx")


def test_every_entity_type_has_a_distinct_slug() -> None:
    slugs = [iri.entity_type_slug(t) for t in EntityType]
    assert len(slugs) == 13 == len(set(slugs))


def test_a_moved_base_moves_every_instance_iri() -> None:
    base = "https://example.org/kg/"
    assert iri.work_iri("TA-9-2021-0056", base).startswith(base + "eli/dl/doc/")
    assert iri.entity_iri(EntityType.PLACE, "k", base) == base + "id/place/k"


@pytest.mark.parametrize(
    "base",
    ["", "https://example.org", "ftp://example.org/", "https://exa mple.org/", "https://e.org/?q/",
     "https://e.org/#x/", "relative/"],
)
def test_bad_bases_raise(base: str) -> None:
    with pytest.raises(iri.InvalidIRIError):
        iri.work_iri("TA-9-2021-0056", base)


@pytest.mark.parametrize("value", ["", "   "])
def test_empty_slots_raise(value: str) -> None:
    with pytest.raises(iri.InvalidIRIError, match="empty"):
        iri.entity_iri(EntityType.PERSON, value)
    with pytest.raises(iri.InvalidIRIError):
        iri.unit_iri(EXPR, value)


def test_bad_offsets_and_names_raise() -> None:
    with pytest.raises(iri.InvalidIRIError):
        iri.phrase_iri(EXPR + "/para_1", 5, 4)
    with pytest.raises(iri.InvalidIRIError):
        iri.term_iri("not a name")
    with pytest.raises(iri.InvalidIRIError):
        iri.check_iri("http://e.org/a b")


def test_doc_id_fallbacks() -> None:
    assert iri.doc_id_for(None, "TA-9-2021-0056", "ab") == ("TA-9-2021-0056", True)
    assert iri.doc_id_for("P9_TA(2021)0056", None, "ab") == ("TA-9-2021-0056", True)
    digest = "0123456789abcdef" * 4
    assert iri.doc_id_for(None, None, digest) == ("sha256-0123456789abcdef", False)


keys = st.text(min_size=1, max_size=40).filter(lambda s: s.strip())


@settings(max_examples=300, deadline=None)
@given(key=keys, etype=st.sampled_from(list(EntityType)))
def test_entity_iris_are_valid_deterministic_and_stay_in_their_slot(
    key: str, etype: EntityType
) -> None:
    minted = iri.entity_iri(etype, key)
    assert minted == iri.entity_iri(etype, key)
    NamedNode(minted)  # a valid IRI, or pyoxigraph raises
    prefix = f"{BASE}id/{iri.entity_type_slug(etype)}/"
    assert minted.startswith(prefix)
    tail = minted[len(prefix):]
    assert not any(c in tail for c in "/#? <>\"{}|\\^`")
    from urllib.parse import unquote

    assert unquote(tail) == key


@settings(max_examples=200, deadline=None)
@given(a=keys, b=keys)
def test_distinct_keys_give_distinct_iris(a: str, b: str) -> None:
    if a != b:
        assert iri.entity_iri(EntityType.PERSON, a) != iri.entity_iri(EntityType.PERSON, b)


@settings(max_examples=200, deadline=None)
@given(unit=keys, start=st.integers(0, 10_000), length=st.integers(0, 500))
def test_unit_and_phrase_iris(unit: str, start: int, length: int) -> None:
    unit_iri = iri.unit_iri(EXPR, unit)
    assert unit_iri.count("/") == EXPR.count("/") + 1
    phrase = iri.phrase_iri(unit_iri, start, start + length)
    NamedNode(phrase)
    assert phrase.endswith(f"#char={start},{start + length}")
