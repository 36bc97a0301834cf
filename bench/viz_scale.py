"""How `epkg viz` scales: project, lay out and render a synthetic graph of N units and
N/2 entities (about 4 mentions per unit), then open the page in headless Chromium.

    python bench/viz_scale.py 2000 4000

Prints, per size: triples, projection+layout time, page size, time until the page is
ready in Chromium. Medians are not needed here: one run per size shows the order.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

from graph.viz import project
from graph.viz_page import render_page

EPKG = "https://w3id.org/epkg/ontology#"
ELI = "http://data.europa.eu/eli/ontology#"
NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
ITS = "http://www.w3.org/2005/11/its/rdf#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
TYPES = ["Person", "NGO", "Law", "Place", "Movement", "EUInstrument"]


def synthetic(units: int, seed: int = 7) -> ox.Store:
    rng = random.Random(seed)
    store = ox.Store()
    quads = []
    n_entities = max(1, units // 2)
    names = [f"Name{i} Surname{i}" for i in range(n_entities)]
    for i in range(n_entities):
        e = ox.NamedNode(f"https://example.org/id/e{i}")
        quads.append(ox.Quad(e, RDF_TYPE, ox.NamedNode(EPKG + TYPES[i % len(TYPES)])))
        quads.append(
            ox.Quad(e, ox.NamedNode(SKOS + "prefLabel"), ox.Literal(names[i], language="en"))
        )
    doc = "https://example.org/doc/d/en"
    for j in range(units):
        u = ox.NamedNode(f"{doc}/para_{j + 1}")
        picked = sorted(rng.sample(range(n_entities), min(4, n_entities)))
        text = "Calls on " + ", ".join(names[k] for k in picked) + ";"
        quads += [
            ox.Quad(u, RDF_TYPE, ox.NamedNode(EPKG + "Paragraph")),
            ox.Quad(u, ox.NamedNode(ELI + "is_part_of"), ox.NamedNode(doc)),
            ox.Quad(u, ox.NamedNode(ELI + "number"), ox.Literal(str(j + 1))),
            ox.Quad(
                u,
                ox.NamedNode(EPKG + "ordinal"),
                ox.Literal(
                    str(j + 1), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
                ),
            ),
            ox.Quad(u, ox.NamedNode(NIF + "isString"), ox.Literal(text, language="en")),
        ]
        for k in picked:
            e = ox.NamedNode(f"https://example.org/id/e{k}")
            begin = text.index(names[k])
            p = ox.NamedNode(f"{u.value}#char={begin},{begin + len(names[k])}")
            quads += [
                ox.Quad(u, ox.NamedNode(EPKG + "mentions"), e),
                ox.Quad(p, ox.NamedNode(NIF + "referenceContext"), u),
                ox.Quad(
                    p,
                    ox.NamedNode(NIF + "beginIndex"),
                    ox.Literal(
                        str(begin),
                        datatype=ox.NamedNode(
                            "http://www.w3.org/2001/XMLSchema#nonNegativeInteger"
                        ),
                    ),
                ),
                ox.Quad(
                    p,
                    ox.NamedNode(NIF + "endIndex"),
                    ox.Literal(
                        str(begin + len(names[k])),
                        datatype=ox.NamedNode(
                            "http://www.w3.org/2001/XMLSchema#nonNegativeInteger"
                        ),
                    ),
                ),
                ox.Quad(p, ox.NamedNode(ITS + "taIdentRef"), e),
            ]
    store.extend(quads)
    return store


def main(sizes: list[int]) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p, tempfile.TemporaryDirectory() as tmp:
        browser = p.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--headless", "--no-sandbox", "--disable-gpu"],
        )
        for units in sizes:
            store = synthetic(units)
            t0 = time.perf_counter()
            graph = project(store)
            t1 = time.perf_counter()
            html = render_page(graph)
            t2 = time.perf_counter()
            out = Path(tmp) / f"p{units}.html"
            out.write_text(html, encoding="utf-8")
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            t3 = time.perf_counter()
            page.goto(out.as_uri())
            while not page.evaluate("Boolean(window.epkgViz && window.epkgViz.ready)"):
                page.wait_for_timeout(10)
            t4 = time.perf_counter()
            nodes = page.evaluate("epkgViz.cy.nodes().length")
            page.close()
            print(
                f"{units} units, {nodes} nodes, {len(store)} triples: project+layout "
                f"{t1 - t0:.2f} s, render {t2 - t1:.2f} s, page {len(html) / 1e6:.1f} MB, "
                f"ready in Chromium {t4 - t3:.2f} s"
            )
        browser.close()


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [500, 2000, 4000])
