"""Golden graphs: each folder of tests/cases/ holds an input resolution and the graph
epkg must build from it (expected.ttl, reviewed by hand), compared by graph
isomorphism with a readable "only in expected / only in actual" diff.

The whole pipeline runs (read → segment → extract → resolve → RDF), with the default
base and no timestamp. To regenerate after a deliberate change, review the diff, then:
``python tests/test_golden.py --regenerate``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

CASES_DIR = Path(__file__).resolve().parent / "cases"
CASES = sorted(p.name for p in CASES_DIR.iterdir() if p.is_dir() and not p.name.startswith("."))
EXPECTED_CASES = 5


def _input(case: str) -> Path:
    inputs = sorted(p for p in (CASES_DIR / case).glob("input.*"))
    assert len(inputs) == 1, f"case {case}: expected exactly one input.* file"
    return inputs[0]


def _build(case: str) -> bytes:
    from graph.export import serialize
    from graph.pipeline import analyse_path
    from graph.rdf import build_quads

    quads = build_quads(analyse_path(_input(case)), tool_version="golden")
    return serialize(quads, "turtle")


def _diff(expected_ttl: bytes, actual_ttl: bytes) -> tuple[bool, str]:
    from rdflib import Graph
    from rdflib.compare import graph_diff, to_isomorphic

    expected = to_isomorphic(Graph().parse(data=expected_ttl, format="turtle"))
    actual = to_isomorphic(Graph().parse(data=actual_ttl, format="turtle"))
    if expected == actual:
        return True, ""
    _, only_expected, only_actual = graph_diff(expected, actual)

    def lines(graph: Graph) -> str:
        return "\n".join(sorted(f"    {s.n3()} {p.n3()} {o.n3()} ." for s, p, o in graph))

    return False, (
        f"only in expected ({len(only_expected)}):\n{lines(only_expected)}\n"
        f"only in actual ({len(only_actual)}):\n{lines(only_actual)}"
    )


def test_case_count() -> None:
    assert len(CASES) == EXPECTED_CASES, CASES


@pytest.mark.parametrize("case", CASES)
def test_golden(case: str) -> None:
    expected = (CASES_DIR / case / "expected.ttl").read_bytes()
    same, diff = _diff(expected, _build(case))
    assert same, f"case {case}: the graph differs from expected.ttl\n{diff}"


@pytest.mark.parametrize("case", CASES)
def test_golden_graph_conforms(case: str) -> None:
    from graph.export import read
    from graph.validate import validate

    result = validate(read(CASES_DIR / case / "expected.ttl"))
    assert result.conforms, result.text()


def test_the_diff_is_readable() -> None:
    a = b"<http://e.org/a> <http://e.org/p> \"1\" .\n<http://e.org/a> <http://e.org/q> \"2\" .\n"
    b = b"<http://e.org/a> <http://e.org/p> \"1\" .\n<http://e.org/a> <http://e.org/q> \"3\" .\n"
    same, text = _diff(a, b)
    assert not same
    assert 'only in expected (1):\n    <http://e.org/a> <http://e.org/q> "2" .' in text
    assert 'only in actual (1):\n    <http://e.org/a> <http://e.org/q> "3" .' in text
    assert _diff(a, a) == (True, "")


if __name__ == "__main__":  # python tests/test_golden.py --regenerate
    if sys.argv[1:] != ["--regenerate"]:
        raise SystemExit("usage: python tests/test_golden.py --regenerate")
    sys.path.insert(0, str(CASES_DIR.parent.parent))
    for name in CASES:
        (CASES_DIR / name / "expected.ttl").write_bytes(_build(name))
        print(f"wrote tests/cases/{name}/expected.ttl")
