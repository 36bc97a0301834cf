"""SIGTERM stops a parallel batch build cleanly: the command exits like Ctrl-C, its
worker processes do not run on through the queue, and the store keeps every document
written before the signal."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph
from click.testing import CliRunner

from graph.cli import main


def _documents_stored(store: Path) -> int:
    if not (store / "CURRENT").exists():
        return 0
    try:
        return len(list(pyoxigraph.Store.read_only(str(store)).named_graphs()))
    except (OSError, RuntimeError):
        return 0


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def test_sigterm_stops_a_parallel_build_and_its_workers(
    tmp_path: Path, sample_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    text = sample_path.read_text(encoding="utf-8")
    for i in range(60):
        (corpus / f"doc-{i:03d}.txt").write_text(
            text.replace("P9_TA(2021)0056", f"P9_TA(2021){i + 1000:04d}"), encoding="utf-8"
        )
    store = tmp_path / "store"
    process = subprocess.Popen(
        [sys.executable, "-m", "graph.cli", "build", str(corpus), "--store", str(store),
         "--jobs", "2"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 120
        while not _documents_stored(store) and time.monotonic() < deadline:
            time.sleep(0.1)  # under way: workers started, a document stored
        assert process.poll() is None, "the build ended before it could be stopped"
        process.send_signal(signal.SIGTERM)
        _, stderr = process.communicate(timeout=120)
    finally:
        if _group_alive(process.pid):
            os.killpg(process.pid, signal.SIGKILL)
    assert process.returncode == 130, stderr
    assert "interrupted" in stderr and "Traceback" not in stderr

    deadline = time.monotonic() + 60
    while _group_alive(process.pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not _group_alive(process.pid), "worker processes outlived the stopped build"

    listed = CliRunner().invoke(main, ["query", "documents", "--store", str(store), "-f", "csv"])
    assert listed.exit_code == 0, listed.output
    assert 1 <= len(listed.stdout.strip().splitlines()) - 1 < 60
