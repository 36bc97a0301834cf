"""The garbage collector's policy (graph.collector): paused while one document is
built, restored after (even on an error), and the heap frozen at the CLI's exit."""

from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from graph import collector
from graph.batch import BuildOptions, build_one

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "TA-9-2021-0056-ro.txt"


def test_paused_restores_the_collector_even_on_error_and_nests() -> None:
    assert gc.isenabled()
    with collector.paused():
        assert not gc.isenabled()
        with collector.paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner pause does not resume the outer one
    assert gc.isenabled()
    with pytest.raises(ValueError), collector.paused():
        raise ValueError("boom")
    assert gc.isenabled()


def test_a_collector_turned_off_by_the_caller_stays_off() -> None:
    gc.disable()
    try:
        with collector.paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_document_is_built_with_the_collector_paused(monkeypatch: pytest.MonkeyPatch) -> None:
    import graph.extract
    import graph.rdf

    seen: dict[str, bool] = {}
    real_extract, real_quads = graph.extract.extract, graph.rdf.build_quads

    def extract(*args: Any, **kw: Any) -> Any:
        seen["extract"] = gc.isenabled()
        return real_extract(*args, **kw)

    def build_quads(*args: Any, **kw: Any) -> Any:
        seen["quads"] = gc.isenabled()
        return real_quads(*args, **kw)

    monkeypatch.setattr(graph.extract, "extract", extract)
    monkeypatch.setattr(graph.rdf, "build_quads", build_quads)
    built = build_one(SAMPLE, BuildOptions())
    assert built.triples > 1000
    assert seen == {"extract": False, "quads": False}
    assert gc.isenabled()


def test_the_cli_freezes_the_heap_at_exit() -> None:
    """An atexit handler registered before graph.cli runs after its freeze (LIFO)."""
    code = (
        "import atexit, gc\n"
        "atexit.register(lambda: print('frozen', gc.get_freeze_count() > 0))\n"
        "import graph.cli\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "frozen True"
