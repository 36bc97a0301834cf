"""Static pictures (SVG, PNG) of one view of the graph, with matplotlib.

matplotlib is an optional dependency (``pip install 'epkg[viz]'``): the page and
the GraphML/GEXF/Cytoscape files need none of it. The layout is the one the page
uses (:mod:`graph.viz_layout`); this module only plots it. Output is
deterministic: no date in the SVG metadata, a fixed hash salt for its ids.
"""

from __future__ import annotations

from typing import IO, TYPE_CHECKING, Any

from .errors import ConfigError
from .viz import TYPE_STYLE

if TYPE_CHECKING:
    from .viz import VizGraph

__all__ = ["draw"]

_MAX_LABELS = 150  # beyond this, only the most connected entities are labelled


def _matplotlib() -> tuple[Any, Any]:
    try:
        import matplotlib
    except ImportError as exc:
        raise ConfigError(
            "svg and png need matplotlib: pip install 'epkg[viz]' "
            "(or export html, graphml, gexf or cytoscape-json, which need nothing more)"
        ) from exc
    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    return matplotlib, plt


def draw(graph: VizGraph, view: str, out: IO[bytes], fmt: str) -> None:
    """Plot ``view`` of ``graph`` into ``out`` as ``fmt`` (svg or png)."""
    from matplotlib.collections import LineCollection

    from .viz_static import view_edges, view_nodes

    matplotlib, plt = _matplotlib()
    nodes = view_nodes(graph, view)
    edges = view_edges(graph, view)
    pos = {n.id: (n.x, -n.y) for n in nodes}
    degree: dict[str, int] = {}
    for e in edges:
        for end in (e.source, e.target):
            degree[end] = degree.get(end, 0) + 1

    with matplotlib.rc_context(
        {
            "svg.hashsalt": "epkg",
            "svg.fonttype": "none",
            "font.size": 7,
        }
    ):
        fig, ax = plt.subplots(figsize=(12, 12), dpi=100)
        try:
            segments = [
                (pos[e.source], pos[e.target]) for e in edges if e.source in pos and e.target in pos
            ]
            widths = [
                0.4 + 0.3 * min(e.weight, 5) for e in edges if e.source in pos and e.target in pos
            ]
            ax.add_collection(
                LineCollection(segments, colors="#9a9a9a", linewidths=widths, alpha=0.5, zorder=1)
            )
            for kind in TYPE_STYLE:
                group = [n for n in nodes if n.type == kind]
                if not group:
                    continue
                colour, _, marker = TYPE_STYLE[kind]
                sizes = [
                    30.0 if n.group == "unit" else 40.0 + 12.0 * min(degree.get(n.id, 0), 15)
                    for n in group
                ]
                ax.scatter(
                    [pos[n.id][0] for n in group],
                    [pos[n.id][1] for n in group],
                    s=sizes,
                    c=colour,
                    marker=marker,
                    edgecolors="#333333",
                    linewidths=0.4,
                    zorder=2,
                    label=f"{kind} ({len(group)})",
                )
            ranked = sorted(graph.entities(), key=lambda n: (-degree.get(n.id, 0), n.id))
            for n in ranked[:_MAX_LABELS]:
                ax.annotate(
                    n.label[:40], pos[n.id], xytext=(4, 4), textcoords="offset points", zorder=3
                )
            ax.set_title(graph.title or "epkg graph")
            ax.set_aspect("equal")
            ax.autoscale_view()
            ax.axis("off")
            ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=7, frameon=False)
            fig.tight_layout()
            metadata = {"Date": None} if fmt == "svg" else {"Software": "epkg"}
            fig.savefig(out, format=fmt, metadata=metadata, bbox_inches="tight")
        finally:
            plt.close(fig)
