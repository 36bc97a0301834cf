"""``epkg load``: replace each document's named graph in a remote triplestore."""

from __future__ import annotations

import os

import click

from ..errors import ConfigError

STORE_TYPE_NAMES = ("oxigraph", "virtuoso", "fuseki", "graphdb", "generic")


@click.command("load")
@click.argument("graph_file", required=False, type=click.Path(dir_okay=False))
@click.option("--store", "store_dir", type=click.Path(file_okay=False),
              help="Load every graph of this embedded store instead of a file.")
@click.option("--endpoint", required=True, metavar="URL",
              help="The server's base URL (the dataset's for Fuseki, "
                   "the repository's for GraphDB).")
@click.option("--store-type", type=click.Choice(STORE_TYPE_NAMES), default="oxigraph",
              show_default=True, help="How the server speaks the Graph Store Protocol.")
@click.option("--graph", "graph_iri", metavar="IRI",
              help="Named graph for triples that are in no named graph "
                   "(default: the document's eli:Expression IRI).")
@click.option("--user", metavar="NAME", help="User name; the password is read from "
              "the environment variable named by --password-env.")
@click.option("--password-env", default="EPKG_PASSWORD", show_default=True, metavar="VAR",
              help="Environment variable that holds the password.")
@click.option("--chunk-size", type=click.IntRange(min=1), default=50_000, show_default=True,
              help="Triples per request; larger graphs are sent in parts.")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=120.0, show_default=True,
              help="Seconds to wait for the server to answer one request.")
@click.option("--dry-run", is_flag=True, help="Print the requests; send nothing.")
def command(
    graph_file: str | None, store_dir: str | None, endpoint: str, store_type: str,
    graph_iri: str | None, user: str | None, password_env: str, chunk_size: int,
    timeout: float, dry_run: bool,
) -> None:
    """Load GRAPH_FILE (or the --store folder) into a triplestore.

    Each named graph is replaced with one Graph Store Protocol PUT (larger graphs: a
    PUT, then POSTs), so loading twice never duplicates a triple. TriG and N-Quads
    files keep their named graphs; triples outside a named graph go to --graph, or to
    the graph of the one document (eli:Expression) they describe.

    \b
    Exit codes: 0 loaded; 2 bad input, bad option, or the server is unreachable or refused.
    """
    from .. import load as gsp

    if (graph_file is None) == (store_dir is None):
        raise ConfigError("give either GRAPH_FILE or --store DIR (exactly one)")
    kind = gsp.store_type(store_type)
    gsp.check_endpoint(endpoint)
    credentials = None
    if user is not None:
        password = os.environ.get(password_env)
        if password is None and not dry_run:
            raise ConfigError(f"--user {user} given but the environment variable "
                              f"{password_env} (the password) is not set")
        credentials = gsp.Credentials(user, password or "", password_env)

    graphs = (gsp.read_store(store_dir, graph_iri) if store_dir is not None
              else gsp.read_graph_file(graph_file or "", graph_iri))
    requests = gsp.plan_requests(graphs, kind, endpoint, chunk_size)

    if dry_run:
        auth = (f"{kind.auth} auth as {user!r}, password from ${password_env}"
                if user else "no authentication")
        click.echo(f"# {kind.name} Graph Store at {kind.gsp_url(endpoint)} ({auth})")
        for request in requests:
            click.echo(request.describe())
        click.echo(f"# {len(graphs)} graph(s), {sum(r.triples for r in requests)} triples, "
                   f"{len(requests)} request(s); nothing sent")
        return

    def report(result: gsp.GraphResult) -> None:
        click.echo(f"loaded <{result.graph}>: {result.triples} triples in "
                   f"{result.requests} request(s), {result.seconds:.2f} s")

    with gsp.GraphStoreClient(kind, endpoint, credentials, timeout=timeout) as client:
        client.load(requests, on_graph=report)
