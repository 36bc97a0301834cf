"""epkg viz without a browser: the projection, the embedding, the exports, the command."""

from __future__ import annotations

import importlib.util
import json
import sys
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from conftest import require_component

from graph.cli import main
from graph.errors import ConfigError, GraphInputError
from graph.viz import project, project_path
from graph.viz_page import embed_json, page_data, render_page
from graph.viz_static import elements, write

FIXTURES = Path(__file__).parent / "fixtures" / "viz"
SMALL = FIXTURES / "small.trig"
XSS = FIXTURES / "xss.ttl"
DOC1 = "https://w3id.org/epkg/eli/dl/doc/TA-9-2099-0001/en"
PERSON = "https://w3id.org/epkg/id/person/ivan-petrov"
PLACE = "https://w3id.org/epkg/id/place/zenda"

PREFIXES = """
PREFIX epkg: <https://w3id.org/epkg/ontology#>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX itsrdf: <http://www.w3.org/2005/11/its/rdf#>
"""


def load(path: Path) -> ox.Store:
    store = ox.Store()
    fmt = ox.RdfFormat.TRIG if path.suffix == ".trig" else ox.RdfFormat.TURTLE
    store.load(path=str(path), format=fmt)
    return store


def rows(store: ox.Store, query: str) -> list[tuple[str, ...]]:
    result = store.query(PREFIXES + query, use_default_graph_as_union=True)
    names = [v.value for v in result.variables]
    return [tuple(r[n].value for n in names) for r in result]


@pytest.fixture(scope="module")
def small() -> object:
    return project_path(SMALL)


def test_projection_holds_every_unit_entity_and_mention(small) -> None:
    store = load(SMALL)
    units = rows(
        store,
        "SELECT DISTINCT ?u WHERE { ?u a ?k VALUES ?k { epkg:Citation epkg:Recital "
        "epkg:Paragraph epkg:Subparagraph epkg:Footnote } }",
    )
    mentions = rows(store, "SELECT DISTINCT ?u ?e WHERE { ?u epkg:mentions ?e }")
    assert (len(units), len(mentions)) == (6, 11)
    assert {n.id for n in small.units()} == {u for (u,) in units}
    assert len(small.entities()) == 7
    got = {(e.source, e.target) for e in small.edges if e.kind == "mentions"}
    assert got == set(mentions)
    kinds = sorted(e.kind for e in small.edges if e.kind != "mentions")
    assert kinds == ["footnote", "part_of", "part_of"]


def test_units_are_in_document_order_with_readable_labels(small) -> None:
    first = [n for n in small.units() if n.document == DOC1]
    assert [n.label for n in first] == ["cit 1", "rec A", "para 1", "para 1.1", "fn 1"]
    assert first[0].document_title == "Resolution on Ruritania"
    assert first[-1].text == "OJ C 1, 1.1.2099, p. 1"  # a footnote shows its OJ reference


def test_spans_are_the_phrases_and_point_at_their_anchor(small) -> None:
    store = load(SMALL)
    phrases = rows(
        store,
        "SELECT ?u ?e ?b ?end ?a WHERE { ?p nif:referenceContext ?u ; "
        "nif:beginIndex ?b ; nif:endIndex ?end ; nif:anchorOf ?a ; "
        "itsrdf:taIdentRef ?e }",
    )
    assert len(phrases) == 11
    text = {n.id: n.text for n in small.units()}
    spans = {(e.source, e.target): e.spans for e in small.edges if e.kind == "mentions"}
    for unit, entity, begin, end, anchor in phrases:
        assert any((s.begin, s.end) == (int(begin), int(end)) for s in spans[(unit, entity)])
        assert text[unit][int(begin) : int(end)] == anchor  # code points, past the emoji


def test_co_mentions_count_the_units_naming_both(small) -> None:
    weights = {(e.source, e.target): e.weight for e in small.co_mentions}
    assert weights[(PERSON, PLACE)] == 2  # rec A and the second document's para 1
    assert len(weights) == 8
    assert all(a < b for a, b in weights)


def test_layout_is_deterministic_and_keeps_nodes_apart(small) -> None:
    again = project_path(SMALL)
    assert [(n.id, n.x, n.y) for n in again.nodes] == [(n.id, n.x, n.y) for n in small.nodes]
    points = [(n.x, n.y) for n in small.nodes]
    assert len(set(points)) == len(points)
    assert render_page(again) == render_page(small)


