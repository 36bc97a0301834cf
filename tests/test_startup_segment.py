"""Segmentation's per-line shortcuts must answer what the plain computation answered:
footnote markers found with one literal-led pattern a bracket, and the body's opening
line told by its first letter."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from graph.footnotes import Marker, find_markers
from graph.lang import all_profiles

ROOT = Path(__file__).resolve().parent.parent
TEXTS = sorted(
    p
    for folder in ("tests", "examples")
    for p in (ROOT / folder).rglob("*")
    if p.suffix in (".txt", ".html") and p.is_file()
)

_SUP = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_OLD_SUPERSCRIPT = re.compile(rf"[{_SUP}](?<![{_SUP}][{_SUP}])[{_SUP}]{{0,2}}(?![{_SUP}])")
_OLD_PAREN = re.compile(r"[(\[](?<=[^\s(\[][(\[])(?:(?<=\()(\d{1,3})\)|(?<=\[)(\d{1,3})\])")
_OLD_SPACED = re.compile(r"\s\((\d{1,3})\)(?=[\s,.;:]|$)")
_OLD_PLAIN = re.compile(r"(\d(?<=(?:[^\W\d_]|[)”\"’»])\d)\d?)(?=[\s,.;:)]|$)")
_OLD_AFTER_YEAR = re.compile(r"(?:19|20)(?<![\d/.]..)\d\d(\d{1,2})(?=[\s,.;:)]|$)")
_OLD_ACRONYM = re.compile(r"(?:^|[^\w])[A-Z]{1,4}$")


def _old_find_markers(text: str, start: int, end: int) -> list[Marker]:
    """find_markers as it was with one pattern for both brackets and the space in it."""
    found: list[Marker] = []
    for match in _OLD_SUPERSCRIPT.finditer(text, start, end):
        number = int(match.group(0).translate(str.maketrans(_SUP, "0123456789")))
        found.append(Marker(number, match.start(), match.end(), False, False))
    for match in _OLD_PAREN.finditer(text, start, end):
        before = text[match.start() - 1] if match.start() > 0 else ""
        number = int(match.group(1) or match.group(2))
        found.append(Marker(number, match.start(), match.end(), True, before.isdigit()))
    for match in _OLD_PLAIN.finditer(text, start, end):
        doubtful = bool(_OLD_ACRONYM.search(text[max(start, match.start() - 6) : match.start()]))
        found.append(
            Marker(int(match.group(1)), match.start(), match.end(), False, doubtful, plain=True)
        )
    for match in _OLD_AFTER_YEAR.finditer(text, start, end):
        found.append(
            Marker(int(match.group(1)), match.start(1), match.end(1), False, True, plain=True)
        )
    for match in _OLD_SPACED.finditer(text, start, end):
        found.append(Marker(int(match.group(1)), match.start(), match.end(), True, False, True))
    found.sort(key=lambda m: m.start)
    return found


def _ranges(text: str, rng: random.Random) -> list[tuple[int, int]]:
    """Every line (whole, and without its lead) and random ranges, some cutting a marker."""
    ranges: list[tuple[int, int]] = []
    position = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        ranges.append((position, position + len(body)))
        lead = len(body) - len(body.lstrip(" –-"))
        ranges.append((position + lead, position + len(body)))
        position += len(line)
    for _ in range(200):
        start = rng.randrange(len(text) + 1)
        ranges.append((start, min(len(text), start + rng.randrange(1, 400))))
    return ranges


TRICKY = (
    "Kazakhstan(1), Rule 144(5) and [2] x[3]; word (4), word (5)x (6)\n(7) at a line's start",
    "CO2 emissions1, of 12 March 20202, ONU1; G20 ¹²³⁴ x¹, (2019/2956(RSP))1;",
    " (1) ( 2) (12) (1234) [(1)] ((1)) a(1)(2) a [1] a\t(3)\n(4)",
)


def test_collects_the_texts() -> None:
    assert len(TEXTS) >= 30


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_markers_are_those_the_single_patterns_found(path: Path) -> None:
    text = path.read_text(encoding="utf-8", errors="replace")
    rng = random.Random(path.name)
    for start, end in _ranges(text, rng):
        assert find_markers(text, start, end) == _old_find_markers(text, start, end), (start, end)


def test_markers_of_tricky_lines() -> None:
    checked = 0
    for text in TRICKY:
        for start in range(len(text)):
            for end in (start + 1, start + 5, len(text)):
                assert find_markers(text, start, end) == _old_find_markers(text, start, end)
                checked += 1
    assert checked > 300
    assert any(m.paren for m in find_markers(TRICKY[0], 0, len(TRICKY[0])))


def _old_is_parliament(parliament: tuple[str, ...], line: str) -> bool:
    folded = " ".join(line.split()).casefold().rstrip(",: ")
    return any(folded == p.casefold().rstrip(",: ") for p in parliament)


def test_the_body_opening_line_is_told_as_by_comparing_the_whole_line() -> None:
    lines = ["", "  ", ",", " , :", "x"]
    for profile in all_profiles():
        for phrase in profile.parliament:
            lines += [phrase, f"  {phrase.upper()}  ", phrase.rstrip(","), phrase + " :"]
            lines += ["x" + phrase, phrase.replace(" ", "\n  "), phrase[1:], phrase.lower() + ",,"]
    for path in TEXTS[:10]:
        lines += path.read_text(encoding="utf-8", errors="replace").splitlines()[:60]
    checked = accepted = 0
    for profile in all_profiles():
        for line in lines:
            expected = _old_is_parliament(profile.parliament, line)
            assert profile.is_parliament(line) == expected, (profile.code, line)
            checked += 1
            accepted += expected
    assert checked > 1000 and accepted > 24


def test_every_white_space_but_the_space_is_unprintable() -> None:
    """What lets clean_text write a printable line without "  " as it is."""
    spaces = [chr(c) for c in range(0x110000) if chr(c).isspace()]
    assert len(spaces) > 20
    assert all(not c.isprintable() for c in spaces if c != " ")
    assert all(re.fullmatch(r"\s", c) for c in spaces)


def _old_clean_text(
    text: str, spans: list[tuple[int, int]], skip: list[tuple[int, int]]
) -> tuple[str, tuple[object, ...]]:
    """clean_text as it was: every run through the white space pattern."""
    from graph import clean

    out = clean._Out()
    for number, (runs, (start, _end)) in enumerate(
        zip(clean._runs(spans, skip), spans, strict=True)
    ):
        if number and out.length:
            following = "".join(text[s:e] for s, e in runs).lstrip()[:1]
            previous = "".join(out.parts[-2:])
            hyphenated = (
                previous.endswith("-")
                and len(previous) > 1
                and previous[-2].isalpha()
                and following.islower()
            )
            if not hyphenated and following not in clean._CLOSING:
                out.space(start - 1 if start > 0 and text[start - 1].isspace() else -1)
        for run_start, run_end in runs:
            position = run_start
            for match in clean._SPACE_RUN.finditer(text, run_start, run_end):
                out.write(text[position : match.start()], position)
                out.space(match.start())
                position = match.end()
            out.write(text[position:run_end], position)
    stripped = "".join(out.parts).rstrip(" ")
    pieces = []
    for clean_start, source_start, length in out.pieces:
        length = min(length, len(stripped) - clean_start)
        if length > 0:
            pieces.append(clean.Piece(clean_start, source_start, length))
    return stripped, tuple(pieces)


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_clean_text_is_what_it_was(path: Path) -> None:
    from graph.clean import clean_text

    text = path.read_text(encoding="utf-8", errors="replace")
    text += "\n" + "\n".join(TRICKY) + "\nword-\n  cut  \u00a0 here\t x\u2028y  \n(1) z"
    rng = random.Random(path.name)
    ranges = _ranges(text, rng)
    checked = 0
    for _ in range(150):
        spans = sorted(rng.sample(ranges, rng.randrange(1, 5)))
        skip = list(rng.sample(ranges, 3)) + [
            (m.start, m.end) for s, e in spans for m in find_markers(text, s, e)
        ]
        assert clean_text(text, spans, skip) == _old_clean_text(text, spans, skip), spans
        checked += 1
    assert checked == 150
