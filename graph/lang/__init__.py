"""Language profiles: what a resolution's structure looks like in each EU language.

All the knowledge lives in data files, ``graph/lang/structure/<code>.toml`` (one per
language), so supporting a new language means adding a file, never a branch in the
code. A profile holds the *structural* formulae only (citation and recital markers,
the title formula, month names, the Official Journal abbreviation, web-page
navigation words); entity cue words live elsewhere (``graph/lang/cues/``).

Matching is tolerant of the two spellings of Romanian ș/ț (comma below, as the
standard wants, and cedilla, as legacy encodings give) and of any run of white
space between words: :func:`phrase_pattern` builds such a pattern from a phrase.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import field
from functools import cache, cached_property, lru_cache
from pathlib import Path

from .. import datacache
from ..errors import ConfigError
from ..model import Compiled, cached_dataclass

__all__ = [
    "LanguageProfile",
    "SUPPORTED",
    "load_profile",
    "all_profiles",
    "detect_language",
    "phrase_pattern",
    "fold",
    "first_word",
    "first_words",
    "folded",
]

_DIR = Path(__file__).resolve().parent / "structure"
_COMPILED = Compiled(__name__, __file__)

#: Characters that are the same letter for matching purposes (length-preserving).
_EQUIVALENT = {
    "ș": "[șş]",
    "ş": "[șş]",
    "ț": "[țţ]",
    "ţ": "[țţ]",
    "Ș": "[ȘŞ]",
    "Ş": "[ȘŞ]",
    "Ț": "[ȚŢ]",
    "Ţ": "[ȚŢ]",
    "'": "['’]",
    "’": "['’]",
}

#: The default date pattern: "11 February 2021", "11. Februar 2021", "11 de febrero de 2021".
_DEFAULT_DATE = r"(?<!\d)(?P<day>\d{1,2})\.?\s+(?P<month>{months})\s+(?P<year>\d{4})(?!\d)"


def _char_pattern(char: str) -> str:
    if char in _EQUIVALENT:
        return _EQUIVALENT[char][:-1] + _base(char) + "]"
    base = _base(char)
    if base != char:
        return f"[{re.escape(char)}{re.escape(base)}]"
    return re.escape(char)


def _base(char: str) -> str:
    """The letter without its accent: "â" → "a" (text stripped of diacritics still matches)."""
    decomposed = unicodedata.normalize("NFD", char)
    return decomposed[0] if decomposed and decomposed[0].isalpha() else char


def phrase_pattern(phrase: str) -> str:
    """A regex source matching ``phrase`` with flexible white space, ș/ş and ț/ţ alike,
    and accented letters also written without their accent ("avand in vedere")."""
    parts: list[str] = []
    for word in phrase.split():
        parts.append("".join(_char_pattern(ch) for ch in word))
    return r"\s+".join(parts)


def _alternation(phrases: tuple[str, ...]) -> str:
    # Longest first, so "in der Erwägung" wins over a shorter prefix.
    ordered = sorted(phrases, key=len, reverse=True)
    return "|".join(phrase_pattern(p) for p in ordered)


@cached_dataclass(_COMPILED, frozen=True)
class LanguageProfile:
    """The structural formulae of resolutions in one language.

    ``citation`` / ``recital``: the words a citation ("having regard to") or a
    recital ("whereas") begins with — a language may have several (German
    "gestützt auf", "unter Hinweis auf", "in Kenntnis"), Swedish recitals have none.
    ``title``: how the long title begins ("European Parliament resolution of").
    ``months``: twelve month names as the title prints them (genitive where the
    language declines them); ``date_pattern`` a regex with groups day/month/year and
    a ``{months}`` slot. ``oj``: the Official Journal abbreviation(s) ("OJ", "JO").
    ``capitalised``: whether operative paragraphs open with a capital letter ("1. Calls
    on" in English, "1. condamnă" in Romanian). ``header``: the "TEXTS ADOPTED" banner.
    ``parliament``: the line that opens the body ("The European Parliament,").
    ``navigation`` / ``page_footer``: words of the EP web page that are not part of the text.
    ``annex``: the word heading an annex printed after the resolution ("Annex", "Anhang").
    """

    code: str
    name: str
    citation: tuple[str, ...]
    recital: tuple[str, ...]
    title: tuple[str, ...]
    months: tuple[str, ...]
    oj: tuple[str, ...]
    header: tuple[str, ...] = ()
    parliament: tuple[str, ...] = ()
    navigation: tuple[str, ...] = ()
    annex: tuple[str, ...] = ()
    page_footer: tuple[str, ...] = ()
    date_pattern: str = _DEFAULT_DATE
    title_regex: tuple[str, ...] = ()
    capitalised: bool = False  # operative paragraphs open with a capital: "1. Calls on"
    _cache: dict[str, re.Pattern[str]] = field(
        default_factory=dict, compare=False, hash=False, repr=False
    )
    #: compiled programs of the patterns below, derived with the profile (see
    #: :func:`graph.datacache.program`): a fresh process skips compiling them
    _programs: dict[str, datacache.Program] = field(
        default_factory=dict, compare=False, hash=False, repr=False
    )
    #: the folded text every match of each title regex contains (None: not known), derived
    #: with the profile: it bounds how often the title occurs (see :func:`_title_bound`)
    _title_needs: tuple[str, ...] | None = field(default=None, compare=False, repr=False)
    #: the fold of each of its phrases (see :func:`folded`), derived with the profile
    _folds: dict[str, str] = field(default_factory=dict, compare=False, hash=False, repr=False)

    def _compiled(self, key: str) -> re.Pattern[str]:
        pattern = self._cache.get(key)
        if pattern is None:
            cached = self._programs.get(key)
            # a program was derived with the profile, from the same data by the same code:
            # its source is the pattern's (building it again is ~1 ms of a cold detection)
            source = cached[1] if cached is not None else self._source(key)
            assert source is not None, key
            pattern = datacache.compile_program(source, re.IGNORECASE, cached)
            self._cache[key] = pattern
        return pattern

    def _source(self, key: str) -> str | None:
        """The source of one of the profile's patterns; None when it has none."""
        if key in ("citation", "recital"):
            phrases = self.citation if key == "citation" else self.recital
            return rf"(?:{_alternation(phrases)})(?!\w)" if phrases else None
        if key == "title":
            options = [_alternation(self.title)] if self.title else []
            options += list(self.title_regex)
            return "|".join(f"(?:{o})" for o in options)
        if key == "annex":
            if not self.annex:
                return None
            return rf"^\s*(?:{_alternation(self.annex)})(?!\w)(?:\s+(?:[IVX]{{1,4}}|\d{{1,2}}))?"
        if key == "date":
            months = "|".join(phrase_pattern(m) for m in sorted(self.months, key=len, reverse=True))
            return self.date_pattern.replace("{months}", months)
        if key == "oj":
            return self._oj_source()
        if key == "header":
            return rf"^\s*(?:{_alternation(self.header)})\s*$" if self.header else None
        if key == "footer":
            return rf"^\s*(?:{_alternation(self.page_footer)})" if self.page_footer else None
        if key in _MONTH_KEYS:
            return phrase_pattern(self.months[_MONTH_KEYS.index(key)])
        raise KeyError(key)

    def with_programs(self) -> LanguageProfile:
        """The profile with the compiled programs of its patterns and the folds of its
        phrases (to cache it: a fresh process neither compiles nor folds them)."""
        for key in _PATTERN_KEYS:  # not the months: a process compiles one language's few
            source = self._source(key)
            found = None if source is None else datacache.program(source, re.IGNORECASE)
            if found is not None:
                self._programs[key] = found
        navigation = tuple(word.strip() for word in self.navigation)
        for phrase in self.citation + self.recital + self.title + self.page_footer + navigation:
            self._folds[phrase] = fold(phrase)
        return self

    @cached_property
    def citation_re(self) -> re.Pattern[str]:
        """Matches a citation marker at the start of a string."""
        return self._compiled("citation")

    @cached_property
    def recital_re(self) -> re.Pattern[str] | None:
        """Matches a recital marker at the start of a string (None: the language has none)."""
        return self._compiled("recital") if self.recital else None

    @cached_property
    def title_re(self) -> re.Pattern[str]:
        """Matches the title formula anywhere in a line."""
        return self._compiled("title")

    def is_parliament(self, line: str) -> bool:
        """True for the line that opens the body: "The European Parliament,"."""
        forms, initials = self._parliament_forms
        first = line.lstrip()[:1]  # asked of every line: most are told by their first letter
        if initials is not None and first and first.casefold()[:1] not in initials:
            return False
        folded = " ".join(line.split()).casefold().rstrip(",: ")  # "Europos Parlamentas ,"
        return folded in forms

    @cached_property
    def _parliament_forms(self) -> tuple[frozenset[str], frozenset[str] | None]:
        """The lines :meth:`is_parliament` accepts, folded, and their first letters (None
        when a form is empty: a line of commas would then be one)."""
        forms = frozenset(p.casefold().rstrip(",: ") for p in self.parliament)
        initials = None if "" in forms else frozenset(form[:1] for form in forms)
        return forms, initials

    def is_annex(self, line: str) -> bool:
        """True for an annex heading: "ANNEX", "Annex II", "Annex to the resolution"."""
        if not self.annex:
            return False
        match = self._compiled("annex").match(line)
        if match is None:
            return False
        rest = line[match.end() :].strip()
        return len(rest.split()) <= 6 and not rest.endswith((".", ";", ","))

    @cached_property
    def date_re(self) -> re.Pattern[str]:
        return self._compiled("date")

    def _oj_source(self) -> str:
        oj = _alternation(self.oj)
        # series and number, then "," or a short preposition ("du", "vom", "de", "της"),
        # then the date d.m.yyyy (yyyy.m.d. in Hungarian, "yyyy m d" in Lithuanian),
        # then the page: "p. 83", "S. 83", "blz. 83", "83. o.", "83. lpp.".
        date = (
            r"(?:\d{1,2}\.\s*\d{1,2}\.\s*\d{4}\.?(?:\s*г\.)?"
            r"|\d{4}\.\s*\d{1,2}\.\s*\d{1,2}\.?|\d{4}\s+\d{1,2}\s+\d{1,2})"
        )
        page = (
            r"(?:[^\W\d]{1,4}\.?\s*\d+(?:\s*[-–]\s*\d+)?|\d+(?:\s*[-–]\s*\d+)?\.\s*[^\W\d]{1,3}\.)"
        )
        return (
            rf"(?<!\w)(?:{oj})\s+[A-ZА-ЯΑ-Ω]{{1,2}}\s*\d+\s*(?:[A-Z]\b)?\.?(?:\s*,\s*|\s+[^\W\d]{{1,4}}\s+){date}"
            rf"(?:\s*,\s*{page})?"
        )

    @cached_property
    def oj_re(self) -> re.Pattern[str]:
        """Matches an Official Journal reference: "OJ C 23, 21.1.2021, p. 83"."""
        return self._compiled("oj")

    @cached_property
    def header_re(self) -> re.Pattern[str] | None:
        return self._compiled("header") if self.header else None

    @cached_property
    def footer_re(self) -> re.Pattern[str] | None:
        return self._compiled("footer") if self.page_footer else None

    def month_number(self, name: str) -> int | None:
        """1…12 for a month name as printed (any case, ș/ş alike), else None."""
        for index, key in enumerate(_MONTH_KEYS[: len(self.months)], start=1):
            if self._compiled(key).fullmatch(name.strip()):
                return index
        return None


#: The keys of :meth:`LanguageProfile._source`: the structural patterns, and each month.
_PATTERN_KEYS = ("citation", "recital", "title", "annex", "date", "oj", "header", "footer")
_MONTH_KEYS = tuple(f"month{number}" for number in range(1, 13))


def _tuple(data: dict[str, object], key: str) -> tuple[str, ...]:
    value = data.get(key, [])
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(
            f"language profile {data.get('code')!r}: {key} must be a list of non-empty strings"
        )
    return tuple(value)


def _read(path: Path) -> LanguageProfile:
    import tomllib  # only on a data cache miss: a warm process never parses TOML

    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"language profile {path.name}: {exc}") from None
    code = str(data.get("code", path.stem))
    months = _tuple(data, "months")
    if len(months) != 12:
        raise ConfigError(
            f"language profile {code!r}: months must list twelve names, not {len(months)}"
        )
    citation = _tuple(data, "citation")
    title = _tuple(data, "title")
    title_regex = _tuple(data, "title_regex")
    oj = _tuple(data, "oj")
    if not citation or not (title or title_regex) or not oj:
        raise ConfigError(f"language profile {code!r}: citation, title and oj must not be empty")
    for source in title_regex + (str(data.get("date_pattern", _DEFAULT_DATE)),):
        try:
            re.compile(source.replace("{months}", "x"))
        except re.error as exc:
            raise ConfigError(f"language profile {code!r}: bad regex {source!r}: {exc}") from None
    return LanguageProfile(
        code=code,
        name=str(data.get("name", code)),
        citation=citation,
        recital=_tuple(data, "recital"),
        title=title,
        months=months,
        oj=oj,
        header=_tuple(data, "header"),
        parliament=_tuple(data, "parliament"),
        navigation=_tuple(data, "navigation"),
        annex=_tuple(data, "annex"),
        page_footer=_tuple(data, "page_footer"),
        date_pattern=str(data.get("date_pattern", _DEFAULT_DATE)),
        title_regex=title_regex,
        capitalised=bool(data.get("capitalised", False)),
        _title_needs=_needs(title_regex),
    )


