"""Mentions → entities: one entity per real-world thing the document names.

Merging is conservative (a wrong merge is worse than a missed one). Mentions
join when they share a gazetteer entry; when one is the acronym of another;
when their stemmed words agree (inflected forms: "Partidului Liberal" /
"Partidul Liberal"), a country qualifier on one side only being allowed ("codul
penal" / "Codul penal al X"); persons when their given names agree (up to a
transliteration: "Max"/"Maks") and their surnames are within a small edit distance
of the same length ("…bayev"/"…beyev"), so two people sharing a surname stay two.
An article is keyed by its number and its law. Statements and relations come from
:mod:`graph.statements`.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from functools import lru_cache

from .concepts import ROLES
from .extract.cues import load_cues
from .extract.gazetteer import Entry, country_of, entries, label_for
from .extract.tokens import fold, is_acronym, slug, stem, tokenize
from .inflect import base_name, base_person
from .model import Analysis, Document, Entity, EntityType, Mention

__all__ = ["resolve", "same_person"]

_NUM = re.compile(r"\d+[a-z]?(?:[-–.]\d+)*")


class _Union:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _edit(a: str, b: str, cap: int = 3) -> int:
    if abs(len(a) - len(b)) > cap:
        return cap + 1
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


_TRANSLIT = (
    ("dzh", "j"),
    ("zh", "j"),
    ("kh", "h"),
    ("ks", "x"),
    ("yu", "iu"),
    ("ya", "ia"),
    ("y", "i"),
    ("w", "v"),
)


@lru_cache(maxsize=8192)
def _translit(word: str) -> str:
    w = fold(word)
    for a, b in _TRANSLIT:
        w = w.replace(a, b)
    return re.sub(r"(.)\1", r"\1", w)


@lru_cache(maxsize=65536)
def same_person(a: str, b: str) -> bool:
    """Two base-form names of one person in one document?"""
    wa, wb = a.split(), b.split()
    if len(wa) < 2 or len(wb) < 2:
        return fold(a) == fold(b)
    ga, gb, sa, sb = wa[0], wb[0], wa[-1], wb[-1]
    given = fold(ga) == fold(gb) or _translit(ga) == _translit(gb)
    if not given:
        return False
    fa, fb = fold(sa), fold(sb)
    if fa == fb or _translit(sa) == _translit(sb):
        return True
    return min(len(fa), len(fb)) >= 6 and abs(len(fa) - len(fb)) <= 1 and _edit(fa, fb) <= 2


def _attr(m: Mention, name: str) -> str | None:
    for k, v in m.attrs:
        if k == name:
            return v
    return None


@lru_cache(maxsize=64)
def _core_skip(language: str) -> frozenset[str]:
    """The folded words a name's core leaves out: connectors, determiners, topic
    markers, "and", number marks ("nr.")."""
    cues = load_cues(language)
    return frozenset(
        cues.name_connectors
        | cues.words("legal", "determiners")
        | cues.words("legal", "topic_markers")
        | cues.list_and
        | cues.words("legal", "number_marks")
    )


@lru_cache(maxsize=8192)  # a name recurs in a document, and across a corpus
def _core_key(surface: str, language: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(stemmed content words, countries named) of an organisation or law name."""
    skip = _core_skip(language)
    words, countries = [], []
    for tok in tokenize(surface):
        t = tok.text
        if not t[0].isalnum() or fold(t) in skip:
            continue
        if t[0].isdigit():
            countries.append("#" + t)  # a law's number qualifies it like a country
            continue
        place = country_of(t) if t[0].isupper() else None
        if place is not None:
            countries.append(place.id)
        else:
            words.append(stem(t))
    return tuple(words), tuple(sorted(set(countries)))


@lru_cache(maxsize=1)
def _gazetteer_by_id() -> dict[str, Entry]:
    return {e.id: e for e in entries()}


def _pick_label(forms: list[tuple[str, int]]) -> str:
    """Most frequent form, then the first seen."""
    counts = Counter(f for f, _ in forms)
    first_seen: dict[str, int] = {}
    for f, order in forms:
        first_seen.setdefault(f, order)
    return min(counts, key=lambda f: (-counts[f], first_seen[f]))


