"""The embedded store: one named graph per document, replaced (never duplicated) on
rebuild, atomic writes, clear errors for locked / missing / foreign folders, and the
`epkg query --store` / `epkg export --store` commands over it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from graph_samples import small_analysis

from graph.cli import main
from graph.errors import StoreError
from graph.queries import load_graph_file
from graph.rdf import build_quads
from graph.store import open_store

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "fixtures" / "queries" / "corpus.trig"
DOC1 = "https://w3id.org/epkg/eli/dl/doc/TA-9-2021-0001/ro"
DOC2 = "https://w3id.org/epkg/eli/dl/doc/TA-9-2022-0002/en"


def graph_quads(name: str) -> list[ox.Quad]:
    memory = load_graph_file(CORPUS)
    return list(memory.quads_for_pattern(None, None, None, ox.NamedNode(name)))


@pytest.fixture
def filled(tmp_path: Path) -> Path:
    folder = tmp_path / "store"
    with open_store(folder) as store:
        store.replace_graph(DOC1, graph_quads(DOC1))
        store.replace_graph(DOC2, graph_quads(DOC2))
    return folder


def test_each_document_in_its_own_graph_and_rebuilding_never_duplicates(tmp_path: Path) -> None:
    doc1, doc2 = graph_quads(DOC1), graph_quads(DOC2)
    with open_store(tmp_path / "st") as store:
        assert store.replace_graph(DOC1, doc1) == len(doc1)
        assert store.replace_graph(DOC2, doc2) == len(doc2)
        counts = store.counts()
        assert counts == {DOC1: len(doc1), DOC2: len(doc2)}
        total = store.count()
        for _ in range(3):
            store.replace_graph(DOC1, doc1)
            store.replace_graph(DOC2, reversed(doc2))
        assert store.count() == total
        assert store.counts() == counts


def test_replacing_drops_what_the_new_build_no_longer_has(tmp_path: Path) -> None:
    doc1 = graph_quads(DOC1)
    with open_store(tmp_path / "st") as store:
        store.replace_graph(DOC1, doc1)
        store.replace_graph(DOC1, doc1[:10])
        assert store.count(DOC1) == 10
        assert set(store.store.quads_for_pattern(None, None, None)) == set(doc1[:10])


class _CountingUpdates:
    """An Oxigraph store that records the SPARQL updates it is sent."""

    def __init__(self, real: ox.Store) -> None:
        self.real = real
        self.updates: list[str] = []

    def update(self, text: str) -> None:
        self.updates.append(text)
        self.real.update(text)

    def __getattr__(self, name: str) -> object:
        return getattr(self.real, name)


def test_rebuilding_sends_only_what_changed(tmp_path: Path) -> None:
    """The same graph again costs no update; a changed one an update of its difference
    (so a rebuild of 3,000 unchanged triples is not a 3,000-triple update)."""
    doc1 = build_quads(small_analysis())  # what the pipeline writes: no blank node
    graph = doc1[0].graph_name
    extra = ox.Quad(ox.NamedNode("urn:a"), ox.NamedNode("urn:b"), ox.Literal('x "y"\n'), graph)
    with open_store(tmp_path / "st") as store:
        store.replace_graph(graph, doc1)
        spy = _CountingUpdates(store.store)
        store._store = spy  # type: ignore[assignment]
        assert store.replace_graph(graph, reversed(doc1)) == len(doc1)
        assert spy.updates == []
        changed = [*doc1[1:], extra]
        assert store.replace_graph(graph, changed) == len(changed)
        assert len(spy.updates) == 1
        assert spy.updates[0].startswith("DELETE DATA") and spy.updates[0].count(" .\n") == 2
        store._store = spy.real
        assert set(store.store.quads_for_pattern(None, None, None)) == set(changed)
        assert store.count(graph) == len(changed)


def test_a_graph_mostly_changed_or_with_blank_nodes_is_replaced_whole(tmp_path: Path) -> None:
    doc1 = [q for q in graph_quads(DOC1) if not _blank(q)]
    g = ox.NamedNode(DOC1)
    blank = [ox.Quad(ox.BlankNode("b"), ox.NamedNode("urn:p"), ox.Literal(str(i)), g)
             for i in range(3)]
    with open_store(tmp_path / "st") as store:
        store.replace_graph(DOC1, doc1)
        spy = _CountingUpdates(store.store)
        store._store = spy  # type: ignore[assignment]
        store.replace_graph(DOC1, doc1[:3])  # most of it gone: dropped and inserted
        store.replace_graph(DOC1, [*doc1[:3], *blank])
        store.replace_graph(DOC1, [*doc1[:3], *blank])  # blank nodes: whole again
        assert [u.split()[0] for u in spy.updates] == ["DROP", "DROP", "DROP"]
        store._store = spy.real
        stored = list(store.store.quads_for_pattern(None, None, None))
        assert len(stored) == 6  # blank nodes get new labels: compare the rest, and count
        assert {q for q in stored if not _blank(q)} == set(doc1[:3])
        assert sorted(q.object.value for q in stored if _blank(q)) == ["0", "1", "2"]


def _blank(q: ox.Quad) -> bool:
    return isinstance(q.subject, ox.BlankNode) or isinstance(q.object, ox.BlankNode)


def test_a_failed_write_leaves_the_store_as_it_was(tmp_path: Path) -> None:
    doc1 = graph_quads(DOC1)
    with open_store(tmp_path / "st") as store:
        store.replace_graph(DOC1, doc1)
        before = set(store.store.quads_for_pattern(None, None, None))
        with pytest.raises(StoreError, match="could not write"):
            store.replace_graph_ntriples(DOC1, "<urn:a> <urn:b> this is not N-Triples .\n")
        with pytest.raises(StoreError, match="one named graph"):
            store.replace_graph(DOC1, [*doc1[:5], *graph_quads(DOC2)[:1]])
        assert set(store.store.quads_for_pattern(None, None, None)) == before
        # A new document whose data breaks half-way leaves nothing of itself behind.
        good_then_bad = "<urn:a> <urn:b> <urn:c> .\n<urn:a> <urn:b> broken .\n"
        with pytest.raises(StoreError, match="could not write"):
            store.replace_graph_ntriples(DOC2, good_then_bad)
        assert store.graphs() == [DOC1]
        assert set(store.store.quads_for_pattern(None, None, None)) == before


def test_n_triples_text_cannot_smuggle_an_update(filled: Path) -> None:
    hostile = (
        "<urn:a> <urn:b> <urn:c> . } } ; CLEAR ALL ; "
        "INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> <urn:c> ."
    )
    with open_store(filled) as store:
        before = store.counts()
        with pytest.raises(StoreError, match="could not write"):
            store.replace_graph_ntriples(DOC1, hostile)  # DOC1 exists: the update path
        assert store.counts() == before


def test_the_store_survives_reopening(filled: Path) -> None:
    with open_store(filled) as store:
        assert store.graphs() == [DOC1, DOC2]
    with open_store(filled, read_only=True) as store:
        assert store.graphs() == [DOC1, DOC2]
        with pytest.raises(StoreError, match="read-only"):
            store.replace_graph(DOC1, [])


def test_a_locked_store_is_a_clear_error_and_readers_still_work(filled: Path) -> None:
    code = (
        "import sys\n"
        "from graph.store import open_store\n"
        "from graph.errors import StoreError\n"
        "try:\n"
        f"    open_store({str(filled)!r})\n"
        "except StoreError as exc:\n"
        "    print(exc); sys.exit(3)\n"
        f"with open_store({str(filled)!r}, read_only=True) as st:\n"
        "    print(len(st.graphs()))\n"
    )
    with open_store(filled):  # this process holds the write lock
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60
        )
        assert done.returncode == 3, done.stderr
        assert "in use by another process" in done.stdout
        with pytest.raises(StoreError, match="in use"):
            open_store(filled)
    reader = subprocess.run(
        [sys.executable, "-c", code.split("try:")[0] + code.split("sys.exit(3)\n")[1]],
        capture_output=True, text=True, cwd=ROOT, timeout=60,
    )
    assert reader.stdout.strip() == "2", reader.stderr


def test_folders_that_are_not_stores_are_refused(tmp_path: Path) -> None:
    foreign = tmp_path / "photos"
    foreign.mkdir()
    (foreign / "cat.jpg").write_bytes(b"\xff\xd8")
    with pytest.raises(StoreError, match="not a store"):
        open_store(foreign)
    assert sorted(p.name for p in foreign.iterdir()) == ["cat.jpg"]
    a_file = tmp_path / "file.txt"
    a_file.write_text("x")
    with pytest.raises(StoreError, match="it is a file"):
        open_store(a_file)
    with pytest.raises(StoreError, match="cannot open"):
        open_store(a_file / "sub")  # under a file: cannot be created
    with pytest.raises(StoreError, match="no store there"):
        open_store(tmp_path / "missing", read_only=True)
    assert not (tmp_path / "missing").exists()


def test_quads_are_exported_in_a_stable_order(filled: Path) -> None:
    with open_store(filled, read_only=True) as store:
        first = list(store.quads())
    with open_store(filled, read_only=True) as store:
        assert list(store.quads()) == first
    assert [q.graph_name.value for q in first[:1]] == [DOC1]  # type: ignore[union-attr]


# --- the commands over the store ----------------------------------------------------


def test_epkg_export_store_keeps_the_graphs(filled: Path, tmp_path: Path) -> None:
    out = tmp_path / "all.trig"
    result = CliRunner().invoke(main, ["export", "--store", str(filled), "-o", str(out)])
    assert result.exit_code == 0, result.output
    back = load_graph_file(out)
    assert sorted(g.value for g in back.named_graphs()) == [DOC1, DOC2]  # type: ignore[union-attr]
    assert len(back) == len(load_graph_file(CORPUS))
    nt = CliRunner().invoke(main, ["export", "--store", str(filled), "-o", "-", "--format", "nt"])
    assert nt.exit_code == 0
    # N-Triples holds the union: a triple repeated in both graphs appears once.
    assert 0 < len(nt.stdout_bytes.splitlines()) < len(back)


def test_epkg_export_of_a_missing_store_exits_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["export", "--store", str(tmp_path / "no"), "-o", "x.trig"])
    assert result.exit_code == 2
    assert "no store there" in result.output
    assert not (tmp_path / "x.trig").exists()


def test_epkg_query_over_the_store_and_over_a_file_agree(filled: Path) -> None:
    runner = CliRunner()
    on_store = runner.invoke(main, ["query", "most-mentioned", "--store", str(filled), "-f", "csv"])
    on_file = runner.invoke(main, ["query", "most-mentioned", "--data", str(CORPUS), "-f", "csv"])
    assert on_store.exit_code == 0 and on_file.exit_code == 0, on_store.output + on_file.output
    assert on_store.output == on_file.output
    assert "Ana Popescu" in on_store.output
    kwic = runner.invoke(main, [
        "query", "keyword-in-context", "--store", str(filled),
        "--param", "entity=<https://w3id.org/epkg/id/person/ana-popescu>",
    ])
    assert kwic.exit_code == 0 and "(4 rows)" in kwic.output


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["query", "outline", "--data", str(CORPUS), "--store", "st"], 2, "not both"),
        (["query", "no-such", "--data", str(CORPUS)], 2, "unknown query"),
        (["query", "outline", "--data", str(CORPUS), "--param", "oops"], 2, "name=value"),
        (["query", "keyword-in-context", "--data", str(CORPUS)], 2, "needs --param entity"),
        (["query", "outline", "--data", "missing.ttl"], 2, "no such graph file"),
    ],
)
def test_epkg_query_errors(args: list[str], code: int, message: str) -> None:
    result = CliRunner().invoke(main, args)
    assert result.exit_code == code, result.output
    assert message in result.output


def test_a_malformed_query_file_exits_1(tmp_path: Path) -> None:
    bad = tmp_path / "bad.rq"
    bad.write_text("# title: Bad\n# description: broken on purpose\nSELECT ?x WHERE {\n")
    result = CliRunner().invoke(main, ["query", str(bad), "--data", str(CORPUS)])
    assert result.exit_code == 1
    assert "not valid SPARQL" in result.output


def test_epkg_queries_lists_every_stored_query() -> None:
    result = CliRunner().invoke(main, ["queries"])
    assert result.exit_code == 0
    names = sorted(p.stem for p in (ROOT / "queries").glob("*.rq"))
    listed = [line.split()[0] for line in result.output.splitlines() if not line.startswith(" ")]
    assert listed == names
    assert "--param entity=" in result.output
