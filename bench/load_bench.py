"""How long `epkg load` takes on the real servers started by .ci/servers.sh.

    . .ci/servers.sh && start_servers
    python bench/load_bench.py sample.trig            # a built graph
    python bench/load_bench.py --synthetic 200000     # one graph of N made-up triples
    stop_servers

Prints, per server, the median wall time of a load (replace) over --repeat runs and the
triples per second. Not a test: numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

import pyoxigraph as ox

from graph.load import (
    DEFAULT_CHUNK_TRIPLES,
    Credentials,
    GraphStoreClient,
    NamedGraph,
    plan_requests,
    read_graph_file,
    store_type,
)


def synthetic(n: int) -> list[NamedGraph]:
    p = ox.NamedNode("https://w3id.org/epkg/ontology#mentions")
    label = ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel")
    triples = []
    for i in range(n // 2):
        s = ox.NamedNode(f"https://w3id.org/epkg/bench/unit_{i}")
        triples.append(ox.Triple(s, p, ox.NamedNode(f"https://w3id.org/epkg/bench/e{i % 997}")))
        triples.append(ox.Triple(s, label, ox.Literal(f"unitatea nr. {i} — țară", language="ro")))
    return [NamedGraph("https://w3id.org/epkg/bench/graph", triples)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("graph", nargs="?")
    parser.add_argument("--synthetic", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--chunk-size", type=int, default=DEFAULT_CHUNK_TRIPLES)
    args = parser.parse_args()
    graphs = synthetic(args.synthetic) if args.synthetic else read_graph_file(args.graph)
    total = sum(len(g.triples) for g in graphs)
    servers = [
        ("oxigraph", os.environ["EPKG_OXIGRAPH_URL"], None),
        ("virtuoso", os.environ["EPKG_VIRTUOSO_URL"],
         Credentials(os.environ["EPKG_VIRTUOSO_USER"], os.environ["EPKG_VIRTUOSO_PASSWORD"])),
    ]
    print(f"{len(graphs)} graph(s), {total} triples, chunk {args.chunk_size}, "
          f"median of {args.repeat}")
    for name, url, credentials in servers:
        kind = store_type(name)
        start = time.perf_counter()
        requests = plan_requests(graphs, kind, url, args.chunk_size)
        planning = time.perf_counter() - start
        times = []
        with GraphStoreClient(kind, url, credentials, timeout=600) as client:
            for _ in range(args.repeat):
                start = time.perf_counter()
                client.load(requests)
                times.append(time.perf_counter() - start)
        median = statistics.median(times)
        print(f"{name:9} serialise {planning * 1000:7.1f} ms  load {median * 1000:8.1f} ms  "
              f"({total / median:,.0f} triples/s; {len(requests)} request(s))")


if __name__ == "__main__":
    main()
