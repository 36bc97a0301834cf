"""Native counterparts of the shapes' SHACL-SPARQL constraints, for the build's gate.

The Rust validator runs a SHACL-SPARQL constraint as one query per focus node: on a
resolution the seven constraints cost ~22 ms of the gate's ~30. Each states a plain
fact about one document's graph (an anchor is the text at its offsets, ordinals are
unique, …) that one pass over the triples in Python checks in a fraction of that.

A native check is a *screen*, not a verdict: it may flag more than its query does
(an odd literal, a blank node, a datatype it does not model is flagged rather than
reasoned about), never less. Whatever it flags, the gate runs the full validation,
so every report is still the validator's own. A check stands for one query text
(whitespace aside) under the prefixes it declares: a constraint edited, or added,
without a native counterpart leaves :func:`uncovered` non-empty and the gate off.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Iterator
from itertools import product
from typing import NamedTuple

from pyoxigraph import BlankNode, Literal, NamedNode, Quad, RdfFormat, Triple, parse

from .namespaces import O_ELI, O_EPKG, O_ITSRDF, O_NIF, O_RDF, O_XSD, PREFIXES

__all__ = [
    "Index",
    "NativeCheck",
    "SparqlConstraint",
    "Target",
    "Plan",
    "CHECKS",
    "split_shapes",
    "uncovered",
    "plan",
    "screen",
]

Term = NamedNode | BlankNode | Literal | Triple
_Terms = tuple[Term, NamedNode, Term]  # a statement's subject, predicate and object

_SH = "http://www.w3.org/ns/shacl#"
_RDF_LANGSTRING = NamedNode(PREFIXES["rdf"] + "langString")
_RDFS_SUBCLASS = NamedNode(PREFIXES["rdfs"] + "subClassOf")
_XSD_INTEGER = O_XSD.integer  # bound once: a closed namespace's lookup is a Python call
_STRINGS = frozenset({O_XSD.string, _RDF_LANGSTRING})
_TARGETS = {"targetClass", "targetSubjectsOf", "targetObjectsOf", "targetNode"}
_CANONICAL_INTEGER = re.compile(r"-?(?:0|[1-9][0-9]*)")
_PREFIXED = re.compile(r"(?<![\w<])([A-Za-z][\w-]*):(?=[A-Za-z_])")


class Index:
    """One graph's triples by predicate, and the lookups the checks make, built on demand.

    Made from pyoxigraph quads or triples, or (:meth:`of_terms`) from their terms
    already in Python: every term read out of pyoxigraph is a call into Rust and a
    new object, so each statement's subject and object are read at most once."""

    __slots__ = ("_by_predicate", "_terms", "_forward", "_backward", "_sets", "_reach")

    def __init__(self, statements: Iterable[Quad | Triple]) -> None:
        by_predicate: dict[NamedNode, list[Quad | Triple]] = {}
        for statement in statements:  # the hot loop: one attribute read per statement
            predicate = statement.predicate
            found = by_predicate.get(predicate)
            if found is None:
                found = by_predicate[predicate] = []
            found.append(statement)
        self._by_predicate = by_predicate
        self._terms: dict[NamedNode, list[_Terms]] = {}
        self._forward: dict[NamedNode, dict[Term, list[Term]]] = {}
        self._backward: dict[NamedNode, dict[Term, list[Term]]] = {}
        self._sets: dict[NamedNode, set[tuple[Term, Term]]] = {}
        self._reach: dict[Term, frozenset[Term]] = {}

    @classmethod
    def of_terms(cls, statements: Iterable[_Terms]) -> Index:
        """The index of (subject, predicate, object) terms (as graph.rdf built them)."""
        index = cls(())
        terms = index._terms
        for statement in statements:
            found = terms.get(statement[1])
            if found is None:
                found = terms[statement[1]] = []
            found.append(statement)
        return index

    def __contains__(self, predicate: object) -> bool:
        return predicate in self._by_predicate or bool(self._terms.get(predicate))  # type: ignore[call-overload]

    def _statements(self, predicate: NamedNode) -> list[_Terms]:
        found = self._terms.get(predicate)
        if found is None:
            found = self._terms[predicate] = [
                (s.subject, predicate, s.object) for s in self._by_predicate.get(predicate, ())
            ]
        return found

    def objects(self, predicate: NamedNode) -> dict[Term, list[Term]]:
        """subject → its objects for ``predicate``."""
        table = self._forward.get(predicate)
        if table is None:
            table = self._forward[predicate] = {}
            for subject, _, obj in self._statements(predicate):
                table.setdefault(subject, []).append(obj)
        return table

    def subjects(self, predicate: NamedNode) -> dict[Term, list[Term]]:
        """object → the subjects that have it for ``predicate``."""
        table = self._backward.get(predicate)
        if table is None:
            table = self._backward[predicate] = {}
            for subject, _, obj in self._statements(predicate):
                table.setdefault(obj, []).append(subject)
        return table

    def has(self, subject: Term, predicate: Term, obj: Term) -> bool:
        """Is the triple there? Exact term identity: never true where SPARQL says no."""
        if not isinstance(predicate, NamedNode):
            return False
        pairs = self._sets.get(predicate)
        if pairs is None:
            pairs = self._sets[predicate] = {(s, o) for s, _, o in self._statements(predicate)}
        return (subject, obj) in pairs

    def documents(self, node: Term) -> frozenset[Term]:
        """The eli:Expression nodes ``node`` reaches through eli:is_part_of+ (one step or more)."""
        found = self._reach.get(node)
        if found is None:
            parents = self.objects(O_ELI.is_part_of)
            expressions = set(self.subjects(O_RDF.type).get(O_ELI.Expression, ()))
            seen: set[Term] = set()
            todo = list(parents.get(node, ()))
            while todo:
                step = todo.pop()
                if step not in seen:
                    seen.add(step)
                    todo.extend(parents.get(step, ()))
            found = self._reach[node] = frozenset(seen & expressions)
        return found


