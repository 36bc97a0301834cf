"""The build's fast gate: the validator on the core shapes plus native checks for the
SHACL-SPARQL constraints (graph/checks.py) give the full validation's verdict — on
the hand-made graph, on each kind of damage (every SPARQL constraint broken at least
once), on the sample, and on randomly damaged copies. A native check may flag more
than its query, never less; a constraint without one turns the fast path off."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from graph_samples import Mutation, add, drop, set_object, small_analysis
from pyoxigraph import Literal, NamedNode, Quad

import graph.validate as gate
from graph.checks import CHECKS, split_shapes, uncovered
from graph.errors import ValidationFailed
from graph.pipeline import analyse_path
from graph.rdf import build_quads
from graph.validate import ValidationResult, shapes_text, suspects, validate, validate_quads

EPKG = "https://w3id.org/epkg/ontology#"
ELI = "http://data.europa.eu/eli/ontology#"
NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
XSD = "http://www.w3.org/2001/XMLSchema#"
WORK = "https://w3id.org/epkg/eli/dl/doc/TA-9-2021-0056"
EXPR = WORK + "/ro"
PERSON = "https://w3id.org/epkg/id/person/ivan-petrov"
PLACE = "https://w3id.org/epkg/id/place/kazahstan"
SPAN = EXPR + "/rec_A#char=9,20"
SPARQL = "SPARQLConstraintComponent"

def _integer(value: int) -> Literal:
    return Literal(str(value), datatype=NamedNode(XSD + "integer"))


def _both(first: Mutation, second: Mutation) -> Mutation:
    return lambda quads: second(first(quads))


def _footnote(number: str) -> Mutation:
    node = EXPR + "/fn_2"
    return add(
        (node, RDF + "type", NamedNode(EPKG + "Footnote")),
        (node, RDF + "type", NamedNode(NIF + "Context")),
        (node, ELI + "is_part_of", NamedNode(EXPR)),
        (EXPR, ELI + "has_part", NamedNode(node)),
        (node, ELI + "number", Literal(number)),
        (node, NIF + "isString", Literal("JO C 1, 1.1.2021, p. 1.", language="ro")),
    )


#: name → (damage, the SPARQL constraint messages it must break, by a word of each)
CASES: dict[str, tuple[Mutation, set[str]]] = {
    "anchor differs from the text": (set_object(SPAN, NIF + "anchorOf", Literal("Ivan Petrof")),
                                     {"anchorOf"}),
    "anchor one code point off": (
        _both(set_object(SPAN, NIF + "beginIndex", _integer(10)),
              set_object(SPAN, NIF + "endIndex", _integer(21))),
        {"anchorOf"},
    ),
    "offset beyond the text": (set_object(SPAN, NIF + "endIndex", _integer(999)), {"anchorOf"}),
    "span's unit does not mention its entity": (
        drop(EXPR + "/para_1", EPKG + "mentions", PERSON), {"epkg:mentions"}
    ),
    "entity without a span": (
        add((PERSON + "-2", RDF + "type", NamedNode(EPKG + "Person")),
             (PERSON + "-2", SKOS + "prefLabel", Literal("Ivan Petrov II", language="ro")),
             (EXPR + "/cit_1", EPKG + "mentions", NamedNode(PERSON + "-2"))),
        {"mention span"},
    ),
    "unit part of the work, not the expression": (
        set_object(EXPR + "/rec_A", ELI + "is_part_of", NamedNode(WORK)), {"not part of a document"}
    ),
    "units in a loop": (
        set_object(EXPR + "/para_1", ELI + "is_part_of", NamedNode(EXPR + "/para_1__subpara_1")),
        {"not part of a document"},
    ),
    "duplicate ordinal": (set_object(EXPR + "/rec_A", EPKG + "ordinal", _integer(1)),
                          {"same ordinal"}),
    "subparagraph repeats its paragraph's ordinal": (
        set_object(EXPR + "/para_1__subpara_1", EPKG + "ordinal", _integer(3)), {"same ordinal"}
    ),
    "duplicate footnote number": (_footnote("1"), {"same number"}),
    "stated relation without its triple": (
        drop(PERSON, EPKG + "chargedUnder"), {"direct triple"}
    ),
    "stated relation names another object": (
        set_object(EXPR + "/para_1#relation_1", RDF + "object", NamedNode(PLACE)), {"direct triple"}
    ),
    "entity without a label": (drop(PERSON, SKOS + "prefLabel"), set()),
    "role outside the scheme": (add((PERSON, EPKG + "role", NamedNode(EPKG + "Spy"))), set()),
    "a second footnote, well formed": (_footnote("2"), set()),
}


@pytest.fixture(scope="module")
def quads() -> list[Quad]:
    return build_quads(small_analysis())


@pytest.fixture(scope="module")
def sample(sample_path: Path) -> list[Quad]:
    return build_quads(analyse_path(sample_path))


def _fast_conforms(quads: list[Quad]) -> bool:
    return gate._conforming_fast(quads) is not None


def _sparql_focus(result: ValidationResult) -> set[str]:
    return {row.focus for row in result.results if row.component == SPARQL}


def _suspect_nodes(quads: list[Quad]) -> set[str]:
    found = suspects(quads)
    assert found is not None
    return {node for _, node in found}


def test_every_sparql_constraint_has_a_native_check() -> None:
    _, constraints = split_shapes(shapes_text(), "https://w3id.org/epkg/shapes")
    assert len(constraints) == 7 == len(CHECKS)
    assert uncovered(constraints) == []
    for check in CHECKS:  # one constraint each: no check stands for a query we dropped
        assert sum(check.covers(c) for c in constraints) == 1, check.name


def test_the_core_shapes_are_the_shapes_without_their_sparql() -> None:
    from pyoxigraph import RdfFormat, parse

    core, constraints = split_shapes(shapes_text(), "https://w3id.org/epkg/shapes")
    every = list(parse(shapes_text(), format=RdfFormat.TURTLE))
    assert not any("sparql" in t.predicate.value or "SPARQL" in t.object.value for t in core)
    # each constraint: the sh:sparql link and its own type, message, prefixes and select
    assert len(every) - len(core) == 5 * len(constraints)


EDITS = {
    "a query changed": ("FILTER (?other != $this)", "FILTER (?other = $this)"),
    "a prefix redeclared": (
        '[ sh:prefix "nif" ; sh:namespace "http://persistence',
        '[ sh:prefix "nif" ; sh:namespace "http://example.org/nif#"^^xsd:anyURI ] , '
        '[ sh:prefix "x" ; sh:namespace "http://persistence',
    ),
    "a host shape used by another shape": (
        "sh:node epkgsh:ActivityShape", "sh:node epkgsh:ActivityShape, epkgsh:UnitShape"
    ),
    "a subclass declared in the shapes": (
        "epkgsh:PersonShape a sh:NodeShape ;",
        "epkg:Dissident rdfs:subClassOf epkg:Person . epkgsh:PersonShape a sh:NodeShape ;",
    ),
    "a host shape given a SPARQL target": (
        "epkgsh:FootnoteShape a sh:NodeShape ;",
        "epkgsh:FootnoteShape a sh:NodeShape ; sh:target [ a sh:SPARQLTarget ] ;",
    ),
}


@pytest.mark.parametrize("name", sorted(EDITS))
def test_an_edited_constraint_turns_the_fast_path_off(quads: list[Quad], name: str) -> None:
    old, new = EDITS[name]
    text = shapes_text()
    assert old in text
    edited = text.replace(old, new)
    _, constraints = split_shapes(edited, "https://w3id.org/epkg/shapes")
    assert uncovered(constraints)
    assert gate._fast_gate(edited) is None
    assert suspects(quads, edited) is None


_EXTRA = """
epkgsh:PersonShape sh:sparql [
    a sh:SPARQLConstraint ;
    sh:message "Only journalists here."@en ;
    sh:prefixes <https://w3id.org/epkg/shapes> ;
    sh:select "SELECT $this WHERE { FILTER NOT EXISTS { $this epkg:role epkg:Journalist } }" ;
] .
"""


def test_a_constraint_without_native_check_is_still_enforced(
    quads: list[Quad], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The gate does not drop a constraint it has no native check for: it validates in full."""
    extended = shapes_text() + _EXTRA
    monkeypatch.setattr(gate, "shapes_text", lambda folder=None: extended)
    with pytest.raises(ValidationFailed) as info:
        validate_quads(quads)
    assert "Only journalists here." in info.value.report


