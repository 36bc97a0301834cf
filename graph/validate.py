"""The SHACL gate: does a graph keep the RDF contract (shapes/*.ttl)?

Two engines, one result type. The fast path is the Rust ``shacl`` package (pinned
to 0.3.4; it runs SHACL core and the SHACL-SPARQL constraints our shapes use, 23–30×
faster than pySHACL). pySHACL is the reference implementation: ``engine="pyshacl"``
runs it instead, and the tests check both report the same violations on the sample
and on mutated graphs. Both are imported only when a validation runs. The build's
gate (:func:`validate_quads`) screens a graph faster with the same verdict: the
validator on the core shapes, :mod:`graph.checks` for the SHACL-SPARQL constraints.

Data is handed to the validators as sorted N-Triples of the default graph: the
shapes describe a document's graph, whatever graph name the quads carry.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from pyoxigraph import NamedNode, Quad, Triple

from .errors import ConfigError, ValidationFailed
from .resources import resource_dir

if TYPE_CHECKING:  # graph.checks is imported when the gate first runs
    from .checks import Index, Plan
    from .rdf import Statement

__all__ = [
    "ValidationResult",
    "ResultRow",
    "validate",
    "validate_quads",
    "suspects",
    "shapes_text",
    "ENGINES",
]

ENGINES = ("shacl", "pyshacl")
Engine = Literal["shacl", "pyshacl"]

_SH = "http://www.w3.org/ns/shacl#"
_BASE = "https://w3id.org/epkg/shapes"


class ResultRow(NamedTuple):
    """One SHACL result, engine-independent (terms in N-Triples syntax); rows sort by
    their fields in order. A NamedTuple, not a dataclass: the build's gate imports this
    module in every fresh process, and an ordered dataclass costs ~1 ms to define."""

    focus: str
    path: str
    value: str
    component: str  # local name: "MinCountConstraintComponent"
    severity: str  # "Violation", "Warning" or "Info"
    message: str
    shape: str  # the nearest named shape, when the engine tells

    def key(self) -> tuple[str, str, str]:
        """What two engines must agree on: the focus node, the constraint, the value."""
        return (self.focus, self.component, self.value)


@dataclass(frozen=True)
class ValidationResult:
    """The outcome of one validation: conforms, the results, and renderings of both."""

    conforms: bool
    results: list[ResultRow] = field(default_factory=list)
    engine: str = "shacl"
    report_turtle: str = ""

    def text(self) -> str:
        """A readable report: one block per result, sorted."""
        lines = [
            "Validation Report",
            f"Conforms: {self.conforms}",
            f"Results ({len(self.results)}):",
        ]
        for row in sorted(self.results):
            lines.append(f"{row.severity} in {row.component}:")
            lines.append(f"\tFocus node: {row.focus}")
            if row.path:
                lines.append(f"\tPath: {row.path}")
            if row.value:
                lines.append(f"\tValue: {row.value}")
            if row.shape:
                lines.append(f"\tShape: {row.shape}")
            if row.message:
                lines.append(f"\tMessage: {row.message}")
        return "\n".join(lines) + "\n"

    def turtle(self) -> str:
        """The validation report as Turtle (the artefact SHACL defines)."""
        return self.report_turtle

    def json(self) -> str:
        """The results as JSON: {"conforms": …, "results": [{focus, path, …}, …]}."""
        import json  # here: the build's gate never renders JSON, and json costs ~1 ms to import
        payload: dict[str, Any] = {
            "conforms": self.conforms,
            "engine": self.engine,
            "results": [
                {
                    "focus": r.focus,
                    "path": r.path,
                    "value": r.value,
                    "component": r.component,
                    "severity": r.severity,
                    "message": r.message,
                    "shape": r.shape,
                }
                for r in sorted(self.results)
            ],
        }
        return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"

    def render(self, fmt: str = "text") -> str:
        if fmt == "text":
            return self.text()
        if fmt == "turtle":
            return self.turtle()
        if fmt == "json":
            return self.json()
        raise ConfigError(f"unknown report format {fmt!r}; expected one of text, turtle, json")


def shapes_files(folder: Path | None = None) -> list[Path]:
    """The shapes files, in a stable order."""
    return sorted((folder or resource_dir("shapes")).glob("*.ttl"))


@lru_cache(maxsize=4)
def shapes_text(folder: str | None = None) -> str:
    """Every shapes file as one Turtle document (prefix declarations may repeat)."""
    files = shapes_files(Path(folder) if folder else None)
    if not files:
        raise ConfigError(f"no SHACL shapes found in {folder or resource_dir('shapes')}")
    return "\n".join(path.read_text(encoding="utf-8") for path in files)


def _ntriples(data: Iterable[Quad | Triple]) -> str:
    from .export import sorted_ntriples

    return sorted_ntriples(data).decode("utf-8")


def validate(
    data: Sequence[Quad | Triple] | str | os.PathLike[str],
    engine: Engine = "shacl",
    shapes: str | os.PathLike[str] | None = None,
) -> ValidationResult:
    """Validate quads (or a graph file in any RDF format) against our shapes.

    The shapes describe one document's graph, so quads in several named graphs (an
    N-Quads or TriG file of a corpus) are validated graph by graph: the same entity
    may carry a different label in two documents of the same language, which is
    no violation. ``shapes`` names another folder of shapes files; the default is ours.
    """
    if engine not in ENGINES:
        raise ConfigError(
            f"unknown SHACL engine {engine!r}; expected one of {', '.join(ENGINES)}"
        )
    if isinstance(data, (str, os.PathLike)):
        from .export import read

        data = read(data)
    shapes_ttl = shapes_text(str(shapes) if shapes else None)
    run = _validate_rust if engine == "shacl" else _validate_pyshacl
    groups: dict[str, list[Quad | Triple]] = {}
    for statement in data:
        graph = str(statement.graph_name) if isinstance(statement, Quad) else ""
        groups.setdefault(graph, []).append(statement)
    results = [run(_ntriples(groups[graph]), shapes_ttl) for graph in sorted(groups)]
    if len(results) == 1:
        return results[0]
    if not results:
        return run("", shapes_ttl)
    return _merged(results, engine)


def _merged(results: list[ValidationResult], engine: str) -> ValidationResult:
    """One result for several graphs: all rows, and one report graph."""
    from pyoxigraph import RdfFormat, parse, serialize

    report: list[Triple] = []
    for result in results:  # each parse gets fresh blank nodes: reports do not mix
        report.extend(parse(result.report_turtle.encode("utf-8"), format=RdfFormat.TURTLE))
    turtle = serialize(report, format=RdfFormat.TURTLE, prefixes={"sh": _SH}) or b""
    return ValidationResult(
        all(r.conforms for r in results),
        sorted(row for r in results for row in r.results),
        engine,
        turtle.decode("utf-8"),
    )


@lru_cache(maxsize=4)
def _compiled(shapes_ttl: str) -> Any:
    import shacl

    return shacl.Shapes.from_text(shapes_ttl, format="turtle", base=_BASE)


def _validate_rust(nt: str, shapes_ttl: str, compiled: Any = None) -> ValidationResult:
    shapes = _compiled(shapes_ttl) if compiled is None else compiled
    report = shapes.validate_text(nt, format="ntriples")
    rows = [
        ResultRow(
            focus=r.focus_node,
            path=r.path or "",
            value=r.value or "",
            component=r.component,
            severity=r.severity,
            message=r.message or "",
            shape=r.root_shape or "",
        )
        for r in report.results
    ]
    turtle = report.serialize("turtle")
    return ValidationResult(bool(report.conforms), sorted(rows), "shacl", turtle)


def _prepared_query_graph() -> Any:
    """An rdflib Graph that parses each SPARQL text once.

    pySHACL sends a SHACL-SPARQL constraint's query text again for every focus node,
    and rdflib parses it again each time (~50 ms): on one resolution that is 15 s of
    parsing. ``prepareQuery`` is rdflib's own API for reusing a parsed query; the
    results are the same, pySHACL stays the unmodified reference.
    """
    from rdflib import Graph
    from rdflib.plugins.sparql import prepareQuery

    class PreparedQueryGraph(Graph):
        def query(self, query_object: Any, *args: Any, **kwargs: Any) -> Any:
            if isinstance(query_object, str):
                cache: dict[str, Any] = self.__dict__.setdefault("_epkg_prepared", {})
                prepared = cache.get(query_object)
                if prepared is None:
                    prepared = cache[query_object] = prepareQuery(query_object)
                query_object = prepared
            return super().query(query_object, *args, **kwargs)

    return PreparedQueryGraph()


def _validate_pyshacl(nt: str, shapes_ttl: str) -> ValidationResult:
    import pyshacl
    from rdflib import Graph

    data_graph = _prepared_query_graph().parse(data=nt, format="nt")
    shapes_graph = Graph().parse(data=shapes_ttl, format="turtle")
    # inplace: no inference runs, so pySHACL need not copy the data graph (and the
    # copy would be a plain Graph, without the parsed-query cache).
    conforms, report_graph, _ = pyshacl.validate(
        data_graph, shacl_graph=shapes_graph, advanced=True, allow_warnings=False, inplace=True
    )
    rows = sorted(_pyshacl_rows(report_graph))
    return ValidationResult(
        bool(conforms), rows, "pyshacl", report_graph.serialize(format="turtle")
    )


def _pyshacl_rows(report: Any) -> Iterable[ResultRow]:
    from rdflib import RDF, BNode, Namespace

    sh = Namespace(_SH)

    def nt_of(term: Any) -> str:
        if term is None:
            return ""
        return str(term.n3())

    for result in report.subjects(RDF.type, sh.ValidationResult):
        path = report.value(result, sh.resultPath)
        shape = report.value(result, sh.sourceShape)
        component = report.value(result, sh.sourceConstraintComponent)
        severity = report.value(result, sh.resultSeverity)
        message = report.value(result, sh.resultMessage)
        yield ResultRow(
            focus=nt_of(report.value(result, sh.focusNode)),
            path="" if path is None or isinstance(path, BNode) else nt_of(path),
            value=nt_of(report.value(result, sh.value)),
            component=str(component).rsplit("#", 1)[-1] if component else "",
            severity=str(severity).rsplit("#", 1)[-1] if severity else "",
            message=str(message) if message else "",
            shape="" if shape is None or isinstance(shape, BNode) else nt_of(shape),
        )


class _FastGate(NamedTuple):
    """The core shapes compiled, and the native checks standing in for the rest."""

    core: Any  # shacl.Shapes of the shapes graph without its SHACL-SPARQL constraints
    plan: Plan


@lru_cache(maxsize=4)
def _fast_gate(shapes_ttl: str) -> _FastGate | None:
    """Split the shapes once per process; None when a SHACL-SPARQL constraint has no
    native counterpart (then the gate runs every shape in the validator)."""
    import shacl
    from pyoxigraph import RdfFormat, serialize

    from .checks import plan, split_shapes

    core, constraints = split_shapes(shapes_ttl, _BASE)
    checks = plan(constraints)
    if checks is None:
        return None
    text = (serialize(core, format=RdfFormat.N_TRIPLES) or b"").decode("utf-8")
    return _FastGate(shacl.Shapes.from_text(text, format="ntriples", base=_BASE), checks)


def suspects(
    quads: Sequence[Quad | Triple], shapes_ttl: str | None = None
) -> list[tuple[str, str]] | None:
    """What the native checks flag in one graph: (check, node in N-Triples syntax) each;
    None when the shapes hold a SHACL-SPARQL constraint no native check stands in for."""
    gate = _fast_gate(shapes_ttl or shapes_text(None))
    if gate is None:
        return None
    from .checks import screen
    from .rdf import built_statements

    index = _index(quads, built_statements(quads))
    return [(name, str(node)) for name, node in screen(index, gate.plan)]


def _index(quads: Sequence[Quad | Triple], built: tuple[object, list[Statement]] | None) -> Index:
    """The native checks' index of ``quads``: from the terms graph.rdf built them of, when
    it did (in this process, this very list), else read out of pyoxigraph."""
    from .checks import Index

    return Index(quads) if built is None else Index.of_terms(built[1])


def _conforming_fast(
    quads: Sequence[Quad | Triple], nquads: bytes | None = None
) -> ValidationResult | None:
    """The result for one graph's quads, if they conform; None when in doubt.

    The validator runs the core shapes (~5 ms on a resolution); the native checks
    stand in for the SHACL-SPARQL constraints (~3 ms where the validator's queries
    take ~22): they may flag more than the queries, never less. If either finds
    anything, or a constraint has no native check, the caller validates in full.
    """
    if not quads:
        return None
    from .rdf import built_statements

    built = built_statements(quads)
    if built is None:  # graph.rdf's quads are all in one graph
        names = {q.graph_name if isinstance(q, Quad) else None for q in quads}
        if len(names) != 1:  # several graphs (or triples and quads): validate() groups them
            return None
    from pyoxigraph import RdfFormat, serialize

    shapes_ttl = shapes_text(None)
    gate = _fast_gate(shapes_ttl)
    if gate is not None:
        from .checks import screen

        if next(screen(_index(quads, built), gate.plan), None) is not None:
            return None
    nt = _ntriples_of_nquads(quads, nquads)
    if nt is None:
        triples = [q.triple if isinstance(q, Quad) else q for q in quads]
        nt = (serialize(triples, format=RdfFormat.N_TRIPLES) or b"").decode("utf-8")
    result = _validate_rust(nt, shapes_ttl, None if gate is None else gate.core)
    return result if result.conforms else None


def _ntriples_of_nquads(quads: Sequence[Quad | Triple], nquads: bytes | None) -> str | None:
    """The N-Triples of one graph's quads, cut from their N-Quads as pyoxigraph wrote them.

    Each line ends with the graph's name, then " .": removing it leaves the triple's
    line (a literal's own line breaks are escaped, so " <g> .\n" is only ever a line's
    end). The batch's workers have those N-Quads anyway, to send to the writer; writing
    the triples out again was ~2 ms a document. None unless every line is so made.
    """
    if not nquads or not quads or not isinstance(quads[0], Quad):
        return None
    graph = quads[0].graph_name
    if not isinstance(graph, NamedNode):
        return None
    end = f" {graph} .\n".encode()
    if nquads.count(b"\n") != len(quads) or nquads.count(end) != len(quads):
        return None
    return nquads.replace(end, b" .\n").decode("utf-8")


def validate_quads(
    quads: Sequence[Quad | Triple],
    origin: str = "",
    engine: Engine = "shacl",
    *,
    nquads: bytes | None = None,
) -> ValidationResult:
    """Validate and raise :class:`ValidationFailed` (with the text report) if it does not conform.

    ``nquads``: the same quads as pyoxigraph serialised them, when the caller has them
    (the batch's workers), saves writing them out again for the validator.

    The gate ``epkg build`` and the batch builder run before anything is written.
    One document's graph is first screened: the core shapes in the validator, the
    SHACL-SPARQL constraints by their native checks (:mod:`graph.checks`), the triples
    as pyoxigraph serialises them (a conforming graph's result does not depend on
    their order; sorting is a fifth of the validator's time). Only a graph the screen
    flags is validated again in full and in the canonical order, for the same report
    :func:`validate` gives: the verdict is the full validation's either way.
    """
    result = _conforming_fast(quads, nquads) if engine == "shacl" else None
    if result is None:
        result = validate(quads, engine=engine)
    if not result.conforms:
        where = f"{origin}: " if origin else ""
        raise ValidationFailed(
            f"{where}the graph does not conform to the SHACL shapes "
            f"({len(result.results)} result{'s' if len(result.results) != 1 else ''})",
            report=result.text(),
        )
    return result
