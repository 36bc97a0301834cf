"""EU and international instruments that the gazetteer does not know by name.

Capitalised heads ("Acordul de parteneriat …", "Convenția …", "Pactul …",
"Enhanced Partnership and Cooperation Agreement") take their name up to the next
delimiter; the type is EU when the head is an EU kind of act or the name carries
an EU marker, international otherwise. Lower-case patterns: Council conclusions
and the Parliament's own resolutions identified by their date, sanctions regimes,
EU strategies.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache

from ..model import EntityType, Mention
from .cues import Cues, finditer, fold_aligned
from .names import cap_run_end, next_match, token_at
from .tokens import Token, fold, folded_words, is_acronym, is_cap, tokenize, word_set

__all__ = ["extract", "continuation"]

# a spaced dash ends a name: "Tratatul privind funcționarea UE – 2017/2219"
_PUNCT = {",", ";", ".", ":", "(", ")", "„", "”", "“", '"', "«", "»", "[", "]", "‘", "’", "'"}
_PUNCT |= {"–", "—"}
# "12", a range "21-22", or a day with a lower-case ordinal ending: Greek "13ης",
# English "1st", French "1er" (not "5G": an upper-case ending is a name's)
_DAY_FORM = re.compile(r"\d{1,2}[^\W\d_]{0,3}(?:[-–]\d{1,2}[^\W\d_]{0,3})?$")


def _is_day(text: str) -> bool:
    """Is this token the day of a date?"""
    return bool(_DAY_FORM.match(text)) and text == text.lower()


_YEAR = re.compile(r"(?:19|20)\d\d$")


def enumeration_follows(tokens: Sequence[Token], k: int, cues: Cues) -> bool:
    """Does the comma at token ``k`` open a short lower-case enumeration closed by a
    conjunction ("extrajudicial, summary or arbitrary executions", "cu cruzime,
    inumane sau degradante"), rather than end a name?"""
    ahead = [fold(x.text) for x in tokens[k + 1 : k + 5]]
    raw = [x.text for x in tokens[k + 1 : k + 5]]
    links = (
        cues.words("legal", "determiners") | cues.list_and | cues.name_stops | cues.name_connectors
    )
    if not ahead or ahead[0] in links or not raw[0][:1].islower():
        return False
    return any(
        ahead[a] in cues.list_and and ahead[a + 1] not in links and raw[a + 1][:1].islower()
        for a in range(1, len(ahead) - 1)
    )


def past_enumeration(tokens: Sequence[Token], k: int, cues: Cues) -> int:
    """The token index just past the enumeration that the comma at ``k`` opens: through
    its closing conjunction and the word after it (see :func:`enumeration_follows`)."""
    j = k + 1
    while j < len(tokens) and fold(tokens[j].text) not in cues.list_and:
        j += 1
    return min(j + 2, len(tokens))


def continuation(
    tokens: Sequence[Token],
    k: int,
    cues: Cues,
    limit: int = 12,
    breaks: frozenset[str] = frozenset(),
) -> int:
    """End of an instrument's name after its head: to the next delimiter or stop word,
    trimmed back to a content word."""
    n = len(tokens)
    j, last = k, k
    while j < n and j - k < limit:
        t = tokens[j].text
        f = fold(t)
        close = _series_close(tokens, j) if t == "(" else None
        if (
            close is not None
            and close + 1 < n
            and (
                fold(tokens[close + 1].text) in cues.words("legal", "number_marks")
                or tokens[close + 1].text[:1].isdigit()
            )
        ):
            j = last = close + 1  # "Regulation (EU) No …", "Regulation (EU, Euratom) 2020/…"
            continue
        if t[:1].isdigit() and "/" in t and j == last:
            # "2023/592": a numbered act's name ends with its number, or with its
            # author ("Decizia (PESC) 2023/2190 a Consiliului"), never with a topic
            j = last = j + 1
            authors = cues.patterns("instruments", "number_authors")
            m = (
                authors.match(fold_aligned(" ".join(x.text for x in tokens[j : j + 8])))
                if authors
                else None
            )
            if m is not None:
                last = token_at(tokens, tokens[j].start + _aligned_offset(tokens, j, m.end()))
            break
        if f in cues.words("legal", "number_marks") and j + 1 < n:
            num = j + 1 + (tokens[j + 1].text == ".")
            if num < n and tokens[num].text[:1].isdigit():
                j = last = num + 1
                continue
        if t == "," and j > k and enumeration_follows(tokens, j, cues):
            # "… cu cruzime, inumane sau degradante": through the word after the conjunction
            j = last = past_enumeration(tokens, j, cues)
            continue
        if t in _PUNCT or f in cues.name_stops or f in cues.months or _is_day(t):
            break
        if j + 1 < n and _opens_clause(f, tokens[j + 1].text, cues):
            break  # "decizia Comisiei de a sesiza Curtea …": an infinitive, not the name
        if (
            f in cues.words("legal", "number_year_links")
            and j + 1 < n
            and _YEAR.match(tokens[j + 1].text)
            and j > last - 1
            and not (j > k and tokens[j - 1].text[:1].isdigit())
        ):
            break  # "Joint Declaration of 1984": a date, not part of the name
        if f in breaks:
            break  # a body's name: "… Islamice pe lista UE"
        if f in cues.list_and and j + 1 < n:
            nxt = tokens[j + 1].text
            namey = is_cap(nxt) or is_acronym(nxt)
            fn = fold(nxt)
            if (
                j == k
                or fn in cues.words("legal", "determiners")
                or fn in cues.name_connectors
                or fn in cues.place_prepositions
                or (namey and not is_cap(tokens[j - 1].text))
                or cues.is_head(nxt)
                or (
                    nxt.islower()
                    and j + 2 < n
                    and is_cap(tokens[j + 2].text)
                    and not cues.raw.get("nouns_capitalised")
                )
            ):  # "… omului și hotărârile Curții …": a new phrase with its own name
                break
        if f not in cues.name_connectors and f not in cues.list_and:
            last = j + 1
        j += 1
    return last


def _opens_clause(word: str, following: str, cues: Cues) -> bool:
    """Whether ``word`` and the token after it open a clause (cue
    ``instruments.name_clauses``, e.g. Romanian "de a" before an infinitive), which no
    name runs across; a set lookup on the first word spares the other tokens."""
    clauses = cues.words("instruments", "name_clauses")
    if not clauses or word not in _clause_firsts(clauses):
        return False
    return f"{word} {fold(following)}" in clauses


@lru_cache(maxsize=32)
def _clause_firsts(clauses: frozenset[str]) -> frozenset[str]:
    return frozenset(c.split(" ", 1)[0] for c in clauses)


def _series_close(tokens: Sequence[Token], j: int) -> int | None:
    """Index of the ")" closing an act's series after the "(" at ``j``: "(EU)",
    "(CFSP)", "(EU, Euratom)"."""
    k = j + 1
    while k < len(tokens) and k - j <= 5:
        t = tokens[k].text
        if t == ")":
            return k if k > j + 1 else None
        if not (is_acronym(t) or t == "," or (is_cap(t) and t.isalpha())):
            return None
        k += 1
    return None


def _aligned_offset(tokens: Sequence[Token], j: int, joined_end: int) -> int:
    """Offset in the unit text (from token ``j``) of position ``joined_end`` in the
    space-joined texts of tokens ``j``… (so the token after it can be found)."""
    pos = 0
    for t in tokens[j:]:
        if pos + len(t.text) >= joined_end:
            return t.end - tokens[j].start
        pos += len(t.text) + 1
    return tokens[-1].end - tokens[j].start


def _past_topic(tokens: Sequence[Token], k: int, cues: Cues) -> int:
    """Past a short capitalised topic between a dated act's kind and its date (cue
    ``instruments.dated_topics``): "Council conclusions on Belarus of 12 October
    2020"; ``k`` itself when none stands there."""
    n = len(tokens)
    if not (k + 1 < n and fold(tokens[k].text) in cues.words("instruments", "dated_topics")):
        return k
    j = k + 1
    while j < n and j - k <= 3 and is_cap(tokens[j].text):
        j += 1
    return j if j > k + 1 else k


def _date_end(tokens: Sequence[Token], k: int, cues: Cues) -> int | None:
    """End of "14 martie 2019" / "14 March 2019" starting at token ``k``; a language's
    date words ("16 de febrero de 2023") may stand between day, month and year."""
    n = len(tokens)
    inner = cues.words("instruments", "date_inner")
    if not (k < n and _is_day(tokens[k].text)):
        return None
    j = k + 1
    if j < n and fold(tokens[j].text) in inner:
        j += 1
    if not (j < n and fold(tokens[j].text) in cues.months):
        return None
    j += 1
    if j < n and fold(tokens[j].text) in inner:
        j += 1
    return j + 1 if j < n and _YEAR.match(tokens[j].text) else None


def _eu(words: list[str], cues: Cues) -> bool:
    """Does a name carry an EU marker ("UE", "Uniunii Europene", "Council", "EU-…")?"""
    pattern = cues.patterns("instruments", "eu_markers")
    if pattern is None:
        return False
    text = " ".join(
        fold(w).split("-")[0] if "-" in w and w.split("-")[0].isupper() else fold(w) for w in words
    )
    return pattern.search(text) is not None


def extract(unit_id: str, text: str, cues: Cues) -> Iterator[Mention]:
    tokens = tokenize(text)
    folded = fold_aligned(text)
    eu_heads = cues.words("instruments", "eu_heads")
    intl_heads = cues.words("instruments", "international_heads")
    title_case = bool(cues.raw.get("title_case_names"))
    present = word_set(text)
    heads = () if eu_heads.isdisjoint(present) and intl_heads.isdisjoint(present) else tokens
    folds = folded_words(text)
    for i, tok in enumerate(heads):
        f = folds[i]
        if (f in eu_heads or f in intl_heads) and is_cap(tok.text):
            # English: the head closes a capitalised run ("Partnership and Cooperation Agreement")
            first = i
            while (
                first > 0
                and (
                    is_cap(tokens[first - 1].text)
                    or is_acronym(tokens[first - 1].text)
                    or (
                        fold(tokens[first - 1].text) in cues.name_connectors
                        and (title_case or fold(tokens[first - 1].text) not in cues.list_and)
                        and first - 2 >= 0
                        and is_cap(tokens[first - 2].text)
                    )
                )
                and text[tokens[first - 1].end : tokens[first].start] == " "
            ):
                first -= 1
            while (
                first < i
                and not (is_cap(tokens[first].text) or is_acronym(tokens[first].text))
                or (first < i and fold(tokens[first].text) in cues.words("legal", "determiners"))
            ):
                first += 1
            end = continuation(tokens, i + 1, cues)
            if (
                title_case
                and first < i
                and i + 1 < len(tokens)
                and tokens[i + 1].text.isalpha()
                and tokens[i + 1].text.islower()
                and fold(tokens[i + 1].text) not in cues.name_connectors
            ):
                end = i + 1  # "… Partnership Priorities conditional on …": the head ends it
            if end == i + 1 and first == i:
                continue
            speakers = cues.patterns("instruments", "speakers")
            if speakers is not None and end > i + 1:
                tail = fold_aligned(text[tokens[i + 1].start : tokens[min(end, i + 4) - 1].end])
                if speakers.search(tail):
                    continue  # "Erklärung des Sprechers …", "declarația purtătorului de cuvânt"
            words = [t.text for t in tokens[first:end]]
            type_ = (
                EntityType.EU_INSTRUMENT
                if f in eu_heads or _eu(words, cues)
                else EntityType.INTERNATIONAL_INSTRUMENT
            )
            s, e = tokens[first].start, tokens[end - 1].end
            yield Mention(unit_id, s, e, text[s:e], type_, "pat:instrument")
            for a, b in _series_after(tokens, end, cues):
                s, e = tokens[a].start, tokens[b - 1].end
                yield Mention(unit_id, s, e, text[s:e], type_, "pat:instrument")
    yield from _phrases(unit_id, text, tokens, folded, cues)
    yield from _numbered(unit_id, text, tokens, cues)
    yield from _dated(unit_id, text, tokens, folded, cues, "council_conclusions")
    yield from _dated(unit_id, text, tokens, folded, cues, "own_resolutions")
    yield from _dated(unit_id, text, tokens, folded, cues, "communications")
    yield from _sanctions(unit_id, text, tokens, folded, cues)
    yield from _reports(unit_id, text, tokens, folded, cues)
    yield from _strategy(unit_id, text, tokens, folded, cues)
    yield from _pair_agreements(unit_id, text, tokens, folded, cues)


def _series_after(tokens: Sequence[Token], end: int, cues: Cues) -> Iterator[tuple[int, int]]:
    """Token ranges of the numbered acts enumerated after a numbered act that ends at
    ``end``: "Recomandărilor (UE) 2016/1374, (UE) 2017/146 și (UE) 2017/1520", each
    act its own mention (its series and number, the plural head shared)."""
    n = len(tokens)
    if not (0 < end <= n and "/" in tokens[end - 1].text and tokens[end - 1].text[0].isdigit()):
        return
    j = end
    while j < n:
        k = j
        while k < n and (tokens[k].text == "," or fold(tokens[k].text) in cues.list_and):
            k += 1
        if k == j or k >= n or tokens[k].text != "(":
            return
        close = _series_close(tokens, k)
        if close is None or close + 1 >= n:
            return
        number = tokens[close + 1].text
        if not (number[:1].isdigit() and "/" in number):
            return
        yield k, close + 2
        j = close + 2


def _numbered(unit_id: str, text: str, tokens: Sequence[Token], cues: Cues) -> Iterator[Mention]:
    """An international organisation's numbered resolution (cue
    ``instruments.numbered_heads``): "United Nations Security Council Resolution
    1325", "Rezoluția 1325 a Consiliului de Securitate al ONU", "Resolution 2254
    (2019)". Its author is part of its name: the capitalised run before the head,
    or an organisation the gazetteer knows after a genitive link."""
    heads = cues.words("instruments", "numbered_heads")
    if not heads or heads.isdisjoint(word_set(text)):
        return
    from .gazetteer import match

    folds = folded_words(text)
    links = cues.words("instruments", "author_links")
    n = len(tokens)
    for i, tok in enumerate(tokens):
        if not (folds[i] in heads and is_cap(tok.text) and i + 1 < n):
            continue
        if not (tokens[i + 1].text[:1].isdigit() and tokens[i + 1].text[-1:].isdigit()):
            continue
        end = i + 2
        if (
            end + 2 < n
            and tokens[end].text == "("
            and _YEAR.match(tokens[end + 1].text)
            and tokens[end + 2].text == ")"
        ):
            end += 3  # "Resolution 2254 (2019)"
        if end + 1 < n and folds[end] in links:
            for a, b, entry in match(tokens[end + 1 : end + 10]):
                if a == 0 and entry.type is EntityType.INTERNATIONAL_ORGANISATION:
                    end += 1 + b  # "… a Consiliului de Securitate al ONU"
                break
        first = i
        while (
            cues.raw.get("title_case_names")
            and first > 0
            and (is_cap(tokens[first - 1].text) or is_acronym(tokens[first - 1].text))
            and text[tokens[first - 1].end : tokens[first].start] == " "
            and not cues.words("legal", "determiners") & {fold(tokens[first - 1].text)}
        ):
            first -= 1  # "United Nations Security Council Resolution 1325"
        s, e = tokens[first].start, tokens[end - 1].end
        yield Mention(unit_id, s, e, text[s:e], EntityType.INTERNATIONAL_INSTRUMENT, "pat:numbered")


def _phrases(
    unit_id: str, text: str, tokens: Sequence[Token], folded: str, cues: Cues
) -> Iterator[Mention]:
    """EU instruments some languages write in lower case ("accordo di associazione",
    "del suo regolamento"), which no capitalised head finds: fixed phrases in the
    cue data, without a leading determiner."""
    pat = cues.patterns("instruments", "lower_case_names")
    if pat is None:
        return
    determiners = cues.words("legal", "determiners")
    for m in finditer(pat, folded):
        i, k = token_at(tokens, m.start()), token_at(tokens, m.end())
        while i < k - 1 and fold(tokens[i].text) in determiners:
            i += 1
        s, e = tokens[i].start, tokens[k - 1].end
        yield Mention(unit_id, s, e, text[s:e], EntityType.EU_INSTRUMENT, "pat:phrase")


def _dated(
    unit_id: str, text: str, tokens: Sequence[Token], folded: str, cues: Cues, key: str
) -> Iterator[Mention]:
    pat = cues.patterns("instruments", key)
    links = cues.patterns("instruments", "date_link")
    if pat is None or links is None:
        return
    determiners = cues.words("legal", "determiners")
    for m in finditer(pat, folded):
        k = _past_topic(tokens, token_at(tokens, m.end()), cues)
        if k >= len(tokens):
            continue
        lm = links.match(folded, tokens[k].start)
        if not lm and tokens[k].text == "," and k + 1 < len(tokens):
            lm = links.match(folded, tokens[k + 1].start)  # "su Resolución, de 3 de marzo …"
        if not lm:
            continue
        d = _date_end(tokens, token_at(tokens, lm.end()), cues)
        if d is None:
            continue
        i = token_at(tokens, m.start())
        while i < k - 1 and fold(tokens[i].text) in determiners:
            i += 1
        s, e = tokens[i].start, tokens[d - 1].end
        yield Mention(unit_id, s, e, text[s:e], EntityType.EU_INSTRUMENT, f"pat:{key}")


def _reports(
    unit_id: str, text: str, tokens: Sequence[Token], folded: str, cues: Cues
) -> Iterator[Mention]:
    """ "raportul anual pe 2019 al UE privind …", "the EU Annual Report on …"."""
    pat = cues.patterns("instruments", "eu_reports")
    if pat is None:
        return
    for m in finditer(pat, folded):
        i = token_at(tokens, m.start())
        end = continuation(tokens, token_at(tokens, m.end()), cues, limit=14)
        first = i
        if (
            i > 0
            and fold(tokens[i - 1].text) in cues.words("instruments", "eu_markers")
            and tokens[i - 1].text.isupper()
        ):
            first = i - 1
        if (
            end - 2 > token_at(tokens, m.end())
            and _YEAR.match(tokens[end - 1].text)
            and fold(tokens[end - 2].text) in cues.name_connectors
        ):
            end -= 2  # "… privind statul de drept pe 2024": the year is no part of the name
        words = [t.text for t in tokens[first:end]]
        if end <= max(i + 1, token_at(tokens, m.end())) or not _eu(words, cues):
            continue
        s, e = tokens[first].start, tokens[end - 1].end
        yield Mention(unit_id, s, e, text[s:e], EntityType.EU_INSTRUMENT, "pat:report")


def _sanctions(
    unit_id: str, text: str, tokens: Sequence[Token], folded: str, cues: Cues
) -> Iterator[Mention]:
    pat = cues.patterns("instruments", "sanctions")
    word = fold(str(cues.section("instruments").get("sanctions_word", "")))
    if pat is None or not word:
        return
    for m in finditer(pat, folded):
        i = token_at(tokens, m.start())
        # Romanian: "regimul … de sancțiuni …"; English: "… sanctions regime"
        j = i
        found = False
        while j < len(tokens) and j - i < 6 and tokens[j].text not in _PUNCT:
            if fold(tokens[j].text) == word:
                found = True
                break
            j += 1
        first = i
        while (
            first > 0
            and tokens[first - 1].text not in _PUNCT
            and fold(tokens[first - 1].text) not in cues.words("legal", "determiners")
            and i - first < 5
            and fold(tokens[first - 1].text) not in cues.name_stops
        ):
            first -= 1
        if found and j > i:
            end = continuation(tokens, j + 1, cues, limit=8)
            end = max(end, j + 1)
            s, e = tokens[i].start, tokens[end - 1].end
        elif word in folded[m.start() : m.end()]:
            # "recently approved EU Global … Sanctions Regime": the name starts at "EU"
            for j2 in range(first, i):
                if _eu([tokens[j2].text], cues):
                    first = j2
                    break
            last = token_at(tokens, m.end())
            tail = cues.patterns("instruments", "sanctions_tail")
            if tail is not None and last < len(tokens) and tail.match(folded, tokens[last].start):
                # "globalen Sanktionsregelung der EU im Bereich der Menschenrechte"
                last = continuation(tokens, last, cues, limit=8)
                while last > i + 1 and not (
                    is_cap(tokens[last - 1].text) or is_acronym(tokens[last - 1].text)
                ):
                    last -= 1
            s, e = tokens[first].start, tokens[last - 1].end
        else:
            continue
        span = text[s:e]
        yield Mention(unit_id, s, e, span, EntityType.EU_INSTRUMENT, "pat:sanctions")


def _strategy(
    unit_id: str, text: str, tokens: Sequence[Token], folded: str, cues: Cues
) -> Iterator[Mention]:
    pat = cues.patterns("instruments", "eu_strategy")
    links = cues.patterns("instruments", "strategy_links")
    topics = cues.patterns("legal", "topic_markers")
    if pat is None or links is None:
        return
    for m in finditer(pat, folded):
        k = token_at(tokens, m.end())
        if k >= len(tokens):
            continue
        has_eu = _eu([t.text for t in tokens[token_at(tokens, m.start()) : k]], cues)
        lm = links.match(folded, tokens[k].start)
        if lm:
            has_eu = True
            k = token_at(tokens, lm.end())
        if not has_eu or k >= len(tokens):
            continue
        f = fold(tokens[k].text)
        if not (
            f in {"pentru", "for"} or (topics is not None and topics.match(folded, tokens[k].start))
        ):
            continue
        end = cap_run_end(tokens, k + 1, text, cues)
        if end == k + 1:
            continue
        s, e = tokens[token_at(tokens, m.start())].start, tokens[end - 1].end
        yield Mention(unit_id, s, e, text[s:e], EntityType.EU_INSTRUMENT, "pat:strategy")


def _eu_pair(word: str, cues: Cues) -> bool:
    """ "UE-Azerbaidjan", "EU-Egypt": the EU and a partner in one word."""
    head, _, rest = word.partition("-")
    return bool(rest) and head.isupper() and is_cap(rest) and _eu([word], cues)


def _pair_agreements(
    unit_id: str, text: str, tokens: Sequence[Token], folded: str, cues: Cues
) -> Iterator[Mention]:
    """A lower-case agreement named by its EU pair: "acord de parteneriat
    UE-Azerbaidjan", "the EU-Azerbaijan partnership agreement". Without the pair a
    lower-case "partnership agreement" is generic and not a name."""
    pat = cues.patterns("instruments", "pair_agreements")
    if pat is None:
        return
    n = len(tokens)
    found = next_match(pat, folded, tokens, 0)
    while found is not None:
        i, m = found
        found = next_match(pat, folded, tokens, i + 1)
        tok = tokens[i]
        if not tok.text.islower():
            continue
        k = token_at(tokens, m.end())
        if k < n and _eu_pair(tokens[k].text, cues):
            s, e = tok.start, tokens[k].end
        elif i > 0 and _eu_pair(tokens[i - 1].text, cues):
            s, e = tokens[i - 1].start, tokens[k - 1].end
        else:
            continue
        yield Mention(unit_id, s, e, text[s:e], EntityType.EU_INSTRUMENT, "pat:instrument")
