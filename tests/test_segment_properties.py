"""Property tests: the reader and the segmenter fail only with typed input errors, and
clean texts always map back to the source through their pieces."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.errors import InputError
from graph.model import Source
from graph.read import read_bytes
from graph.segment import segment

SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])

_WORDS = st.sampled_from(
    [
        "Kazahstan",
        "Union",
        "the",
        "rights",
        "whereas",
        "having",
        "regard",
        "to",
        "¹",
        "²",
        "(1)",
        "(2)",
        "3(2)",
        "-",
        "–",
        ";",
        ",",
        ".",
        ":",
        "A.",
        "1.",
        "2.",
        "ș",
        "ţ",
        "„x”",
        "JO C 23, 21.1.2021, p. 83",
    ]
)
_TEXT = st.lists(_WORDS | st.text(min_size=1, max_size=6), min_size=0, max_size=12).map(" ".join)


@st.composite
def resolutions(draw: st.DrawFn) -> str:
    """Resolution-shaped text: markers, labels, page breaks, footnote blocks, junk."""
    lines = ["TEXTS ADOPTED", "", "P9_TA(2021)0001", "", draw(_TEXT), ""]
    lines.append("European Parliament resolution of 1 March 2021 on x (2021/0001(RSP))")
    letter, number = 0, 1
    for _ in range(draw(st.integers(1, 25))):
        kind = draw(st.sampled_from(["cit", "rec", "para", "fn", "sup", "blank", "text", "paren"]))
        body = draw(_TEXT)
        if kind == "cit":
            lines.append(f"{draw(st.sampled_from(['- ', ' – ', '']))}having regard to {body}")
        elif kind == "rec":
            lines.append(f"- {chr(65 + letter % 26)}. whereas {body}")
            letter += 1
        elif kind == "para":
            lines.append(f"{draw(st.sampled_from(['', ' ']))}{number}. {body}")
            number += 1
        elif kind == "fn":
            lines.append(f"{draw(st.sampled_from(['¹', '²', '³']))} {body}")
        elif kind == "paren":
            lines.append(f"({draw(st.integers(1, 3))}) {body}")
        elif kind == "sup":
            lines.append(f"{body}¹ {draw(_TEXT)}")
        elif kind == "blank":
            lines.append("")
        else:
            lines.append(body)
    return "\n".join(lines) + draw(st.sampled_from(["", "\n", "\r\n"]))


def _check_pieces(document) -> None:
    text = document.source.text
    for unit in list(document.units) + list(document.footnotes):
        for piece in unit.pieces:
            assert piece.source_start >= 0 and piece.source_start + piece.length <= len(text)
            assert piece.clean_start + piece.length <= len(unit.text)
            source = text[piece.source_start : piece.source_start + piece.length]
            clean = unit.text[piece.clean_start : piece.clean_start + piece.length]
            assert re.sub(r"\s", " ", source) == clean, unit.id
        # every non-space clean character is covered by a piece
        covered = set()
        for piece in unit.pieces:
            covered.update(range(piece.clean_start, piece.clean_start + piece.length))
        assert all(i in covered for i, ch in enumerate(unit.text) if not ch.isspace()), unit.id
        assert unit.text == " ".join(unit.text.split())


@SETTINGS
@given(st.text(max_size=400))
def test_arbitrary_text_only_raises_input_errors(text):
    try:
        document = segment(Source(text, "text/plain", "any", "", "utf-8"))
    except InputError:
        return
    _check_pieces(document)


@SETTINGS
@given(resolutions())
def test_resolution_shaped_text(text):
    try:
        document = segment(Source(text, "text/plain", "gen", "", "utf-8"))
    except InputError:
        return
    _check_pieces(document)
    ids = [u.id for u in document.units]
    assert len(ids) == len(set(ids))
    assert [u.ordinal for u in document.units] == list(range(1, len(ids) + 1))
    assert [f.id for f in document.footnotes] == [
        f"fn_{n}" for n in range(1, len(document.footnotes) + 1)
    ]
    assert all(f.unit in ids for f in document.footnotes)
    for unit in document.units:
        assert all(fid in {f.id for f in document.footnotes} for fid in unit.footnotes)


@SETTINGS
@given(st.binary(max_size=300))
def test_arbitrary_bytes_only_raise_input_errors(data):
    try:
        source = read_bytes(data, "bytes")
    except InputError:
        return
    try:
        document = segment(source)
    except InputError:
        return
    _check_pieces(document)


@SETTINGS
@given(resolutions(), st.sampled_from(["utf-8", "utf-16", "utf-8-sig"]))
def test_reading_then_segmenting_generated_resolutions(text, encoding):
    try:
        source = read_bytes(text.encode(encoding), "gen.txt")
        document = segment(source)
    except InputError:
        return
    _check_pieces(document)


_TAGS = st.sampled_from(
    [
        "<p>",
        "</p>",
        "<td>",
        "</td>",
        "<tr>",
        "<table>",
        "<sup>",
        "</sup>",
        "<br>",
        "<ol>",
        "<li>",
        "</ol>",
        "<ul type='A'>",
        "<script>",
        "</script>",
        "<!-- x -->",
        "&nbsp;",
        "&amp;",
        "<b>",
        "–",
    ]
)


@SETTINGS
@given(st.lists(_TAGS | _WORDS | st.text(max_size=5), max_size=40).map("".join))
def test_arbitrary_html_only_raises_input_errors(body):
    page = f"<!DOCTYPE html><html><body>{body}</body></html>"
    try:
        source = read_bytes(page.encode("utf-8"), "page.html")
        document = segment(source)
    except InputError:
        return
    _check_pieces(document)
