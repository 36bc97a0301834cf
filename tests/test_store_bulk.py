"""The batch writer's fast road into the store: new documents in one bulk ingestion,
with the same promises as a transaction (nothing duplicated, a failure undone), and
the batch builder mixing it with replacements in input order."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest

from graph.batch import BATCH_DOCUMENTS, BatchReport, Built, Outcome, _Failure, _Writer
from graph.errors import StoreError
from graph.queries import load_graph_file
from graph.store import open_store, parse_graph

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "fixtures" / "queries" / "corpus.trig"
DOC1 = "https://w3id.org/epkg/eli/dl/doc/TA-9-2021-0001/ro"
DOC2 = "https://w3id.org/epkg/eli/dl/doc/TA-9-2022-0002/en"


def nquads(name: str) -> bytes:
    memory = load_graph_file(CORPUS)
    quads = list(memory.quads_for_pattern(None, None, None, ox.NamedNode(name)))
    assert len(quads) > 10
    return ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b""


def test_parse_graph_puts_triples_in_the_graph_and_refuses_other_graphs() -> None:
    quads = parse_graph(DOC1, b"<urn:a> <urn:b> <urn:c> .\n<urn:a> <urn:b> <urn:c> .\n")
    assert quads == [ox.Quad(ox.NamedNode("urn:a"), ox.NamedNode("urn:b"),
                             ox.NamedNode("urn:c"), ox.NamedNode(DOC1))]
    with pytest.raises(StoreError, match="one named graph"):
        parse_graph(DOC1, nquads(DOC2))
    with pytest.raises(StoreError, match="could not write"):
        parse_graph(DOC1, b"<urn:a> <urn:b> broken .\n")


def test_add_graphs_writes_new_graphs_and_refuses_known_ones(tmp_path: Path) -> None:
    one, two = nquads(DOC1), nquads(DOC2)
    with open_store(tmp_path / "st") as store:
        sizes = store.add_graphs([(DOC1, one), (DOC2, two)])
        assert store.counts() == {DOC1: sizes[0], DOC2: sizes[1]}
        assert sizes == [len(parse_graph(DOC1, one)), len(parse_graph(DOC2, two))]
        with pytest.raises(StoreError, match="already in the store"):
            store.add_graphs([(DOC1, one)])
        with pytest.raises(StoreError, match="named twice"):
            store.add_graphs([("urn:g", b""), ("urn:g", b"")])
        with pytest.raises(StoreError, match="not in that graph"):
            store.add_graphs([("urn:g", one)])
        assert store.counts() == {DOC1: sizes[0], DOC2: sizes[1]}


@pytest.mark.parametrize(
    "text",
    [
        b"<urn:a> <urn:b> <urn:c> <urn:g> .\n<urn:a> <urn:b> <urn:c> <urn:other> .\n",
        b"<urn:a> <urn:b> <urn:c> <urn:g> .\n<urn:a> <urn:b> <urn:c> .\n",  # default graph
        b"<urn:a> <urn:b> <urn:c> <urn:g> .",  # a last line cut short
    ],
)
def test_add_graphs_refuses_text_with_a_quad_outside_its_graph(
    tmp_path: Path, text: bytes
) -> None:
    """Dropping the new graphs could not undo such a quad, so nothing is written."""
    with open_store(tmp_path / "st") as store:
        with pytest.raises(StoreError, match="not in that graph"):
            store.add_graphs([("urn:g", text)])
        assert store.count() == 0


def test_text_that_does_not_parse_leaves_the_store_as_it_was(tmp_path: Path) -> None:
    with open_store(tmp_path / "st") as store:
        store.add_graphs([(DOC1, nquads(DOC1))], lenient=True)
        before = set(store.store.quads_for_pattern(None, None, None))
        broken = b"<urn:a> <urn:b> <urn:c> <urn:g> .\n<urn:a> <urn:b> broken <urn:g> .\n"
        with pytest.raises(StoreError, match="could not write graphs .*urn:g"):
            store.add_graphs([(DOC2, nquads(DOC2)), ("urn:g", broken)], lenient=True)
        assert set(store.store.quads_for_pattern(None, None, None)) == before
        assert store.graphs() == [DOC1]


class _FailingStore:
    """An Oxigraph store whose bulk ingestion writes part of its input, then fails."""

    def __init__(self, real: ox.Store) -> None:
        self.real = real

    def bulk_load(self, input: bytes, format: ox.RdfFormat, lenient: bool) -> None:
        quads = list(ox.parse(input, format=format))
        self.real.extend(quads[: len(quads) // 2])
        raise OSError("No space left on device")

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)


def test_a_failed_ingestion_leaves_the_store_as_it_was(tmp_path: Path) -> None:
    with open_store(tmp_path / "st") as store:
        store.add_graphs([(DOC1, nquads(DOC1))])
        before = set(store.store.quads_for_pattern(None, None, None))
        real = store.store
        store._store = _FailingStore(real)  # type: ignore[assignment]
        with pytest.raises(StoreError, match="No space left"):
            store.add_graphs([(DOC2, nquads(DOC2))])
        store._store = real
        assert set(store.store.quads_for_pattern(None, None, None)) == before
        assert store.graphs() == [DOC1]


def test_the_writer_batches_new_documents_and_replaces_known_ones_in_order(
    tmp_path: Path,
) -> None:
    one, two = nquads(DOC1), nquads(DOC2)
    results: list[tuple[Path, Built | _Failure]] = [
        (Path("a.txt"), Built(DOC1, one, 0)),
        (Path("b.txt"), _Failure("b.txt: not a resolution", 2)),
        (Path("c.txt"), Built(DOC2, two, 0)),
        (Path("d.txt"), Built(DOC1, one, 0)),  # the same document again: replaced
        (Path("e.txt"), Built("urn:bad", b"<urn:a> <urn:b> broken .\n", 0)),
    ]
    seen: list[Outcome] = []
    report = BatchReport()
    with open_store(tmp_path / "st") as store:
        writer = _Writer(store, report, seen.append)
        writer.size = BATCH_DOCUMENTS  # everything new goes into one ingestion
        for path, result in results:
            writer.push(path, result)
        writer.flush()
        counts = store.counts()
    assert [o.path for o in seen] == ["a.txt", "b.txt", "c.txt", "d.txt", "e.txt"]
    assert [o.ok for o in seen] == [True, False, True, True, False]
    assert report.replaced == [DOC1]
    assert counts == {DOC1: seen[0].triples, DOC2: seen[2].triples}
    assert seen[0].triples == seen[3].triples == len(parse_graph(DOC1, one))
    assert "could not write graph urn:bad" in (seen[4].error or "")



def _renamed(data: bytes, graph: str) -> Built:
    """DOC1's quads as the graph ``graph``."""
    return Built(graph, data.replace(f"<{DOC1}>".encode(), f"<{graph}>".encode()), 0)


