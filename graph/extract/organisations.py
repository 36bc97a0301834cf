"""Movements and parties, NGOs, trade unions and media outlets, found by their cue
nouns ("mișcarea", "ONG", "sindicatul", "ziarul"; "movement", "NGO", "newspaper").

Four shapes: a capitalised name containing its cue ("Partidul Democrat",
"Democratic Party"); a name right after a cue ("mișcării X", "ziarului independent
*X*"); an enumeration after a cue ("ONG-uri …, printre care A, B și C"); and, where
the language puts the cue after the name, "the X movement". A descriptive name
followed by an acronym ("sindicatului industrial … (ITUFEW)") is taken whole.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import cache

from ..model import EntityType, Mention
from .cues import Cues, compile_patterns, finditer, fold_aligned, load_cues
from .gazetteer import country_of, demonym_country
from .instruments import continuation
from .names import (
    DELIMS,
    OPEN_QUOTES,
    Item,
    cap_run_end,
    compound_name_span,
    listed_person_start,
    parse_list,
    quoted_before,
    scan_item,
    token_at,
)
from .tokens import Token, fold, is_acronym, is_cap, tokenize

__all__ = ["extract"]

_MAX_MODIFIERS = 8


def _mention(unit_id: str, text: str, item: Item, type_: EntityType, rule: str) -> Mention:
    return Mention(unit_id, item.start, item.end, text[item.start : item.end], type_, rule)


def _after_cue(
    unit_id: str,
    text: str,
    tokens: Sequence[Token],
    k: int,
    type_: EntityType,
    cues: Cues,
    folded: str,
) -> Iterator[Mention]:
    """Names after a lower-case cue ending before token ``k``."""
    n = len(tokens)
    mods, blocked = 0, False
    persons = cues.patterns("org_persons", "heads")
    while k < n and mods < _MAX_MODIFIERS:
        t = tokens[k].text
        f = fold(t)
        if not t[0].isalpha() or t[0].isupper() or f in cues.name_stops:
            break
        if persons is not None and persons.match(folded, tokens[k].start):
            return  # "trade union activist X", "party leaders X": X is a person
        if cues.list_intros is not None and cues.list_intros.match(folded, tokens[k].start):
            break
        if f in cues.place_prepositions:
            blocked = True
        mods += 1
        k += 1
    if k >= n:
        return
    intro = cues.list_intros.match(folded, tokens[k].start) if cues.list_intros else None
    if tokens[k].text == "," and k + 1 < n:
        nxt = token_at(tokens, tokens[k].end)
        m2 = (
            cues.list_intros.match(folded, tokens[nxt].start)
            if cues.list_intros and nxt < n
            else None
        )
        if m2:
            nxt = token_at(tokens, m2.end())
        elif mods > 5:
            return
        items = parse_list(tokens, nxt, text, cues)
        if m2 or len(items) >= 2:  # "…, X" alone is an apposition (often a person)
            for item in items:
                yield _mention(unit_id, text, item, type_, "list")
        return
    if intro:
        for item in parse_list(tokens, token_at(tokens, intro.end()), text, cues):
            yield _mention(unit_id, text, item, type_, "list")
        return
    if mods <= (0 if cues.raw.get("nouns_capitalised") else 2) and not blocked:
        gap = 0 if cues.raw.get("nouns_capitalised") else 2
        for item in parse_list(tokens, k, text, cues, list_mode=False, comma=False, max_gap=gap):
            if item.last - item.first == 1 and not (
                is_cap(tokens[item.first].text) or is_acronym(tokens[item.first].text)
            ):
                break
            if any(p.match(folded, tokens[item.first].start) for p, _ in cues.org_cues) and (
                cues.raw.get("nouns_capitalised") or not is_cap(tokens[item.first].text)
            ):
                continue  # "… und die Nichtregierungsorganisation X": that cue names X
            quoted = (
                _quoted_after(tokens, item.last, text, cues) if item.last > item.first else None
            )
            cut = listed_person_start(tokens, item.first, item.last, cues)
            if quoted is None and cut < item.last:  # the list of persons starts inside
                item = Item(item.first, cut, item.start, tokens[cut - 1].end)
            elif quoted is None and cues.raw.get("sentence_case_names"):
                item = _sentence_case_tail(tokens, item, cues)
            yield _mention(unit_id, text, quoted or item, type_, "cue:after")


def _sentence_case_tail(tokens: Sequence[Token], item: Item, cues: Cues) -> Item:
    """In a language that capitalises only a name's first word ("strana Nová volba",
    "stranka Svobodna domovina"), the one lower-case word after the capitalised ones,
    when the name plainly ends there: at a punctuation mark, "and", a stop word or the
    unit's end. One word at most, so an unknown verb after a name is never taken in."""
    j, n = item.last, len(tokens)
    if j >= n or not tokens[j].text.isalpha() or not tokens[j].text.islower():
        return item
    word = fold(tokens[j].text)
    closed = (
        cues.name_stops | cues.list_and | cues.name_connectors | cues.months
        | cues.place_prepositions
    )  # fmt: skip
    if word in closed:
        return item
    if j + 1 < n:
        after = tokens[j + 1]
        if not (
            after.text in DELIMS or fold(after.text) in cues.list_and
            or fold(after.text) in cues.name_stops
        ):  # fmt: skip
            return item
    return Item(item.first, j + 1, item.start, tokens[j].end)


