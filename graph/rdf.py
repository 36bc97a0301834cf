"""The one place where our triples are made: an :class:`~graph.model.Analysis` → quads.

Follows the RDF contract of DESIGN.md §2. Every quad goes into ONE named graph, the
expression IRI (``<base>eli/dl/doc/<id>/<lang>``), so a store can replace a
document's graph as a whole. Terms are pyoxigraph's (building them is 6–7× faster
than rdflib's); IRIs come from :mod:`graph.iri` only.

How statements and relations stay traceable to their unit (the contract asks for it
and leaves the how open):

- a statement of the Parliament becomes ``<unit>#statement_<n> a epkg:Statement``
  with ``epkg:action`` and ``epkg:addressee``, and the unit points to it with
  ``epkg:states``; the unit also carries ``epkg:action`` / ``epkg:addressee``
  directly, so "which paragraphs call on X" is one triple pattern;
- a relation becomes the direct triple (``<subject> epkg:memberOf <object>``; the
  subject is the resolution, the work, when it is the Parliament itself) plus
  ``<unit>#relation_<n> a epkg:StatedRelation`` with ``rdf:subject`` /
  ``rdf:predicate`` / ``rdf:object``, which the unit points to with ``epkg:states``.

No blank nodes (their labels would make output non-deterministic) and no
timestamps unless one is given.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping, Sequence
from functools import lru_cache
from operator import is_

from pyoxigraph import Literal, NamedNode, Quad

from . import __version__
from . import iri as _iri
from .concepts import ACTIONS, RELATIONS, ROLES
from .model import Analysis, Document, EntityType, UnitKind
from .namespaces import (
    O_DCTERMS,
    O_ELI,
    O_EPKG,
    O_ITSRDF,
    O_NIF,
    O_OWL,
    O_PROV,
    O_RDF,
    O_SKOS,
    O_XSD,
)

__all__ = ["build_quads", "graph_iri", "built_statements", "Statement"]

_UNIT_CLASS = {
    UnitKind.CITATION: O_EPKG.Citation,
    UnitKind.RECITAL: O_EPKG.Recital,
    UnitKind.PARAGRAPH: O_EPKG.Paragraph,
    UnitKind.SUBPARAGRAPH: O_EPKG.Subparagraph,
    UnitKind.FOOTNOTE: O_EPKG.Footnote,
}
_TYPE = O_RDF.type
# The terms used once per unit, span, statement or relation, bound once: a closed
# namespace's attribute lookup is a Python call (__getattr__), and a resolution makes
# ~3,400 quads.
_MENTIONS, _TA_IDENT_REF = O_EPKG.mentions, O_ITSRDF.taIdentRef
_PHRASE, _REFERENCE_CONTEXT, _ANCHOR_OF = O_NIF.Phrase, O_NIF.referenceContext, O_NIF.anchorOf
_BEGIN_INDEX, _END_INDEX, _XSD_INTEGER = O_NIF.beginIndex, O_NIF.endIndex, O_XSD.integer
_CONTEXT, _IS_STRING = O_NIF.Context, O_NIF.isString
_IS_PART_OF, _HAS_PART, _NUMBER = O_ELI.is_part_of, O_ELI.has_part, O_ELI.number
_ORDINAL, _HAS_FOOTNOTE, _FOOTNOTE = O_EPKG.ordinal, O_EPKG.hasFootnote, O_EPKG.Footnote
_PREF_LABEL, _ALT_LABEL, _ROLE = O_SKOS.prefLabel, O_SKOS.altLabel, O_EPKG.role
_STATES, _STATEMENT, _ACTION = O_EPKG.states, O_EPKG.Statement, O_EPKG.action
_ADDRESSEE, _STATED_RELATION = O_EPKG.addressee, O_EPKG.StatedRelation
_RDF_SUBJECT, _RDF_PREDICATE, _RDF_OBJECT = O_RDF.subject, O_RDF.predicate, O_RDF.object
# name → concept node, per scheme: the names allowed, and their nodes looked up once
_ROLES = {name: O_EPKG[name] for name in ROLES}
_ACTIONS = {name: O_EPKG[name] for name in ACTIONS}
_RELATIONS = {name: O_EPKG[name] for name in RELATIONS}
_ENTITY_CLASS = {entity_type: O_EPKG[entity_type.value] for entity_type in EntityType}

EntityRef = tuple[EntityType, str]
#: A quad's (subject, predicate, object), as the terms rdf.py built it from.
Statement = tuple[NamedNode, NamedNode, NamedNode | Literal]
#: The latest build of this process: its quads, graph and statements (see built_statements).
_last: tuple[list[Quad], NamedNode, list[Statement]] | None = None


class _Quads:
    """An insertion-ordered set of quads in one graph (duplicates dropped), each with
    the terms it was made of (what :func:`built_statements` hands the gate)."""

    def __init__(self, graph: NamedNode) -> None:
        self.graph = graph
        self._quads: dict[Quad, Statement] = {}

    def add(self, s: NamedNode, p: NamedNode, o: NamedNode | Literal) -> None:
        self._quads[Quad(s, p, o, self.graph)] = (s, p, o)

    def quads(self) -> list[Quad]:
        return list(self._quads)

    def statements(self) -> list[Statement]:
        return list(self._quads.values())


def graph_iri(analysis: Analysis, base: str = _iri.DEFAULT_BASE) -> str:
    """The IRI of the named graph a document's quads go into (its expression IRI)."""
    doc_id, _ = _doc_id(analysis.document)
    return _iri.expression_iri(doc_id, _lang(analysis.document), base)


