"""``epkg build --store DIR [--jobs N]``: the command-line face of :mod:`graph.batch`.

Kept apart from ``build.py`` so the file output stays as it is; this module only
draws the progress bar, reports each failure in one line and prints the summary.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import signal
import sys
import threading
from collections.abc import Iterator, Sequence

import click

from ..errors import EpkgError, InputError


class SomeDocumentsFailed(InputError):
    """One or more inputs of a batch failed; the others were built and kept."""

    def __init__(self, message: str, exit_code: int) -> None:
        super().__init__(message)
        self.exit_code = exit_code


@contextlib.contextmanager
def _sigterm_as_flag() -> Iterator[list[bool]]:
    """While a batch runs, SIGTERM (``kill``, a service manager) only raises a flag; the
    batch checks it as each document comes back from a worker or is written, and
    stops like Ctrl-C: queue cancelled, workers ended, the store holding every
    document written so far. (Raising from the handler itself could land inside a
    store write or a lock.)"""
    flag: list[bool] = []
    if threading.current_thread() is not threading.main_thread():
        yield flag
        return

    def raise_flag(signum: int, frame: object) -> None:
        flag.append(True)

    previous = signal.signal(signal.SIGTERM, raise_flag)
    try:
        yield flag
    finally:
        signal.signal(signal.SIGTERM, previous)


def build_into_store(
    inputs: Sequence[str],
    store_dir: str,
    *,
    base: str | None,
    language: str | None,
    validate: bool,
    timestamp: _dt.datetime | None,
    jobs: int,
) -> None:
    """Build every input (folders expanded) into the store; raise if any failed."""
    from ..batch import BuildOptions, Outcome, build_many, expand_inputs
    from ..store import open_store

    paths = expand_inputs(inputs)
    if not paths:
        raise InputError(f"no resolution files (*.txt, *.html) in {', '.join(inputs)}")
    options = BuildOptions(base=base, language=language, validate=validate, timestamp=timestamp)
    show_bar = sys.stderr.isatty() and len(paths) > 1
    with open_store(store_dir) as store:
        with click.progressbar(
            length=len(paths), label="building", file=sys.stderr, show_pos=True,
            hidden=not show_bar,
        ) as bar:

            def stop_if_terminated(_: object = None) -> None:
                if terminated:  # stop at a safe point: no store write is under way
                    raise KeyboardInterrupt

            def done(outcome: Outcome) -> None:
                stop_if_terminated()
                for warning in outcome.warnings:
                    click.echo(f"epkg: warning: {warning}", err=True)
                if not outcome.ok:
                    click.echo(f"\nepkg: skipped: {outcome.error}" if show_bar
                               else f"epkg: skipped: {outcome.error}", err=True)
                bar.update(1)

            with _sigterm_as_flag() as terminated:
                report = build_many(paths, store, options, jobs=jobs, on_done=done,
                                    on_result=stop_if_terminated)
        # Documents, not triples: counting a store's triples reads all of them (1.6 s
        # for 3.3 million), its named graphs are one short index.
        documents = len(store.graphs())
    for graph in sorted(set(report.replaced)):
        click.echo(f"epkg: warning: two inputs gave the document {graph}; "
                   "the later one was kept", err=True)
    held = f"{documents} document{'s' if documents != 1 else ''}"
    click.echo(f"{report.summary()}; the store {store_dir} holds {held}", err=True)
    if report.failed:
        n, m = len(report.failed), len(report.outcomes)
        raise SomeDocumentsFailed(
            f"{n} of {m} document{'s' if m != 1 else ''} failed (listed above); "
            "the others were built", report.exit_code or EpkgError.exit_code,
        )
