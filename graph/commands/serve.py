"""``epkg serve``: a SPARQL endpoint and query page over the embedded store, at once.

Runs the Oxigraph server (the ``oxigraph`` program from PyPI's ``oxigraph``) on
127.0.0.1 over the store folder. An on-disk store can be opened for writing by one
process only: while ``epkg serve`` runs, ``epkg build --store`` on the same folder
fails with "in use" (readers such as ``epkg query``/``epkg load --store`` still work,
they open it read-only). ``--read-only`` serves without taking the write lock and
refuses SPARQL updates; do not build into the folder meanwhile (Oxigraph: reading
while another process writes is undefined).
"""

from __future__ import annotations

import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import IO

import click

from ..errors import ConfigError, StoreError

_START_S = 15.0


def oxigraph_program() -> str:
    """The ``oxigraph`` executable: on PATH, or next to this Python (a virtualenv)."""
    beside_python = str(Path(sys.executable).parent)
    found = shutil.which("oxigraph") or shutil.which("oxigraph", path=beside_python)
    if found is None:
        raise ConfigError("the Oxigraph server is not installed: `pip install oxigraph`")
    return found


def _error_line(log: IO[bytes]) -> str:
    """The server's error message (its "Error: …" line, not the backtrace under it)."""
    log.seek(0)
    lines = [ln.strip() for ln in log.read().decode("utf-8", "replace").splitlines() if ln.strip()]
    errors = [ln for ln in lines if ln.lower().startswith("error")]
    return (errors or lines or ["no message"])[0]


def _wait_until_up(
    process: subprocess.Popen[bytes], url: str, log: IO[bytes], folder: Path
) -> None:
    """Return when the server answers; a :class:`StoreError` if it exits or stays silent."""
    import httpx

    deadline = time.monotonic() + _START_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            message = _error_line(log)
            if "lock" in message.lower():
                raise StoreError(f"{folder}: the store is in use by another process "
                                 "(it is locked); stop it, or serve with --read-only")
            raise StoreError(f"the Oxigraph server stopped at once: {message}")
        try:
            httpx.get(url, timeout=1.0)
            if process.poll() is None:
                return
        except httpx.HTTPError:
            time.sleep(0.1)
    raise StoreError(f"the Oxigraph server did not answer at {url} within {_START_S:g} s")


def _check_port_free(port: int) -> None:
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            raise ConfigError(
                f"port {port} on 127.0.0.1 is in use; choose another with --port"
            ) from None


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@click.command("serve")
@click.option("--store", "store_dir", required=True, type=click.Path(file_okay=False),
              help="The embedded store folder (made by `epkg build --store`).")
@click.option("--port", type=click.IntRange(1, 65535), default=7878, show_default=True,
              help="Port on 127.0.0.1.")
@click.option("--read-only", is_flag=True,
              help="Serve without the write lock; SPARQL updates are refused.")
def command(store_dir: str, port: int, read_only: bool) -> None:
    """Serve the store at http://127.0.0.1:PORT/ until Ctrl-C.

    \b
    /        the query page (YASGUI)
    /query   the SPARQL endpoint (queries see every document's graph at once)
    /store   the Graph Store Protocol endpoint
    """
    folder = Path(store_dir)
    if not (folder / "CURRENT").is_file():
        raise StoreError(
            f"{folder}: no store there (build one with `epkg build … --store {folder}`)"
        )
    program = oxigraph_program()
    _check_port_free(port)
    base = f"http://127.0.0.1:{port}"
    argv = [program, "serve-read-only" if read_only else "serve", "--location", str(folder),
            "--bind", f"127.0.0.1:{port}", "--union-default-graph"]

    # SIGTERM (a service manager, `kill`) must stop the server too, not orphan it.
    previous = signal.signal(signal.SIGTERM, _interrupt)
    with tempfile.TemporaryFile() as log:
        try:
            process = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=log, stderr=log)
        except OSError as exc:
            raise ConfigError(f"cannot run {program}: {exc.strerror or exc}") from None
        try:
            _wait_until_up(process, f"{base}/query?query=ASK%7B%7D", log, folder)
            mode = "read-only" if read_only else "read-write"
            click.echo(f"Serving {folder} ({mode}) at {base}/  "
                       f"SPARQL: {base}/query  Graph Store: {base}/store  (Ctrl-C stops)")
            code = process.wait()
            if code != 0:
                raise StoreError(f"the Oxigraph server stopped (exit {code}): {_error_line(log)}")
        except KeyboardInterrupt:
            click.echo("stopped", err=True)
        finally:
            _stop(process)
            signal.signal(signal.SIGTERM, previous)
