"""The code base stays lint- and type-clean: ``ruff check`` and strict ``mypy`` (both
configured in pyproject.toml) exit 0.

Several engineers edit one tree; a test that runs the tools is what keeps a long line or
an Optional used as an int from creeping back in. Both tools are in the ``test`` extra,
so a missing tool is a failure here, never a skip.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: What ruff checks: the package, its tests, the benchmarks and the docs' scripts.
RUFF_PATHS = ("graph", "tests", "bench", "docs")


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    """Run ``python -m <tool> …`` from the checkout root, so pyproject.toml configures it."""
    return subprocess.run(
        [sys.executable, "-m", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def test_ruff_is_clean() -> None:
    paths = [p for p in RUFF_PATHS if (ROOT / p).is_dir()]
    assert {"graph", "tests"} <= set(paths), paths
    # --no-cache: nothing written beside the sources; ruff takes well under a second anyway
    done = _run("ruff", "check", "--no-cache", "--output-format", "concise", *paths)
    assert done.returncode == 0, f"ruff check {' '.join(paths)}:\n{done.stdout}{done.stderr}"


def test_mypy_is_clean() -> None:
    # the [tool.mypy] table (strict, packages = ["graph"]); its incremental cache is the
    # git-ignored .mypy_cache, so a re-run takes a fraction of a second
    done = _run("mypy", "--config-file", "pyproject.toml")
    assert done.returncode == 0, f"mypy (strict):\n{done.stdout}{done.stderr}"
    assert "Success: no issues found" in done.stdout, done.stdout
