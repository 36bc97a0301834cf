"""The extractors' fast paths give the answers of the plain loops they replace: the
next token where a cue matches (one search, not a match per token), the occurrences of
a document's known names (an index, not one alternation compiled per document)."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.extract.names import next_match
from graph.extract.propagate import _Free, _index, _occurrences
from graph.extract.tokens import tokenize

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

_WORDS = st.sampled_from(
    ["Ab", "Abc", "Abc-d", "ab", "abc", "Abd", "AB", "x", "/", "-", "_", ",", "Ab/c", "é", "É", "1"]
)
_TEXTS = st.lists(_WORDS, max_size=14).flatmap(
    lambda words: st.lists(
        st.sampled_from([" ", "", "  ", "\n"]), min_size=len(words), max_size=len(words)
    ).map(lambda gaps: "".join(w + g for w, g in zip(words, gaps, strict=True)))
)


@SETTINGS
@given(
    _TEXTS,
    st.sampled_from([r"(?<![\w])ab\w*", r"(?<![\w])abc(?![\w])", r"b", r"\s*ab"]),
    st.integers(0, 20),
)
def test_next_match_is_the_first_token_where_the_pattern_matches(
    text: str, source: str, i: int
) -> None:
    pattern = re.compile(source)
    folded = text.lower()
    tokens = tokenize(text)
    expected = next(
        (
            (k, pattern.match(folded, t.start))
            for k, t in enumerate(tokens)
            if k >= i and pattern.match(folded, t.start)
        ),
        None,
    )
    found = next_match(pattern, folded, tokens, i)
    if expected is None:
        assert found is None
    else:
        assert found is not None
        assert found[0] == expected[0]
        assert found[1].span() == expected[1].span()  # type: ignore[union-attr]


@SETTINGS
@given(
    _TEXTS,
    st.lists(
        st.sampled_from(["Ab", "Abc", "Ab c", "Abc-d", "Abd", "É1", "ab", "Ab/c"]),
        min_size=1,
        max_size=5,
    ),
)
def test_occurrences_are_what_one_alternation_finds(text: str, surfaces: list[str]) -> None:
    known = dict.fromkeys(surfaces)
    pattern = re.compile(
        r"(?<![\w/-])(?:"
        + "|".join(re.escape(s) for s in sorted(known, key=len, reverse=True))
        + r")(?![\w/-])"
    )
    assert list(_occurrences(text, _index(known))) == [m.span() for m in pattern.finditer(text)]


@SETTINGS
@given(
    st.lists(st.tuples(st.integers(0, 40), st.integers(1, 8)), max_size=10),
    st.integers(0, 40),
    st.integers(1, 8),
)
def test_free_is_overlapping_no_span(spans: list[tuple[int, int]], start: int, size: int) -> None:
    taken = [(s, s + n) for s, n in spans]
    end = start + size
    assert _Free(taken)(start, end) == (not any(start < te and ts < end for ts, te in taken))


@SETTINGS
@given(_TEXTS)
def test_folded_words_are_the_tokens_folded(text: str) -> None:
    from graph.extract.tokens import fold, folded_words, word_set

    expected = tuple(fold(t.text) for t in tokenize(text))
    assert folded_words(text) == expected
    assert word_set(text) == frozenset(expected)


def _demonym_country_by_scan(word: str) -> object:
    """The plain loop ``demonym_country`` replaced: the longest country name sharing
    the word's first five letters."""
    from graph.extract.gazetteer import _country_prefixes
    from graph.extract.tokens import fold

    w = fold(word)
    if not w.isalpha() or len(w) < 5:
        return None
    for name, entry in _country_prefixes():
        if w[:5] == name[:5] and len(w) >= 7:
            return entry
    return None


def test_demonym_country_index_gives_the_scans_answer() -> None:
    from graph.extract.gazetteer import _country_prefixes, demonym_country

    names = [name for name, _ in _country_prefixes()]
    words = [w for n in names for w in (n, n + "ese", n[:5], n[:6], n[:7] + "ian")]
    words += ["Kazakhes", "azerbaïdjanaises", "belarussischen", "x", "Abcdefgh", "12345678"]
    hits = 0
    for word in words:
        got = demonym_country(word)
        assert got is _demonym_country_by_scan(word), word
        hits += got is not None
    assert hits > len(names)  # the comparison is not all None