@cache
def _cue_table(language: str) -> tuple[tuple[re.Pattern[str], EntityType, bool], ...]:
    """Cue nouns (any case), then capitalised name words ("Centre", "Party")."""
    cues = load_cues(language)
    table = [(p, t, False) for p, t in cues.org_cues]
    for type_name, words in cues.section("org_names").items():
        if type_name == "words":
            continue
        pattern = (  # a list's pattern as derived with the cue data: no source rebuilt
            cues.patterns("org_names", type_name)
            if isinstance(words, list) and all(isinstance(w, str) for w in words)
            else compile_patterns(words)
        )
        if pattern is not None:
            table.append((pattern, EntityType(type_name), True))
    return tuple(table)


def extract(unit_id: str, text: str, cues: Cues) -> Iterator[Mention]:
    tokens = tokenize(text)
    if not tokens:
        return
    folded = fold_aligned(text)
    follows = bool(cues.section("legal").get("cue_follows_name", False))
    nouns_capitalised = bool(cues.raw.get("nouns_capitalised", False))
    for pattern, type_, cap_only in _cue_table(cues.language):
        for m in finditer(pattern, folded):
            i = token_at(tokens, m.start())
            if i >= len(tokens) or tokens[i].start != m.start():
                continue
            if cap_only and not (is_cap(tokens[i].text) or (is_acronym(tokens[i].text) and i > 0)):
                continue  # a name word, capitalised or an acronym ("Meydan TV")
            if (
                nouns_capitalised
                and not cap_only
                and is_cap(tokens[i].text)
                and tokens[i].end != m.end()
            ):
                continue  # the cue is only the start of a longer noun
            k = token_at(tokens, m.end())
            if nouns_capitalised and not cap_only and is_cap(tokens[i].text):
                first, end = compound_name_span(tokens, i, cues)
                if first < i:  # "Freien Gewerkschaft der Metallarbeiter", "Weiße Allianz"
                    s, e = tokens[first].start, tokens[end - 1].end
                    yield Mention(unit_id, s, e, text[s:e], type_, "cue:head")
                    continue
            # a capitalised name containing its cue: "Partidul Democrat", "Democratic Party"
            if (
                (is_cap(tokens[i].text) or cap_only)
                and not nouns_capitalised
                and (cap_only or not is_acronym(tokens[i].text.split("-")[0].rstrip("s")))
            ):  # a name word may be an acronym itself: "Meydan TV"
                first = i
                leads = (  # "Radio Igicaniro": the head starts the name, "X of" is not in it
                    i + 1 < len(tokens)
                    and is_cap(tokens[i + 1].text)
                    and tokens[i + 1].start == tokens[i].end + 1
                )
                while (
                    first > 0
                    and not (leads and not is_cap(tokens[first - 1].text))
                    and (
                        (
                            is_cap(tokens[first - 1].text)
                            and not _inflected_acronym(tokens[first - 1].text)
                        )
                        or (
                            fold(tokens[first - 1].text) in cues.name_connectors
                            and fold(tokens[first - 1].text) not in cues.list_and
                        )
                        or (
                            _plural_possessive(tokens, first - 1)
                            and country_of(tokens[first - 2].text) is None
                        )  # "Azerbaijan's Human Rights Club": the country owns it
                    )
                    and text[tokens[first - 1].end : tokens[first].start] == " "
                ):
                    first -= 1
                    if _plural_possessive(tokens, first):
                        first -= 1  # "Young Lawyers' Association": over the apostrophe
                while first < i and not is_cap(tokens[first].text):
                    first += 1
                end = max(cap_run_end(tokens, i, text, cues), k)
                if end - first >= 3:  # "Radio Liber Ana Popa, Ion Dragu și …"
                    end = max(listed_person_start(tokens, first, end, cues), k)
                if end - first < 2 and first == i and not cues.raw.get("title_case_names"):
                    # "Partidul pentru renașterea …"; not "Party holds absolute power"
                    end = max(continuation(tokens, k, cues, limit=6), k)
                if cap_only and _in_place(tokens, i):
                    continue  # "Russian Federation" is a country, not a union
                if (
                    type_ in (EntityType.NGO, EntityType.MEDIA_OUTLET)
                    and end > k
                    and fold(tokens[end - 1].text) in _body_heads(cues.language)
                ):
                    continue  # "EU-Egypt Association Council": a body, not an association
                if end - first >= 2 and (end > k or first < i):
                    quoted = _quoted_after(tokens, end, text, cues)
                    if quoted is not None:  # "Human Rights Centre ‘Viasna’": the name
                        yield _mention(unit_id, text, quoted, type_, "cue:head")
                        continue
                    s, e = tokens[first].start, tokens[end - 1].end
                    yield Mention(unit_id, s, e, text[s:e], type_, "cue:head")
                    continue
            if cap_only:
                continue
            opening = (
                quoted_before(tokens, i - 1, cues)
                if follows and i > 1 and not is_cap(tokens[i].text)
                else None
            )
            if opening is not None:  # "the 'Woman, Life, Freedom' movement"
                s, e = tokens[opening].start, tokens[i - 2].end
                yield Mention(unit_id, s, e, text[s:e], type_, "cue:before")
                continue
            if (
                follows
                and i > 0
                and not is_cap(tokens[i].text)
                and text[tokens[i - 1].end : tokens[i].start] == " "
                and (is_cap(tokens[i - 1].text) or is_acronym(tokens[i - 1].text))
            ):
                first = i - 1
                while (
                    first > 0
                    and (is_cap(tokens[first - 1].text) or is_acronym(tokens[first - 1].text))
                    and text[tokens[first - 1].end : tokens[first].start] == " "
                ):
                    first -= 1
                while first < i - 1 and cues.is_non_name(tokens[first].text):
                    first += 1
                if not (
                    first == i - 1
                    and (
                        demonym_country(tokens[first].text) is not None
                        or cues.is_non_name(tokens[first].text)
                    )
                ):
                    s, e = tokens[first].start, tokens[i - 1].end
                    yield Mention(unit_id, s, e, text[s:e], type_, "cue:before")
                    continue
                # "the Kenyan human rights organisation Haki Africa": a demonym, the name follows
            yield from _after_cue(unit_id, text, tokens, k, type_, cues, folded)
            yield from _acronym_named(unit_id, text, tokens, i, type_)
    yield from _member_of_named(unit_id, text, tokens, folded, cues)


