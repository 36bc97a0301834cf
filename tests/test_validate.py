"""The SHACL gate: a well-formed graph conforms; each kind of damage is caught, by
both engines, which agree result for result; `epkg validate` keeps pySHACL's exit codes."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from click.testing import CliRunner
from graph_samples import Mutation, add, drop, set_object, small_analysis
from pyoxigraph import Literal, NamedNode, Quad

from graph.cli import main
from graph.errors import ValidationFailed
from graph.export import write
from graph.rdf import build_quads
from graph.validate import ValidationResult, _conforming_fast, validate, validate_quads

EPKG = "https://w3id.org/epkg/ontology#"
ELI = "http://data.europa.eu/eli/ontology#"
NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
EXPR = "https://w3id.org/epkg/eli/dl/doc/TA-9-2021-0056/ro"
PERSON = "https://w3id.org/epkg/id/person/ivan-petrov"

MUTATIONS: dict[str, tuple[Mutation, str]] = {
    "unit cut from its document": (drop(EXPR + "/rec_A", ELI + "is_part_of"), EXPR + "/rec_A"),
    "anchor not the text at its offsets": (
        set_object(EXPR + "/rec_A#char=9,20", NIF + "anchorOf", Literal("Ivan Petrof")),
        EXPR + "/rec_A#char=9,20",
    ),
    "entity without a label": (drop(PERSON, SKOS + "prefLabel"), PERSON),
    "entity never mentioned": (drop(None, EPKG + "mentions"), PERSON),
    "duplicate ordinal": (
        set_object(
            EXPR + "/rec_A", EPKG + "ordinal",
            Literal("1", datatype=NamedNode("http://www.w3.org/2001/XMLSchema#integer")),
        ),
        EXPR + "/rec_A",
    ),
    "role outside the scheme": (
        add((PERSON, EPKG + "role", NamedNode(EPKG + "Journalistt"))), PERSON
    ),
    "offset beyond the text": (
        set_object(
            EXPR + "/rec_A#char=9,20", NIF + "endIndex",
            Literal("999", datatype=NamedNode("http://www.w3.org/2001/XMLSchema#integer")),
        ),
        EXPR + "/rec_A#char=9,20",
    ),
    "wrong language code": (
        set_object(
            EXPR, ELI + "language",
            NamedNode("http://publications.europa.eu/resource/authority/language/XXX"),
        ),
        EXPR,
    ),
}


@pytest.fixture(scope="module")
def quads() -> list[Quad]:
    return build_quads(small_analysis())


def test_mutation_count() -> None:
    assert len(MUTATIONS) == 8


@pytest.mark.parametrize("engine", ["shacl", "pyshacl"])
def test_the_hand_made_graph_conforms(quads: list[Quad], engine: str) -> None:
    result = validate(quads, engine=engine)  # type: ignore[arg-type]
    assert result.conforms, result.text()
    assert result.results == []
    assert _conforming_fast(quads) is not None  # the build's gate: the same verdict


def _keys(result: ValidationResult) -> set[tuple[str, str, str]]:
    return {row.key() for row in result.results}


@pytest.mark.parametrize("name", sorted(MUTATIONS))
def test_damage_is_caught_by_both_engines_alike(quads: list[Quad], name: str) -> None:
    mutate, focus = MUTATIONS[name]
    damaged = mutate(list(quads))
    fast = validate(damaged, engine="shacl")
    reference = validate(damaged, engine="pyshacl")
    assert not fast.conforms and not reference.conforms
    assert f"<{focus}>" in {row.focus for row in fast.results}, fast.text()
    assert _keys(fast) == _keys(reference), (fast.text(), reference.text())
    assert _conforming_fast(damaged) is None  # the build's gate: the same verdict


def test_validate_quads_raises_with_the_report(quads: list[Quad]) -> None:
    mutate, _ = MUTATIONS["entity without a label"]
    with pytest.raises(ValidationFailed) as info:
        validate_quads(mutate(list(quads)), origin="x.txt")
    assert info.value.exit_code == 1
    assert "MinCountConstraintComponent" in info.value.report
    assert validate_quads(quads).conforms


def test_renderings(quads: list[Quad]) -> None:
    import json

    from pyoxigraph import RdfFormat, parse

    mutate, _ = MUTATIONS["anchor not the text at its offsets"]
    result = validate(mutate(list(quads)))
    assert "Conforms: False" in result.text()
    payload = json.loads(result.json())
    assert payload["conforms"] is False and len(payload["results"]) == len(result.results)
    report = list(parse(result.turtle().encode(), format=RdfFormat.TURTLE))
    assert any(t.object.value == "http://www.w3.org/ns/shacl#ValidationReport" for t in report)


@pytest.mark.parametrize(
    ("fmt", "mutation"),
    [
        ("text", "unit cut from its document"),
        ("turtle", "anchor not the text at its offsets"),
        ("json", "entity without a label"),
    ],
)
def test_cli_exit_codes(tmp_path: Path, quads: list[Quad], fmt: str, mutation: str) -> None:
    good, bad = tmp_path / "good.ttl", tmp_path / "bad.nq"
    write(quads, good)
    mutate, focus = MUTATIONS[mutation]
    write(mutate(list(quads)), bad)
    runner = CliRunner()
    ok = runner.invoke(main, ["validate", str(good), "--format", fmt])
    assert ok.exit_code == 0, ok.output
    failed = runner.invoke(main, ["validate", str(bad), "--format", fmt])
    assert failed.exit_code == 1
    assert focus in failed.stdout


def test_cli_errors_exit_2(tmp_path: Path) -> None:
    runner = CliRunner()
    broken = tmp_path / "broken.ttl"
    broken.write_text("this is not turtle <", encoding="utf-8")
    assert runner.invoke(main, ["validate", str(broken)]).exit_code == 2
    assert runner.invoke(main, ["validate", str(tmp_path / "missing.ttl")]).exit_code == 2
    unknown = tmp_path / "graph.xyz"
    unknown.write_text("", encoding="utf-8")
    result = runner.invoke(main, ["validate", str(unknown)])
    assert result.exit_code == 2 and "suffix" in result.output


def test_cli_pyshacl_engine(tmp_path: Path, quads: list[Quad]) -> None:
    good = tmp_path / "good.jsonld"
    write(quads, good)
    result = CliRunner().invoke(main, ["validate", str(good), "--engine", "pyshacl"])
    assert result.exit_code == 0, result.output


def test_named_graphs_are_validated_one_by_one() -> None:
    """Two documents naming the same entity with different labels: no violation, as
    each document's graph is validated on its own; damage in one is still found."""
    first = build_quads(small_analysis())
    other = small_analysis(doc_id="TA-9-2021-0099")
    person = dataclasses.replace(other.entities[0], label="Ivan Petrov Jr")
    second = build_quads(dataclasses.replace(other, entities=(person,) + other.entities[1:]))
    assert {q.graph_name for q in first} != {q.graph_name for q in second}
    for engine in ("shacl", "pyshacl"):
        result = validate(first + second, engine=engine)  # type: ignore[arg-type]
        assert result.conforms, result.text()
    damaged = first + MUTATIONS["entity without a label"][0](second)
    result = validate(damaged)
    assert not result.conforms
    assert {row.focus for row in result.results} == {f"<{PERSON}>"}
    assert "ValidationReport" in result.turtle()