class Target(NamedTuple):
    """One target declaration of a shape: ``kind`` is the sh: local name."""

    kind: str
    term: Term

    def focus(self, index: Index) -> Iterable[Term]:
        if self.kind == "targetClass":
            return index.subjects(O_RDF.type).get(self.term, ())
        if isinstance(self.term, NamedNode) and self.kind == "targetSubjectsOf":
            return index.objects(self.term).keys()
        if isinstance(self.term, NamedNode) and self.kind == "targetObjectsOf":
            return {o for objects in index.objects(self.term).values() for o in objects}
        return (self.term,)  # targetNode (split_shapes admits no other kind)


class SparqlConstraint(NamedTuple):
    """A SHACL-SPARQL constraint as the shapes declare it, and where it applies."""

    shape: str
    message: str
    query: str
    prefixes: tuple[tuple[str, str], ...]
    targets: tuple[Target, ...]
    obstacle: str = ""  # why no native check can stand in for it, whatever the query


Screen = Callable[[Index, Collection[Term]], Iterator[Term]]


class NativeCheck(NamedTuple):
    """What stands in for one SHACL-SPARQL query: ``screen`` yields every focus node
    the query would report (and perhaps more)."""

    name: str
    query: str
    screen: Screen

    def covers(self, constraint: SparqlConstraint) -> bool:
        """Same query text (whitespace aside), same meaning of each prefix it uses."""
        if constraint.obstacle or _squeeze(constraint.query) != _squeeze(self.query):
            return False
        declared = dict(constraint.prefixes)
        used = set(_PREFIXED.findall(self.query))
        return all(
            prefix in PREFIXES and declared.get(prefix) == PREFIXES[prefix] for prefix in used
        )


def _squeeze(query: str) -> str:
    return " ".join(query.split())