def _member_of_named(
    unit_id: str, text: str, tokens: Sequence[Token], folded: str, cues: Cues
) -> Iterator[Mention]:
    """ "a founding member of the Egyptian Coordination for Rights and Freedoms (ECRF)":
    a capitalised name with its acronym, after a membership noun, is an organisation
    (an NGO unless its own words say otherwise)."""
    member = cues.patterns("relations", "member")
    if member is None:
        return
    n = len(tokens)
    skip = cues.name_connectors | cues.words("legal", "determiners")
    for m in finditer(member, folded):
        k = token_at(tokens, m.end())
        hops = 0
        while k < n and fold(tokens[k].text) in skip and hops < 3:
            k, hops = k + 1, hops + 1
        if hops == 0 or k >= n or not is_cap(tokens[k].text):
            continue
        end = cap_run_end(tokens, k, text, cues)
        if not (
            end - k >= 2
            and end + 2 < n
            and tokens[end].text == "("
            and is_acronym(tokens[end + 1].text)
            and tokens[end + 2].text == ")"
        ):
            continue
        capitals = [t.text[0] for t in tokens[k:end] if is_cap(t.text)]
        acronym = tokens[end + 1].text
        if acronym[0] != capitals[0] or fold(tokens[end - 1].text) in _body_heads(cues.language):
            continue
        s, e = tokens[k].start, tokens[end - 1].end
        yield Mention(
            unit_id, s, e, text[s:e], EntityType.NGO, "cue:member", (("acronym", acronym),)
        )


