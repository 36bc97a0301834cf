"""Time each stage of epkg on one resolution, against the floor. A benchmark, not a test:
it prints figures and asserts nothing about time.

    python bench/bench_stages.py [FILE] [--repeat N] [--fresh N]

Stages: read, segment, extract, resolve, RDF (build quads), validate (SHACL),
serialise (Turtle, N-Triples, JSON-LD). Each is timed on its own input (the output of
the previous stage), ``--repeat`` times; medians are printed with their ratio to the
*floor*: reading the file plus running every regular expression the pipeline uses
on it (found with a profile hook while the pipeline runs, so the floor follows the
extractors as they change): those it only searches with once over each unit's text
(the extractors work unit by unit), those it matches at a position once at every line
start of the file. Then whole runs: file → RDF in one process
without SHACL (target: within 3× the floor) and a fresh ``epkg build`` process, SHACL
included, against ``python -c "import pyoxigraph"`` (target: within 5×), run
interleaved and timed both as wall and as CPU time (the latter moves less with the
load of a shared machine).
"""

from __future__ import annotations

import argparse
import os
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



def used_patterns(run: Callable[[], object]) -> dict[re.Pattern[str], set[str]]:
    """The compiled patterns ``run`` calls, with the methods it calls on them and the
    modules that call them (as ``module:name`` entries).

    A profile hook sees every call of a C method, so this finds exactly the patterns
    the pipeline uses on this input (not the ones compiled for other languages).
    """
    used: dict[re.Pattern[str], set[str]] = {}

    def hook(frame: Any, event: str, arg: Any) -> None:
        if event == "c_call":
            owner = getattr(arg, "__self__", None)
            if isinstance(owner, re.Pattern) and isinstance(owner.pattern, str):
                entry = used.setdefault(owner, set())
                entry.add(arg.__name__)
                entry.add("module:" + str(frame.f_globals.get("__name__", "?")))

    sys.setprofile(hook)
    try:
        run()
    finally:
        sys.setprofile(None)
    return used


