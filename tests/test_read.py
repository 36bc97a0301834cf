"""Reading: encodings, binary and empty input, paths and stdin."""

from __future__ import annotations

import io
import sys

import pytest

from graph.errors import BinaryInputError, EmptyInputError, EncodingError, InputError
from graph.read import read_bytes, read_path

CEDILLA = str.maketrans("șțȘȚ", "şţŞŢ")
SNIPPET = (
    "Situația drepturilor omului în Kazahstan; întrucât țara își păstrează legislația „extremistă”"
)


def test_utf8_sample_reads_as_is(sample_path, sample_text):
    source = read_path(sample_path)
    assert source.text == sample_text
    assert source.media_type == "text/plain"
    assert source.encoding == "utf-8"
    assert len(source.sha256) == 64
    assert source.origin == str(sample_path)


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (b"\xef\xbb\xbf" + SNIPPET.encode("utf-8"), "utf-8-sig"),
        (SNIPPET.encode("utf-16"), "utf-16"),
        (b"\xfe\xff" + SNIPPET.encode("utf-16-be"), "utf-16"),
        (SNIPPET.encode("utf-16-le"), "utf-16-le"),
    ],
)
def test_unicode_encodings(data, encoding):
    source = read_bytes(data, "x.txt")
    assert source.text == SNIPPET
    assert source.encoding == encoding


def test_cp1250_keeps_the_cedilla_letters():
    text = SNIPPET.translate(CEDILLA)
    source = read_bytes(text.encode("cp1250"), "legacy.txt")
    assert source.text == text
    assert source.encoding == "cp1250"


def test_iso_8859_16_gives_comma_letters():
    source = read_bytes(SNIPPET.encode("iso-8859-16"), "legacy.txt")
    assert source.text == SNIPPET
    assert source.encoding == "iso-8859-16"


def test_iso_8859_2_without_cp1250_punctuation():
    text = "Situaţia drepturilor omului în Kazahstan; întrucât ţara îşi păstrează legislaţia"
    # identical bytes in cp1250 and 8859-2 for these letters: either reading gives the same text
    source = read_bytes(text.encode("iso-8859-2"), "legacy.txt")
    assert source.text in (text, text.translate(str.maketrans("şţ", "șț")))
    polish = (
        "Parlament Europejski, uwzględniając swoją rezolucję; mając na uwadze, że źródła są śląskie"
    )
    source = read_bytes(polish.encode("iso-8859-2"), "pl.txt")
    assert source.text == polish


def test_the_whole_sample_in_legacy_encodings(sample_text):
    as_16 = read_bytes(sample_text.encode("iso-8859-16", errors="replace"), "s16.txt")
    assert "Raigul" in as_16.text and "Situația drepturilor" in as_16.text
    legacy = sample_text.translate(CEDILLA)
    as_1250 = read_bytes(legacy.encode("cp1250", errors="replace"), "s1250.txt")
    assert as_1250.encoding == "cp1250"
    assert "Situaţia drepturilor omului în Kazahstan" in as_1250.text
    assert "„extremiste”" in as_1250.text


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        b"\xff\xd8\xff\xe0\x00\x10JFIF",
        b"PK\x03\x04\x14\x00\x06\x00",
        b"some text\x00\x00\x01\x02 with NUL bytes\x00" * 3,
        bytes(range(256)) * 4,
    ],
)
def test_binary_input_is_refused(data):
    with pytest.raises(BinaryInputError) as info:
        read_bytes(data, "thing.bin")
    assert "thing.bin" in str(info.value) and "expected" in str(info.value)


@pytest.mark.parametrize("data", [b"", b"   \n\t\n  ", b"\xef\xbb\xbf", "\n".encode("utf-16")])
def test_empty_input_is_refused(data):
    with pytest.raises(EmptyInputError) as info:
        read_bytes(data, "empty.txt")
    assert "empty.txt" in str(info.value)


def test_broken_utf16_is_an_encoding_error():
    with pytest.raises(EncodingError):
        read_bytes(b"\xff\xfe" + "ok".encode("utf-16-le") + b"\x00\xd8", "broken.txt")


def test_missing_path_and_directory(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_path(tmp_path / "absent.txt")
    with pytest.raises(InputError, match="directory"):
        read_path(tmp_path)


def test_unreadable_file(tmp_path, monkeypatch):
    from pathlib import Path

    target = tmp_path / "locked.txt"
    target.write_text("x")

    def refuse(self):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", refuse)
    with pytest.raises(InputError, match="cannot be read.*Permission denied"):
        read_path(target)


def test_stdin(monkeypatch, sample_text):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(sample_text.encode("utf-8"))))
    source = read_path("-")
    assert source.origin == "<stdin>"
    assert source.text == sample_text


def test_html_detected_by_content():
    page = "<!DOCTYPE html><html><body><p>Hello</p><p>world</p></body></html>"
    source = read_bytes(page.encode(), "page.txt")
    assert source.media_type == "text/html"
    assert source.text.split() == ["Hello", "world"]
    plain = read_bytes(b"a < b and c > d", "x.html", "text/html")
    assert plain.media_type == "text/plain"


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Ψήφισμα του Ευρωπαϊκού Κοινοβουλίου της 11ης Φεβρουαρίου 2021", "cp1253"),
        ("Резолюция на Европейския парламент от 11 февруари 2021 г.", "cp1251"),
        ("欧洲议会关于哈萨克斯坦人权状况的决议", "gbk"),
    ],
)
def test_unsupported_code_pages_are_an_encoding_error(text, encoding):
    with pytest.raises(EncodingError, match="UTF-8"):
        read_bytes(text.encode(encoding), "other.txt")
    assert read_bytes(text.encode("utf-8"), "other.txt").text == text
