"""The page in a real headless Chromium (Debian's /usr/bin/chromium, driven by playwright).

One browser for the whole module; each test opens a fresh page. Expected values come
from the RDF graph itself, by SPARQL, never from the projection under test.
"""

from __future__ import annotations

import importlib.util
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from conftest import require_component

from graph.cli import main

pytestmark = pytest.mark.integration

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
FIXTURES = Path(__file__).parent / "fixtures" / "viz"
SMALL = FIXTURES / "small.trig"
XSS = FIXTURES / "xss.ttl"
PREFIXES = """
PREFIX epkg: <https://w3id.org/epkg/ontology#>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX itsrdf: <http://www.w3.org/2005/11/its/rdf#>
"""
UNIT_CLASSES = "epkg:Citation epkg:Recital epkg:Paragraph epkg:Subparagraph epkg:Footnote"
ENTITY_CLASSES = (
    "epkg:Person epkg:Movement epkg:NGO epkg:TradeUnion epkg:MediaOutlet epkg:Law "
    "epkg:LegalProvision epkg:EUInstrument epkg:InternationalInstrument epkg:EUBody "
    "epkg:InternationalOrganisation epkg:StateBody epkg:Place"
)


def load(path: Path) -> ox.Store:
    store = ox.Store()
    store.load(path=str(path), format=ox.RdfFormat.from_extension(path.suffix[1:]))
    return store


def select(store: ox.Store, query: str) -> list[tuple[str, ...]]:
    result = store.query(PREFIXES + query, use_default_graph_as_union=True)
    names = [v.value for v in result.variables]
    return [tuple(r[n].value for n in names) for r in result]


def expected_nodes(store: ox.Store) -> int:
    """Units and entities, counted straight from the graph."""
    (count,) = select(
        store,
        f"""SELECT (COUNT(DISTINCT ?n) AS ?c) WHERE {{
        {{ VALUES ?k {{ {UNIT_CLASSES} }} ?n a ?k }}
        UNION {{ VALUES ?k {{ {ENTITY_CLASSES} }} ?n a ?k }}
        UNION {{ ?u epkg:mentions ?n . VALUES ?uk {{ {UNIT_CLASSES} }} ?u a ?uk }} }}""",
    )[0]
    return int(count)


