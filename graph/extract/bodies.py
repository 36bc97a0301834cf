"""State bodies ("guvernul Kazahstanului", "autoritățile kazahe", "the Kazakh
authorities", "Tribunalul … din X") and named bodies the gazetteer does not know.

A government-like head followed (or, in English, preceded) by a country or its
demonym is that country's body; ``("state", "head|country")`` lets the resolver
merge "autoritățile kazahe" with "autoritățile din Kazahstan". A capitalised body
head ("Curtea", "Consiliul", "Court") takes its name to the next delimiter; the
type follows the markers inside (EU → EUBody, UN/OSCE → InternationalOrganisation).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from ..model import EntityType, Mention
from .cues import Cues, finditer, fold_aligned
from .gazetteer import Entry, country_of, demonym_country
from .instruments import _eu, continuation
from .names import cap_run_end, compound_name_span, token_at
from .tokens import Token, fold, folded_words, is_acronym, is_cap, stem, tokenize, word_set

__all__ = ["extract"]


def _country(tok: Token, after_head: bool = True) -> Entry | None:
    entry = country_of(tok.text)
    if entry is None and after_head and tok.text[:1].islower():
        entry = demonym_country(tok.text)  # "autorités azerbaïdjanaises"
    if entry is None:
        return None
    if tok.text[0].islower() and fold(tok.text) == fold(entry.names[0]):
        return None
    return entry


def _place_span(tokens: Sequence[Token], j: int) -> tuple[Entry, int] | None:
    """A place of one or more words from token ``j`` ("Hong Kong"): entry and end."""
    from .gazetteer import match

    if j >= len(tokens) or not is_cap(tokens[j].text):
        return None
    for a, b, entry in match(tokens[j : j + 5]):
        if a == 0 and entry.type is EntityType.PLACE:
            return entry, j + b
    return None


def _place_before(tokens: Sequence[Token], i: int) -> tuple[Entry, tuple[int, int]] | None:
    """A place of several words ending right before token ``i`` ("Hong Kong authorities")."""
    from .gazetteer import match

    lo = max(0, i - 4)
    for a, b, entry in match(tokens[lo:i]):
        if lo + b == i and b - a >= 2 and entry.type is EntityType.PLACE:
            return entry, (lo + a, i + 1)
    return None


def _place_ending(tokens: Sequence[Token], first: int, end: int) -> Entry | None:
    """The country whose name of several words ends a body's name ("… of the Slovak
    Republic")."""
    from .gazetteer import match

    for i, stop, entry in match(tokens[first:end]):
        if first + stop == end and entry.type is EntityType.PLACE and i > 0:
            return entry
    return None


def _before_state(folded: str, s: int, e: int, cues: Cues) -> int:
    """End of a body's name before the state it belongs to ("House of Representatives
    of | the Arab Republic of Egypt"): the state's words are no UN/regional marker."""
    prefixes = cues.patterns("bodies", "place_prefixes")
    if prefixes is None:
        return e
    for m in re.finditer(r"\w+", folded[s:e]):
        if m.start() > 0 and prefixes.match(folded, s + m.start()):
            return s + m.start()
    return e


def _known_before_topic(tokens: Sequence[Token], first: int, end: int, cues: Cues) -> bool:
    """Does a known organisation open the span, followed by a topic ("privind", "on"):
    the subject of its judgments or reports, not part of its name?"""
    from .gazetteer import match

    topics = cues.words("bodies", "mandate_topics")
    for i, stop, _entry in match(tokens[first:end]):
        return i == 0 and first + stop < end and fold(tokens[first + stop].text) in topics
    return False


def _title_tail(tokens: Sequence[Token], end: int, text: str, cues: Cues) -> int:
    """Capitalised words completing a place's official name ("… Special Administrative
    Region"), where names are written in title case."""
    if not cues.raw.get("title_case_names"):
        return end
    return max(end, cap_run_end(tokens, end, text, cues)) if end < len(tokens) else end


def _prefixed(tokens: Sequence[Token], k: int, folded: str, cues: Cues) -> tuple[Entry, int] | None:
    """A country named with its prefix from token ``k`` ("Republicii Kârgâzstan",
    "Republic of X"): its entry and end token, or None."""
    prefixes = cues.patterns("bodies", "place_prefixes")
    if prefixes is None or not is_cap(tokens[k].text):
        return None
    m = prefixes.match(folded, tokens[k].start)
    if m is None:
        return None
    j = token_at(tokens, m.end())
    if j < len(tokens) and (entry := _country(tokens[j], after_head=False)) is not None:
        return entry, j + 1
    return None