def _key(term: Term) -> str | None:
    """A key equal for any two terms a SPARQL engine may join as equal (it may also be
    equal for some it would not); None for a term whose equality we do not model
    (a typed literal other than a string or a canonical integer: engines normalise those)."""
    if isinstance(term, NamedNode):
        return term.value
    if isinstance(term, BlankNode):
        return "_:" + term.value
    if isinstance(term, Literal):
        if term.datatype in _STRINGS:
            return term.value
        if term.datatype == _XSD_INTEGER and _CANONICAL_INTEGER.fullmatch(term.value):
            return term.value
    return None


def _offset(term: Term) -> int | None:
    if isinstance(term, Literal) and term.datatype == _XSD_INTEGER:
        value = term.value
        if value.isascii() and value.isdigit():  # [0-9]+, without a regex
            return int(value)
    return None


def _is_the_text(text: str | None, start: int | None, stop: int | None, value: str | None) -> bool:
    """The anchor's string is ``text[start:stop]``, in code points (as SPARQL SUBSTR and
    STRLEN count); False when any part is not a string or an offset we model."""
    if text is None or start is None or stop is None or value is None or start > stop:
        return False
    return stop <= len(text) and value == text[start:stop]


def _string(term: Term) -> str | None:
    """The lexical form of a string literal (what SPARQL STR and STRLEN see); None otherwise."""
    return term.value if isinstance(term, Literal) and term.datatype in _STRINGS else None


def _clashes(members: Iterable[tuple[Term, Term, Term]]) -> set[Term]:
    """Nodes sharing a (group, value) with another node, from (node, group, value) triples.

    A member whose group or value has no key makes its whole group (or, with no
    group key, everything) suspect: it might equal anything there.
    """
    holders: dict[tuple[str, str], set[Term]] = {}
    odd_groups: set[str] = set()
    everything = False
    nodes: dict[Term, list[tuple[str, str]]] = {}
    for node, group, value in members:
        group_key, value_key = _key(group), _key(value)
        if group_key is None:
            everything = True
        elif value_key is None:
            odd_groups.add(group_key)
        else:
            holders.setdefault((group_key, value_key), set()).add(node)
        nodes.setdefault(node, []).append((group_key or "", value_key or ""))
    if everything:
        return set(nodes)
    return {
        node
        for node, keys in nodes.items()
        if any(g in odd_groups or len(holders.get((g, v), ())) > 1 for g, v in keys)
    }


# --- the checks, each beside the query it stands for --------------------------------


def _anchors(index: Index, focus: Collection[Term]) -> Iterator[Term]:
    contexts, strings = index.objects(O_NIF.referenceContext), index.objects(O_NIF.isString)
    begins, ends = index.objects(O_NIF.beginIndex), index.objects(O_NIF.endIndex)
    anchors = index.objects(O_NIF.anchorOf)
    texts: dict[Term, list[str | None]] = {}  # each unit's text, copied out of Rust once
    for node in focus:
        units = contexts.get(node)
        if not units:
            continue
        # each term is read out of Rust once per node, not once per combination
        spans = [(_offset(b), _offset(e)) for b in begins.get(node, ()) for e in ends.get(node, ())]
        values = [_string(a) for a in anchors.get(node, ())]
        for unit in units:
            if (unit_texts := texts.get(unit)) is None:
                unit_texts = texts[unit] = [_string(t) for t in strings.get(unit, ())]
            for text, (start, stop), value in product(unit_texts, spans, values):
                if not _is_the_text(text, start, stop, value):
                    yield node


def _mentioned_by_the_unit(index: Index, focus: Collection[Term]) -> Iterator[Term]:
    contexts, refs = index.objects(O_NIF.referenceContext), index.objects(O_ITSRDF.taIdentRef)
    for node in focus:
        for unit, entity in product(contexts.get(node, ()), refs.get(node, ())):
            if not index.has(unit, O_EPKG.mentions, entity):
                yield node


def _has_a_span(index: Index, focus: Collection[Term]) -> Iterator[Term]:
    phrases, contexts = index.subjects(O_ITSRDF.taIdentRef), index.objects(O_NIF.referenceContext)
    for node in focus:
        if not any(phrase in contexts for phrase in phrases.get(node, ())):
            yield node


