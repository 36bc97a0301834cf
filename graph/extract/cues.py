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
import sys
import unicodedata
from collections.abc import Iterator
from functools import cache, lru_cache
from operator import itemgetter
from pathlib import Path
from typing import Any

from .. import datacache
from ..errors import ConfigError
from ..model import Compiled, EntityType, cached_dataclass
from .tokens import fold, stem

__all__ = [
    "Cues",
    "load_cues",
    "fold_aligned",
    "compile_patterns",
    "pattern_source",
    "available_languages",
    "finditer",
    "pattern_heads",
]

_DIR = Path(__file__).resolve().parent.parent / "lang" / "cues"

#: what this module compiles, kept compiled in the data cache (graph.model.Compiled)
_COMPILED = Compiled(__name__, __file__)


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


def pattern_source(phrases: list[str] | tuple[str, ...]) -> str | None:
    """The source of :func:`compile_patterns`' regex; ``None`` when there is no phrase."""
    parts = []
    # longest first; alphabetical among equals, so the source (and the data cache's
    # bytes) do not vary with the hash seed
    for phrase in sorted({p for p in phrases if p.strip()}, key=lambda p: (-len(p), p)):
        words = phrase.split()
        parts.append(_word_start(r"[\s\-]+".join(_word_regex(w) for w in words)))
    if not parts:
        return None
    return "(?:" + "|".join(parts) + ")"


def _word_start(branch: str) -> str:
    """``branch`` anchored at a word start.

    The plain form puts ``(?<![\\w])`` first. When the branch opens with a literal
    character ``c``, ``c(?<![\\w][\\s\\S])`` says the same (the character before ``c``
    is not a word character) with the literal first: then every branch of the
    alternation opens with a literal, and the regex engine skips ahead to the
    positions where one of those characters occurs instead of trying each branch at
    every position (warm extraction ~10% cheaper; same matches).
    """
    if branch.startswith("\\") and len(branch) >= 2 and not branch[1].isalnum():
        head, rest = branch[:2], branch[2:]  # an escaped sign: "\\.", "\\-"
    elif branch[:1].isalnum():
        head, rest = branch[:1], branch[1:]
    else:  # opens with a class or group ("[\\w'’]*" for a leading "*"): keep it plain
        return r"(?<![\w])" + branch
    return head + r"(?<![\w][\s\S])" + rest


#: The compiled programs of the loaded languages' cue patterns, by source (see
#: :func:`graph.datacache.program`): what spares a fresh process compiling them.
_PROGRAMS: dict[str, datacache.Program] = {}


def compile_patterns(phrases: list[str] | tuple[str, ...]) -> re.Pattern[str] | None:
    """One alternation over folded text, longest phrase first; ``None`` when empty."""
    source = pattern_source(phrases)
    if source is not None and source not in _HEADS:
        _register_heads(source, pattern_heads(phrases))
    return _compiled(source)


#: How many first characters of a phrase's first word :func:`finditer` looks for.
_HEAD = 3

#: The heads of each cue pattern, by source (see :func:`pattern_heads`).
_HEADS: dict[str, frozenset[str] | None] = {}
#: Every head of every pattern in ``_HEADS``, and a count of its changes.
_ALL_HEADS: set[str] = set()
_generation = 0

#: A span shorter than this is scanned: the scan costs less than finding heads.
_SHORT = 200

#: the first (up to three) characters of each run of word characters
_WORD_OPENING = _COMPILED.pattern(rf"(?<![\w])\w{{1,{_HEAD}}}")
_SHORTER = tuple(itemgetter(slice(k)) for k in range(1, _HEAD))
#: the flags of a pattern compiled without any (:func:`compile_patterns`)
_PLAIN = re.compile("").flags


def pattern_heads(phrases: list[str] | tuple[str, ...]) -> frozenset[str] | None:
    """What a text must hold at a word start for a phrase of ``phrases`` to match
    there: the first word characters (up to three) of each phrase's first word.

    Every branch of :func:`pattern_source` opens at a word start with its first
    word's literal text, ``re.escape(fold(part))`` before any ``*``. ``None`` when a
    branch does not open with a word character (a leading ``*``, a sign): then only
    the regex can tell."""
    heads: set[str] = set()
    for phrase in phrases:
        if not phrase.strip():
            continue
        literal = fold(phrase.split()[0].rstrip("*").split("*")[0])
        head = ""
        for c in literal[:_HEAD]:
            if not (c.isalnum() or c == "_"):  # what ``\w`` matches
                break
            head += c
        if not head:
            return None
        heads.add(head)
    return frozenset(heads)


