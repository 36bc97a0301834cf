"""Build many resolutions at once, in parallel processes, into the embedded store.

A researcher never has one resolution. Each input is analysed, turned into quads
(and validated, unless asked not to) in a worker process; the parent process alone
writes into the store (Oxigraph lets one process hold a store open for writing),
in input order so the result does not depend on which worker finished first. A
document that fails is reported with its file and a one-line reason and skipped;
the others are kept.

The writer is the serial step, so it writes documents new to the store many at a
time in one bulk ingestion (:meth:`graph.store.GraphStore.add_graphs`, about half
the CPU of a transaction per document), handing the loader the N-Quads text the
workers sent as it is (a Python object per quad first took the writer's thread
~8 ms a document instead of ~5). A document already in the store is replaced in a
transaction of its own. A batch starts at one document and doubles up to
:data:`BATCH_DOCUMENTS`, so the first outcome shows at once; an outcome is reported
once its document is written.

Nothing here prints: the caller passes ``on_done`` to draw a progress bar.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import multiprocessing
import os
import time
from collections.abc import Callable, Generator, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from .errors import ConfigError, EpkgError
from .store import BULK_MAX_QUADS, GraphStore, parse_graph

__all__ = [
    "INPUT_SUFFIXES",
    "BuildOptions",
    "Built",
    "Outcome",
    "BatchReport",
    "expand_inputs",
    "build_one",
    "build_many",
]

#: Files taken from a folder given as input (text from a PDF, or the EP's HTML page).
INPUT_SUFFIXES: tuple[str, ...] = (".txt", ".html", ".htm", ".xhtml")


@dataclass(frozen=True, slots=True)
class BuildOptions:
    """What every worker needs to build one document (picklable)."""

    base: str | None = None
    language: str | None = None
    validate: bool = True
    timestamp: _dt.datetime | None = None


#: The most new documents the writer puts into the store in one bulk ingestion. Each
#: ingestion adds files that RocksDB later merges with most of the store (the keys are
#: hashes, so every file overlaps it): fewer, larger ingestions spare the writer most
#: of that background compaction, which grows with the store. Writer CPU per document
#: on a 1,000-document build: 75 ms at 16 a batch (58 of it compaction), 48 at 64,
#: 40 at 128; the price is memory, the writer peaking at ~700 MB (~370 at 64).
BATCH_DOCUMENTS = 128


@dataclass(frozen=True, slots=True)
class Built:
    """One document's graph, as a worker sends it back: N-Quads are cheap to pickle."""

    graph: str
    nquads: bytes  # every quad in the named graph ``graph``
    triples: int
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened to one input."""

    path: str
    graph: str | None = None
    triples: int = 0
    error: str | None = None
    warnings: tuple[str, ...] = ()
    exit_code: int = 0  # of the error, as the CLI would return it for this input alone

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass
class BatchReport:
    """Every input's outcome, in input order, and how long the whole run took."""

    outcomes: list[Outcome] = field(default_factory=list)
    seconds: float = 0.0
    replaced: list[str] = field(default_factory=list)  # graphs two inputs both produced

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.ok]

    @property
    def succeeded(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.ok]

    @property
    def exit_code(self) -> int:
        """0 when every input was built; else the highest of the failures' exit codes."""
        return max((o.exit_code for o in self.failed), default=0)

    def summary(self) -> str:
        """One line: how many built, how many failed, triples, time and rate."""
        built, failed = len(self.succeeded), len(self.failed)
        triples = sum(o.triples for o in self.succeeded)
        rate = built / self.seconds if self.seconds > 0 else 0.0
        return (
            f"{built} built, {failed} failed, {triples} triples "
            f"in {self.seconds:.2f} s ({rate:.1f} documents/s)"
        )


