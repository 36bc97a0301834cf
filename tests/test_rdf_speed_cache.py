"""Entity nodes are cached from one build to the next (graph/rdf.py ``_entity_node``):
the cache keeps each base apart, serves the entities a document describes and those
it only refers to, and caches no failure."""

from __future__ import annotations

import dataclasses

import pytest
from graph_samples import small_analysis

from graph.export import sorted_ntriples
from graph.iri import InvalidIRIError
from graph.model import Analysis, EntityType, Relation
from graph.rdf import build_quads

OURS = "https://w3id.org/epkg/"
THEIRS = "https://example.org/kg/"


def _with_undescribed_object() -> Analysis:
    analysis = small_analysis()
    extra = Relation(
        (EntityType.PERSON, "ivan-petrov"), "memberOf", (EntityType.MOVEMENT, "unnamed"), "rec_A"
    )
    return dataclasses.replace(analysis, relations=analysis.relations + (extra,))


@pytest.mark.parametrize("order", [(OURS, THEIRS, OURS), (THEIRS, OURS, THEIRS)])
def test_each_base_gets_its_own_entity_iris(order: tuple[str, str, str]) -> None:
    analysis = _with_undescribed_object()
    texts = [sorted_ntriples(build_quads(analysis, base=base)).decode() for base in order]
    for base, text in zip(order, texts, strict=True):
        other = THEIRS if base == OURS else OURS
        assert f"<{base}id/person/ivan-petrov>" in text
        assert f"<{base}id/movement/unnamed>" in text  # referred to, not described
        assert f"{other}id/" not in text
    assert texts[0] == texts[2]


def test_a_key_that_cannot_make_an_iri_fails_every_time() -> None:
    analysis = small_analysis()
    nameless = dataclasses.replace(analysis.entities[0], key=" ")
    broken = dataclasses.replace(analysis, entities=(nameless,) + analysis.entities[1:])
    for _ in range(2):
        with pytest.raises(InvalidIRIError):
            build_quads(broken)