def _in_a_document(index: Index, focus: Collection[Term]) -> Iterator[Term]:
    return (node for node in focus if not index.documents(node))


def _unique_ordinals(index: Index, focus: Collection[Term]) -> Iterator[Term]:
    members = (
        (node, document, value)
        for node, values in index.objects(O_EPKG.ordinal).items()
        for document in index.documents(node)
        for value in values
    )
    clashing = _clashes(members)
    return (node for node in focus if node in clashing)


def _unique_footnote_numbers(index: Index, focus: Collection[Term]) -> Iterator[Term]:
    numbers, parents = index.objects(O_ELI.number), index.objects(O_ELI.is_part_of)
    footnotes = set(index.subjects(O_RDF.type).get(O_EPKG.Footnote, ()))
    members = (
        (node, parent, number)
        for node in footnotes
        for parent in parents.get(node, ())
        for number in numbers.get(node, ())
    )
    clashing = _clashes(members)
    return (node for node in focus if node in clashing)


def _direct_triple(index: Index, focus: Collection[Term]) -> Iterator[Term]:
    subjects, objects = index.objects(O_RDF.subject), index.objects(O_RDF.object)
    predicates = index.objects(O_RDF.predicate)
    for node in focus:
        for s, p, o in product(subjects.get(node, ()), predicates.get(node, ()),
                               objects.get(node, ())):
            if not index.has(s, p, o):
                yield node


CHECKS: tuple[NativeCheck, ...] = (
    NativeCheck("anchor is the text at its offsets", """
        SELECT $this ?value WHERE {
            $this nif:referenceContext ?unit ; nif:beginIndex ?begin ; nif:endIndex ?end ;
                  nif:anchorOf ?value .
            ?unit nif:isString ?text .
            FILTER (?end > STRLEN(?text)
                    || STR(?value) != SUBSTR(STR(?text), xsd:integer(?begin) + 1,
                                             xsd:integer(?end) - xsd:integer(?begin)))
        }""", _anchors),
    NativeCheck("the span's unit mentions its entity", """
        SELECT $this ?value WHERE {
            $this nif:referenceContext ?unit ; itsrdf:taIdentRef ?value .
            FILTER NOT EXISTS { ?unit epkg:mentions ?value }
        }""", _mentioned_by_the_unit),
    NativeCheck("every entity has a span", """
        SELECT $this WHERE {
            FILTER NOT EXISTS { ?phrase itsrdf:taIdentRef $this ; nif:referenceContext ?unit . }
        }""", _has_a_span),
    NativeCheck("every unit is part of a document", """
        SELECT $this WHERE {
            FILTER NOT EXISTS { $this eli:is_part_of+ ?document . ?document a eli:Expression . }
        }""", _in_a_document),
    NativeCheck("ordinals are unique per document", """
        SELECT $this ?value WHERE {
            $this epkg:ordinal ?value ; eli:is_part_of+ ?document .
            ?document a eli:Expression .
            ?other epkg:ordinal ?value ; eli:is_part_of+ ?document .
            FILTER (?other != $this)
        }""", _unique_ordinals),
    NativeCheck("footnote numbers are unique per document", """
        SELECT $this ?value WHERE {
            $this a epkg:Footnote ; eli:number ?value ; eli:is_part_of ?document .
            ?other a epkg:Footnote ; eli:number ?value ; eli:is_part_of ?document .
            FILTER (?other != $this)
        }""", _unique_footnote_numbers),
    NativeCheck("a stated relation's direct triple exists", """
        SELECT $this WHERE {
            $this rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
            FILTER NOT EXISTS { ?s ?p ?o }
        }""", _direct_triple),
)


# --- reading the shapes ---------------------------------------------------------------