def _register_heads(source: str, heads: frozenset[str] | None) -> None:
    global _generation
    _HEADS[source] = heads
    if heads is not None and not heads <= _ALL_HEADS:
        _ALL_HEADS.update(heads)
        _generation += 1


@lru_cache(maxsize=512)
def _present(folded: str, generation: int) -> frozenset[str]:
    """The heads of the known patterns that open a word of ``folded``: the first one,
    two and three characters of each run of word characters, that are some pattern's
    head (``generation`` names the state of ``_ALL_HEADS`` this was computed for)."""
    openings = set(_WORD_OPENING.findall(folded))
    found = openings.union(*(map(first, openings) for first in _SHORTER))
    return frozenset(found.intersection(_ALL_HEADS))


def finditer(
    pattern: re.Pattern[str], folded: str, pos: int = 0, endpos: int = sys.maxsize
) -> Iterator[re.Match[str]]:
    """What ``pattern.finditer(folded, pos, endpos)`` finds, trying the pattern only
    where a word of ``folded`` opens as one of its phrases does.

    A scan of a unit by an alternation of dozens of phrases costs far more than a
    set test and a few ``str.find``: the scans were a fifth of a document's
    extraction, and most cue patterns find nothing in most units. A phrase matches
    at a word start, where the text's word characters open with the phrase's head
    (:func:`pattern_heads`): a text with no word opening with a head of the pattern
    has no match, and otherwise a match can start only where a head occurs."""
    heads = _HEADS.get(pattern.pattern)
    if heads is None or pattern.flags != _PLAIN:  # not a cue pattern as compiled here
        return pattern.finditer(folded, pos, endpos)
    found = heads.intersection(_present(folded, _generation))
    if not found:
        return iter(())
    if min(endpos, len(folded)) - pos < _SHORT or min(map(len, found)) < _HEAD:
        return pattern.finditer(folded, pos, endpos)  # a short span, or a short head
    return _at_heads(pattern, folded, found, pos, endpos)


def _at_heads(
    pattern: re.Pattern[str], folded: str, heads: frozenset[str], pos: int, endpos: int
) -> Iterator[re.Match[str]]:
    """The matches of ``pattern`` that start where one of ``heads`` occurs, left to
    right and not overlapping, as ``finditer`` finds them (a search finds the first
    position where ``match`` succeeds; a match is never empty: a head opens it)."""
    starts: set[int] = set()
    for head in heads:
        i = folded.find(head, pos, endpos)
        while i >= 0:
            starts.add(i)
            i = folded.find(head, i + 1, endpos)
    cursor = pos
    for i in sorted(starts):
        if i >= cursor and (m := pattern.match(folded, i, endpos)) is not None:
            yield m
            cursor = m.end()


def _compiled(source: str | None) -> re.Pattern[str] | None:
    if source is None:
        return None
    return datacache.compile_program(source, 0, _PROGRAMS.get(source))


@cached_dataclass(_COMPILED, frozen=True)
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
    cues = load_cues(language)  # derived with the cue data (:func:`_head_stems_of`)
    return frozenset(_HEAD_STEMS.get(cues.language, ()))


#: by language, :func:`_head_stems_of` its cue data, as derived with the data
_HEAD_STEMS: dict[str, tuple[str, ...]] = {}


def _head_stems_of(raw: dict[str, Any]) -> tuple[str, ...]:
    """The stems of a language's head nouns, sorted."""

    def section(name: str) -> dict[str, Any]:
        value = raw.get(name, {})
        return value if isinstance(value, dict) else {}

    words: set[str] = set()
    for phrases in section("org_cues").values():
        words |= {p.split()[0].rstrip("*") for p in phrases}
    for key in ("code_heads", "law_heads", "bill_heads", "decree_heads", "article_heads"):
        words |= {p.split()[0].rstrip("*") for p in section("legal").get(key, [])}
    for key in (
        "eu_heads",
        "international_heads",
        "eu_strategy",
        "own_resolutions",
        "council_conclusions",
        "sanctions",
    ):
        words |= {p.split()[0].rstrip("*") for p in section("instruments").get(key, [])}
    for key in ("country_heads", "named_heads", "place_heads"):
        words |= {p.split()[0].rstrip("*") for p in section("bodies").get(key, [])}
    words |= {p.split()[0] for p in section("org_names").get("words", [])}
    return tuple(sorted({stem(w) for w in words if w and w.isalpha() and len(w) > 2}))