def test_embedded_json_cannot_close_its_script_and_round_trips() -> None:
    nasty = {"t": "</script><script>x()</script><!-- \u2028\u2029 & > ]]>", "n": [1, "é"]}
    text = embed_json(nasty)
    for forbidden in ("<", ">", "&", "\u2028", "\u2029"):
        assert forbidden not in text
    assert json.loads(text) == nasty


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def test_hostile_text_stays_inside_the_data_block() -> None:
    page = render_page(project_path(XSS))
    parser = _Tags()
    parser.feed(page)
    tags = [t for t, _ in parser.tags]
    assert tags.count("script") == 3  # data, Cytoscape.js, the page's script
    assert "img" not in tags
    assert page.count("</script>") == 3
    assert "<img" not in page and "<script>window" not in page
    assert "<title>&lt;/script&gt;&lt;script&gt;window.__pwned=1" in page  # escaped, as text
    data = json.loads(page.split('id="epkg-data">', 1)[1].split("</script>", 1)[0])
    texts = [n["data"].get("text", "") for n in data["mentions"]["nodes"]]
    assert any("</script><script>window.__pwned=1</script>" in t for t in texts)
    assert "{{LIBRARY}}" in texts[0]  # a template slot in the text is left alone


def test_page_is_offline_by_policy() -> None:
    page = render_page(project_path(SMALL))
    parser = _Tags()
    parser.feed(page)
    csp = next(
        a["content"] for t, a in parser.tags if a.get("http-equiv") == "Content-Security-Policy"
    )
    rules = dict(rule.strip().split(" ", 1) for rule in csp.split(";"))
    assert rules["default-src"] == "'none'"  # no connection of any kind
    assert rules["script-src"].count("'sha256-") == 2 and "unsafe" not in rules["script-src"]
    assert not [a for t, a in parser.tags if a.get("src") or a.get("href")]  # nothing to fetch
    assert page_data(project_path(SMALL))["legend"]["unitKinds"][0]["type"] == "Citation"


@pytest.mark.parametrize("view", ["mentions", "co-mentions"])
def test_graphml_gexf_and_cytoscape_hold_the_pages_nodes_and_edges(small, tmp_path, view) -> None:
    data = page_data(small)
    if view == "mentions":
        nodes = {n["data"]["id"] for n in data["mentions"]["nodes"]}
        edges = {(e["data"]["source"], e["data"]["target"]) for e in data["mentions"]["edges"]}
    else:
        nodes = {n.id for n in small.entities()}
        edges = {(e["data"]["source"], e["data"]["target"]) for e in data["coMentions"]}
    assert len(nodes) == (13 if view == "mentions" else 7)
    assert len(edges) == (14 if view == "mentions" else 8)
    readers = {
        "graphml": nx.read_graphml,
        "gexf": nx.read_gexf,
        "cytoscape-json": lambda p: nx.cytoscape_graph(json.loads(Path(p).read_text("utf-8"))),
    }
    for fmt, read in readers.items():
        out = tmp_path / f"g.{fmt}"
        write(small, out, fmt, view)
        g = read(str(out))
        assert set(g.nodes) == nodes, fmt
        found = (
            {tuple(e) for e in g.edges}
            if view == "mentions"
            else {tuple(sorted(e)) for e in g.edges}
        )
        assert found == edges, fmt
        assert g.is_directed() == (view == "mentions"), fmt


def test_graphml_keeps_text_and_spans(small, tmp_path) -> None:
    write(small, tmp_path / "g.graphml", "graphml")
    g = nx.read_graphml(str(tmp_path / "g.graphml"))
    rec = f"{DOC1}/rec_A"
    assert "😀" in g.nodes[rec]["text"]
    assert g.nodes[PERSON]["type"] == "Person" and g.nodes[PERSON]["alt_labels"] == "I. Petrov"
    assert g.edges[rec, PERSON]["spans"] == "8-19"


def test_gexf_carries_positions_for_gephi(small, tmp_path) -> None:
    write(small, tmp_path / "g.gexf", "gexf")
    text = (tmp_path / "g.gexf").read_text("utf-8")
    assert text.count("<viz:position") == 13 and text.count("<viz:color") == 13


