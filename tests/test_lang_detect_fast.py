"""Language detection compiles only the languages whose markers occur: it must pick
the same language as scoring every profile's patterns over the whole text would."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from graph.lang import _line_starts, _stripped_lines, all_profiles, detect_language, fold

ROOT = Path(__file__).resolve().parent.parent
TEXTS = sorted(
    p for folder in ("tests", "examples") for p in (ROOT / folder).rglob("*")
    if p.suffix in (".txt", ".html") and p.is_file()
)


def exhaustive(text: str) -> str:
    """Every profile's patterns over the text (what detection did before the shortcut)."""
    best, best_score = "", 0
    lines = _stripped_lines(text)
    for profile in all_profiles():
        score = 3 * _line_starts(lines, profile.citation_re)
        if profile.recital_re is not None:
            score += 3 * _line_starts(lines, profile.recital_re)
        score += 2 * len(profile.title_re.findall(text[:6000]))
        if score > best_score:
            best, best_score = profile.code, score
    return best


def test_collects_the_texts() -> None:
    assert len(TEXTS) >= 30


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_the_same_language_as_every_pattern_would_give(path: Path) -> None:
    text = path.read_text(encoding="utf-8", errors="replace")
    assert detect_language(text) == exhaustive(text)


def _upper(phrase: str) -> str:
    """Capitals where a letter has one capital ("ß" has none: "SS" is two letters)."""
    return "".join(c.upper() if len(c.upper()) == 1 else c for c in phrase)


def _no_accents(phrase: str) -> str:
    return "".join(unicodedata.normalize("NFD", ch)[0] for ch in phrase)


def test_markersfold_alike_with_or_without_accents_in_any_case() -> None:
    checked = 0
    for profile in all_profiles():
        for phrase in profile.citation + profile.recital + profile.title:
            folded = fold(phrase)
            assert fold(_no_accents(phrase)) == folded, (profile.code, phrase)
            assert fold(_upper(phrase)) == folded, (profile.code, phrase)
            assert fold(phrase.replace("ș", "ş").replace("ț", "ţ")) == folded
            checked += 1
    assert checked > 24 * 3


def test_each_language_is_still_found_from_its_own_markers() -> None:
    for profile in all_profiles():
        text = "\n".join(
            [f"- {profile.citation[0]} something,"] * 3
            + ([f"A. {profile.recital[0]} something;"] * 3 if profile.recital else [])
        )
        assert detect_language(text) == exhaustive(text), profile.code
        shouty = _upper(_no_accents(text))
        assert detect_language(shouty) == exhaustive(shouty), profile.code


def test_page_footers_and_navigation_words_are_found_as_by_every_pattern() -> None:
    import re

    from graph.walker import _is_navigation, _Walker

    walker = _Walker("", all_profiles()[0])
    checked = 0
    for profile in all_profiles():
        for phrase in profile.page_footer:
            shouty = _upper(_no_accents(phrase))
            for line in (f"{phrase} 2019-2024", f"  {shouty} x", "x " + phrase):
                expected = any(p.footer_re.match(line) for p in all_profiles() if p.footer_re)
                assert walker._page_footer(line) == expected, (profile.code, line)
                checked += 1
        for word in profile.navigation:
            every = [w.strip() for p in all_profiles() for w in p.navigation]
            pattern = re.compile("|".join(map(re.escape, every)), re.IGNORECASE)
            for line in (word.strip(), _upper(word.strip()), _no_accents(word.strip()) + "x"):
                assert _is_navigation(line) == bool(pattern.fullmatch(line)), (profile.code, line)
                checked += 1
    assert checked > 24


def _first_word_slowly(line: str) -> str:
    """What :func:`graph.lang.first_word` answered before it memoised its tokens."""
    for token in line.split():
        folded = fold(token)
        if folded:
            return folded.split(" ", 1)[0]
    return ""