def _state_body(
    unit_id: str, text: str, s: int, e: int, head: Token, entry: Entry
) -> Mention:
    """A body of the state ``entry`` named by ``text[s:e]``; its key is the head's stem
    and the state, so "Guvernul X" and "Guvernului X" are one entity."""
    attrs = (("state", f"{stem(head.text)}|{entry.id}"), ("country", entry.id))
    return Mention(unit_id, s, e, text[s:e], EntityType.STATE_BODY, "pat:state", attrs)


def _coordinated(
    unit_id: str,
    text: str,
    tokens: Sequence[Token],
    i: int,
    head_at: dict[int, re.Match[str]],
    entry: Entry,
    cues: Cues,
) -> Iterator[Mention]:
    """ "Președintelui, Guvernului și Parlamentului X", "the President, Government and
    Parliament of X": every head of the coordination names a body of X."""
    skip = cues.words("legal", "determiners") | cues.name_connectors
    j = i - 1
    while j >= 1 and fold(tokens[j].text) in skip and fold(tokens[j].text) not in cues.list_and:
        j -= 1  # "au gouvernement", "the Government"
    while j >= 1:
        sep = tokens[j].text
        if sep != "," and fold(sep) not in cues.list_and:
            return
        h = j - 1
        while h >= 1 and fold(tokens[h].text) in skip and fold(tokens[h].text) not in cues.list_and:
            h -= 1
        ending = [b for b, hm in head_at.items() if hm.end() == tokens[h].end]
        if ending:
            h = ending[0]  # a head of one or more words: "Liderului Suprem"
            yield _state_body(unit_id, text, tokens[h].start, head_at[h].end(), tokens[h], entry)
            j = h - 1
            while (
                j >= 1
                and fold(tokens[j].text) in skip
                and fold(tokens[j].text) not in cues.list_and
            ):
                j -= 1
            continue
        return


def _coordinated_after(
    unit_id: str,
    text: str,
    tokens: Sequence[Token],
    k: int,
    head_at: dict[int, re.Match[str]],
    entry: Entry,
    cues: Cues,
) -> Iterator[Mention]:
    """ "Kirgisian presidentille ja hallitukselle", "Kirgizisztán elnökének és
    kormányának": where the country stands before its head, each head coordinated right
    after it (from token ``k``) names a body of the same country."""
    n = len(tokens)
    while k + 1 < n and (tokens[k].text == "," or fold(tokens[k].text) in cues.list_and):
        h = k + 1
        if tokens[k].text == "," and fold(tokens[h].text) in cues.list_and and h + 1 < n:
            h += 1  # ", and"
        found = head_at.get(h)
        if found is None or tokens[h].start != found.start():
            return
        yield _state_body(unit_id, text, tokens[h].start, found.end(), tokens[h], entry)
        k = token_at(tokens, found.end())


def _person_word(tok: Token, cues: Cues) -> bool:
    """A capitalised word that can be part of a person's name, not of a body's."""
    return (
        is_cap(tok.text)
        and tok.text.isalpha()
        and not cues.is_non_name(tok.text)
        and not cues.is_head(tok.text)
        and country_of(tok.text) is None
    )


def _before_person(tokens: Sequence[Token], i: int, end: int, cues: Cues) -> int:
    """End of a body's capitalised run before a person's name that follows it with
    no comma: "President of the European Parliament X Y and High Representative …",
    "critic of the Algerian Government X Y, 75," end at the body word. The name is two
    name words right after a body word that close the run or come before "and"; a
    longer tail may be the body's own ("Committee Representing Pyidaungsu Hluttaw")."""
    for k in range(i + 1, end - 1):
        if (
            cues.is_non_name(tokens[k - 1].text)
            and is_cap(tokens[k - 1].text)
            and _person_word(tokens[k], cues)
            and _person_word(tokens[k + 1], cues)
            and (k + 2 == end or fold(tokens[k + 2].text) in cues.list_and)
        ):
            return k
    return end


