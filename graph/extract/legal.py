"""National laws, codes and bills, and their articles.

"articolul 405 și articolul 182 din Codul penal al X", "articolele 460-1 și 460-2
din Codul privind infracțiunile administrative", "Legea privind sindicatele",
"noul proiect de lege privind organizațiile caritabile", "Article 405 of the
Criminal Code", "the Law on Trade Unions". Each article (or paragraph of an
article) is its own LegalProvision mention; ``("part_of_at", offset)`` points at the
start of the law it belongs to, which the resolver turns into ``part_of``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import cache

from ..model import Compiled, EntityType, Mention
from .cues import Cues, fold_aligned
from .gazetteer import country_of
from .instruments import _eu, enumeration_follows, past_enumeration
from .names import next_match, token_at
from .tokens import Token, fold, folded_words, is_acronym, is_cap, tokenize, word_set

__all__ = ["extract", "law_span_end"]

#: what this module compiles, kept compiled in the data cache (graph.model.Compiled)
_COMPILED = Compiled(__name__, __file__)

_ROMAN = _COMPILED.pattern(r"[IVXLCDM]{2,}$")
_DIGIT = _COMPILED.pattern(r"\d")
_YEAR = _COMPILED.pattern(r"(1[89]|20)\d\d")
_NUM = _COMPILED.pattern(r"\d+[a-z]?(?:[-–.]\d+)*(?:\.[ºª])?$")  # "144.º": a Portuguese ordinal
_PUNCT = {",", ";", ".", ":", "(", ")", "„", "”", "“", '"', "«", "»", "[", "]", "‘", "’", "'"}


def _match_words(cues: Cues, section: str, key: str, folded: str, pos: int) -> int | None:
    """End offset of a cue phrase starting exactly at ``pos``, else None."""
    pat = cues.patterns(section, key)
    if pat is None:
        return None
    m = pat.match(folded, pos)
    return m.end() if m else None


def _subdivision(tokens: Sequence[Token], k: int, cues: Cues, folded: str) -> int:
    """Skip "alineatul (5)", "litera (b)", "paragraph 2" after an article number;
    in a language that writes ordinals with a full stop, "144. stavak 5"."""
    n = len(tokens)
    ordinal_dot = bool(cues.section("legal").get("ordinal_dot", False))
    if (
        k + 1 < n
        and tokens[k].text == ","
        and _match_words(cues, "legal", "subdivision_heads", folded, tokens[k + 1].start)
    ):
        k += 1  # "l'article 144, paragraphe 5"
    if (
        k + 2 < n
        and tokens[k].text == "("
        and tokens[k].start == tokens[k - 1].end
        and tokens[k + 2].text == ")"
    ):
        k += 3  # "Rule 144(5)"
    while k < n:
        at = k + 1 if ordinal_dot and _ordinal_stop(tokens, k) else k
        if at >= n:
            break
        sub = _match_words(cues, "legal", "subdivision_heads", folded, tokens[at].start)
        if not sub:
            break
        j = token_at(tokens, sub)  # a head of several tokens: "ust. 5"
        if j < n and tokens[j].text == "(" and j + 2 < n and tokens[j + 2].text == ")":
            k = j + 3
        elif j < n and (
            _NUM.match(tokens[j].text) or (len(tokens[j].text) == 1 and tokens[j].text.isalpha())
        ):
            k = j + 1
        else:
            break
    return k


def _ordinal_stop(tokens: Sequence[Token], k: int) -> bool:
    """Is token ``k`` a full stop written onto the number before it ("144.")?"""
    return (
        0 < k < len(tokens)
        and tokens[k].text == "."
        and tokens[k].start == tokens[k - 1].end
        and tokens[k - 1].text[:1].isdigit()
    )


def _object_end(tokens: Sequence[Token], k: int, cues: Cues) -> int:
    """End (exclusive) of a law's subject after "privind"/"on": a title-case subject
    runs over its capitalised words ("Law on Mass Media"); a lower-case one stops at
    a stop word or after ``object_max`` words."""
    stops = cues.words("legal", "object_stops")
    limit = int(cues.section("legal").get("object_max", 5))
    links = cues.words("legal", "object_links") or cues.name_connectors
    start = k
    if (
        k + 1 < len(tokens)
        and fold(tokens[k].text) in cues.words("legal", "determiners")
        and is_cap(tokens[k + 1].text)
        and (cues.raw.get("nouns_capitalised") or cues.raw.get("title_case_names"))
    ):
        k += 1  # "Gesetz über die Bekämpfung …", "Law on the Defence of …"
    if k < len(tokens) and is_cap(tokens[k].text):
        end = _title_end(tokens, k, links, cues)
        after = tokens[end].text if end < len(tokens) else ""
        if not (
            k > start
            and after.isalpha()
            and after.islower()
            and fold(after) not in stops | links | cues.name_stops
        ):
            return end
        k = start  # "the Law on the Russian language": a lower-case subject after all
    # A verb after the subject ends it: "draft law on X would ...", "... ar obliga"
    verbs = tuple(fold(v).rstrip("*") for v in cues.section("legal").get("object_verbs", []))
    stems = tuple(
        v
        for v, raw in zip(verbs, cues.section("legal").get("object_verbs", []), strict=True)
        if raw.endswith("*")
    )
    exact = frozenset(v for v in verbs if v not in stems)
    nouns_capitalised = bool(cues.raw.get("nouns_capitalised"))
    j = k
    last = k
    n = len(tokens)
    while j < n and j - k < limit:
        t = tokens[j].text
        f = fold(t)
        if t == "," and j > k and enumeration_follows(tokens, j, cues):
            # "privind gestionarea, furnizarea și utilizarea serviciilor …"
            j = last = past_enumeration(tokens, j, cues)
            continue
        if t in _PUNCT or f in cues.months or _NUM.match(t):
            break
        if f in cues.name_stops and f not in cues.words("legal", "object_through"):
            break
        if j > k and (f in exact or (stems and f.startswith(stems))):
            break
        if _genitive_goes_on(tokens, j, cues):
            j += 1  # "… și a hijabului": the genitive article and its noun
            continue
        if f in stops or f in cues.list_and:
            # title case keeps going: "Law on Freedom of Conscience and Religious Associations"
            # (not where every noun is capitalised: "… Organisationen und Artikel 206")
            if (
                j > k
                and not nouns_capitalised
                and is_cap(tokens[j - 1].text)
                and j + 1 < n
                and is_cap(tokens[j + 1].text)
            ):
                j += 1
                continue
            break
        last = j + 1
        j += 1
    while nouns_capitalised and last > k + 1 and not is_cap(tokens[last - 1].text):
        last -= 1  # the subject ends with its noun: "über nichtstaatliche Organisationen"
    return last


def _title_end(tokens: Sequence[Token], k: int, links: frozenset[str], cues: Cues) -> int:
    """End of a title-case subject from token ``k``: capitalised words joined by
    connectors, and an enumeration closed by "and" ("to Independence, Sovereignty and
    Self-Determination for Peace")."""
    n = len(tokens)
    end = j = k
    while j < n and j - k < 24:
        t = tokens[j].text
        if is_cap(t) or is_acronym(t):
            end = j + 1
        elif (t == "," and j > k and _enumeration_closes(tokens, j + 1, cues)) or (
            fold(t) in links and j + 1 < n and is_cap(tokens[j + 1].text)
        ):
            pass  # an enumeration's comma, or a connector before a capitalised word
        elif (
            fold(t) in links
            and j + 2 < n
            and fold(tokens[j + 1].text) in links & cues.words("legal", "determiners")
            and is_cap(tokens[j + 2].text)
        ):
            j += 1  # "of the Rights"
        else:
            break
        j += 1
    return end


def _enumeration_closes(tokens: Sequence[Token], j: int, cues: Cues) -> bool:
    """Do capitalised words from ``j`` lead (through commas) to "and"/"și" + a
    capitalised word?"""
    n = len(tokens)
    if j >= n or not is_cap(tokens[j].text):
        return False
    while j < n and (is_cap(tokens[j].text) or tokens[j].text == ","):
        j += 1
    return j + 1 < n and fold(tokens[j].text) in cues.list_and and is_cap(tokens[j + 1].text)


def _genitive_goes_on(tokens: Sequence[Token], j: int, cues: Cues) -> bool:
    """Is token ``j`` a genitive article (or "and" + one) before a lower-case genitive
    noun, so that a law's subject goes on ("… culturii castității și a hijabului")?"""
    articles = cues.words("legal", "object_genitive")
    endings = tuple(cues.section("legal").get("genitive_endings", []))
    if not articles or not endings:
        return False
    k = j + 1 if fold(tokens[j].text) in cues.list_and else j
    return (
        k + 1 < len(tokens)
        and fold(tokens[k].text) in articles
        and tokens[k + 1].text.islower()
        and fold(tokens[k + 1].text).endswith(endings)
    )


def _place_at(tokens: Sequence[Token], j: int) -> int | None:
    """End of a country named from token ``j`` ("Kazahstanului", "Federației Ruse")."""
    from .gazetteer import match

    if not is_cap(tokens[j].text):
        return None
    for i, end, entry in match(tokens[j : j + 5]):
        if i == 0 and entry.type is EntityType.PLACE:
            return j + end
    return j + 1 if country_of(tokens[j].text) is not None else None


def law_span_end(
    tokens: Sequence[Token], i: int, folded: str, cues: Cues
) -> tuple[int, int] | None:
    """(first, end) token range of a law/code/bill named from token ``i``, or None."""
    n = len(tokens)
    f = fold(tokens[i].text)
    head_end = _match_words(cues, "legal", "bill_heads", folded, tokens[i].start)
    kind = "bill" if head_end else None
    if kind is None and f in cues.words("legal", "code_heads"):
        kind = "code"
        head_end = tokens[i].end
    if kind is None and f in cues.words("legal", "law_heads"):
        kind = "law"
        head_end = tokens[i].end
    by_country = False
    if kind is None and f in cues.words("legal", "state_heads"):
        kind, head_end, by_country = "law", tokens[i].end, True  # "Constitution of X"
    if kind is None and _match_words(cues, "legal", "decree_heads", folded, tokens[i].start) == (
        tokens[i].end
    ):
        kind, head_end = "law", tokens[i].end  # a decree names a law once numbered or titled
    self_named = False
    if kind is None:
        q = _match_words(cues, "legal", "qualified_heads", folded, tokens[i].start)
        if q == tokens[i].end:
            kind, head_end, self_named = "law", q, True  # "Versammlungsgesetz"
    if kind is None or head_end is None:
        return None
    first = i
    # left qualifiers (English word order): "Criminal Code", "Foreign Agents Law"
    qualified = self_named
    numbered = False
    while (
        first > 0
        and is_cap(tokens[first - 1].text)
        and is_cap(tokens[i].text)
        and fold(tokens[first - 1].text) not in cues.words("legal", "determiners")
    ):
        first -= 1
        qualified = True
    if not qualified and kind == "law" and first == i:
        left = _left_qualifier(tokens, i, folded, cues)
        if left is not None:
            first, qualified = left, True  # "the foreign agents law"
    k = token_at(tokens, head_end)
    if kind == "law" and k < n:
        q = _match_words(cues, "legal", "law_qualifiers", folded, tokens[k].start)
        if q and token_at(tokens, q) < n:
            after = fold(tokens[token_at(tokens, q)].text)
            if after in cues.words("legal", "number_marks"):
                k = token_at(tokens, q)  # "Decretul prezidențial nr. 45"
    if k < n and fold(tokens[k].text) in cues.words("legal", "number_marks"):
        if k + 1 < n and tokens[k + 1].text == ".":
            k += 1
        if k + 1 < n and (_DIGIT.match(tokens[k + 1].text) or _ROMAN.match(tokens[k + 1].text)):
            k += 2
            while k + 1 < n and tokens[k].text == "/" and tokens[k + 1].text.isdigit():
                k += 2
            if (
                k + 1 < n
                and fold(tokens[k].text) in cues.words("legal", "number_year_links")
                and _YEAR.fullmatch(tokens[k + 1].text)
            ):
                k += 2  # "Law No 94 of 2015", "Legea nr. 149 din 2019"
            qualified = numbered = True
    if (
        kind == "law"
        and not numbered
        and k + 2 < n
        and _ROMAN.match(tokens[k].text)
        and fold(tokens[k + 1].text) in cues.words("legal", "number_year_links")
        and _YEAR.fullmatch(tokens[k + 2].text)
    ):
        k += 3  # "Act LXXXVIII of 2023"
        qualified = numbered = True
    if kind == "code" and k < n:
        q = _match_words(cues, "legal", "code_qualifiers", folded, tokens[k].start)
        if q:
            k = token_at(tokens, q)
            qualified = True
            extra = 0
            while (
                k < n
                and extra < 2
                and tokens[k].text.isalpha()
                and tokens[k].text.islower()
                and fold(tokens[k].text)
                not in cues.words("legal", "object_stops")
                | cues.name_connectors
                | cues.words("legal", "topic_markers")
                | cues.name_stops
            ):
                k += 1
                extra += 1
    if kind == "law" and k < n and not qualified:
        q = _match_words(cues, "legal", "law_qualifiers", folded, tokens[k].start)
        if q:
            k = token_at(tokens, q)
            qualified = True
    if (numbered or not qualified) and k < n:
        t = _match_words(cues, "legal", "topic_markers", folded, tokens[k].start)
        if t and fold(tokens[k].text) in cues.words("legal", "lower_topic_markers"):
            nxt = tokens[token_at(tokens, t)].text if token_at(tokens, t) < n else ""
            if not nxt.islower() or fold(nxt) in cues.words("legal", "determiners"):
                t = None  # "Act No 201/2024 against the European Media Freedom Act"
        if t and fold(tokens[k].text) in cues.words("legal", "title_topic_markers"):
            o = token_at(tokens, t)
            if o < n and fold(tokens[o].text) in cues.words("legal", "determiners"):
                o += 1
            if o >= n or not is_cap(tokens[o].text):
                t = None  # "the law for protesting": no title
        if t:
            obj = token_at(tokens, t)
            end = _object_end(tokens, obj, cues)
            if end > obj:
                k = end
                qualified = True
    if not qualified:
        country = _state_after(tokens, k, folded, cues) if by_country else None
        return None if country is None else (first, country)
    country = _country_after(tokens, k, cues)
    return first, k if country is None else country


def _state_after(tokens: Sequence[Token], k: int, folded: str, cues: Cues) -> int | None:
    """End of the state that a constitution's head is named with, right after it or
    after a link ("Constitution of the Republic of X", "Constituția Federației
    Ruse"), or None: a bare "constitution" names no law."""
    from .bodies import _prefixed

    n = len(tokens)
    j = k
    links = cues.words("bodies", "country_links") | cues.words("legal", "determiners")
    while j < n and j - k < 2 and fold(tokens[j].text) in links:
        j += 1
    if j >= n:
        return None
    prefixed = _prefixed(tokens, j, folded, cues)
    return prefixed[1] if prefixed is not None else _place_at(tokens, j)


def _country_after(tokens: Sequence[Token], k: int, cues: Cues) -> int | None:
    """End of the country that owns a law named up to token ``k`` ("al Kazahstanului",
    "of Kazakhstan", "of the Republic of X"), or None."""
    n = len(tokens)
    j = k
    links = (
        cues.words("legal", "article_links") | cues.words("bodies", "country_links")
    ) - cues.place_prepositions  # "Criminal Code of X", not "law … in X"
    while (
        j < n and fold(tokens[j].text) in links | cues.words("legal", "determiners") and j - k < 2
    ):
        j += 1
    place_end = _place_at(tokens, j) if j > k and j < n else None
    if place_end is not None:
        k = place_end
        while (
            cues.raw.get("title_case_names")
            and k < n
            and is_cap(tokens[k].text)
            and tokens[k].start == tokens[k - 1].end + 1
        ):
            k += 1  # "… of the Hong Kong Special Administrative Region"
        return k
    if (
        j == k
        and k < n
        and cues.section("legal").get("country_genitive_direct")
        and country_of(tokens[k].text) is not None
    ):
        return k + 1  # "Strafgesetzbuch Kasachstans"
    return None


def _left_qualifier(tokens: Sequence[Token], i: int, folded: str, cues: Cues) -> int | None:
    """First token of a lower-case qualifier written before a law head ("the foreign
    agents law", "the ‘foreign agents’ law"), from the cue data, or None."""
    pattern = _left_pattern(cues.language)
    if pattern is None:
        return None
    lo = max(0, tokens[i].start - 80)
    m = pattern.search(folded, lo, tokens[i].start)
    if m is None or m.end() != tokens[i].start:
        return None
    if m.start() > 0 and folded[m.start() - 1].isalnum():
        return None
    return token_at(tokens, m.start())


@cache
def _left_pattern(language: str) -> re.Pattern[str] | None:
    from .cues import load_cues

    phrases = load_cues(language).section("legal").get("law_left_qualifiers", [])
    if not phrases:
        return None
    body = "|".join(
        r"[\w'’-]*".join(re.escape(fold(p)) for p in w.rstrip("*").split("*"))
        + (r"[\w'’-]*" if w.endswith("*") else "")
        for w in phrases
    )
    return re.compile(r"(?:" + body + r")['’”\"]?\s$")


_QUOTE_PAIRS = {"'": "'", "‘": "’", "“": "”", '"': '"', "„": "“", "«": "»"}


def _quote_opening(tokens: Sequence[Token], i: int, cues: Cues) -> int | None:
    """First word of a quoted title that ends with its head ('Hijab and Chastity
    Bill'), or None: every word inside is capitalised or a connector."""
    if i + 1 >= len(tokens) or not is_cap(tokens[i].text):
        return None
    close = tokens[i + 1].text
    j = i - 1
    while j >= 0 and i - j < 12:
        t = tokens[j].text
        if _QUOTE_PAIRS.get(t) == close or (t == "”" and close == "”"):
            return j + 1 if j + 1 < i and is_cap(tokens[j + 1].text) else None
        if not (is_cap(t) or fold(t) in cues.name_connectors | cues.list_and or t == ","):
            return None
        j -= 1
    return None


def _quoted_title(tokens: Sequence[Token], i: int, cues: Cues) -> tuple[int, int] | None:
    """A law head followed by its quoted title (law "On Amendments to …"): the title's
    token range, or None."""
    from .names import OPEN_QUOTES

    n = len(tokens)
    if fold(tokens[i].text) not in cues.words("legal", "law_heads") or i + 2 >= n:
        return None
    close = OPEN_QUOTES.get(tokens[i + 1].text)
    if close is None or close == "*" or not is_cap(tokens[i + 2].text):
        return None
    j = i + 2
    while j < n and j - i < 40 and tokens[j].text not in {close, "”", "’", '"', "»"}:
        if tokens[j].text in {";", "(", ")"}:
            return None
        j += 1
    if j >= n or j - i >= 40 or j < i + 4:
        return None
    return i + 2, j


@cache
def _head_prefixes(language: str) -> tuple[str, ...]:
    from .cues import load_cues

    cues = load_cues(language)
    keys = (
        "bill_heads",
        "code_heads",
        "law_heads",
        "decree_heads",
        "qualified_heads",
        "state_heads",
    )
    words = [p.split()[0].rstrip("*") for key in keys for p in cues.section("legal").get(key, [])]
    if any(w.startswith("*") for w in words):
        return ("",)  # compounds: any word may end in a law head
    return tuple(sorted({fold(w) for w in words if w}))


#: by language, (the folded words seen, those of them opening as a law's head does)
_SEEN_HEADS: dict[str, tuple[set[str], set[str]]] = {}
_MAX_SEEN = 200_000


def _law_head_words(words: frozenset[str], language: str, prefixes: tuple[str, ...]) -> set[str]:
    """The unit's words that open as a law's head does: each distinct word is tested
    against the heads once per process, not once per token of every unit."""
    seen, heads = _SEEN_HEADS.setdefault(language, (set(), set()))
    new = words.difference(seen)
    if len(seen) > _MAX_SEEN:  # a bound on a long batch's memory
        seen.clear()
        heads.clear()
        new = words
    if new:
        seen.update(new)
        heads.update(w for w in new if w.startswith(prefixes))
    return heads.intersection(words)


def extract(unit_id: str, text: str, cues: Cues) -> Iterator[Mention]:
    tokens = tokenize(text)
    folded = fold_aligned(text)
    taken_until = -1
    prefixes = _head_prefixes(cues.language)
    heads = _law_head_words(word_set(text), cues.language, prefixes)
    folds = folded_words(text) if heads else ()
    laws: dict[int, int] = {}  # end → start of each law named here (for number-first articles)
    for i in range(len(folds)):
        if folds[i] not in heads:
            continue
        title = _quoted_title(tokens, i, cues)
        if title is not None and tokens[title[0]].start > taken_until:
            s, e = tokens[title[0]].start, tokens[title[1] - 1].end
            taken_until = e
            yield Mention(unit_id, s, e, text[s:e], EntityType.LAW, "pat:law")
            continue
        span = law_span_end(tokens, i, folded, cues)
        if span is not None:
            opening = _quote_opening(tokens, i, cues)
            if opening is not None and opening < span[0]:
                span = (opening, span[1])  # "the so-called 'Hijab and Chastity Bill'"
        if span is not None and tokens[span[0]].start > taken_until:
            s, e = tokens[span[0]].start, tokens[span[1] - 1].end
            taken_until = e
            left = [t.text for t in tokens[span[0] : i]]
            # "European Media Freedom Act", "EU Climate Law": the Union's act, not a nation's
            type_ = EntityType.EU_INSTRUMENT if left and _eu(left, cues) else EntityType.LAW
            laws[e] = s
            yield Mention(unit_id, s, e, text[s:e], type_, "pat:law")
    yield from _articles(unit_id, text, tokens, folded, cues)
    if cues.patterns("legal", "heads_after_number") is not None:
        yield from _number_first_articles(unit_id, text, tokens, folded, cues, laws)


def _skip_separator(tokens: Sequence[Token], k: int, cues: Cues) -> int:
    """Past ", ", " și ", ", and the " between two numbers or two articles."""
    n = len(tokens)
    j = k
    if j < n and tokens[j].text == ",":
        j += 1
    if j < n and fold(tokens[j].text) in cues.list_and:
        j += 1
    if j < n and fold(tokens[j].text) in cues.words("legal", "determiners"):
        j += 1  # ", et l'article 132"
    return j


def _articles(
    unit_id: str, text: str, tokens: Sequence[Token], folded: str, cues: Cues
) -> Iterator[Mention]:
    """ "articolul 405 și articolul 182 din X", "articolele 1, 4, 5 și 235 din Y": one
    mention per article, all pointing at the law named after them."""
    n = len(tokens)
    links = cues.words("legal", "article_links")
    heads = cues.patterns("legal", "article_heads")
    if heads is None:
        return
    i = 0
    while i < n:
        found = next_match(heads, folded, tokens, i)
        if found is None:
            return
        i, head = found
        head_end = head.end()
        head_i = i
        k = token_at(tokens, head_end)
        spans: list[tuple[int, int]] = []
        while True:
            first_number = True
            while k < n and _NUM.match(tokens[k].text):
                start = tokens[head_i].start if first_number else tokens[k].start
                first_number = False
                after = k + 1
                if after < n and fold(tokens[after].text) in cues.words(
                    "legal", "article_suffixes"
                ):
                    after += 1  # "Article 86 bis"
                end_k = _subdivision(tokens, after, cues, folded)
                spans.append((start, tokens[end_k - 1].end))
                k = end_k
                j = _skip_separator(tokens, k, cues)
                if j > k and j < n and _NUM.match(tokens[j].text):
                    k = j
                    continue
                break
            j = _skip_separator(tokens, k, cues)
            next_head = (
                _match_words(cues, "legal", "article_heads", folded, tokens[j].start)
                if j < n
                else None
            )
            if spans and j > k and next_head:
                after = token_at(tokens, next_head)
                if after < n and _NUM.match(tokens[after].text):
                    head_i, k = j, after
                    continue
            break
        if not spans:
            i += 1
            continue
        attrs: tuple[tuple[str, str], ...] = (("head", text[spans[0][0] : spans[0][1]].split()[0]),)
        if k + 1 < n and tokens[k].text == "," and fold(tokens[k + 1].text) in links:
            k += 1  # "…, paragraphe 4, de son règlement intérieur"
        if k < n and fold(tokens[k].text) in links and k + 1 < n:
            target = k + 1
            while target + 1 < n and fold(tokens[target].text) in cues.words(
                "legal", "determiners"
            ):
                target += 1
            attrs += (("part_of_at", str(tokens[target].start)),)
        for s, e in spans:
            yield Mention(
                unit_id, s, e, text[s:e], EntityType.LEGAL_PROVISION, "pat:article", attrs
            )
        i = max(k, i + 1)



def _number_first_articles(
    unit_id: str,
    text: str,
    tokens: Sequence[Token],
    folded: str,
    cues: Cues,
    laws: dict[int, int],
) -> Iterator[Mention]:
    """Articles in the languages that write the number first ("Baudžiamojo kodekso 307
    straipsnis", "a Btk. 330. cikke", "rikoslain 3 artikla", "Krimināllikuma 206.
    pantu"): a number (with its ordinal full stop), a head of ``heads_after_number``,
    then any subdivisions written the same way ("5 dalį", "(5) bekezdésére"). The
    article belongs to the law that ends right before its number, written before it
    in the genitive; the mention keeps that phrase as the document writes it."""
    n = len(tokens)
    # Hungarian and Latvian write an article's number as an ordinal ("330. cikke"); without
    # the full stop the number counts ("12 cikk": twelve articles).
    needs_stop = bool(cues.section("legal").get("number_first_needs_stop", False))
    i = 0
    while i < n:
        if not _NUM.match(tokens[i].text) or (i > 0 and tokens[i - 1].text == "("):
            i += 1
            continue
        if needs_stop and not _ordinal_stop(tokens, i + 1):
            i += 1
            continue
        k = _after_number_head(tokens, i + 1, cues, folded, "heads_after_number")
        if k is None:
            i += 1
            continue
        head = text[tokens[k - 1].start : tokens[k - 1].end]
        while k < n:
            if tokens[k].text == "(" and k + 2 < n and tokens[k + 2].text == ")":
                number_end = k + 3  # "(5) bekezdésére"
            elif _NUM.match(tokens[k].text):
                number_end = k + 1  # "5 dalį", "5. punktu"
            else:
                break
            sub = _after_number_head(tokens, number_end, cues, folded, "subdivisions_after_number")
            if sub is None:
                break
            k = sub
        s, e = tokens[i].start, tokens[k - 1].end
        numbers = " ".join(t.text for t in tokens[i:k] if _NUM.match(t.text))
        attrs: tuple[tuple[str, str], ...] = (("head", head), ("number", numbers))
        law_start = laws.get(tokens[i - 1].end) if i > 0 else None
        if law_start is not None:
            attrs += (("part_of_at", str(law_start)), ("written", text[law_start:e]))
        yield Mention(unit_id, s, e, text[s:e], EntityType.LEGAL_PROVISION, "pat:article", attrs)
        i = k


def _after_number_head(
    tokens: Sequence[Token], k: int, cues: Cues, folded: str, key: str
) -> int | None:
    """The token after a head of ``key`` that follows a number (past its ordinal full
    stop) at token ``k``; None when none does."""
    if _ordinal_stop(tokens, k):
        k += 1
    if k >= len(tokens):
        return None
    end = _match_words(cues, "legal", key, folded, tokens[k].start)
    return None if end is None else token_at(tokens, end)


_COMPILED.save()