def _count_ingestions(store: Any) -> list[int]:
    """Record how many documents each bulk ingestion of ``store`` takes."""
    batches: list[int] = []
    real = store.add_graphs

    def counting(documents: Any, **kw: Any) -> list[int]:
        batches.append(len(documents))
        return real(documents, **kw)

    store.add_graphs = counting
    return batches


def test_the_writer_shrinks_its_last_batches_when_it_knows_how_many_are_to_come(
    tmp_path: Path,
) -> None:
    """Full batches first; then once as many documents wait as are still to come they
    are written, so the last ingestion holds one document instead of a full batch."""
    data = nquads(DOC1)
    graphs = [f"urn:doc:{i}" for i in range(40)]
    seen: list[Outcome] = []
    with open_store(tmp_path / "st") as store:
        batches = _count_ingestions(store)
        writer = _Writer(store, BatchReport(), seen.append, size=16, to_come=len(graphs))
        for i, graph in enumerate(graphs):
            writer.push(Path(f"{i}.txt"), _renamed(data, graph))
        writer.flush()
        assert sorted(store.graphs()) == sorted(graphs)
    assert batches == [16, 12, 6, 3, 2, 1]  # sum 40; without the count: [16, 24]
    assert [o.path for o in seen] == [f"{i}.txt" for i in range(40)]
    assert all(o.ok for o in seen)


def test_a_writer_that_does_not_know_what_is_to_come_keeps_full_batches(tmp_path: Path) -> None:
    data = nquads(DOC1)
    with open_store(tmp_path / "st") as store:
        batches = _count_ingestions(store)
        writer = _Writer(store, BatchReport(), None, size=16)
        for i in range(40):
            writer.push(Path(f"{i}.txt"), _renamed(data, f"urn:doc:{i}"))
        writer.flush()
    assert batches == [16, 24]
