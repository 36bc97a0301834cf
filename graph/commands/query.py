"""``epkg query``: run a stored (or any) SPARQL query over a graph file or the store."""

from __future__ import annotations

import click

from ..errors import ConfigError


def _params(values: tuple[str, ...]) -> dict[str, str]:
    params: dict[str, str] = {}
    for item in values:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise ConfigError(f"--param {item!r}: expected name=value")
        params[name.strip()] = value
    return params


@click.command("query")
@click.argument("query_name", metavar="NAME|FILE.rq")
@click.option("--data", "data_file", type=click.Path(dir_okay=False), metavar="GRAPH_FILE",
              help="A graph file (.ttl, .nt, .nq, .trig, .jsonld, .rdf) to query.")
@click.option("--store", "store_dir", type=click.Path(file_okay=False), metavar="DIR",
              help="An embedded store made by `epkg build --store DIR` to query "
                   "(default: $EPKG_STORE or ./epkg-store).")
@click.option("--param", "-p", "param_values", multiple=True, metavar="NAME=VALUE",
              help="Bind a query parameter (repeatable). <…> or a value that looks like an "
                   "IRI (https://…, urn:…) is bound as an IRI, anything else as a string.")
@click.option("--format", "-f", "fmt", type=click.Choice(("table", "csv", "tsv", "json")),
              default="table", show_default=True,
              help="Output: a text table, or SPARQL 1.1 CSV / TSV / JSON results.")
def command(
    query_name: str,
    data_file: str | None,
    store_dir: str | None,
    param_values: tuple[str, ...],
    fmt: str,
) -> None:
    """Run the stored query NAME (see `epkg queries`) or the query in FILE.rq.

    The query sees every graph of the data at once (the union of the named graphs),
    so it answers the same over one document's file and over a store of many.
    Without --data or --store it queries the default store ($EPKG_STORE or ./epkg-store).
    Parameters are bound as RDF terms, never pasted into the query text:

    \b
      epkg query keyword-in-context --store st \\
          --param entity=https://w3id.org/epkg/id/person/…
      epkg query entity-across-documents --store st --param "name=Amnesty International"

    \b
    Exit codes: 0 ok (also when no row matches); 1 the query is malformed or failed;
    2 bad option, unknown query, unreadable graph file or store.
    """
    from ..queries import find_query, load_graph_file, render, run_query

    if data_file is not None and store_dir is not None:
        raise ConfigError("give either --data GRAPH_FILE or --store DIR, not both")
    query = find_query(query_name)
    params = _params(param_values)
    if data_file is not None:
        result = run_query(query, load_graph_file(data_file), params)
        out = render(result, fmt, query.prefixes)
    else:
        from ..store import default_store_dir, open_store

        with open_store(store_dir or default_store_dir(), read_only=True) as store:
            result = run_query(query, store.store, params)
            out = render(result, fmt, query.prefixes)
    click.echo(out, nl=False)