def _needs(regexes: tuple[str, ...]) -> tuple[str, ...] | None:
    """For each regex, the fold of the longest run of plain characters every match of it
    contains; None when one has no such run (or the regex engine's parser is not CPython's).

    Only the top level of the pattern is read: each item of it is part of every match.
    """
    try:
        from re import _parser  # type: ignore[attr-defined]  # CPython's, no stub
    except ImportError:
        return None
    needs: list[str] = []
    for source in regexes:
        try:
            items = list(_parser.parse(source, re.IGNORECASE))
        except Exception:  # another interpreter's internals: no bound
            return None
        runs, run = [], ""
        for op, value in items:
            if op == _parser.LITERAL:
                run += chr(value)
            else:
                runs.append(run)
                run = ""
        longest = max((fold(r) for r in [*runs, run]), key=len)
        if not longest:
            return None
        needs.append(longest)
    return tuple(needs)


@cache
def all_profiles() -> tuple[LanguageProfile, ...]:
    """Every profile shipped, in code order (parsed once per user, see :mod:`graph.datacache`)."""
    paths = sorted(_DIR.glob("*.toml"))
    profiles = datacache.cached(
        "profiles",
        (*paths, Path(__file__)),
        lambda: tuple(_read(path).with_programs() for path in paths),
    )
    for profile in profiles:
        _KNOWN_FOLDS.update(profile._folds)
    return profiles


