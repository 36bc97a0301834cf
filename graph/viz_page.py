"""The interactive page: one self-contained, offline HTML file.

Everything the page needs is inlined: Cytoscape.js (vendored in ``viz_assets/``),
the page's own script and style, and the graph as JSON. Nothing is fetched from
the network when it is opened, and a Content-Security-Policy says so to the
browser: no connections at all, and only the page's own two scripts (by hash) may
run, so even a failure of the escaping below could not run injected script.

Document text is untrusted (it comes from a PDF or a web page). It reaches the
page in exactly one place, the JSON block, escaped so that nothing in it can end
the ``<script>`` element (``<``, ``>``, ``&`` and U+2028/9 as ``\\uXXXX``); the
page's script then shows it only through ``textContent`` and DOM nodes.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from importlib import resources
from typing import Any

from . import __version__
from .viz import ENTITY_TYPES, OTHER, TYPE_STYLE, UNIT_KINDS, VizGraph
from .viz_static import elements

__all__ = ["CYTOSCAPE_VERSION", "render_page", "embed_json"]

CYTOSCAPE_VERSION = "3.35.0"

_SLOT = re.compile(r"\{\{([A-Z]+)\}\}")
_JSON_ESCAPES = {
    ord("<"): "\\u003c",
    ord(">"): "\\u003e",
    ord("&"): "\\u0026",
    0x2028: "\\u2028",
    0x2029: "\\u2029",
}


def embed_json(value: Any) -> str:
    """JSON that is safe inside ``<script type="application/json">``: it cannot
    contain ``</script``, ``<!--`` or a line separator, and parses to ``value``."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True).translate(
        _JSON_ESCAPES
    )


def _asset(name: str) -> str:
    return resources.files("graph").joinpath("viz_assets", name).read_text(encoding="utf-8")


def _inline_script(code: str, name: str) -> str:
    """``code`` fit to sit in a ``<script>`` element; refuse what would end it early."""
    lowered = code.lower()
    if "</script" in lowered or "<!--" in lowered:
        raise RuntimeError(f"{name} cannot be inlined: it contains </script or <!--")
    return code


def _hash(code: str) -> str:
    return (
        "'sha256-" + base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode() + "'"
    )


def page_data(graph: VizGraph) -> dict[str, Any]:
    """What the page's script reads: both views, and the legend."""
    used = {n.type for n in graph.nodes}
    types = [t for t in (*ENTITY_TYPES, OTHER) if t in used]
    kinds = [k for k in UNIT_KINDS if k in used]
    return {
        "title": graph.title,
        "generator": f"epkg {__version__}",
        "mentions": elements(graph, "mentions")["elements"],
        "coMentions": [
            {"data": e["data"]} for e in elements(graph, "co-mentions")["elements"]["edges"]
        ],
        "legend": {
            "entityTypes": [
                {"type": t, "color": TYPE_STYLE[t][0], "shape": TYPE_STYLE[t][1]} for t in types
            ],
            "unitKinds": [
                {"type": k, "color": TYPE_STYLE[k][0], "shape": TYPE_STYLE[k][1]} for k in kinds
            ],
        },
    }


def render_page(graph: VizGraph) -> str:
    """The whole HTML page for ``graph``."""
    library = _inline_script(_asset("cytoscape.min.js"), "cytoscape.min.js")
    script = _inline_script(_asset("page.js"), "page.js")
    style = _asset("page.css")
    if "</style" in style.lower():
        raise RuntimeError("page.css cannot be inlined: it contains </style")
    title = graph.title or "epkg graph"
    csp = (
        "default-src 'none'; "
        f"script-src {_hash(library)} {_hash(script)}; "
        "style-src 'unsafe-inline'; img-src data: blob:; "
        "base-uri 'none'; form-action 'none'"
    )
    slots = {
        "TITLE": html.escape(title),
        "CSP": html.escape(csp),
        "GENERATOR": html.escape(f"epkg {__version__}, Cytoscape.js {CYTOSCAPE_VERSION}"),
        "STYLE": style,
        "DATA": embed_json(page_data(graph)),
        "LIBRARY": library,
        "SCRIPT": script,
    }
    # one pass over the template: text inserted in one slot is never searched for another
    return _SLOT.sub(lambda m: slots[m.group(1)], _asset("page.html"))