def test_the_cases_break_every_sparql_constraint(quads: list[Quad]) -> None:
    _, constraints = split_shapes(shapes_text(), "https://w3id.org/epkg/shapes")
    broken = {
        row.message
        for mutate, _ in CASES.values()
        for row in validate(mutate(list(quads))).results
        if row.component == SPARQL
    }
    assert broken == {c.message for c in constraints}
    assert len(CASES) == 15


@pytest.mark.parametrize("name", sorted(CASES))
def test_fast_verdict_equals_the_full_validations(quads: list[Quad], name: str) -> None:
    mutate, expected = CASES[name]
    damaged = mutate(list(quads))
    full = validate(damaged)
    reference = validate(damaged, engine="pyshacl")
    assert _fast_conforms(damaged) == full.conforms == reference.conforms
    assert full.conforms == (name == "a second footnote, well formed")
    messages = {row.message for row in full.results if row.component == SPARQL}
    assert all(any(word in m for m in messages) for word in expected), full.text()
    assert bool(messages) == bool(expected), full.text()
    assert _sparql_focus(full) <= _suspect_nodes(damaged)


def test_the_gate_reports_what_full_validation_reports(quads: list[Quad]) -> None:
    damaged = CASES["duplicate footnote number"][0](list(quads))
    with pytest.raises(ValidationFailed) as info:
        validate_quads(damaged, origin="x.txt")
    assert info.value.report == validate(damaged).text()
    assert validate_quads(quads) == validate(quads)  # conforming: the same result, report too


