"""`epkg load` against real servers: Oxigraph (`oxigraph serve`) and Virtuoso 7.

Started by .ci/servers.sh (`start_servers`), which exports EPKG_OXIGRAPH_URL,
EPKG_VIRTUOSO_URL, EPKG_VIRTUOSO_USER and EPKG_VIRTUOSO_PASSWORD. Locally the tests
skip with that reason; in CI (EPKG_REQUIRE_INTEGRATION=1) a missing server fails them.

Every test loads graphs under its own random IRIs, so tests never see each other's data.
Counts use SPARQL COUNT (Virtuoso cuts SELECT results at 10,000 rows).
"""

from __future__ import annotations

import os
import re
import uuid
from dataclasses import dataclass
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from click.testing import CliRunner, Result
from conftest import require_component

from graph.cli import main
from graph.load import store_type

pytestmark = pytest.mark.integration

FIXTURES = Path(__file__).parent / "fixtures" / "load"
DOC_BASE = "https://w3id.org/epkg/eli/dl/doc/"


@dataclass(frozen=True)
class Server:
    """A running triplestore and how to talk to it."""

    kind: str
    url: str
    user: str | None = None
    password: str | None = None

    def load(self, *args: str) -> Result:
        """Run `epkg load … --endpoint URL --store-type KIND [--user U]` in process."""
        argv = ["load", *args, "--endpoint", self.url, "--store-type", self.kind]
        env = {"EPKG_PASSWORD": self.password} if self.password else {}
        if self.user:
            argv += ["--user", self.user]
        return CliRunner().invoke(main, argv, env=env)

    def query(self, query: str, default_graphs: list[str] = (), accept: str = "") -> httpx.Response:  # type: ignore[assignment]
        params = [("default-graph-uri", g) for g in default_graphs]
        response = httpx.post(
            store_type(self.kind).query_url(self.url), params=params, data={"query": query},
            headers={"Accept": accept or "application/sparql-results+json"}, timeout=60.0,
        )
        assert response.status_code == 200, response.text[:500]
        return response

    def count(self, graph: str) -> int:
        body = self.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
        return int(body.json()["results"]["bindings"][0]["n"]["value"])

    def triples(self, graph: str) -> set[ox.Quad]:
        """The graph's triples, blank nodes canonicalised (compare by isomorphism)."""
        body = self.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}",
                          accept="application/n-triples")
        return canonical(ox.parse(body.content, format=ox.RdfFormat.N_TRIPLES))


def canonical(quads: object) -> set[ox.Quad]:
    dataset = ox.Dataset(ox.Quad(q.subject, q.predicate, q.object) for q in quads)  # type: ignore[attr-defined]
    dataset.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
    return set(dataset)


def local_graphs(path: Path) -> dict[str, set[ox.Quad]]:
    """The file's graphs, as the server should hold them ("" = no named graph)."""
    graphs: dict[str, list[ox.Quad]] = {}
    for quad in ox.parse(path=str(path)):
        name = "" if isinstance(quad.graph_name, ox.DefaultGraph) else quad.graph_name.value
        graphs.setdefault(name, []).append(quad)
    return {name: canonical(quads) for name, quads in graphs.items()}


SERVERS = {
    "oxigraph": ("EPKG_OXIGRAPH_URL", None, None),
    "virtuoso": ("EPKG_VIRTUOSO_URL", "EPKG_VIRTUOSO_USER", "EPKG_VIRTUOSO_PASSWORD"),
}


def running(kind: str) -> Server:
    url_var, user_var, password_var = SERVERS[kind]
    url = os.environ.get(url_var, "")
    require_component(bool(url), f"no {kind} server: {url_var} is not set "
                                 "(run `. .ci/servers.sh && start_servers`)")
    return Server(kind, url, os.environ.get(user_var or "", None) or None,
                  os.environ.get(password_var or "", None) or None)


@pytest.fixture(params=sorted(SERVERS))
def server(request: pytest.FixtureRequest) -> Server:
    return running(request.param)


@pytest.fixture
def virtuoso() -> Server:
    return running("virtuoso")


@pytest.fixture
def own_copy(tmp_path: Path):
    """Copy a fixture with its document IRIs moved under a fresh random base."""

    def make(name: str, edit=lambda text: text) -> Path:
        base = f"https://w3id.org/epkg/test/{uuid.uuid4().hex}/doc/"
        text = (FIXTURES / name).read_text(encoding="utf-8").replace(DOC_BASE, base)
        path = tmp_path / f"{uuid.uuid4().hex[:8]}-{name}"
        path.write_text(edit(text), encoding="utf-8")
        return path

    return make