def build_quads(
    analysis: Analysis,
    base: str = _iri.DEFAULT_BASE,
    timestamp: _dt.datetime | None = None,
    tool_version: str = __version__,
) -> list[Quad]:
    """Every quad of one analysed document, deterministic for a given input."""
    document = analysis.document
    lang = _lang(document)
    doc_id, from_ep = _doc_id(document)
    work = NamedNode(_iri.work_iri(doc_id, base))
    expression_str = _iri.expression_iri(doc_id, lang, base)
    expression = NamedNode(expression_str)
    out = _Quads(expression)

    _document(out, document, work, expression, doc_id, lang, from_ep)
    unit_nodes = _units(out, document, expression, expression_str, lang)
    entity_nodes = _entities(out, analysis, base, lang, unit_nodes)
    _statements(out, analysis, unit_nodes, entity_nodes, base)
    _relations(out, analysis, unit_nodes, entity_nodes, work, base)
    _provenance(out, document, expression, expression_str, timestamp, tool_version)
    quads = out.quads()
    global _last
    _last = (quads, expression, out.statements())
    return quads


def built_statements(
    quads: Sequence[object],
) -> tuple[NamedNode, list[Statement]] | None:
    """The graph and the (subject, predicate, object) terms of ``quads``, if they are
    exactly the list this process's latest :func:`build_quads` returned; None otherwise.

    The build's gate reads every quad's terms; reading them back out of pyoxigraph
    costs ~2 ms a resolution, and here they are, already in Python. "Exactly" is
    checked element by element (the same objects in the same places), so a list
    edited since, or another list, is never taken for the one built.
    """
    last = _last  # read once: a build in another thread replaces it whole
    if last is None:
        return None
    built, graph, statements = last
    if len(quads) != len(built) or not all(map(is_, quads, built)):
        return None
    return graph, statements


def _lang(document: Document) -> str:
    return (document.meta.language or "").lower()


def _doc_id(document: Document) -> tuple[str, bool]:
    meta = document.meta
    return _iri.doc_id_for(meta.local_id, meta.doc_id, document.source.sha256)


def _document(
    out: _Quads,
    document: Document,
    work: NamedNode,
    expression: NamedNode,
    doc_id: str,
    lang: str,
    from_ep: bool,
) -> None:
    meta = document.meta
    out.add(work, _TYPE, O_ELI.Work)
    out.add(work, _TYPE, O_EPKG.Resolution)
    out.add(work, O_DCTERMS.identifier, Literal(doc_id))
    if meta.local_id:
        out.add(work, O_ELI.id_local, Literal(meta.local_id))
    if meta.date:
        out.add(work, O_ELI.date_document, Literal(meta.date.isoformat(), datatype=O_XSD.date))
    if meta.procedure:
        out.add(work, O_EPKG.procedure, Literal(meta.procedure))
    out.add(work, O_ELI.is_realized_by, expression)

    out.add(expression, _TYPE, O_ELI.Expression)
    out.add(expression, O_ELI.realizes, work)
    out.add(expression, O_ELI.language, NamedNode(_iri.language_iri(lang)))
    title = meta.title or meta.long_title
    if title:
        out.add(expression, O_ELI.title, Literal(title, language=lang))
    if meta.long_title and meta.long_title != title:
        out.add(expression, O_ELI.title_alternative, Literal(meta.long_title, language=lang))
    if from_ep:
        out.add(work, O_OWL.sameAs, NamedNode(_iri.ep_work_iri(doc_id)))
        out.add(expression, O_OWL.sameAs, NamedNode(_iri.ep_expression_iri(doc_id, lang)))