def expand_inputs(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Files given as such, and the resolution files inside folders (recursively, sorted).

    Hidden files and files of other kinds inside a folder are left out; a path that
    does not exist is kept, so it is reported as a failure like any other bad input.
    """
    found: list[Path] = []
    for item in paths:
        path = Path(item)
        if path.is_dir():
            found.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.is_file()
                    and p.suffix.lower() in INPUT_SUFFIXES
                    and not any(part.startswith(".") for part in p.relative_to(path).parts)
                )
            )
        else:
            found.append(path)
    return found


def build_one(path: str | os.PathLike[str], options: BuildOptions) -> Built:
    """Read, analyse, build (and validate) one document; raise a typed error if it fails.

    The cyclic garbage collector waits until the document is done (see
    :mod:`graph.collector`): it cost ~10 ms a document and found nothing.
    """
    from . import collector

    with collector.paused():
        return _build_one(path, options)


def _build_one(path: str | os.PathLike[str], options: BuildOptions) -> Built:
    from .pipeline import analyse_path
    from .rdf import build_quads

    analysis = analyse_path(path, language=options.language)
    if options.base:
        quads = build_quads(analysis, base=options.base, timestamp=options.timestamp)
    else:
        quads = build_quads(analysis, timestamp=options.timestamp)
    if not quads:
        raise EpkgError(f"{path}: the document gave no triples")
    graph = quads[0].graph_name
    assert isinstance(graph, ox.NamedNode)
    data = ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
    assert data is not None
    if options.validate:
        from .validate import validate_quads

        validate_quads(quads, origin=str(path), nquads=data)  # raises ValidationFailed
    return Built(graph.value, data, len(quads), tuple(analysis.warnings))


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    first = text[0] if text else ""
    if isinstance(exc, EpkgError):
        return first or type(exc).__name__
    return f"internal error: {type(exc).__name__}: {first}"


@dataclass(frozen=True, slots=True)
class _Failure:
    reason: str
    exit_code: int


def _failure(exc: BaseException) -> _Failure:
    return _Failure(_one_line(exc), exc.exit_code if isinstance(exc, EpkgError) else 2)


def _guarded(path: Path, options: BuildOptions) -> Built | _Failure:
    """The worker: a built document, or why it failed, in one line (never raises)."""
    try:
        return build_one(path, options)
    except Exception as exc:  # a worker must report, not crash the pool
        return _failure(exc)


def _yield_to_the_writer() -> None:
    """Run workers at a lower priority: the one process writing into the store is the
    serial step of a batch, so it should never wait for a core behind a worker."""
    with contextlib.suppress(AttributeError, OSError):  # no nice() here: run as is
        os.nice(5)


def _results(
    paths: Sequence[Path], options: BuildOptions, jobs: int
) -> Generator[tuple[Path, Built | _Failure], None, None]:
    """Each input with its result, in input order; in-process when jobs == 1."""
    if jobs == 1 or len(paths) <= 1:
        for path in paths:
            yield path, _guarded(path, options)
        return
    chunk = max(1, min(8, len(paths) // (jobs * 8)))
    # Workers start from a clean server process, not a fork of this one: the parent
    # holds the store open, and forking a process that runs RocksDB's threads is unsafe.
    context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(
        max_workers=jobs, mp_context=context, initializer=_yield_to_the_writer
    ) as pool:
        results = pool.map(_guarded, paths, [options] * len(paths), chunksize=chunk)
        done = 0
        try:
            for result in results:
                yield paths[done], result
                done += 1
        except BrokenProcessPool as exc:  # a worker died (killed, out of memory)
            for path in paths[done:]:
                yield path, _Failure(f"internal error: a worker process died ({exc})", 2)
        except BaseException:  # interrupted, or the caller stopped: drop what is queued
            _stop_workers(pool)
            raise


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    """Cancel the queue and wait for the running workers to finish their current chunk
    (at most a few documents), so none goes on building documents nobody will store.
    Killing them instead can leave the pool's queues locked and the parent hanging."""
    pool.shutdown(wait=True, cancel_futures=True)


@dataclass
class _Writer:
    """The parent's side: writes results into the store in input order, in batches.

    Batches grow from one document (the first outcome shows at once) to
    :data:`BATCH_DOCUMENTS`. Near the end they shrink again: once as many documents
    wait as are still to come, they are written while the workers build the rest, so
    the last ingestion, which nothing runs beside, holds a document or two rather
    than up to a full batch (~2–3 s of a 1,000-document build).
    """

    store: GraphStore
    report: BatchReport
    on_done: Callable[[Outcome], None] | None
    seen: set[str] = field(default_factory=set)  # graphs written during this run
    pending: list[tuple[Path, Built | _Failure]] = field(default_factory=list)
    pending_graphs: set[str] = field(default_factory=set)
    pending_quads: int = 0
    size: int = 1  # documents per batch: doubles up to BATCH_DOCUMENTS
    to_come: int | None = None  # results not pushed yet, when the caller knows

    def push(self, path: Path, result: Built | _Failure) -> None:
        if self.to_come is not None:
            self.to_come -= 1
        if isinstance(result, _Failure):
            if self.pending:  # keep input order: it is reported after the batch before it
                self.pending.append((path, result))
            else:
                self._emit(path, result, None)
            return
        if result.graph in self.pending_graphs or self.store.has_graph(result.graph):
            self.flush()  # a rebuilt document: its own transaction, after those before it
            self._emit(path, result, self._replace(result))
            return
        if self.pending_quads + result.triples > BULK_MAX_QUADS:
            self.flush()
        self.pending.append((path, result))
        self.pending_graphs.add(result.graph)
        self.pending_quads += result.triples
        if len(self.pending_graphs) >= self.size:
            self.flush()
            self.size = min(2 * self.size, BATCH_DOCUMENTS)
        elif self.to_come is not None and len(self.pending_graphs) >= self.to_come:
            self.flush()  # the tail: see _Writer's notes

    def flush(self) -> None:
        """Write the pending new documents in one ingestion, then report them in order."""
        pending, self.pending = self.pending, []
        self.pending_graphs, self.pending_quads = set(), 0
        built = {i: r for i, (_, r) in enumerate(pending) if isinstance(r, Built)}
        written: dict[int, int | EpkgError] = {}
        if built:
            try:  # pyoxigraph wrote the text: skip re-checking IRIs
                sizes = self.store.add_graphs(
                    [(b.graph, b.nquads) for b in built.values()], lenient=True
                )
            except EpkgError:  # the batch was undone: write one by one to name the culprit
                written = {index: self._replace(b) for index, b in built.items()}
            else:
                written = dict(zip(built, sizes, strict=True))
        for index, (path, result) in enumerate(pending):
            self._emit(path, result, written.get(index))

    def _replace(self, built: Built) -> int | EpkgError:
        try:
            quads = parse_graph(built.graph, built.nquads, lenient=True)
            return self.store.replace_graph(built.graph, quads)
        except EpkgError as exc:
            return exc

    def _emit(self, path: Path, result: Built | _Failure, written: int | EpkgError | None) -> None:
        if isinstance(result, _Failure):
            outcome = Outcome(str(path), error=result.reason, exit_code=result.exit_code)
        elif isinstance(written, EpkgError):
            outcome = Outcome(str(path), error=_one_line(written), exit_code=written.exit_code)
        else:
            assert written is not None
            if result.graph in self.seen:
                self.report.replaced.append(result.graph)
            self.seen.add(result.graph)
            outcome = Outcome(str(path), result.graph, written, warnings=result.warnings)
        self.report.outcomes.append(outcome)
        if self.on_done is not None:
            self.on_done(outcome)


def build_many(
    inputs: Sequence[str | os.PathLike[str]],
    store: GraphStore,
    options: BuildOptions | None = None,
    jobs: int = 1,
    on_done: Callable[[Outcome], None] | None = None,
    on_result: Callable[[Path], None] | None = None,
) -> BatchReport:
    """Build every input into ``store`` (a :class:`graph.store.GraphStore`), ``jobs`` at a time.

    ``on_done`` is called with each outcome once its document is written; ``on_result``
    with each input as soon as its worker is done with it, before it waits for its
    batch to be written. Either may raise to stop the run (the workers are stopped,
    the store keeps the documents written so far): ``on_result`` is the prompt place,
    as a batch holds up to :data:`BATCH_DOCUMENTS` documents.

    Returns the report; the caller decides the exit code from ``report.failed``.
    With ``jobs > 1`` the workers start from a fork server, which imports the calling
    script's main module again: a script that calls this needs the usual
    ``if __name__ == "__main__":`` guard (the ``epkg`` command has it).
    """
    if jobs < 1:
        raise ConfigError(f"--jobs must be at least 1 (got {jobs})")
    options = options or BuildOptions()
    paths = expand_inputs(inputs)
    report = BatchReport()
    writer = _Writer(store, report, on_done, to_come=len(paths))
    start = time.perf_counter()
    # closing(): when the caller stops the run (an exception from a callback, an
    # interrupt), the workers are stopped now, not whenever the generator is collected.
    with contextlib.closing(_results(paths, options, jobs)) as results:
        for path, result in results:
            if on_result is not None:
                on_result(path)
            writer.push(path, result)
    writer.flush()
    report.seconds = time.perf_counter() - start
    return report
