"""`epkg parse`, in process (click's runner) and once as a real console script."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "structure"


def _run(*args, input=None):
    return CliRunner().invoke(main, ["parse", *args], input=input)


def test_text_listing(sample_path):
    result = _run(str(sample_path))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == [
        "P9_TA(2021)0056",
        "TA-9-2021-0056",
        "2021-02-11",
        "2021/2544(RSP)",
        "[ro]",
    ]
    assert "11 citations, 23 recitals, 27 paragraphs, 2 subparagraphs, 5 footnotes" in lines
    assert any(line.startswith("cit_1 ") and "[fn_1, fn_2, fn_3, fn_4]" in line for line in lines)
    assert any(line.strip().startswith("para_5__subpara_2") for line in lines)
    assert any(line.startswith("fn_5 ") and "(on rec_N)" in line for line in lines)


def test_json(sample_path, sample_text):
    result = _run(str(sample_path), "--json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["meta"]["doc_id"] == "TA-9-2021-0056"
    assert data["meta"]["date"] == "2021-02-11"
    assert len(data["units"]) == 63
    assert [f["unit"] for f in data["footnotes"]] == ["cit_1"] * 4 + ["rec_N"]
    rec_o = next(u for u in data["units"] if u["id"] == "rec_O")
    assert "Raigul Sadyrbayeva" in rec_o["text"]
    clean_start, source_start, length = rec_o["pieces"][0]
    assert (
        sample_text[source_start : source_start + length]
        == rec_o["text"][clean_start : clean_start + length]
    )


def test_stdin_and_lang():
    data = (FIXTURES / "en-pdf.txt").read_bytes()
    result = _run("-", "--json", "--lang", "en", input=data)
    assert result.exit_code == 0, result.output
    parsed = json.loads(result.output)
    assert parsed["source"]["origin"] == "<stdin>"
    assert parsed["meta"]["language"] == "en"


def test_html_page():
    result = _run(str(FIXTURES / "TA-9-2021-0082_EN.html"), "--json")
    assert result.exit_code == 0
    assert json.loads(result.output)["source"]["media_type"] == "text/html"


@pytest.mark.parametrize(
    ("args", "input", "message"),
    [
        (["/no/such/file.txt"], None, "no such file"),
        (["-"], b"", "empty"),
        (["-"], b"%PDF-1.5\n...", "PDF"),
        (["-"], b"Just some text.\n", "not a European Parliament resolution"),
        (["--lang", "xx", "-"], b"text", "unknown language 'xx'"),
    ],
)
def test_errors_are_one_line_and_exit_2(args, input, message):
    result = _run(*args, input=input)
    assert result.exit_code == 2
    err = result.stderr if hasattr(result, "stderr") else result.output
    assert message in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


def test_console_script(sample_path):
    exe = shutil.which("epkg")
    assert exe is not None, "the epkg console script is not installed (pip install -e .)"
    done = subprocess.run(
        [exe, "parse", str(sample_path)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0
    assert "rec_W" in done.stdout
    bad = subprocess.run(
        [exe, "parse", "/no/such/file"], capture_output=True, text=True, timeout=60
    )
    assert bad.returncode == 2 and bad.stderr.startswith("epkg: error: /no/such/file: no such file")
