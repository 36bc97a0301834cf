"""`epkg load` without a server: the per-store table, request planning, retry rules,
error messages and the CLI's contract (dry run, credentials, unreachable server)."""

from __future__ import annotations

import socket
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from graph.cli import main
from graph.errors import ConfigError, GraphInputError, InputError, StoreError
from graph.load import (
    STORE_TYPES,
    Credentials,
    GraphStoreClient,
    graphs_from_quads,
    plan_requests,
    read_graph_file,
    store_type,
)

FIXTURES = Path(__file__).parent / "fixtures" / "load"
TRIG = FIXTURES / "two-documents.trig"
DOC1 = "https://w3id.org/epkg/eli/dl/doc/TA-9-2099-0001/ro"
DOC2 = "https://w3id.org/epkg/eli/dl/doc/TA-9-2099-0002/en"
G = "https://w3id.org/epkg/eli/dl/doc/TA-1/ro"
SECRET = "s3cret-Pa55-do-not-print"


def unused_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# --- the per-store table ---------------------------------------------------------------

TABLE = [
    # (type, endpoint, expected Graph Store URL for G, expected query URL, auth)
    ("oxigraph", "http://h:7878", "http://h:7878/store?graph=" + G, "http://h:7878/query", "basic"),
    ("oxigraph", "http://h:7878/store", "http://h:7878/store?graph=" + G, "http://h:7878/query",
     "basic"),
    ("virtuoso", "http://h:8890/", "http://h:8890/sparql-graph-crud-auth?graph-uri=" + G,
     "http://h:8890/sparql", "digest"),
    ("fuseki", "http://h:3030/ds", "http://h:3030/ds/data?graph=" + G, "http://h:3030/ds/query",
     "basic"),
    ("graphdb", "http://h:7200/repositories/r",
     "http://h:7200/repositories/r/rdf-graphs/service?graph=" + G,
     "http://h:7200/repositories/r", "basic"),
    ("generic", "http://h/gsp?key=1", "http://h/gsp?key=1&graph=" + G, "http://h/gsp?key=1",
     "basic"),
]


def test_table_covers_every_store_type() -> None:
    assert sorted(STORE_TYPES) == sorted({row[0] for row in TABLE})
    assert len(TABLE) == 6


@pytest.mark.parametrize(("name", "endpoint", "gsp", "query", "auth"), TABLE)
def test_store_table(name: str, endpoint: str, gsp: str, query: str, auth: str) -> None:
    kind = store_type(name)
    got, want = httpx.URL(kind.graph_url(endpoint, G)), httpx.URL(gsp)
    assert got.copy_with(query=None) == want.copy_with(query=None)
    assert list(got.params.multi_items()) == list(want.params.multi_items())
    assert kind.query_url(endpoint) == query
    assert kind.auth == auth


def test_media_types_are_what_each_store_prefers() -> None:
    assert store_type("virtuoso").content_type.startswith("text/turtle")
    for name in ("oxigraph", "fuseki", "graphdb", "generic"):
        assert store_type(name).content_type == "application/n-triples"


def test_unknown_store_type_lists_the_choices() -> None:
    with pytest.raises(ConfigError, match="oxigraph, virtuoso, fuseki, graphdb, generic"):
        store_type("blazegraph")


@pytest.mark.parametrize("endpoint", ["ftp://h/x", "not a url", "http://dba:dba@h:8890"])
def test_bad_endpoints_are_config_errors(endpoint: str) -> None:
    with pytest.raises(ConfigError):
        GraphStoreClient(store_type("oxigraph"), endpoint)


# --- reading graphs ------------------------------------------------------------------


def test_trig_keeps_its_named_graphs() -> None:
    graphs = read_graph_file(str(TRIG))
    assert [(g.name, len(g.triples)) for g in graphs] == [(DOC1, 24), (DOC2, 10)]