def test_first_word_is_the_fold_of_the_first_token_that_folds_to_something() -> None:
    from graph.lang import first_word

    lines = [
        "",
        "   ",
        "\u0301 \u0308  Având în vedere",
        "– ¨ ŞI",
        "a¨b c",
        "\tΑ. Εκτιμώντας",
        "ﬁrst line",
        "İstanbul ı",
        "ΣΟΦΟΣ.",
    ]
    for path in TEXTS:
        lines += path.read_text(encoding="utf-8", errors="replace").splitlines()[:100]
    assert len(lines) > 1000
    for line in lines:
        assert first_word(line) == _first_word_slowly(line), line


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_the_title_bound_is_never_below_the_title_count(path: Path) -> None:
    """What lets detection skip a language's title search must hold on every text."""
    from graph.lang import _title_bound

    text = path.read_text(encoding="utf-8", errors="replace")
    head = fold(text[:6000])
    for profile in all_profiles():
        bound = _title_bound(profile, head)
        count = len(profile.title_re.findall(text[:6000]))
        assert bound is None or count <= bound, profile.code


def test_every_title_regex_has_a_bound_from_what_its_matches_contain() -> None:
    from graph.lang import _needs

    with_regex = [p for p in all_profiles() if p.title_regex]
    assert len(with_regex) >= 5
    for profile in with_regex:
        assert profile._title_needs is not None and all(profile._title_needs), profile.code
    assert _needs((r"Az Európai Parlament \d{4}\.",)) == ("az europai parlament",)
    regex = r"\d+\s+(?:mhux\s+)?leġiżlattiva tal-Parlament"
    assert _needs((regex,)) == ("legizlattiva tal-parlament",)
    assert _needs((r"(?:abc|xyz)\d",)) is None  # no text every match holds
    assert _needs((r"abd|abc",)) == ("ab",)  # the parser's common prefix of the branches


def test_the_title_still_breaks_a_tie_of_lines() -> None:
    profiles = {p.code: p for p in all_profiles()}
    en, fr = profiles["en"], profiles["fr"]
    lines = [f"- {en.citation[0]} x,", f"- {fr.citation[0]} x,"]
    for title in ("", f"{en.title[0]} 1 May 2021", f"{fr.title[0]} 1 mai 2021"):
        for text in ("\n".join([title, *lines]), "\n".join([title, *reversed(lines)])):
            assert detect_language(text) == exhaustive(text), text
    alone = "\n".join([f"{fr.title[0]} 1 mai 2021", f"- {en.citation[0]} x,"])
    assert detect_language(alone) == exhaustive(alone) == "en"


def test_profile_patterns_come_from_programs_of_their_own_source() -> None:
    import re

    from graph.lang import _MONTH_KEYS, _PATTERN_KEYS

    checked = 0
    for profile in all_profiles():
        for key in _PATTERN_KEYS + _MONTH_KEYS:
            source = profile._source(key)
            program = profile._programs.get(key)
            assert (program is None) == (source is None or key in _MONTH_KEYS), (profile.code, key)
            if source is not None:
                assert program is None or program[1] == source, (profile.code, key)
                compiled = profile._compiled(key)
                assert compiled == re.compile(source, re.IGNORECASE), (profile.code, key)
                checked += 1
    assert checked > 24 * 17


def test_phrase_folds_derived_with_the_profiles_are_the_folds() -> None:
    from graph.lang import first_words, folded

    checked = 0
    for profile in all_profiles():
        assert profile._folds, profile.code
        for phrase, derived in profile._folds.items():
            assert derived == fold(phrase) == folded(phrase), (profile.code, phrase)
            checked += 1
        for phrases in (profile.citation, profile.recital, profile.title, profile.page_footer):
            expected = {fold(phrase).split(" ", 1)[0] for phrase in phrases}
            assert set(first_words(phrases)) == expected, profile.code
    assert folded("not a phrase of any profile ȘI") == fold("not a phrase of any profile ȘI")
    assert checked > 24 * 5


def test_month_numbers_are_read_as_each_month_pattern_would() -> None:
    import re

    from graph.lang import phrase_pattern

    checked = 0
    for profile in all_profiles():
        for month in profile.months:
            for name in (month, _upper(month), _no_accents(month), f" {month} ", month + "x"):
                expected = next(
                    (
                        index
                        for index, m in enumerate(profile.months, start=1)
                        if re.fullmatch(phrase_pattern(m), name.strip(), re.IGNORECASE)
                    ),
                    None,
                )
                assert profile.month_number(name) == expected, (profile.code, name)
                checked += 1
    assert checked > 24 * 12 * 4
