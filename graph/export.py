"""Serialise quads to every standard RDF format, deterministically, and read them back.

Deterministic means byte-identical output for the same quads: N-Triples and
N-Quads are sorted lines; Turtle, TriG and RDF/XML are written by pyoxigraph from
sorted statements, with the prefix block rewritten in one fixed order; JSON-LD is
compacted with ``ontology/context.jsonld`` by a small compactor here (pyoxigraph
writes no compact JSON-LD, and rdflib's is slow), nodes sorted by ``@id``.

Formats without graph names (Turtle, N-Triples, JSON-LD, RDF/XML) hold the union of
the graphs; N-Quads and TriG keep each document's named graph.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

from pyoxigraph import BlankNode, Literal, NamedNode, Quad, RdfFormat, Triple, parse
from pyoxigraph import serialize as _ox_serialize

from .atomic import atomic_write
from .errors import ConfigError, GraphInputError, InputError
from .namespaces import PREFIXES
from .resources import resource_path

__all__ = [
    "FORMATS",
    "SUFFIXES",
    "format_for",
    "serialize_quads",
    "serialize",
    "write",
    "read",
    "sorted_ntriples",
    "load_context",
]

#: format name → (pyoxigraph format, keeps graph names, media type)
FORMATS: dict[str, tuple[RdfFormat, bool, str]] = {
    "turtle": (RdfFormat.TURTLE, False, "text/turtle"),
    "jsonld": (RdfFormat.JSON_LD, False, "application/ld+json"),
    "nt": (RdfFormat.N_TRIPLES, False, "application/n-triples"),
    "nq": (RdfFormat.N_QUADS, True, "application/n-quads"),
    "trig": (RdfFormat.TRIG, True, "application/trig"),
    "rdfxml": (RdfFormat.RDF_XML, False, "application/rdf+xml"),
}
#: file suffix → format name
SUFFIXES: dict[str, str] = {
    ".ttl": "turtle",
    ".turtle": "turtle",
    ".jsonld": "jsonld",
    ".json": "jsonld",
    ".nt": "nt",
    ".nq": "nq",
    ".trig": "trig",
    ".rdf": "rdfxml",
    ".xml": "rdfxml",
    ".owl": "rdfxml",
}
_ALIASES = {"ttl": "turtle", "json-ld": "jsonld", "ntriples": "nt", "nquads": "nq", "xml": "rdfxml"}


def format_for(path: str | os.PathLike[str] | None, fmt: str | None = None) -> str:
    """The format name from an explicit ``fmt`` or from the file's suffix."""
    if fmt:
        name = _ALIASES.get(fmt.lower(), fmt.lower())
        if name not in FORMATS:
            raise ConfigError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
        return name
    if path is None or str(path) == "-":
        raise ConfigError(f"cannot tell the format of stdout: give --format ({', '.join(FORMATS)})")
    suffix = Path(path).suffix.lower()
    if suffix not in SUFFIXES:
        raise ConfigError(
            f"cannot tell the format from the suffix {suffix or '(none)'!r} of {path}; "
            f"use one of {', '.join(sorted(SUFFIXES))} or --format ({', '.join(FORMATS)})"
        )
    return SUFFIXES[suffix]


def _order(statement: Quad | Triple) -> tuple[str, str, bool, str, str]:
    """Graph, subject, then rdf:type first (Turtle reads "<s> a C ; …"), predicate, object."""
    graph = str(statement.graph_name) if isinstance(statement, Quad) else ""
    predicate = statement.predicate.value
    return (
        graph, str(statement.subject), predicate != _RDF_TYPE, predicate, str(statement.object)
    )


def _triples(data: Iterable[Quad | Triple]) -> list[Triple]:
    return _in_order(list({d.triple if isinstance(d, Quad) else d for d in data}))


#: rdf:type as N-Triples writes it: the one predicate :func:`_order` puts first.
_RDF_TYPE_NT = b"<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"


