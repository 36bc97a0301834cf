"""The README's main command: `epkg build FILE` with no -o or --store builds into the
default embedded store (./epkg-store, or $EPKG_STORE), where query, export and viz
find it without being told."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.cli import main


@pytest.fixture()
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("EPKG_STORE", raising=False)
    return tmp_path


def test_build_without_output_fills_the_default_store(here: Path, sample_path: Path) -> None:
    runner = CliRunner()
    built = runner.invoke(main, ["build", str(sample_path)])
    assert built.exit_code == 0, built.output
    assert (here / "epkg-store").is_dir()

    outline = runner.invoke(main, ["query", "outline", "--format", "csv"])
    assert outline.exit_code == 0, outline.output
    assert ",Paragraph,27,Instructs," in outline.stdout

    exported = runner.invoke(main, ["export", "-o", "all.nq"])
    assert exported.exit_code == 0, exported.output
    lines = (here / "all.nq").read_text(encoding="utf-8").splitlines()
    graphs = {line.rsplit(" ", 2)[-2] for line in lines if line.strip()}
    assert graphs == {"<https://w3id.org/epkg/eli/dl/doc/TA-9-2021-0056/ro>"}

    again = runner.invoke(main, ["build", str(sample_path)])
    assert again.exit_code == 0, again.output
    exported_again = runner.invoke(main, ["export", "-o", "again.nq"])
    assert exported_again.exit_code == 0
    assert len((here / "again.nq").read_text(encoding="utf-8").splitlines()) == len(lines)


def test_epkg_store_variable_moves_the_default(
    here: Path, sample_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EPKG_STORE", str(here / "elsewhere"))
    built = CliRunner().invoke(main, ["build", str(sample_path)])
    assert built.exit_code == 0, built.output
    assert (here / "elsewhere").is_dir() and not (here / "epkg-store").exists()


def test_query_without_any_store_says_so(here: Path) -> None:
    result = CliRunner().invoke(main, ["query", "outline"])
    assert result.exit_code == 2
    assert "epkg-store" in result.stderr and "no store there" in result.stderr