def _units(
    out: _Quads, document: Document, expression: NamedNode, expression_str: str, lang: str
) -> dict[str, NamedNode]:
    """Units and footnotes; returns unit id → node (what mentions and statements point to)."""
    nodes: dict[str, NamedNode] = {}
    for unit in document.units:
        nodes[unit.id] = NamedNode(_iri.unit_iri(expression_str, unit.id))
    for footnote in document.footnotes:
        nodes[footnote.id] = NamedNode(_iri.unit_iri(expression_str, footnote.id))

    for unit in document.units:
        if unit.kind is UnitKind.FOOTNOTE and unit.id in {f.id for f in document.footnotes}:
            continue  # described from document.footnotes below
        node = nodes[unit.id]
        parent = expression
        if unit.parent:
            if unit.parent not in nodes:
                raise ValueError(f"unit {unit.id} names an unknown parent {unit.parent}")
            parent = nodes[unit.parent]
        out.add(node, _TYPE, _UNIT_CLASS[unit.kind])
        out.add(node, _TYPE, _CONTEXT)
        out.add(node, _IS_PART_OF, parent)
        out.add(parent, _HAS_PART, node)
        out.add(node, _NUMBER, Literal(unit.label))
        out.add(node, _ORDINAL, _integer(unit.ordinal))
        out.add(node, _IS_STRING, Literal(unit.text, language=lang))
        for footnote_id in unit.footnotes:
            if footnote_id not in nodes:
                raise ValueError(f"unit {unit.id} carries an unknown footnote {footnote_id}")
            out.add(node, _HAS_FOOTNOTE, nodes[footnote_id])

    for footnote in document.footnotes:
        node = nodes[footnote.id]
        out.add(node, _TYPE, _FOOTNOTE)
        out.add(node, _TYPE, _CONTEXT)
        out.add(node, _IS_PART_OF, expression)
        out.add(expression, _HAS_PART, node)
        out.add(node, _NUMBER, Literal(str(footnote.number)))
        out.add(node, _IS_STRING, Literal(footnote.text, language=lang))
        if footnote.oj_reference:
            out.add(node, O_EPKG.ojReference, Literal(footnote.oj_reference))
        if footnote.unit in nodes:
            out.add(nodes[footnote.unit], _HAS_FOOTNOTE, node)
    return nodes


def _entities(
    out: _Quads,
    analysis: Analysis,
    base: str,
    lang: str,
    unit_nodes: dict[str, NamedNode],
) -> dict[EntityRef, NamedNode]:
    typed = [(entity, EntityType(entity.type)) for entity in analysis.entities]
    nodes: dict[EntityRef, NamedNode] = {
        (entity_type, e.key): _entity_node(entity_type, e.key, base) for e, entity_type in typed
    }
    for entity, entity_type in typed:
        node = nodes[(entity_type, entity.key)]
        out.add(node, _TYPE, _ENTITY_CLASS[entity_type])
        out.add(node, _PREF_LABEL, Literal(entity.label, language=lang))
        for alt in entity.alt_labels:
            if alt != entity.label:
                out.add(node, _ALT_LABEL, Literal(alt, language=lang))
        for role in entity.roles:
            out.add(node, _ROLE, _concept(role, _ROLES, "role"))
        if entity.part_of is not None:
            whole = _entity(nodes, entity.part_of, base)
            out.add(node, _IS_PART_OF, whole)
        for mention in entity.mentions:
            unit = _unit(unit_nodes, mention.unit)
            if not 0 <= mention.start < mention.end:
                raise ValueError(
                    f"entity {entity.type}/{entity.key}: empty or inverted mention span "
                    f"{mention.start},{mention.end} in {mention.unit}"
                )
            out.add(unit, _MENTIONS, node)
            phrase = NamedNode(_iri.phrase_iri(unit.value, mention.start, mention.end))
            out.add(phrase, _TYPE, _PHRASE)
            out.add(phrase, _REFERENCE_CONTEXT, unit)
            out.add(phrase, _BEGIN_INDEX, _integer(mention.start))
            out.add(phrase, _END_INDEX, _integer(mention.end))
            out.add(phrase, _ANCHOR_OF, Literal(mention.surface))
            out.add(phrase, _TA_IDENT_REF, node)
    return nodes


