"""Footnote markers and white space: the patterns in graph/footnotes.py and
graph/clean.py are written for speed (they open with the character a match starts
with); these tests pin them to the plainly written patterns they replace, on any
text and any slice of it."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph import footnotes
from graph.footnotes import find_markers

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

#: The plain readings: a look-behind first, then the marker.
READABLE = {
    "_SUPERSCRIPT": re.compile(r"(?<![⁰¹²³⁴⁵⁶⁷⁸⁹])[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3}(?![⁰¹²³⁴⁵⁶⁷⁸⁹])"),
    "_PAREN": re.compile(r"(?<=[^\s(\[])(?:\((\d{1,3})\)|\[(\d{1,3})\])"),
    "_PLAIN": re.compile(r"(?<=[^\W\d_]|[)”\"’»])(\d{1,2})(?=[\s,.;:)]|$)"),
    "_AFTER_YEAR": re.compile(r"(?<![\d/.])(?:19|20)\d\d(\d{1,2})(?=[\s,.;:)]|$)"),
}

# The characters the patterns care about, and a few others.
_ALPHABET = '0123456789⁰¹²³⁴⁵⁶⁷⁸⁹()[]/._,;: \n”"’»aZé١'
_TEXTS = st.text(alphabet=_ALPHABET, max_size=60) | st.sampled_from(
    ["a¹²³⁴ ¹", "x(12)[3] [4] 1(2)", "of 12 March 20202,", "/20201 .20201 19201.", "ONU1, (RSP))1;"]
)


def _found(pattern: re.Pattern[str], text: str, start: int, end: int) -> list[object]:
    return [
        (m.span(), m.groups(), [m.span(i) for i in range(1, pattern.groups + 1)])
        for m in pattern.finditer(text, start, end)
    ]


@SETTINGS
@given(_TEXTS, st.integers(0, 60), st.integers(0, 60))
def test_fast_patterns_match_their_plain_reading(text: str, a: int, b: int) -> None:
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    for name, readable in READABLE.items():
        fast: re.Pattern[str] = getattr(footnotes, name)
        assert _found(fast, text, start, end) == _found(readable, text, start, end), name


def test_markers_of_each_kind() -> None:
    text = "Kazakhstan¹, Rule 144(5), a word (2), Egypt3; of 12 March 20204, CO2 1234¹²³⁴"
    found = [(m.number, text[m.start : m.end], m.plain) for m in find_markers(text, 0, len(text))]
    assert found == [
        (1, "¹", False),
        (5, "(5)", False),
        (2, " (2)", False),
        (3, "3", True),
        (4, "4", True),
        (2, "2", True),
    ]


@SETTINGS
@given(
    st.text(alphabet=" \n\t\u00a0\r\u2009ab", max_size=40), st.integers(0, 40), st.integers(0, 40)
)
def test_space_runs_match_their_plain_reading(text: str, a: int, b: int) -> None:
    """clean.py's white-space pattern opens with ``\\s`` for speed; it finds what the
    plainly written one finds."""
    from graph.clean import _SPACE_RUN

    readable = re.compile(r"\s*[^\S ]\s*|\s{2,}")
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    assert [m.span() for m in _SPACE_RUN.finditer(text, start, end)] == [
        m.span() for m in readable.finditer(text, start, end)
    ]