def _in_order(triples: list[Triple]) -> list[Triple]:
    """The triples sorted as :func:`_order` sorts them, keys read from their N-Triples.

    A term's N-Triples text is its ``str()``, and UTF-8 bytes sort as their code
    points, so one serialisation gives every key, and each key is one bytes object
    (one memcmp a comparison, where a tuple of str took three calls into pyoxigraph
    to build and several comparisons to order): a third less time for writing a
    resolution's Turtle.
    """
    lines = (_ox_serialize(triples, format=RdfFormat.N_TRIPLES) or b"").split(b"\n")
    if len(lines) != len(triples) + 1:  # not one line per triple: never seen; be safe
        return sorted(triples, key=_order)
    keys = [_line_key(line) for line in lines[:-1]]
    return [triples[i] for i in sorted(range(len(triples)), key=keys.__getitem__)]


def _line_key(line: bytes) -> bytes:
    """:func:`_order`'s key of one N-Triples line ``S P O .``, as one bytes object.

    S and P hold no space. The parts are joined by NUL, which no N-Triples line
    holds (it is written ``\\u0000``), so a part that is a prefix of another still
    sorts first, as in a tuple; the predicate loses its angle brackets, because
    ``>`` sorts after ``/`` and ``#`` where the bare IRI sorts before them.
    """
    subject, predicate, rest = line.split(b" ", 2)
    rank = b"0" if predicate == _RDF_TYPE_NT else b"1"
    return b"\0".join((subject, rank + predicate[1:-1], rest[:-2]))


def _quads(data: Iterable[Quad | Triple]) -> list[Quad]:
    quads = {d if isinstance(d, Quad) else Quad(d.subject, d.predicate, d.object) for d in data}
    return sorted(quads, key=_order)


def sorted_ntriples(data: Iterable[Quad | Triple]) -> bytes:
    """Canonical sorted N-Triples: the byte-identical form of a graph."""
    unique = list({d.triple if isinstance(d, Quad) else d for d in data})
    body = _ox_serialize(unique, format=RdfFormat.N_TRIPLES) or b""
    lines = sorted(set(body.splitlines()))
    return b"".join(line + b"\n" for line in lines)


def _sorted_nquads(data: Iterable[Quad | Triple]) -> bytes:
    body = _ox_serialize(_quads(data), format=RdfFormat.N_QUADS) or b""
    lines = sorted(set(body.splitlines()))
    return b"".join(line + b"\n" for line in lines)


def _with_fixed_prefixes(body: bytes) -> bytes:
    """Replace pyoxigraph's prefix block with ours, in PREFIXES order."""
    lines = body.split(b"\n")
    rest = [line for line in lines if not line.startswith(b"@prefix ")]
    head = [f"@prefix {p}: <{ns}> .".encode() for p, ns in PREFIXES.items()]
    return b"\n".join(head + [b""] + rest)


def load_context() -> dict[str, object]:
    """Our JSON-LD context (ontology/context.jsonld), the value of its ``@context``."""
    path = resource_path("ontology", "context.jsonld")
    import json  # JSON-LD only: `epkg build -o out.ttl` need not import it

    context: dict[str, object] = json.loads(path.read_text(encoding="utf-8"))["@context"]
    return context


def _jsonld(data: Iterable[Quad | Triple]) -> bytes:
    """Compact JSON-LD with our context, written directly from the sorted triples.

    Our context holds prefixes only, so compaction is mechanical: property and type
    IRIs become compact IRIs ("epkg:mentions"), xsd:string literals plain strings,
    single values are not wrapped in arrays. Writing it here is ~40× faster than
    rdflib's compacting serialiser and deterministic by construction; the tests
    read it back with rdflib and pyoxigraph and compare the graphs.
    """
    context = load_context()
    prefixes = tuple((p, ns) for p, ns in context.items() if isinstance(ns, str))
    nodes: dict[str, dict[str, list[object]]] = {}
    for triple in _triples(data):
        subject = _jsonld_id(triple.subject, prefixes)
        node = nodes.setdefault(subject, {})
        if triple.predicate.value == _RDF_TYPE and isinstance(triple.object, NamedNode):
            node.setdefault("@type", []).append(_compact(triple.object.value, prefixes))
            continue
        key = _compact(triple.predicate.value, prefixes)
        node.setdefault(key, []).append(_jsonld_value(triple.object, prefixes))
    graph = []
    for subject in sorted(nodes):
        out: dict[str, object] = {"@id": subject}
        for key in sorted(nodes[subject], key=lambda k: (k != "@type", k)):
            values = sorted(nodes[subject][key], key=_value_key)
            out[key] = values[0] if len(values) == 1 else values
        graph.append(out)
    # One node per line: readable, diff-friendly, and the C encoder (indent would
    # force the pure-Python one, 4× slower).
    import json

    head = json.dumps(context, indent=2, ensure_ascii=False).replace("\n", "\n  ")
    body = ",\n    ".join(json.dumps(node, ensure_ascii=False) for node in graph)
    text = f'{{\n  "@context": {head},\n  "@graph": [\n    {body}\n  ]\n}}\n'
    return text.encode("utf-8")


