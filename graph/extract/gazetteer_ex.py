"""Extractor over the curated gazetteer (EU and international bodies and
instruments, well-known NGOs and media, places)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import cache

from ..model import EntityType, Mention
from .cues import Cues, fold_aligned, load_cues
from .gazetteer import country_of, match
from .instruments import enumeration_follows
from .tokens import Token, fold, is_cap, tokenize

_CLOSE = {";", ":", "(", ")", ".", "[", "]", "–", "—"}
_MAX_SUBJECT = 30
#: organisations with national chapters named "<organisation> <country>"
_CHAPTERED = frozenset({EntityType.NGO, EntityType.TRADE_UNION})

__all__ = ["extract"]


def _prefix_start(text: str, start: int, cues: Cues) -> int:
    """Start of "Republica X" / "Republic of X" when a place is so introduced."""
    offset = max(0, start - 40)
    # the unit's aligned folding, cut: what folding the cut text gives, but the unit's
    # is cached (every extractor folds it), a cut's would only crowd that cache
    before = fold_aligned(text)[offset:start]
    for p in _place_prefixes(cues.language):
        if before.endswith(p) and (len(before) == len(p) or not before[-len(p) - 1].isalnum()):
            return offset + len(before) - len(p)
    return start


@cache
def _place_prefixes(language: str) -> tuple[str, ...]:
    """The folded place prefixes, each with its space, longest (as written) first."""
    phrases = load_cues(language).section("bodies").get("place_prefixes", [])
    return tuple(fold(phrase) + " " for phrase in sorted(phrases, key=len, reverse=True))


def _mandate_end(tokens: Sequence[Token], j: int, text: str, cues: Cues) -> int:
    """End (exclusive token) of a mandate's subject after its title: "UN Special
    Rapporteur on the situation of human rights defenders", "Raportorul special al ONU
    pentru promovarea … terorismului". The subject is lower-case prose (a country may
    close it: "… in Iran"); it ends at a clause mark, a date, a verb-like stop word, a
    second coordinated body ("and the UN …") or a comma not followed by a short
    "x or y" enumeration ("extrajudicial, summary or arbitrary executions")."""
    folded = fold_aligned(text)
    topic = cues.patterns("bodies", "mandate_topics")
    if topic is None or j >= len(tokens):
        return j
    m = topic.match(folded, tokens[j].start)
    if m is None:
        return j
    n = len(tokens)
    k = j
    while k < n and tokens[k].start < m.end():
        k += 1
    determiners = cues.words("legal", "determiners")
    keep = cues.patterns("bodies", "mandate_keep")
    # Where every noun is capitalised a capital does not end the subject; a new
    # noun phrase (cue bodies.subject_breaks after a noun) does.
    nouns_capitalised = bool(cues.raw.get("nouns_capitalised"))
    breaks = cues.words("bodies", "subject_breaks")
    last = j
    while k < n and k - j < _MAX_SUBJECT:
        t = tokens[k].text
        f = fold(t)
        if t in _CLOSE or t[0].isdigit() or f in cues.months:
            break
        if (
            f in cues.name_stops
            and f not in cues.list_and
            and not (keep and keep.match(folded, tokens[k - 1].start))
        ):
            break  # … but "the right to freedom of expression" goes on
        if t == ",":
            if not enumeration_follows(tokens, k, cues):
                break
            k += 1
            continue
        if f in cues.list_and and k + 1 < n:
            nxt = tokens[k + 1].text
            if is_cap(nxt) or fold(nxt) in determiners or not nxt[0].isalpha():
                break
        if f in breaks and k > j and is_cap(tokens[k - 1].text):
            break  # German: "… von Menschenrechtsverteidigern die Freilassung …"
        if is_cap(t) and country_of(t) is None and not nouns_capitalised:
            prefix = cues.patterns("bodies", "place_prefixes")
            m2 = prefix.match(folded, tokens[k].start) if prefix is not None else None
            if m2 is None:
                break
            while k + 1 < n and tokens[k + 1].start < m2.end():
                k += 1  # "… în Republica Islamică Iran": the country's prefix
            if k + 1 >= n or country_of(tokens[k + 1].text) is None:
                break
            k += 1
            last = k + 1
            k += 1
            continue
        if t[0].isalpha():
            last = k + 1
        k += 1
    # a subject does not end on a link word ("… of", "… and")
    while last > j and (
        fold(tokens[last - 1].text) in cues.name_connectors | cues.list_and
        or tokens[last - 1].start < m.end()
    ):
        last -= 1
    return last


def _act_series(tokens: Sequence[Token], i: int, j: int) -> bool:
    """Whether tokens ``i``..``j`` stand in brackets before an act's number
    ("Recomandărilor (UE) 2016/1374, (UE) 2017/146 …"): a series, never a mention,
    though the act's head (which swallows it) may be missing."""
    return (
        i > 0
        and j + 1 < len(tokens)
        and tokens[i - 1].text == "("
        and tokens[j].text == ")"
        and tokens[j + 1].text[:1].isdigit()
        and "/" in tokens[j + 1].text
    )


def extract(unit_id: str, text: str, cues: Cues) -> Iterator[Mention]:
    tokens = tokenize(text)
    for i, j, entry in match(tokens):
        if _act_series(tokens, i, j):
            continue  # "(UE) 2017/146": the series of a numbered act, not the Union
        attrs: tuple[tuple[str, str], ...] = (("gaz", entry.id),)
        if entry.mandate and (k := _mandate_end(tokens, j, text, cues)) > j:
            # one mandate per subject: not the gazetteer's generic entity
            j, attrs = k, (("mandate", entry.id),)
        if (
            entry.type in _CHAPTERED
            and j < len(tokens)
            and text[tokens[j - 1].end : tokens[j].start] == " "
            and is_cap(tokens[j].text)
            and (place := country_of(tokens[j].text)) is not None
            and place.type is EntityType.PLACE
        ):
            j += 1  # a national chapter: "Transparency International Georgia"
        start, end = tokens[i].start, tokens[j - 1].end
        if entry.type is EntityType.PLACE:
            start = _prefix_start(text, start, cues)
            if text[start].islower():
                start = tokens[i].start
        yield Mention(unit_id, start, end, text[start:end], entry.type, "gaz", attrs)