#: ISO 639-1 codes of the languages with a structure profile.
SUPPORTED: tuple[str, ...] = tuple(sorted(p.stem for p in _DIR.glob("*.toml")))


def load_profile(code: str) -> LanguageProfile:
    """The profile for an ISO 639-1 code; ConfigError listing the codes we know otherwise."""
    wanted = code.strip().lower()
    for profile in all_profiles():
        if profile.code == wanted:
            return profile
    raise ConfigError(f"unknown language {code!r}: expected one of {', '.join(SUPPORTED)}")


def _line_starts(lines: list[str], pattern: re.Pattern[str]) -> int:
    """How many lines begin (after a dash, a letter label or white space) with the pattern."""
    return sum(1 for line in lines if pattern.match(line))


def _stripped_lines(text: str) -> list[str]:
    """The non-blank lines without their lead, computed once for all the languages."""
    return [_LEAD.sub("", line, count=1) for line in text.splitlines() if line.strip()]


_LEAD = _COMPILED.pattern(r"^\s*(?:[-–—•·‒―−\uf020-\uf0ff]\s*)?(?:[A-Z]{1,2}\s?\.\s+)?")


def fold(text: str) -> str:
    """Lower case, accents and marks dropped, ș/ş and ’/' alike, white space runs as one space.

    Whatever :func:`phrase_pattern` matches (case-insensitively) folds to the fold of
    its phrase, so a folded text that does not contain a phrase's folded first word
    cannot match the phrase: the cheap test that spares compiling patterns.
    """
    lowered = text.lower()
    for odd, plain in _FOLD_FIX:
        if odd in lowered:
            lowered = lowered.replace(odd, plain)
    decomposed = unicodedata.normalize("NFKD", lowered)
    return " ".join(_MARKS.sub("", decomposed).split())