_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
_CURIE_SUFFIX = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*\Z")


def _value_key(value: object) -> tuple[str, str, str]:
    if isinstance(value, dict):
        return (
            str(value.get("@id", value.get("@value", ""))),
            str(value.get("@language", "")),
            str(value.get("@type", "")),
        )
    return (str(value), "", "")


@lru_cache(maxsize=4096)
def _compact(iri: str, prefixes: tuple[tuple[str, str], ...]) -> str:
    """A compact IRI when a prefix matches and the rest is a plain name, else the IRI."""
    for prefix, namespace in prefixes:
        if iri.startswith(namespace) and _CURIE_SUFFIX.match(iri[len(namespace):]):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


def _jsonld_id(term: object, prefixes: tuple[tuple[str, str], ...]) -> str:
    if isinstance(term, NamedNode):
        return _compact(term.value, prefixes)
    if isinstance(term, BlankNode):
        return f"_:{term.value}"
    raise ConfigError(f"JSON-LD cannot hold {term} as a subject here")


def _jsonld_value(term: object, prefixes: tuple[tuple[str, str], ...]) -> object:
    if isinstance(term, Literal):
        datatype = term.datatype.value
        if term.language:
            return {"@value": term.value, "@language": term.language}
        if datatype == _XSD_STRING:
            return term.value
        return {"@value": term.value, "@type": _compact(datatype, prefixes)}
    return {"@id": _jsonld_id(term, prefixes)}


def serialize(data: Sequence[Quad | Triple], fmt: str) -> bytes:
    """The quads in format ``fmt`` (a name of FORMATS), deterministically."""
    name = format_for(None, fmt)
    if name == "nt":
        return sorted_ntriples(data)
    if name == "nq":
        return _sorted_nquads(data)
    if name == "jsonld":
        return _jsonld(data)
    rdf_format, keeps_graphs, _ = FORMATS[name]
    statements: list[Quad] | list[Triple] = _quads(data) if keeps_graphs else _triples(data)
    body = _ox_serialize(statements, format=rdf_format, prefixes=PREFIXES) or b""
    if name in ("turtle", "trig"):
        return _with_fixed_prefixes(body)
    return body


serialize_quads = serialize


def write(
    data: Sequence[Quad | Triple], path: str | os.PathLike[str], fmt: str | None = None
) -> str:
    """Write the quads to ``path`` atomically; returns the format name used."""
    name = format_for(path, fmt)
    atomic_write(path, serialize(data, name))
    return name


def read(path: str | os.PathLike[str], fmt: str | None = None) -> list[Quad]:
    """Parse a graph file in any of our formats (by suffix or ``fmt``) into quads."""
    target = Path(path)
    if not target.is_file():
        raise InputError(f"{target}: no such file")
    name = format_for(target, fmt)
    rdf_format = FORMATS[name][0]
    try:
        return [
            q if isinstance(q, Quad) else Quad(q.subject, q.predicate, q.object)
            for q in parse(path=str(target), format=rdf_format)
        ]
    except (SyntaxError, ValueError, UnicodeDecodeError) as exc:
        raise GraphInputError(f"{target}: not valid {name}: {exc}") from exc
    except OSError as exc:
        raise InputError(f"{target}: cannot read: {exc.strerror or exc}") from exc
