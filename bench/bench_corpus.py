"""Build corpora of many resolutions into the embedded store and print the throughput.
A benchmark, not a test: it prints figures and asserts nothing about time.

    python bench/bench_corpus.py [--sizes 100 200 400] [--jobs 2] [--no-validate]

The corpus is made from the sample by transformation, so every document is different
and still a resolution: its id is changed (so each is its own named graph), the
persons the pipeline finds in the sample are renamed (consistently within a
document), the bodies of the recitals and of the paragraphs are shuffled among their
labels, and a few recitals and paragraphs are repeated in place of others. Each size is
built with ``epkg build DIR --store STORE --jobs N`` in a fresh process, and the
seconds per document are compared across sizes: cost grows linearly when they stay
about the same.
"""

from __future__ import annotations

import argparse
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "TA-9-2021-0056-ro.txt"

_RECITAL = re.compile(r"^(\s*-?\s*)([A-Z])\. ", re.M)
_PARAGRAPH = re.compile(r"^(\s*)(\d{1,3})\. ", re.M)
_SYLLABLES = ("ka", "ra", "li", "mo", "se", "na", "tu", "vi", "de", "zo", "mi", "an", "er", "lo")


def _fake_name(rng: random.Random, words: int) -> str:
    return " ".join(
        "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
        for _ in range(words)
    )