def _statements(
    out: _Quads,
    analysis: Analysis,
    unit_nodes: dict[str, NamedNode],
    entity_nodes: dict[EntityRef, NamedNode],
    base: str,
) -> None:
    counts: dict[str, int] = {}
    for statement in analysis.statements:
        unit = _unit(unit_nodes, statement.unit)
        counts[statement.unit] = counts.get(statement.unit, 0) + 1
        node = NamedNode(_iri.statement_iri(unit.value, counts[statement.unit]))
        action = _concept(statement.action, _ACTIONS, "action")
        out.add(unit, _STATES, node)
        out.add(node, _TYPE, _STATEMENT)
        out.add(node, _ACTION, action)
        out.add(unit, _ACTION, action)
        for ref in statement.addressees:
            addressee = _entity(entity_nodes, ref, base)
            out.add(node, _ADDRESSEE, addressee)
            out.add(unit, _ADDRESSEE, addressee)


def _relations(
    out: _Quads,
    analysis: Analysis,
    unit_nodes: dict[str, NamedNode],
    entity_nodes: dict[EntityRef, NamedNode],
    work: NamedNode,
    base: str,
) -> None:
    counts: dict[str, int] = {}
    for relation in analysis.relations:
        predicate = _RELATIONS.get(relation.predicate)
        if predicate is None:
            raise ValueError(
                f"unknown relation {relation.predicate!r}; expected one of {', '.join(RELATIONS)}"
            )
        unit = _unit(unit_nodes, relation.unit)
        counts[relation.unit] = counts.get(relation.unit, 0) + 1
        node = NamedNode(_iri.relation_iri(unit.value, counts[relation.unit]))
        subject = (
            work if relation.subject is None else _entity(entity_nodes, relation.subject, base)
        )
        obj = _entity(entity_nodes, relation.object, base)
        out.add(subject, predicate, obj)
        out.add(unit, _STATES, node)
        out.add(node, _TYPE, _STATED_RELATION)
        out.add(node, _RDF_SUBJECT, subject)
        out.add(node, _RDF_PREDICATE, predicate)
        out.add(node, _RDF_OBJECT, obj)


def _provenance(
    out: _Quads,
    document: Document,
    expression: NamedNode,
    expression_str: str,
    timestamp: _dt.datetime | None,
    tool_version: str,
) -> None:
    activity = NamedNode(_iri.activity_iri(expression_str))
    source = NamedNode(_iri.source_iri(expression_str))
    out.add(activity, _TYPE, O_PROV.Activity)
    out.add(activity, O_EPKG.toolVersion, Literal(tool_version))
    out.add(activity, O_PROV.used, source)
    out.add(activity, O_PROV.generated, expression)
    out.add(expression, O_PROV.wasGeneratedBy, activity)
    out.add(source, _TYPE, O_PROV.Entity)
    out.add(source, O_EPKG.sha256, Literal(document.source.sha256))
    out.add(source, O_DCTERMS.format, Literal(document.source.media_type))
    if timestamp is not None:
        out.add(activity, O_PROV.startedAtTime, _datetime(timestamp))


def _datetime(moment: _dt.datetime) -> Literal:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=_dt.UTC)
    text = moment.astimezone(_dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    return Literal(text, datatype=O_XSD.dateTime)


@lru_cache(maxsize=8192)
def _integer(value: int) -> Literal:
    """xsd:integer, as the contract writes offsets and ordinals (``nif:beginIndex 120``).

    Cached: terms are immutable, and the same offsets and ordinals recur from one
    span, unit and document to the next.
    """
    return Literal(str(value), datatype=_XSD_INTEGER)


def _concept(name: str, allowed: Mapping[str, NamedNode], what: str) -> NamedNode:
    node = allowed.get(name)
    if node is None:
        raise ValueError(f"unknown {what} {name!r}; expected one of {', '.join(sorted(allowed))}")
    return node


def _unit(nodes: dict[str, NamedNode], unit_id: str) -> NamedNode:
    try:
        return nodes[unit_id]
    except KeyError:
        raise ValueError(f"reference to an unknown unit {unit_id!r}") from None


def _entity(nodes: dict[EntityRef, NamedNode], ref: EntityRef, base: str) -> NamedNode:
    """The entity's node; an entity the analysis does not describe still gets its IRI
    (the same one it has wherever it is described), rather than failing the build."""
    key = (EntityType(ref[0]), ref[1])
    if key in nodes:
        return nodes[key]
    return _entity_node(key[0], key[1], base)


@lru_cache(maxsize=8192)
def _entity_node(entity_type: EntityType, key: str, base: str) -> NamedNode:
    """An entity's node. Cached, as :func:`_integer` is: the same entities (a country, an
    EU body) recur from one document to the next, and minting an IRI checks the base
    and percent-encodes the key each time."""
    return NamedNode(_iri.entity_iri(entity_type, key, base))
