"""Offsets are code points, in the graph and in the shapes: for any unit text (accents,
combining marks, characters beyond the BMP) and any span, the anchor-at-offsets
constraint accepts the true substring and rejects any other."""

from __future__ import annotations

import dataclasses

from graph_samples import small_analysis
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from graph.model import Analysis, Entity, EntityType, Mention
from graph.rdf import build_quads
from graph.validate import _conforming_fast, validate

texts = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=60
).filter(lambda t: t.strip() == t and t)


def _with_span(text: str, start: int, end: int, surface: str) -> Analysis:
    analysis = small_analysis()
    document = analysis.document
    units = tuple(
        dataclasses.replace(u, text=text) if u.id == "rec_A" else u for u in document.units
    )
    entity = Entity(
        "someone", EntityType.PERSON, "Someone",
        mentions=(Mention("rec_A", start, end, surface, EntityType.PERSON),),
    )
    others = tuple(e for e in analysis.entities if all(m.unit != "rec_A" for m in e.mentions))
    relations = tuple(r for r in analysis.relations if r.unit != "rec_A")
    return dataclasses.replace(
        analysis,
        document=dataclasses.replace(document, units=units),
        entities=others + (entity,),
        relations=relations,
    )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts, data=st.data())
def test_the_true_substring_conforms_and_any_other_does_not(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    good_quads = build_quads(_with_span(text, start, end, text[start:end]))
    good = validate(good_quads)
    assert good.conforms, good.text()
    assert _conforming_fast(good_quads) is not None  # the native anchor check agrees
    wrong = data.draw(st.text(min_size=1, max_size=5))
    assume(wrong != text[start:end])
    bad_quads = build_quads(_with_span(text, start, end, wrong))
    bad = validate(bad_quads)
    assert not bad.conforms
    assert any(r.component == "SPARQLConstraintComponent" for r in bad.results)
    assert _conforming_fast(bad_quads) is None


def test_astral_characters_count_as_one() -> None:
    text = "a 𝔘𝔫𝔦 b Ștefan c"
    start = text.index("Ștefan")
    good = validate(build_quads(_with_span(text, start, start + 6, "Ștefan")))
    assert good.conforms, good.text()
    shifted = validate(build_quads(_with_span(text, start - 1, start + 5, "Ștefan")))
    assert not shifted.conforms
