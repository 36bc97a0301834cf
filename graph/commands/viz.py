"""``epkg viz``: look at the graph (an offline page) or export it for Gephi/Cytoscape."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import ConfigError

FORMATS = ("html", "graphml", "gexf", "cytoscape-json", "svg", "png")
_SUFFIXES = {
    ".html": "html",
    ".htm": "html",
    ".graphml": "graphml",
    ".gexf": "gexf",
    ".cyjs": "cytoscape-json",
    ".json": "cytoscape-json",
    ".svg": "svg",
    ".png": "png",
}


def format_for(out: Path, fmt: str | None) -> str:
    """The format asked for, or the one the output's suffix names."""
    if fmt:
        return fmt
    found = _SUFFIXES.get(out.suffix.lower())
    if found is None:
        raise ConfigError(
            f"{out}: cannot tell the format from the suffix {out.suffix or '(none)'!r}; "
            f"give --format ({', '.join(FORMATS)}) or use one of {', '.join(sorted(_SUFFIXES))}"
        )
    return found


@click.command("viz")
@click.argument("graph_file", required=False, type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--store",
    "store_dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Read an embedded store (a folder made by `epkg build --store`) instead of a file "
    "(with neither: the default store, $EPKG_STORE or ./epkg-store).",
)
@click.option(
    "-o",
    "--output",
    "out",
    required=True,
    type=click.Path(path_type=Path, dir_okay=False),
    help="The file to write (replaced atomically).",
)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    help="Output format; by default from the output's suffix "
    "(.html, .graphml, .gexf, .cyjs/.json, .svg, .png).",
)
@click.option(
    "--view",
    type=click.Choice(["mentions", "co-mentions"]),
    default="mentions",
    show_default=True,
    help="For the exports: units and entities linked by mentions, or entities linked "
    "when named in the same unit. The page holds both.",
)
def command(
    graph_file: Path | None, store_dir: Path | None, out: Path, fmt: str | None, view: str
) -> None:
    """Draw the graph: an interactive offline page, or a file for Gephi, Cytoscape or print.

    GRAPH_FILE is an RDF file written by `epkg build` or `epkg export` (.ttl, .trig, .nt,
    .nq, .jsonld); or give --store DIR. The page (.html) is self-contained: open it in any
    browser, no network needed. svg and png need matplotlib (pip install 'epkg[viz]').
    """
    from ..viz import project_path

    chosen = format_for(out, fmt)
    if graph_file is None and store_dir is None:
        from ..store import default_store_dir

        store_dir = Path(default_store_dir())
    graph = project_path(graph_file, store_dir)
    if chosen == "html":
        from ..atomic import atomic_write
        from ..viz_page import render_page

        atomic_write(out, render_page(graph))
    else:
        from ..viz_static import write

        write(graph, out, chosen, view)
    shown = len(graph.nodes) if chosen == "html" or view == "mentions" else len(graph.entities())
    click.echo(
        f"{out}: {chosen}, {shown} nodes "
        f"({len(graph.units())} units, {len(graph.entities())} entities)",
        err=True,
    )
