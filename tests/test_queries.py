"""Stored queries: headers, the README's list, parameters bound as terms, and each query's
answer on a small hand-made corpus (tests/fixtures/queries/corpus.trig, two documents in
two named graphs, written to the RDF contract of DESIGN.md §2)."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pyoxigraph as ox
import pytest

from graph.errors import ConfigError, QueryError
from graph.queries import (
    find_query,
    list_queries,
    load_graph_file,
    load_query,
    parse_param_value,
    render,
    run_query,
    select_rows,
)

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "fixtures" / "queries" / "corpus.trig"
QUERY_FILES = sorted((ROOT / "queries").glob("*.rq"))
B = "https://w3id.org/epkg/"
DOC1 = f"{B}eli/dl/doc/TA-9-2021-0001/ro"
DOC2 = f"{B}eli/dl/doc/TA-9-2022-0002/en"
ANA = f"{B}id/person/ana-popescu"
ION = f"{B}id/person/ion-ionescu"
EPKG = "https://w3id.org/epkg/ontology#"


@pytest.fixture(scope="module")
def corpus() -> ox.Store:
    return load_graph_file(CORPUS)


def values(rows: list[dict[str, object]], *names: str) -> list[tuple[str, ...]]:
    """The lexical values of some columns of each row ('' when unbound), in row order."""
    return [tuple(getattr(r.get(n), "value", "") for n in names) for r in rows]


def run(store: ox.Store, query: str, /, **params: str) -> list[dict[str, object]]:
    return select_rows(find_query(query), store, params)  # type: ignore[arg-type]


# --- the collection itself ---------------------------------------------------------


def test_at_least_twelve_stored_queries_each_with_a_header() -> None:
    queries = list_queries()
    assert len(QUERY_FILES) >= 12
    assert len(queries) == len(QUERY_FILES)
    for query in queries:
        assert query.title and query.description, query.name
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", query.name), query.name
        for param in query.params:
            assert param.description, (query.name, param.name)


def test_a_query_without_header_is_refused(tmp_path: Path) -> None:
    bare = tmp_path / "bare.rq"
    bare.write_text("SELECT * WHERE { ?s ?p ?o }\n", encoding="utf-8")
    with pytest.raises(QueryError, match="title"):
        load_query(bare)
    no_description = tmp_path / "half.rq"
    no_description.write_text("# title: Half\nSELECT * WHERE { ?s ?p ?o }\n", encoding="utf-8")
    with pytest.raises(QueryError, match="description"):
        load_query(no_description)


def _readme_section() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    heading = r"^## Stored queries and the embedded store\n(.*?)(?=^## |\Z)"
    match = re.search(heading, text, re.M | re.S)
    assert match, "README lacks the section '## Stored queries and the embedded store'"
    return match.group(1)


@pytest.mark.parametrize("path", QUERY_FILES, ids=[p.stem for p in QUERY_FILES])
def test_every_query_is_listed_in_the_readme_with_its_title(path: Path) -> None:
    query = load_query(path)
    section = _readme_section()
    line = next((ln for ln in section.splitlines() if f"`{query.name}`" in ln), None)
    assert line is not None, f"README does not list the stored query `{query.name}`"
    assert query.title in line, f"README's line for `{query.name}` lacks its title {query.title!r}"


def test_every_declared_parameter_can_be_bound(corpus: ox.Store) -> None:
    """pyoxigraph binds only projected variables: a header must not promise what it can't bind."""
    bound = 0
    for query in list_queries():
        for param in query.params:
            run_query(query, corpus, {param.name: "https://example.org/nothing"})
            run_query(query, corpus, {param.name: "nothing"})
            bound += 1
    assert bound >= 10


# --- parameters --------------------------------------------------------------------


def test_parameter_values_become_iris_or_plain_literals() -> None:
    assert parse_param_value("<urn:x:1>") == ox.NamedNode("urn:x:1")
    assert parse_param_value("https://w3id.org/epkg/id/ngo/x") == ox.NamedNode(
        "https://w3id.org/epkg/id/ngo/x"
    )
    assert parse_param_value("Ana Popescu") == ox.Literal("Ana Popescu")
    assert parse_param_value("Article 5: https") == ox.Literal("Article 5: https")
    with pytest.raises(ConfigError):
        parse_param_value("<not an iri>")


def test_unknown_and_missing_parameters_are_refused(corpus: ox.Store) -> None:
    with pytest.raises(ConfigError, match="no parameter"):
        run(corpus, "outline", documnet=DOC1)
    with pytest.raises(ConfigError, match="needs --param entity"):
        run(corpus, "keyword-in-context")


def test_a_parameter_is_bound_as_a_term_never_pasted_into_the_query(corpus: ox.Store) -> None:
    before = len(corpus)
    hostile = 'Ana Popescu") } } ; DROP ALL ; SELECT * { ?s ?p ?o # '
    assert run(corpus, "entity-across-documents", name=hostile) == []
    assert len(corpus) == before
    # The same name, plainly, is found: the binding itself works.
    assert run(corpus, "entity-across-documents", name="ANA POPESCU")


