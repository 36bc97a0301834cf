"""``epkg build``: resolutions → one RDF file, validated against the shapes by default.

The work for one input is :func:`document_quads` (read → analyse → quads → SHACL
gate); the command only gathers inputs and writes the result, so other outputs
(an embedded store, many inputs in parallel) plug in beside the file output.
"""

from __future__ import annotations

import datetime as _dt
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import click
from pyoxigraph import Quad

from ..errors import ConfigError, OutputError, ValidationFailed
from ..export import FORMATS, format_for, serialize, write
from ..iri import DEFAULT_BASE, check_base

__all__ = ["command", "BuildSettings", "document_quads", "build_quads_for"]


@dataclass(frozen=True, slots=True)
class BuildSettings:
    """What building one document needs, from the command line."""

    base: str = DEFAULT_BASE
    language: str | None = None
    validate: bool = True
    timestamp: _dt.datetime | None = None


def document_quads(path: str | os.PathLike[str], settings: BuildSettings) -> list[Quad]:
    """One input file → its quads (in its own named graph), validated unless asked not to.

    Raises ValidationFailed (with the text report) when the graph does not conform.
    """
    from .. import collector
    from ..pipeline import analyse_path
    from ..rdf import build_quads

    with collector.paused():
        analysis = analyse_path(path, language=settings.language)
        for warning in analysis.warnings:
            click.echo(f"epkg: warning: {warning}", err=True)
        quads = build_quads(analysis, base=settings.base, timestamp=settings.timestamp)
        if settings.validate:
            from ..validate import validate_quads

            validate_quads(quads, origin=str(path))
    return quads


def build_quads_for(inputs: Sequence[str], settings: BuildSettings) -> list[Quad]:
    """Every input's quads, in input order (each document keeps its own named graph)."""
    quads: list[Quad] = []
    for path in inputs:
        quads.extend(document_quads(path, settings))
    return quads


@click.command("build")
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("-o", "--output", default=None, metavar="OUT|-",
              help="The graph file to write (format from its suffix), or - for stdout.")
@click.option("--store", "store_dir", default=None, metavar="DIR",
              type=click.Path(file_okay=False),
              help="Write into the embedded store in folder DIR instead (one named graph "
                   "per document, replaced on rebuild); INPUT may then be folders. "
                   "Without -o and --store: the default store, $EPKG_STORE or ./epkg-store.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=1, show_default=True,
              help="With --store: build in N parallel processes.")
@click.option("--format", "-f", "fmt", type=click.Choice(sorted(FORMATS)), default=None,
              help="Output format (default: from the suffix of OUT; turtle on stdout).")
@click.option("--base", default=DEFAULT_BASE, show_default=True, metavar="IRI",
              help="Base of the instance IRIs (documents, units, entities).")
@click.option("--lang", "language", default=None, metavar="CODE",
              help="The document's language (ISO 639-1); detected when not given.")
@click.option("--no-validate", is_flag=True,
              help="Skip the SHACL gate (by default a non-conforming graph exits 1).")
@click.option("--timestamp", is_flag=True,
              help="Record the build time in the provenance (the output is then not "
                   "byte-identical across runs).")
def command(
    inputs: tuple[str, ...],
    output: str | None,
    store_dir: str | None,
    jobs: int,
    fmt: str | None,
    base: str,
    language: str | None,
    no_validate: bool,
    timestamp: bool,
) -> None:
    """Build the RDF graph of one or more resolutions (text from a PDF, or the EP's HTML page).

    Each document goes into its own named graph (its expression IRI); Turtle,
    N-Triples, JSON-LD and RDF/XML hold their union, N-Quads and TriG keep the
    graphs. The output is byte-identical across runs for the same input.

    Without -o or --store the graph goes into the default embedded store
    ($EPKG_STORE, or the folder epkg-store/ here), where `epkg query`,
    `epkg export` and `epkg viz` find it.

    \b
      epkg build examples/TA-9-2021-0056-ro.txt
      epkg build examples/TA-9-2021-0056-ro.txt -o out.ttl
      epkg build resolution.html -o - --format nt --base https://example.org/
      epkg build resolutions/ --store corpus/ --jobs 2

    With --store, a document that fails is reported (file and reason) and skipped,
    the others are kept, and a summary line ends the run.

    \b
    Exit codes: 0 built (and conforms); 1 the graph does not conform to the SHACL
    shapes (the report is printed on stderr, nothing is written); 2 bad input or option.
    With --store: 0 all built; else the highest exit code among the failed documents.
    """
    if output is not None and store_dir is not None:
        raise ConfigError("give either -o OUT or --store DIR, not both")
    if output is None and store_dir is None:
        from ..store import default_store_dir

        store_dir = default_store_dir()
    if store_dir is not None:
        from ._store_build import build_into_store

        build_into_store(
            inputs, store_dir, base=check_base(base), language=language,
            validate=not no_validate, jobs=jobs,
            timestamp=_dt.datetime.now(_dt.UTC) if timestamp else None,
        )
        return
    if jobs != 1:
        raise ConfigError("--jobs works with --store DIR")
    assert output is not None
    if output == "-":
        name = format_for(None, fmt) if fmt else "turtle"
    else:
        name = format_for(output, fmt)
    if output != "-":
        folder = Path(output).parent
        if not folder.is_dir():  # say so before the work, not after it
            raise OutputError(f"{output}: cannot write: folder {folder} does not exist")
    settings = BuildSettings(
        base=check_base(base),
        language=language,
        validate=not no_validate,
        timestamp=_dt.datetime.now(_dt.UTC) if timestamp else None,
    )
    try:
        quads = build_quads_for(inputs, settings)
    except ValidationFailed as exc:
        click.echo(exc.report, err=True, nl=False)
        raise
    if not quads:
        raise ConfigError("nothing to build")
    if output == "-":
        stream = click.get_binary_stream("stdout")
        stream.write(serialize(quads, name))
        stream.flush()
    else:
        write(quads, output, name)
