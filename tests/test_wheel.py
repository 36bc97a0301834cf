"""The installed wheel, not only the checkout: it carries ontology/, shapes/ and
queries/, and `epkg build` + `epkg validate` work from outside the checkout.

One wheel build and one venv (with --system-site-packages, so the dependencies
already installed are used and nothing is downloaded) for the whole module.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "TA-9-2021-0056-ro.txt"


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(the wheel, the venv's bin folder) with epkg installed from the wheel alone."""
    tmp = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(tmp / "dist")],
        cwd=ROOT, check=True, capture_output=True,
    )
    wheels = sorted((tmp / "dist").glob("epkg-*.whl"))
    assert len(wheels) == 1
    venv = tmp / "venv"
    subprocess.run(
        [sys.executable, "-m", "venv", "--system-site-packages", "--without-pip", str(venv)],
        check=True,
    )
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(bin_dir / "python"), "install",
         "--no-deps", "--no-index", "--quiet", "--disable-pip-version-check", str(wheels[0])],
        check=True, capture_output=True,
    )
    return wheels[0], bin_dir


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH",)}
    env["PYTHONNOUSERSITE"] = "1"
    return env


def test_the_wheel_packs_the_resources(installed: tuple[Path, Path]) -> None:
    wheel, _ = installed
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "graph/_resources/ontology/epkg.ttl" in names
    assert "graph/_resources/ontology/context.jsonld" in names
    shapes = {n for n in names if n.startswith("graph/_resources/shapes/") and n.endswith(".ttl")}
    assert len(shapes) == len(list((ROOT / "shapes").glob("*.ttl"))) > 0
    queries = {n for n in names if n.startswith("graph/_resources/queries/")}
    assert len(queries) == len(list((ROOT / "queries").glob("*"))) > 0


def test_build_and_validate_from_outside_the_checkout(
    installed: tuple[Path, Path], tmp_path: Path
) -> None:
    _, bin_dir = installed
    where = subprocess.run(
        [str(bin_dir / "python"), "-c",
         "import graph, graph.resources as r;"
         "print(graph.__file__); print(r.resource_dir('shapes'))"],
        cwd=tmp_path, env=_env(), check=True, capture_output=True, text=True,
    ).stdout.splitlines()
    assert not where[0].startswith(str(ROOT)), f"imported the checkout: {where[0]}"
    assert "_resources" in where[1]

    epkg = str(bin_dir / "epkg")
    out = tmp_path / "sample.ttl"
    built = subprocess.run(
        [epkg, "build", str(SAMPLE), "-o", str(out)],
        cwd=tmp_path, env=_env(), capture_output=True, text=True,
    )
    assert built.returncode == 0, built.stderr
    checked = subprocess.run(
        [epkg, "validate", str(out)], cwd=tmp_path, env=_env(), capture_output=True, text=True
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "Conforms: True" in checked.stdout
