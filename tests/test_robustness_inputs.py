"""Inputs that are resolutions, but awkward: legacy encodings, truncated, huge; and the
CLI's last line of defence (internal errors, a closed pipe, a store after a failure)."""

from __future__ import annotations

import json
import math
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.cli import main

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "TA-9-2021-0056-ro.txt"

# Legacy encodings have no ș ț with a comma below (cp1250 and ISO-8859-2 write the cedilla
# forms) and no superscript digits: the encoded variant uses what the encoding can say.
_CEDILLA = str.maketrans("șțȘȚ", "şţŞŢ")
_NO_SUPERSCRIPT = str.maketrans("", "", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_ASCII_QUOTES = str.maketrans("„”", '""')


def _legacy(text: str, encoding: str) -> str:
    text = text.translate(_NO_SUPERSCRIPT)
    if encoding in ("cp1250", "iso-8859-2"):
        text = text.translate(_CEDILLA)
    if encoding == "iso-8859-2":
        text = text.translate(_ASCII_QUOTES)
    return text


ENCODINGS = [
    # (id, encoding of the text, how the bytes are made)
    ("utf-8-bom", "utf-8", lambda t: b"\xef\xbb\xbf" + t.encode("utf-8")),
    ("utf-16-bom", "utf-16", lambda t: t.encode("utf-16")),
    ("utf-16-le-no-bom", "utf-16", lambda t: t.encode("utf-16-le")),
    ("utf-16-be-no-bom", "utf-16", lambda t: t.encode("utf-16-be")),
    ("cp1250", "cp1250", lambda t: _legacy(t, "cp1250").encode("cp1250")),
    ("iso-8859-2", "iso-8859-2", lambda t: _legacy(t, "iso-8859-2").encode("iso-8859-2")),
    ("iso-8859-16", "iso-8859-16", lambda t: _legacy(t, "iso-8859-16").encode("iso-8859-16")),
]


def _parse_json(path: Path) -> dict:
    result = CliRunner().invoke(main, ["parse", "--json", str(path)])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_encodings_table_size() -> None:
    assert len(ENCODINGS) == 7


@pytest.mark.parametrize("name,encoding,make", ENCODINGS, ids=[e[0] for e in ENCODINGS])
def test_legacy_and_utf16_files_decode_to_the_same_units(
    name: str, encoding: str, make, tmp_path: Path, sample_text: str
) -> None:
    # The reference: the same characters, saved as UTF-8.
    legacy = encoding not in ("utf-8", "utf-16")
    same_text = _legacy(sample_text, encoding) if legacy else sample_text
    reference = tmp_path / "utf8.txt"
    reference.write_text(same_text, encoding="utf-8")
    encoded = tmp_path / f"{name}.txt"
    encoded.write_bytes(make(sample_text))
    expected = _parse_json(reference)
    got = _parse_json(encoded)
    assert len(got["units"]) == len(expected["units"]) == 63
    # ş and ș are the same letter; which one a legacy file yields depends on its code page.
    fold = str.maketrans("şţŞŢ", "șțȘȚ")
    assert [u["text"].translate(fold) for u in got["units"]] == [
        u["text"].translate(fold) for u in expected["units"]
    ]
    assert [u["id"] for u in got["units"]] == [u["id"] for u in expected["units"]]
    for key in ("local_id", "doc_id", "date", "procedure", "language"):
        assert got["meta"][key] == expected["meta"][key]
    assert "ș" in "".join(u["text"] for u in got["units"]).translate(fold)


# ---- truncated resolutions: built as far as they go, with one warning line ----------

CUTS = [0.1, 0.5, 0.8, 0.995]


@pytest.mark.parametrize("fraction", CUTS)
def test_a_truncated_resolution_is_parsed_as_far_as_it_goes_with_a_warning(
    fraction: float, tmp_path: Path, sample_text: str
) -> None:
    cut = tmp_path / "cut.txt"
    cut.write_text(sample_text[: int(len(sample_text) * fraction)], encoding="utf-8")
    result = CliRunner().invoke(main, ["parse", "--json", str(cut)])
    assert result.exit_code == 0, result.output
    warnings = result.stderr.splitlines()
    assert 1 <= len(warnings) <= 2, result.stderr
    assert all(w.startswith(f"epkg: warning: {cut}: ") for w in warnings), result.stderr
    assert warnings[-1].endswith("it may be truncated"), result.stderr
    full = _parse_json(SAMPLE)
    units = json.loads(result.stdout)["units"]
    assert 0 < len(units) <= len(full["units"])
    # every unit but the cut one is the full document's unit, word for word
    by_id = {u["id"]: u["text"] for u in full["units"]}
    for unit in units[:-1]:
        if unit["id"] != units[-1]["parent"]:  # the paragraph of a cut subparagraph is cut too
            assert unit["text"] == by_id[unit["id"]]
    assert by_id[units[-1]["id"]].startswith(units[-1]["text"][:20])


def test_a_whole_resolution_gives_no_warning(sample_path: Path) -> None:
    result = CliRunner().invoke(main, ["parse", str(sample_path)])
    assert result.exit_code == 0 and result.stderr == ""


def test_build_of_a_truncated_resolution_writes_the_graph_and_warns(
    tmp_path: Path, sample_text: str
) -> None:
    cut = tmp_path / "cut.txt"
    cut.write_text(sample_text[: int(len(sample_text) * 0.8)], encoding="utf-8")
    out = tmp_path / "cut.nt"
    result = CliRunner().invoke(main, ["build", str(cut), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith(f"epkg: warning: {cut}: the text ends in the middle of para_")
    assert "may be truncated" in result.stderr
    text = out.read_text(encoding="utf-8")
    assert "/ro/para_1>" in text and "/ro/para_27>" not in text


# ---- a huge file: finishes with bounded memory ------------------------------------


def huge_resolution(sample: str, size: int) -> str:
    """One resolution of about ``size`` characters (not a concatenation, which the
    segmenter ends at the second title): the sample's title, citations and recitals,
    then 999 numbered paragraphs, each made of as many of the sample's paragraphs as
    it takes."""
    head, body = sample.split("\n1. ", 1)
    paragraphs = [p for p in re.split(r"\n\d{1,2}\. ", "\n1. " + body) if p.strip()]
    average = sum(len(p) + 1 for p in paragraphs) / len(paragraphs)
    per = max(1, math.ceil((size - len(head)) / 999 / average))
    out = [head]
    for number in range(1, 1000):
        first = (number - 1) * per
        chunk = " ".join(
            paragraphs[(first + k) % len(paragraphs)].replace("\n", " ").strip()
            for k in range(per)
        )
        out.append(f"\n{number}. {chunk}")
    return "".join(out)


def _peak_rss_of(args: list[str]) -> tuple[subprocess.CompletedProcess[str], int]:
    """Run a command; its peak resident memory in bytes (Linux reports KiB)."""
    code = (
        "import resource, subprocess, sys\n"
        "done = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
        "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
        "sys.stdout.write(f'{done.returncode} {peak}\\n'); sys.stderr.write(done.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          timeout=900, check=False)
    rc, peak = done.stdout.split()
    return subprocess.CompletedProcess(args, int(rc), "", done.stderr), int(peak) * 1024


def test_a_file_of_megabytes_finishes_with_memory_linear_in_its_size(
    tmp_path: Path, sample_text: str
) -> None:
    """One resolution of 1 and of 5 million characters (999 long paragraphs): parsed
    whole, and the memory the bigger one needs over the interpreter's own grows with
    the size (×5 input → under ×10 memory): nothing quadratic. Builds of 4 and 20 MB
    are measured in the README, not here (CI time)."""
    baseline_done, baseline = _peak_rss_of([sys.executable, "-c", "import graph.segment"])
    assert baseline_done.returncode == 0
    peaks = {}
    for millions in (1, 5):
        big = tmp_path / f"big-{millions}.txt"
        big.write_text(huge_resolution(sample_text, millions * 1_000_000), encoding="utf-8")
        assert big.stat().st_size > millions * 1_000_000
        done, peak = _peak_rss_of([sys.executable, "-m", "graph.cli", "parse", str(big)])
        assert done.returncode == 0, done.stderr
        assert done.stderr == ""  # whole: no truncation warning
        peaks[millions] = max(peak - baseline, 1)
    assert peaks[5] < 10 * peaks[1], peaks
    assert peaks[5] < 100 * 5_000_000, peaks  # under 100 bytes of memory per character


def test_the_huge_resolution_is_read_whole(sample_text: str) -> None:
    from graph.model import UnitKind
    from graph.read import read_bytes
    from graph.segment import segment

    text = huge_resolution(sample_text, 300_000)
    document = segment(read_bytes(text.encode("utf-8"), "huge.txt"))
    paragraphs = [u for u in document.units if u.kind is UnitKind.PARAGRAPH]
    assert len(paragraphs) == 999 and paragraphs[-1].id == "para_999"
    assert sum(len(u.text) for u in paragraphs) > 0.9 * (len(text) - len(text.split("\n1. ")[0]))


# ---- the CLI's last line of defence -------------------------------------------------


def test_an_internal_error_is_one_line_pointing_to_debug(
    monkeypatch: pytest.MonkeyPatch, sample_path: Path
) -> None:
    import graph.read

    def broken(path: object) -> object:
        raise RuntimeError("something nobody expected")

    monkeypatch.setattr(graph.read, "read_path", broken)
    result = CliRunner().invoke(main, ["parse", str(sample_path)])
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("epkg: internal error: RuntimeError: something nobody expected")
    assert "--debug" in lines[0]
    debug = CliRunner().invoke(main, ["--debug", "parse", str(sample_path)])
    assert isinstance(debug.exception, RuntimeError)  # --debug lets the traceback through


def test_a_typed_error_with_debug_shows_the_traceback(tmp_path: Path) -> None:
    from graph.errors import EmptyInputError

    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = CliRunner().invoke(main, ["--debug", "parse", str(empty)])
    assert isinstance(result.exception, EmptyInputError)


def test_a_closed_pipe_ends_quietly(tmp_path: Path, sample_text: str) -> None:
    """`epkg parse big.txt | head -1`: exit 141 as for SIGPIPE, nothing on stderr.

    The listing of a resolution with 999 paragraphs (~100 KB, one write per line)
    outgrows the pipe's buffer, so a write meets the closed pipe whatever Python's
    buffering (PYTHONUNBUFFERED may be set).
    """
    big = tmp_path / "many.txt"
    big.write_text(huge_resolution(sample_text, 300_000), encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "graph.cli", "parse", str(big)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    assert process.stdout.readline().startswith(b"P9_TA(2021)0056")
    process.stdout.close()
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=120) == 141, stderr
    assert stderr == ""


def test_a_failed_build_leaves_the_store_as_it_was(tmp_path: Path, sample_path: Path) -> None:
    store = tmp_path / "store"
    first = CliRunner().invoke(main, ["build", str(sample_path), "--store", str(store)])
    assert first.exit_code == 0, first.output
    from graph.store import open_store

    with open_store(store, read_only=True) as opened:
        before = opened.counts()
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"%PDF-1.4\n\x00\x01binary")
    again = CliRunner().invoke(main, ["build", str(bad), "--store", str(store)])
    assert again.exit_code == 2
    assert f"{bad}: this is a PDF file" in again.stderr
    with open_store(store, read_only=True) as opened:
        assert opened.counts() == before
    assert before and all(count > 100 for count in before.values())


def test_a_concatenation_reads_the_first_resolution_and_says_the_rest_was_not_read(
    tmp_path: Path, sample_text: str
) -> None:
    both = tmp_path / "two.txt"
    both.write_text(sample_text + "\n\n" + sample_text, encoding="utf-8")
    result = CliRunner().invoke(main, ["parse", "--json", str(both)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["units"] == _parse_json(SAMPLE)["units"]
    lines = (sample_text + "\n\n" + sample_text).split("\n")
    copy = len(sample_text.split("\n")) + 1  # where the second copy starts (0-based)
    citation = next(i for i in range(copy, len(lines)) if lines[i].startswith("- având"))
    (warning,) = result.stderr.splitlines()
    assert warning.startswith(f"epkg: warning: {both}: {len(sample_text.strip())} characters after")
    assert f"begins at line {citation + 1});" in warning
    assert warning.endswith("epkg reads one resolution per file")


# ---- failures after the work: the old output survives ----------------------------------


def _folder_state(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_a_full_disk_leaves_the_old_output_and_no_temporary_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, sample_path: Path
) -> None:
    import errno

    import graph.atomic

    out = tmp_path / "graph.ttl"
    out.write_text("# the previous build\n", encoding="utf-8")
    before = _folder_state(tmp_path)

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(graph.atomic.os, "fsync", full)
    result = CliRunner().invoke(main, ["build", str(sample_path), "-o", str(out)])
    assert result.exit_code == 2, result.output
    assert result.stderr == f"epkg: error: {out}: cannot write: No space left on device\n"
    assert _folder_state(tmp_path) == before


def test_a_graph_that_does_not_conform_is_not_written(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, sample_path: Path
) -> None:
    import graph.validate
    from graph.errors import ValidationFailed

    out = tmp_path / "graph.ttl"
    out.write_text("# the previous build\n", encoding="utf-8")
    before = _folder_state(tmp_path)

    def failing(quads: object, origin: str = "", **_: object) -> None:
        raise ValidationFailed(f"{origin}: does not conform (1 result)", report="the report\n")

    monkeypatch.setattr(graph.validate, "validate_quads", failing)
    result = CliRunner().invoke(main, ["build", str(sample_path), "-o", str(out)])
    assert result.exit_code == 1, result.output
    last = result.stderr.splitlines()[-1]
    assert last == f"epkg: error: {sample_path}: does not conform (1 result)"
    assert _folder_state(tmp_path) == before


def test_build_into_a_store_prints_the_warnings_too(tmp_path: Path, sample_text: str) -> None:
    cut = tmp_path / "cut.txt"
    cut.write_text(sample_text[: int(len(sample_text) * 0.8)], encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(cut), "--store", str(tmp_path / "st")])
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"epkg: warning: {cut}: the text ends in the middle of para_")
    assert lines[-1].startswith("1 built, 0 failed")


# ---- adversarial shapes: long runs of one thing inside the sample ----------------------

ADVERSARIAL = [
    # (id, what is put in the middle of the sample (or how it is changed), exit code)
    ("superscript-run", lambda s: s[:3000] + "¹" * 5000 + s[3000:], 0),  # > int()'s 4300 digits
    ("blank-lines", lambda s: s[:3000] + "\n" * 200_000 + s[3000:], 0),
    ("space-run", lambda s: s[:3000] + " " * 500_000 + "." + s[3000:], 0),
    ("dot-run", lambda s: s[:3000] + "." * 200_000 + s[3000:], 0),
    ("paren-markers", lambda s: s[:3000] + "(1)" * 50_000 + s[3000:], 0),
    ("nested-html", lambda s: "<html><body>" + "<div>" * 20_000 + s.replace("\n", "<br>")
     + "</div>" * 20_000 + "</body></html>", 0),
    ("one-line", lambda s: s.replace("\n", " "), 2),  # no line opens with a citation
    ("control-chars", lambda s: "".join(c + "\x01" if i % 3 == 0 else c
                                        for i, c in enumerate(s)), 2),
]


@pytest.mark.parametrize("name,make,code", ADVERSARIAL, ids=[a[0] for a in ADVERSARIAL])
def test_adversarial_shapes_end_cleanly(
    name: str, make, code: int, tmp_path: Path, sample_text: str
) -> None:
    path = tmp_path / (f"{name}.html" if "html" in name else f"{name}.txt")
    path.write_text(make(sample_text), encoding="utf-8")
    result = CliRunner().invoke(main, ["parse", str(path)])
    assert result.exit_code == code, result.output
    assert "internal error" not in result.stderr
    if code == 0:
        assert "27 paragraphs" in result.stdout
    else:
        (line,) = result.stderr.splitlines()
        assert line.startswith(f"epkg: error: {path}: ")


def test_adversarial_table_size() -> None:
    assert len(ADVERSARIAL) == 8


def test_entities_of_a_truncated_resolution_warns(tmp_path: Path, sample_text: str) -> None:
    cut = tmp_path / "cut.txt"
    cut.write_text(sample_text[: int(len(sample_text) * 0.5)], encoding="utf-8")
    result = CliRunner().invoke(main, ["entities", str(cut)])
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith(f"epkg: warning: {cut}: no numbered paragraphs found")
    assert result.stdout.strip()


@pytest.mark.parametrize("command", ["parse", "entities"])
def test_bad_bytes_on_stdin_name_stdin(command: str) -> None:
    result = CliRunner().invoke(main, [command, "-"], input=b"%PDF-1.5\n\x00\x01\x02")
    assert result.exit_code == 2
    assert result.stderr.startswith("epkg: error: <stdin>: this is a PDF file, not text")
    assert len(result.stderr.splitlines()) == 1
