"""Project the RDF graph into what a picture of it needs: nodes and edges.

The page (:mod:`graph.viz_page`) and the files for Gephi, Cytoscape and static
pictures (:mod:`graph.viz_static`) are all drawn from one :class:`VizGraph`, so
they show the same nodes and edges. The projection reads the RDF contract of
DESIGN.md §2 with SPARQL over pyoxigraph (all named graphs as one), never our
Python model, so it works on any graph built by epkg, from a file or a store.

Two views: *mentions* (units and entities; a unit → entity edge per
``epkg:mentions``, with the exact spans from the NIF phrases; structural
``part_of`` and ``footnote`` edges) and *co-mentions* (entities only; an edge
between two entities named in the same unit, weighted by how many units).
"""

from __future__ import annotations

import contextlib
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

from .errors import ConfigError, GraphInputError, InputError
from .namespaces import PREFIXES
from .viz_style import TYPE_STYLE

__all__ = [
    "ENTITY_TYPES",
    "UNIT_KINDS",
    "OTHER",
    "TYPE_STYLE",
    "Span",
    "VizNode",
    "VizEdge",
    "VizGraph",
    "load_graph_file",
    "open_store",
    "project",
    "project_path",
]

#: entity classes (local names in epkg:), in the order a node with two types is given the first.
ENTITY_TYPES: tuple[str, ...] = (
    "Person",
    "Movement",
    "NGO",
    "TradeUnion",
    "MediaOutlet",
    "Law",
    "LegalProvision",
    "EUInstrument",
    "InternationalInstrument",
    "EUBody",
    "InternationalOrganisation",
    "StateBody",
    "Place",
)
#: unit classes (local names in epkg:).
UNIT_KINDS: tuple[str, ...] = ("Citation", "Recital", "Paragraph", "Subparagraph", "Footnote")
#: the type given to a mentioned resource that has none of ENTITY_TYPES.
OTHER = "Other"


def _values(kinds: tuple[str, ...]) -> str:
    return " ".join(f"epkg:{k}" for k in kinds)


_Q_UNITS = f"""
SELECT ?u ?kind ?num ?ord ?text ?oj ?parent ?title WHERE {{
  VALUES ?kind {{ {_values(UNIT_KINDS)} }}
  ?u a ?kind .
  OPTIONAL {{ ?u eli:number ?num }}
  OPTIONAL {{ ?u epkg:ordinal ?ord }}
  OPTIONAL {{ ?u nif:isString ?text }}
  OPTIONAL {{ ?u epkg:ojReference ?oj }}
  OPTIONAL {{ ?u eli:is_part_of ?parent OPTIONAL {{ ?parent eli:title ?title }} }}
}}"""
_Q_FOOTNOTES = "SELECT ?u ?fn WHERE { ?u epkg:hasFootnote ?fn }"
_Q_ENTITIES = f"""
SELECT ?e ?type ?label ?alt ?role WHERE {{
  VALUES ?type {{ {_values(ENTITY_TYPES)} }}
  ?e a ?type .
  OPTIONAL {{ ?e skos:prefLabel ?label }}
  OPTIONAL {{ ?e skos:altLabel ?alt }}
  OPTIONAL {{ ?e epkg:role ?role }}
}}"""
_Q_MENTIONS = """
SELECT ?u ?e WHERE { ?u epkg:mentions ?e FILTER(isIRI(?e) || isBlank(?e)) }"""
_Q_PHRASES = """
SELECT ?u ?e ?b ?end WHERE {
  ?p nif:referenceContext ?u ; nif:beginIndex ?b ; nif:endIndex ?end ; itsrdf:taIdentRef ?e .
}"""
_Q_ENTITY_PARTS = "SELECT ?part ?whole WHERE { ?part eli:is_part_of ?whole }"
_Q_LABELS = "SELECT ?e ?label WHERE { ?e skos:prefLabel ?label }"


@dataclass(frozen=True, slots=True)
class Span:
    """Where a mention sits in its unit's text, in Unicode code points (as NIF counts)."""

    begin: int
    end: int


@dataclass(slots=True)
class VizNode:
    """A unit or an entity, with what the page shows and filters by."""

    id: str  # the IRI
    group: str  # "unit" or "entity"
    type: str  # an ENTITY_TYPES / UNIT_KINDS local name, or OTHER
    label: str
    text: str = ""  # the unit's nif:isString (or a footnote's OJ reference)
    document: str = ""  # the expression IRI a unit belongs to
    document_title: str = ""
    ordinal: int = 0
    alt_labels: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    x: float = 0.0
    y: float = 0.0


@dataclass(slots=True)
class VizEdge:
    """``mentions`` (unit → entity), ``part_of``, ``footnote`` or ``co_mention`` (entity–entity)."""

    source: str
    target: str
    kind: str
    weight: int = 1
    spans: tuple[Span, ...] = ()

    @property
    def id(self) -> str:
        return f"{self.kind}:{self.source}|{self.target}"


