"""Name-shaped spans shared by the extractors: capitalised runs, list items,
role cues around a name.

A resolution writes names in a few recurring shapes: a run of capitalised words
("Partidul Național Liberal"), an enumeration after a cue phrase
("…, printre care A, B și C"), a quoted or italic title (*Nedelya*). These helpers
find those shapes on tokens, so every span keeps exact offsets.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..model import Compiled, cached_dataclass
from .cues import Cues, finditer
from .tokens import Token, fold, is_acronym, is_cap, stem

__all__ = [
    "Item",
    "cap_run_end",
    "scan_item",
    "parse_list",
    "roles_around",
    "token_at",
    "next_match",
    "listed_person_start",
    "quoted_before",
    "OPEN_QUOTES",
]

OPEN_QUOTES = {"„": "”", "“": "”", '"': '"', "«": "»", "*": "*", "‘": "’", "”": "”"}
_DELIMS = {",", ";", "(", ")", ".", ":", "!", "?", "[", "]", "„", "”", "“", "«", "»", '"'}
#: the punctuation that ends a name
DELIMS: frozenset[str] = frozenset(_DELIMS)
#: what this module compiles, kept compiled in the data cache (graph.model.Compiled)
_COMPILED = Compiled(__name__, __file__)

_NUM = _COMPILED.pattern(r"\d+(?:[-./]\d+)*$")


@cached_dataclass(_COMPILED, frozen=True, slots=True)
class Item:
    """A name found by shape: token range [first, last) and its offsets."""

    first: int
    last: int
    start: int
    end: int


def token_at(tokens: Sequence[Token], offset: int) -> int:
    """Index of the first token starting at or after ``offset``."""
    lo, hi = 0, len(tokens)
    while lo < hi:
        mid = (lo + hi) // 2
        if tokens[mid].start < offset:
            lo = mid + 1
        else:
            hi = mid
    return lo


def next_match(
    pattern: re.Pattern[str], folded: str, tokens: Sequence[Token], i: int
) -> tuple[int, re.Match[str]] | None:
    """The first token at or after ``i`` at whose start ``pattern`` matches, with that
    match; None when no later token does.

    The same answer as trying ``pattern.match`` at each token's start in turn, but one
    search finds the next candidate, so a unit costs a few regex calls, not one per
    token. (A search from a position finds the leftmost position where ``match``
    would succeed, and gives the match ``match`` would give there.) The search is the
    first match of :func:`.cues.finditer`: a cue pattern is tried only where its
    phrases' first letters occur.
    """
    n = len(tokens)
    while i < n:
        m = next(finditer(pattern, folded, tokens[i].start), None)
        if m is None:
            return None
        i = token_at(tokens, m.start())
        if i < n and tokens[i].start == m.start():
            return i, m
    return None


def _adjacent(text: str, a: Token, b: Token) -> bool:
    gap = text[a.end : b.start]
    return len(gap) <= 2 and (gap == "" or gap.isspace()) and "\n" not in gap


def _namey(tok: Token) -> bool:
    return is_cap(tok.text) or is_acronym(tok.text)


def cap_run_end(tokens: Sequence[Token], i: int, text: str, cues: Cues, limit: int = 12) -> int:
    """End (exclusive) of the capitalised run starting at token ``i`` (connectors allowed
    between capitalised words); ``i`` itself when token ``i`` is not capitalised."""
    if i >= len(tokens) or not _namey(tokens[i]):
        return i
    j = i + 1
    last = i + 1
    while (
        j < len(tokens)
        and j - i < limit
        and (_adjacent(text, tokens[j - 1], tokens[j]) or tokens[j].text in {"'", "’"})
    ):
        t = tokens[j].text
        if (
            t in {"'", "’"}
            and tokens[j - 1].end == tokens[j].start
            and tokens[j - 1].text.endswith("s")
            and j + 1 < len(tokens)
            and is_cap(tokens[j + 1].text)
        ):
            j += 1  # a plural possessive inside a name: "Workers' Congress"
            continue
        if t in {"'", "’"}:
            break
        if (
            _namey(tokens[j])
            and fold(t) in cues.months
            and j + 1 < len(tokens)
            and tokens[j + 1].text[:1].isdigit()
        ):
            break  # "National Assembly in August 2024": a date, not the name
        if _namey(tokens[j]):
            last = j + 1
        elif j == last and fold(t) in cues.words("names", "phrase_breaks"):
            break  # "verzoekt de Raad het Syndicaat …": an article right after a name word
        elif _NUM.match(t) and j == last and is_cap(tokens[j - 1].text):
            last = j + 1  # "Grupul 24", "Charter 77"
            break
        elif fold(t) not in cues.name_connectors:
            break
        elif (
            fold(t) in cues.list_and
            and j + 1 < len(tokens)
            and (
                cues.is_head(tokens[j + 1].text)
                or cues.is_head(tokens[j - 1].text)
                or is_acronym(tokens[j + 1].text)  # "Formula TV and TV Pirveli"
                or is_acronym(tokens[j - 1].text)
                or fold(tokens[j + 1].text) in cues.words("legal", "determiners")
            )
        ):
            break  # "X și Mișcarea Y", "Free X Forum and the Y Party": a second name begins
        j += 1
    return last


def is_item_start(tok: Token, list_mode: bool) -> bool:
    t = tok.text
    return _namey(tok) or t in OPEN_QUOTES or (list_mode and bool(_NUM.match(t)))


def scan_item(
    tokens: Sequence[Token], k: int, text: str, cues: Cues, list_mode: bool, max_gap: int = 2
) -> tuple[Item | None, int]:
    """One name starting at token ``k``; returns it (or None) and the index after it.

    A quoted/italic name is taken between its marks. Otherwise the name runs to the
    next delimiter, a list conjunction followed by another name, or a stop word, and
    is trimmed back to its last capitalised word or number; a gap of more than
    ``max_gap`` lower-case words ends it (in a list, delimiters bound it instead).
    """
    n = len(tokens)
    determiners = cues.words("legal", "determiners")
    if (
        k + 1 < n
        and fold(tokens[k].text) in determiners
        and is_item_start(tokens[k + 1], list_mode)
        and not (k > 0 and tokens[k].text[:1].isupper() and tokens[k - 1].text[:1].islower())
    ):
        k += 1  # "the Legal Initiative"; but "el diario La Voz Libre", "quotidiano Al Fajr"
    if k >= n or not is_item_start(tokens[k], list_mode):
        return None, k
    first = tokens[k].text
    if first in OPEN_QUOTES:
        closers = {OPEN_QUOTES[first]} | ({"“"} if first == "„" else set())  # German „…“
        j = k + 1
        while j < n and tokens[j].text not in closers and j - k < 15:
            j += 1
        if j >= n or tokens[j].text not in closers or j == k + 1:
            return None, k
        return Item(k + 1, j, tokens[k + 1].start, tokens[j - 1].end), j + 1
    j = k
    last = k
    gap = 0
    while j < n and j - k < 16:
        tok = tokens[j]
        f = fold(tok.text)
        if tok.text in _DELIMS:
            break
        if j > k and f in cues.list_and and j + 1 < n:
            nxt = tokens[j + 1]
            if (
                is_item_start(nxt, list_mode)
                or (
                    fold(nxt.text) in determiners
                    and j + 2 < n
                    and is_item_start(tokens[j + 2], list_mode)
                )
                or (
                    (list_mode or nxt.text.islower()) and stem(nxt.text) in cues.head_stems
                )  # "… și postul de televiziune X", "X i partia Y"
                or (
                    nxt.text.islower()
                    and cues.role_any is not None
                    and cues.role_any.fullmatch(fold(nxt.text)) is not None
                )  # "gazety X oraz prawnik Y": a role noun opens a person's name
                or fold(nxt.text)
                in cues.name_connectors - cues.list_and - determiners  # "X and of Y"
            ):
                break
        if f in cues.name_stops or f in cues.months:
            break
        if (
            (is_item_start(tok, list_mode) and tok.text not in OPEN_QUOTES)
            or (_NUM.match(tok.text) and j == last and j > k and is_cap(tokens[j - 1].text))
            or (j > k and _prefixed_word(tok.text, cues))  # "Sawt al-Nas"
        ):
            last = j + 1
            gap = 0
        else:
            gap += 1
            if not list_mode and gap > max_gap:
                break
        j += 1
    if list_mode and j - k >= 16:
        return None, j
    if list_mode and j > last:
        # a delimited list item keeps its lower-case words ("Centre de surveillance …")
        end = j
        while end > last and (
            fold(tokens[end - 1].text) in cues.name_connectors or not tokens[end - 1].word
        ):
            end -= 1
        last = end
    return Item(k, last, tokens[k].start, tokens[last - 1].end), last


def _prefixed_word(word: str, cues: Cues) -> bool:
    """A name word with a lower-case prefix ("al-Nas", "el-Sayed")."""
    return any(
        word.startswith(p) and is_cap(word[len(p) :]) for p in cues.raw.get("person_prefixes", ())
    )


def parse_list(
    tokens: Sequence[Token],
    k: int,
    text: str,
    cues: Cues,
    list_mode: bool = True,
    comma: bool = True,
    max_gap: int = 2,
) -> list[Item]:
    """An enumeration of names from token ``k``: "A, B (C) și D"."""
    items: list[Item] = []
    n = len(tokens)
    after_conj = False
    while k < n:
        item, k = scan_item(tokens, k, text, cues, list_mode=list_mode, max_gap=max_gap)
        if item is None:
            break
        items.append(item)
        if after_conj:
            break
        while k < n and tokens[k].text == "(":  # skip "(ACRONYM)" after an item
            depth, k = 1, k + 1
            while k < n and depth:
                depth += {"(": 1, ")": -1}.get(tokens[k].text, 0)
                k += 1
        if k < n and tokens[k].text in OPEN_QUOTES.values() and tokens[k].text not in OPEN_QUOTES:
            k += 1
        if comma and k < n and tokens[k].text == ",":
            k += 1
            if k < n and fold(tokens[k].text) in cues.list_and:
                k += 1
                after_conj = True
            continue
        if k < n and fold(tokens[k].text) in cues.list_and:
            k += 1
            after_conj = True
            continue
        break
    return items


def head_stems(cues: Cues) -> frozenset[str]:
    return cues.head_stems


def _role_hits(
    pattern_roles: tuple[tuple[re.Pattern[str], str], ...], folded: str, lo: int, hi: int
) -> list[tuple[int, int, str]]:
    hits = []
    for pat, role in pattern_roles:
        for m in finditer(pat, folded, lo, hi):
            hits.append((m.start(), m.end(), role))
    return [
        h
        for h in hits
        if not any(
            o != h and o[0] <= h[0] and h[1] <= o[1] and (o[1] - o[0]) > (h[1] - h[0]) for o in hits
        )
    ]


_BLOCK = _COMPILED.pattern(r"[;:.()\[\]]")
_WORDS = _COMPILED.pattern(r"[\w'’]+")
_AFTER = _COMPILED.pattern(r"\s*,\s*(?:(\w{1,3})\s+)?")


def roles_around(
    folded: str, start: int, end: int, cues: Cues, window: int = 110, floor: int = 0
) -> tuple[str, ...]:
    """Roles stated just before a name (in its clause) or in an apposition after it."""
    lo = max(floor, start - window)
    seg = folded[lo:start]
    blocks = [m.end() for m in _BLOCK.finditer(seg)]
    if blocks:
        lo += blocks[-1]

    def attached(e: int) -> bool:
        """Nothing but modifiers, commas and a list intro between the cue and the name."""
        gap = folded[e:start]
        if cues.list_intros is not None:
            gap = cues.list_intros.sub(" ", gap)
        return start - e <= 70 and not any(w in cues.name_stops for w in _WORDS.findall(gap))

    roles: list[str] = []
    # one search of all the roles' phrases together: a role matches only where it does
    if cues.role_any is not None and cues.role_any.search(folded, lo, start) is not None:
        roles = [r for _, e, r in _role_hits(cues.roles, folded, lo, start) if attached(e)]
    after = _AFTER.match(folded[end : end + 8])
    if after and after.group(1) and after.group(1) not in cues.words("legal", "determiners"):
        after = None
    if after and cues.role_any is not None:
        pos = end + after.end()
        m = cues.role_any.match(folded, pos)
        if m:
            roles += [r for _, _, r in _role_hits(cues.roles, folded, pos, m.end())]
    return tuple(dict.fromkeys(roles))


_ADJECTIVE_ENDINGS = ("e", "en", "er", "es", "em")


def compound_name_span(tokens: Sequence[Token], i: int, cues: Cues) -> tuple[int, int]:
    """(first, end) of a name around the noun at token ``i`` where every noun is
    capitalised (German): capitalised adjectives before it ("Freien Gewerkschaft",
    "Oberste Gerichtshof") and genitive complements after it ("… der Metallarbeiter",
    "… der Republik Belarus")."""
    determiners = cues.words("legal", "determiners")
    first = i
    while (
        first > 0
        and is_cap(tokens[first - 1].text)
        and fold(tokens[first - 1].text).endswith(_ADJECTIVE_ENDINGS)
        and fold(tokens[first - 1].text) not in determiners
        and tokens[first - 1].end + 1 == tokens[first].start
    ):
        first -= 1
    links = cues.words("legal", "object_links")
    n = len(tokens)
    end = i + 1
    while end + 1 < n and fold(tokens[end].text) in links and is_cap(tokens[end + 1].text):
        j = end + 1
        while j < n and (is_cap(tokens[j].text) or is_acronym(tokens[j].text)):
            j += 1
        end = j
    return first, end


def listed_person_start(tokens: Sequence[Token], first: int, last: int, cues: Cues) -> int:
    """Where an organisation's name after its cue runs into the first name of a list
    of persons ("jurnaliștii postului Kanal Azad Leyla Huseynova, Orkhan Bagirov și
    …"): the person starts as many words before the end as the next list item has;
    ``last`` when the run is not followed by such a list."""
    n = len(tokens)
    if last >= n or not (tokens[last].text == "," or fold(tokens[last].text) in cues.list_and):
        return last
    k = last + 1
    if k < n and fold(tokens[k].text) in cues.list_and:
        k += 1
    m = k
    while m < n and m - k < 4 and is_cap(tokens[m].text) and not cues.is_non_name(tokens[m].text):
        m += 1
    size = m - k
    if not 2 <= size <= 3 or (m < n and is_cap(tokens[m].text)):
        return last
    closed = fold(tokens[last].text) in cues.list_and
    while not closed and m + 1 < n and tokens[m].text == ",":
        m += 1  # on through ", A B" to the closing "și"/"and"
        while m < n and is_cap(tokens[m].text):
            m += 1
    if not closed:
        closed = m + 1 < n and fold(tokens[m].text) in cues.list_and and is_cap(tokens[m + 1].text)
    cut = last - size
    if not closed or cut <= first or any(cues.is_non_name(t.text) for t in tokens[cut:last]):
        return last
    return cut


def after_org_cue(tokens: Sequence[Token], i: int, folded: str, cues: Cues) -> bool:
    """Does an organisation's cue noun (or a name word such as "Radio") end right
    before token ``i``?"""
    words = cues.section("org_names").get("words", [])
    if i > 0 and fold(tokens[i - 1].text) in {fold(w) for w in words}:
        return True
    for back in (1, 2, 3):
        j = i - back
        if j < 0:
            break
        for pattern, _type in cues.org_cues:
            m = pattern.match(folded, tokens[j].start)
            if m is not None and m.end() == tokens[i - 1].end:
                return True
    return False


_QUOTE_OPENERS = {"'": "'", "‘": "’", "“": "”", '"': '"', "„": "“", "«": "»"}


def quoted_before(tokens: Sequence[Token], k: int, cues: Cues) -> int | None:
    """First word of a quoted name that closes at token ``k`` ("the 'Woman, Life,
    Freedom' movement"), when every word inside is capitalised or a connector."""
    if k < 2:
        return None
    close = tokens[k].text
    j = k - 1
    while j >= 0 and k - j < 12:
        t = tokens[j].text
        if _QUOTE_OPENERS.get(t) == close or (t == "„" and close == "”"):
            return j + 1 if j + 1 < k and is_cap(tokens[j + 1].text) else None
        if not (is_cap(t) or fold(t) in cues.name_connectors | cues.list_and or t == ","):
            return None
        j -= 1
    return None


_COMPILED.save()
