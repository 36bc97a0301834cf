"""Every stored query on the sample's real graph (the whole pipeline: read → segment →
extract → resolve → RDF) returns rows, and a few answers a reader of the sample can
check by eye."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from graph.queries import find_query, list_queries, select_rows

EXPRESSION = "https://w3id.org/epkg/eli/dl/doc/TA-9-2021-0056/ro"
QUERIES = Path(__file__).resolve().parent.parent / "queries"
QUERY_NAMES = sorted(p.stem for p in QUERIES.glob("*.rq"))


@pytest.fixture(scope="module")
def sample_store(sample_path: Path) -> ox.Store:
    from graph.pipeline import analyse_path
    from graph.rdf import build_quads

    store = ox.Store()
    quads = build_quads(analyse_path(sample_path))
    assert {q.graph_name for q in quads} == {ox.NamedNode(EXPRESSION)}
    store.extend(quads)
    return store


def rows(store: ox.Store, query: str, /, **params: str) -> list[dict[str, object]]:
    return select_rows(find_query(query), store, params)  # type: ignore[arg-type]


def params_for(store: ox.Store, name: str) -> dict[str, str]:
    """Parameters for the queries that need one, taken from the graph itself."""
    top_person = rows(store, "most-mentioned", type="https://w3id.org/epkg/ontology#Person")[0]
    if name == "keyword-in-context":
        return {"entity": top_person["entity"].value}  # type: ignore[attr-defined]
    if name == "entity-across-documents":
        return {"name": top_person["name"].value}  # type: ignore[attr-defined]
    return {}


def test_every_stored_query_is_exercised() -> None:
    assert len(QUERY_NAMES) == len(list_queries()) >= 12


@pytest.mark.parametrize("name", QUERY_NAMES)
def test_stored_query_returns_rows_on_the_sample(name: str, sample_store: ox.Store) -> None:
    found = rows(sample_store, name, **params_for(sample_store, name))
    assert found, f"stored query {name!r} returned no row on the sample"


def test_the_outline_follows_the_document(sample_store: ox.Store) -> None:
    outline = rows(sample_store, "outline", document=EXPRESSION)
    kinds = [r["kind"].value for r in outline]  # type: ignore[attr-defined]
    assert kinds[0] == "Citation" and kinds.index("Recital") < kinds.index("Paragraph")
    assert [int(r["ordinal"].value) for r in outline] == list(range(1, len(outline) + 1))  # type: ignore[attr-defined]
    recitals = [r["number"].value for r in outline if r["kind"].value == "Recital"]  # type: ignore[attr-defined]
    assert recitals[:3] == ["A", "B", "C"]


def test_footnotes_carry_their_official_journal_references(sample_store: ox.Store) -> None:
    notes = rows(sample_store, "footnotes")
    refs = [r["ojReference"].value for r in notes if "ojReference" in r]  # type: ignore[attr-defined]
    assert "JO C 23, 21.1.2021, p. 83" in refs


def test_the_parliament_calls_for_the_release_of_named_prisoners(sample_store: ox.Store) -> None:
    names = {r["name"].value for r in rows(sample_store, "calls-for-release")}  # type: ignore[attr-defined]
    assert {"Almat Zhumagulov", "Aron Atabek", "Askar Kayyrbek"} <= names
