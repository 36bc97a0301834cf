"""Fuzzing the four graph-file readers (validate, query --data, load, viz) with hypothesis.

A graph file that is cut, has bytes flipped or lines dropped, in any of the formats
epkg reads, is either read or refused with one of our typed errors — never a parser's
own exception escaping as an internal error. Fixed, derandomised budget.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.errors import EpkgError

ROOT = Path(__file__).resolve().parent.parent
GRAPH = ROOT / "tests" / "fixtures" / "load" / "one-document.ttl"
SUFFIXES = {
    "ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "nq": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG, "jsonld": ox.RdfFormat.JSON_LD, "rdf": ox.RdfFormat.RDF_XML,
}
_TRIPLES = list(ox.parse(path=str(GRAPH), format=ox.RdfFormat.TURTLE))
SERIALISED = {
    suffix: ox.serialize(
        [ox.Quad(t.subject, t.predicate, t.object,
                 ox.NamedNode("https://w3id.org/epkg/eli/dl/doc/TA-9-2099-0003/fr"))
         for t in _TRIPLES] if fmt.supports_datasets else _TRIPLES,
        format=fmt,
    )
    for suffix, fmt in SUFFIXES.items()
}

BUDGET: dict[str, Any] = {"deadline": None, "derandomize": True, "database": None,
                          "suppress_health_check": [HealthCheck.too_slow,
                                                    HealthCheck.function_scoped_fixture]}


def _readers() -> dict[str, Callable[[str], object]]:
    from graph.export import read
    from graph.load import read_graph_file
    from graph.queries import load_graph_file as query_load
    from graph.viz import load_graph_file as viz_load

    return {
        "validate": read,
        "load": lambda p: read_graph_file(p, "https://example.org/g"),
        "query": query_load,
        "viz": viz_load,
    }


@st.composite
def damaged(draw: st.DrawFn) -> tuple[str, bytes]:
    suffix = draw(st.sampled_from(sorted(SUFFIXES)))
    data = bytearray(SERIALISED[suffix])  # type: ignore[arg-type]
    for _ in range(draw(st.integers(1, 3))):
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        kind = draw(st.sampled_from(["cut", "flip", "drop", "insert"]))
        if kind == "cut":
            del data[at:]
        elif kind == "flip":
            data[at] = draw(st.integers(0, 255))
        elif kind == "drop":
            del data[at : at + draw(st.integers(1, 40))]
        else:
            data[at:at] = draw(st.binary(min_size=1, max_size=8))
    return suffix, bytes(data)


def test_the_serialisations_are_read_by_every_reader(tmp_path: Path) -> None:
    assert len(SERIALISED) == 6 and all(SERIALISED.values())
    for suffix, data in SERIALISED.items():
        path = tmp_path / f"g.{suffix}"
        path.write_bytes(data)  # type: ignore[arg-type]
        for name, reader in _readers().items():
            assert reader(str(path)) is not None, (name, suffix)


@settings(max_examples=60, **BUDGET)
@given(damaged())
def test_damaged_graph_files_are_read_or_refused_with_a_typed_error(
    tmp_path: Path, case: tuple[str, bytes]
) -> None:
    suffix, data = case
    path = tmp_path / f"damaged.{suffix}"
    path.write_bytes(data)
    for name, reader in _readers().items():
        try:
            reader(str(path))
        except EpkgError as exc:
            assert str(path) in str(exc), (name, str(exc))


@settings(max_examples=40, **BUDGET)
@given(st.sampled_from(sorted(SUFFIXES)), st.binary(max_size=200))
def test_random_bytes_as_graph_files(tmp_path: Path, suffix: str, data: bytes) -> None:
    path = tmp_path / f"random.{suffix}"
    path.write_bytes(data)
    for name, reader in _readers().items():
        try:
            reader(str(path))
        except EpkgError as exc:
            assert str(path) in str(exc), (name, str(exc))