def first_word(line: str) -> str:
    """The folded first word of a line (what a marker opening it must begin with)."""
    rest = line
    while True:  # usually the first token; a lone mark folds to nothing
        parts = rest.split(None, 1)
        if not parts:
            return ""
        folded = _token_head(parts[0])
        if folded:
            return folded
        rest = parts[1] if len(parts) > 1 else ""


@lru_cache(maxsize=4096)
def _token_head(token: str) -> str:
    """The folded first word of one token: the same few tokens open the lines of every
    document ("–", "A.", "whereas"), so they are folded once per process."""
    return fold(token).split(" ", 1)[0]


#: Letters Python's case-insensitive matching takes as equal that lower() keeps apart.
_FOLD_FIX = (("ı", "i"), ("ς", "σ"), ("\u0345", "ι"), ("’", "'"))
#: The combining marks NFKD leaves after a Latin, Greek or Cyrillic letter.
_MARKS = _COMPILED.pattern(
    r"[\u0300-\u036f\u0483-\u0489\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]"
)


@cache
def first_words(phrases: tuple[str, ...]) -> tuple[str, ...]:
    """The folded first word of each phrase: a line a phrase opens begins with one."""
    return tuple({folded(phrase).split(" ", 1)[0] for phrase in phrases})


def folded(phrase: str) -> str:
    """``fold(phrase)``: for a phrase of a profile, as derived with the profiles."""
    known = _KNOWN_FOLDS.get(phrase)
    return fold(phrase) if known is None else known