def extract(unit_id: str, text: str, cues: Cues) -> Iterator[Mention]:
    tokens = tokenize(text)
    folded = fold_aligned(text)
    n = len(tokens)
    links = cues.words("bodies", "country_links")
    determiners = cues.words("legal", "determiners")
    anyhead = cues.patterns("bodies", "country_heads")
    hits = list(finditer(anyhead, folded)) if anyhead is not None else []
    head_at = {token_at(tokens, h.start()): h for h in hits}
    if hits:
        for m in hits:
            i = token_at(tokens, m.start())
            k = token_at(tokens, m.end())
            span: tuple[int, int] | None = None
            entry: Entry | None = None
            if k < n and (entry := _country(tokens[k])) is not None:
                span = (i, k + 1)
            elif k < n and (pref := _prefixed(tokens, k, folded, cues)) is not None:
                entry, span = pref[0], (i, pref[1])  # "Parlamentului Republicii X"
            elif k + 1 < n and fold(tokens[k].text) in links:
                j = k + 1
                if fold(tokens[j].text) in determiners and j + 1 < n:
                    j += 1
                if (entry := _country(tokens[j])) is not None and is_cap(tokens[j].text):
                    span = (i, j + 1)
                elif (pref := _prefixed(tokens, j, folded, cues)) is not None:
                    entry, span = pref[0], (i, pref[1])  # "President of the Arab Republic of X"
            if span is None and k + 1 < n and fold(tokens[k].text) in links:
                j = k + 1
                if fold(tokens[j].text) in determiners and j + 1 < n:
                    j += 1
                hit = _place_span(tokens, j)
                if hit is not None:  # "Chief Executive of the Hong Kong Special …"
                    entry, span = hit[0], (i, _title_tail(tokens, hit[1], text, cues))
            if (
                span is None
                and i > 0
                and (entry := _country(tokens[i - 1], after_head=False)) is not None
            ):
                span = (i - 1, k)
            if span is None and (before := _place_before(tokens, i)) is not None:
                entry, span = before  # "the Hong Kong authorities"
            if span is None or entry is None:
                continue
            s, e = tokens[span[0]].start, tokens[span[1] - 1].end
            yield _state_body(unit_id, text, s, e, tokens[i], entry)
            if span[0] == i:
                yield from _coordinated(unit_id, text, tokens, i, head_at, entry, cues)
            elif span[1] == k:  # the country first: "Kirgisian presidentille ja hallitukselle"
                yield from _coordinated_after(unit_id, text, tokens, k, head_at, entry, cues)
    named = cues.words("bodies", "named_heads")
    un = cues.patterns("bodies", "un_markers")
    folds = folded_words(text)
    for i, tok in enumerate(() if named.isdisjoint(word_set(text)) else tokens):
        if not (folds[i] in named and is_cap(tok.text)):
            continue
        if cues.raw.get("nouns_capitalised"):
            # "Oberste Gerichtshof der Republik Belarus"; a bare "Gericht" is no name
            first, end = compound_name_span(tokens, i, cues)
            if first == i and end == i + 1:
                continue
            s, e = tokens[first].start, tokens[end - 1].end
            words = [t.text for t in tokens[first:end] if t is not tok]
            type_ = (
                EntityType.EU_BODY
                if _eu(words, cues)
                else EntityType.INTERNATIONAL_ORGANISATION
                if un is not None and un.search(folded, s, e)
                else EntityType.STATE_BODY
            )
            yield Mention(unit_id, s, e, text[s:e], type_, "pat:body")
            continue
        if cues.raw.get("title_case_names") or cues.section("bodies").get("capitalised_names"):
            end = cap_run_end(tokens, i, text, cues)  # "Sąd Najwyższy Federacji Rosyjskiej"
            end = _before_person(tokens, i, end, cues)
        else:
            end = continuation(
                tokens, i + 1, cues, limit=9, breaks=cues.words("bodies", "name_breaks")
            )
        while end > i + 1 and not (
            is_cap(tokens[end - 1].text) or is_acronym(tokens[end - 1].text)
        ):
            end -= 1
        first = i
        # English puts the qualifiers first: "Supreme Court of X"
        while (
            first > 0
            and is_cap(tokens[first - 1].text)
            and fold(tokens[first - 1].text) not in determiners
            and cues.action_at(fold_aligned(tokens[first - 1].text), 0) is None
            and text[tokens[first - 1].end : tokens[first].start] == " "
        ):
            first -= 1
        if first == i and end == i + 1:
            continue
        if _known_before_topic(tokens, first, end, cues):
            continue  # "Curții Europene a Drepturilor Omului privind X": the gazetteer's
        s, e = tokens[first].start, tokens[end - 1].end
        words = [t.text for t in tokens[first:end] if t is not tok]
        if _eu(words, cues):
            type_ = EntityType.EU_BODY
        elif un is not None and un.search(folded, s, _before_state(folded, s, e, cues)):
            type_ = EntityType.INTERNATIONAL_ORGANISATION
        else:
            type_ = EntityType.STATE_BODY
        yield Mention(unit_id, s, e, text[s:e], type_, "pat:body")
        owner = country_of(tokens[end - 1].text) or _place_ending(tokens, first, end)
        if type_ is EntityType.STATE_BODY and owner is not None and owner.type is EntityType.PLACE:
            # "Președintelui și Adunării Naționale a Republicii X": the President of X too
            yield from _coordinated(unit_id, text, tokens, first, head_at, owner, cues)