def median_ms(fn: Callable[[], object], repeat: int) -> float:
    """Median wall time of ``fn`` in milliseconds (one warm-up call first)."""
    fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def fresh_runs(
    commands: dict[str, tuple[list[str], dict[str, str] | None]], repeat: int
) -> dict[str, tuple[float, float]]:
    """Median (wall ms, CPU ms) of fresh processes, the commands run *interleaved*.

    On a shared machine the load changes from one second to the next: running the
    baseline and the build alternately exposes both to the same load, and the CPU
    time (user + system, from the kernel's account of the child) moves much less
    with the load than the wall time does.
    """
    import resource

    walls: dict[str, list[float]] = {name: [] for name in commands}
    cpus: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(repeat):
        for name, (argv, env) in commands.items():
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run(argv, check=True, capture_output=True, cwd=ROOT, env=env)
            walls[name].append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus[name].append(
                after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
            )
    return {
        name: (statistics.median(walls[name]) * 1000, statistics.median(cpus[name]) * 1000)
        for name in commands
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", default=str(SAMPLE))
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--fresh", type=int, default=5, help="fresh-process runs")
    args = parser.parse_args()
    path = Path(args.file)

    from graph.export import serialize
    from graph.extract import extract
    from graph.pipeline import analyse_path
    from graph.rdf import build_quads
    from graph.read import read_path
    from graph.resolve import resolve
    from graph.segment import segment
    from graph.validate import validate, validate_quads

    analysis = analyse_path(path)  # imports, compiles and caches what the pipeline needs
    used = used_patterns(lambda: analyse_path(path))
    # A pattern the pipeline ever anchors (match/fullmatch) is written for a position,
    # not for a scan (a leading \s* makes scanning it quadratic): it counts as anchored.
    anchored = [p for p, methods in used.items() if methods & {"match", "fullmatch"}]
    scanning = [p for p in used if p not in set(anchored)]

    source = read_path(path)
    document = segment(source)
    mentions = extract(document)
    quads = build_quads(analysis)
    text = source.text

    pieces = [piece for _, piece in document.contexts()]

    def floor(only: set[re.Pattern[str]] | None = None) -> None:
        body = path.read_bytes().decode("utf-8", errors="replace")
        for pattern in scanning:  # searched for: once over each unit's text
            if only is None or pattern in only:
                for piece in pieces:
                    for _ in pattern.finditer(piece):
                        pass
        line_starts = [0, *(m.end() for m in re.finditer("\n", body))]
        for pattern in anchored:  # matched at a position: tried at every line start
            if only is None or pattern in only:
                for start in line_starts:
                    pattern.match(body, start)

    callers: dict[str, set[re.Pattern[str]]] = {}
    for pattern, entries in used.items():
        for entry in entries:
            if entry.startswith("module:"):
                callers.setdefault(entry.removeprefix("module:"), set()).add(pattern)

    floor_ms = median_ms(floor, args.repeat)
    stages: list[tuple[str, Callable[[], object]]] = [
        ("read", lambda: read_path(path)),
        ("segment", lambda: segment(source)),
        ("extract", lambda: extract(document)),
        ("resolve", lambda: resolve(document, mentions)),
        ("rdf (build quads)", lambda: build_quads(analysis)),
        ("validate (shacl)", lambda: validate(quads)),
        ("  the build's gate", lambda: validate_quads(quads)),
        ("serialise turtle", lambda: serialize(quads, "turtle")),
        ("serialise n-triples", lambda: serialize(quads, "nt")),
        ("serialise json-ld", lambda: serialize(quads, "jsonld")),
    ]
    print(f"input: {path.name}, {len(text)} characters, {len(document.units)} units, "
          f"{len(analysis.entities)} entities, {len(quads)} quads; "
          f"{len(scanning)} + {len(anchored)} patterns (scanned + anchored); "
          f"median of {args.repeat} runs")
    print(f"{'stage':<24}{'median ms':>12}{'× floor':>10}")
    print(f"{'floor (read + patterns)':<24}{floor_ms:>12.2f}{1.0:>10.1f}")
    for module in sorted(callers):
        ms = median_ms(lambda m=module: floor(callers[m]), args.repeat)  # type: ignore[misc]
        label = f"  patterns of {module.removeprefix('graph.')}"
        print(f"{label:<40}{ms:>8.2f}   ({len(callers[module])} patterns)")
    for name, fn in stages:
        ms = median_ms(fn, args.repeat)
        print(f"{name:<24}{ms:>12.2f}{ms / floor_ms:>10.1f}")

    def to_rdf() -> None:
        build_quads(analyse_path(path))

    whole = median_ms(to_rdf, args.repeat)
    print(f"{'file → RDF, no SHACL':<24}{whole:>12.2f}{whole / floor_ms:>10.1f}   (target ≤ 3×)")

    # An installed package has its modules' bytecode (pip compiles it); a checkout
    # run with PYTHONDONTWRITEBYTECODE=1 compiles every module again in every process.
    # epkg's data cache (graph/datacache.py) is likewise filled by the first run.
    # So: bytecode and data cache warmed by one run first (as an installed, used
    # epkg runs), then as the environment gives, then with both cold.
    with tempfile.TemporaryDirectory() as tmp:
        out = str(Path(tmp) / "out.ttl")
        unset = ("PYTHONDONTWRITEBYTECODE", "EPKG_NO_CACHE")
        warm = {k: v for k, v in os.environ.items() if k not in unset}
        warm["PYTHONPYCACHEPREFIX"] = str(Path(tmp) / "pycache")
        warm["EPKG_CACHE_DIR"] = str(Path(tmp) / "epkg-cache")
        warm["EPKG_STORE"] = str(Path(tmp) / "store")
        cold = dict(os.environ, EPKG_NO_CACHE="1")
        build_file = [sys.executable, "-m", "graph.cli", "build", str(path), "-o", out]
        build_store = [sys.executable, "-m", "graph.cli", "build", str(path)]  # the README's
        subprocess.run(build_file, check=True, capture_output=True, cwd=ROOT, env=warm)
        subprocess.run(build_store, check=True, capture_output=True, cwd=ROOT, env=warm)
        baseline = [sys.executable, "-c", "import pyoxigraph"]
        figures = fresh_runs(
            {
                "python -c 'import pyoxigraph'": (baseline, warm),
                "epkg build FILE -o out.ttl": (build_file, warm),
                "epkg build FILE (default store)": (build_store, warm),
                "epkg build FILE -o out.ttl, as run here": (build_file, None),
                "  same, data cache off": (build_file, cold),
            },
            args.fresh,
        )
        base_wall, base_cpu = figures["python -c 'import pyoxigraph'"]
        print(f"\nfresh processes, interleaved, median of {args.fresh} (target ≤ 5× the first):")
        print(f"{'':<44}{'wall ms':>9}{'×':>6}{'CPU ms':>9}{'×':>6}")
        for name, (wall, cpu) in figures.items():
            print(
                f"{name:<44}{wall:>9.0f}{wall / base_wall:>6.1f}{cpu:>9.0f}{cpu / base_cpu:>6.1f}"
            )

if __name__ == "__main__":
    main()