def split_shapes(
    shapes_ttl: str, base: str
) -> tuple[list[Triple], list[SparqlConstraint]]:
    """The shapes graph without its SHACL-SPARQL constraints, and those constraints."""
    triples = [q.triple for q in parse(shapes_ttl, format=RdfFormat.TURTLE, base_iri=base)]
    index = Index(triples)
    sparql = NamedNode(_SH + "sparql")
    hosts = index.objects(sparql)
    nodes = {c for constraints in hosts.values() for c in constraints}
    used_by: dict[Term, NamedNode] = {t.object: t.predicate for t in triples}
    constraints = [
        _constraint(index, used_by, shape, node) for shape, found in hosts.items() for node in found
    ]
    core = [t for t in triples if t.predicate != sparql and t.subject not in nodes]
    return core, constraints


def _constraint(
    index: Index, used_by: dict[Term, NamedNode], shape: Term, node: Term
) -> SparqlConstraint:
    def text(subject: Term, name: str) -> str:
        found = _sh(index, name, subject)
        return found[0].value if len(found) == 1 and isinstance(found[0], Literal) else ""

    prefixes = sorted(
        (text(declaration, "prefix"), text(declaration, "namespace"))
        for owner in _sh(index, "prefixes", node)
        for declaration in _sh(index, "declare", owner)
    )
    targets = tuple(
        Target(kind, term) for kind in sorted(_TARGETS) for term in _sh(index, kind, shape)
    )
    return SparqlConstraint(
        shape=str(shape),
        message=text(node, "message"),
        query=text(node, "select"),
        prefixes=tuple(prefixes),
        targets=targets,
        obstacle=_obstacle(index, used_by, shape),
    )


def _obstacle(index: Index, used_by: dict[Term, NamedNode], shape: Term) -> str:
    """Why the constraints of ``shape`` may apply to nodes its declared targets do not
    name (then no native check may stand in for them); "" when they may not."""
    if _sh(index, "path", shape):
        return f"{shape} is a property shape"
    if shape in used_by:
        return f"{shape} is the object of {used_by[shape]} (another shape may use it)"
    if _sh(index, "target", shape):
        return f"{shape} has a SPARQL-based target (sh:target)"
    classes = {NamedNode(PREFIXES["rdfs"] + "Class"), NamedNode(PREFIXES["owl"] + "Class")}
    if classes & set(index.objects(O_RDF.type).get(shape, ())):
        return f"{shape} is also a class (an implicit class target)"
    if _RDFS_SUBCLASS in index:  # an engine may widen class targets with them
        return "the shapes graph declares subclasses"
    return ""


def _sh(index: Index, name: str, subject: Term) -> list[Term]:
    """The objects of ``subject`` for the SHACL property ``sh:<name>``."""
    return index.objects(NamedNode(_SH + name)).get(subject, [])


Plan = tuple[tuple[NativeCheck, tuple[Target, ...]], ...]


def uncovered(constraints: Iterable[SparqlConstraint]) -> list[SparqlConstraint]:
    """The constraints no native check stands in for (the fast gate needs none)."""
    return [c for c in constraints if not any(check.covers(c) for check in CHECKS)]


def plan(constraints: Iterable[SparqlConstraint]) -> Plan | None:
    """Each constraint's native check and targets; None if one has no native check."""
    pairs = []
    for constraint in constraints:
        check = next((c for c in CHECKS if c.covers(constraint)), None)
        if check is None:
            return None
        pairs.append((check, constraint.targets))
    return tuple(pairs)


def screen(index: Index, checks: Plan) -> Iterator[tuple[str, Term]]:
    """(check name, node) for every node a covered constraint may report, and more.

    rdfs:subClassOf in the data widens sh:targetClass beyond rdf:type, which the
    targets here do not follow: such a graph is flagged as a whole.
    """
    if _RDFS_SUBCLASS in index:
        yield ("rdfs:subClassOf in the data", _RDFS_SUBCLASS)
        return
    focus_of: dict[tuple[Target, ...], set[Term]] = {}  # shapes with two constraints
    for check, targets in checks:
        focus = focus_of.get(targets)
        if focus is None:
            focus = focus_of[targets] = {n for target in targets for n in target.focus(index)}
        for node in check.screen(index, focus):
            yield (check.name, node)
