"""The ontology: well-formed, versioned with the tool, bilingual, and in step with
the closed vocabularies (graph/concepts.py), the namespaces and its HTML page."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, SKOS, Graph, Literal, URIRef

import graph
from graph.concepts import ACTIONS, RELATIONS, ROLES
from graph.namespaces import EPKG, EPKG_TERMS, O_EPKG, PREFIXES

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY = ROOT / "ontology" / "epkg.ttl"
NS = PREFIXES["epkg"]


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(ONTOLOGY, format="turtle")


def _defined(onto: Graph) -> set[str]:
    return {
        str(s)[len(NS):]
        for s in onto.subjects(RDFS.isDefinedBy, URIRef("https://w3id.org/epkg/ontology"))
        if str(s).startswith(NS)
    }


def test_version_agrees_with_the_tool(onto: Graph) -> None:
    ontology = URIRef("https://w3id.org/epkg/ontology")
    assert (ontology, RDF.type, OWL.Ontology) in onto
    assert str(onto.value(ontology, OWL.versionInfo)) == graph.__version__
    assert str(onto.value(ontology, OWL.versionIRI)) == (
        f"https://w3id.org/epkg/ontology/{graph.__version__}"
    )


def test_namespace_terms_are_exactly_the_ontology_terms(onto: Graph) -> None:
    defined = _defined(onto)
    assert len(EPKG_TERMS) == len(set(EPKG_TERMS)), "a term is listed twice"
    assert set(EPKG_TERMS) == defined, (
        f"only in namespaces.py: {sorted(set(EPKG_TERMS) - defined)}; "
        f"only in the ontology: {sorted(defined - set(EPKG_TERMS))}"
    )


def test_every_term_has_english_and_romanian_labels_and_definitions(onto: Graph) -> None:
    terms = _defined(onto)
    assert len(terms) > 60
    for name in terms:
        iri = URIRef(NS + name)
        labels = {lit.language for lit in onto.objects(iri, RDFS.label) if isinstance(lit, Literal)}
        labels |= {
            lit.language for lit in onto.objects(iri, SKOS.prefLabel) if isinstance(lit, Literal)
        }
        definitions = {
            lit.language for lit in onto.objects(iri, SKOS.definition) if isinstance(lit, Literal)
        }
        assert {"en", "ro"} <= labels, f"epkg:{name} lacks a label in en or ro"
        assert {"en", "ro"} <= definitions, f"epkg:{name} lacks a definition in en or ro"


@pytest.mark.parametrize(
    ("scheme", "names"), [("Roles", ROLES), ("Actions", ACTIONS)], ids=["roles", "actions"]
)
def test_every_concept_is_in_its_scheme(onto: Graph, scheme: str, names: tuple[str, ...]) -> None:
    in_scheme = {str(s)[len(NS):] for s in onto.subjects(SKOS.inScheme, URIRef(NS + scheme))}
    assert set(names) == in_scheme
    for name in names:
        assert (URIRef(NS + name), RDF.type, SKOS.Concept) in onto


def test_every_relation_is_an_object_property(onto: Graph) -> None:
    assert len(RELATIONS) >= 5
    for name in RELATIONS:
        assert (URIRef(NS + name), RDF.type, OWL.ObjectProperty) in onto, name


@pytest.mark.parametrize(
    ("cls", "aligned"),
    [
        ("Citation", "http://data.europa.eu/eli/ontology#LegalResourceSubdivision"),
        ("Footnote", "http://data.europa.eu/eli/ontology#LegalResourceSubdivision"),
        ("Resolution", "http://data.europa.eu/eli/ontology#Work"),
        ("Person", "http://xmlns.com/foaf/0.1/Person"),
        ("Person", "https://schema.org/Person"),
        ("Movement", "http://www.w3.org/ns/org#Organization"),
        ("NGO", "https://schema.org/NGO"),
        ("TradeUnion", "https://schema.org/WorkersUnion"),
        ("MediaOutlet", "https://schema.org/NewsMediaOrganization"),
        ("Law", "http://data.europa.eu/eli/ontology#LegalResource"),
        ("Place", "https://schema.org/Place"),
    ],
)
def test_classes_are_aligned_to_standard_vocabularies(onto: Graph, cls: str, aligned: str) -> None:
    assert (URIRef(NS + cls), RDFS.subClassOf, URIRef(aligned)) in onto


def test_defined_namespace_fails_on_an_unknown_term() -> None:
    assert str(EPKG.Person) == NS + "Person"
    with pytest.raises(AttributeError):
        EPKG.Persn  # noqa: B018
    with pytest.raises(AttributeError):
        O_EPKG.Persn  # noqa: B018
    assert O_EPKG.callsForReleaseOf.value == NS + "callsForReleaseOf"


def test_the_context_declares_our_prefixes() -> None:
    import json

    context = json.loads((ROOT / "ontology" / "context.jsonld").read_text())["@context"]
    assert {k: context[k] for k in PREFIXES} == PREFIXES


def test_the_html_documentation_is_up_to_date() -> None:
    from graph.ontodoc import render

    page = (ROOT / "docs" / "ontology.html").read_text(encoding="utf-8")
    assert page == render(), "docs/ontology.html is stale: run python -m graph.ontodoc"
    for name in ("Person", "callsForReleaseOf", "PoliticalPrisoner", "CallsOn"):
        assert f'id="{name}"' in page