def resolve(document: Document, mentions: list[Mention]) -> Analysis:
    """Entities, statements and relations of a document from its mentions."""
    from .statements import relations, statements

    language = document.meta.language
    order = {uid: i for i, (uid, _) in enumerate(document.contexts())}
    ms = sorted(mentions, key=lambda m: (order.get(m.unit, 0), m.start, m.end))
    by_type: dict[EntityType, list[int]] = defaultdict(list)
    for i, m in enumerate(ms):
        by_type[m.type].append(i)
    entity_of: dict[int, tuple[EntityType, str]] = {}
    entities: list[Entity] = []
    gaz = _gazetteer_by_id()
    people = _people_bases(ms, by_type.get(EntityType.PERSON, []), language)
    for type_ in EntityType:
        idx = by_type.get(type_, [])
        if not idx or type_ is EntityType.LEGAL_PROVISION:
            continue
        clusters = (
            _cluster_people(ms, idx, language, people)
            if type_ is EntityType.PERSON
            else _cluster(ms, idx, language)
        )
        used: set[str] = set()
        for cluster in clusters:
            group = [ms[i] for i in cluster]
            gid = next((g for g in (_attr(m, "gaz") for m in group) if g), None)
            if gid is not None and gid in gaz and language in dict(gaz[gid].labels):
                label = label_for(gaz[gid], language)
                key = gid
            elif gid is not None and gid in gaz:
                # no curated label in this language: the name as the document writes it
                forms = [
                    (_base(m, language, people), n)
                    for n, m in enumerate(group)
                    if not is_acronym(m.surface)
                ]
                label = _pick_label(forms) if forms else label_for(gaz[gid], language)
                key = gid
            else:
                forms = [(_base(m, language, people), n) for n, m in enumerate(group)]
                full = [(f, n) for f, n in forms if not is_acronym(f)] or forms
                label = _pick_label(full)
                key = slug(label)
            base_key, n = key, 2
            while key in used:
                key, n = f"{base_key}-{n}", n + 1
            used.add(key)
            roles = {r for m in group for k, r in m.attrs if k == "role"}
            alt = tuple(sorted({m.surface for m in group} - {label}))
            entity = Entity(
                key=key,
                type=type_,
                label=label,
                alt_labels=alt,
                roles=tuple(r for r in ROLES if r in roles),
                mentions=tuple(group),
            )
            entities.append(entity)
            for i in cluster:
                entity_of[i] = entity.ref
    entities.extend(
        _provisions(
            ms,
            by_type.get(EntityType.LEGAL_PROVISION, []),
            entity_of,
            {e.ref: e for e in entities},
            language,
        )
    )
    entities.sort(key=lambda e: (e.type.value, e.key))
    analysis_entities = tuple(entities)
    ref_of = {(m.unit, m.start, m.end): e.ref for e in analysis_entities for m in e.mentions}
    return Analysis(
        document=document,
        entities=analysis_entities,
        statements=statements(document, ms, ref_of),
        relations=relations(document, ms, ref_of),
    )


def _base(m: Mention, language: str, people: dict[str, str] | None = None) -> str:
    if m.type is EntityType.PERSON:
        return (people or {}).get(m.surface) or base_person(m.surface, language)
    return base_name(m.surface, language)


def _people_bases(ms: list[Mention], idx: list[int], language: str) -> dict[str, str]:
    """Base forms of the document's person names, using the document itself: an
    inflected given name ("Camilei Reyes", "Aigerimei Tokoeva") is read as the
    nominative the same document writes with the same surname ("Camila Reyes",
    "Aigerim Tokoeva"); a given name it never writes otherwise stays as it is."""
    section = load_cues(language).section("inflection")
    pairs = [(a, b) for a, b in section.get("genitive_given", [])]
    masculine = {fold(w) for w in section.get("masculine_given", [])}  # "Andrei" ≠ "Andra"
    bases = {ms[i].surface: base_person(ms[i].surface, language) for i in idx}
    # (given, surname) → the surfaces whose base form it is
    written: dict[tuple[str, str], set[str]] = defaultdict(set)
    for surface, base in bases.items():
        w = base.split()
        if len(w) >= 2:
            written[(fold(w[0]), fold(w[-1]))].add(surface)

    def elsewhere(given: str, surname: str, surface: str) -> bool:
        return bool(written.get((fold(given), surname), set()) - {surface})

    for surface, base in bases.items():
        words = surface.split()
        if len(words) < 2 or not pairs:
            continue
        surname = fold(words[-1])
        if fold(words[0]) in masculine or elsewhere(base.split()[0], surname, surface):
            continue  # its base is a name the document writes
        for old, new in pairs:
            given = words[0]
            if len(given) > len(old) + 2 and fold(given).endswith(old):
                candidate = given[: len(given) - len(old)] + new
                if elsewhere(candidate, surname, surface):
                    bases[surface] = " ".join([candidate, *base.split()[1:]])
                    break
    _case_forms(bases, section.get("case_endings", []), elsewhere)
    return bases


