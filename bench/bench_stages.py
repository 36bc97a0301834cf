"""Time each stage of epkg on one resolution, against the floor. A benchmark, not a test:
it prints figures and asserts nothing about time.

    python bench/bench_stages.py [FILE] [--repeat N] [--fresh N]

Stages: read, segment, extract, resolve, RDF (build quads), validate (SHACL),
serialise (Turtle, N-Triples, JSON-LD). Each is timed on its own input (the output of
the previous stage), ``--repeat`` times; medians are printed with their ratio to the
*floor*: reading the file plus running every regular expression the pipeline
compiles once over the whole text (recorded while the pipeline runs, so the floor
follows the extractors as they change). Then whole runs: file → RDF in one process
without SHACL (target: within 3× the floor) and a fresh ``epkg build`` process, SHACL
included, against ``python -c "import pyoxigraph"`` (target: within 5×).
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "TA-9-2021-0056-ro.txt"

# Record every pattern the pipeline compiles (re.compile and re.search & co. all go
# through re._compile), before the pipeline is imported.
_PATTERNS: dict[tuple[Any, int], re.Pattern[Any]] = {}
_compile = re._compile  # type: ignore[attr-defined]


def _recording_compile(pattern: Any, flags: Any) -> re.Pattern[Any]:
    compiled: re.Pattern[Any] = _compile(pattern, flags)
    if isinstance(compiled.pattern, str):
        _PATTERNS.setdefault((compiled.pattern, compiled.flags), compiled)
    return compiled


def median_ms(fn: Callable[[], object], repeat: int) -> float:
    """Median wall time of ``fn`` in milliseconds (one warm-up call first)."""
    fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def fresh_ms(argv: list[str], repeat: int) -> float:
    """Median wall time of a fresh process, in milliseconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(argv, check=True, capture_output=True, cwd=ROOT)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", default=str(SAMPLE))
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--fresh", type=int, default=5, help="fresh-process runs")
    args = parser.parse_args()
    path = Path(args.file)

    re._compile = _recording_compile  # type: ignore[attr-defined]
    from graph.resolve import resolve

    from graph.export import serialize
    from graph.extract import extract
    from graph.pipeline import analyse_path
    from graph.rdf import build_quads
    from graph.read import read_path
    from graph.segment import segment
    from graph.validate import validate

    analysis = analyse_path(path)  # compiles (and records) every pattern used
    re._compile = _compile  # type: ignore[attr-defined]
    patterns = list(_PATTERNS.values())

    source = read_path(path)
    document = segment(source)
    mentions = extract(document)
    quads = build_quads(analysis)
    text = source.text

    def floor() -> None:
        body = path.read_bytes().decode("utf-8", errors="replace")
        for pattern in patterns:
            for _ in pattern.finditer(body):
                pass

    floor_ms = median_ms(floor, args.repeat)
    stages: list[tuple[str, Callable[[], object]]] = [
        ("read", lambda: read_path(path)),
        ("segment", lambda: segment(source)),
        ("extract", lambda: extract(document)),
        ("resolve", lambda: resolve(document, mentions)),
        ("rdf (build quads)", lambda: build_quads(analysis)),
        ("validate (shacl)", lambda: validate(quads)),
        ("serialise turtle", lambda: serialize(quads, "turtle")),
        ("serialise n-triples", lambda: serialize(quads, "nt")),
        ("serialise json-ld", lambda: serialize(quads, "jsonld")),
    ]
    print(f"input: {path.name}, {len(text)} characters, {len(document.units)} units, "
          f"{len(analysis.entities)} entities, {len(quads)} quads; "
          f"{len(patterns)} patterns; median of {args.repeat} runs")
    print(f"{'stage':<24}{'median ms':>12}{'× floor':>10}")
    print(f"{'floor (read + patterns)':<24}{floor_ms:>12.2f}{1.0:>10.1f}")
    for name, fn in stages:
        ms = median_ms(fn, args.repeat)
        print(f"{name:<24}{ms:>12.2f}{ms / floor_ms:>10.1f}")

    def to_rdf() -> None:
        build_quads(analyse_path(path))

    whole = median_ms(to_rdf, args.repeat)
    print(f"{'file → RDF, no SHACL':<24}{whole:>12.2f}{whole / floor_ms:>10.1f}   (target ≤ 3×)")

    with tempfile.TemporaryDirectory() as tmp:
        out = str(Path(tmp) / "out.ttl")
        base = fresh_ms([sys.executable, "-c", "import pyoxigraph"], args.fresh)
        build = fresh_ms(
            [sys.executable, "-m", "graph.cli", "build", str(path), "-o", out], args.fresh
        )
    print(f"fresh process: python -c 'import pyoxigraph' {base:.0f} ms; "
          f"epkg build (SHACL included) {build:.0f} ms = {build / base:.1f}× (target ≤ 5×)")


if __name__ == "__main__":
    main()
