"""Footnotes: markers in the running text, blocks at the foot of a page, and their match.

A PDF restarts its markers on every page (¹²³⁴ … then ¹ again), so a footnote
block is matched to the earliest still-unmatched marker with its number printed
*on the same page* — i.e. since the previous footnote group. The EP's web page
numbers its markers once, ``Kazakhstan(1)``, and lists the footnotes at the end;
the same rule covers it (the "page" is the whole text).

A parenthesised number is ambiguous ("Rule 144(5)"): it is a marker only when a
footnote block claims it, and candidates not glued to a digit are preferred.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import field
from typing import Any

from .clean import clean_text
from .lang import LanguageProfile
from .model import Compiled, Footnote, UnitKind, cached_dataclass

__all__ = ["Marker", "FootnoteBlock", "Resolved", "find_markers", "resolve_footnotes"]

_COMPILED = Compiled(__name__, __file__)

# Every pattern here opens with the character its match must start with and checks
# what comes before it with a look-behind placed after that character: the regular
# expression engine then skips ahead to candidate characters instead of trying a
# look-behind at every position of every line (the same matches, 3-5× faster).
_SUP = "⁰¹²³⁴⁵⁶⁷⁸⁹"
# at most three digits: a longer run is not a marker (and would not fit an int())
_SUPERSCRIPT = _COMPILED.pattern(rf"[{_SUP}](?<![{_SUP}][{_SUP}])[{_SUP}]{{0,2}}(?![{_SUP}])")
# "(1)" or "[1]" glued to the word before; or, as a last resort, "word (1)," with a space.
# A single literal character first is what the engine skips to fastest: _ROUND is _PAREN
# where there is no "[", and _SPACED's space is the character before its match.
_PAREN = _COMPILED.pattern(r"[(\[](?<=[^\s(\[][(\[])(?:(?<=\()(\d{1,3})\)|(?<=\[)(\d{1,3})\])")
_ROUND = _COMPILED.pattern(r"\((?<=[^\s(\[]\()(\d{1,3})\)")
_SPACED = _COMPILED.pattern(r"\((?<=\s\()(\d{1,3})\)(?=[\s,.;:]|$)")
_TO_DIGITS = str.maketrans(_SUP, "0123456789")
# text extracted from a PDF often loses the superscript: "Kazakhstan1,", "(2019/2956(RSP))1;"
# (one or two digits after a letter or a closing mark)
_PLAIN = _COMPILED.pattern(r"(\d(?<=(?:[^\W\d_]|[)”\"’»])\d)\d?)(?=[\s,.;:)]|$)")
# "of 12 March 20202,": a year not preceded by a digit, "/" or "." ("..": the year's "19")
_AFTER_YEAR = _COMPILED.pattern(r"(?:19|20)(?<![\d/.]..)\d\d(\d{1,2})(?=[\s,.;:)]|$)")
_ACRONYM = _COMPILED.pattern(r"(?:^|[^\w])[A-Z]{1,4}$")


@cached_dataclass(_COMPILED, frozen=True)
class Marker:
    """A footnote marker printed in a unit's text."""

    number: int
    start: int
    end: int
    paren: bool  # "(1)" rather than "¹"
    after_digit: bool  # doubtful: "3(2)" may be an article's paragraph, "CO2" a formula
    spaced: bool = False  # "word (1)": more often an enumeration than a marker
    plain: bool = False  # "word1": a superscript the PDF's text lost; a marker only if claimed


@cached_dataclass(_COMPILED)
class FootnoteBlock:
    """A footnote printed as a block: its marker, where its text lies, the page's markers."""

    marker: str
    number: int
    line_start: int
    spans: list[tuple[int, int]]
    page: tuple[Marker, ...]


@cached_dataclass(_COMPILED)
class Resolved:
    footnotes: tuple[Footnote, ...] = ()
    by_unit: dict[str, tuple[str, ...]] = field(default_factory=dict)
    skip: list[tuple[int, int]] = field(default_factory=list)