def _case_forms(
    bases: dict[str, str], endings: list[list[str]], elsewhere: Callable[[str, str, str], bool]
) -> None:
    """Polish-like case forms of both names ("Pawła Zaruby", "Hanny Marozawej") are
    read as the nominative the same document writes ("Paweł Zaruba", "Hanna
    Marozawa"), from the language's ``case_endings`` pairs; never a name it does not."""
    pairs = [(fold(a), b) for a, b in endings]
    if not pairs:
        return

    def forms(word: str) -> list[str]:
        out = [word]
        for old, new in pairs:
            if len(word) > len(old) + 2 and fold(word).endswith(old):
                out.append(word[: len(word) - len(old)] + new)
        return out

    for surface, base in bases.items():
        words = base.split()
        if len(words) < 2 or elsewhere(words[0], fold(words[-1]), surface):
            continue
        found = next(
            (
                (g, s)
                for g in forms(words[0])
                for s in forms(words[-1])
                if (g, s) != (words[0], words[-1]) and elsewhere(g, fold(s), surface)
            ),
            None,
        )
        if found is not None:
            bases[surface] = " ".join([found[0], *words[1:-1], found[1]])


def _cluster_people(
    ms: list[Mention], idx: list[int], language: str, people: dict[str, str]
) -> list[list[int]]:
    """Persons' mentions grouped by :func:`same_person` on their base names: each
    joins the first cluster holding a matching name. The clusters are indexed by
    given name (two names match only when their given names fold or transliterate
    alike), so a document with thousands of names is not compared pair by pair."""
    clusters: list[list[int]] = []
    names: list[list[str]] = []
    index = _GivenIndex()
    alone: list[int] = []
    for i in idx:
        name = people.get(ms[i].surface) or base_person(ms[i].surface, language)
        if " " not in name:
            alone.append(i)  # "Mr X": joined below to the one full name ending in X
            continue
        c = next((c for c in index.candidates(name, len(names)) if _matches(name, names[c])), None)
        if c is None:
            c = len(clusters)
            clusters.append([])
            names.append([])
        clusters[c].append(i)
        if name not in names[c]:
            names[c].append(name)
            index.add(name, c)
    by_surname: dict[str, set[int]] = {}
    for c, known in enumerate(names):
        for k in known:
            by_surname.setdefault(fold(k.split()[-1]), set()).add(c)
    for i in alone:
        owners = by_surname.get(fold(ms[i].surface), set())
        if len(owners) == 1:
            clusters[next(iter(owners))].append(i)
        else:
            by_surname.setdefault(fold(ms[i].surface.split()[-1]), set()).add(len(clusters))
            clusters.append([i])
            names.append([ms[i].surface])
    for cluster in clusters:
        cluster.sort()
    return clusters


def _matches(name: str, known: list[str]) -> bool:
    return any(same_person(name, k) for k in known)


class _GivenIndex:
    """Clusters by the folded and the transliterated given name of their names; a
    cluster holding a one-word name (which :func:`same_person` compares whole) is a
    candidate for every name."""

    def __init__(self) -> None:
        self.by_given: dict[tuple[str, str], set[int]] = {}
        self.anyone: set[int] = set()

    def add(self, name: str, cluster: int) -> None:
        words = name.split()
        if len(words) < 2:
            self.anyone.add(cluster)
            return
        self.by_given.setdefault(("fold", fold(words[0])), set()).add(cluster)
        self.by_given.setdefault(("translit", _translit(words[0])), set()).add(cluster)

    def candidates(self, name: str, count: int) -> list[int]:
        """The clusters that may hold a name matching ``name``, in order."""
        words = name.split()
        if len(words) < 2:
            return list(range(count))
        empty: set[int] = set()
        found = (
            self.by_given.get(("fold", fold(words[0])), empty)
            | self.by_given.get(("translit", _translit(words[0])), empty)
            | self.anyone
        )
        return sorted(found)