@cache
def _body_heads(language: str) -> frozenset[str]:
    return frozenset(fold(h) for h in load_cues(language).section("bodies").get("named_heads", []))


def _plural_possessive(tokens: Sequence[Token], j: int) -> bool:
    """Token ``j`` is the apostrophe of a capitalised plural possessive ("Lawyers'")."""
    return (
        j > 0
        and (
            (tokens[j].text in {"'", "’"} and tokens[j - 1].text.endswith("s"))
            or tokens[j].text in {"'s", "’s"}  # "Cambodian People's Party"
        )
        and tokens[j - 1].end == tokens[j].start
        and is_cap(tokens[j - 1].text)
    )


def _inflected_acronym(word: str) -> bool:
    """ "ONG-ul", "NGO's": an acronym with a case ending is a cue noun, not a name word."""
    head, _, rest = word.partition("-")
    return bool(rest) and is_acronym(head) and rest.islower()


def _in_place(tokens: Sequence[Token], i: int) -> bool:
    """Token ``i`` is part of a country's name ("Russian Federation")."""
    from .gazetteer import match

    lo = max(0, i - 4)
    return any(
        entry.type is EntityType.PLACE and lo + a <= i < lo + b
        for a, b, entry in match(tokens[lo : i + 4])
    )


def _quoted_after(tokens: Sequence[Token], k: int, text: str, cues: Cues) -> Item | None:
    """A quoted name right after a descriptive name ("Centrul … „Kylym”")."""
    if k >= len(tokens) or tokens[k].text not in OPEN_QUOTES or tokens[k].text == "*":
        return None
    if text[tokens[k - 1].end : tokens[k].start] != " ":
        return None
    item, _ = scan_item(tokens, k, text, cues, list_mode=False)
    if item is None or item.first <= k or text[item.start - 1] not in OPEN_QUOTES:
        return None
    return item


def _acronym_named(
    unit_id: str, text: str, tokens: Sequence[Token], i: int, type_: EntityType
) -> Iterator[Mention]:
    """ "sindicatului industrial al lucrătorilor … (ACR)": the description is the name."""
    n = len(tokens)
    j = i + 1
    while j < n and j - i <= 12:
        t = tokens[j].text
        if t == "(":
            break
        if t in {",", ";", ".", ":", ")"} or t[0].isupper():
            return
        j += 1
    else:
        return
    if j + 1 >= n or j == i + 1:
        return
    inner = j + 1
    close = inner
    while close < n and tokens[close].text != ")" and close - inner < 15:
        close += 1
    if close >= n or tokens[close].text != ")":
        return
    if not is_acronym(tokens[close - 1].text):
        return
    s, e = tokens[i].start, tokens[j - 1].end
    yield Mention(
        unit_id, s, e, text[s:e], type_, "cue:acronym", (("acronym", tokens[close - 1].text),)
    )
    # an alternative name inside the parentheses, before " - ACR"
    if close - inner >= 3 and tokens[close - 2].text in {"-", "–"} and is_cap(tokens[inner].text):
        s2, e2 = tokens[inner].start, tokens[close - 3].end
        yield Mention(
            unit_id,
            s2,
            e2,
            text[s2:e2],
            type_,
            "cue:acronym",
            (("acronym", tokens[close - 1].text),),
        )