def assert_server_holds(server: Server, expected: dict[str, set[ox.Quad]]) -> None:
    for graph, triples in expected.items():
        assert server.count(graph) == len(triples), graph
        assert server.triples(graph) == triples, graph


def test_load_holds_exactly_the_local_triples_and_twice_changes_nothing(server, own_copy) -> None:
    path = own_copy("two-documents.trig")
    expected = local_graphs(path)
    assert sorted(len(t) for t in expected.values()) == [10, 24]
    for _ in range(2):
        result = server.load(str(path))
        assert result.exit_code == 0, result.output
        assert result.stdout.count("loaded <") == 2
        assert_server_holds(server, expected)


def test_load_replaces_a_changed_graph(server, own_copy) -> None:
    first = own_copy("two-documents.trig")
    assert server.load(str(first)).exit_code == 0
    # The same documents again, one paragraph shorter and retitled: nothing of the
    # old version may survive on the server.
    text = first.read_text(encoding="utf-8")
    second = first.with_name("second.trig")
    second.write_text(
        text.replace('nif:isString "calls on the authorities"@en ;', "")
            .replace("on Country Y", "on Country Y (corrected)"),
        encoding="utf-8",
    )
    expected = local_graphs(second)
    assert sorted(len(t) for t in expected.values()) == [9, 24]
    result = server.load(str(second))
    assert result.exit_code == 0, result.output
    assert_server_holds(server, expected)


def test_a_graph_in_parts_equals_the_graph_in_one(server, own_copy) -> None:
    path = own_copy("two-documents.trig")
    result = server.load(str(path), "--chunk-size", "4")
    assert result.exit_code == 0, result.output
    assert "24 triples in 6 request(s)" in result.stdout
    assert_server_holds(server, local_graphs(path))
    result = server.load(str(path), "--chunk-size", "4")
    assert_server_holds(server, local_graphs(path))


def test_triples_outside_named_graphs_go_to_the_documents_graph(server, own_copy) -> None:
    path = own_copy("one-document.ttl")
    graphs = local_graphs(path)
    assert list(graphs) == [""]
    triples = graphs[""]
    graph = next(q.subject.value for q in triples
                 if q.object == ox.NamedNode("http://data.europa.eu/eli/ontology#Expression"))
    result = server.load(str(path))
    assert result.exit_code == 0, result.output
    assert_server_holds(server, {graph: triples})


def test_load_from_an_embedded_store(server, own_copy, tmp_path: Path) -> None:
    from graph.store import open_store

    path = own_copy("two-documents.trig")
    expected = local_graphs(path)
    with open_store(tmp_path / "store") as store:
        for graph, triples in expected.items():
            store.replace_graph(graph, triples)
    result = server.load("--store", str(tmp_path / "store"))
    assert result.exit_code == 0, result.output
    assert_server_holds(server, expected)


def test_dry_run_sends_nothing(server, own_copy) -> None:
    path = own_copy("two-documents.trig")
    secret = Server(server.kind, server.url, "someone", "dry-run-s3cret")
    result = secret.load(str(path), "--dry-run")
    assert result.exit_code == 0, result.output
    assert result.stdout.count("\nPUT ") == 2 and "dry-run-s3cret" not in result.output
    for graph in local_graphs(path):
        assert server.count(graph) == 0


def test_virtuoso_wrong_password_is_exit_2_one_line(virtuoso, own_copy) -> None:
    wrong = Server(virtuoso.kind, virtuoso.url, virtuoso.user, "not-the-password")
    result = wrong.load(str(own_copy("two-documents.trig")))
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.output
    assert "was not accepted" in result.stderr and "not-the-password" not in result.output


# --- the stored queries answer the same on the server as on the local store ----------

#: Values for required parameters, found in the local graph: the most mentioned entity
#: and its name.
_PICK = """PREFIX epkg: <https://w3id.org/epkg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?entity (MIN(STR(?label)) AS ?name) (COUNT(?unit) AS ?n)
WHERE { ?unit epkg:mentions ?entity . ?entity skos:prefLabel ?label }
GROUP BY ?entity ORDER BY DESC(?n) ?entity LIMIT 1"""


_GROUP_CONCAT = re.compile(
    r'GROUP_CONCAT\([^)]*?separator\s*=\s*"([^"]*)"\s*\)\s*AS\s*\?(\w+)', re.IGNORECASE)


