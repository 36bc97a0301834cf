"""Exports: every format round-trips to an isomorphic graph (read by rdflib and by
pyoxigraph), output is byte-identical across runs and processes, and `epkg build`
writes what the suffix or --format asks (the pipeline is replaced by a hand-made
analysis here; the real pipeline is exercised by the golden and sample tests)."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from graph_samples import small_analysis
from hypothesis import given, settings
from hypothesis import strategies as st
from pyoxigraph import BlankNode, Literal, NamedNode, Quad, Triple, parse
from rdflib import Dataset, Graph
from rdflib.compare import to_isomorphic

from graph import export
from graph.cli import main
from graph.model import Analysis
from graph.rdf import build_quads

ROOT = Path(__file__).resolve().parent.parent
RDFLIB_FORMATS = {
    "turtle": "turtle", "jsonld": "json-ld", "nt": "nt", "nq": "nquads", "trig": "trig",
    "rdfxml": "xml",
}  # fmt: skip


@pytest.fixture(scope="module")
def quads() -> list[Quad]:
    return build_quads(small_analysis())


def _reference(quads: list[Quad]) -> Graph:
    return Graph().parse(data=export.sorted_ntriples(quads).decode(), format="nt")


def test_format_count() -> None:
    assert sorted(export.FORMATS) == ["jsonld", "nq", "nt", "rdfxml", "trig", "turtle"]


@pytest.mark.parametrize("fmt", sorted(RDFLIB_FORMATS))
def test_round_trip_with_rdflib(quads: list[Quad], fmt: str) -> None:
    data = export.serialize(quads, fmt)
    if export.FORMATS[fmt][1]:
        dataset = Dataset()
        dataset.parse(data=data, format=RDFLIB_FORMATS[fmt])
        graphs = [g for g in dataset.graphs() if len(g)]
        assert [str(g.identifier) for g in graphs] == [quads[0].graph_name.value]
        back = Graph()
        for triple in graphs[0]:
            back.add(triple)
    else:
        back = Graph().parse(data=data, format=RDFLIB_FORMATS[fmt])
    assert to_isomorphic(back) == to_isomorphic(_reference(quads))


@pytest.mark.parametrize("fmt", sorted(export.FORMATS))
def test_round_trip_with_pyoxigraph(quads: list[Quad], fmt: str, tmp_path: Path) -> None:
    path = tmp_path / f"graph.{ {'turtle': 'ttl', 'rdfxml': 'rdf'}.get(fmt, fmt) }"
    assert export.write(quads, path) == fmt
    back = export.read(path)
    assert {q.triple for q in back} == {q.triple for q in quads}
    if export.FORMATS[fmt][1]:
        assert set(back) == set(quads)  # graph names kept


@pytest.mark.parametrize("fmt", sorted(export.FORMATS))
def test_output_does_not_depend_on_quad_order(quads: list[Quad], fmt: str) -> None:
    assert export.serialize(quads, fmt) == export.serialize(list(reversed(quads)), fmt)


_HARD_TERMS = [
    NamedNode("http://x/a"), NamedNode("http://x/a/b"), NamedNode("http://x/a#b"),
    NamedNode("http://x/a-b"), NamedNode("http://x/ab"), NamedNode("http://x/é"),
    BlankNode("a"), BlankNode("a0"),
]
_HARD_OBJECTS = [
    *_HARD_TERMS, Literal(""), Literal("a"), Literal("a b"), Literal('a"b\\c\nd\te'),
    Literal("\x01\x7f\u2028 😀 é"), Literal("a", language="ro"), Literal("a", language="ro-md"),
    Literal("5", datatype=NamedNode("http://www.w3.org/2001/XMLSchema#integer")),
]
_HARD_PREDICATES = [
    NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
    NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#typeOf"),
    NamedNode("http://x/a"), NamedNode("http://x/a/b"), NamedNode("http://x/a#b"),
]


@given(
    st.lists(
        st.tuples(
            st.sampled_from(_HARD_TERMS), st.sampled_from(_HARD_PREDICATES),
            st.sampled_from(_HARD_OBJECTS),
        ),
        max_size=40,
    )
)
@settings(max_examples=200, deadline=None)
def test_the_fast_order_is_the_order_of_terms(rows: list[tuple[Any, Any, Any]]) -> None:
    """Keys read from N-Triples lines sort triples exactly as the terms' own key does:
    prefixes of IRIs (before "/", "#", "-"), blank nodes, escaped and non-ASCII literals."""
    triples = list({Triple(*row) for row in rows})
    assert export._in_order(triples) == sorted(triples, key=export._order)


def test_output_is_identical_in_another_process(quads: list[Quad], tmp_path: Path) -> None:
    script = (
        "import sys; sys.path.insert(0, 'tests');"
        "from graph_samples import small_analysis; from graph.rdf import build_quads;"
        "from graph import export; q = build_quads(small_analysis());"
        f"[export.write(q, {str(tmp_path)!r} + '/g.' + f, f) for f in export.FORMATS]"
    )
    env = dict(os.environ, PYTHONHASHSEED="12345")
    subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, check=True)
    for fmt in export.FORMATS:
        assert (tmp_path / f"g.{fmt}").read_bytes() == export.serialize(quads, fmt), fmt


def test_turtle_declares_prefixes_in_a_fixed_order(quads: list[Quad]) -> None:
    text = export.serialize(quads, "turtle").decode()
    declared = [line.split()[1] for line in text.splitlines() if line.startswith("@prefix")]
    assert declared[:4] == ["epkg:", "eli:", "nif:", "itsrdf:"]
    assert "epkg:Person" in text


def test_jsonld_is_compact_with_our_context(quads: list[Quad]) -> None:
    import json

    document = json.loads(export.serialize(quads, "jsonld"))
    assert document["@context"] == export.load_context()
    ids = [node["@id"] for node in document["@graph"]]
    assert ids == sorted(ids)
    assert any("epkg:Person" in (node.get("@type") or []) for node in document["@graph"])


def test_format_by_suffix_and_errors() -> None:
    assert export.format_for("a.ttl") == "turtle"
    assert export.format_for("a.NQ") == "nq"
    assert export.format_for("a.txt", "json-ld") == "jsonld"
    from graph.errors import ConfigError

    with pytest.raises(ConfigError, match="suffix"):
        export.format_for("a.txt")
    with pytest.raises(ConfigError, match="unknown format"):
        export.format_for("a.ttl", "yaml")


def test_write_is_atomic_on_failure(quads: list[Quad], tmp_path: Path) -> None:
    from graph.errors import OutputError

    with pytest.raises(OutputError):
        export.write(quads, tmp_path / "missing-folder" / "g.ttl")
    assert not list(tmp_path.iterdir())


# --- epkg build, with the pipeline replaced by the hand-made analysis ---------------


@pytest.fixture()
def fake_pipeline(monkeypatch: pytest.MonkeyPatch) -> list[Analysis]:
    made: list[Analysis] = []

    def analyse_path(path: str, language: str | None = None) -> Analysis:
        analysis = small_analysis(language=language or "ro")
        made.append(analysis)
        return analysis

    import graph.pipeline

    monkeypatch.setattr(graph.pipeline, "analyse_path", analyse_path)
    return made


@pytest.mark.parametrize("suffix", ["ttl", "jsonld", "nt", "nq", "trig", "rdf"])
def test_build_writes_by_suffix(fake_pipeline: list[Analysis], tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"out.{suffix}"
    result = CliRunner().invoke(main, ["build", "in.txt", "-o", str(out)])
    assert result.exit_code == 0, result.output
    fmt = export.format_for(out)
    back = list(parse(out.read_bytes(), format=export.FORMATS[fmt][0]))
    assert len(back) == len(build_quads(small_analysis()))


def test_build_to_stdout_with_format(fake_pipeline: list[Analysis]) -> None:
    result = CliRunner().invoke(main, ["build", "in.txt", "-o", "-", "--format", "nt"])
    assert result.exit_code == 0
    assert result.stdout_bytes == export.sorted_ntriples(build_quads(small_analysis()))
    default = CliRunner().invoke(main, ["build", "in.txt", "-o", "-"])
    assert default.stdout.startswith("@prefix epkg:")


def test_build_base_and_lang(fake_pipeline: list[Analysis]) -> None:
    args = ["build", "in.txt", "-o", "-", "-f", "nt", "--base", "https://example.org/kg/",
            "--lang", "en"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "<https://example.org/kg/eli/dl/doc/TA-9-2021-0056/en>" in result.stdout
    assert "language/ENG>" in result.stdout
    bad = CliRunner().invoke(main, ["build", "in.txt", "-o", "-", "--base", "example.org"])
    assert bad.exit_code == 2 and "base" in bad.output


def test_build_timestamp_is_opt_in(fake_pipeline: list[Analysis]) -> None:
    plain = CliRunner().invoke(main, ["build", "in.txt", "-o", "-", "-f", "nt"])
    stamped = CliRunner().invoke(main, ["build", "in.txt", "-o", "-", "-f", "nt", "--timestamp"])
    assert "startedAtTime" not in plain.stdout and "startedAtTime" in stamped.stdout


def test_build_refuses_a_non_conforming_graph(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    analysis = small_analysis()
    person = dataclasses.replace(analysis.entities[0], mentions=())  # never mentioned
    broken = dataclasses.replace(analysis, entities=(person,) + analysis.entities[1:])
    import graph.pipeline

    monkeypatch.setattr(graph.pipeline, "analyse_path", lambda path, language=None: broken)
    out = tmp_path / "out.ttl"
    result = CliRunner().invoke(main, ["build", "in.txt", "-o", str(out)])
    assert result.exit_code == 1
    assert "Conforms: False" in result.stderr and "ivan-petrov" in result.stderr
    assert not out.exists()
    skipped = CliRunner().invoke(main, ["build", "in.txt", "-o", str(out), "--no-validate"])
    assert skipped.exit_code == 0 and out.exists()


def test_build_unknown_suffix_exits_2(fake_pipeline: list[Analysis], tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", "in.txt", "-o", str(tmp_path / "out.txt")])
    assert result.exit_code == 2 and "suffix" in result.output