def test_loose_triples_go_to_the_documents_expression() -> None:
    graphs = read_graph_file(str(FIXTURES / "one-document.ttl"))
    assert [(g.name, len(g.triples)) for g in graphs] == [
        ("https://w3id.org/epkg/eli/dl/doc/TA-9-2099-0003/fr", 6)]
    assert read_graph_file(str(FIXTURES / "one-document.ttl"), G)[0].name == G


def test_loose_triples_without_a_document_need_graph() -> None:
    quads = [ox.Quad(ox.NamedNode("urn:a"), ox.NamedNode("urn:b"), ox.Literal("c"))]
    with pytest.raises(ConfigError, match="--graph"):
        graphs_from_quads(quads, None, "x.nt")
    with pytest.raises(ConfigError, match="not an absolute IRI"):
        graphs_from_quads(quads, "relative", "x.nt")
    assert graphs_from_quads(quads, G, "x.nt")[0].name == G


def test_bad_files_are_typed_errors(tmp_path: Path) -> None:
    broken = tmp_path / "broken.trig"
    broken.write_text("<urn:a> <urn:b> ", encoding="utf-8")
    with pytest.raises(GraphInputError, match="broken.trig"):
        read_graph_file(str(broken))
    with pytest.raises(InputError, match="unknown RDF format"):
        read_graph_file(str(tmp_path / "graph.txt"))
    with pytest.raises(InputError, match="cannot read"):
        read_graph_file(str(tmp_path / "missing.trig"))


# --- planning requests ---------------------------------------------------------------


def test_one_put_per_graph() -> None:
    requests = plan_requests(read_graph_file(str(TRIG)), store_type("oxigraph"), "http://h:1")
    assert [(r.method, r.graph, r.triples) for r in requests] == [
        ("PUT", DOC1, 24), ("PUT", DOC2, 10)]


def test_parts_put_then_post_and_keep_blank_nodes_together() -> None:
    graph = read_graph_file(str(TRIG))[0]
    requests = plan_requests([graph], store_type("virtuoso"), "http://h:1", chunk_triples=5)
    assert [r.method for r in requests] == ["PUT"] + ["POST"] * (len(requests) - 1)
    assert len(requests) == 5 and sum(r.triples for r in requests) == 24
    assert all(r.content_type.startswith("text/turtle") for r in requests)
    parsed = [list(ox.parse(r.body, format=ox.RdfFormat.N_TRIPLES)) for r in requests]
    blank_parts = {i for i, triples in enumerate(parsed) for t in triples
                   if isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode)}
    assert blank_parts == {0}
    ground = {q.triple for part in parsed for q in part if not isinstance(q.subject, ox.BlankNode)}
    expected = {t for t in graph.triples if not isinstance(t.subject, ox.BlankNode)}
    assert ground == expected


def test_chunk_size_must_be_positive() -> None:
    with pytest.raises(ConfigError):
        plan_requests([], store_type("oxigraph"), "http://h:1", chunk_triples=0)


# --- sending: retry and refusals -----------------------------------------------------


def client_with(responses: list[object], credentials: Credentials | None = None):
    """A client on a fake transport that plays ``responses`` (status or exception)."""
    calls: list[httpx.Request] = []
    sleeps: list[float] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        item = responses[min(len(calls), len(responses)) - 1]
        if isinstance(item, Exception):
            raise item
        return httpx.Response(int(item), text="server says no\nsecond line")  # type: ignore[call-overload]

    client = GraphStoreClient(store_type("oxigraph"), "http://h:7878", credentials,
                              transport=httpx.MockTransport(handler), sleep=sleeps.append)
    return client, calls, sleeps


def small_plan(chunk: int = 50_000):
    return plan_requests(read_graph_file(str(TRIG))[:1], store_type("oxigraph"), "http://h:7878",
                         chunk)