def rows_of(solutions: ox.QuerySolutions, query_text: str) -> list[tuple[tuple[str, str], ...]]:
    """Rows as sorted (variable, N-Triples term) pairs, compared as a multiset (ties in
    ORDER BY may come back in any order). Engines may concatenate a GROUP_CONCAT's
    values in any order (SPARQL leaves it open), so those values are compared as sorted
    lists. A GROUP_CONCAT over no values is "" on Virtuoso and unbound on Oxigraph
    (SPARQL 1.1 leaves aggregate errors open), so an empty plain string counts as unbound."""
    concatenated = {name: sep for sep, name in _GROUP_CONCAT.findall(query_text)}
    variables = solutions.variables
    rows = []
    for solution in solutions:
        pairs = []
        for variable in variables:
            term = solution[variable]
            if term is None or (isinstance(term, ox.Literal) and str(term) == '""'):
                continue
            separator = concatenated.get(variable.value)
            if separator and isinstance(term, ox.Literal):
                pairs.append((variable.value, repr(sorted(term.value.split(separator)))))
            else:
                pairs.append((variable.value, str(term)))
        rows.append(tuple(sorted(pairs)))
    return sorted(rows)


def assert_queries_agree(server: Server, quads: list[ox.Quad]) -> int:
    """Every stored query gives the same rows on the server as on a local store holding
    ``quads`` (already loaded on the server); returns how many gave rows."""
    from graph.queries import list_queries, run_query

    local = ox.Store()
    local.extend(quads)
    graphs = sorted(g.value for g in local.named_graphs())
    pick = next(iter(local.query(_PICK, use_default_graph_as_union=True)))
    values = {"entity": pick["entity"], "name": ox.Literal(pick["name"].value)}

    queries = list_queries()
    assert len(queries) >= 10
    compared = nonempty = concatenations = 0
    for query in queries:
        given = {p.name: values[p.name] for p in query.params if not p.optional}
        local_result = run_query(query, local, given)
        assert isinstance(local_result, ox.QuerySolutions), query.name
        expected = rows_of(local_result, query.text)
        # The server gets the same text; a required parameter is bound by an inline
        # VALUES block opening the WHERE group (what a user of the server would write).
        bind = "".join(f"\n  VALUES ?{k} {{ {v} }}" for k, v in given.items())
        text = re.sub(r"WHERE\s*\{", lambda m, b=bind: m.group(0) + b, query.text, count=1)
        assert not given or bind in text, query.name
        # JSON: pyoxigraph 0.5 trims the spaces of literals in Virtuoso's indented XML results.
        body = server.query(text, graphs).content
        remote = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
        assert isinstance(remote, ox.QuerySolutions), query.name
        assert rows_of(remote, query.text) == expected, query.name
        compared += 1
        nonempty += bool(expected)
        concatenations += len(_GROUP_CONCAT.findall(query.text))
    assert compared == len(queries)
    assert concatenations >= 5  # the GROUP_CONCAT rule above really applied
    return nonempty


def test_stored_queries_answer_the_same_on_the_server(server, tmp_path: Path) -> None:
    from graph_samples import small_analysis

    from graph.rdf import build_quads

    base = f"https://w3id.org/epkg/test/{uuid.uuid4().hex}/"
    quads = (build_quads(small_analysis(), base=base)
             + build_quads(small_analysis("en", "TA-9-2021-0099"), base=base))
    path = tmp_path / "two.nq"
    path.write_bytes(ox.serialize(quads, format=ox.RdfFormat.N_QUADS))
    result = server.load(str(path))
    assert result.exit_code == 0, result.output
    nonempty = assert_queries_agree(server, quads)
    assert nonempty >= 10  # the hand-made analysis exercises most queries


def test_the_samples_real_graph(server, sample_path: Path, tmp_path: Path) -> None:
    """`epkg build` of the sample, then `epkg load`: same triples, twice; same answers."""
    base = f"https://w3id.org/epkg/test/{uuid.uuid4().hex}/"
    graph_file = tmp_path / "sample.trig"
    built = CliRunner().invoke(main, ["build", str(sample_path), "-o", str(graph_file),
                                      "--base", base])
    assert built.exit_code == 0, built.output
    expected = local_graphs(graph_file)
    assert list(expected) == [f"{base}eli/dl/doc/TA-9-2021-0056/ro"]
    assert len(next(iter(expected.values()))) > 500
    for _ in range(2):
        result = server.load(str(graph_file))
        assert result.exit_code == 0, result.output
        assert_server_holds(server, expected)
    nonempty = assert_queries_agree(server, list(ox.parse(path=str(graph_file))))
    assert nonempty >= 8
