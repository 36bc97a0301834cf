"""Persons: runs of two to four capitalised name words that are not institution,
place, month or cue words.

Evidence: the bare shape is weak (a movement or NGO found by its cue wins over it);
a case marker ("lui X") or a role cue in the same clause ("activista X",
"apărătorii drepturilor omului, cum ar fi X, Y") makes it strong. Roles stated
around the name travel as ``("role", Concept)`` attributes; a chain of names
("A, B și C") shares the roles stated before its first name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import cache, lru_cache

from ..model import EntityType, Mention
from .cues import Cues, fold_aligned, load_cues
from .names import after_org_cue, listed_person_start, roles_around
from .tokens import Token, fold, folded_words, is_cap, stem, tokenize, word_set

__all__ = ["extract", "chained", "name_runs"]

_POSSESSIVE = ("'s", "’s")
_QUOTES = {"„": "”", "“": "”", '"': '"', "«": "»", "*": "*"}


def _name_token(tok: Token, cues: Cues) -> bool:
    return _name_word(tok.text, cues.language)


@lru_cache(maxsize=65536)
def _name_word(word: str, language: str) -> bool:
    """Can this word be part of a person's name? A pure function of the word and the
    language's cues, asked of every token of every unit (and again by the list pass):
    cached, so each distinct word is judged once."""
    cues = load_cues(language)
    t = word
    for prefix in cues.raw.get("person_prefixes", ()):
        if t.startswith(prefix) and len(t) > len(prefix) + 1 and t[len(prefix)].isupper():
            t = t[len(prefix) :]  # "al-Khawaja"
            break
    if not is_cap(t) or any(c.isdigit() for c in t) or "/" in t:
        return False
    for p in _POSSESSIVE:
        if t.endswith(p):
            t = t[: -len(p)]
    head, *rest = t.split("-")
    if cues.is_non_name(head) or not is_cap(head):
        return False
    # later parts capitalised ("Jean-Paul") or a lower-case syllable ("Ka-chiu", "Jae-in")
    return all(
        (is_cap(p) and not cues.is_non_name(p)) or (p.isalpha() and p.islower() and len(p) <= 5)
        for p in rest
    )


@lru_cache(maxsize=65536)
def _bridge_word(word: str, language: str) -> bool:
    """A capitalised word barred from names only because another language's gazetteer
    name has it ("San" of "San Marino"): between two name words it stays in the
    name ("Aung San Suu Kyi")."""
    cues = load_cues(language)
    return (
        is_cap(word)
        and word.isalpha()
        and fold(word) in cues.non_name_words
        and stem(word) not in cues.non_name_stems
        and fold(word) not in cues.months
    )


@lru_cache(maxsize=1024)
def _runs_of(text: str, language: str) -> tuple[tuple[int, int], ...]:
    """The name runs of a unit's text, as token ranges: asked by the extractor and
    again by the list pass after settling, so cached by text."""
    cues = load_cues(language)
    tokens = tokenize(text)
    prefixes = tuple(cues.raw.get("person_prefixes", ()))
    # a word opening in lower case, without a name's prefix, is no name word: most
    # tokens are judged without a call (:func:`_name_word` would say False)
    name = [
        (t.text[0].isupper() or t.text.startswith(prefixes)) and _name_word(t.text, language)
        for t in tokens
    ]
    particles = cues.person_particles
    out = []
    i, n = 0, len(tokens)
    while i < n:
        if not name[i]:
            i += 1
            continue
        j, last = i + 1, i + 1
        while j < n:
            if text[tokens[j - 1].end : tokens[j].start] != " " or tokens[j - 1].text.endswith(
                _POSSESSIVE
            ):
                break
            if name[j]:
                last = j + 1
            elif not (
                (fold(tokens[j].text) in particles or _bridge_word(tokens[j].text, language))
                and j + 1 < n
                and name[j + 1]
            ):
                break
            j += 1
        out.append((i, last))
        i = max(last, i + 1)
    return tuple(out)


_AGE = re.compile(r"\(\s*\d{1,3}(?:\s+\w+){0,3}\s*\)")


def _title_words(cues: Cues) -> frozenset[str]:
    return _titles(cues.language)


@cache
def _titles(language: str) -> frozenset[str]:
    return frozenset(fold(t).rstrip(".") for t in load_cues(language).raw.get("person_titles", []))


@cache
def _titles_and_markers(language: str) -> frozenset[str]:
    return _titles(language) | load_cues(language).person_case_markers


def _chained(text: str, a: int, b: int, cues: Cues) -> bool:
    # an age between two names ("A (45 de ani) și B", "A (64), B") keeps the chain
    between = fold(_AGE.sub(" ", text[a:b])).replace(",", " ").split()
    return len(between) <= 1 and all(w in cues.list_and for w in between)


def _after_particle(tokens: Sequence[Token], i: int, j: int, cues: Cues) -> int:
    """Where every noun is capitalised, "Inhaftierung von A B" is "A B": the name
    words after the last particle, when two or more."""
    if not cues.raw.get("nouns_capitalised"):
        return i
    cut = max(
        (k + 1 for k in range(i, j) if fold(tokens[k].text) in cues.person_particles), default=i
    )
    return cut if j - cut >= 2 else i


def chained(text: str, a: int, b: int, cues: Cues) -> bool:
    """Is the gap between offsets ``a`` and ``b`` a list separator (", ", " and ")?"""
    return b > a and len(_AGE.sub(" ", text[a:b])) <= 8 and _chained(text, a, b, cues)


def name_runs(text: str, cues: Cues) -> list[tuple[int, int]]:
    """Offsets of the runs of two to four name words (a person's shape)."""
    tokens = tokenize(text)
    out = []
    for i, j in _runs_of(text, cues.language):
        i = _after_particle(tokens, i, j, cues)
        if 2 <= j - i <= 4:
            start, end = tokens[i].start, tokens[j - 1].end
            for p in _POSSESSIVE:
                if text[start:end].endswith(p):
                    end -= len(p)
            out.append((start, end))
    return out


def _inside_larger_name(tokens: Sequence[Token], i: int, j: int, text: str, cues: Cues) -> bool:
    """Whether the run ``i``..``j`` is the front of a longer capitalised name: the word
    after it (one space on) is a capitalised non-name ("… Buddhist Academy", "…
    Uyghur Autonomous Region"), or it stands after a place preposition that no
    person follows (cue ``persons.not_after``: Romanian "din Larung Gar")."""
    if j < len(tokens) and not cues.raw.get("nouns_capitalised"):
        nxt = tokens[j]
        if (
            text[tokens[j - 1].end : nxt.start] == " "
            and is_cap(nxt.text)
            and nxt.text.isalpha()
            and cues.is_non_name(nxt.text)
            and fold(nxt.text) not in _FUNCTION_WORDS
        ):
            return True
    return i > 0 and fold(tokens[i - 1].text) in cues.words("persons", "not_after")


#: capitalised non-names that may follow a person's name in running text
_FUNCTION_WORDS = frozenset({"the", "and", "or", "of", "in", "on", "at", "for", "to", "by"})


def extract(unit_id: str, text: str, cues: Cues) -> Iterator[Mention]:
    tokens = tokenize(text)
    folded = fold_aligned(text)
    spans: list[tuple[int, int, bool]] = []
    for i, j in _runs_of(text, cues.language):
        i = _after_particle(tokens, i, j, cues)
        if j - i >= 3 and i > 0 and after_org_cue(tokens, i, folded, cues):
            i = listed_person_start(tokens, i, j, cues)  # "postului Kanal Azad Leyla H., …"
        if (
            j - i == 2
            and fold(tokens[i].text) in cues.person_particles
            and (i == 0 or fold(tokens[i - 1].text).rstrip(".") not in _title_words(cues))
            and not roles_around(
                folded, tokens[i].start, tokens[j - 1].end, cues, tokens[max(0, i - 3)].start
            )
        ):
            continue  # "known as El Helicoide": an article and one word, not a person
        if not 2 <= j - i <= 4:
            continue
        start, end = tokens[i].start, tokens[j - 1].end
        for p in _POSSESSIVE:
            if text[start:end].endswith(p):
                end -= len(p)
        prev = fold(tokens[i - 1].text) if i > 0 else ""
        if (
            i > 0
            and j < len(tokens)
            and tokens[i - 1].text in _QUOTES
            and tokens[j].text in _QUOTES.values()
        ):
            continue  # a quoted or italic title, not a person
        if _inside_larger_name(tokens, i, j, text, cues):
            continue  # "Larung Gar Tibetan Buddhist Academy": part of another name
        spans.append((start, end, prev in cues.person_case_markers))
    titles = _titles_and_markers(cues.language)
    folds = folded_words(text) if not titles.isdisjoint(word_set(text)) else ()
    for i in range(len(folds) - 1):
        if folds[i] in titles and _name_token(tokens[i + 1], cues):
            j = i + 1
            if (
                j + 1 < len(tokens)
                and tokens[j + 1].start == tokens[j].end + 1
                and _name_token(tokens[j + 1], cues)
            ):
                continue  # a full name follows: found as a run
            k = i + 2 if i + 1 < len(tokens) and tokens[i + 1].text == "." else i + 1
            tok = tokens[k]
            yield Mention(unit_id, tok.start, tok.end, tok.text, EntityType.PERSON, "cue:title")
    chain_roles: tuple[str, ...] = ()
    shape_alone = bool(cues.raw.get("person_shape_alone", True))
    prev_end = -1
    for start, end, marked in spans:
        if prev_end >= 0 and _chained(text, prev_end, start, cues):
            roles = tuple(dict.fromkeys(chain_roles + roles_around(folded, start, end, cues, 0)))
        else:
            roles = roles_around(folded, start, end, cues, floor=max(prev_end, 0))
            chain_roles = roles
        prev_end = end
        rule = "cue:role" if roles else "cue:case" if marked else "shape"
        if rule == "shape" and not shape_alone:
            continue
        attrs = tuple(("role", r) for r in roles)
        yield Mention(unit_id, start, end, text[start:end], EntityType.PERSON, rule, attrs)
