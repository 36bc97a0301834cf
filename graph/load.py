"""Load named graphs into a remote triplestore with the SPARQL 1.1 Graph Store HTTP
Protocol.

Why one PUT per named graph: PUT *replaces* the graph, so loading the same document
twice leaves the server exactly as after the first load (no duplicates), which a
SPARQL ``INSERT DATA`` or a GSP ``POST`` alone would not.

Large graphs go in parts: the first part is a PUT (it replaces whatever the graph held),
the next parts are POSTs (they add). If a later part fails, the graph on the server is
incomplete; we stop, say so, and rely on the *run* being idempotent: loading again
starts with a PUT and so replaces the partial graph. (A load into a scratch graph
followed by a rename would hide the partial state, but GSP has no rename and the
stores' SPARQL Update ``MOVE`` support differs; we chose the simple, documented rule.)
Triples that touch a blank node all go into the first part: a blank node means the
same node only within one request, and a retried PUT is idempotent while a retried
POST of blank nodes would duplicate them. Ground triples are a set, so a retried POST
of them is harmless.

Every difference between stores (path, graph parameter, media type, authentication,
query endpoint) lives in :data:`STORE_TYPES` and nowhere else.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

import httpx
import pyoxigraph as ox

from .errors import ConfigError, GraphInputError, InputError, StoreError

__all__ = [
    "StoreType",
    "STORE_TYPES",
    "store_type",
    "NamedGraph",
    "read_graph_file",
    "read_store",
    "graphs_from_quads",
    "Request",
    "GraphResult",
    "Credentials",
    "plan_requests",
    "GraphStoreClient",
    "DEFAULT_CHUNK_TRIPLES",
    "PASSWORD_ENV",
]

#: Triples per request. One resolution's graph is far below this; a corpus is not.
DEFAULT_CHUNK_TRIPLES = 50_000
#: The environment variable the password is read from (never from the command line).
PASSWORD_ENV = "EPKG_PASSWORD"

_TRANSIENT_STATUS = frozenset({502, 503, 504})
_OK_STATUS = frozenset({200, 201, 204})


@dataclass(frozen=True, slots=True)
class StoreType:
    """How one kind of triplestore speaks the Graph Store Protocol.

    ``endpoint`` as the user gives it is the server's (or dataset's / repository's)
    base URL; ``gsp_path`` and ``query_path`` are appended to it.
    """

    name: str
    gsp_path: str  # appended to the endpoint ("" = the URL as given)
    graph_param: str  # query parameter that names the graph
    content_type: str  # media type of the body (our body is N-Triples, which is also Turtle)
    auth: Literal["basic", "digest"]  # scheme used when --user is given
    query_path: str  # SPARQL query endpoint, appended to the endpoint
    example: str  # what --endpoint looks like, for help and error messages

    def gsp_url(self, endpoint: str) -> str:
        """The Graph Store endpoint for ``endpoint`` (accepts it already complete)."""
        base = endpoint.rstrip("/")
        if self.gsp_path and not base.endswith(self.gsp_path):
            base += self.gsp_path
        return base

    def graph_url(self, endpoint: str, graph: str) -> str:
        """The URL that names ``graph`` on the server (existing query parameters kept)."""
        url = httpx.URL(self.gsp_url(endpoint)).copy_merge_params({self.graph_param: graph})
        return str(url)

    def query_url(self, endpoint: str) -> str:
        """The SPARQL query endpoint next to the Graph Store endpoint."""
        base = endpoint.rstrip("/")
        if self.gsp_path and base.endswith(self.gsp_path):
            base = base[: -len(self.gsp_path)]
        return base + self.query_path


#: The one table of per-store differences.
STORE_TYPES: dict[str, StoreType] = {
    t.name: t
    for t in (
        StoreType("oxigraph", "/store", "graph", "application/n-triples", "basic", "/query",
                  "http://127.0.0.1:7878"),
        # Virtuoso: only the digest-auth endpoint may write (the plain one answers 403);
        # text/turtle is the media type every Virtuoso 7 release accepts.
        StoreType("virtuoso", "/sparql-graph-crud-auth", "graph-uri", "text/turtle; charset=utf-8",
                  "digest", "/sparql", "http://127.0.0.1:8890"),
        StoreType("fuseki", "/data", "graph", "application/n-triples", "basic", "/query",
                  "http://127.0.0.1:3030/DATASET"),
        StoreType("graphdb", "/rdf-graphs/service", "graph", "application/n-triples", "basic", "",
                  "http://127.0.0.1:7200/repositories/REPOSITORY"),
        StoreType("generic", "", "graph", "application/n-triples", "basic", "",
                  "the full Graph Store URL, e.g. http://host/rdf-graph-store"),
    )
}


def store_type(name: str) -> StoreType:
    """The :class:`StoreType` called ``name``; a :class:`ConfigError` lists the choices."""
    try:
        return STORE_TYPES[name]
    except KeyError:
        raise ConfigError(
            f"unknown store type {name!r}; expected one of {', '.join(STORE_TYPES)}"
        ) from None


def check_endpoint(endpoint: str) -> str:
    """An http(s) URL with a host and no credentials in it; else :class:`ConfigError`."""
    try:
        url = httpx.URL(endpoint)
    except Exception as exc:  # httpx raises several types for malformed URLs
        raise ConfigError(f"--endpoint {endpoint!r} is not a URL: {exc}") from None
    if url.scheme not in ("http", "https") or not url.host:
        raise ConfigError(f"--endpoint {endpoint!r} must be an http:// or https:// URL with a host")
    if url.userinfo:
        raise ConfigError(
            "--endpoint must not carry credentials; give --user and set the password in "
            f"the environment variable {PASSWORD_ENV}"
        )
    return endpoint


@dataclass(frozen=True, slots=True)
class NamedGraph:
    """A graph to load: its IRI and its (distinct) triples."""

    name: str
    triples: Sequence[ox.Triple]


@dataclass(frozen=True, slots=True)
class Request:
    """One Graph Store request; ``part``/``parts`` count the requests of one graph."""

    method: Literal["PUT", "POST"]
    url: str
    graph: str
    content_type: str
    body: bytes
    triples: int
    part: int
    parts: int

    def describe(self) -> str:
        """One line for --dry-run and logs (never holds credentials)."""
        return (
            f"{self.method} {self.url}  [{self.content_type}; {self.triples} triples; "
            f"{len(self.body)} bytes; part {self.part}/{self.parts}]"
        )


@dataclass(frozen=True, slots=True)
class GraphResult:
    """What loading one graph did."""

    graph: str
    triples: int
    requests: int
    seconds: float


@dataclass(frozen=True, slots=True)
class Credentials:
    """A user and a password; ``repr`` never shows the password. ``source`` names the
    environment variable the password came from, for error messages."""

    user: str
    password: str = field(repr=False)
    source: str = PASSWORD_ENV


_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_ELI_EXPRESSION = ox.NamedNode("http://data.europa.eu/eli/ontology#Expression")


def graphs_from_quads(
    quads: Iterable[ox.Quad], default_graph: str | None, origin: str,
) -> list[NamedGraph]:
    """Group quads by named graph (sorted by name, duplicates dropped).

    Triples outside any named graph go into ``default_graph``; without it, into the
    one document they describe (the single ``eli:Expression`` among them, which is
    the graph a document lives in), or a :class:`ConfigError` asks for ``--graph``.
    We never write into the server's default graph: it is usually other people's data.
    """
    grouped: dict[str, dict[ox.Triple, None]] = {}
    loose: dict[ox.Triple, None] = {}
    for quad in quads:
        if isinstance(quad.graph_name, ox.DefaultGraph):
            loose[quad.triple] = None
        else:
            grouped.setdefault(quad.graph_name.value, {})[quad.triple] = None
    if loose:
        name = default_graph or _expression_of(loose)
        if name is None:
            raise ConfigError(
                f"{origin}: {len(loose)} triples are in no named graph and name no single "
                "eli:Expression; give --graph IRI to say which graph they go into (for "
                "several documents, write them as .trig or .nq: one graph each)"
            )
        _check_iri(name)
        grouped.setdefault(name, {}).update(loose)
    return [NamedGraph(name, list(grouped[name])) for name in sorted(grouped)]


def _expression_of(triples: Iterable[ox.Triple]) -> str | None:
    found = {t.subject.value for t in triples
             if t.predicate == _RDF_TYPE and t.object == _ELI_EXPRESSION
             and isinstance(t.subject, ox.NamedNode)}
    return found.pop() if len(found) == 1 else None


def _check_iri(name: str) -> None:
    try:
        ox.NamedNode(name)
    except ValueError as exc:
        raise ConfigError(f"--graph {name!r} is not an absolute IRI: {exc}") from None


_FORMATS = {
    "trig": ox.RdfFormat.TRIG, "nq": ox.RdfFormat.N_QUADS, "ttl": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD, "rdf": ox.RdfFormat.RDF_XML,
    "owl": ox.RdfFormat.RDF_XML,
}


def read_graph_file(path: str, default_graph: str | None = None) -> list[NamedGraph]:
    """The named graphs of an RDF file; the format comes from its extension.

    TriG and N-Quads keep their named graphs; Turtle, N-Triples, RDF/XML and JSON-LD
    triples go into ``default_graph`` (see :func:`graphs_from_quads`).
    """
    suffix = path.rsplit(".", 1)[-1].lower() if "." in path else ""
    fmt = _FORMATS.get(suffix)
    if fmt is None:
        raise InputError(
            f"{path}: unknown RDF format {('.' + suffix) if suffix else '(no extension)'}; "
            "use .trig, .nq, .ttl, .nt, .jsonld or .rdf"
        )
    try:
        quads = list(ox.parse(path=path, format=fmt))
    except SyntaxError as exc:
        raise GraphInputError(f"{path}: not valid {fmt.name}: {_first_line(exc.msg)}") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or _first_line(exc)}") from None
    if not quads:
        raise GraphInputError(f"{path}: holds no triples; expected a graph made by epkg build")
    return graphs_from_quads(quads, default_graph, path)


def read_store(folder: str, default_graph: str | None = None) -> list[NamedGraph]:
    """The named graphs of an embedded store (:mod:`graph.store`), opened read-only so
    that loading works while another process (``epkg serve``, a build) holds it."""
    from .store import open_store

    with open_store(folder, create=False, read_only=True) as store:
        return graphs_from_quads(store.quads(), default_graph, folder)


def _has_blank(triple: ox.Triple) -> bool:
    return isinstance(triple.subject, ox.BlankNode) or isinstance(triple.object, ox.BlankNode)


def _parts(triples: Sequence[ox.Triple], size: int) -> list[list[ox.Triple]]:
    """Split into parts of about ``size`` triples; all blank-node triples in the first."""
    blank = [t for t in triples if _has_blank(t)]
    ground = [t for t in triples if not _has_blank(t)]
    room = max(0, size - len(blank))
    parts = [blank + ground[:room]]
    rest = ground[room:]
    parts.extend(rest[i : i + size] for i in range(0, len(rest), size))
    return parts


def plan_requests(
    graphs: Iterable[NamedGraph], kind: StoreType, endpoint: str,
    chunk_triples: int = DEFAULT_CHUNK_TRIPLES,
) -> list[Request]:
    """The requests that replace each graph on the server, in order."""
    if chunk_triples < 1:
        raise ConfigError(f"chunk size must be at least 1 triple, not {chunk_triples}")
    requests: list[Request] = []
    for graph in graphs:
        url = kind.graph_url(endpoint, graph.name)
        parts = _parts(graph.triples, chunk_triples)
        for index, part in enumerate(parts, start=1):
            body = ox.serialize(part, format=ox.RdfFormat.N_TRIPLES) or b""
            requests.append(Request("PUT" if index == 1 else "POST", url, graph.name,
                                    kind.content_type, body, len(part), index, len(parts)))
    return requests


class GraphStoreClient:
    """Sends :class:`Request` s with timeouts and a bounded retry on transient failures.

    Retried: connection reset or closed mid-request, and 502/503/504 (honouring a short
    ``Retry-After``). Not retried: a refused connection (the server is not there), a
    timeout (the server may still be working on it), and every other status.
    """

    def __init__(
        self, kind: StoreType, endpoint: str, credentials: Credentials | None = None, *,
        timeout: float = 120.0, attempts: int = 3, backoff: float = 0.5,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.kind = kind
        self.endpoint = check_endpoint(endpoint)
        self.attempts = max(1, attempts)
        self.backoff = backoff
        self.timeout = timeout
        self._sleep = sleep
        self._credentials = credentials
        auth: httpx.Auth | None = None
        if credentials is not None:
            auth = (httpx.DigestAuth if kind.auth == "digest" else httpx.BasicAuth)(
                credentials.user, credentials.password)
        self._client = httpx.Client(
            auth=auth, transport=transport,
            timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
        )

    def __enter__(self) -> GraphStoreClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def load(
        self, requests: Sequence[Request], on_graph: Callable[[GraphResult], None] | None = None,
    ) -> list[GraphResult]:
        """Send every request in order; one :class:`GraphResult` per graph."""
        results: list[GraphResult] = []
        start, count, triples = time.perf_counter(), 0, 0
        for request in requests:
            if request.part == 1:
                start, count, triples = time.perf_counter(), 0, 0
            try:
                self.send(request)
            except StoreError as exc:
                if request.part > 1:
                    raise StoreError(
                        f"{exc}; graph <{request.graph}> is incomplete on the server "
                        f"({request.part - 1} of {request.parts} parts loaded): "
                        "run the load again to replace it"
                    ) from exc
                raise
            count += 1
            triples += request.triples
            if request.part == request.parts:
                result = GraphResult(request.graph, triples, count, time.perf_counter() - start)
                results.append(result)
                if on_graph is not None:
                    on_graph(result)
        return results

    def send(self, request: Request) -> httpx.Response:
        """Send one request, retrying transient failures; :class:`StoreError` otherwise."""
        where = f"{self.kind.name} at {self.endpoint}"
        for attempt in range(1, self.attempts + 1):
            last = attempt == self.attempts
            try:
                response = self._client.request(
                    request.method, request.url, content=request.body,
                    headers={"Content-Type": request.content_type},
                )
            except httpx.ConnectError as exc:
                raise StoreError(f"cannot reach {where}: {_first_line(exc)}") from None
            except httpx.TimeoutException:
                raise StoreError(
                    f"{where} did not answer {request.method} <{request.graph}> within "
                    f"{self.timeout:g} s (raise --timeout, or lower --chunk-size)"
                ) from None
            except (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError) as exc:
                if last:
                    raise StoreError(
                        f"{where} dropped the connection {self.attempts} times: {_first_line(exc)}"
                    ) from None
                self._sleep(self._delay(attempt, None))
                continue
            except httpx.HTTPError as exc:
                raise StoreError(f"request to {where} failed: {_first_line(exc)}") from None
            if response.status_code in _OK_STATUS:
                return response
            if response.status_code in _TRANSIENT_STATUS and not last:
                self._sleep(self._delay(attempt, response.headers.get("Retry-After")))
                continue
            raise StoreError(self._refusal(where, request, response))
        raise AssertionError("unreachable")  # pragma: no cover

    def _delay(self, attempt: int, retry_after: str | None) -> float:
        delay = float(self.backoff * 2 ** (attempt - 1))
        if retry_after and retry_after.strip().isdigit():
            delay = max(delay, min(float(retry_after), 10.0))
        return delay

    def _refusal(self, where: str, request: Request, response: httpx.Response) -> str:
        status = response.status_code
        what = f"{where} refused {request.method} <{request.graph}> ({status}"
        if status == 401:
            if self._credentials is None:
                return f"{what}: authentication required; give --user and set {PASSWORD_ENV})"
            return (f"{what}: user {self._credentials.user!r} was not accepted; "
                    f"check {self._credentials.source})")
        if status == 403:
            return f"{what}: forbidden; the user needs write permission on this endpoint)"
        if status in (404, 405, 501):
            return (f"{what}: no Graph Store endpoint at {self.kind.gsp_url(self.endpoint)}; "
                    f"is --store-type right? expected --endpoint like {self.kind.example})")
        detail = _first_line(response.text) if response.text else response.reason_phrase
        if status in _TRANSIENT_STATUS:
            return f"{what} after {self.attempts} attempts: {detail})"
        return f"{what}: {detail})"


def _first_line(value: object, limit: int = 200) -> str:
    """The first non-empty line of an error or a response body, shortened."""
    for line in str(value).splitlines():
        if line.strip():
            line = line.strip()
            return line if len(line) <= limit else line[: limit - 1] + "…"
    return type(value).__name__ if isinstance(value, BaseException) else ""
