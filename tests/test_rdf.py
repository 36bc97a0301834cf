"""graph.rdf follows the RDF contract of DESIGN.md §2 (checked with SPARQL on a
hand-made analysis, so it does not wait for the segmenter and extractors)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from graph_samples import small_analysis
from pyoxigraph import NamedNode, Store

from graph.export import sorted_ntriples
from graph.rdf import build_quads, graph_iri

PREFIXES = """
PREFIX epkg: <https://w3id.org/epkg/ontology#>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX itsrdf: <http://www.w3.org/2005/11/its/rdf#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""
DOC = "https://w3id.org/epkg/eli/dl/doc/TA-9-2021-0056"
EXPR = DOC + "/ro"
PERSON = "https://w3id.org/epkg/id/person/ivan-petrov"


@pytest.fixture(scope="module")
def store() -> Store:
    s = Store()
    s.extend(build_quads(small_analysis()))
    return s


def ask(store: Store, where: str) -> bool:
    return bool(store.query(PREFIXES + "ASK { GRAPH ?g { " + where + " } }"))


def test_everything_is_in_one_named_graph_the_expression() -> None:
    quads = build_quads(small_analysis())
    assert {q.graph_name for q in quads} == {NamedNode(EXPR)}
    assert graph_iri(small_analysis()) == EXPR
    assert len(quads) == len(set(quads))


@pytest.mark.parametrize(
    "pattern",
    [
        f"<{DOC}> a eli:Work, epkg:Resolution ; eli:id_local \"P9_TA(2021)0056\" ;"
        f" dcterms:identifier \"TA-9-2021-0056\" ; eli:date_document \"2021-02-11\"^^xsd:date ;"
        f" epkg:procedure \"2021/2544(RSP)\" ; eli:is_realized_by <{EXPR}> ;"
        f" owl:sameAs <https://data.europarl.europa.eu/eli/dl/doc/TA-9-2021-0056> .",
        f"<{EXPR}> a eli:Expression ; eli:realizes <{DOC}> ;"
        " eli:language <http://publications.europa.eu/resource/authority/language/RON> ;"
        " eli:title \"Situația drepturilor omului în Kazahstan\"@ro ;"
        f" eli:has_part <{EXPR}/cit_1> ;"
        " owl:sameAs <https://data.europarl.europa.eu/eli/dl/doc/TA-9-2021-0056/ro> .",
        f"<{EXPR}/rec_A> a epkg:Recital, nif:Context ; eli:is_part_of <{EXPR}> ; eli:number \"A\" ;"
        " epkg:ordinal 2 ; nif:isString ?text . FILTER(lang(?text) = \"ro\")",
        f"<{EXPR}/cit_1> epkg:hasFootnote <{EXPR}/fn_1> .",
        f"<{EXPR}/fn_1> a epkg:Footnote ; eli:number \"1\" ;"
        " epkg:ojReference \"JO C 23, 21.1.2021, p. 83\" ; eli:is_part_of ?doc .",
        f"<{EXPR}/para_1__subpara_1> a epkg:Subparagraph ; eli:is_part_of <{EXPR}/para_1> .",
        f"<{PERSON}> a epkg:Person ; skos:prefLabel \"Ivan Petrov\"@ro ;"
        " skos:altLabel \"lui Ivan Petrov\"@ro ; epkg:role epkg:PoliticalPrisoner .",
        f"<{EXPR}/rec_A> epkg:mentions <{PERSON}> .",
        f"<{EXPR}/rec_A#char=9,20> a nif:Phrase ; nif:referenceContext <{EXPR}/rec_A> ;"
        " nif:beginIndex 9 ; nif:endIndex 20 ; nif:anchorOf \"Ivan Petrov\" ;"
        f" itsrdf:taIdentRef <{PERSON}> .",
        "<https://w3id.org/epkg/id/legal-provision/codul-penal-art-174>"
        " eli:is_part_of <https://w3id.org/epkg/id/law/codul-penal> .",
        f"<{EXPR}/para_1__subpara_1> epkg:states ?s ; epkg:action epkg:CallsOn ;"
        " epkg:addressee <https://w3id.org/epkg/id/eu-body/comisia-europeana> ."
        " ?s a epkg:Statement ; epkg:action epkg:CallsOn ;"
        " epkg:addressee <https://w3id.org/epkg/id/eu-body/comisia-europeana> .",
        f"<{DOC}> epkg:callsForReleaseOf <{PERSON}> . <{EXPR}/para_1> epkg:states ?r ."
        f" ?r a epkg:StatedRelation ; rdf:subject <{DOC}> ;"
        f" rdf:predicate epkg:callsForReleaseOf ; rdf:object <{PERSON}> .",
        f"<{PERSON}> epkg:chargedUnder"
        " <https://w3id.org/epkg/id/legal-provision/codul-penal-art-174> .",
        f"?a a prov:Activity ; epkg:toolVersion ?v ; prov:used ?src ; prov:generated <{EXPR}> ."
        " ?src epkg:sha256 ?sha . FILTER(strlen(?sha) = 64)",
    ],
    ids=["work", "expression", "unit", "footnote-link", "footnote", "subparagraph", "entity",
         "mentions", "phrase", "provision-part-of", "statement", "relation-parliament",
         "relation-entities", "provenance"],
)
def test_contract_pattern(store: Store, pattern: str) -> None:
    assert ask(store, pattern), pattern


