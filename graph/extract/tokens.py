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
import unicodedata
from functools import lru_cache
from itertools import repeat
from pathlib import Path
from typing import NamedTuple

from ..model import Compiled, cached_dataclass

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
#: what this module compiles, kept compiled in the data cache (graph.model.Compiled)
_COMPILED = Compiled(__name__, __file__)

_TOKEN = _COMPILED.pattern(
    # The Maltese article, alone or fused with a preposition and assimilated ("l-", "il-",
    # "ir-", "tal-", "lill-", "għall-", "fil-", "mill-"), is a token of its own, as the
    # French "l'" is: "l-Artikolu", "tal-Kodiċi" start a word at "Artikolu", "Kodiċi".
    # Only forms no other EU language writes before a hyphen (not "al-", "el-", "bin-").
    r"(?<!\w)(?:[Ii][lrstdnxzżċ]|[Ll]|ta[lsrtdnxzżċ]|li[lsrtdnxzżċ]|lill|għa[lsrtdnxzżċ]|għall"
    r"|fi[lsrtdnxzżċ]|mi[lsrtdnxzżċ]|mill|bi[lsrtdxzżċ]|sal|mal|[bfm]l)-(?=\w)"
    r"|(?<!\w)[rstdnxzżċ]-(?=[A-ZĊĠĦŻ])"  # after a vowel: "billi r-Rapporteur" (not "s-a")
    r"|(?<!\w)[Tt]a['’](?!\w)"  # Maltese "ta'" (of) before a space: a word of its own
    r"|(?<!\w)(?:[ldjmnstcf]|qu|jusqu|lorsqu|puisqu|dell|dall|nell|sull|all|coll|quell|un)['’](?=\w)"
    r"|\d+(?:\.\d+)+(?!\w)"  # one number "206.3.2", "330.1": an article's number
    r"|\w+\.[ºª](?!\w)"  # a Portuguese ordinal or abbreviation: "artigo 144.º", "n.º 5"
    r"|\w+(?:[-\u2010\u2011/]\w+|['’](?!s\b)\w+)*"  # U+2010/2011: typeset hyphens
    r"|['’]s\b"
    r"|[^\w\s]",
    re.UNICODE,
)


class Token(NamedTuple):
    """A word or a punctuation sign, with its offsets in the unit text.

    A named tuple rather than a frozen dataclass: a document makes thousands, and
    a tuple is built in half the time (no ``object.__setattr__`` per field).
    """

    text: str
    start: int
    end: int

    @property
    def word(self) -> bool:
        return self.text[0].isalnum() or self.text[0] == "_"


_new = tuple.__new__


_Match = re.Match


@lru_cache(maxsize=512)
def _tokenize(text: str) -> tuple[Token, ...]:
    # ``tuple.__new__`` with the class is what ``Token(...)`` does, without the
    # named tuple's Python-level ``__new__``, and ``map`` makes the ~5,000 tokens of
    # a document without a Python-level step per token.
    found = list(_TOKEN.finditer(text))
    triples = zip(
        map(_Match.group, found), map(_Match.start, found), map(_Match.end, found), strict=True
    )
    return tuple(map(_new, repeat(Token), triples))


def tokenize(text: str) -> tuple[Token, ...]:
    """Words and punctuation signs with their offsets (cached: every extractor asks,
    and each gets the same tuple, not a copy)."""
    return _tokenize(text)


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
    """Lowercase, strip diacritics (both Romanian comma and cedilla forms), unify quotes
    and hyphens."""
    if text.isascii():  # nothing to decompose, no ’ or U+2010: 25× cheaper
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.lower())
    out = "".join(c for c in decomposed if not unicodedata.combining(c))
    return out.replace("’", "'").replace("\u2010", "-")  # NFKD made U+2011 a U+2010


_DATA = Path(__file__).resolve().parent.parent / "data"


