"""The sample resolution end to end: its graph conforms (both engines, which agree on
it and on a damaged copy), `epkg build` + `epkg validate` pass, builds are identical."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from pyoxigraph import Literal, Quad

from graph import export
from graph.cli import main
from graph.pipeline import analyse_path
from graph.rdf import build_quads
from graph.validate import _conforming_fast, validate

NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
ELI = "http://data.europa.eu/eli/ontology#"


@pytest.fixture(scope="module")
def quads(sample_path: Path) -> list[Quad]:
    return build_quads(analyse_path(sample_path))


def test_the_sample_graph_is_substantial(quads: list[Quad]) -> None:
    types = {
        q.object.value.rsplit("#", 1)[-1] for q in quads if q.predicate.value.endswith("#type")
    }
    assert {"Citation", "Recital", "Paragraph", "Subparagraph", "Footnote", "Person"} <= types
    assert len(quads) > 1000


def test_both_engines_agree_on_the_sample(quads: list[Quad]) -> None:
    fast, reference = validate(quads), validate(quads, engine="pyshacl")
    assert fast.conforms, fast.text()
    assert reference.conforms, reference.text()


def test_both_engines_agree_on_a_damaged_sample(quads: list[Quad]) -> None:
    anchors = [q for q in quads if q.predicate.value == NIF + "anchorOf"]
    cut = next(q for q in quads if q.predicate.value == ELI + "is_part_of"
               and q.subject.value.endswith("/rec_F"))
    damaged = [q for q in quads if q not in (anchors[0], cut)]
    damaged.append(Quad(anchors[0].subject, anchors[0].predicate, Literal("xyz"),
                        anchors[0].graph_name))
    fast, reference = validate(damaged), validate(damaged, engine="pyshacl")
    assert not fast.conforms and not reference.conforms
    assert _conforming_fast(damaged) is None and _conforming_fast(quads) is not None
    keys = {r.key() for r in fast.results}
    assert keys == {r.key() for r in reference.results}
    focuses = {r.focus for r in fast.results}
    assert f"<{anchors[0].subject.value}>" in focuses
    assert f"<{cut.subject.value}>" in focuses


def test_two_builds_are_byte_identical(sample_path: Path, quads: list[Quad]) -> None:
    again = build_quads(analyse_path(sample_path))
    for fmt in ("nt", "turtle", "jsonld"):
        assert export.serialize(again, fmt) == export.serialize(quads, fmt)


def test_cli_build_then_validate(sample_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "sample.ttl"
    runner = CliRunner()
    built = runner.invoke(main, ["build", str(sample_path), "-o", str(out)])
    assert built.exit_code == 0, built.output
    checked = runner.invoke(main, ["validate", str(out)])
    assert checked.exit_code == 0 and "Conforms: True" in checked.stdout


def test_cli_build_several_documents_into_trig(sample_path: Path, tmp_path: Path) -> None:
    other = Path(__file__).parent / "cases" / "fr-journalists" / "input.txt"
    out = tmp_path / "corpus.trig"
    runner = CliRunner()
    built = runner.invoke(main, ["build", str(sample_path), str(other), "-o", str(out)])
    assert built.exit_code == 0, built.output
    graphs = {q.graph_name.value for q in export.read(out)}
    assert graphs == {
        "https://w3id.org/epkg/eli/dl/doc/TA-9-2021-0056/ro",
        "https://w3id.org/epkg/eli/dl/doc/TA-9-2023-0031/fr",
    }
    checked = runner.invoke(main, ["validate", str(out)])
    assert checked.exit_code == 0, checked.output
