"""What the Parliament does in its operative paragraphs, and the relations the
text states between entities.

A statement's action comes from the operative verb that opens the paragraph
("îndeamnă" → Urges, "Calls on" → CallsOn; data in ``[actions]`` of the cue
files); its addressees are the bodies named between that verb and the start of
what they are asked to do ("… guvernul X să …", "… the Government of X to …").
Relations: the persons whose release a clause calls for; a person's membership of
(or work for) the organisation named in apposition next to them; supporters of
movements; persons charged under a law.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from functools import cache

from .extract.cues import Cues, compile_patterns, fold_aligned, load_cues
from .model import Document, EntityType, Mention, Relation, Statement, UnitKind

__all__ = ["statements", "relations", "action_of"]

Ref = tuple[EntityType, str]
_ADDRESSEE_TYPES = {
    EntityType.STATE_BODY,
    EntityType.EU_BODY,
    EntityType.INTERNATIONAL_ORGANISATION,
    EntityType.PLACE,
    EntityType.MOVEMENT,
    EntityType.NGO,
    EntityType.TRADE_UNION,
    EntityType.MEDIA_OUTLET,
}
_ADDRESSED = {"CallsOn", "Urges", "Encourages", "Advises", "Demands", "Insists"}
_OPERATIVE = {UnitKind.PARAGRAPH, UnitKind.SUBPARAGRAPH}
_ORGS = {EntityType.MOVEMENT, EntityType.NGO, EntityType.TRADE_UNION, EntityType.MEDIA_OUTLET}


def action_of(text: str, cues: Cues) -> tuple[str, int] | None:
    """The action an operative text opens with, and where its verb phrase ends."""
    folded = fold_aligned(text)
    pos = 0
    leading = cues.patterns("statements", "leading")
    for _ in range(2):
        found = cues.action_at(folded, pos)
        if found is not None:
            return found
        if leading is None:
            return None
        lm = leading.match(folded, pos)
        if not lm:
            return None
        pos = lm.end()
        while pos < len(folded) and folded[pos] in " ,":
            pos += 1
    return None


def _leaves(document: Document) -> list[tuple[str, UnitKind, str]]:
    parents = {u.parent for u in document.units if u.parent}
    return [(u.id, u.kind, u.text) for u in document.units if u.id not in parents]


def statements(
    document: Document, mentions: list[Mention], ref_of: dict[tuple[str, int, int], Ref]
) -> tuple[Statement, ...]:
    cues = load_cues(document.meta.language)
    end_pat = cues.patterns("statements", "clause_end")
    out = []
    by_unit: dict[str, list[Mention]] = {}
    for m in mentions:
        by_unit.setdefault(m.unit, []).append(m)
    for uid, kind, text in _leaves(document):
        if kind not in _OPERATIVE:
            continue
        found = action_of(text, cues)
        if found is None:
            continue
        action, verb_end = found
        addressees: list[Ref] = []
        no_addressee = cues.patterns("statements", "no_addressee")
        if no_addressee is not None and no_addressee.match(fold_aligned(text), 0):
            action_takes_addressee = False
        else:
            action_takes_addressee = action in _ADDRESSED
        if action_takes_addressee:
            folded = fold_aligned(text)
            stop = len(text)
            for ch in ";:":
                p = text.find(ch, verb_end)
                if p >= 0:
                    stop = min(stop, p)
            if end_pat is not None:
                em = end_pat.search(folded, verb_end, stop)
                if em:
                    stop = em.start()
            for m in by_unit.get(uid, []):
                ref = ref_of.get((m.unit, m.start, m.end))
                if not (
                    verb_end <= m.start and m.end <= stop and ref and ref[0] in _ADDRESSEE_TYPES
                ):
                    continue
                # a country is the addressee only when named right after the verb ("invită X să")
                if ref[0] is EntityType.PLACE and (addressees or text[verb_end : m.start].strip()):
                    continue
                if ref not in addressees:
                    addressees.append(ref)
        out.append(Statement(unit=uid, action=action, addressees=tuple(addressees)))
    return tuple(out)


_CALLING = {"CallsOn", "Urges", "Demands", "Insists", "Encourages", None}


def _refers_back(folded: str, start: int, release: re.Match[str], cues: Cues) -> bool:
    """A possessive or object pronoun next to the release word ("their release",
    "her immediate release", "eliberarea sa imediată", "să îl elibereze")."""
    pronouns = cues.patterns("relations", "release_back")
    if pronouns is None:
        return False
    lo = max(start, release.start() - 40)
    hi = min(len(folded), release.end() + 30)
    window = folded[lo:hi]
    return any(
        lo + m.start() < release.start() or lo + m.start() >= release.end()
        for m in pronouns.finditer(window)
        if (lo + m.start() == 0 or not folded[lo + m.start() - 1].isalnum())
    )


def _governing_action(folded: str, start: int, end: int, cues: Cues) -> str | None:
    """The last operative verb between ``start`` and ``end`` (the one a cue depends on)."""
    found = cues.actions_in(folded, start, end)
    return found[-1][1] if found else None


def _clauses(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in re.finditer(r";", text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return spans


def relations(
    document: Document, mentions: list[Mention], ref_of: dict[tuple[str, int, int], Ref]
) -> tuple[Relation, ...]:
    cues = load_cues(document.meta.language)
    release = cues.patterns("relations", "release")
    supports = cues.patterns("relations", "supports")
    charged = cues.patterns("relations", "charged")
    back = cues.patterns("statements", "back_reference")
    out: list[Relation] = []
    seen: set[tuple[object, ...]] = set()

    def add(subject: Ref | None, predicate: str, obj: Ref, unit: str) -> None:
        key = (subject, predicate, obj, unit)
        if key not in seen and subject != obj:
            seen.add(key)
            out.append(Relation(subject, predicate, obj, unit))

    by_unit: dict[str, list[tuple[Mention, Ref]]] = {}
    for m in mentions:
        ref = ref_of.get((m.unit, m.start, m.end))
        if ref is not None:
            by_unit.setdefault(m.unit, []).append((m, ref))
    for uid, kind, text in _leaves(document) + [
        (f.id, UnitKind.FOOTNOTE, f.text) for f in document.footnotes
    ]:
        found = by_unit.get(uid, [])
        if not found:
            continue
        folded = fold_aligned(text)
        unit_movements = [r for _, r in found if r[0] is EntityType.MOVEMENT]
        earlier: list[tuple[Mention, Ref]] = []  # persons of the unit's previous clauses
        clauses = _clauses(text)
        for (cs, ce), inside in zip(clauses, _in_clauses(found, clauses), strict=True):
            persons = [(m, r) for m, r in inside if r[0] is EntityType.PERSON]
            if kind in _OPERATIVE and release is not None:
                rm = release.search(folded, cs, ce)
                if rm and _governing_action(folded, cs, rm.start(), cues) in _CALLING:
                    named = [(m, r) for m, r in persons if m.start > rm.start()]
                    if not named and _refers_back(folded, cs, rm, cues):
                        # "… X, Y and Z and calls for their release", "solicită eliberarea sa"
                        named = [(m, r) for m, r in persons if m.start < rm.start()] or earlier
                    for _m, r in named:
                        add(None, "callsForReleaseOf", r, uid)
            earlier = persons or earlier
            if not persons:
                continue
            _affiliations(folded, cs, persons, inside, uid, cues, add)
            if supports is not None:
                sm = supports.search(folded, cs, ce)
                if sm:
                    objects = [
                        r for m, r in inside if r[0] is EntityType.MOVEMENT and m.start > sm.start()
                    ]
                    if not objects and back is not None and back.search(folded, sm.start(), ce):
                        objects = unit_movements
                    for m, r in persons:
                        if m.start < sm.start():
                            for movement in dict.fromkeys(objects):
                                add(r, "supporterOf", movement, uid)
            if charged is not None:
                cm = charged.search(folded, cs, ce)
                if cm:
                    laws = [
                        r
                        for m, r in inside
                        if r[0] in (EntityType.LAW, EntityType.LEGAL_PROVISION)
                        and m.start > cm.start()
                    ]
                    for m, r in persons:
                        if m.start < cm.start():
                            for law in dict.fromkeys(laws):
                                add(r, "chargedUnder", law, uid)
    return tuple(out)


def _in_clauses(
    found: list[tuple[Mention, Ref]], clauses: list[tuple[int, int]]
) -> list[list[tuple[Mention, Ref]]]:
    """Each clause's mentions (those wholly inside it), in the order of ``found``.

    Clauses are sorted and disjoint, so only the last one starting at or before a
    mention can hold it: one binary search per mention, not a scan of the unit's
    mentions for every clause.
    """
    starts = [cs for cs, _ in clauses]
    out: list[list[tuple[Mention, Ref]]] = [[] for _ in clauses]
    for item in found:
        k = bisect.bisect_right(starts, item[0].start) - 1
        if k >= 0 and item[0].end <= clauses[k][1]:
            out[k].append(item)
    return out


@cache
def _org_cue(language: str) -> re.Pattern[str] | None:
    """Every organisation cue of a language as one pattern (built once, not per document)."""
    cues = load_cues(language)
    return compile_patterns([p for ps in cues.section("org_cues").values() for p in ps])


_GAP_MARKS = ' ,*”"'


def _cue_between(folded: str, a: int, b: int, org_cue: re.Pattern[str] | None) -> bool:
    """Is ``folded[a:b]``, stripped of commas, spaces and quotes, empty or one cue
    phrase ("… mișcării M, P")? Without copying the gap where possible: a clause
    may hold thousands of names, so this is asked for every (person, organisation)
    pair and must not cost the length of the text between them."""
    while a < b and folded[a] in _GAP_MARKS:
        a += 1
    while b > a and folded[b - 1] in _GAP_MARKS:
        b -= 1
    if a == b:
        return True
    if org_cue is None:
        return False
    if a > 0 and (folded[a - 1].isalnum() or folded[a - 1] == "_"):
        # the cue's word-start look-behind must see the gap's first character as a
        # start, as it does in the gap alone, not the word before it
        return org_cue.fullmatch(folded[a:b]) is not None
    return org_cue.fullmatch(folded, a, b) is not None


def _affiliations(
    folded: str,
    cs: int,
    persons: list[tuple[Mention, Ref]],
    inside: list[tuple[Mention, Ref]],
    uid: str,
    cues: Cues,
    add: Callable[[Ref | None, str, Ref, str], None],
) -> None:
    """A person's membership of (or work for) an organisation named next to them in
    the clause: "fondatorului mișcării M, P", "P, jurnalistă în cadrul M"."""
    orgs = [(o, orf) for o, orf in inside if orf[0] in _ORGS]
    if not orgs:
        return
    member = cues.patterns("relations", "member")
    works = cues.patterns("relations", "works")
    org_cue = _org_cue(cues.language)
    for m, r in persons:
        for o, orf in orgs:
            # "… mișcării M, P", "the founder of the M movement, P"
            before = o.end <= m.start and _cue_between(folded, o.end, m.start, org_cue)
            after = m.end <= o.start and o.start - m.end <= 60
            if before:
                window = (max(cs, o.start - 60), o.start)
            elif after:
                window = (m.end, o.start)
            else:
                continue
            if member is not None and member.search(folded, *window):
                add(r, "memberOf", orf, uid)
            elif (
                works is not None
                and orf[0] in (EntityType.MEDIA_OUTLET, EntityType.NGO)
                and works.search(folded, *window)
            ):
                add(r, "worksFor", orf, uid)