@cache
def _section_words(language: str, section: str, key: str) -> frozenset[str]:
    return frozenset(fold(w) for w in load_cues(language).section(section).get(key, []))


#: by language, the pattern source of each phrase list, as derived with its data
_SECTION_SOURCES: dict[str, dict[tuple[str, str], str | None]] = {}


@cache
def _section_pattern(language: str, section: str, key: str) -> re.Pattern[str] | None:
    cues = load_cues(language)
    known = _SECTION_SOURCES.get(cues.language, {})
    if (section, key) in known:  # no source to rebuild from its phrases
        return _compiled(known[section, key])
    value = cues.section(section).get(key, [])
    if isinstance(value, str):
        value = [value]
    return compile_patterns(value)


def _read(language: str) -> dict[str, Any]:
    import tomllib  # only on a data cache miss: a warm process never parses TOML

    path = _DIR / f"{language}.toml"
    if not path.is_file():
        known = ", ".join(available_languages())
        raise ConfigError(f"no entity cues for language {language!r}; available: {known}")
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:  # a packaging error, not user input
        raise ConfigError(f"{path.name}: {exc}") from exc


def sources(language: str) -> tuple[Path, ...]:
    """Every file a language's cue data depends on: its cue file, the gazetteer (its
    words are not names) and the code deriving both."""
    from .gazetteer import sources as gazetteer_sources

    return (_DIR / f"{language}.toml", Path(__file__), *gazetteer_sources())


@cached_dataclass(_COMPILED, frozen=True)
class _CueData:
    """A language's cue data as derived from its files, before any regex is compiled:
    what the data cache keeps. Word sets are sorted tuples (a set's order, and so its
    pickle, would vary with the hash seed)."""

    raw: dict[str, Any]
    word_sets: dict[str, tuple[str, ...]]
    non_name_stems: tuple[str, ...]
    non_name_words: tuple[str, ...]
    list_intros: str | None
    roles: tuple[tuple[str, str], ...]  # (pattern source, role)
    role_any: str | None
    org_cues: tuple[tuple[str, str], ...]  # (pattern source, entity type value)
    action_pattern: str | None
    action_names: tuple[str, ...]
    #: the compiled program of every pattern above and of every section's phrases
    programs: dict[str, datacache.Program]
    #: the heads of each of those patterns (:func:`pattern_heads`), by source; sorted
    heads: dict[str, tuple[str, ...] | None]
    #: the source of each phrase list's pattern, by (section, key) (:meth:`Cues.patterns`)
    section_sources: dict[tuple[str, str], str | None]
    #: the stems of the head nouns (:attr:`Cues.head_stems`), sorted, one a line: one
    #: string, so that no stem is an object shared with ``non_name_stems`` (the
    #: pickle's bytes would then vary with the hash seed)
    head_stems: str


_WORD_SETS = (
    "name_connectors",
    "person_particles",
    "person_case_markers",
    "list_and",
    "place_prepositions",
    "name_stops",
    "months",
)


