"""The curated gazetteer (``graph/data/*.toml``): generic public world knowledge.

EU institutions and instruments, UN and other international bodies and
instruments, well-known international NGOs and media, countries, capitals and
regions. Names are matched on stemmed tokens, so inflected forms
("Organizației Mondiale a Sănătății") find their entry; acronyms are matched as
exact tokens. Nothing here is specific to any one resolution.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from .. import datacache
from ..errors import ConfigError
from ..model import Compiled, EntityType, cached_dataclass
from . import tokens as _tokens
from .tokens import Token, fold, is_acronym, is_cap, slug, stem, tokenize

__all__ = [
    "Entry",
    "entries",
    "match",
    "gazetteer_words",
    "country_of",
    "demonym_country",
    "label_for",
]

_DIR = Path(__file__).resolve().parent.parent / "data"
#: one file per language, <code>.toml: that language's labels, inflected forms and
#: demonyms for entries of the files above (so a language is added in a file of its own)
_LABELS = _DIR / "labels"


#: what this module compiles, kept compiled in the data cache (graph.model.Compiled)
_COMPILED = Compiled(__name__, __file__)


@cached_dataclass(_COMPILED, frozen=True, slots=True)
class Entry:
    """One gazetteer entity: its type, a stable id and its labels per language."""

    id: str
    type: EntityType
    labels: tuple[tuple[str, str], ...]
    names: tuple[str, ...]
    acronyms: tuple[str, ...]
    demonyms: tuple[str, ...] = ()
    #: a mandate ("UN Special Rapporteur"): its name runs on over its subject
    mandate: bool = False

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        """Unpickled by :func:`_entry` from its fields: the data cache holds ~330
        entries, and a frozen dataclass's own unpickling looks its fields up again
        for each one."""
        return _entry, tuple(getattr(self, name) for name in self.__slots__)


def _entry(*values: Any) -> Entry:
    """An :class:`Entry` from its fields in order (its slots' order), set without the
    frozen class's ``__setattr__`` guard (what its ``__init__`` does too)."""
    entry: Entry = object.__new__(Entry)
    for setter, value in zip(_SETTERS, values, strict=True):
        setter(entry, value)
    return entry


_SETTERS = tuple(getattr(Entry, name).__set__ for name in Entry.__slots__)


def label_for(entry: Entry, language: str) -> str:
    labels = dict(entry.labels)
    return labels.get(language) or labels.get("en") or entry.names[0]


def _load(path: Path) -> dict[str, Any]:
    import tomllib  # only on a data cache miss: a warm process never parses TOML

    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"gazetteer {path.name}: {exc}") from exc


def sources() -> tuple[Path, ...]:
    """Every file the gazetteer's derived data depends on: the data (the stemmer's
    endings included) and the code that derives it."""
    return (
        *sorted(_DIR.glob("*.toml")),
        *sorted(_LABELS.glob("*.toml")),
        Path(__file__),
        Path(_tokens.__file__),
    )


@cached_dataclass(_COMPILED, frozen=True, slots=True)
class _Derived:
    """What the gazetteer derives from its data, cached across processes as one
    pickle (one pickle keeps an entry the same object in every structure)."""

    entries: tuple[Entry, ...]
    trie: dict[str, tuple[Entry, bool] | tuple[()]]  # see _build_trie
    acronyms: dict[str, Entry]
    demonyms: dict[str, Entry]
    country_prefixes: tuple[tuple[str, Entry], ...]
    lower_words: tuple[str, ...]  # sorted: a set's order would vary with the hash seed


@cache
def _derived() -> _Derived:
    return datacache.cached("gazetteer", sources(), _derive)


def _derive() -> _Derived:
    found = _read_entries()
    trie, acronyms = _build_trie(found)
    return _Derived(
        entries=found,
        trie=trie,
        acronyms=acronyms,
        demonyms=_build_demonyms(found),
        country_prefixes=_build_country_prefixes(found),
        lower_words=tuple(
            sorted({n for e in found for n in e.names if " " not in n and n[:1].islower()})
        ),
    )


def entries() -> tuple[Entry, ...]:
    return _derived().entries


