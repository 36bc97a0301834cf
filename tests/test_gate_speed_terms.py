"""The gate reads the terms graph.rdf built a graph of, instead of reading them back out
of pyoxigraph, only for the very list the latest build returned; an index made of those
terms is the index made of the quads, and the native checks flag the same nodes."""

from __future__ import annotations

import random

import pytest
from graph_samples import small_analysis
from pyoxigraph import Literal, NamedNode, Quad
from test_validate_gate import CASES, ODD, _random_damage

import graph.validate as gate
from graph.checks import CHECKS, Index, Plan, Term, screen, split_shapes
from graph.rdf import build_quads, built_statements
from graph.validate import shapes_text, suspects

EXPR = "https://w3id.org/epkg/eli/dl/doc/TA-9-2021-0056/ro"


def test_the_latest_build_hands_over_its_terms() -> None:
    quads = build_quads(small_analysis())
    found = built_statements(quads)
    assert found is not None
    graph, statements = found
    assert graph == NamedNode(EXPR)
    assert [Quad(s, p, o, graph) for s, p, o in statements] == quads
    assert built_statements(list(quads)) == found  # the same quads in the same places


def _swapped(quads: list[Quad]) -> list[Quad]:
    return [quads[1], quads[0], *quads[2:]]


def _replaced(quads: list[Quad]) -> list[Quad]:
    first = quads[0]
    return [Quad(first.subject, first.predicate, Literal("x"), first.graph_name), *quads[1:]]


@pytest.mark.parametrize(
    "edit",
    [
        _swapped,
        _replaced,
        lambda quads: quads[:-1],
        lambda quads: [*quads, quads[0]],
        lambda quads: [Quad(q.subject, q.predicate, q.object, q.graph_name) for q in quads],
    ],  # the last: equal quads, not the same objects
)
def test_any_other_list_is_read_out_of_pyoxigraph(edit: object) -> None:
    quads = build_quads(small_analysis())
    assert callable(edit)
    assert built_statements(edit(quads)) is None


def test_an_older_build_is_not_taken_for_the_latest() -> None:
    first = build_quads(small_analysis())
    build_quads(small_analysis("en", "TA-9-2021-0099"))
    assert built_statements(first) is None


def _terms(quads: list[Quad]) -> list[tuple[Term, NamedNode, Term]]:
    return [(q.subject, q.predicate, q.object) for q in quads]


def _plan() -> Plan:
    fast = gate._fast_gate(shapes_text())
    assert fast is not None
    return fast.plan


def _same_screen(quads: list[Quad]) -> list[tuple[str, Term]]:
    plan = _plan()
    from_quads = list(screen(Index(quads), plan))
    from_terms = list(screen(Index.of_terms(_terms(quads)), plan))
    assert from_terms == from_quads
    return from_quads


def test_an_index_of_terms_is_the_index_of_the_quads() -> None:
    quads = build_quads(small_analysis())
    by_quads, by_terms = Index(quads), Index.of_terms(_terms(quads))
    predicates = {q.predicate for q in quads}
    assert len(predicates) > 30
    for predicate in predicates:
        assert predicate in by_terms and predicate in by_quads
        assert by_terms.objects(predicate) == by_quads.objects(predicate)
        assert by_terms.subjects(predicate) == by_quads.subjects(predicate)
    absent = NamedNode("https://example.org/absent")
    by_terms.objects(absent), by_quads.objects(absent)
    assert absent not in by_terms and absent not in by_quads


@pytest.mark.parametrize("name", sorted(CASES) + sorted(ODD))
def test_the_checks_flag_the_same_nodes_from_terms(name: str) -> None:
    mutate = CASES[name][0] if name in CASES else ODD[name]
    damaged = mutate(build_quads(small_analysis()))
    flagged = _same_screen(damaged)
    assert bool(flagged) == bool(CASES[name][1] if name in CASES else True)


def test_the_checks_flag_the_same_nodes_from_terms_on_random_damage() -> None:
    quads = build_quads(small_analysis())
    rng = random.Random(11)
    flagged = sum(bool(_same_screen(_random_damage(quads, rng))) for _ in range(100))
    assert flagged >= 30


def test_a_damaged_build_is_flagged_from_its_terms() -> None:
    """A graph the build itself got wrong (here: a span whose anchor is not the text at
    its offsets) is screened from the build's own terms, and flagged."""
    import dataclasses

    analysis = small_analysis()
    person = analysis.entities[0]
    wrong = dataclasses.replace(person.mentions[0], surface="Ivan Petrof")
    person = dataclasses.replace(person, mentions=(wrong, *person.mentions[1:]))
    quads = build_quads(dataclasses.replace(analysis, entities=(person, *analysis.entities[1:])))
    assert built_statements(quads) is not None
    found = suspects(quads)
    assert found and {check for check, _ in found} == {CHECKS[0].name}
    assert gate._conforming_fast(quads) is None


def test_the_split_shapes_still_index_triples() -> None:
    _, constraints = split_shapes(shapes_text(), "https://w3id.org/epkg/shapes")
    assert len(constraints) == len(CHECKS)
