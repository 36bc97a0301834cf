"""Building many resolutions at once: folders expanded, parallel workers, a failure
reported and skipped while the others are kept, and rebuilding never duplicating."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.batch import BuildOptions, build_many, expand_inputs
from graph.cli import main
from graph.store import open_store

EXPR = "https://w3id.org/epkg/eli/dl/doc/TA-9-2021-{:04d}/ro"


def copy_of_sample(sample_text: str, number: int) -> str:
    """The sample under another document number, so it is a document of its own."""
    text = re.sub(r"(P9_TA\(2021\))0056", lambda m: f"{m.group(1)}{number:04d}", sample_text)
    assert text != sample_text
    return text


@pytest.fixture
def corpus(tmp_path: Path, sample_text: str) -> Path:
    """Three good resolutions and three bad files, the bad ones sorted first."""
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "a-empty.txt").write_text("", encoding="utf-8")
    (folder / "b-binary.txt").write_bytes(b"%PDF-1.7\n\x00\x01\x02\xff" * 50)
    (folder / "c-not-a-resolution.txt").write_text(
        "Shopping list\n\n- milk\n- bread\n", encoding="utf-8"
    )
    (folder / "d-good.txt").write_text(copy_of_sample(sample_text, 1), encoding="utf-8")
    (folder / "e-good.txt").write_text(copy_of_sample(sample_text, 2), encoding="utf-8")
    (folder / "sub" / "f-good.txt").write_text(copy_of_sample(sample_text, 3), encoding="utf-8")
    (folder / "notes.md").write_text("not an input", encoding="utf-8")
    (folder / ".hidden.txt").write_text(copy_of_sample(sample_text, 9), encoding="utf-8")
    return folder


def test_folders_expand_to_their_resolution_files(corpus: Path, tmp_path: Path) -> None:
    found = expand_inputs([corpus, tmp_path / "missing.txt"])
    names = [p.name for p in found]
    assert names == [
        "a-empty.txt", "b-binary.txt", "c-not-a-resolution.txt", "d-good.txt", "e-good.txt",
        "f-good.txt", "missing.txt",
    ]


@pytest.mark.parametrize("jobs", [1, 2])
def test_one_failure_is_reported_and_skipped_the_others_are_kept(
    corpus: Path, tmp_path: Path, jobs: int
) -> None:
    seen: list[str] = []
    with open_store(tmp_path / f"store-{jobs}") as store:
        report = build_many(
            [corpus], store, BuildOptions(validate=True), jobs=jobs,
            on_done=lambda o: seen.append(Path(o.path).name),
        )
        graphs = store.graphs()
    assert seen == [p.name for p in expand_inputs([corpus])]  # every input, in input order
    failed = {Path(o.path).name: o.error for o in report.failed}
    assert sorted(failed) == ["a-empty.txt", "b-binary.txt", "c-not-a-resolution.txt"]
    for name, reason in failed.items():
        assert reason and "\n" not in reason and name in reason, reason
        assert "internal error" not in reason
    assert report.exit_code == 2
    assert graphs == [EXPR.format(n) for n in (1, 2, 3)]
    assert all(o.triples > 100 for o in report.succeeded)
    assert re.fullmatch(r"3 built, 3 failed, \d+ triples in [\d.]+ s \([\d.]+ documents/s\)",
                        report.summary())


def test_rebuilding_the_same_documents_leaves_the_triple_count_unchanged(
    corpus: Path, tmp_path: Path
) -> None:
    with open_store(tmp_path / "store") as store:
        build_many([corpus], store, BuildOptions(validate=False), jobs=2)
        first = store.counts()
        total = store.count()
        again = build_many([corpus / "d-good.txt", corpus], store, BuildOptions(validate=False))
        assert store.count() == total
        assert store.counts() == first
    assert again.replaced == [EXPR.format(1)]  # d-good.txt was given twice


def test_epkg_build_store_jobs_cli(corpus: Path, tmp_path: Path) -> None:
    store = tmp_path / "st"
    result = CliRunner().invoke(
        main, ["build", str(corpus), "--store", str(store), "--jobs", "2", "--no-validate"]
    )
    assert result.exit_code == 2, result.output
    lines = result.output.splitlines()
    skipped = [ln for ln in lines if ln.startswith("epkg: skipped: ")]
    assert len(skipped) == 3 and any("a-empty.txt" in ln for ln in skipped)
    assert any(re.match(r"3 built, 3 failed, \d+ triples .*holds 3 documents$", ln) for ln in lines)
    assert lines[-1].startswith("epkg: error: 3 of 6 documents failed")
    query = CliRunner().invoke(main, ["query", "documents", "--store", str(store), "-f", "csv"])
    assert query.exit_code == 0
    rows = query.output.splitlines()[1:]
    assert sorted(row.split(",")[1] for row in rows) == [f"TA-9-2021-000{n}" for n in (1, 2, 3)]

    good = CliRunner().invoke(main, ["build", str(corpus / "d-good.txt"), "--store", str(store)])
    assert good.exit_code == 0, good.output
    assert re.search(r"1 built, 0 failed, .*the store \S+ holds 3 documents\n", good.output)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--jobs", "2", "-o", "x.ttl"], "--jobs works with --store"),
        (["--store", "st", "-o", "x.ttl"], "not both"),
        (["--store", "st", "--jobs", "0"], "0 is not in the range"),
    ],
)
def test_epkg_build_store_option_errors(
    args: list[str],
    message: str,
    sample_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["build", str(sample_path), *args])
    assert result.exit_code == 2
    assert message in result.output
    assert not (tmp_path / "x.ttl").exists()


def test_a_folder_without_resolutions_is_an_input_error(tmp_path: Path) -> None:
    empty = tmp_path / "nothing"
    empty.mkdir()
    result = CliRunner().invoke(main, ["build", str(empty), "--store", str(tmp_path / "st")])
    assert result.exit_code == 2
    assert "no resolution files" in result.output


class Stop(Exception):
    """Stands for an interruption (Ctrl-C) in the middle of a batch."""


def test_an_interrupted_batch_keeps_whole_documents_only(corpus: Path, tmp_path: Path) -> None:
    def stop_after_first_good(outcome: object) -> None:
        if getattr(outcome, "ok", False):
            raise Stop

    with open_store(tmp_path / "store") as store:
        with pytest.raises(Stop):
            build_many([corpus], store, BuildOptions(validate=False), jobs=2,
                       on_done=stop_after_first_good)
        assert store.graphs() == [EXPR.format(1)]
        written = store.count(EXPR.format(1))
    # The same document built on its own gives the same graph: it was written whole.
    with open_store(tmp_path / "again") as again:
        build_many([corpus / "d-good.txt"], again, BuildOptions(validate=False))
        assert again.count(EXPR.format(1)) == written


def test_a_run_stopped_as_a_result_comes_back_keeps_what_was_written(
    corpus: Path, tmp_path: Path
) -> None:
    """on_result is where SIGTERM is noticed without waiting for a batch to be written:
    the document whose result raised is not written, the ones reported before it are."""
    came_back: list[str] = []
    done: list[str] = []

    def stop_at_the_fifth(path: Path) -> None:
        came_back.append(path.name)
        if len(came_back) == 5:
            raise Stop

    with open_store(tmp_path / "store") as store:
        with pytest.raises(Stop):
            build_many([corpus], store, BuildOptions(validate=False), jobs=2,
                       on_done=lambda o: done.append(Path(o.path).name),
                       on_result=stop_at_the_fifth)
        graphs = store.graphs()
    names = [p.name for p in expand_inputs([corpus])]
    assert came_back == names[:5]
    assert done == names[:4]  # three failures, then d-good.txt: a batch of one
    assert graphs == [EXPR.format(1)]


def test_the_progress_bar_is_drawn_on_a_terminal_only(corpus: Path, tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    primary, secondary = os.openpty()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "graph.cli", "build", str(corpus), "--store",
             str(tmp_path / "tty"), "--no-validate"],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=secondary, timeout=120,
        )
        os.close(secondary)
        chunks = []
        while True:
            try:
                chunk = os.read(primary, 65536)
            except OSError:  # the terminal is closed once everything is read
                break
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(primary)
    on_tty = b"".join(chunks).decode("utf-8", "replace")
    assert done.returncode == 2
    assert "building" in on_tty and "6/6" in on_tty, on_tty
    assert "3 built, 3 failed" in on_tty
    piped = subprocess.run(
        [sys.executable, "-m", "graph.cli", "build", str(corpus), "--store",
         str(tmp_path / "pipe"), "--no-validate"],
        capture_output=True, text=True, timeout=120,
    )
    assert "building" not in piped.stderr and "3 built, 3 failed" in piped.stderr