@cache
def load_cues(language: str) -> Cues:
    """Load and compile a language's cues; unknown languages fall back to English."""
    if language not in available_languages():
        language = "en"
    data = datacache.cached(f"cues-{language}", sources(language), lambda: _derive(language))
    _PROGRAMS.update(data.programs)
    _SECTION_SOURCES[language] = data.section_sources
    _HEAD_STEMS[language] = tuple(data.head_stems.split("\n")) if data.head_stems else ()
    for source, heads in data.heads.items():
        if source not in _HEADS:
            _register_heads(source, None if heads is None else frozenset(heads))
    words = {key: frozenset(values) for key, values in data.word_sets.items()}
    return Cues(
        language=language,
        raw=data.raw,
        name_connectors=words["name_connectors"],
        person_particles=words["person_particles"],
        person_case_markers=words["person_case_markers"],
        list_intros=_compiled(data.list_intros),
        list_and=words["list_and"],
        place_prepositions=words["place_prepositions"],
        name_stops=words["name_stops"],
        non_name_stems=frozenset(data.non_name_stems),
        non_name_words=frozenset(data.non_name_words),
        months=words["months"],
        roles=tuple((_pattern(source), role) for source, role in data.roles),
        role_any=_compiled(data.role_any),
        org_cues=tuple((_pattern(source), EntityType(kind)) for source, kind in data.org_cues),
        action_pattern=_compiled(data.action_pattern),
        action_names=data.action_names,
    )


def _pattern(source: str) -> re.Pattern[str]:
    return datacache.compile_program(source, 0, _PROGRAMS.get(source))


def _derive(language: str) -> _CueData:
    """Read a language's cue file and derive its word sets and pattern sources."""
    raw = _read(language)
    from .gazetteer import gazetteer_words

    roles = [(pattern_source(phrases), role) for role, phrases in raw.get("roles", {}).items()]
    orgs = [(pattern_source(phrases), kind) for kind, phrases in raw.get("org_cues", {}).items()]
    action_items: list[tuple[str, str]] = []
    for action, phrases in raw.get("actions", {}).items():
        action_items.extend((p, action) for p in phrases)
    action_items.sort(key=lambda item: len(item[0]), reverse=True)
    groups = []
    for phrase, _ in action_items:
        one = pattern_source([phrase])
        assert one is not None
        groups.append("(" + one + ")")
    action_pattern = r"\s*(?:" + "|".join(groups) + ")" if groups else None
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
    phrase_lists = [
        raw.get("list_intros", []),
        all_role_phrases,
        *raw.get("roles", {}).values(),
        *raw.get("org_cues", {}).values(),
        *_section_phrases(raw),
    ]
    heads: dict[str, tuple[str, ...] | None] = {}
    for phrases in phrase_lists:
        source = pattern_source(phrases)
        if source is not None and source not in heads:
            found_heads = pattern_heads(phrases)
            heads[source] = None if found_heads is None else tuple(sorted(found_heads))
    patterns = set(heads) | ({action_pattern} if action_pattern is not None else set())
    return _CueData(
        raw=raw,
        word_sets={key: tuple(sorted({fold(w) for w in raw.get(key, [])})) for key in _WORD_SETS},
        non_name_stems=tuple(sorted(non_names)),
        non_name_words=tuple(sorted(gaz_words)),
        list_intros=pattern_source(raw.get("list_intros", [])),
        roles=tuple((source, role) for source, role in roles if source is not None),
        role_any=pattern_source(all_role_phrases),
        org_cues=tuple((source, kind) for source, kind in orgs if source is not None),
        action_pattern=action_pattern,
        action_names=tuple(a for _, a in action_items),
        programs={
            source: found
            for source in sorted(patterns)
            if (found := datacache.program(source)) is not None
        },
        heads=dict(sorted(heads.items())),
        section_sources={
            (name, key): pattern_source(phrases)
            for name, key, phrases in sorted(_keyed_phrases(raw))
        },
        head_stems="\n".join(_head_stems_of(raw)),
    )


def _keyed_phrases(raw: dict[str, Any]) -> list[tuple[str, str, list[str]]]:
    """(section, key, phrases) of every phrase list of a section."""
    out = []
    for name, section in raw.items():
        if isinstance(section, dict):
            for key, value in section.items():
                if isinstance(value, str):
                    value = [value]
                if isinstance(value, list) and all(isinstance(v, str) for v in value):
                    out.append((name, key, value))
    return out


def _section_phrases(raw: dict[str, Any]) -> list[list[str]]:
    """Every phrase list of a section (what :meth:`Cues.patterns` compiles), and each
    section's phrases together (a section of kinds: "org_cues")."""
    out: list[list[str]] = []
    together: dict[str, list[str]] = {}
    for name, _, phrases in _keyed_phrases(raw):
        out.append(phrases)
        together.setdefault(name, []).extend(phrases)
    return out + list(together.values())


def strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


_COMPILED.save()