@cached_dataclass(_COMPILED, frozen=True, slots=True)
class _Tables:
    """The language data this module reads: the stem's endings and the transliteration
    of non-Latin letters for keys (both data, graph/data/*.toml, not code)."""

    endings: tuple[tuple[str, str], ...]
    sequences: tuple[tuple[str, str], ...]  # longest first
    letters: dict[int, str]  # a str.translate table


def _read_tables() -> _Tables:
    import tomllib

    with (_DATA / "stem-endings.toml").open("rb") as handle:
        rows = tomllib.load(handle)["endings"]
    with (_DATA / "transliteration.toml").open("rb") as handle:
        latin = tomllib.load(handle)
    sequences = sorted(latin["sequences"].items(), key=lambda kv: (-len(kv[0]), kv[0]))
    return _Tables(
        endings=tuple((str(ending), str(repl)) for ending, repl in rows),
        sequences=tuple((str(k), str(v)) for k, v in sequences),
        letters={ord(k): str(v) for k, v in latin["letters"].items()},
    )


def _load_tables() -> _Tables:
    """Parsed once per user, not per process (:mod:`graph.datacache`): a fresh process
    then need not import ``tomllib`` at all."""
    from .. import datacache

    files = (_DATA / "stem-endings.toml", _DATA / "transliteration.toml", Path(__file__))
    return datacache.cached("tokens", files, _read_tables)


_TABLES = _load_tables()
_ENDINGS: tuple[tuple[str, str], ...] = _TABLES.endings


def _endings_by_size(
    endings: tuple[tuple[str, str], ...],
) -> tuple[tuple[int, dict[str, tuple[int, str]]], ...]:
    """The endings by length, each with its place in the file and its replacement:
    a word's ending of each length is one dict lookup (its last letters), not one
    ``endswith`` per ending of the file."""
    sizes: dict[int, dict[str, tuple[int, str]]] = {}
    for order, (ending, repl) in enumerate(endings):
        sizes.setdefault(len(ending), {}).setdefault(ending, (order, repl))
    return tuple(sorted(sizes.items()))


_BY_SIZE = _endings_by_size(_ENDINGS)


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Fold a word and strip one case/number ending, keeping at least 3 letters.

    The ending stripped is the first in the file's order that the word ends with
    and that leaves three letters (:func:`stem_by_scan` says it plainly)."""
    w = fold(word)
    if not w.isalpha() or len(w) <= 3:
        return w
    best: tuple[int, int, str] | None = None
    for size, table in _BY_SIZE:
        hit = table.get(w[len(w) - size :])
        if (
            hit is not None
            and len(w) - size + len(hit[1]) >= 3
            and (best is None or hit[0] < best[0])
        ):
            best = (hit[0], size, hit[1])
    if best is None:
        return w
    return w[: len(w) - best[1]] + best[2]


def stem_by_scan(word: str) -> str:
    """:func:`stem` as a scan of every ending in the file's order (for tests)."""
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


def to_latin(folded: str) -> str:
    """Greek and Cyrillic letters of folded text in Latin letters (other text as it is)."""
    if folded.isascii():
        return folded
    for seq, latin in _TABLES.sequences:
        folded = folded.replace(seq, latin)
    return folded.translate(_TABLES.letters)


def slug(text: str) -> str:
    """Lowercase ASCII slug: the key of an entity.

    Greek and Cyrillic names are transliterated ("Иван Петров" → "ivan-petrov"), so
    two such names never share a key. A name in a script without a table keeps
    distinct keys too: its slug is "x-" and a digest of the name.
    """
    folded = fold(text)
    s = re.sub(r"[^a-z0-9]+", "-", to_latin(folded)).strip("-")
    if s:
        return s
    if any(c.isalnum() for c in folded):
        import hashlib

        return "x-" + hashlib.sha256(folded.encode("utf-8")).hexdigest()[:12]
    return "x"


_COMPILED.save()
