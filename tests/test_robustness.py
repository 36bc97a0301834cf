"""Bad input, for every command: a clear error, nothing lost, nothing half-written.

One table: each row is a command line with a bad input or a failing output, the exit
code it must give and a piece of the message. Every failing row must print exactly one
line on stderr, ``epkg: error: …`` naming the file, and leave the working folder as it
was (no output file, no temporary file, an existing output file untouched). Rows run
in process (click's runner); a few run again as a real process, to prove no traceback
reaches stderr.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.cli import main

ROOT = Path(__file__).resolve().parent.parent
BAD = ROOT / "tests" / "fixtures" / "bad"
GRAPH = ROOT / "tests" / "fixtures" / "load" / "one-document.ttl"
SAMPLE = ROOT / "examples" / "TA-9-2021-0056-ro.txt"


@dataclass(frozen=True)
class Row:
    """One command line: ``{name}`` slots are filled by :func:`_places`."""

    id: str
    args: tuple[str, ...]
    code: int
    message: str
    one_line: bool = True  # a click usage error adds its usage hint: not one line


def _doc_rows() -> list[Row]:
    """Inputs that are not a resolution × the three commands that read resolutions."""
    inputs = [
        ("empty", "{bad}/empty.txt", "is empty"),
        ("blank", "{bad}/blank.txt", "holds no text"),
        ("png", "{bad}/image.txt", "PNG image"),
        ("pdf", "{bad}/scan.txt", "PDF file"),
        ("nul", "{bad}/nul.txt", "NUL bytes"),
        ("novel", "{bad}/novel.txt", "not a European Parliament resolution"),
        ("csv", "{bad}/table.csv", "not a European Parliament resolution"),
        ("html-404", "{bad}/not-found.html", "not a European Parliament resolution"),
        ("missing", "{work}/missing.txt", "no such file"),
        ("directory", "{bad}", "is a directory"),
        ("unreadable", "{unreadable}", "cannot be read"),
    ]
    rows: list[Row] = []
    for name, path, message in inputs:
        rows.append(Row(f"parse-{name}", ("parse", path), 2, message))
        rows.append(Row(f"build-{name}", ("build", path, "-o", "{work}/existing.ttl"), 2, message))
        rows.append(Row(f"entities-{name}", ("entities", path), 2, message))
    return rows


def _graph_rows() -> list[Row]:
    """Graph files that are not graphs × the commands that read graph files."""
    inputs = [
        ("missing", "{work}/missing.ttl", "no such"),
        ("directory", "{bad}", "is a directory"),
        ("broken", "{bad}/broken.ttl", "broken.ttl"),
        ("binary", "{bad}/image.ttl", "image.ttl"),
        ("empty", "{bad}/empty.ttl", "holds no triples"),
        ("text", "{bad}/novel.nt", "novel.nt"),
    ]
    commands = {
        "validate": ("validate", "{g}"),
        "query": ("query", "documents", "--data", "{g}"),
        "load": ("load", "{g}", "--endpoint", "{down}", "--store-type", "oxigraph"),
        "viz": ("viz", "{g}", "-o", "{work}/graph.html"),
    }
    return [
        Row(f"{cmd}-{name}", tuple(a.replace("{g}", path) for a in args), 2, message)
        for name, path, message in inputs
        for cmd, args in commands.items()
    ]


OTHER_ROWS = [
    # output paths: the error names the path, nothing is left behind
    Row("build-no-folder", ("build", "{sample}", "-o", "{work}/no/such/out.ttl"), 2,
        "{work}/no/such/out.ttl: cannot write: folder"),
    Row("build-unwritable", ("build", "{sample}", "-o", "{unwritable}/out.ttl"), 2,
        "{unwritable}/out.ttl: cannot write"),
    Row("build-store-unwritable", ("build", "{bad}/novel.txt", "--store", "{unwritable}/st"), 2,
        "{unwritable}/st"),
    Row("build-output-and-store", ("build", "{sample}", "-o", "{work}/o.ttl", "--store",
                                   "{work}/st"), 2, "not both"),
    Row("build-jobs-without-store", ("build", "{sample}", "-j", "2", "-o", "{work}/o.ttl"), 2,
        "--jobs works with --store"),
    Row("viz-no-folder", ("viz", "{graph}", "-o", "{work}/no/v.html"), 2,
        "{work}/no/v.html: cannot write: folder"),
    Row("viz-unwritable", ("viz", "{graph}", "-o", "{unwritable}/v.html"), 2,
        "{unwritable}/v.html: cannot write"),
    Row("viz-output-is-folder", ("viz", "{graph}", "-o", "{work}"), 2, "is a directory"),
    Row("export-no-folder", ("export", "--store", "{store}", "-o", "{work}/no/x.ttl"), 2,
        "{work}/no/x.ttl: cannot write: folder"),
    Row("export-unwritable", ("export", "--store", "{store}", "-o", "{unwritable}/x.ttl"), 2,
        "{unwritable}/x.ttl: cannot write"),
    Row("export-no-store", ("export", "--store", "{work}/nostore", "-o", "{work}/x.ttl"), 2,
        "{work}/nostore: no store there"),
    Row("export-not-a-store", ("export", "--store", "{bad}", "-o", "{work}/x.ttl"), 2,
        "not a store"),
    Row("export-bad-suffix", ("export", "--store", "{store}", "-o", "{work}/x.docx"), 2,
        "x.docx"),
    # stores and servers
    Row("serve-no-store", ("serve", "--store", "{work}/nostore"), 2, "no store there"),
    Row("serve-store-is-file", ("serve", "--store", "{bad}/broken.ttl"), 2, "is a file"),
    Row("serve-not-a-store", ("serve", "--store", "{bad}"), 2, "{bad}: no store there"),
    Row("load-server-down", ("load", "{graph}", "--endpoint", "{down}", "--store-type",
                             "oxigraph"), 2, "cannot reach"),
    Row("load-no-store", ("load", "--store", "{work}/nostore", "--endpoint", "{down}"), 2,
        "no store there"),
    Row("query-no-store", ("query", "documents", "--store", "{work}/nostore"), 2,
        "no store there"),
    Row("viz-no-store", ("viz", "--store", "{work}/nostore", "-o", "{work}/v.html"), 2,
        "no store there"),
    # queries
    Row("query-syntax-error", ("query", "{bad}/broken.rq", "--data", "{graph}"), 1,
        "not valid SPARQL"),
    Row("query-unknown-name", ("query", "no-such-query", "--data", "{graph}"), 2,
        "unknown query 'no-such-query'"),
    Row("query-missing-file", ("query", "{work}/missing.rq", "--data", "{graph}"), 2,
        "{work}/missing.rq: no such query file"),
    Row("query-bad-param", ("query", "documents", "--data", "{graph}", "-p", "x"), 2,
        "expected name=value"),
    Row("query-data-and-store", ("query", "documents", "--data", "{graph}", "--store",
                                 "{store}"), 2, "not both"),
    Row("queries-bad-option", ("queries", "--bogus"), 2, "No such option"),
    Row("build-missing-argument", ("build",), 2, "Missing argument"),
    Row("no-such-command", ("nosuch",), 2, "No such command 'nosuch'"),
    # options
    Row("parse-unknown-language", ("parse", "{sample}", "--lang", "xx"), 2,
        "unknown language 'xx': expected one of"),
    Row("parse-wrong-language", ("parse", "{sample}", "--lang", "en"), 2,
        "not a European Parliament resolution"),
    Row("build-bad-base", ("build", "{sample}", "-o", "{work}/o.ttl", "--base", "not an iri"), 2,
        "invalid base IRI"),
    Row("build-bad-suffix", ("build", "{sample}", "-o", "{work}/o.docx"), 2, "o.docx"),
    Row("validate-bad-input-format", ("validate", "{graph}", "--input-format", "bogus"), 2,
        "unknown format 'bogus'"),
    # the shapes gate: a graph that does not conform
    Row("validate-not-conforming", ("validate", "{graph}"), 1, "does not conform"),
]

ROWS = _doc_rows() + _graph_rows() + OTHER_ROWS
EXPECTED_ROWS = 33 + 24 + 34


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def _unreadable(tmp: Path) -> str:
    """A file that exists and cannot be read. As root chmod 000 does not stop reading,
    so use /proc/self/mem (reading its first page fails with EIO, even for root)."""
    if not _is_root():
        locked = tmp / "locked.txt"
        locked.write_bytes(SAMPLE.read_bytes())
        locked.chmod(0)
        return str(locked)
    assert Path("/proc/self/mem").exists(), "as root, an unreadable file needs /proc"
    return "/proc/self/mem"


def _unwritable(tmp: Path) -> str:
    """A folder nobody may write into. As root chmod 555 does not stop writing, so use
    /sys (read-only for everyone, root included, in a normal Linux or container)."""
    folder = tmp / "read-only"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        (folder / "probe").write_bytes(b"")
    except OSError:
        return str(folder)
    (folder / "probe").unlink()
    folder.chmod(0o755)
    try:
        (Path("/sys") / "epkg-probe").write_bytes(b"")
    except OSError:
        return "/sys"
    pytest.fail("no unwritable folder on this machine (running as root with a writable /sys)")


@pytest.fixture(scope="module")
def places(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Paths shared by the rows; ``work`` is replaced per row by :func:`work`."""
    tmp = tmp_path_factory.mktemp("robust")
    from graph.store import open_store

    store = tmp / "store"
    with open_store(store) as opened:
        opened.replace_graph_ntriples(
            "https://w3id.org/epkg/eli/dl/doc/TA-9-2099-0003/fr",
            "<https://w3id.org/epkg/eli/dl/doc/TA-9-2099-0003/fr> "
            "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
            "<http://data.europa.eu/eli/ontology#Expression> .\n",
        )
    return {
        "bad": str(BAD),
        "graph": str(GRAPH),
        "sample": str(SAMPLE),
        "store": str(store),
        "down": f"http://127.0.0.1:{_free_port()}",
        "unreadable": _unreadable(tmp),
        "unwritable": _unwritable(tmp),
    }


