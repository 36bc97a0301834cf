"""Base (nominative) forms of inflected names, from per-language endings data.

Romanian puts names in the genitive/dative: "Partidului Liberal" is
"Partidul Liberal", "Uniunii Europene" is "Uniunea Europeană", and a woman's
given name "Elenei" is "Elena" when her surname shows she is a woman. The rules
are data (``[inflection]`` in ``graph/lang/cues/<code>.toml``); a language without
them (English) returns names unchanged.
"""

from __future__ import annotations

from functools import cache, lru_cache

from .extract.cues import Cues, load_cues
from .extract.tokens import fold, stem

__all__ = ["base_person", "base_name"]


def _pairs(cues: Cues, key: str) -> tuple[tuple[str, str], ...]:
    return _language_pairs(cues.language, key)


@cache
def _language_pairs(language: str, key: str) -> tuple[tuple[str, str], ...]:
    return tuple((a, b) for a, b in load_cues(language).section("inflection").get(key, []))


def _replace_end(word: str, pairs: tuple[tuple[str, str], ...]) -> tuple[str, bool]:
    for old, new in pairs:
        if len(word) > len(old) + 1 and word.endswith(old):
            return word[: len(word) - len(old)] + new, True
        if len(word) > len(old) + 1 and word.lower().endswith(old):
            return word[: len(word) - len(old)] + new, True
    return word, False


@lru_cache(maxsize=8192)
def base_person(surface: str, language: str) -> str:
    """A person's name in the nominative: "Mariei Ivanova" → "Maria Ivanova".

    Cached, like :func:`base_name`: resolution asks for each mention's base form
    while clustering and again while labelling."""
    cues = load_cues(language)
    words = surface.split()
    endings = tuple(cues.section("inflection").get("feminine_surname_endings", []))
    if len(words) >= 2 and endings and fold(words[-1]).endswith(endings):
        first, changed = _replace_end(words[0], _pairs(cues, "feminine_given"))
        if changed:
            words[0] = first
    return " ".join(words)


@lru_cache(maxsize=8192)
def base_name(surface: str, language: str) -> str:
    """An institutional name in the nominative: its head noun and the adjectives that
    agree with it ("Uniunii Europene" → "Uniunea Europeană"); other words untouched."""
    cues = load_cues(language)
    head_rules = _pairs(cues, "head")
    if not head_rules:
        return surface
    words = surface.split(" ")
    if not words or stem(words[0]) not in cues.head_stems:
        return surface
    head, changed = _replace_end(words[0], head_rules)
    if not changed:
        return surface
    feminine = head.lower().endswith(("a", "ea"))
    words[0] = head
    if feminine:
        adj_rules = _pairs(cues, "feminine_adjective")
        for i in range(1, len(words)):
            w = words[i]
            if not w.isalpha() or fold(w) in cues.name_connectors:
                break
            words[i], _ = _replace_end(w, adj_rules)
    return " ".join(words)
