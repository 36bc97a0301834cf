"""Entity extraction: registered extractors, one module per family, and the one
place where their overlapping candidates are settled.

Every extractor is a small function ``extract(unit_id, text, cues) -> Iterable[Mention]``
listed in :data:`EXTRACTORS` (name → "module:function", imported on first use, so
adding an extractor touches only this table and its own module). Candidates are
settled here: the longest span wins, then the stronger evidence (curated gazetteer >
cue words and patterns > propagated surface > bare shape), then type priority.
After settling, names found with strong evidence are propagated to their other
occurrences and parenthesised acronyms are linked (:mod:`.propagate`).
"""

from __future__ import annotations

import bisect
import importlib
from collections.abc import Callable, Iterable
from functools import cache

from ..model import Document, EntityType, Mention
from .cues import Cues, load_cues

__all__ = [
    "extract",
    "extract_text",
    "leaf_contexts",
    "settle",
    "EXTRACTORS",
    "strength",
    "TYPE_PRIORITY",
]

Extractor = Callable[[str, str, Cues], Iterable[Mention]]

#: name → "module:function" (relative to this package), run in this order.
EXTRACTORS: dict[str, str] = {
    "gazetteer": "gazetteer_ex:extract",
    "persons": "persons:extract",
    "organisations": "organisations:extract",
    "legal": "legal:extract",
    "instruments": "instruments:extract",
    "bodies": "bodies:extract",
    "places": "places:extract",
}

#: Type order used to break ties between equal spans of equal strength.
TYPE_PRIORITY: tuple[EntityType, ...] = (
    EntityType.LEGAL_PROVISION,
    EntityType.LAW,
    EntityType.EU_INSTRUMENT,
    EntityType.INTERNATIONAL_INSTRUMENT,
    EntityType.MOVEMENT,
    EntityType.NGO,
    EntityType.TRADE_UNION,
    EntityType.MEDIA_OUTLET,
    EntityType.EU_BODY,
    EntityType.INTERNATIONAL_ORGANISATION,
    EntityType.STATE_BODY,
    EntityType.PERSON,
    EntityType.PLACE,
)
_PRIORITY = {t: i for i, t in enumerate(TYPE_PRIORITY)}

#: Evidence strength by the rule family (the part of ``Mention.rule`` before ":").
_STRENGTH = {"gaz": 4, "cue": 3, "list": 3, "pat": 3, "acr": 3, "prop": 3, "shape": 1}


def strength(mention: Mention) -> int:
    # by rule, memoised: settling sorts every candidate of a document by it, and a
    # document's thousands of candidates have a few dozen rules
    found = _RULE_STRENGTH.get(mention.rule)
    if found is None:
        found = _RULE_STRENGTH[mention.rule] = _STRENGTH.get(mention.rule.split(":", 1)[0], 1)
    return found


_RULE_STRENGTH: dict[str, int] = {}


@cache
def _extractors() -> tuple[Extractor, ...]:
    out = []
    for target in EXTRACTORS.values():
        module_name, _, func = target.partition(":")
        module = importlib.import_module(f"{__name__}.{module_name}")
        out.append(getattr(module, func))
    return tuple(out)


def settle(candidates: Iterable[Mention]) -> list[Mention]:
    """Keep non-overlapping mentions: longest span, then strength, then type priority."""
    ranked = sorted(
        candidates,
        key=lambda m: (-(m.end - m.start), -strength(m), _PRIORITY[m.type], m.unit, m.start),
    )
    # Per unit, the kept spans sorted by start (they never overlap, so their ends are
    # sorted too): one binary search finds the only span that could overlap, so a unit
    # with thousands of candidates (a long list of names) stays n log n, not n².
    taken: dict[str, tuple[list[int], list[int]]] = {}
    out: list[Mention] = []
    for m in ranked:
        starts, ends = taken.setdefault(m.unit, ([], []))
        i = bisect.bisect_left(starts, m.end)  # starts[:i] begin before m ends
        if i and ends[i - 1] > m.start:
            continue
        starts.insert(i, m.start)
        ends.insert(i, m.end)
        out.append(m)
    return out


def extract_text(unit_id: str, text: str, cues: Cues) -> list[Mention]:
    """All candidates of one text, unsettled (for tests and debugging)."""
    found: list[Mention] = []
    for fn in _extractors():
        # A span that is empty, outside the text or not its surface would break the NIF
        # offsets contract downstream: no extractor's slip may get past this point.
        found.extend(
            m
            for m in fn(unit_id, text, cues)
            if 0 <= m.start < m.end <= len(text) and text[m.start : m.end] == m.surface
        )
    return found


def leaf_contexts(document: Document) -> tuple[tuple[str, str], ...]:
    """Units and footnotes, but not a paragraph whose subparagraphs repeat its text:
    a mention sits on the smallest unit."""
    parents = {u.parent for u in document.units if u.parent}
    return tuple((uid, text) for uid, text in document.contexts() if uid not in parents)


def extract(document: Document) -> list[Mention]:
    """Every mention of every unit and footnote of a document, in document order."""
    from .propagate import propagate

    cues = load_cues(document.meta.language)
    contexts = leaf_contexts(document)
    journal = _journal_spans(document)
    candidates: list[Mention] = []
    for unit_id, text in contexts:
        found = extract_text(unit_id, text, cues)
        if unit_id in journal:
            start, end = journal[unit_id]
            found = [m for m in found if m.end <= start or m.start >= end]
        candidates.extend(found)
    settled = propagate(contexts, settle(candidates), cues)
    order = {uid: i for i, (uid, _) in enumerate(contexts)}
    return sorted(settled, key=lambda m: (order[m.unit], m.start, m.end))


def _journal_spans(document: Document) -> dict[str, tuple[int, int]]:
    """Each footnote's Official Journal reference, as (start, end) in its text.

    The reference names a publication, not an entity: its abbreviation may hold the
    Union's own ("Ú. v. EÚ C 23" in Slovak, "ΕΕ C 23" in Greek), which must not
    become a mention of the EU."""
    spans: dict[str, tuple[int, int]] = {}
    for footnote in document.footnotes:
        if footnote.oj_reference:
            start = footnote.text.find(footnote.oj_reference)
            if start >= 0:
                spans[footnote.id] = (start, start + len(footnote.oj_reference))
    return spans
