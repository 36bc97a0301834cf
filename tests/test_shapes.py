"""The shapes themselves: valid SHACL (shacl-shacl), targeting only classes the
ontology defines, and their closed sets equal to the shared vocabularies."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Graph, Namespace, URIRef
from rdflib.collection import Collection

from graph.concepts import ACTIONS, RELATIONS, ROLES
from graph.iri import EU_LANGUAGES, LANGUAGE_AUTHORITY
from graph.namespaces import PREFIXES
from graph.validate import shapes_files, shapes_text

ROOT = Path(__file__).resolve().parent.parent
SH = Namespace("http://www.w3.org/ns/shacl#")
EPKG = Namespace(PREFIXES["epkg"])
ELI = Namespace(PREFIXES["eli"])
NIF = Namespace(PREFIXES["nif"])


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(data=shapes_text(), format="turtle")


def test_the_shapes_folder_holds_our_files() -> None:
    names = [p.name for p in shapes_files(ROOT / "shapes")]
    assert names == sorted(names) and len(names) == 7
    assert {"document.ttl", "units.ttl", "entities.ttl", "mentions.ttl"} <= set(names)


def test_shapes_are_valid_shacl(shapes: Graph) -> None:
    """pySHACL's meta-validation: the shapes graph against the SHACL-for-SHACL shapes."""
    import pyshacl

    empty = Graph()
    conforms, _, text = pyshacl.validate(empty, shacl_graph=shapes, meta_shacl=True, advanced=True)
    assert conforms, text


def test_every_target_class_exists_in_the_ontology(shapes: Graph) -> None:
    onto = Graph().parse(ROOT / "ontology" / "epkg.ttl", format="turtle")
    targets = set(shapes.objects(None, SH.targetClass))
    assert len(targets) >= 18
    from rdflib import OWL

    for target in targets:
        assert (target, RDF.type, OWL.Class) in onto, f"{target} is not a class of the ontology"


def test_every_class_we_emit_is_targeted(shapes: Graph) -> None:
    targets = set(shapes.objects(None, SH.targetClass))
    emitted = {
        "Resolution", "Citation", "Recital", "Paragraph", "Subparagraph", "Footnote",
        "Person", "Movement", "NGO", "TradeUnion", "MediaOutlet", "Law", "LegalProvision",
        "EUInstrument", "InternationalInstrument", "EUBody", "InternationalOrganisation",
        "StateBody", "Place", "Statement", "StatedRelation",
    }  # fmt: skip
    assert {EPKG[name] for name in emitted} <= targets
    subjects_of = set(shapes.objects(None, SH.targetSubjectsOf))
    assert NIF.referenceContext in subjects_of  # mention spans (nif:Phrase)
    assert EPKG.toolVersion in subjects_of  # the build activity
    assert ELI.is_realized_by in set(shapes.objects(None, SH.targetObjectsOf))  # expressions


def _in_lists(shapes: Graph, path: URIRef) -> list[set[str]]:
    found = []
    for prop in shapes.subjects(SH.path, path):
        for head in shapes.objects(prop, SH["in"]):
            found.append({str(x) for x in Collection(shapes, head)})
    return found


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (EPKG.role, {PREFIXES["epkg"] + r for r in ROLES}),
        (EPKG.action, {PREFIXES["epkg"] + a for a in ACTIONS}),
        (RDF.predicate, {PREFIXES["epkg"] + r for r in RELATIONS}),
        (ELI.language, {LANGUAGE_AUTHORITY + c for c in EU_LANGUAGES.values()}),
    ],
    ids=["roles", "actions", "relations", "languages"],
)
def test_closed_sets_equal_the_shared_vocabularies(
    shapes: Graph, path: URIRef, expected: set[str]
) -> None:
    lists = _in_lists(shapes, path)
    assert lists, f"no sh:in for {path}"
    for values in lists:
        assert values == expected


def test_sparql_constraints_declare_their_prefixes(shapes: Graph) -> None:
    constraints = list(shapes.objects(None, SH.sparql))
    assert len(constraints) >= 6
    for constraint in constraints:
        assert shapes.value(constraint, SH.prefixes) is not None
        assert shapes.value(constraint, SH.message) is not None
    assert (URIRef("https://w3id.org/epkg/shapes"), RDFS.label, None) in shapes


def test_meta_validation_catches_a_broken_shape() -> None:
    """The meta-validation above is not vacuous: a malformed shape fails it."""
    import pyshacl

    broken = Graph().parse(
        data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        @prefix ex: <http://example.org/> .
        ex:S a sh:NodeShape ; sh:targetClass ex:C ;
            sh:property [ sh:path ex:p ; sh:minCount "one" ] .
        """,
        format="turtle",
    )
    from pyshacl.errors import ReportableRuntimeError

    with pytest.raises(ReportableRuntimeError, match="MetaSHACL"):
        pyshacl.validate(Graph(), shacl_graph=broken, meta_shacl=True)
