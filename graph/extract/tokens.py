"""Tokens, folding and a crude cross-language stemmer shared by every extractor.

Extractors reason over tokens (a word with its offsets) rather than raw regexes so
that offsets stay exact: every span an extractor returns is cut from the unit text
with the offsets of its first and last token. Folding (lowercase, no diacritics,
ş/ș alike) and stemming (strip case endings) let "Organizației Mondiale a Sănătății"
and "Organizația Mondială a Sănătății" share one key without a morphological
dictionary; it is applied symmetrically to both sides of any comparison.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

__all__ = [
    "Token",
    "tokenize",
    "folded_words",
    "word_set",
    "fold",
    "stem",
    "key_of",
    "is_cap",
    "is_acronym",
    "slug",
]

# An elided French or Italian article, preposition or pronoun ("l'", "d'", "qu'",
# "dell'", "all'") is a token of its own, so "l'article" and "dell'articolo" start a
# word at "article(o)"; so is an English possessive "'s" ("RFE/RL's" → "RFE/RL", "'s").
_TOKEN = re.compile(
    r"(?<!\w)(?:[ldjmnstc]|qu|jusqu|lorsqu|puisqu|dell|dall|nell|sull|all|coll|quell|un)['’](?=\w)"
    r"|\d+(?:\.\d+)+(?!\w)"  # one number "206.3.2", "330.1": an article's number
    r"|\w+\.[ºª](?!\w)"  # a Portuguese ordinal or abbreviation: "artigo 144.º", "n.º 5"
    r"|\w+(?:[-/]\w+|['’](?!s\b)\w+)*"
    r"|['’]s\b"
    r"|[^\w\s]",
    re.UNICODE,
)


@dataclass(frozen=True, slots=True)
class Token:
    """A word or a punctuation sign, with its offsets in the unit text."""

    text: str
    start: int
    end: int

    @property
    def word(self) -> bool:
        return self.text[0].isalnum() or self.text[0] == "_"


@lru_cache(maxsize=512)
def _tokenize(text: str) -> tuple[Token, ...]:
    return tuple(Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text))


def tokenize(text: str) -> list[Token]:
    """Words and punctuation signs with their offsets (cached: every extractor asks)."""
    return list(_tokenize(text))


@lru_cache(maxsize=512)
def folded_words(text: str) -> tuple[str, ...]:
    """The folded text of each token of ``text``, by token index (cached: several
    extractors look for their cue words among a unit's tokens)."""
    return tuple(fold(t.text) for t in _tokenize(text))


@lru_cache(maxsize=512)
def word_set(text: str) -> frozenset[str]:
    """The folded tokens of ``text`` as a set: an extractor whose cue words are all
    absent from a unit skips its scan of the unit's tokens."""
    return frozenset(folded_words(text))


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lowercase, strip diacritics (both Romanian comma and cedilla forms), unify quotes."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    out = "".join(c for c in decomposed if not unicodedata.combining(c))
    return out.replace("’", "'")


def _load_endings() -> tuple[tuple[str, str], ...]:
    """The stem's endings are data (graph/data/stem-endings.toml), not code."""
    path = Path(__file__).resolve().parent.parent / "data" / "stem-endings.toml"
    with path.open("rb") as handle:
        rows = tomllib.load(handle)["endings"]
    return tuple((str(ending), str(repl)) for ending, repl in rows)


_ENDINGS: tuple[tuple[str, str], ...] = _load_endings()


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Fold a word and strip one case/number ending, keeping at least 3 letters."""
    w = fold(word)
    if not w.isalpha() or len(w) <= 3:
        return w
    for ending, repl in _ENDINGS:
        if w.endswith(ending) and len(w) - len(ending) + len(repl) >= 3:
            return w[: len(w) - len(ending)] + repl
    return w


def key_of(words: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    return tuple(stem(w) for w in words)


@lru_cache(maxsize=65536)
def is_cap(word: str) -> bool:
    """A capitalised word: upper-case first letter followed by a lower-case letter."""
    return len(word) >= 2 and word[0].isupper() and any(c.islower() for c in word[1:])


@lru_cache(maxsize=65536)
def is_acronym(word: str) -> bool:
    """An acronym: two or more letters, all upper-case (slashes and hyphens allowed)."""
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def slug(text: str) -> str:
    """Lowercase ASCII slug: the key of an entity."""
    s = re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")
    return s or "x"