def _cluster(ms: list[Mention], idx: list[int], language: str) -> list[list[int]]:
    uf = _Union(len(idx))
    first: dict[object, int] = {}

    def link(pos: int, key: object) -> None:
        if key in first:
            uf.union(first[key], pos)
        else:
            first[key] = pos

    cores: dict[int, tuple[tuple[str, ...], tuple[str, ...]]] = {}
    for pos, i in enumerate(idx):
        m = ms[i]
        gid = _attr(m, "gaz")
        if gid:
            link(pos, ("gaz", gid))
        state = _attr(m, "state")
        if state:
            link(pos, ("state", state))
            continue
        acr = _attr(m, "acronym")
        if acr:
            link(pos, ("acr", acr))
        of = _attr(m, "acronym_of")
        if of:
            link(pos, ("acr", m.surface))
            link(pos, ("surf", of))
        if is_acronym(m.surface):
            link(pos, ("acr", m.surface))
        link(pos, ("surf", m.surface))
        if gid:
            continue
        core = _core_key(base_name(m.surface, language), language)
        cores[pos] = core
        link(pos, ("core", core))
        if m.type is EntityType.LAW:
            for q in core[1]:
                if q.startswith("#"):
                    link(pos, ("number", q))  # "Legea nr. 5" / "Legea nr. 5 privind X"
    # a country qualifier on one side only: "codul penal" / "Codul penal al X"
    by_core: dict[tuple[str, ...], set[tuple[str, ...]]] = defaultdict(set)
    for words, countries in cores.values():
        by_core[words].add(countries)
    for pos, (words, countries) in cores.items():
        qualified = [c for c in by_core[words] if c]
        if not countries and len(qualified) == 1:
            link(pos, ("core", (words, qualified[0])))
    groups: dict[int, list[int]] = defaultdict(list)
    for pos, i in enumerate(idx):
        groups[uf.find(pos)].append(i)
    return [groups[r] for r in sorted(groups)]


def _head_word(group: list[Mention], default: str) -> str:
    """The provision's kind as written ("Rule", "Article"), singular; else the default."""
    for m in group:
        words = m.surface.split()
        head = _attr(m, "head") or (words[0] if len(words) >= 2 else "")
        if head[:1].isalpha():
            if fold(head).startswith(fold(default)[:5]):
                return default
            return head[:-1] if head.endswith("s") and len(head) > 4 else head
    return default


def _provisions(
    ms: list[Mention],
    idx: list[int],
    entity_of: dict[int, tuple[EntityType, str]],
    by_ref: dict[tuple[EntityType, str], Entity],
    language: str,
) -> Iterable[Entity]:
    cues = load_cues(language)
    default_head = str(cues.section("legal").get("article_label", "Article"))
    link = str(cues.section("legal").get("provision_link", "of"))
    at = {(ms[i].unit, ms[i].start): entity_of[i] for i in entity_of}
    groups: dict[tuple[str, object], list[Mention]] = {}
    parts: dict[tuple[str, object], tuple[EntityType, str] | None] = {}
    first_rest: dict[tuple[str, object], str] = {}
    for i in idx:
        m = ms[i]
        num = _NUM.search(m.surface)
        if num is None:
            continue
        rest = _attr(m, "number") or m.surface[num.start() :]  # number-first: its numbers
        target = _attr(m, "part_of_at")
        law = at.get((m.unit, int(target))) if target is not None else None
        key = (fold(rest), law)
        groups.setdefault(key, []).append(m)
        first_rest.setdefault(key, rest)  # as the group's first mention writes it
        parts[key] = law
    used: set[str] = set()
    for group_key, group in groups.items():
        law = parts[group_key]
        rest = first_rest[group_key]
        written = _attr(group[0], "written")
        if written is not None:  # number-first, after its law: "Baudžiamojo kodekso 307 straipsnis"
            label = written
        elif _attr(group[0], "number") is not None:  # number-first, no law: "307 straipsnis"
            label = group[0].surface
        else:
            label = f"{_head_word(group, default_head)} {rest}"
            if law is not None and law in by_ref:
                label += f" {link} {by_ref[law].label}"
        slug_key = slug(label)
        while slug_key in used:
            slug_key += "-x"
        used.add(slug_key)
        yield Entity(
            key=slug_key,
            type=EntityType.LEGAL_PROVISION,
            label=label,
            alt_labels=tuple(sorted({m.surface for m in group} - {label})),
            mentions=tuple(group),
            part_of=law,
        )
