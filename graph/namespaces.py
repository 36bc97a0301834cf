"""Our vocabulary and the standard ones we use, as closed namespaces.

Two faces of the same term lists:

- ``EPKG``, ``ELI``, ``NIF``, ``ITSRDF`` as rdflib ``DefinedNamespace`` classes with
  ``_fail = True`` (a mistyped term raises instead of minting a wrong IRI). rdflib is
  slow to import, so they are built on first access (module ``__getattr__``).
- ``O_EPKG``, ``O_ELI``, … as :class:`OxNamespace`: the same closed term lists as
  pyoxigraph ``NamedNode`` objects, for the hot path (:mod:`graph.rdf`).

A test checks that ``EPKG_TERMS`` is exactly what ``ontology/epkg.ttl`` defines.
"""

from __future__ import annotations

from typing import Any

from pyoxigraph import NamedNode

from .concepts import ACTIONS, RELATIONS, ROLES

__all__ = [
    "PREFIXES",
    "EPKG_TERMS",
    "OxNamespace",
    "O_EPKG",
    "O_ELI",
    "O_NIF",
    "O_ITSRDF",
    "O_SKOS",
    "O_DCTERMS",
    "O_OWL",
    "O_PROV",
    "O_RDF",
    "O_XSD",
    # rdflib DefinedNamespaces, built on first access by the module __getattr__:
    "EPKG",  # noqa: F822
    "ELI",  # noqa: F822
    "NIF",  # noqa: F822
    "ITSRDF",  # noqa: F822
]

#: The prefixes of DESIGN.md §2, in the order serialisations declare them.
PREFIXES: dict[str, str] = {
    "epkg": "https://w3id.org/epkg/ontology#",
    "eli": "http://data.europa.eu/eli/ontology#",
    "nif": "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#",
    "itsrdf": "http://www.w3.org/2005/11/its/rdf#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "owl": "http://www.w3.org/2002/07/owl#",
    "prov": "http://www.w3.org/ns/prov#",
    "schema": "https://schema.org/",
    "org": "http://www.w3.org/ns/org#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}

_EPKG_CLASSES = (
    "Resolution", "Citation", "Recital", "Paragraph", "Subparagraph", "Footnote",
    "Entity", "Person", "Movement", "NGO", "TradeUnion", "MediaOutlet", "Law",
    "LegalProvision", "EUInstrument", "InternationalInstrument", "EUBody",
    "InternationalOrganisation", "StateBody", "Place", "Statement", "StatedRelation",
)  # fmt: skip
_EPKG_PROPERTIES = (
    "hasFootnote", "mentions", "role", "action", "addressee", "states",
    "ordinal", "ojReference", "procedure", "toolVersion", "sha256",
)  # fmt: skip
_EPKG_SCHEMES = ("Roles", "Actions")

#: Every term ontology/epkg.ttl defines.
EPKG_TERMS: tuple[str, ...] = (
    _EPKG_CLASSES + _EPKG_PROPERTIES + RELATIONS + _EPKG_SCHEMES + ROLES + ACTIONS
)

_ELI_TERMS = (
    "Work", "Expression", "LegalResource", "LegalResourceSubdivision", "is_realized_by",
    "realizes", "language", "title", "title_alternative", "has_part", "is_part_of", "number",
    "id_local", "date_document",
)  # fmt: skip
_NIF_TERMS = (
    "Context", "Phrase", "isString", "referenceContext", "beginIndex", "endIndex", "anchorOf",
)  # fmt: skip
_ITSRDF_TERMS = ("taIdentRef",)
_SKOS_TERMS = ("prefLabel", "altLabel", "Concept", "ConceptScheme", "inScheme")
_DCTERMS_TERMS = ("identifier", "format")
_OWL_TERMS = ("sameAs",)
_PROV_TERMS = (
    "Activity", "Entity", "used", "generated", "wasGeneratedBy", "startedAtTime",
    "endedAtTime",
)  # fmt: skip
_RDF_TERMS = ("type", "Statement", "subject", "predicate", "object")
_XSD_TERMS = ("integer", "date", "dateTime", "string", "nonNegativeInteger")


class OxNamespace:
    """A closed namespace of pyoxigraph ``NamedNode`` objects: unknown terms raise."""

    __slots__ = ("_base", "_terms")

    def __init__(self, base: str, terms: tuple[str, ...]) -> None:
        self._base = base
        self._terms = {name: NamedNode(base + name) for name in terms}

    def __getattr__(self, name: str) -> NamedNode:
        try:
            return self._terms[name]
        except KeyError:
            raise AttributeError(f"term {name!r} not in the namespace {self._base}") from None

    def __getitem__(self, name: str) -> NamedNode:
        return self.__getattr__(name)

    def __contains__(self, name: object) -> bool:
        return name in self._terms

    @property
    def base(self) -> str:
        return self._base

    @property
    def terms(self) -> tuple[str, ...]:
        return tuple(self._terms)


O_EPKG = OxNamespace(PREFIXES["epkg"], EPKG_TERMS)
O_ELI = OxNamespace(PREFIXES["eli"], _ELI_TERMS)
O_NIF = OxNamespace(PREFIXES["nif"], _NIF_TERMS)
O_ITSRDF = OxNamespace(PREFIXES["itsrdf"], _ITSRDF_TERMS)
O_SKOS = OxNamespace(PREFIXES["skos"], _SKOS_TERMS)
O_DCTERMS = OxNamespace(PREFIXES["dcterms"], _DCTERMS_TERMS)
O_OWL = OxNamespace(PREFIXES["owl"], _OWL_TERMS)
O_PROV = OxNamespace(PREFIXES["prov"], _PROV_TERMS)
O_RDF = OxNamespace(PREFIXES["rdf"], _RDF_TERMS)
O_XSD = OxNamespace(PREFIXES["xsd"], _XSD_TERMS)

_RDFLIB_SPECS: dict[str, tuple[str, tuple[str, ...]]] = {
    "EPKG": (PREFIXES["epkg"], EPKG_TERMS),
    "ELI": (PREFIXES["eli"], _ELI_TERMS),
    "NIF": (PREFIXES["nif"], _NIF_TERMS),
    "ITSRDF": (PREFIXES["itsrdf"], _ITSRDF_TERMS),
}
_rdflib_cache: dict[str, Any] = {}


def _defined_namespace(name: str) -> Any:
    """Build an rdflib DefinedNamespace class with ``_fail = True`` for one vocabulary."""
    from rdflib.namespace import DefinedNamespace, Namespace
    from rdflib.term import URIRef

    base, terms = _RDFLIB_SPECS[name]
    attrs: dict[str, Any] = {
        "_NS": Namespace(base),
        "_fail": True,
        "__annotations__": {term: URIRef for term in terms},
    }
    return type(name, (DefinedNamespace,), attrs)


def __getattr__(name: str) -> Any:
    if name in _RDFLIB_SPECS:
        if name not in _rdflib_cache:
            _rdflib_cache[name] = _defined_namespace(name)
        return _rdflib_cache[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
