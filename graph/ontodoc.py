"""A small, offline HTML documentation generator for ``ontology/epkg.ttl``.

pyLODE would do, but it is one more dependency for one page; this generator reads
the ontology with pyoxigraph and writes a deterministic, self-contained page
(``docs/ontology.html``), and a test checks the committed page is up to date.

Regenerate with ``python -m graph.ontodoc docs/ontology.html``.
"""

from __future__ import annotations

import html
import sys
from collections import defaultdict
from pathlib import Path

from pyoxigraph import Literal, NamedNode, RdfFormat, parse

from .namespaces import PREFIXES
from .resources import resource_path

__all__ = ["render", "main"]

_RDF_TYPE = PREFIXES["rdf"] + "type"
_OWL = PREFIXES["owl"]
_RDFS = PREFIXES["rdfs"]
_SKOS = PREFIXES["skos"]

_STYLE = """
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem;
       line-height: 1.45; color: #222; }
h1 { font-size: 1.8rem; } h2 { border-bottom: 1px solid #ccc; margin-top: 2.5rem; }
h3 { margin-bottom: .2rem; font-family: ui-monospace, monospace; }
.term { border-left: 3px solid #7a9cc6; padding-left: .8rem; margin: 1.2rem 0; }
.iri { font-family: ui-monospace, monospace; font-size: .85rem; color: #555; }
table { border-collapse: collapse; } td, th { padding: .2rem .6rem; text-align: left;
  border-bottom: 1px solid #eee; vertical-align: top; }
code { font-size: .9rem; }
"""


def _short(iri: str) -> str:
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


def _link(iri: str) -> str:
    short = _short(iri)
    if iri.startswith(PREFIXES["epkg"]):
        anchor = html.escape(iri[len(PREFIXES["epkg"]):])
        return f'<a href="#{anchor}"><code>{html.escape(short)}</code></a>'
    return f'<a href="{html.escape(iri)}"><code>{html.escape(short)}</code></a>'


class _Graph:
    """subject → predicate → sorted values, read once."""

    def __init__(self, path: Path) -> None:
        self.props: dict[str, dict[str, list[NamedNode | Literal]]] = defaultdict(
            lambda: defaultdict(list)
        )
        for triple in parse(path=str(path), format=RdfFormat.TURTLE):
            if isinstance(triple.subject, NamedNode):
                values = self.props[triple.subject.value][triple.predicate.value]
                values.append(triple.object)

    def iris(self, kind: str) -> list[str]:
        return sorted(
            s
            for s, p in self.props.items()
            if any(isinstance(o, NamedNode) and o.value == kind for o in p.get(_RDF_TYPE, []))
        )

    def literals(self, subject: str, predicate: str) -> dict[str, str]:
        out: dict[str, str] = {}
        for value in self.props[subject].get(predicate, []):
            if isinstance(value, Literal):
                out.setdefault(value.language or "", value.value)
        return out

    def iris_of(self, subject: str, predicate: str) -> list[str]:
        return sorted(
            v.value for v in self.props[subject].get(predicate, []) if isinstance(v, NamedNode)
        )


def _term(graph: _Graph, iri: str, extra: list[tuple[str, str]], label_p: str) -> str:
    local = iri[len(PREFIXES["epkg"]):] if iri.startswith(PREFIXES["epkg"]) else iri
    labels = graph.literals(iri, label_p)
    definitions = graph.literals(iri, _SKOS + "definition")
    rows = [
        f"<tr><th>label</th><td>{html.escape(labels.get('en', ''))} (en) · "
        f"{html.escape(labels.get('ro', ''))} (ro)</td></tr>",
        f"<tr><th>definition</th><td>{html.escape(definitions.get('en', ''))}</td></tr>",
        f"<tr><th>definiție</th><td>{html.escape(definitions.get('ro', ''))}</td></tr>",
    ]
    for name, predicate in extra:
        values = graph.iris_of(iri, predicate)
        if values:
            rows.append(f"<tr><th>{name}</th><td>{', '.join(_link(v) for v in values)}</td></tr>")
    return (
        f'<div class="term" id="{html.escape(local)}"><h3>{html.escape(_short(iri))}</h3>'
        f'<div class="iri">{html.escape(iri)}</div><table>{"".join(rows)}</table></div>'
    )


def render(path: Path | None = None) -> str:
    """The HTML page of the ontology at ``path`` (default: ours)."""
    graph = _Graph(path or resource_path("ontology", "epkg.ttl"))
    ontology = graph.iris(_OWL + "Ontology")[0]
    version = graph.literals(ontology, _OWL + "versionInfo").get("", "")
    title = graph.literals(ontology, PREFIXES["dcterms"] + "title")
    definition = graph.literals(ontology, _SKOS + "definition")
    notes = graph.literals(ontology, _RDFS + "comment").get("en", "")
    sections = []
    for heading, kind, extra in (
        ("Classes", _OWL + "Class", [("subclass of", _RDFS + "subClassOf")]),
        (
            "Object properties",
            _OWL + "ObjectProperty",
            [("domain", _RDFS + "domain"), ("range", _RDFS + "range"),
             ("subproperty of", _RDFS + "subPropertyOf")],
        ),
        (
            "Datatype properties",
            _OWL + "DatatypeProperty",
            [("domain", _RDFS + "domain"), ("range", _RDFS + "range"),
             ("subproperty of", _RDFS + "subPropertyOf")],
        ),
    ):
        terms = "".join(_term(graph, iri, extra, _RDFS + "label") for iri in graph.iris(kind))
        sections.append(f"<h2>{heading}</h2>{terms}")
    for scheme in graph.iris(_SKOS + "ConceptScheme"):
        label = graph.literals(scheme, _RDFS + "label").get("en", _short(scheme))
        concepts = sorted(
            s for s, p in graph.props.items()
            if any(isinstance(o, NamedNode) and o.value == scheme
                   for o in p.get(_SKOS + "inScheme", []))
        )
        terms = "".join(_term(graph, iri, [], _SKOS + "prefLabel") for iri in concepts)
        sections.append(
            f'<h2 id="{html.escape(_short(scheme).split(":")[1])}">Concept scheme '
            f"{html.escape(_short(scheme))}: {html.escape(label)}</h2>{terms}"
        )
    prefixes = "".join(
        f"<tr><td><code>{p}:</code></td><td><code>{html.escape(ns)}</code></td></tr>"
        for p, ns in PREFIXES.items()
    )
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>{html.escape(title.get('en', 'epkg ontology'))}</title>"
        f"<style>{_STYLE}</style></head><body>\n"
        f"<h1>{html.escape(title.get('en', ''))}</h1>\n"
        f"<p><em>{html.escape(title.get('ro', ''))}</em></p>\n"
        f'<p class="iri">{html.escape(ontology)} · version {html.escape(version)}</p>\n'
        f"<p>{html.escape(definition.get('en', ''))}</p>\n"
        f"<p>{html.escape(definition.get('ro', ''))}</p>\n"
        f"<h2>Design notes</h2><p>{html.escape(notes)}</p>\n"
        f"<h2>Namespaces</h2><table>{prefixes}</table>\n"
        + "\n".join(sections)
        + "\n<p class=\"iri\">Generated from ontology/epkg.ttl by graph/ontodoc.py.</p>"
        "\n</body></html>\n"
    )


def main(argv: list[str] | None = None) -> int:
    """Write the page to the path given (default docs/ontology.html), atomically."""
    from .atomic import atomic_write

    args = sys.argv[1:] if argv is None else argv
    target = Path(args[0]) if args else Path("docs/ontology.html")
    atomic_write(target, render())
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