#: The folds of the profiles' phrases, gathered by :func:`all_profiles`.
_KNOWN_FOLDS: dict[str, str] = {}


def detect_language(text: str) -> str:
    """The code of the language whose markers the text uses most; "" if none does.

    Lines opening with a citation or recital marker count most; the title formula
    breaks ties. Scoring whole lines keeps short markers ("vu", "ker") from counting
    inside running text. A language's patterns are compiled only when its markers'
    first words occur where they would have to (see :func:`fold`): the others
    score nothing, as they would have, without compiling 24 languages' patterns.
    The title formula is searched for only where it could change the outcome: in the
    languages that could still come first once it is counted (see :func:`_title_bound`),
    if there are two or more.
    """
    lines = _stripped_lines(text)
    prefixes = _prefixes({word for word in map(first_word, lines) if word})
    head = fold(text[:6000])
    profiles = all_profiles()
    scores = [_line_score(profile, lines, prefixes) for profile in profiles]
    bounds = [_title_bound(profile, head) for profile in profiles]
    floor = max(scores, default=0)  # the winner scores at least this
    # the languages that could reach it, their title counted: one alone is the winner
    able = [
        index
        for index, (score, bound) in enumerate(zip(scores, bounds, strict=True))
        if bound is None or score + 2 * bound >= floor
    ]
    if floor > 0 and len(able) == 1:
        return profiles[able[0]].code
    best, best_score = "", 0
    for index in able:
        profile, score, bound = profiles[index], scores[index], bounds[index]
        if bound is None or bound:
            score += 2 * len(profile.title_re.findall(text[:6000]))
        if score > best_score:
            best, best_score = profile.code, score
    return best


def _prefixes(words: set[str]) -> set[str]:
    """Every prefix of the words ("" included when there is a word): a phrase opens one
    of the lines only if its folded first word is among them."""
    return {word[:end] for word in words for end in range(len(word) + 1)}


def _line_score(profile: LanguageProfile, lines: list[str], prefixes: set[str]) -> int:
    """Three points a line opening with a citation or a recital marker of the language."""
    score = 0
    if any(w in prefixes for w in first_words(profile.citation)):
        score += 3 * _line_starts(lines, profile.citation_re)
    if profile.recital_re is not None and any(w in prefixes for w in first_words(profile.recital)):
        score += 3 * _line_starts(lines, profile.recital_re)
    return score


def _title_bound(profile: LanguageProfile, head: str) -> int | None:
    """At most how many times the title formula occurs in the text whose fold is ``head``
    (None: no bound known).

    A match folds to its phrase's fold (see :func:`fold`), so non-overlapping matches
    are disjoint occurrences, in ``head``, of their phrases' folded first words (or of
    what every match of a title regex contains, see :func:`_needs`). A language whose
    line score plus twice this bound stays below the best line score cannot come
    first, whatever its title count: the search is spared.
    """
    needs: tuple[str, ...] = ()
    if profile.title_regex:
        if profile._title_needs is None:
            return None
        needs = profile._title_needs
    return sum(head.count(word) for word in first_words(profile.title) + needs)


_COMPILED.save()