def _blocks(text: str, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    """(start, end) of each numbered block's body: from after its label to the next label."""
    starts = [m for m in pattern.finditer(text)]
    spans = []
    for i, match in enumerate(starts):
        end = starts[i + 1].start() if i + 1 < len(starts) else len(text)
        spans.append((match.end(), end))
    return spans


def _shuffle_bodies(text: str, pattern: re.Pattern[str], rng: random.Random, repeat: int) -> str:
    """Shuffle the bodies of the numbered blocks among their labels, then let ``repeat``
    of them be copies of others (labels stay in order, so the structure stays valid)."""
    spans = _blocks(text, pattern)
    # Only single-line bodies move: a body that crosses a page break stays where it is.
    movable = [i for i, (s, e) in enumerate(spans) if "\n\n" not in text[s:e].strip("\n")]
    if len(movable) < 2:
        return text
    bodies = [text[spans[i][0] : spans[i][1]] for i in movable]
    rng.shuffle(bodies)
    for _ in range(repeat):
        bodies[rng.randrange(len(bodies))] = rng.choice(bodies)
    out, last = [], 0
    for i, body in zip(movable, bodies, strict=True):
        start, end = spans[i]
        out.append(text[last:start])
        out.append(body if body.endswith("\n") else body + "\n")
        last = end
    out.append(text[last:])
    return "".join(out)


def person_surfaces(sample: Path) -> list[str]:
    """Every surface form of every person the pipeline finds in the sample."""
    from graph.model import EntityType
    from graph.pipeline import analyse_path

    analysis = analyse_path(sample)
    surfaces = {
        m.surface for e in analysis.entities if e.type is EntityType.PERSON for m in e.mentions
    }
    # longest first (so a name is replaced before a part of it), ties in text order:
    # a set's order changes from run to run, and so would every corpus made from it
    return sorted(surfaces, key=lambda s: (-len(s), s))


def variant(text: str, index: int, persons: list[str], seed: int = 7) -> str:
    """The ``index``-th transformed copy of the sample."""
    rng = random.Random(seed * 100_003 + index)
    text = re.sub(r"(P\d_TA\(\d{4}\))\d{4}", lambda m: f"{m.group(1)}{index:04d}", text)
    text = re.sub(r"(TA-\d-\d{4}-)\d{4}", lambda m: f"{m.group(1)}{index:04d}", text)
    names = {p: _fake_name(rng, max(2, len(p.split()))) for p in persons}
    if names:
        alternation = re.compile("|".join(re.escape(p) for p in names))
        text = alternation.sub(lambda m: names[m.group(0)], text)
    text = _shuffle_bodies(text, _RECITAL, rng, repeat=rng.randint(0, 3))
    return _shuffle_bodies(text, _PARAGRAPH, rng, repeat=rng.randint(0, 3))


def make_corpus(folder: Path, size: int, persons: list[str]) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(1, size + 1):
        (folder / f"TA-{i:04d}.txt").write_text(variant(text, i, persons), encoding="utf-8")


def write_growth(total: int, chunk: int = 100, bulk: bool = True) -> list[float]:
    """CPU milliseconds per document to write graphs into one on-disk store, chunk by
    chunk as it grows: the part of a build whose cost could depend on the store's size
    (the analysis of a document does not). Graphs are the sample's variants under new
    ids. CPU of the whole process, so RocksDB's background compaction counts (it is
    most of the cost, and wall time of the calls does not show it); written flat out,
    faster than a real build, which leaves compaction less to do than in a build.
    ``bulk``: the batch writer's road (:data:`graph.batch.BATCH_DOCUMENTS` new
    documents' N-Quads per bulk ingestion); otherwise one transaction per document."""
    import pyoxigraph as ox

    from graph.batch import BATCH_DOCUMENTS
    from graph.pipeline import analyse_path
    from graph.rdf import build_quads
    from graph.store import open_store, parse_graph

    text = SAMPLE.read_text(encoding="utf-8")
    persons = person_surfaces(SAMPLE)
    bases: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(1, 11):
            path = Path(tmp) / f"v{i}.txt"
            path.write_text(variant(text, 9000 + i, persons), encoding="utf-8")
            quads = build_quads(analyse_path(path))
            nq = ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
            bases.append((f"-{9000 + i:04d}", (nq or b"").decode("utf-8")))
        per_chunk: list[float] = []
        with open_store(Path(tmp) / "store") as store:
            for start in range(0, total, chunk):
                docs = []
                for n in range(start, min(start + chunk, total)):
                    marker, base_text = bases[n % len(bases)]
                    doc = base_text.replace(marker, f"-{n:04d}")
                    graph = re.search(r"<(\S+/eli/dl/doc/TA-\S+?/[a-z]{2})>", doc)
                    assert graph is not None
                    docs.append((graph.group(1), doc.encode("utf-8")))
                began = time.process_time()
                if bulk:
                    for first in range(0, len(docs), BATCH_DOCUMENTS):
                        store.add_graphs(docs[first:first + BATCH_DOCUMENTS], lenient=True)
                else:
                    for g, d in docs:
                        store.replace_graph(g, parse_graph(g, d, lenient=True))
                per_chunk.append(1000 * (time.process_time() - began) / chunk)
    return per_chunk


def _run_timed(argv: list[str]) -> tuple[subprocess.CompletedProcess[str], float]:
    """Run ``argv`` and return it with the CPU seconds of that process alone: the batch's
    parent, which writes the store. Its workers are children of the fork server, which
    nobody waits for, so they are not counted (they are the rest of the CPU)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(argv, capture_output=True, text=True, cwd=ROOT)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return done, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 200, 400])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--no-validate", action="store_true")
    parser.add_argument("--keep", metavar="DIR", help="keep the corpora and stores here")
    parser.add_argument("--growth", type=int, default=1000, metavar="N",
                        help="also time store writes 100 documents at a time up to N (0: skip)")
    args = parser.parse_args()

    persons = person_surfaces(SAMPLE)
    print(f"{len(persons)} person surface forms renamed per document; --jobs {args.jobs}"
          f"{', no SHACL' if args.no_validate else ', SHACL included'}")
    print(f"{'documents':>10}{'wall s':>9}{'build s':>9}{'docs/s':>9}{'ms/doc':>9}"
          f"{'writer':>9}{'failed':>8}{'triples':>10}   (writer: CPU ms/doc of the parent process)")
    per_doc: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(args.keep) if args.keep else Path(tmp)
        for size in args.sizes:
            corpus, store = work / f"corpus-{size}", work / f"store-{size}"
            make_corpus(corpus, size, persons)
            shutil.rmtree(store, ignore_errors=True)  # a fresh build, not a rebuild of a kept one
            argv = [sys.executable, "-m", "graph.cli", "build", str(corpus), "--store", str(store),
                    "--jobs", str(args.jobs)]
            if args.no_validate:
                argv.append("--no-validate")
            start = time.perf_counter()
            done, writer_cpu = _run_timed(argv)
            seconds = time.perf_counter() - start
            summary = [ln for ln in done.stderr.splitlines() if " built, " in ln]
            failed = re.search(r"(\d+) failed", summary[-1]).group(1) if summary else "?"
            triples = re.search(r"(\d+) triples", summary[-1]).group(1) if summary else "?"
            # The batch's own time (from its summary line) leaves out process start-up.
            timed = re.search(r" in ([\d.]+) s", summary[-1]) if summary else None
            batch = float(timed.group(1)) if timed else seconds
            per_doc.append(batch / size)
            print(f"{size:>10}{seconds:>9.1f}{batch:>9.1f}{size / batch:>9.1f}"
                  f"{1000 * batch / size:>9.1f}{1000 * writer_cpu / size:>9.1f}"
                  f"{failed:>8}{triples:>10}")
            if failed not in ("0", "?"):
                skipped = [ln for ln in done.stderr.splitlines() if "skipped" in ln][:3]
                print("   e.g. " + "\n   e.g. ".join(skipped))
    if args.growth:
        from graph.batch import BATCH_DOCUMENTS

        for bulk in (True, False):
            per_chunk = write_growth(args.growth, bulk=bulk)
            road = f"bulk, {BATCH_DOCUMENTS} per ingestion" if bulk else "one transaction each"
            print(f"store writes ({road}), CPU ms per document for each 100 more documents up to "
                  f"{args.growth}: " + " ".join(f"{ms:.0f}" for ms in per_chunk)
                  + f" (last/first = {per_chunk[-1] / per_chunk[0]:.2f})")
    if len(per_doc) > 1:
        spread = max(per_doc) / min(per_doc)
        print(f"seconds per document across sizes: max/min = {spread:.2f} "
              f"({'about linear' if spread < 1.3 else 'NOT linear'}); "
              f"projected 1,000 documents: {1000 * statistics.median(per_doc):.0f} s")


if __name__ == "__main__":
    main()