def _read_entries() -> tuple[Entry, ...]:
    out: list[Entry] = []
    overlays = _Overlays()
    for path in sorted(_DIR.glob("*.toml")):
        data = _load(path)
        for item in data.get("entity", []):
            labels = dict(item["label"])
            aliases = list(item.get("aliases", []))
            acronyms = list(item.get("acronyms", []))
            for language, extra in overlays.of("entity", item["id"]):
                if "label" in extra:
                    labels.setdefault(language, extra["label"])
                aliases += extra.get("aliases", [])
                acronyms += extra.get("acronyms", [])
            names = tuple(dict.fromkeys([*labels.values(), *aliases]))
            out.append(
                Entry(
                    id=item["id"],
                    type=EntityType(item["type"]),
                    labels=tuple(sorted(labels.items())),
                    names=names,
                    acronyms=tuple(dict.fromkeys(acronyms)),
                    mandate=bool(item.get("mandate", False)),
                )
            )
        for item in data.get("places", []):
            labels = {k: v for k, v in item.items() if k not in ("alt", "dem")}
            alt, dem = list(item.get("alt", [])), list(item.get("dem", []))
            for language, extra in overlays.of("place", item["en"]):
                if "label" in extra:
                    labels.setdefault(language, extra["label"])
                alt += extra.get("alt", [])
                dem += extra.get("dem", [])
            names = tuple(dict.fromkeys([*labels.values(), *alt]))
            out.append(
                Entry(
                    id=slug(item["en"]),
                    type=EntityType.PLACE,
                    labels=tuple(sorted(labels.items())),
                    names=names,
                    acronyms=tuple(a for a in alt if is_acronym(a)),
                    demonyms=tuple(dem),
                )
            )
    overlays.check_all_used()
    return tuple(out)


class _Overlays:
    """The per-language files of ``graph/data/labels/``: ``[entity.<id>]`` tables (label,
    aliases, acronyms) and ``[place."<English name>"]`` tables (label, alt, dem)."""

    def __init__(self) -> None:
        self.files = {path.stem: _load(path) for path in sorted(_LABELS.glob("*.toml"))}
        self.used: set[tuple[str, str, str]] = set()

    def of(self, kind: str, key: str) -> Iterator[tuple[str, dict[str, Any]]]:
        for language, data in self.files.items():
            extra = data.get(kind, {}).get(key)
            if extra is not None:
                self.used.add((language, kind, key))
                yield language, extra

    def check_all_used(self) -> None:
        """A key that names no entry is a typo: say so rather than drop its names."""
        for language, data in self.files.items():
            for kind in ("entity", "place"):
                for key in data.get(kind, {}):
                    if (language, kind, key) not in self.used:
                        raise ConfigError(f"gazetteer labels/{language}.toml: no {kind} {key!r}")


@lru_cache(maxsize=65536)  # asked ~10,000 times a document, mostly for the same words
def _key(tok: str) -> str:
    if "/" in tok or "-" in tok:
        sep = "/" if "/" in tok else "-"
        return sep.join(stem(p) for p in tok.split(sep))
    return stem(tok) if tok[0].isalnum() else tok


#: joins the keys of a name's words into one key of the flat trie
_SEP = "\x1f"
def _trie() -> tuple[dict[str, tuple[Entry, bool] | tuple[()]], dict[str, Entry]]:
    derived = _derived()
    return derived.trie, derived.acronyms


def _build_trie(
    found: tuple[Entry, ...],
) -> tuple[dict[str, tuple[Entry, bool] | tuple[()]], dict[str, Entry]]:
    """The names as a flat trie: every prefix of a name's word keys, joined by ``_SEP``,
    maps to (entry, needs a capital) where a name ends there, else to ().

    Flat rather than nested dicts: a fresh process unpickles ~12,000 strings instead
    of ~12,000 dicts, half the gazetteer's load. The first entry to end a path keeps it.
    """
    trie: dict[str, tuple[Entry, bool] | tuple[()]] = {}
    acronyms: dict[str, Entry] = {}
    for entry in found:
        for name in entry.names:
            toks = [t.text for t in tokenize(name)]
            if not toks or (len(toks) == 1 and is_acronym(toks[0])):
                if toks:
                    acronyms.setdefault(toks[0], entry)
                continue
            keys = [_key(t) for t in toks]
            for size in range(1, len(keys) + 1):
                trie.setdefault(_SEP.join(keys[:size]), ())
            path = _SEP.join(keys)
            if not trie[path]:
                trie[path] = (entry, toks[0][0].isupper() and len(toks[0]) > 3 and len(toks) < 3)
        for acr in entry.acronyms:
            acronyms.setdefault(acr, entry)
    return trie, acronyms


@cache
def gazetteer_words(language: str | None = None) -> tuple[frozenset[str], frozenset[str]]:
    """(stems, exact folded words) of the capitalised words of gazetteer names, never
    a person's name. Stems only for the names in ``language`` (and English, the
    fallback): another language's word matches exactly, so the Polish "Rada" (council)
    does not hide the Romanian given name "Radu"."""
    stems: set[str] = set()
    exact: set[str] = set()

    def caps(name: str) -> list[str]:
        return [t.text for t in tokenize(name) if t.text[:1].isupper() and len(t.text) > 2]

    for entry in entries():
        own = {v for k, v in entry.labels if language is None or k in (language, "en")}
        for name in entry.names:
            if name in own:
                stems |= {stem(w) for w in caps(name)}
            else:
                exact |= {fold(w) for w in caps(name)}
        stems |= {stem(d) for d in entry.demonyms}
    return frozenset(stems), frozenset(exact)


_ADJ_ENDINGS = ("en", "er", "es", "em", "e", "s", "n")


def _demonyms() -> dict[str, Entry]:
    return _derived().demonyms