def _fill(text: str, places: dict[str, str]) -> str:
    for name, value in places.items():
        text = text.replace("{" + name + "}", value)
    return text


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): (p.read_bytes() if p.is_file() else b"<dir>")
        for p in sorted(folder.rglob("*"))
    }


@pytest.fixture()
def work(tmp_path: Path, places: dict[str, str]) -> dict[str, str]:
    """A working folder holding an existing output file that a failure must not touch."""
    folder = tmp_path / "work"
    folder.mkdir()
    (folder / "existing.ttl").write_text("# an earlier build, to be kept\n", encoding="utf-8")
    return {**places, "work": str(folder)}


def test_the_table_covers_every_input_and_command() -> None:
    assert len(ROWS) == EXPECTED_ROWS
    assert len({row.id for row in ROWS}) == len(ROWS)
    commands = {row.args[0] for row in ROWS}
    from graph.cli import COMMANDS, LazyGroup

    available = {name for name in COMMANDS if LazyGroup._available(name)}
    missing = available - commands
    assert not missing, f"commands with no row in the table: {sorted(missing)}"


@pytest.mark.parametrize("row", ROWS, ids=[row.id for row in ROWS])
def test_bad_input_gives_a_clear_error_and_leaves_nothing(
    row: Row, work: dict[str, str]
) -> None:
    folder = Path(work["work"])
    before = _snapshot(folder)
    args = [_fill(a, work) for a in row.args]
    result = CliRunner().invoke(main, args)
    stderr = result.stderr
    assert result.exit_code == row.code, f"{args}: exit {result.exit_code}\n{result.output}"
    assert not isinstance(result.exception, Exception) or isinstance(
        result.exception, SystemExit
    ), f"{args}: raised {result.exception!r}"
    message = _fill(row.message, work)
    assert message.lower() in stderr.lower(), f"{args}: {message!r} not in stderr:\n{stderr}"
    assert "Traceback" not in result.output
    assert "internal error" not in stderr
    if row.one_line:
        lines = stderr.splitlines()
        assert len(lines) == 1 and lines[0].startswith("epkg: error: "), stderr
    assert _snapshot(folder) == before, f"{args}: the working folder changed"


# A few rows again, as a real process: the exit code and one clean line, no traceback.
SUBPROCESS_ROWS = ["parse-pdf", "build-html-404", "validate-broken", "load-server-down",
                   "query-syntax-error", "viz-unwritable"]


@pytest.mark.parametrize("row_id", SUBPROCESS_ROWS)
def test_as_a_real_process(row_id: str, work: dict[str, str]) -> None:
    row = next(r for r in ROWS if r.id == row_id)
    args = [_fill(a, work) for a in row.args]
    done = subprocess.run(
        [sys.executable, "-m", "graph.cli", *args], capture_output=True, text=True,
        cwd=work["work"], timeout=120, check=False,
    )
    assert done.returncode == row.code, done.stderr
    assert "Traceback" not in done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("epkg: error: "), done.stderr
    assert done.stdout == ""