def find_markers(text: str, start: int, end: int) -> list[Marker]:
    """Every candidate marker in ``text[start:end]``."""
    found: list[Marker] = []
    for match in _SUPERSCRIPT.finditer(text, start, end):
        number = int(match.group(0).translate(_TO_DIGITS))
        found.append(Marker(number, match.start(), match.end(), False, False))
    brackets = _PAREN if text.find("[", start, end) >= 0 else _ROUND
    for match in brackets.finditer(text, start, end):
        before = text[match.start() - 1] if match.start() > 0 else ""
        number = int(match.group(1) or match.group(brackets.groups))
        found.append(Marker(number, match.start(), match.end(), True, before.isdigit()))
    for match in _PLAIN.finditer(text, start, end):
        # after an acronym ("ONU1", but also "CO2", "G20") it is a doubtful candidate
        doubtful = bool(_ACRONYM.search(text[max(start, match.start() - 6) : match.start()]))
        found.append(
            Marker(int(match.group(1)), match.start(), match.end(), False, doubtful, plain=True)
        )
    for match in _AFTER_YEAR.finditer(text, start, end):
        found.append(
            Marker(int(match.group(1)), match.start(1), match.end(1), False, True, plain=True)
        )
    for match in _SPACED.finditer(text, start, end):
        if match.start() > start:  # the space before it is inside the range
            number = int(match.group(1))
            found.append(Marker(number, match.start() - 1, match.end(), True, False, True))
    found.sort(key=lambda m: m.start)
    return found


def _choose(block: FootnoteBlock, used: set[Marker], everything: Sequence[Marker]) -> Marker | None:
    paren_block = block.marker.startswith(("(", "["))
    plain_block = block.marker.isascii() and block.marker.isdigit()

    def rank(marker: Marker) -> tuple[bool, bool, bool, bool, int]:
        return (
            marker.paren != paren_block,
            marker.plain != plain_block,
            marker.spaced,
            marker.after_digit,
            marker.start,
        )

    candidates = [m for m in block.page if m.number == block.number and m not in used]
    if not candidates:  # the page's marker was lost: any earlier unmatched one
        candidates = [
            m
            for m in everything
            if m.number == block.number and m not in used and m.start < block.line_start
        ]
    return min(candidates, key=rank) if candidates else None


def _carrier(position: int, builders: Sequence[Any], ids: dict[int, str]) -> str | None:
    """The smallest unit whose text holds ``position``."""
    best: str | None = None
    for builder in builders:
        if any(s <= position < e for s, e in builder.spans):
            best = ids[id(builder)]
            if builder.kind is UnitKind.SUBPARAGRAPH:
                return best
    return best


def resolve_footnotes(
    text: str,
    blocks: Sequence[FootnoteBlock],
    markers: Sequence[Marker],
    builders: Sequence[Any],
    ids: dict[int, str],
    profile: LanguageProfile,
) -> Resolved:
    """Match blocks to markers, renumber 1…n in document order, find the cut-out ranges."""
    used: set[Marker] = set()
    matched: list[tuple[int, FootnoteBlock, Marker | None, str]] = []
    for order, block in enumerate(blocks):
        marker = _choose(block, used, markers)
        if marker is not None:
            used.add(marker)
            carrier = _carrier(marker.start, builders, ids)
        else:
            carrier = _carrier(block.line_start - 1, builders, ids)  # orphan: the unit before it
        if carrier is None and builders:
            carrier = ids[id(builders[0])]
        if carrier is None:
            continue
        matched.append((order, block, marker, carrier))
    matched.sort(
        key=lambda item: (item[2].start if item[2] is not None else item[1].line_start, item[0])
    )
    footnotes: list[Footnote] = []
    by_unit: dict[str, list[str]] = {}
    skip: list[tuple[int, int]] = []
    for number, (_order, block, _marker, carrier) in enumerate(matched, start=1):
        clean, pieces = clean_text(text, block.spans, [])
        oj = profile.oj_re.search(clean)
        fn_id = f"fn_{number}"
        footnotes.append(
            Footnote(
                id=fn_id,
                number=number,
                marker=block.marker,
                text=clean,
                unit=carrier,
                oj_reference=oj.group(0).strip() if oj else None,
                pieces=pieces,
            )
        )
        by_unit.setdefault(carrier, []).append(fn_id)
    for marker in markers:
        if not (marker.paren or marker.plain) or marker in used:
            skip.append((marker.start, marker.end))
    return Resolved(tuple(footnotes), {k: tuple(v) for k, v in by_unit.items()}, skip)


_COMPILED.save()