@dataclass(slots=True)
class VizGraph:
    """Nodes (sorted: units in document order, then entities by type and label) and edges."""

    nodes: list[VizNode] = field(default_factory=list)
    edges: list[VizEdge] = field(default_factory=list)  # the mentions view
    co_mentions: list[VizEdge] = field(default_factory=list)  # the co-mentions view
    title: str = ""

    def units(self) -> list[VizNode]:
        return [n for n in self.nodes if n.group == "unit"]

    def entities(self) -> list[VizNode]:
        return [n for n in self.nodes if n.group == "entity"]


def load_graph_file(path: str | Path) -> Any:
    """Parse an RDF file (format from its suffix) into an in-memory pyoxigraph store."""
    import pyoxigraph as ox

    file = Path(path)
    if not file.is_file():
        raise InputError(f"{file}: no such file")
    suffix = file.suffix.lstrip(".").lower()
    fmt = ox.RdfFormat.from_extension(suffix) if suffix else None
    if fmt is None:
        raise GraphInputError(
            f"{file}: unknown RDF format {suffix!r}; "
            "expected .ttl, .trig, .nt, .nq, .jsonld or .rdf"
        )
    store = ox.Store()
    try:
        store.bulk_load(path=str(file), format=fmt)
    except (SyntaxError, ValueError, OSError) as exc:
        raise GraphInputError(f"{file}: cannot parse as {fmt.name}: {exc}") from exc
    if len(store) == 0:
        raise GraphInputError(f"{file}: holds no triples; expected a graph made by epkg build")
    return store


def open_store(folder: str | Path) -> Any:
    """Open an epkg embedded store (see :mod:`graph.store`) read-only; its pyoxigraph store."""
    from .store import open_store as _open

    return _open(folder, create=False, read_only=True).store


def _select(store: Any, query: str) -> list[dict[str, Any]]:
    rows = store.query(query, prefixes=PREFIXES, use_default_graph_as_union=True)
    names = [v.value for v in rows.variables]
    return [{n: row[n] for n in names if row[n] is not None} for row in rows]


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _pick(literals: set[tuple[str, str]]) -> str:
    """One value, deterministically, from a set of (language, value) pairs."""
    return min(literals)[1] if literals else ""


def _unit_label(kind: str, number: str, parent_number: str) -> str:
    short = {
        "Citation": "cit",
        "Recital": "rec",
        "Paragraph": "para",
        "Subparagraph": "subpara",
        "Footnote": "fn",
    }[kind]
    if kind == "Subparagraph" and parent_number:
        return f"para {parent_number}.{number}" if number else f"para {parent_number}.?"
    return f"{short} {number}".strip()


def _lit(term: Any) -> tuple[str, str]:
    return (getattr(term, "language", None) or "", term.value)


def project(store: Any) -> VizGraph:
    """The two views of every document and entity in ``store``."""
    units = _project_units(store)
    entities = _project_entities(store)
    nodes = {n.id: n for n in units + entities}
    edges: list[VizEdge] = []

    spans: dict[tuple[str, str], set[Span]] = defaultdict(set)
    for row in _select(store, _Q_PHRASES):
        try:
            span = Span(int(row["b"].value), int(row["end"].value))
        except ValueError:
            continue
        spans[(row["u"].value, row["e"].value)].add(span)
    pairs = {(r["u"].value, r["e"].value) for r in _select(store, _Q_MENTIONS)} | set(spans)
    unit_ids = {n.id for n in units}
    extra = _untyped_entities(store, {e for u, e in pairs if u in unit_ids} - set(nodes))
    for node in extra:
        nodes[node.id] = node
    entities.extend(extra)
    mentions = sorted(
        (u, e) for u, e in pairs if u in unit_ids and e in nodes and nodes[e].group == "entity"
    )
    for u, e in mentions:
        found = tuple(sorted(spans.get((u, e), ()), key=lambda s: (s.begin, s.end)))
        edges.append(VizEdge(u, e, "mentions", weight=max(1, len(found)), spans=found))

    for row in _select(store, _Q_ENTITY_PARTS):
        part, whole = row["part"].value, row["whole"].value
        if part in nodes and whole in nodes and nodes[part].group == nodes[whole].group:
            edges.append(VizEdge(part, whole, "part_of"))
    for row in _select(store, _Q_FOOTNOTES):
        unit, note = row["u"].value, row["fn"].value
        if unit in unit_ids and note in unit_ids:
            edges.append(VizEdge(unit, note, "footnote"))
            if not nodes[note].document:  # a footnote belongs where it is referenced
                nodes[note].document = nodes[unit].document
                nodes[note].document_title = nodes[unit].document_title
    # footnotes carry no ordinal of their own: they follow their document's units
    units.sort(key=lambda n: (n.document, n.type == "Footnote", n.ordinal, _natural(n.label), n.id))

    edges.sort(key=lambda e: (e.kind, e.source, e.target))
    co = _co_mentions(mentions)
    entities.sort(
        key=lambda n: (
            ENTITY_TYPES.index(n.type) if n.type in ENTITY_TYPES else 99,
            n.label.casefold(),
            n.id,
        )
    )
    graph = VizGraph(nodes=units + entities, edges=edges, co_mentions=co)
    titles = sorted({n.document_title for n in units if n.document_title})
    graph.title = titles[0] if len(titles) == 1 else f"{len(titles)} documents" if titles else ""
    from .viz_layout import radial_layout

    radial_layout(graph)
    return graph