def test_a_malformed_query_file_is_a_query_error(tmp_path: Path, corpus: ox.Store) -> None:
    broken = tmp_path / "broken.rq"
    broken.write_text("# title: Broken\n# description: no.\nSELECT WHERE {\n", encoding="utf-8")
    with pytest.raises(QueryError, match="not valid SPARQL"):
        run_query(load_query(broken), corpus)


def test_unknown_query_name_lists_the_stored_ones() -> None:
    with pytest.raises(ConfigError, match="outline"):
        find_query("no-such-query")


# --- each query's answer on the small corpus ---------------------------------------


def check_persons_per_unit(store: ox.Store) -> None:
    rows = run(store, "persons-per-unit")
    columns = values(rows, "document", "kind", "number", "names")
    got = [(d, k, n, set(names.split("; "))) for d, k, n, names in columns]
    assert got == [
        (DOC1, "Recital", "B", {"Ana Popescu", "Ion Ionescu"}),
        (DOC1, "Paragraph", "1", {"Ana Popescu"}),
        (DOC2, "Recital", "A", {"Ana Popescu"}),
        (DOC2, "Paragraph", "1", {"Ana Popescu"}),
    ]
    assert len(run(store, "persons-per-unit", document=DOC2)) == 2


def check_calls_for_release(store: ox.Store) -> None:
    rows = run(store, "calls-for-release")
    assert values(rows, "document", "number", "name", "roles") == [
        (DOC1, "1", "Ana Popescu", "PoliticalPrisoner"),
        (DOC2, "1", "Ana Popescu", "PoliticalPrisoner"),
    ]


def check_co_mentions(store: ox.Store) -> None:
    rows = run(store, "co-mentions")
    pairs = {(a, b, u) for a, b, u in values(rows, "aName", "bName", "units")}
    assert ("Ana Popescu", "Ion Ionescu", "1") in pairs
    assert ("Ana Popescu", "guvernul Ruritaniei", "1") in pairs
    assert len(rows) == 4  # rec_B: 3 entities → 3 pairs; para_1: 1 pair


def check_laws_and_articles(store: ox.Store) -> None:
    rows = run(store, "laws-and-articles")
    assert values(rows, "lawName", "provisionName", "units") == [
        ("Codul penal", "articolul 405 din Codul penal", "Recital B")
    ]


def check_eu_instruments(store: ox.Store) -> None:
    rows = run(store, "eu-instruments")
    assert values(rows, "name", "mentions", "units") == [
        ("Acordul de parteneriat cu Ruritania", "1", "Citation 1")
    ]


def check_international_instruments(store: ox.Store) -> None:
    rows = run(store, "international-instruments")
    assert values(rows, "name", "mentions", "units") == [
        ("Pactul internațional privind drepturile civile și politice", "1", "Citation 2")
    ]
    assert run(store, "international-instruments", document=DOC2) == []


def check_recitals_and_paragraphs(store: ox.Store) -> None:
    rows = run(store, "recitals-and-paragraphs")
    assert values(rows, "document", "name", "recitals", "paragraphs") == [
        (DOC1, "Vocea Liberă", "A", "2"),  # named in subparagraph 1 of paragraph 2
        (DOC1, "Ana Popescu", "B", "1"),
        (DOC2, "Ana Popescu", "A", "1"),
    ]


def check_most_mentioned(store: ox.Store) -> None:
    rows = run(store, "most-mentioned")
    assert values(rows, "name", "mentions", "documents")[:2] == [
        ("Ana Popescu", "4", "2"),
        ("Vocea Liberă", "2", "1"),
    ]
    assert len(rows) == 7
    only_ngos = run(store, "most-mentioned", type=f"{EPKG}NGO")
    assert values(only_ngos, "name") == [("Vocea Liberă",)]


def check_keyword_in_context(store: ox.Store) -> None:
    rows = run(store, "keyword-in-context", entity=ANA)
    assert [r["anchor"].value for r in rows] == ["Ana Popescu"] * 4  # type: ignore[attr-defined]
    first = rows[0]
    assert first["left"].value == "întrucât "  # type: ignore[attr-defined]
    assert first["right"].value.startswith(" și Ion Ionescu au fost arestați")  # type: ignore[attr-defined]
    assert first["right"].value.endswith("…")  # type: ignore[attr-defined]
    second_left = "solicită guvernului Ruritaniei să o elibereze imediat pe "
    assert rows[1]["left"].value == second_left  # type: ignore[attr-defined]
    assert run(store, "keyword-in-context", entity=f"{B}id/person/nobody") == []


