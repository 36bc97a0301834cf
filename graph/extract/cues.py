"""Per-language cue data (``graph/lang/cues/<code>.toml``) compiled once.

All language knowledge of extraction lives in those files, so a new language is a
new file, never a branch in the code. Cue patterns are matched on *aligned folded*
text (same length as the original, lowercase, no diacritics) so that a match's
offsets are offsets into the unit's clean text.

Pattern language: words separated by spaces; a trailing ``*`` means "any ending";
words may be separated in the text by any white space or a hyphen.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ..model import EntityType
from .tokens import fold, stem

__all__ = ["Cues", "load_cues", "fold_aligned", "compile_patterns", "available_languages"]

_DIR = Path(__file__).resolve().parent.parent / "lang" / "cues"


def available_languages() -> tuple[str, ...]:
    return tuple(sorted(p.stem for p in _DIR.glob("*.toml")))


class _FoldTable(dict[int, str]):
    """A str.translate table that folds each character once, on first sight."""

    def __missing__(self, code: int) -> str:
        c = chr(code)
        f = fold(c)
        value = f if len(f) == 1 else c.lower() if len(c.lower()) == 1 else c
        self[code] = value
        return value


_TABLE = _FoldTable()


@lru_cache(maxsize=512)
def fold_aligned(text: str) -> str:
    """Fold character by character, so offsets in the result are offsets in ``text``."""
    return text.translate(_TABLE)


def _word_regex(word: str) -> str:
    star = word.endswith("*")
    parts = [re.escape(fold(p)) for p in word.rstrip("*").split("*")]
    body = r"[\w'’]*".join(parts)  # a leading "*" gives an empty first part: any prefix
    return body + (r"[\w'’]*" if star else r"(?![\w])")


def compile_patterns(phrases: list[str] | tuple[str, ...]) -> re.Pattern[str] | None:
    """One alternation over folded text, longest phrase first; ``None`` when empty."""
    parts = []
    for phrase in sorted({p for p in phrases if p.strip()}, key=len, reverse=True):
        words = phrase.split()
        parts.append(r"[\s\-]+".join(_word_regex(w) for w in words))
    if not parts:
        return None
    return re.compile(r"(?<![\w])(?:" + "|".join(parts) + ")")


@dataclass(frozen=True)
class Cues:
    """Compiled cue data of one language."""

    language: str
    raw: dict[str, Any]
    name_connectors: frozenset[str]
    person_particles: frozenset[str]
    person_case_markers: frozenset[str]
    list_intros: re.Pattern[str] | None
    list_and: frozenset[str]
    place_prepositions: frozenset[str]
    name_stops: frozenset[str]
    non_name_stems: frozenset[str]
    non_name_words: frozenset[str]  # exact folded words (other languages' gazetteer names)
    months: frozenset[str]
    roles: tuple[tuple[re.Pattern[str], str], ...]
    role_any: re.Pattern[str] | None
    org_cues: tuple[tuple[re.Pattern[str], EntityType], ...]
    action_pattern: re.Pattern[str] | None  # one group per phrase, longest first
    action_names: tuple[str, ...]  # group number - 1 → action

    def action_at(self, folded: str, pos: int) -> tuple[str, int] | None:
        """The operative verb phrase starting at ``pos`` (after white space), if any."""
        if self.action_pattern is None:
            return None
        m = self.action_pattern.match(folded, pos)
        if m is None or m.lastindex is None:
            return None
        return self.action_names[m.lastindex - 1], m.end()

    def actions_in(self, folded: str, start: int, end: int) -> list[tuple[int, str]]:
        """Every operative verb phrase between two offsets, as (offset, action)."""
        if self.action_pattern is None:
            return []
        return [
            (m.start(), self.action_names[m.lastindex - 1])
            for m in self.action_pattern.finditer(folded, start, end)
            if m.lastindex is not None
        ]

    def section(self, name: str) -> dict[str, Any]:
        value = self.raw.get(name, {})
        return value if isinstance(value, dict) else {}

    def patterns(self, section: str, key: str) -> re.Pattern[str] | None:
        return _section_pattern(self.language, section, key)

    def words(self, section: str, key: str) -> frozenset[str]:
        return _section_words(self.language, section, key)

    @property
    def head_stems(self) -> frozenset[str]:
        """Stems of the nouns that head a name ("Partidul", "Legea", "Centrul")."""
        return _head_stems(self.language)

    def is_head(self, word: str) -> bool:
        return word[:1].isupper() and stem(word) in self.head_stems

    def is_non_name(self, word: str) -> bool:
        f = fold(word)
        return stem(word) in self.non_name_stems or f in self.non_name_words or f in self.months


@cache
def _head_stems(language: str) -> frozenset[str]:
    cues = load_cues(language)
    words: set[str] = set()
    for phrases in cues.section("org_cues").values():
        words |= {p.split()[0].rstrip("*") for p in phrases}
    for key in ("code_heads", "law_heads", "bill_heads", "decree_heads", "article_heads"):
        words |= {p.split()[0].rstrip("*") for p in cues.section("legal").get(key, [])}
    for key in (
        "eu_heads",
        "international_heads",
        "eu_strategy",
        "own_resolutions",
        "council_conclusions",
        "sanctions",
    ):
        words |= {p.split()[0].rstrip("*") for p in cues.section("instruments").get(key, [])}
    for key in ("country_heads", "named_heads", "place_heads"):
        words |= {p.split()[0].rstrip("*") for p in cues.section("bodies").get(key, [])}
    words |= {p.split()[0] for p in cues.section("org_names").get("words", [])}
    return frozenset(stem(w) for w in words if w and w.isalpha() and len(w) > 2)


@cache
def _section_words(language: str, section: str, key: str) -> frozenset[str]:
    return frozenset(fold(w) for w in load_cues(language).section(section).get(key, []))


@cache
def _section_pattern(language: str, section: str, key: str) -> re.Pattern[str] | None:
    cues = load_cues(language)
    value = cues.section(section).get(key, [])
    if isinstance(value, str):
        value = [value]
    return compile_patterns(value)


def _read(language: str) -> dict[str, Any]:
    path = _DIR / f"{language}.toml"
    if not path.is_file():
        known = ", ".join(available_languages())
        raise ConfigError(f"no entity cues for language {language!r}; available: {known}")
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:  # a packaging error, not user input
        raise ConfigError(f"{path.name}: {exc}") from exc


@cache
def load_cues(language: str) -> Cues:
    """Load and compile a language's cues; unknown languages fall back to English."""
    if language not in available_languages():
        language = "en"
    raw = _read(language)
    from .gazetteer import gazetteer_words

    role_items: list[tuple[re.Pattern[str], str]] = []
    for role, phrases in raw.get("roles", {}).items():
        pat = compile_patterns(phrases)
        if pat is not None:
            role_items.append((pat, role))
    org_items: list[tuple[re.Pattern[str], EntityType]] = []
    for type_name, phrases in raw.get("org_cues", {}).items():
        pat = compile_patterns(phrases)
        if pat is not None:
            org_items.append((pat, EntityType(type_name)))
    action_items: list[tuple[str, str]] = []
    for action, phrases in raw.get("actions", {}).items():
        action_items.extend((p, action) for p in phrases)
    action_items.sort(key=lambda item: len(item[0]), reverse=True)
    groups = []
    for phrase, _ in action_items:
        one = compile_patterns([phrase])
        assert one is not None
        groups.append("(" + one.pattern + ")")
    action_pattern = re.compile(r"\s*(?:" + "|".join(groups) + ")") if groups else None
    all_role_phrases = [p for phrases in raw.get("roles", {}).values() for p in phrases]
    all_org_phrases = [p for phrases in raw.get("org_cues", {}).values() for p in phrases]
    cue_words = {w.rstrip("*") for p in all_role_phrases + all_org_phrases for w in p.split()}
    # a listed word whose stem is very short ("Ale" → "ale") hides only itself, not
    # every name that stems alike ("Ales")
    listed = raw.get("non_names", [])
    non_names = {stem(w) for w in listed if len(stem(w)) > 3}
    short_words = {fold(w) for w in listed if len(stem(w)) <= 3}
    non_names |= {stem(w) for w in cue_words if len(w) > 3}
    gaz_stems, gaz_words = gazetteer_words(language)
    non_names |= gaz_stems
    gaz_words = gaz_words | frozenset(short_words - non_names)

    def fset(key: str) -> frozenset[str]:
        return frozenset(fold(w) for w in raw.get(key, []))

    return Cues(
        language=language,
        raw=raw,
        name_connectors=fset("name_connectors"),
        person_particles=fset("person_particles"),
        person_case_markers=fset("person_case_markers"),
        list_intros=compile_patterns(raw.get("list_intros", [])),
        list_and=fset("list_and"),
        place_prepositions=fset("place_prepositions"),
        name_stops=fset("name_stops"),
        non_name_stems=frozenset(non_names),
        non_name_words=gaz_words,
        months=fset("months"),
        roles=tuple(role_items),
        role_any=compile_patterns(all_role_phrases),
        org_cues=tuple(org_items),
        action_pattern=action_pattern,
        action_names=tuple(a for _, a in action_items),
    )


def strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