def test_transient_statuses_are_retried_with_backoff() -> None:
    client, calls, sleeps = client_with([503, 502, 201])
    client.load(small_plan())
    assert len(calls) == 3 and sleeps == [0.5, 1.0]


def test_connection_reset_is_retried() -> None:
    client, calls, _ = client_with([httpx.RemoteProtocolError("reset"), 204])
    results = client.load(small_plan())
    assert len(calls) == 2 and results[0].triples == 24


def test_retries_are_bounded() -> None:
    client, calls, _ = client_with([503])
    with pytest.raises(StoreError, match="after 3 attempts"):
        client.load(small_plan())
    assert len(calls) == 3


def test_refused_connection_is_not_retried() -> None:
    client, calls, sleeps = client_with([httpx.ConnectError("[Errno 111] Connection refused")])
    with pytest.raises(StoreError, match="cannot reach oxigraph at http://h:7878"):
        client.load(small_plan())
    assert len(calls) == 1 and sleeps == []


def test_client_errors_are_not_retried_and_name_the_cause() -> None:
    client, calls, _ = client_with([400])
    with pytest.raises(StoreError, match=r"\(400: server says no\)$"):
        client.load(small_plan())
    assert len(calls) == 1


def test_wrong_password_names_user_and_variable_not_password() -> None:
    client, _, _ = client_with([401], Credentials("dba", SECRET, "MY_PW"))
    with pytest.raises(StoreError) as info:
        client.load(small_plan())
    assert "'dba'" in str(info.value) and "MY_PW" in str(info.value)
    assert SECRET not in str(info.value) and SECRET not in repr(Credentials("dba", SECRET))


def test_a_failed_later_part_says_the_graph_is_incomplete() -> None:
    client, calls, _ = client_with([201, 204, 400])
    with pytest.raises(StoreError, match=r"incomplete on the server \(2 of 5 parts loaded\)"):
        client.load(small_plan(chunk=5))
    assert [c.method for c in calls] == ["PUT", "POST", "POST"]


# --- the command line ----------------------------------------------------------------


def run(args: list[str], env: dict[str, str] | None = None):
    return CliRunner().invoke(main, args, env=env)


def test_dry_run_prints_requests_but_never_the_password() -> None:
    result = run(["load", str(TRIG), "--endpoint", "http://127.0.0.1:8890",
                  "--store-type", "virtuoso", "--user", "dba", "--dry-run"],
                 env={"EPKG_PASSWORD": SECRET})
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    puts = [line for line in lines if line.startswith("PUT ")]
    assert len(puts) == 2 and "graph-uri=" in puts[0] and "sparql-graph-crud-auth" in puts[0]
    assert "digest auth as 'dba', password from $EPKG_PASSWORD" in lines[0]
    assert SECRET not in result.output


def test_user_without_password_variable_is_exit_2() -> None:
    result = run(["load", str(TRIG), "--endpoint", "http://127.0.0.1:1", "--user", "dba"],
                 env={"EPKG_PASSWORD": None})  # type: ignore[dict-item]
    assert result.exit_code == 2
    assert "EPKG_PASSWORD" in result.stderr


@pytest.mark.parametrize("args", [[], [str(TRIG), "--store", "somewhere"]])
def test_exactly_one_input(args: list[str]) -> None:
    result = run(["load", *args, "--endpoint", "http://127.0.0.1:1"])
    assert result.exit_code == 2 and "exactly one" in result.stderr


@pytest.mark.parametrize("store", ["oxigraph", "virtuoso"])
def test_stopped_server_is_exit_2_one_line(store: str) -> None:
    endpoint = f"http://127.0.0.1:{unused_port()}"
    result = run(["load", str(TRIG), "--endpoint", endpoint, "--store-type", store, "--user",
                  "dba"], env={"EPKG_PASSWORD": SECRET})
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.output
    assert result.stderr.startswith(f"epkg: error: cannot reach {store} at {endpoint}")
    assert SECRET not in result.output
