"""`epkg serve`: the real Oxigraph server over an embedded store, as a user runs it."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from conftest import ROOT, require_component

from graph.cli import main
from graph.store import open_store

pytestmark = pytest.mark.integration

TRIG = Path(__file__).parent / "fixtures" / "load" / "two-documents.trig"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def store_dir(tmp_path: Path) -> Path:
    quads = list(ox.parse(path=str(TRIG)))
    with open_store(tmp_path / "store") as store:
        for graph in sorted({q.graph_name.value for q in quads}):
            store.replace_graph(graph, [q for q in quads if q.graph_name.value == graph])
    return tmp_path / "store"


def start(store: Path, port: int, *extra: str) -> subprocess.Popen[str]:
    require_component(shutil.which("oxigraph") is not None,
                      "the `oxigraph` server is not installed")
    process = subprocess.Popen(
        [sys.executable, "-m", "graph.cli", "serve", "--store", str(store), "--port", str(port),
         *extra],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert process.stdout is not None
    line = process.stdout.readline()  # printed once the server answers
    failed = process.stderr.read() if process.poll() is not None else ""  # type: ignore[union-attr]
    assert line.startswith(f"Serving {store}"), line + failed
    return process


def stop(process: subprocess.Popen[str]) -> str:
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=20)
    return err


def count(port: int) -> int:
    response = httpx.get(f"http://127.0.0.1:{port}/query",
                         params={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"},
                         headers={"Accept": "application/sparql-results+json"}, timeout=10)
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


def port_open(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def test_serve_answers_queries_over_every_document_and_stops_cleanly(store_dir: Path) -> None:
    port = free_port()
    process = start(store_dir, port)
    try:
        assert count(port) == 24 + 10  # union of both documents' graphs
        page = httpx.get(f"http://127.0.0.1:{port}/", timeout=10)
        assert page.status_code == 200 and "yasgui" in page.text.lower()
        # A second writer is refused with one line; readers still work meanwhile.
        second = CliRunner().invoke(main, ["serve", "--store", str(store_dir), "--port",
                                           str(free_port())])
        assert second.exit_code == 2 and "in use" in second.stderr
        assert second.stderr.count("\n") == 1
        dry = CliRunner().invoke(main, ["load", "--store", str(store_dir), "--endpoint",
                                        "http://127.0.0.1:1", "--dry-run"])
        assert dry.exit_code == 0 and "2 graph(s), 34 triples" in dry.stdout
    finally:
        stop(process)
    assert process.returncode == 0
    deadline = time.monotonic() + 10
    while port_open(port) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not port_open(port), "the Oxigraph server outlived `epkg serve`"
    with open_store(store_dir) as store:  # the write lock was released
        assert store.count() == 34


def test_read_only_serve_refuses_updates(store_dir: Path) -> None:
    port = free_port()
    process = start(store_dir, port, "--read-only")
    try:
        update = httpx.post(f"http://127.0.0.1:{port}/update",
                            data={"update": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}, timeout=10)
        assert update.status_code >= 400
        assert count(port) == 34
    finally:
        stop(process)


def test_serve_errors_are_one_line(tmp_path: Path, store_dir: Path) -> None:
    missing = CliRunner().invoke(main, ["serve", "--store", str(tmp_path / "nothing")])
    assert missing.exit_code == 2 and "no store there" in missing.stderr
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        taken = CliRunner().invoke(main, ["serve", "--store", str(store_dir), "--port",
                                          str(busy.getsockname()[1])])
    assert taken.exit_code == 2 and "in use" in taken.stderr
    assert taken.stderr.count("\n") == 1
