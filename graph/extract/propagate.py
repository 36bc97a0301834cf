"""Document-level passes after settling: acronyms and name propagation.

A parenthesised acronym right after a name ("… consolidat (APCC)") names the same
entity, and so does every later bare use of it. A name found once with strong
evidence (a cue, a list, the gazetteer) is the same name wherever else it occurs in
the document, even without its cue: those occurrences are added, and a weak
guess of another type on the same span gives way to them.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable, Iterator, Sequence

from ..model import EntityType, Mention
from .cues import Cues
from .tokens import is_acronym

__all__ = ["propagate"]

_PAREN_ACR = re.compile(r"\s*\((?:[^()]{0,80}?[-–]\s*)?([A-ZÀ-ÖØ-Þ][\w/&.-]*)\)")


def _acronyms(contexts: Sequence[tuple[str, str]], mentions: list[Mention]) -> list[Mention]:
    texts = dict(contexts)
    out = []
    for m in mentions:
        if m.type in (EntityType.PERSON, EntityType.PLACE, EntityType.LEGAL_PROVISION):
            continue
        text = texts[m.unit]
        hit = _PAREN_ACR.match(text, m.end)
        if hit and is_acronym(hit.group(1)):
            s, e = hit.span(1)
            attrs = (("acronym_of", m.surface),) + tuple(a for a in m.attrs if a[0] == "gaz")
            out.append(Mention(m.unit, s, e, text[s:e], m.type, "acr", attrs))
    return out


def propagate(
    contexts: Sequence[tuple[str, str]], mentions: list[Mention], cues: Cues
) -> list[Mention]:
    """Acronyms, then names found with strong evidence to their other occurrences,
    then list-mates of persons ("von A, B und C" where B and C are persons: A is one
    too), and once more the names so found."""
    from . import settle

    settled = _propagate(contexts, mentions + _acronyms(contexts, mentions), cues)
    mates = _list_mates(contexts, settled, cues)
    if not mates:
        return settled
    return _propagate(contexts, settle(settled + mates), cues)


def _list_mates(
    contexts: Sequence[tuple[str, str]], mentions: list[Mention], cues: Cues
) -> list[Mention]:
    """Unclaimed name runs chained to a person by commas and "and" in a list."""
    from .persons import chained, name_runs

    by_unit: dict[str, list[Mention]] = {}
    for m in mentions:
        by_unit.setdefault(m.unit, []).append(m)
    out: list[Mention] = []
    for unit_id, text in contexts:
        here = by_unit.get(unit_id, [])
        persons = [(m.start, m.end) for m in here if m.type is EntityType.PERSON]
        if not persons:
            continue
        free = _Free([(m.start, m.end) for m in here])
        runs = [(s, e) for s, e in name_runs(text, cues) if free(s, e)]
        grew = True
        while grew:
            grew = False
            for s, e in list(runs):
                if any(
                    chained(text, e, ps, cues) or chained(text, pe, s, cues) for ps, pe in persons
                ):
                    out.append(Mention(unit_id, s, e, text[s:e], EntityType.PERSON, "list"))
                    persons.append((s, e))
                    runs.remove((s, e))
                    grew = True
    return out


class _Free:
    """Does a span overlap none of the given spans? A binary search over the spans
    sorted by start, with the running maximum of their ends, instead of a scan of
    every span: a unit may hold thousands of names."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        spans = sorted(spans)
        self.starts = [s for s, _ in spans]
        self.reach = list(itertools.accumulate((e for _, e in spans), max))

    def __call__(self, start: int, end: int) -> bool:
        before = bisect.bisect_left(self.starts, end)  # the spans starting before ``end``
        return before == 0 or self.reach[before - 1] <= start


_ORG_TYPES = (
    EntityType.MOVEMENT,
    EntityType.NGO,
    EntityType.TRADE_UNION,
    EntityType.MEDIA_OUTLET,
)


def _genitives(surface: str, cues: Cues) -> list[str]:
    """The name with its head noun in the genitive/dative, where the language's
    inflection data has head endings (Romanian "Partidul X" → "Partidului X")."""
    words = surface.split(" ", 1)
    if len(words) < 2 or not words[0][:1].isupper():
        return []
    for genitive, nominative in cues.section("inflection").get("head", []):
        if nominative and words[0].endswith(nominative) and genitive != nominative:
            return [words[0][: -len(nominative)] + genitive + " " + words[1]]
    return []


def _propagate(
    contexts: Sequence[tuple[str, str]], pool: list[Mention], cues: Cues
) -> list[Mention]:
    from . import settle, strength

    known: dict[str, Mention] = {}
    for m in sorted(pool, key=lambda m: -strength(m)):
        if (
            strength(m) < 3
            or m.surface.isdigit()
            or len(m.surface) < 2
            or not m.surface[0].isupper()
        ):
            continue
        if m.type in (EntityType.LEGAL_PROVISION, EntityType.STATE_BODY):
            continue  # found by their patterns; "Guvernului" alone is elliptic
        known.setdefault(m.surface, m)
    if not known:
        return settle(pool)
    for surface, m in list(known.items()):
        if m.type in _ORG_TYPES:
            for variant in _genitives(surface, cues):
                known.setdefault(variant, m)  # "Visul Georgian" → "Visului Georgian"
    index = _index(known)
    found = []
    kept: dict[str, tuple[EntityType, tuple[tuple[str, str], ...]]] = {}  # by surface
    for unit_id, text in contexts:
        for start, end in _occurrences(text, index):
            surface = text[start:end]
            if surface not in kept:
                src = known[surface]
                kept[surface] = (src.type, tuple(a for a in src.attrs if a[0] in _KEPT))
            type_, attrs = kept[surface]
            found.append(Mention(unit_id, start, end, surface, type_, "prop", attrs))
    return settle(pool + found)


#: The attributes a propagated occurrence keeps of the mention it repeats.
_KEPT = ("gaz", "acronym_of", "state", "country")


_Index = tuple[re.Pattern[str], dict[str, tuple[str, ...]]]


def _index(surfaces: Iterable[str]) -> _Index:
    """The surfaces grouped by their first two characters, longest first, and a
    character class of their first characters.

    Every document has its own surfaces: one alternation of them all would be a new
    regular expression to compile for every document (a few ms, more than the search
    itself). Surfaces are at least two characters long (``_propagate`` skips shorter).
    """
    by_head: dict[str, list[str]] = {}
    for surface in sorted(surfaces, key=len, reverse=True):
        by_head.setdefault(surface[:2], []).append(surface)
    firsts = "".join(sorted({head[0] for head in by_head}))
    starts = re.compile("[" + "".join(re.escape(c) for c in firsts) + "]")
    return starts, {head: tuple(group) for head, group in by_head.items()}


def _edge(char: str) -> bool:
    """A character that may not touch a surface: ``[\\w/-]``."""
    return char.isalnum() or char in "_/-"


def _occurrences(text: str, index: _Index) -> Iterator[tuple[int, int]]:
    """Where the surfaces occur as whole words, left to right, not overlapping, the
    longest at each place: what ``(?<![\\w/-])(?:longest|…|shortest)(?![\\w/-])``
    would find."""
    starts, by_head = index
    taken = 0
    for m in starts.finditer(text):
        pos = m.start()
        if pos < taken or (pos > 0 and _edge(text[pos - 1])):
            continue
        for surface in by_head.get(text[pos : pos + 2], ()):
            end = pos + len(surface)
            if text.startswith(surface, pos) and (end == len(text) or not _edge(text[end])):
                yield pos, end
                taken = end
                break