def test_the_sample_passes_the_fast_gate(sample: list[Quad]) -> None:
    assert suspects(sample) == []
    assert _fast_conforms(sample) and validate(sample).conforms


# --- randomly damaged graphs ------------------------------------------------------------


def _random_damage(quads: list[Quad], rng: random.Random) -> list[Quad]:
    """One to three edits of the kinds that break the contract: a triple dropped, an
    object swapped with another of the same predicate, an integer shifted, a string
    edited, an object pointed at another node, a node's triples all dropped."""
    quads = list(quads)
    for _ in range(rng.randint(1, 3)):
        i = rng.randrange(len(quads))
        q = quads[i]
        kind = rng.randrange(6)
        if kind == 0:
            del quads[i]
            continue
        if kind == 1:
            same = [x for x in quads if x.predicate == q.predicate and x != q]
            new = rng.choice(same).object if same else q.object
        elif kind == 2:
            numbers = [x for x in quads if isinstance(x.object, Literal)
                       and x.object.datatype.value == XSD + "integer"]
            q = rng.choice(numbers)
            i = quads.index(q)
            new = _integer(max(0, int(q.object.value) + rng.choice((-2, -1, 1, 5, 400))))
        elif kind == 3:
            texts = [x for x in quads if isinstance(x.object, Literal)
                     and x.object.datatype.value in (XSD + "string", RDF + "langString")]
            q = rng.choice(texts)
            i = quads.index(q)
            value = q.object.value
            edited = rng.choice((value[1:], value + "x", "𝔘" + value[1:], value[:-1] + "ș"))
            language = q.object.language
            new = Literal(edited, language=language) if language else Literal(edited)
        elif kind == 4:
            new = rng.choice(quads).subject
        else:
            quads = [x for x in quads if x.subject != q.subject]
            continue
        if isinstance(new, (NamedNode, Literal)):
            quads[i] = Quad(q.subject, q.predicate, new, q.graph_name)
    return quads


