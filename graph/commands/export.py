"""``epkg export``: write every document of the embedded store to one graph file."""

from __future__ import annotations

import click

from ..export import FORMATS


@click.command("export")
@click.option("--store", "store_dir", default=None, type=click.Path(file_okay=False),
              metavar="DIR", help="The embedded store (made by `epkg build`; default: "
                                  "$EPKG_STORE or ./epkg-store).")
@click.option("-o", "--output", required=True, metavar="FILE|-",
              help="The graph file to write (format from its suffix), or - for stdout.")
@click.option("--format", "-f", "fmt", type=click.Choice(sorted(FORMATS)), default=None,
              help="Output format (default: from the suffix of FILE; trig on stdout).")
def command(store_dir: str | None, output: str, fmt: str | None) -> None:
    """Export the whole store: TriG and N-Quads keep one named graph per document;
    Turtle, N-Triples, JSON-LD and RDF/XML hold the union of the graphs.

    The file is written atomically (a failure leaves no half-written file) and the
    store is only read, so it may be exported while nothing else writes into it.

    \b
      epkg export --store corpus/ -o corpus.trig
      epkg export --store corpus/ -o - --format nt | wc -l

    \b
    Exit codes: 0 written; 2 no store there, unreadable store, bad option or output.
    """
    from pathlib import Path

    from ..errors import OutputError
    from ..export import format_for, serialize, write
    from ..store import default_store_dir, open_store

    # Settle the format and the output folder before reading a possibly large store.
    name = (format_for(None, fmt) if fmt else "trig") if output == "-" else format_for(output, fmt)
    folder = Path(output).parent
    if output != "-" and not folder.is_dir():
        raise OutputError(f"{output}: cannot write: folder {folder} does not exist")
    with open_store(store_dir or default_store_dir(), read_only=True) as store:
        quads = list(store.quads())
    if output == "-":
        stream = click.get_binary_stream("stdout")
        stream.write(serialize(quads, name))
        stream.flush()
        return
    write(quads, output, name)
    click.echo(f"exported {len(quads)} quads in {len({q.graph_name for q in quads})} "
               f"graph(s) to {output} ({name})", err=True)