def project_path(
    graph_file: str | Path | None = None, store_dir: str | Path | None = None
) -> VizGraph:
    """Project a graph file or an embedded store (exactly one of them)."""
    if graph_file is not None and store_dir is None:
        store = load_graph_file(graph_file)
    elif store_dir is not None and graph_file is None:
        store = open_store(store_dir)
    else:
        raise ConfigError("give either a graph file or --store DIR, not both or neither")
    graph = project(store)
    if not graph.nodes:  # an ontology, a shapes file, an empty store: nothing to draw
        raise GraphInputError(
            f"{graph_file or store_dir}: holds no units or entities; "
            "expected a graph made by epkg build"
        )
    return graph


def _project_units(store: Any) -> list[VizNode]:
    info: dict[str, dict[str, Any]] = defaultdict(
        lambda: {
            "kinds": set(),
            "num": set(),
            "ord": set(),
            "text": set(),
            "oj": set(),
            "parents": set(),
            "titles": defaultdict(set),
        }
    )
    for row in _select(store, _Q_UNITS):
        u = info[row["u"].value]
        u["kinds"].add(_local(row["kind"].value))
        for key in ("num", "text", "oj"):
            if key in row:
                u[key].add(_lit(row[key]))
        if "ord" in row:
            with contextlib.suppress(ValueError):  # a malformed ordinal: order by number
                u["ord"].add(int(row["ord"].value))
        if "parent" in row:
            u["parents"].add(row["parent"].value)
            if "title" in row:
                u["titles"][row["parent"].value].add(_lit(row["title"]))

    def document_of(iri: str, seen: frozenset[str] = frozenset()) -> tuple[str, str]:
        for parent in sorted(info[iri]["parents"]):
            if parent in info and parent not in seen:
                return document_of(parent, seen | {iri})
            if parent not in info:
                return parent, _pick(info[iri]["titles"].get(parent, set()))
        return "", ""

    nodes: list[VizNode] = []
    for iri in sorted(info):
        u = info[iri]
        kind = next(k for k in UNIT_KINDS if k in u["kinds"])
        number = _pick(u["num"])
        unit_parents = sorted(p for p in u["parents"] if p in info)
        parent_number = _pick(info[unit_parents[0]]["num"]) if unit_parents else ""
        document, title = document_of(iri)
        nodes.append(
            VizNode(
                id=iri,
                group="unit",
                type=kind,
                label=_unit_label(kind, number, parent_number),
                text=_pick(u["text"]) or _pick(u["oj"]),
                document=document,
                document_title=title,
                ordinal=min(u["ord"]) if u["ord"] else 0,
            )
        )
    return nodes


def _natural(label: str) -> tuple[Any, ...]:
    digits = "".join(c for c in label if c.isdigit())
    return (int(digits) if digits else -1, label)


def _project_entities(store: Any) -> list[VizNode]:
    info: dict[str, dict[str, set[Any]]] = defaultdict(
        lambda: {"types": set(), "label": set(), "alt": set(), "role": set()}
    )
    for row in _select(store, _Q_ENTITIES):
        e = info[row["e"].value]
        e["types"].add(_local(row["type"].value))
        for key in ("label", "alt"):
            if key in row:
                e[key].add(_lit(row[key]))
        if "role" in row:
            e["role"].add(_local(row["role"].value))
    nodes = []
    for iri in sorted(info):
        e = info[iri]
        kind = next(t for t in ENTITY_TYPES if t in e["types"])
        label = _pick(e["label"]) or _local(iri)
        alts = tuple(sorted({v for _, v in e["alt"] | e["label"]} - {label}))
        nodes.append(
            VizNode(
                id=iri,
                group="entity",
                type=kind,
                label=label,
                alt_labels=alts,
                roles=tuple(sorted(e["role"])),
            )
        )
    return nodes


def _untyped_entities(store: Any, iris: set[str]) -> list[VizNode]:
    """Mentioned resources without an epkg entity class still get a node, typed Other."""
    if not iris:
        return []
    labels: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for row in _select(store, _Q_LABELS):
        if row["e"].value in iris:
            labels[row["e"].value].add(_lit(row["label"]))
    return [
        VizNode(id=i, group="entity", type=OTHER, label=_pick(labels[i]) or _local(i))
        for i in sorted(iris)
    ]


def _co_mentions(mentions: list[tuple[str, str]]) -> list[VizEdge]:
    by_unit: dict[str, set[str]] = defaultdict(set)
    for unit, entity in mentions:
        by_unit[unit].add(entity)
    weights: dict[tuple[str, str], int] = defaultdict(int)
    for entities in by_unit.values():
        for a, b in combinations(sorted(entities), 2):
            weights[(a, b)] += 1
    return [VizEdge(a, b, "co_mention", weight=w) for (a, b), w in sorted(weights.items())]