def _fuzz(quads: list[Quad], seed: int, budget: int) -> tuple[int, int, set[str]]:
    rng = random.Random(seed)
    conforming = failing = 0
    messages: set[str] = set()
    for _ in range(budget):
        damaged = _random_damage(quads, rng)
        full = validate(damaged)
        assert _fast_conforms(damaged) == full.conforms, full.text()
        from_text = gate._conforming_fast(damaged, _nquads(damaged)) is not None
        assert from_text == full.conforms, full.text()  # the batch workers' road
        assert _sparql_focus(full) <= _suspect_nodes(damaged), full.text()
        conforming += full.conforms
        failing += not full.conforms
        messages |= {row.message for row in full.results if row.component == SPARQL}
    return conforming, failing, messages


def test_random_damage_to_the_hand_made_graph(quads: list[Quad]) -> None:
    conforming, failing, messages = _fuzz(quads, seed=8, budget=300)
    assert conforming >= 10 and failing >= 150  # both sides of the verdict exercised
    assert len(messages) >= 5, messages


def test_random_damage_to_the_sample(sample: list[Quad]) -> None:
    conforming, failing, messages = _fuzz(sample, seed=56, budget=30)
    assert conforming >= 1 and failing >= 10
    assert len(messages) >= 3, messages


def _typed(value: str, datatype: str) -> Literal:
    return Literal(value, datatype=NamedNode(XSD + datatype))


ODD = {
    "an ordinal written 01": set_object(EXPR + "/rec_A", EPKG + "ordinal", _typed("01", "integer")),
    "an anchor typed xsd:token": set_object(SPAN, NIF + "anchorOf", _typed("Ivan Petrov", "token")),
    "an offset typed xsd:decimal": set_object(SPAN, NIF + "beginIndex", _typed("9.0", "decimal")),
    "rdfs:subClassOf in the data": add(
        (EPKG + "Dissident", "http://www.w3.org/2000/01/rdf-schema#subClassOf",
         NamedNode(EPKG + "Person"))
    ),
}


@pytest.mark.parametrize("name", sorted(ODD))
def test_odd_terms_are_flagged_not_reasoned_about(quads: list[Quad], name: str) -> None:
    """What a native check does not model (engines may normalise a typed literal;
    subclasses widen a class target) it flags, and the gate validates in full."""
    damaged = ODD[name](list(quads))
    assert suspects(damaged)
    assert not _fast_conforms(damaged)
    full = validate(damaged)
    try:
        validate_quads(damaged)
        gate_conforms = True
    except ValidationFailed:
        gate_conforms = False
    assert gate_conforms == full.conforms


# --- the validator's N-Triples cut from the worker's N-Quads ---------------------------


def _nquads(quads: list[Quad]) -> bytes:
    from pyoxigraph import RdfFormat, serialize

    return serialize(quads, format=RdfFormat.N_QUADS) or b""


def test_ntriples_cut_from_nquads_are_the_graphs_triples(sample: list[Quad]) -> None:
    from pyoxigraph import RdfFormat, parse

    graph = sample[0].graph_name
    tricky = [  # a literal that reads like a line's end, escaped line breaks, the graph's IRI
        Quad(NamedNode("urn:s"), NamedNode("urn:p"), Literal(f"x {graph} .\n{graph} ."), graph),
        Quad(NamedNode("urn:s"), NamedNode("urn:p"), graph, graph),
    ]
    for quads in (sample, [*sample, *tricky]):
        nt = gate._ntriples_of_nquads(quads, _nquads(quads))
        assert nt is not None
        back = {q.triple for q in parse(nt.encode(), format=RdfFormat.N_TRIPLES)}
        assert back == {q.triple for q in quads}


def test_nquads_that_are_not_those_quads_are_not_used(sample: list[Quad]) -> None:
    data = _nquads(sample)
    assert gate._ntriples_of_nquads(sample[:-1], data) is None  # a line too many
    other = [Quad(q.subject, q.predicate, q.object, NamedNode("urn:other")) for q in sample]
    assert gate._ntriples_of_nquads(other, data) is None  # another graph's name
    assert gate._ntriples_of_nquads([q.triple for q in sample], data) is None  # triples


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_verdict_is_the_same_from_nquads(quads: list[Quad], name: str) -> None:
    damaged = CASES[name][0](list(quads))
    with_text = gate._conforming_fast(damaged, _nquads(damaged))
    assert (with_text is not None) == _fast_conforms(damaged)