def test_svg_and_png_pictures(small, tmp_path) -> None:
    have = importlib.util.find_spec("matplotlib") is not None
    require_component(have, "matplotlib (pip install -e '.[test]' or '.[viz]')")
    write(small, tmp_path / "a.svg", "svg")
    write(small, tmp_path / "b.svg", "svg")
    svg = (tmp_path / "a.svg").read_bytes()
    assert svg == (tmp_path / "b.svg").read_bytes()  # deterministic
    assert b"<svg" in svg and b"Ivan Petrov" in svg
    write(small, tmp_path / "c.png", "png", view="co-mentions")
    assert (tmp_path / "c.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_pictures_without_matplotlib_say_how_to_get_it(small, tmp_path, monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    with pytest.raises(ConfigError, match=r"epkg\[viz\]"):
        write(small, tmp_path / "x.svg", "svg")
    assert not (tmp_path / "x.svg").exists()


def test_unparsable_graph_is_a_typed_error(tmp_path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .", encoding="utf-8")
    with pytest.raises(GraphInputError):
        project_path(bad)


def test_empty_graph_gives_an_empty_picture() -> None:
    g = project(ox.Store())
    assert (g.nodes, g.edges, g.co_mentions) == ([], [], [])
    assert elements(g, "mentions")["elements"] == {"nodes": [], "edges": []}


# ---- the command ---------------------------------------------------------------


def run(*args: str) -> object:
    return CliRunner().invoke(main, ["viz", *args])


@pytest.mark.parametrize(
    ("suffix", "magic"),
    [(".html", b"<!DOCTYPE html>"), (".graphml", b"<?xml"), (".gexf", b"<?xml"), (".cyjs", b"{")],
)
def test_cli_picks_the_format_from_the_suffix(tmp_path, suffix, magic) -> None:
    out = tmp_path / f"graph{suffix}"
    result = run(str(SMALL), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(magic)
    assert "13 nodes" in result.output


def test_cli_reads_an_embedded_store(tmp_path) -> None:
    from graph.store import open_store

    source = load(SMALL)
    with open_store(tmp_path / "store") as store:
        for name in source.named_graphs():
            store.replace_graph(name, source.quads_for_pattern(None, None, None, name))
    out = tmp_path / "g.json"
    result = run("--store", str(tmp_path / "store"), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert len(json.loads(out.read_text("utf-8"))["elements"]["nodes"]) == 13


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["{small}", "-o", "{tmp}/g.txt"], "cannot tell the format"),
        (["-o", "{tmp}/g.html"], "{tmp}/default-store: no store there"),
        (["{small}", "--store", "{tmp}", "-o", "{tmp}/g.html"], "either a graph file or --store"),
        (["{tmp}/missing.ttl", "-o", "{tmp}/g.html"], "no such file"),
        (["--store", "{tmp}/nostore", "-o", "{tmp}/g.html"], "{tmp}/nostore"),
        (["{bad}", "-o", "{tmp}/g.html"], "cannot parse"),
        (["{small}", "-o", "{tmp}/nofolder/g.html"], "does not exist"),
        (["{other}", "-o", "{tmp}/g.html"], "holds no units or entities"),
        (["--store", "{tmp}/emptystore", "-o", "{tmp}/g.html"], "holds no units or entities"),
    ],
)
def test_cli_errors_are_one_line_and_exit_2(tmp_path, args, message, monkeypatch) -> None:
    monkeypatch.setenv("EPKG_STORE", str(tmp_path / "default-store"))  # neither: the default
    (tmp_path / "nostore").mkdir()
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix : <x> . :a :b", encoding="utf-8")
    other = tmp_path / "other.ttl"  # RDF, but not a graph epkg built
    other.write_text("<https://example.org/a> <https://example.org/b> 1 .", encoding="utf-8")
    from graph.store import open_store

    open_store(tmp_path / "emptystore").close()
    fill = {"small": str(SMALL), "tmp": str(tmp_path), "bad": str(bad), "other": str(other)}
    result = run(*(a.format(**fill) for a in args))
    assert result.exit_code == 2, result.output
    assert message.format(**fill) in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "g.html").exists()


def test_every_type_has_a_distinct_style() -> None:
    from graph.viz import ENTITY_TYPES, OTHER, UNIT_KINDS
    from graph.viz_style import TYPE_STYLE

    assert set(TYPE_STYLE) == {*ENTITY_TYPES, *UNIT_KINDS, OTHER}
    entity_looks = [TYPE_STYLE[t][:2] for t in ENTITY_TYPES]
    assert len(set(entity_looks)) == len(ENTITY_TYPES)  # colour and shape tell them apart


def test_hostile_text_is_data_in_every_export(tmp_path) -> None:
    import xml.etree.ElementTree as ET

    hostile = project_path(XSS)
    label = 'Evil <img src=x onerror="window.__pwned=1"> Corp'
    for fmt, read in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        write(hostile, tmp_path / f"x.{fmt}", fmt)
        g = read(str(tmp_path / f"x.{fmt}"))
        assert g.nodes["https://w3id.org/epkg/id/ngo/evil-corp"]["label"] == label, fmt
    have = importlib.util.find_spec("matplotlib") is not None
    require_component(have, "matplotlib (pip install -e '.[test]' or '.[viz]')")
    write(hostile, tmp_path / "x.svg", "svg")
    root = ET.parse(tmp_path / "x.svg").getroot()
    tags = {el.tag.rsplit("}", 1)[-1] for el in root.iter()}
    assert not tags & {"script", "img", "foreignObject"}
    assert any(label[:30] in "".join(el.itertext()) for el in root.iter())
