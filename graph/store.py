"""The embedded store: an on-disk Oxigraph database in a folder.

Each document's triples live in their own named graph (the expression IRI), so
building a document again *replaces* its graph and never duplicates it. Every write
is one Oxigraph transaction: a new document is one ``load``; a rebuilt one is one
SPARQL update carrying only what changed (``DELETE DATA …; INSERT DATA …``, often
nothing at all), or ``DROP SILENT GRAPH …; INSERT DATA …`` when most of it did. A
failure half-way leaves the store exactly as it was, and a reader never sees a
document half-written.

Many *new* documents at once (the batch builder) take a faster road,
:meth:`GraphStore.add_graphs`: a transaction checks every quad against the store
before writing it (~20 µs a quad on disk, growing with the store), while
Oxigraph's bulk loader writes sorted files and hands them to RocksDB in one
ingestion (~10 µs a quad, RocksDB's background compaction included; about a
tenth of it in the calling thread). The bulk loader is not a transaction, so the
method keeps the same promise another way: it only adds graphs the store does not
hold, and if the ingestion fails it drops exactly those graphs again.

Only one process may hold an Oxigraph folder open for writing (RocksDB takes a
lock); readers open it read-only, which works while a writer holds the lock.
Every failure to open or write becomes a :class:`~graph.errors.StoreError`.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

import pyoxigraph as ox

from .errors import StoreError

__all__ = [
    "GraphStore",
    "open_store",
    "ntriples_of",
    "parse_graph",
    "BULK_MAX_QUADS",
    "default_store_dir",
    "DEFAULT_STORE_DIR",
]

#: Where commands keep the embedded store when no --store is given (EPKG_STORE overrides).
DEFAULT_STORE_DIR = "epkg-store"


def default_store_dir() -> str:
    """The embedded store commands use by default: ``$EPKG_STORE`` or ``./epkg-store``."""
    return os.environ.get("EPKG_STORE") or DEFAULT_STORE_DIR


#: The file every Oxigraph (RocksDB) folder holds; its absence means "not a store".
_MARKER = "CURRENT"


def ntriples_of(quads: Iterable[ox.Quad | ox.Triple], graph: ox.NamedNode | None = None) -> bytes:
    """Serialise the triples of ``quads`` as N-Triples (pyoxigraph escapes every term).

    When ``graph`` is given, a quad that belongs to another named graph is refused:
    a document's triples must all go to that document's graph.
    """
    triples: list[ox.Triple] = []
    for item in quads:
        if isinstance(item, ox.Quad):
            name = item.graph_name
            if graph is not None and not isinstance(name, ox.DefaultGraph) and name != graph:
                raise StoreError(
                    f"a quad of graph {name} was given for graph {graph}: "
                    "one document's triples go to one named graph"
                )
            triples.append(item.triple)
        else:
            triples.append(item)
    data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    assert data is not None
    return data


#: The most quads :meth:`GraphStore.add_graphs` takes in one call: under the
#: bulk loader's own batch (a million quads), so one call is one ingestion.
BULK_MAX_QUADS = 900_000


def _has_blank_node(triples: Iterable[ox.Triple]) -> bool:
    return any(
        isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode) for t in triples
    )


def _ntriples_text(triples: Iterable[ox.Triple]) -> str:
    """N-Triples written by pyoxigraph (an update's body: every term escaped)."""
    return (ox.serialize(list(triples), format=ox.RdfFormat.N_TRIPLES) or b"").decode("utf-8")


def parse_graph(
    graph_iri: str | ox.NamedNode, data: bytes | str, *, lenient: bool = False
) -> list[ox.Quad]:
    """N-Triples (or N-Quads of that one graph) → the graph's quads, deduplicated in order.

    A quad of another named graph is refused, as is text that does not parse;
    ``lenient`` skips checking IRIs and language tags (for pyoxigraph's own output).
    """
    graph = graph_iri if isinstance(graph_iri, ox.NamedNode) else ox.NamedNode(graph_iri)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        parsed = list(ox.parse(raw, format=ox.RdfFormat.N_QUADS, lenient=lenient))
    except (SyntaxError, ValueError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise StoreError(f"could not write graph {graph.value}: {first}") from exc
    quads: dict[ox.Quad, None] = {}
    for quad in parsed:
        name = quad.graph_name
        if isinstance(name, ox.DefaultGraph):
            quad = ox.Quad(quad.subject, quad.predicate, quad.object, graph)
        elif name != graph:
            raise StoreError(
                f"a quad of graph {name} was given for graph {graph}: "
                "one document's triples go to one named graph"
            )
        quads[quad] = None
    return list(quads)


def _quads_in(graph: ox.NamedNode, data: bytes) -> int:
    """The quads in ``data`` (N-Quads, one a line), refusing text with a line that does
    not end with ``graph``: a quad of another graph could not be undone by dropping it.
    Two counts of bytes in C, not a parse: this runs on the writer's serial path."""
    lines = data.count(b"\n")
    if (data and not data.endswith(b"\n")) or data.count(f" {graph} .\n".encode()) != lines:
        raise StoreError(
            f"a quad given for graph {graph.value} is not in that graph: "
            "one document's triples go to one named graph"
        )
    return lines


def _check_folder(path: Path, create: bool) -> None:
    """Refuse, with a clear message, folders that are not (and cannot become) a store."""
    if path.exists() and not path.is_dir():
        raise StoreError(f"{path}: not a store: it is a file, a store is a folder")
    if not path.exists():
        if not create:
            raise StoreError(
                f"{path}: no store there (build one with `epkg build … --store {path}`)"
            )
        return
    if not (path / _MARKER).is_file() and any(path.iterdir()):
        raise StoreError(
            f"{path}: not a store: the folder holds other files "
            "(give an empty or new folder, or one made by `epkg build --store`)"
        )


def _store_error(path: Path, exc: BaseException) -> StoreError:
    text = str(exc)
    if "lock" in text.lower():
        return StoreError(f"{path}: the store is in use by another process (it is locked)")
    if isinstance(exc, PermissionError) or "permission denied" in text.lower():
        return StoreError(f"{path}: cannot open the store: permission denied")
    first = text.splitlines()[0] if text else type(exc).__name__
    return StoreError(f"{path}: cannot open the store: {first}")


@dataclass
class GraphStore:
    """An open store. Use as a context manager so the folder's lock is released."""

    path: Path
    read_only: bool
    _store: ox.Store | None = field(repr=False, default=None)

    @property
    def store(self) -> ox.Store:
        if self._store is None:
            raise StoreError(f"{self.path}: the store is closed")
        return self._store

    def replace_graph(
        self, graph_iri: str | ox.NamedNode, quads: Iterable[ox.Quad | ox.Triple]
    ) -> int:
        """Make the named graph ``graph_iri`` hold exactly ``quads``; return its triple count."""
        graph = graph_iri if isinstance(graph_iri, ox.NamedNode) else ox.NamedNode(graph_iri)
        return self.replace_graph_ntriples(graph, ntriples_of(quads, graph))

    def replace_graph_ntriples(
        self, graph_iri: str | ox.NamedNode, ntriples: bytes | str, *, lenient: bool = False
    ) -> int:
        """Like :meth:`replace_graph`, from N-Triples text (what parallel workers send back).

        ``lenient`` skips checking IRIs and language tags: only for text that
        pyoxigraph's own serialiser wrote (the batch builder's workers), where it saves
        a tenth of the write.
        """
        graph = graph_iri if isinstance(graph_iri, ox.NamedNode) else ox.NamedNode(graph_iri)
        if self.read_only:
            raise StoreError(f"{self.path}: the store is open read-only")
        data = ntriples.encode("utf-8") if isinstance(ntriples, str) else ntriples
        nt = ox.RdfFormat.N_TRIPLES
        try:
            if not self.store.contains_named_graph(graph):
                # A new document: one load, itself a transaction (and ~40% cheaper).
                self.store.load(data, format=nt, to_graph=graph, lenient=lenient)
            else:
                parsed = ox.parse(data, format=nt, lenient=lenient)  # default-graph quads
                return self._rebuild(
                    graph, [q.triple if isinstance(q, ox.Quad) else q for q in parsed]
                )
        except (OSError, SyntaxError, ValueError, RuntimeError) as exc:
            first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise StoreError(f"{self.path}: could not write graph {graph.value}: {first}") from exc
        return self.count(graph)

    def _rebuild(self, graph: ox.NamedNode, triples: list[ox.Triple]) -> int:
        """Make a graph the store holds hold exactly ``triples``, in ONE update (one
        transaction), whose text pyoxigraph wrote, so only escaped terms reach it.

        The update carries only what changed: a document built again by the same
        version differs from its stored graph in a few triples or none, and an update
        of 3,000 triples costs 120–190 ms to parse and apply where reading the stored
        graph and comparing costs ~10. Blank nodes cannot be matched by value, so a
        graph holding any (none of ours does) is dropped and inserted whole; so is a
        graph whose change is larger than the graph itself.
        """
        new = set(triples)
        old = {q.triple for q in self.store.quads_for_pattern(None, None, None, graph)}
        if _has_blank_node(new) or _has_blank_node(old):
            gone, added, drop = old, new, True
        else:
            gone, added = old - new, new - old
            drop = len(gone) + len(added) > len(new)
        if drop:
            body = _ntriples_text(new)
            self.store.update(
                f"DROP SILENT GRAPH {graph} ;\nINSERT DATA {{ GRAPH {graph} {{\n{body}\n}} }}"
            )
        elif gone or added:
            self.store.update(
                f"DELETE DATA {{ GRAPH {graph} {{\n{_ntriples_text(gone)}\n}} }} ;\n"
                f"INSERT DATA {{ GRAPH {graph} {{\n{_ntriples_text(added)}\n}} }}"
            )
        return len(new)

    def has_graph(self, graph_iri: str | ox.NamedNode) -> bool:
        """Whether the store holds the named graph (a document built before)."""
        graph = graph_iri if isinstance(graph_iri, ox.NamedNode) else ox.NamedNode(graph_iri)
        return bool(self.store.contains_named_graph(graph))

    def add_graphs(
        self,
        documents: Sequence[tuple[str | ox.NamedNode, bytes]],
        *,
        lenient: bool = False,
    ) -> list[int]:
        """Add several *new* documents' graphs in one bulk ingestion (see the module notes).

        ``documents`` pairs each graph with its N-Quads, one quad a line, every one in
        that graph (what pyoxigraph's serialiser writes, and what the batch builder's
        workers send): the text goes to the bulk loader as it is, without a Python
        object per quad, which was most of the writer's time. Every graph must be
        absent from the store and named once, and every line must end with its graph,
        so that dropping those graphs undoes the ingestion: if it fails or is
        interrupted, they are dropped again — they were new, so the store is as it was
        — and the error is raised (a StoreError for a failure of the store or of the
        text). ``lenient`` skips checking IRIs and language tags (pyoxigraph's own
        output). Returns the quads of each graph, in order.
        """
        if self.read_only:
            raise StoreError(f"{self.path}: the store is open read-only")
        graphs = [g if isinstance(g, ox.NamedNode) else ox.NamedNode(g) for g, _ in documents]
        if len(set(graphs)) != len(graphs):
            raise StoreError("add_graphs: a graph is named twice (replace it instead)")
        for graph in graphs:
            if self.store.contains_named_graph(graph):
                raise StoreError(
                    f"{self.path}: graph {graph.value} is already in the store (replace it instead)"
                )
        sizes = [_quads_in(graph, data) for graph, (_, data) in zip(graphs, documents, strict=True)]
        if sum(sizes) > BULK_MAX_QUADS:
            raise StoreError(f"add_graphs takes at most {BULK_MAX_QUADS} quads at once")
        try:
            self.store.bulk_load(
                b"".join(data for _, data in documents),
                format=ox.RdfFormat.N_QUADS,
                lenient=lenient,
            )
        except BaseException as exc:
            for graph in graphs:  # they were new: dropping them restores the store
                with contextlib.suppress(OSError):
                    self.store.update(f"DROP SILENT GRAPH {graph}")
            if isinstance(exc, (OSError, SyntaxError, ValueError)):
                names = ", ".join(g.value for g in graphs)
                first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
                raise StoreError(f"{self.path}: could not write graphs {names}: {first}") from exc
            raise
        return sizes

    def remove_graph(self, graph_iri: str | ox.NamedNode) -> None:
        """Drop one document's graph (nothing happens if it is not there)."""
        graph = graph_iri if isinstance(graph_iri, ox.NamedNode) else ox.NamedNode(graph_iri)
        try:
            self.store.update(f"DROP SILENT GRAPH {graph}")
        except OSError as exc:
            raise StoreError(f"{self.path}: could not remove graph {graph.value}: {exc}") from exc

    def count(self, graph_iri: str | ox.NamedNode | None = None) -> int:
        """Triples in one named graph, or quads in the whole store."""
        if graph_iri is None:
            return len(self.store)
        graph = graph_iri if isinstance(graph_iri, ox.NamedNode) else ox.NamedNode(graph_iri)
        query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }}"
        result = self.store.query(query)
        assert isinstance(result, ox.QuerySolutions)
        count = next(iter(result))["n"]
        assert isinstance(count, ox.Literal)
        return int(count.value)

    def counts(self) -> dict[str, int]:
        """Triples per named graph, sorted by graph IRI (for ``epkg`` summaries and tests)."""
        result = self.store.query(
            "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"
        )
        assert isinstance(result, ox.QuerySolutions)
        return {row["g"].value: int(row["n"].value) for row in result}

    def graphs(self) -> list[str]:
        """The named graphs (one per document), sorted."""
        return sorted(g.value for g in self.store.named_graphs() if isinstance(g, ox.NamedNode))

    def quads(self) -> Iterator[ox.Quad]:
        """Every quad, graph by graph in IRI order (deterministic exports)."""
        for name in self.graphs():
            graph = ox.NamedNode(name)
            yield from sorted(self.store.quads_for_pattern(None, None, None, graph), key=str)

    def close(self) -> None:
        """Release the folder (RocksDB's lock goes with the last reference)."""
        if self._store is not None and not self.read_only:
            with contextlib.suppress(OSError):  # flushing is a courtesy
                self._store.flush()
        self._store = None

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def open_store(
    path: str | os.PathLike[str], *, create: bool = True, read_only: bool = False
) -> GraphStore:
    """Open (or, with ``create``, make) the store in folder ``path``.

    ``read_only`` is for queries and exports: it needs an existing store and works
    while another process is writing into it.
    """
    folder = Path(path)
    _check_folder(folder, create=create and not read_only)
    try:
        store = ox.Store.read_only(str(folder)) if read_only else ox.Store(str(folder))
    except (OSError, RuntimeError) as exc:
        raise _store_error(folder, exc) from exc
    return GraphStore(path=folder, read_only=read_only, _store=store)