def write_page(graph_file: Path, out: Path) -> Path:
    result = CliRunner().invoke(main, ["viz", str(graph_file), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


@dataclass
class Opened:
    page: Any
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def console(self, kind: str, text: str) -> None:
        if kind == "error":
            self.errors.append(text)
        elif kind == "warning":
            self.warnings.append(text)

    def js(self, code: str, arg: Any = None) -> Any:
        return self.page.evaluate(code, arg)

    def click_node(self, node_id: str) -> None:
        """A real mouse click where the node is drawn (zoomed in and centred first)."""
        x, y = self.js(
            """(id) => { const cy = epkgViz.cy, n = cy.getElementById(id);
            cy.zoom(2.5); cy.center(n); const p = n.renderedPosition();
            const r = cy.container().getBoundingClientRect();
            return [r.left + p.x, r.top + p.y]; }""",
            node_id,
        )
        self.page.mouse.click(x, y)
        self.wait("(id) => document.getElementById('details').dataset.id === id", node_id)

    def wait(self, predicate: str, arg: Any = None, timeout: float = 10.0) -> None:
        """Poll ``predicate`` from outside: playwright's wait_for_function evaluates a
        string inside the page, which the page's Content-Security-Policy forbids."""
        deadline = time.monotonic() + timeout
        while not self.js(predicate, arg):
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {predicate}")
            self.page.wait_for_timeout(25)

    def visible_nodes(self) -> int:
        return int(self.js("Number(document.getElementById('counts').dataset.nodes)"))


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    have = CHROMIUM.exists() and importlib.util.find_spec("playwright") is not None
    require_component(have, "needs Debian chromium at /usr/bin/chromium and python playwright")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("viz")
    return {
        "small": write_page(SMALL, folder / "small.html"),
        "xss": write_page(XSS, folder / "xss.html"),
    }


@pytest.fixture(scope="module")
def sample_graph(tmp_path_factory, sample_path) -> Path:
    """The sample resolution through the real pipeline (`epkg build`)."""
    out = tmp_path_factory.mktemp("viz-sample") / "sample.trig"
    result = CliRunner().invoke(main, ["build", str(sample_path), "-o", str(out), "--no-validate"])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture
def open_page(browser) -> Iterator[Any]:
    opened: list[Any] = []

    def _open(path: Path) -> Opened:
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        opened.append(context)
        page = context.new_page()
        o = Opened(page)
        page.on("console", lambda m: o.console(m.type, m.text))
        page.on("pageerror", lambda e: o.errors.append(str(e)))
        page.on("request", lambda r: o.requests.append(r.url))
        page.goto(path.as_uri())
        o.wait("() => Boolean(window.epkgViz && window.epkgViz.ready)")
        return o

    yield _open
    for context in opened:
        context.close()


def test_page_renders_every_node_offline_without_errors(open_page, pages) -> None:
    o = open_page(pages["small"])
    expected = expected_nodes(load(SMALL))
    assert expected == 13
    assert o.js("epkgViz.cy.nodes().length") == expected
    assert o.visible_nodes() == expected
    assert o.js("epkgViz.cy.nodes().filter(n => n.renderedBoundingBox().w > 0).length") == expected
    assert o.errors == []
    assert o.warnings == []  # Cytoscape.js warns about misused styles: none
    assert o.requests == [pages["small"].as_uri()]  # nothing but the file itself


def test_clicking_a_unit_shows_its_text(open_page, pages) -> None:
    o = open_page(pages["small"])
    units = select(
        load(SMALL),
        f"SELECT ?u ?t WHERE {{ VALUES ?k {{ {UNIT_CLASSES} }} ?u a ?k ; nif:isString ?t }}",
    )
    assert len(units) == 5
    for unit, text in units[:3]:
        o.click_node(unit)
        assert o.js("document.getElementById('unit-text').textContent") == text
        assert o.js("document.querySelector('#details h2').textContent")
    assert o.errors == []


def test_clicking_an_entity_highlights_each_mention(open_page, pages) -> None:
    o = open_page(pages["small"])
    person = "https://w3id.org/epkg/id/person/ivan-petrov"
    phrases = select(
        load(SMALL),
        f"""SELECT ?u ?a WHERE {{ ?p itsrdf:taIdentRef <{person}> ;
        nif:referenceContext ?u ; nif:anchorOf ?a }} ORDER BY ?u""",
    )
    assert len(phrases) == 3
    o.click_node(person)
    sections = o.js("""Array.from(document.querySelectorAll('#details section.mention')).map(
        s => [s.dataset.unit, Array.from(s.querySelectorAll('mark')).map(m => m.textContent)])""")
    assert sorted((u, tuple(m)) for u, m in sections) == sorted((u, (a,)) for u, a in phrases)
    # a mention after a character outside the BMP: offsets are code points, not UTF-16 units
    o.click_node("https://w3id.org/epkg/id/place/zenda")
    marks = o.js("Array.from(document.querySelectorAll('#details mark')).map(m => m.textContent)")
    assert marks == ["Zenda", "Zenda", "Zenda"]
    assert o.errors == []


def test_view_filters_and_search(open_page, pages) -> None:
    o = open_page(pages["small"])
    o.page.check("#view-co-mentions")
    assert o.visible_nodes() == 7  # the entities
    assert o.js("Number(document.getElementById('counts').dataset.edges)") == 8
    o.page.check("#view-mentions")
    o.page.uncheck("#entity-types input[value='Person']")
    assert o.visible_nodes() == 12
    o.page.check("#entity-types input[value='Person']")
    o.page.fill("#search", "petrov")  # an alternative label matches as well
    assert o.js(
        "Array.from(document.querySelectorAll('#results button')).map(b => b.dataset.id)"
    ) == ["https://w3id.org/epkg/id/person/ivan-petrov"]
    o.page.press("#search", "Enter")
    assert o.js("document.querySelector('#details h2').textContent") == "Ivan Petrov"
    assert o.errors == []


def test_hostile_text_runs_nothing_and_is_shown_as_text(open_page, pages) -> None:
    o = open_page(pages["xss"])
    store = load(XSS)
    ((text,),) = select(store, "SELECT ?t WHERE { ?u nif:isString ?t }")
    units = [u for (u,) in select(store, "SELECT ?u WHERE { ?u nif:isString ?t }")]
    entities = [e for (e,) in select(store, "SELECT DISTINCT ?e WHERE { ?p itsrdf:taIdentRef ?e }")]
    assert o.js("epkgViz.cy.nodes().length") == expected_nodes(store) == 3
    o.click_node(units[0])
    assert o.js("document.getElementById('unit-text').textContent") == text
    for entity in sorted(entities):
        o.click_node(entity)
    o.page.fill("#search", "evil")
    o.page.press("#search", "Enter")
    assert o.js("typeof window.__pwned") == "undefined"
    assert o.js("document.querySelectorAll('img').length") == 0
    assert o.js("document.querySelectorAll('script').length") == 3
    assert "</script><script>window.__pwned=1</script>" in o.js("document.title")
    marks = o.js("Array.from(document.querySelectorAll('#details mark')).map(m => m.textContent)")
    assert marks == ['Evil <img src=x onerror="window.__pwned=1"> Corp']
    assert o.errors == []


def test_the_samples_page_matches_its_graph_and_its_exports(
    open_page, sample_graph, tmp_path
) -> None:
    import networkx as nx

    store = load(sample_graph)
    page = write_page(sample_graph, tmp_path / "sample.html")
    o = open_page(page)
    expected = expected_nodes(store)
    assert expected > 100  # units and entities of a real resolution
    assert o.visible_nodes() == o.js("epkgViz.cy.nodes().length") == expected
    nodes = set(o.js("epkgViz.cy.nodes().map(n => n.id())"))
    edges = {
        tuple(e) for e in o.js("epkgViz.cy.edges().map(e => [e.source().id(), e.target().id()])")
    }
    mentions = select(store, "SELECT DISTINCT ?u ?e WHERE { ?u epkg:mentions ?e }")
    assert set(mentions) <= edges
    for fmt, read in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        result = CliRunner().invoke(
            main, ["viz", str(sample_graph), "-o", str(tmp_path / f"s.{fmt}")]
        )
        assert result.exit_code == 0, result.output
        g = read(str(tmp_path / f"s.{fmt}"))
        assert (set(g.nodes), set(g.edges)) == (nodes, edges), fmt

    # a paragraph shows its text; the entity named most often has each mention marked
    ((unit, text),) = select(
        store,
        "SELECT ?u ?t WHERE { ?u a epkg:Paragraph ; epkg:ordinal ?o ; "
        "nif:isString ?t } ORDER BY ?o LIMIT 1",
    )
    o.click_node(unit)
    assert o.js("document.getElementById('unit-text').textContent") == text
    ((entity, count),) = select(
        store,
        "SELECT ?e (COUNT(DISTINCT ?u) AS ?n) WHERE { ?u epkg:mentions ?e } "
        "GROUP BY ?e ORDER BY DESC(?n) ?e LIMIT 1",
    )
    anchors = select(
        store,
        f"""SELECT ?u ?a WHERE {{ ?p itsrdf:taIdentRef <{entity}> ;
        nif:referenceContext ?u ; nif:anchorOf ?a }}""",
    )
    o.js("(id) => epkgViz.select(id, true)", entity)
    sections = o.js("""Array.from(document.querySelectorAll('#details section.mention')).map(
        s => [s.dataset.unit, Array.from(s.querySelectorAll('mark')).map(m => m.textContent)])""")
    assert len(sections) == int(count)
    assert sorted((u, a) for u, marks in sections for a in marks) == sorted(anchors)
    o.page.check("#view-co-mentions")
    assert o.visible_nodes() == len(
        select(store, f"SELECT DISTINCT ?e WHERE {{ VALUES ?k {{ {ENTITY_CLASSES} }} ?e a ?k }}")
    )
    assert (o.errors, o.warnings) == ([], [])


def test_a_few_thousand_nodes(open_page, tmp_path) -> None:
    """2,100 nodes (the page switches to its lighter rendering above 2,000): all of
    them drawn, no error, a click still opens the right unit."""
    units, entities = 1400, 700
    lines = [
        "@prefix epkg: <https://w3id.org/epkg/ontology#> .",
        "@prefix eli: <http://data.europa.eu/eli/ontology#> .",
        "@prefix nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> .",
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .",
        "@prefix d: <https://example.org/doc/big/en/> .",
    ]
    for k in range(entities):
        lines.append(f'<https://example.org/id/e{k}> a epkg:Person ; skos:prefLabel "Name {k}" .')
    for j in range(units):
        named = sorted({(j * 7 + i * 131) % entities for i in range(3)})
        mentions = ", ".join(f"<https://example.org/id/e{k}>" for k in named)
        lines.append(
            f"d:para_{j + 1} a epkg:Paragraph ; eli:is_part_of <https://example.org/doc/big/en> ; "
            f'eli:number "{j + 1}" ; epkg:ordinal {j + 1} ; nif:isString "Text of {j + 1}." ; '
            f"epkg:mentions {mentions} ."
        )
    graph_file = tmp_path / "big.ttl"
    graph_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    o = open_page(write_page(graph_file, tmp_path / "big.html"))
    assert expected_nodes(load(graph_file)) == units + entities
    assert o.visible_nodes() == o.js("epkgViz.cy.nodes().length") == units + entities
    o.click_node("https://example.org/doc/big/en/para_700")
    assert o.js("document.getElementById('unit-text').textContent") == "Text of 700."
    assert o.errors == []
