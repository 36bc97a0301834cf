"""The anchor check (graph/checks.py ``_anchors``) reads each of a span's terms out of
pyoxigraph once, not once per combination: a span with several offsets, anchors or
units is still flagged whenever a combination of them is one its SPARQL query
reports, and the fast gate's verdict stays the full validation's. Offsets are read
without a regex, as the regex read them."""

from __future__ import annotations

import re

import pytest
from graph_samples import Mutation, add, set_object, small_analysis
from hypothesis import given
from hypothesis import strategies as st
from pyoxigraph import Literal, NamedNode, Quad

import graph.validate as gate
from graph.checks import _offset
from graph.rdf import build_quads
from graph.validate import ValidationResult, suspects, validate

NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
XSD = "http://www.w3.org/2001/XMLSchema#"
EXPR = "https://w3id.org/epkg/eli/dl/doc/TA-9-2021-0056/ro"
SPAN = EXPR + "/rec_A#char=9,20"  # "Ivan Petrov" in the recital
SPARQL = "SPARQLConstraintComponent"


def _integer(value: int) -> Literal:
    return Literal(str(value), datatype=NamedNode(XSD + "integer"))


def _typed(value: str) -> Literal:
    return Literal(value, datatype=NamedNode(XSD + "integer"))


#: name → damage giving the span of "Ivan Petrov" (9–20 in rec_A) a second value
SEVERAL: dict[str, Mutation] = {
    "a second anchor, wrong": add((SPAN, NIF + "anchorOf", Literal("Ivan Petrof"))),
    "a second anchor, right, with a language": add(
        (SPAN, NIF + "anchorOf", Literal("Ivan Petrov", language="ro"))
    ),
    "a second begin index, wrong": add((SPAN, NIF + "beginIndex", _integer(10))),
    "a second end index, beyond the text": add((SPAN, NIF + "endIndex", _integer(999))),
    "a second end index before the begin": add((SPAN, NIF + "endIndex", _integer(3))),
    "a second unit, whose text differs": add(
        (SPAN, NIF + "referenceContext", NamedNode(EXPR + "/para_1"))
    ),
    "a begin index written 09": set_object(SPAN, NIF + "beginIndex", _typed("09")),
    "an anchor with a language, right": set_object(
        SPAN, NIF + "anchorOf", Literal("Ivan Petrov", language="ro")
    ),
}


def _sparql_focus(result: ValidationResult) -> set[str]:
    return {row.focus for row in result.results if row.component == SPARQL}


@pytest.mark.parametrize("name", sorted(SEVERAL))
def test_a_span_with_several_values_is_screened_as_its_query_says(name: str) -> None:
    damaged = SEVERAL[name](build_quads(small_analysis()))
    full = validate(damaged)
    found = suspects(damaged)
    assert found is not None
    assert _sparql_focus(full) <= {node for _, node in found}, full.text()
    assert (gate._conforming_fast(damaged) is not None) == full.conforms
    assert full.conforms == validate(damaged, engine="pyshacl").conforms


def test_the_several_values_cases_reach_the_anchor_query() -> None:
    reported = {
        name
        for name, mutate in SEVERAL.items()
        if f"<{SPAN}>" in _sparql_focus(validate(mutate(build_quads(small_analysis()))))
    }
    assert len(SEVERAL) == 8
    assert reported >= {
        "a second anchor, wrong",
        "a second begin index, wrong",
        "a second end index, beyond the text",
        "a second unit, whose text differs",
    }, reported


def test_quads_and_triples_of_one_graph_get_one_verdict() -> None:
    quads = build_quads(small_analysis())
    triples = [q.triple for q in quads]
    assert gate._conforming_fast(triples) is not None
    mixed: list[Quad] = quads[:-1] + [Quad(*quads[-1].triple)]  # one in the default graph
    assert gate._conforming_fast(mixed) is None  # two graphs: validate() takes each alone


@given(st.text(max_size=6) | st.from_regex(r"-?[0-9]{1,4}", fullmatch=True))
def test_an_offset_is_read_as_the_regex_reads_it(value: str) -> None:
    """``_offset`` tests digits without a regex; it reads what ``[0-9]+`` fully matches."""
    expected = int(value) if re.fullmatch(r"[0-9]+", value) else None
    assert _offset(Literal(value, datatype=NamedNode(XSD + "integer"))) == expected
    assert _offset(Literal(value)) is None