def test_mentions_sit_on_the_smallest_unit(store: Store) -> None:
    commission = "<https://w3id.org/epkg/id/eu-body/comisia-europeana>"
    assert ask(store, f"<{EXPR}/para_1__subpara_1> epkg:mentions {commission} .")
    assert not ask(store, f"<{EXPR}/para_1> epkg:mentions {commission} .")


def test_one_activity_and_no_timestamp_by_default(store: Store) -> None:
    rows = list(store.query(PREFIXES + "SELECT ?a WHERE { GRAPH ?g { ?a a prov:Activity } }"))
    assert len(rows) == 1
    assert not ask(store, "?a prov:startedAtTime ?t .")


def test_a_given_timestamp_is_recorded_in_utc() -> None:
    moment = dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    s = Store()
    s.extend(build_quads(small_analysis(), timestamp=moment))
    assert ask(s, '?a prov:startedAtTime "2026-01-02T01:04:05Z"^^xsd:dateTime .')


def test_two_builds_give_byte_identical_ntriples() -> None:
    first = sorted_ntriples(build_quads(small_analysis()))
    second = sorted_ntriples(build_quads(small_analysis()))
    assert first == second and len(first) > 1000


def test_base_moves_instance_iris_but_not_vocabulary() -> None:
    quads = build_quads(small_analysis(), base="https://example.org/kg/")
    text = sorted_ntriples(quads).decode()
    assert "https://w3id.org/epkg/eli/" not in text and "https://w3id.org/epkg/id/" not in text
    assert "https://example.org/kg/id/person/ivan-petrov" in text
    assert "https://w3id.org/epkg/ontology#Person" in text


def test_no_blank_nodes() -> None:
    for quad in build_quads(small_analysis()):
        assert not str(quad.subject).startswith("_:") and not str(quad.object).startswith("_:")


def test_unknown_document_id_falls_back_to_digest_without_same_as() -> None:
    analysis = small_analysis(doc_id=None)
    meta = dataclasses.replace(analysis.document.meta, local_id=None)
    analysis = dataclasses.replace(
        analysis, document=dataclasses.replace(analysis.document, meta=meta)
    )
    text = sorted_ntriples(build_quads(analysis)).decode()
    assert "/eli/dl/doc/sha256-" in text
    assert "owl#sameAs" not in text


@pytest.mark.parametrize(
    ("field", "value", "match"),
    [
        ("roles", ("Astronaut",), "unknown role"),
        ("statements", "bad-action", "unknown action"),
        ("relations", "bad-relation", "unknown relation"),
    ],
)
def test_unknown_vocabulary_raises(field: str, value: object, match: str) -> None:
    analysis = small_analysis()
    if field == "roles":
        person = dataclasses.replace(analysis.entities[0], roles=value)  # type: ignore[arg-type]
        analysis = dataclasses.replace(analysis, entities=(person,) + analysis.entities[1:])
    elif field == "statements":
        st = dataclasses.replace(analysis.statements[0], action=value)  # type: ignore[arg-type]
        analysis = dataclasses.replace(analysis, statements=(st,))
    else:
        rel = dataclasses.replace(analysis.relations[0], predicate=value)  # type: ignore[arg-type]
        analysis = dataclasses.replace(analysis, relations=(rel,))
    with pytest.raises(ValueError, match=match):
        build_quads(analysis)


def test_an_empty_mention_span_is_refused_with_its_entity_named() -> None:
    analysis = small_analysis()
    person = analysis.entities[0]
    bad = dataclasses.replace(person.mentions[0], start=5, end=5, surface="")
    person = dataclasses.replace(person, mentions=(bad,))
    analysis = dataclasses.replace(analysis, entities=(person,) + analysis.entities[1:])
    with pytest.raises(ValueError, match="Person/ivan-petrov: empty or inverted mention span 5,5"):
        build_quads(analysis)


def test_a_relation_to_an_undescribed_entity_still_gets_its_iri() -> None:
    from graph.model import EntityType, Relation

    analysis = small_analysis()
    extra = Relation(
        (EntityType.PERSON, "ivan-petrov"), "memberOf", (EntityType.MOVEMENT, "unnamed"), "rec_A"
    )
    analysis = dataclasses.replace(analysis, relations=analysis.relations + (extra,))
    text = sorted_ntriples(build_quads(analysis)).decode()
    assert (
        f"<{PERSON}> <https://w3id.org/epkg/ontology#memberOf> "
        "<https://w3id.org/epkg/id/movement/unnamed> ." in text
    )
