"""The graph as files for other tools: GraphML and GEXF (Gephi, yEd, networkx),
Cytoscape JSON (Cytoscape desktop and Cytoscape.js), and SVG/PNG pictures.

All of them are drawn from one :class:`graph.viz.VizGraph` and one view of it, so
they hold exactly the nodes and edges the page shows. networkx and matplotlib are
imported only here, and only when such a file is asked for (each costs 0.2–0.5 s).

Why matplotlib for the pictures (and not Graphviz): it installs from PyPI as a
wheel on every platform (the optional extra ``epkg[viz]``), where Graphviz needs
a system package; and our layout is already computed, so we only need a plotter.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

from .atomic import atomic_open, atomic_write
from .errors import ConfigError
from .viz import TYPE_STYLE, VizEdge, VizGraph, VizNode

__all__ = ["VIEWS", "view_edges", "view_nodes", "elements", "to_networkx", "write"]

VIEWS = ("mentions", "co-mentions")
#: characters XML 1.0 forbids (a PDF's form feed, stray control characters)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def view_nodes(graph: VizGraph, view: str) -> list[VizNode]:
    """The nodes of a view: all of them for mentions, the entities for co-mentions."""
    _check_view(view)
    return graph.nodes if view == "mentions" else graph.entities()


def view_edges(graph: VizGraph, view: str) -> list[VizEdge]:
    _check_view(view)
    return graph.edges if view == "mentions" else graph.co_mentions


def _check_view(view: str) -> None:
    if view not in VIEWS:
        raise ConfigError(f"unknown view {view!r}; expected one of {', '.join(VIEWS)}")


def _node_data(node: VizNode) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": node.id,
        "label": node.label,
        "group": node.group,
        "type": node.type,
        "color": TYPE_STYLE[node.type][0],
        "name": node.label,
        "value": node.id,
    }  # name/value: for networkx
    if node.group == "unit":
        data.update(
            text=node.text,
            document=node.document,
            documentTitle=node.document_title,
            ordinal=node.ordinal,
        )
    else:
        data.update(altLabels=list(node.alt_labels), roles=list(node.roles))
    return data


def _edge_data(edge: VizEdge) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": edge.id,
        "source": edge.source,
        "target": edge.target,
        "kind": edge.kind,
        "weight": edge.weight,
    }
    if edge.kind == "mentions":
        data["spans"] = [[s.begin, s.end] for s in edge.spans]
    return data


def elements(graph: VizGraph, view: str) -> dict[str, Any]:
    """Cytoscape's JSON (``elements`` with ``data`` and ``position``), which both
    Cytoscape desktop (File → Import → Network from File) and Cytoscape.js read."""
    return {
        "data": {"name": graph.title or "epkg graph", "view": view},
        "directed": view == "mentions",  # these two keys let networkx.cytoscape_graph read it
        "multigraph": False,
        "elements": {
            "nodes": [
                {"data": _node_data(n), "position": {"x": n.x, "y": n.y}}
                for n in view_nodes(graph, view)
            ],
            "edges": [{"data": _edge_data(e)} for e in view_edges(graph, view)],
        },
    }


def _xml_safe(value: str) -> str:
    return _NOT_XML.sub(" ", value)  # one character for one: offsets still hold


def to_networkx(graph: VizGraph, view: str = "mentions") -> Any:
    """A networkx DiGraph (mentions) or Graph (co-mentions), every attribute a scalar
    so GraphML and GEXF can hold it; GEXF's ``viz`` carries position, colour, size."""
    # networkx ships no type hints (no py.typed) and types-networkx is not a dependency
    import networkx as nx  # type: ignore[import-untyped]

    g = nx.DiGraph() if view == "mentions" else nx.Graph()
    g.graph["name"] = _xml_safe(graph.title or "epkg graph")
    edges = view_edges(graph, view)
    degree: dict[str, int] = {}
    for e in edges:
        degree[e.source] = degree.get(e.source, 0) + 1
        degree[e.target] = degree.get(e.target, 0) + 1
    for node in view_nodes(graph, view):
        attrs: dict[str, Any] = {
            "label": _xml_safe(node.label),
            "group": node.group,
            "type": node.type,
            "x": node.x,
            "y": node.y,
        }
        if node.group == "unit":
            attrs.update(
                text=_xml_safe(node.text),
                document=node.document,
                document_title=_xml_safe(node.document_title),
                ordinal=node.ordinal,
            )
        else:
            attrs.update(
                alt_labels=_xml_safe(" | ".join(node.alt_labels)), roles=" ".join(node.roles)
            )
        g.add_node(node.id, **attrs)
    for e in edges:
        attrs = {"kind": e.kind, "weight": e.weight}
        if e.kind == "mentions":
            attrs["spans"] = " ".join(f"{s.begin}-{s.end}" for s in e.spans)
        g.add_edge(e.source, e.target, **attrs)
    return g


def _with_viz(g: Any) -> Any:
    """A copy of ``g`` with GEXF's visual attributes (Gephi opens it laid out)."""
    h = g.copy()
    for node, attrs in h.nodes(data=True):
        colour = TYPE_STYLE[attrs["type"]][0]
        r, gr, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
        size = 6.0 + 2.0 * min(h.degree(node), 20) if attrs["group"] == "entity" else 6.0
        attrs["viz"] = {
            "color": {"r": r, "g": gr, "b": b, "a": 1.0},
            "position": {"x": attrs["x"], "y": -attrs["y"], "z": 0.0},
            "size": size,
        }
    return h


def write(graph: VizGraph, out: str | Path, fmt: str, view: str = "mentions") -> None:
    """Write ``graph`` (one view of it) to ``out`` as graphml, gexf, cytoscape-json, svg or png."""
    _check_view(view)
    if fmt == "cytoscape-json":
        import json

        text = json.dumps(elements(graph, view), ensure_ascii=False, indent=1, sort_keys=True)
        atomic_write(out, text + "\n")
    elif fmt in ("graphml", "gexf"):
        import networkx as nx

        g = to_networkx(graph, view)
        with atomic_open(out, "wb") as handle:
            if fmt == "graphml":
                nx.write_graphml(g, handle, encoding="utf-8", prettyprint=True)
            else:
                nx.write_gexf(
                    _with_viz(g), handle, encoding="utf-8", prettyprint=True, version="1.2draft"
                )
    elif fmt in ("svg", "png"):
        from .viz_draw import draw

        buffer = io.BytesIO()
        draw(graph, view, buffer, fmt)
        atomic_write(out, buffer.getvalue())
    else:
        raise ConfigError(f"unknown format {fmt!r} for a static export")
