"""``epkg queries``: list the stored SPARQL queries."""

from __future__ import annotations

import click


@click.command("queries")
@click.option("--verbose", "-v", is_flag=True, help="Also show each query's description.")
def command(verbose: bool) -> None:
    """List the stored queries: name, title and parameters.

    Run one with `epkg query NAME --data GRAPH_FILE` (or `--store DIR`), giving its
    parameters as `--param name=value`; a parameter marked (optional) may be left out.
    """
    from ..queries import list_queries

    queries = list_queries()
    width = max((len(q.name) for q in queries), default=0)
    for query in queries:
        click.echo(f"{query.name.ljust(width)}  {query.title}")
        if verbose:
            click.echo(f"{'':{width}}  {query.description}")
        for param in query.params:
            click.echo(f"{'':{width}}    --param {param.name}=…  {param.description}")