def check_outline(store: ox.Store) -> None:
    rows = run(store, "outline", document=DOC1)
    assert values(rows, "ordinal", "kind", "number", "actions") == [
        ("1", "Citation", "1", ""),
        ("2", "Citation", "2", ""),
        ("3", "Recital", "A", ""),
        ("4", "Recital", "B", ""),
        ("5", "Paragraph", "1", "CallsOn"),
        ("6", "Paragraph", "2", "Welcomes"),
        ("7", "Subparagraph", "1", ""),
    ]
    assert rows[2]["start"].value.endswith("…")  # type: ignore[attr-defined]


def check_footnotes(store: ox.Store) -> None:
    rows = run(store, "footnotes")
    assert values(rows, "document", "footnote", "ojReference", "unitKind", "unitNumber") == [
        (DOC1, "1", "JO C 23, 21.1.2021, p. 83", "Citation", "1")
    ]


def check_entity_across_documents(store: ox.Store) -> None:
    rows = run(store, "entity-across-documents", name="ana popescu")
    assert values(rows, "identifier", "kind", "number") == [
        ("TA-9-2021-0001", "Recital", "B"),
        ("TA-9-2021-0001", "Paragraph", "1"),
        ("TA-9-2022-0002", "Recital", "A"),
        ("TA-9-2022-0002", "Paragraph", "1"),
    ]
    # An alternative (inflected) label finds the entity too.
    inflected = run(store, "entity-across-documents", name="guvernului Ruritaniei")
    assert values(inflected, "number") == [("1",)]


def check_ngo_events(store: ox.Store) -> None:
    rows = run(store, "ngo-events")
    assert values(rows, "name", "kind", "number", "actions", "clause") == [
        (
            "Vocea Liberă",
            "Recital",
            "A",
            "",
            "întrucât ONG-ul Vocea Liberă a fost amendat și i s-a ordonat să își suspende "
            "activitatea",
        ),
        (
            "Vocea Liberă",
            "Subparagraph",
            "1",
            "Welcomes",
            "decizia de a permite organizației Vocea Liberă să își reia activitatea",
        ),
    ]


def check_addressees(store: ox.Store) -> None:
    rows = run(store, "addressees")
    assert values(rows, "name", "paragraphs", "actions", "numbers") == [
        ("guvernul Ruritaniei", "1", "CallsOn", "1")
    ]


def check_persons_by_role(store: ox.Store) -> None:
    rows = run(store, "persons-by-role")
    assert values(rows, "role", "name", "units") == [
        (f"{EPKG}Journalist", "Ion Ionescu", "1"),
        (f"{EPKG}PoliticalPrisoner", "Ana Popescu", "4"),
    ]
    assert len(run(store, "persons-by-role", role=f"{EPKG}Journalist")) == 1


def check_documents(store: ox.Store) -> None:
    rows = run(store, "documents")
    assert values(rows, "identifier", "date", "language", "units", "entities") == [
        ("TA-9-2021-0001", "2021-01-21", "RON", "8", "7"),
        ("TA-9-2022-0002", "2022-02-17", "ENG", "2", "1"),
    ]


CHECKS = {
    name.removeprefix("check_").replace("_", "-"): fn
    for name, fn in dict(globals()).items()
    if name.startswith("check_")
}


def test_every_stored_query_has_an_answer_check() -> None:
    assert sorted(CHECKS) == sorted(p.stem for p in QUERY_FILES)


@pytest.mark.parametrize("name", sorted(CHECKS))
def test_query_answer_on_the_small_corpus(name: str, corpus: ox.Store) -> None:
    CHECKS[name](corpus)


def test_answers_are_the_same_from_a_store_of_named_graphs(tmp_path: Path) -> None:
    from graph.store import open_store

    with open_store(tmp_path / "st") as st:
        memory = load_graph_file(CORPUS)
        for graph in memory.named_graphs():
            st.replace_graph(graph, memory.quads_for_pattern(None, None, None, graph))
        assert len(st.graphs()) == 2
        for name in ("outline", "most-mentioned", "calls-for-release"):
            query = find_query(name)
            assert render(run_query(query, st.store), "csv") == render(
                run_query(query, memory), "csv"
            ), name


# --- results formats ---------------------------------------------------------------


def test_results_formats(corpus: ox.Store) -> None:
    query = find_query("calls-for-release")
    as_json = json.loads(render(run_query(query, corpus), "json"))
    assert as_json["head"]["vars"][:3] == ["document", "number", "name"]
    assert len(as_json["results"]["bindings"]) == 2
    assert as_json["results"]["bindings"][0]["person"] == {"type": "uri", "value": ANA}
    table = list(csv.reader(io.StringIO(render(run_query(query, corpus), "csv").decode())))
    assert table[0][:3] == ["document", "number", "name"] and len(table) == 3
    tsv = render(run_query(query, corpus), "tsv").decode().splitlines()
    assert tsv[0].split("\t")[0] == "?document" and f"<{ANA}>" in tsv[1]
    text = render(run_query(query, corpus), "table", query.prefixes).decode()
    assert "Ana Popescu" in text and text.rstrip().endswith("(2 rows)")
    with pytest.raises(ConfigError):
        render(run_query(query, corpus), "xml")