def _build_demonyms(found: tuple[Entry, ...]) -> dict[str, Entry]:
    out: dict[str, Entry] = {}
    for entry in found:
        for d in entry.demonyms:
            out.setdefault(fold(d), entry)
            out.setdefault(stem(d), entry)
    return out


def country_of(word: str) -> Entry | None:
    """The place a demonym ("kazahe", "Kazakh") or a place name ("Kazahstanului") names."""
    dem = _demonyms()
    w = fold(word)
    hit = dem.get(w) or dem.get(stem(word))
    if hit is None:
        # an inflected adjective: "belarussischen", "biélorusses", "russischer"
        for ending in _ADJ_ENDINGS:
            if w.endswith(ending) and len(w) - len(ending) >= 4:
                hit = dem.get(w[: -len(ending)])
                if hit is not None:
                    break
    if hit is not None:
        return hit
    ended = _trie()[0].get(_key(word))
    if ended and ended[0].type is EntityType.PLACE:
        return ended[0]
    return None


def _country_prefixes() -> tuple[tuple[str, Entry], ...]:
    return _derived().country_prefixes


def _build_country_prefixes(found: tuple[Entry, ...]) -> tuple[tuple[str, Entry], ...]:
    out = []
    for entry in found:
        if entry.type is EntityType.PLACE:
            for name in entry.names:
                f = fold(name)
                if " " not in f and len(f) >= 5:
                    out.append((f, entry))
    return tuple(sorted(out, key=lambda x: -len(x[0])))


def demonym_country(word: str) -> Entry | None:
    """A country for an adjective of nationality not in the data ("azerbaïdjanaises",
    "kazakhes"): the longest country name sharing its first five letters with a word
    of at least seven."""
    w = fold(word)
    if not w.isalpha() or len(w) < _PREFIX + 2:
        return None
    return _country_by_prefix().get(w[:_PREFIX])


#: How many first letters a demonym shares with its country's name.
_PREFIX = 5


@cache
def _country_by_prefix() -> dict[str, Entry]:
    """The longest country name for each five-letter prefix: one lookup per word
    instead of a scan of every country (called for every capitalised word)."""
    index: dict[str, Entry] = {}
    for name, entry in _country_prefixes():  # longest first: the first one wins
        index.setdefault(name[:_PREFIX], entry)
    return index


def _acronym_hit(tok: str, acronyms: dict[str, Entry]) -> Entry | None:
    if tok in acronyms:
        return acronyms[tok]
    head, sep, tail = tok.partition("-")
    if sep and tail.islower() and head in acronyms:  # "ONU-ului", "UE-ul"
        return acronyms[head]
    return None


@cache
def _lower_words() -> frozenset[str]:
    """One-word names the data writes in lower case ("lidstaten"): they match only
    exactly as written, never a lower-case word that merely shares their stem."""
    return frozenset(_derived().lower_words)


#: :func:`_key` of every token seen: a plain dict, so a unit's keys are one ``map`` of
#: lookups (not a cached call per token); emptied when it grows past a bound
_KEYS: dict[str, str] = {}
_MAX_KEYS = 200_000


def _keys(texts: list[str]) -> list[str]:
    """Each token's :func:`_key` (every token's key is asked at least once)."""
    new = set(texts).difference(_KEYS)
    if new:
        if len(_KEYS) + len(new) > _MAX_KEYS:
            _KEYS.clear()
            new = set(texts)
        for text in new:
            _KEYS[text] = _key(text)
    return list(map(_KEYS.__getitem__, texts))


def match(tokens: Sequence[Token]) -> Iterator[tuple[int, int, Entry]]:
    """Longest gazetteer matches as (first token, last token + 1, entry)."""
    trie, acronyms = _trie()
    texts = [t[0] for t in tokens]
    keys = _keys(texts)
    n = len(tokens)
    # where a match may start: a key opening a name, an acronym, or one inflected
    # ("ONU-ului"); the other tokens need no walk
    starts = [
        i
        for i, (k, t) in enumerate(zip(keys, texts, strict=True))
        if k in trie or t in acronyms or "-" in t
    ]
    done = 0
    for i in starts:
        if i < done:
            continue  # inside the last match
        best: tuple[int, Entry] | None = None
        path = keys[i]
        ended = trie.get(path)
        j = i + 1
        while ended is not None:  # a prefix of some name
            if ended:  # a name ends here
                entry, needs_cap = ended
                first = texts[i]
                if not (needs_cap and not first[0].isupper()) and not (
                    j - i == 1
                    and not (is_cap(first) or is_acronym(first) or first in _lower_words())
                ):
                    best = (j, entry)
            if j >= n:
                break
            path = path + _SEP + keys[j]
            ended = trie.get(path)
            j += 1
        if best is None:
            hit = _acronym_hit(texts[i], acronyms)
            if hit is not None:
                best = (i + 1, hit)
        if best is not None:
            yield i, best[0], best[1]
            done = best[0]


_COMPILED.save()
