"""Stored SPARQL queries: files under ``queries/`` with a small header, run with bound parameters.

A stored query is a ``.rq`` file whose first comment lines say what it answers::

    # title: Persons the Parliament calls to release
    # description: Every person named as an object of epkg:callsForReleaseOf, …
    # param: document — the expression IRI of one resolution (optional)

Parameters are *bound as RDF terms* through pyoxigraph's ``substitutions`` (SEP-0007),
never pasted into the query text, so a value can never change what the query does.
A parameter must therefore appear in the query's SELECT projection (pyoxigraph's
rule); an optional parameter left out stays unbound, which queries test with
``BOUND(?param)``.

Queries run over every graph at once (the union default graph), so they work the
same on one document's file and on a store holding a graph per document; they use
DISTINCT / COUNT(DISTINCT …) because a triple about an entity repeats in every
document's graph.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from .errors import ConfigError, GraphInputError, QueryError

__all__ = [
    "Param",
    "StoredQuery",
    "FORMATS",
    "load_query",
    "list_queries",
    "find_query",
    "parse_param_value",
    "bind_params",
    "load_graph_file",
    "run_query",
    "select_rows",
    "render",
]

#: Output formats of ``epkg query``: SPARQL 1.1 results in CSV, TSV and JSON, or a text table.
FORMATS: tuple[str, ...] = ("table", "csv", "tsv", "json")

_HEADER = re.compile(r"^#\s*(title|description|param)\s*:\s*(.*?)\s*$", re.IGNORECASE)
_CONTINUATION = re.compile(r"^#\s{2,}(\S.*?)\s*$")
_PARAM = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)\s*(?:—|–|--|-|:)\s*(.+)$")
_OPTIONAL = re.compile(r"\(optional\b", re.IGNORECASE)
_PREFIX = re.compile(r"PREFIX\s+([A-Za-z][\w.-]*)?:\s*<([^>]*)>", re.IGNORECASE)
_IRI_LIKE = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*://\S+|urn:\S+|mailto:\S+)$")


@dataclass(frozen=True, slots=True)
class Param:
    """A parameter of a stored query: a SPARQL variable the caller may bind."""

    name: str
    description: str
    optional: bool = False


@dataclass(frozen=True, slots=True)
class StoredQuery:
    """A query file and what its header says about it."""

    name: str
    title: str
    description: str
    params: tuple[Param, ...]
    text: str
    path: Path | None = None

    @property
    def prefixes(self) -> dict[str, str]:
        """The PREFIX declarations of the query (used to shorten IRIs in tables)."""
        return {m.group(1) or "": m.group(2) for m in _PREFIX.finditer(self.text)}


def _parse_header(name: str, text: str, origin: str) -> StoredQuery:
    title = ""
    description: list[str] = []
    params: list[Param] = []
    last = ""
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("#"):
            break
        match = _HEADER.match(stripped)
        if match:
            key, value = match.group(1).lower(), match.group(2)
            last = key
            if key == "title":
                title = value
            elif key == "description":
                description.append(value)
            else:
                param = _PARAM.match(value)
                if not param:
                    raise QueryError(
                        f"{origin}: bad parameter line {stripped!r}: expected "
                        "'# param: name — meaning'"
                    )
                params.append(
                    Param(param.group(1), param.group(2), bool(_OPTIONAL.search(param.group(2))))
                )
            continue
        more = _CONTINUATION.match(line.rstrip())
        if more and last == "description":
            description.append(more.group(1))
    missing = [k for k, v in (("title", title), ("description", description)) if not v]
    if missing:
        raise QueryError(
            f"{origin}: the query header lacks {' and '.join('# ' + m + ':' for m in missing)}"
        )
    return StoredQuery(name, title, " ".join(description), tuple(params), text)


def load_query(path: str | os.PathLike[str]) -> StoredQuery:
    """Read one ``.rq`` file and its header; the query's name is the file's stem."""
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{file}: cannot read the query: {exc}") from exc
    query = _parse_header(file.stem, text, str(file))
    return StoredQuery(query.name, query.title, query.description, query.params, text, file)


def _folder(folder: str | os.PathLike[str] | None) -> Path:
    if folder is not None:
        return Path(folder)
    from .resources import resource_dir

    return resource_dir("queries")


def list_queries(folder: str | os.PathLike[str] | None = None) -> list[StoredQuery]:
    """Every stored query, sorted by name (the project's ``queries/`` by default)."""
    return [load_query(p) for p in sorted(_folder(folder).glob("*.rq"))]


def find_query(name_or_file: str, folder: str | os.PathLike[str] | None = None) -> StoredQuery:
    """A stored query by name, or any ``.rq`` file by path."""
    candidate = Path(name_or_file)
    if name_or_file.endswith(".rq") or candidate.is_file():
        if not candidate.is_file():
            raise ConfigError(f"{name_or_file}: no such query file")
        return load_query(candidate)
    path = _folder(folder) / f"{name_or_file}.rq"
    if not path.is_file():
        names = ", ".join(q.name for q in list_queries(folder))
        raise ConfigError(f"unknown query {name_or_file!r}; stored queries: {names}")
    return load_query(path)


def parse_param_value(value: str) -> ox.NamedNode | ox.Literal:
    """``<…>`` or anything that looks like an IRI (``scheme://…``, ``urn:``, ``mailto:``)
    becomes an IRI; everything else a plain string literal."""
    try:
        if value.startswith("<") and value.endswith(">"):
            return ox.NamedNode(value[1:-1])
        if _IRI_LIKE.match(value):
            return ox.NamedNode(value)
    except ValueError as exc:
        raise ConfigError(f"parameter value {value!r} is not a valid IRI: {exc}") from exc
    return ox.Literal(value)


def bind_params(
    query: StoredQuery, given: Mapping[str, str | ox.NamedNode | ox.Literal]
) -> dict[ox.Variable, ox.NamedNode | ox.Literal]:
    """Check the given parameters against the header and turn them into substitutions."""
    declared = {p.name: p for p in query.params}
    unknown = sorted(set(given) - set(declared))
    if unknown:
        allowed = ", ".join(declared) or "none"
        raise ConfigError(
            f"query {query.name!r} has no parameter {', '.join(unknown)}; its parameters: {allowed}"
        )
    missing = [p.name for p in query.params if not p.optional and p.name not in given]
    if missing:
        raise ConfigError(
            f"query {query.name!r} needs --param {' --param '.join(m + '=…' for m in missing)}"
        )
    return {
        ox.Variable(name): parse_param_value(value) if isinstance(value, str) else value
        for name, value in given.items()
    }


def load_graph_file(path: str | os.PathLike[str]) -> ox.Store:
    """An in-memory store holding a graph file (format from its suffix; TriG, N-Quads keep
    their named graphs)."""
    file = Path(path)
    suffix = file.suffix.lstrip(".").lower()
    fmt = {"jsonld": ox.RdfFormat.JSON_LD, "json": ox.RdfFormat.JSON_LD}.get(suffix)
    fmt = fmt or ox.RdfFormat.from_extension(suffix)
    if fmt is None:
        raise ConfigError(
            f"{file}: unknown graph format {file.suffix!r}; "
            "expected .ttl, .nt, .nq, .trig, .jsonld, .rdf or .n3"
        )
    if not file.is_file():
        raise GraphInputError(f"{file}: no such graph file")
    store = ox.Store()
    try:
        store.bulk_load(path=str(file), format=fmt)
    except (SyntaxError, ValueError, OSError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise GraphInputError(f"{file}: cannot read the graph ({fmt.name}): {first}") from exc
    if len(store) == 0:
        raise GraphInputError(f"{file}: holds no triples; expected a graph made by epkg build")
    return store


def run_query(
    query: StoredQuery,
    store: ox.Store,
    params: Mapping[str, str | ox.NamedNode | ox.Literal] | None = None,
) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
    """Run a query over the union of every graph in ``store``, parameters bound as terms."""
    substitutions: dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple]
    substitutions = dict(bind_params(query, params or {}))
    try:
        return store.query(
            query.text,
            use_default_graph_as_union=True,
            substitutions=substitutions or None,
        )
    except SyntaxError as exc:
        raise QueryError(f"query {query.name!r} is not valid SPARQL: {exc}") from exc
    except (RuntimeError, OSError, ValueError) as exc:
        raise QueryError(f"query {query.name!r} failed: {exc}") from exc


def select_rows(
    query: StoredQuery,
    store: ox.Store,
    params: Mapping[str, str | ox.NamedNode | ox.Literal] | None = None,
) -> list[dict[str, ox.NamedNode | ox.BlankNode | ox.Literal]]:
    """The solutions of a SELECT query as dicts (unbound variables left out)."""
    result = run_query(query, store, params)
    if not isinstance(result, ox.QuerySolutions):
        raise QueryError(f"query {query.name!r} is not a SELECT query")
    names = [v.value for v in result.variables]
    rows = []
    for solution in result:
        row = {}
        for name in names:
            term = solution[name]
            if term is not None:
                row[name] = term
        rows.append(row)
    return rows


def _short(term: object, prefixes: dict[str, str]) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        best = max(
            ((p, ns) for p, ns in prefixes.items() if ns and term.value.startswith(ns)),
            key=lambda item: len(item[1]),
            default=None,
        )
        if best is not None:
            local = term.value[len(best[1]) :]
            if re.fullmatch(r"[\w.-]*", local):
                return f"{best[0]}:{local}"
        return f"<{term.value}>"
    if isinstance(term, ox.Literal):
        return term.value
    return str(term)


def _table(result: ox.QuerySolutions, prefixes: dict[str, str]) -> str:
    names = [v.value for v in result.variables]
    rows = [[_short(s[n], prefixes).replace("\n", " ") for n in names] for s in result]
    widths = [max([len(n)] + [len(r[i]) for r in rows]) for i, n in enumerate(names)]
    lines = ["  ".join(n.ljust(w) for n, w in zip(names, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines) + "\n"


def render(
    result: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples,
    fmt: str = "table",
    prefixes: dict[str, str] | None = None,
) -> bytes:
    """Results as a text table, or in the SPARQL 1.1 CSV / TSV / JSON results formats.

    ASK gives ``true``/``false`` (or the JSON boolean form); CONSTRUCT/DESCRIBE give
    N-Triples (Turtle in the table format).
    """
    if fmt not in FORMATS:
        raise ConfigError(f"unknown results format {fmt!r}; expected one of {', '.join(FORMATS)}")
    if isinstance(result, ox.QueryBoolean):
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": bool(result)}).encode() + b"\n"
        return (b"true" if bool(result) else b"false") + b"\n"
    if isinstance(result, ox.QueryTriples):
        triples = list(result)
        rdf_format = ox.RdfFormat.TURTLE if fmt == "table" else ox.RdfFormat.N_TRIPLES
        data = ox.serialize(triples, format=rdf_format, prefixes=prefixes or None)
        assert data is not None
        return data
    if fmt == "table":
        return _table(result, prefixes or {}).encode("utf-8")
    results_format = {
        "csv": ox.QueryResultsFormat.CSV,
        "tsv": ox.QueryResultsFormat.TSV,
        "json": ox.QueryResultsFormat.JSON,
    }[fmt]
    data = result.serialize(format=results_format)
    assert data is not None
    return data if data.endswith(b"\n") else data + b"\n"
