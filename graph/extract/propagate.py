"""Document-level passes after settling: acronyms and name propagation.

A parenthesised acronym right after a name ("… consolidat (APCC)") names the same
entity, and so does every later bare use of it. A name found once with strong
evidence (a cue, a list, the gazetteer) is the same name wherever else it occurs in
the document, even without its cue: those occurrences are added, and a weak
guess of another type on the same span gives way to them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

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
    from . import settle, strength

    new = _acronyms(contexts, mentions)
    pool = mentions + new
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
    pattern = re.compile(
        r"(?<![\w/-])(?:"
        + "|".join(re.escape(s) for s in sorted(known, key=len, reverse=True))
        + r")(?![\w/-])"
    )
    found = []
    for unit_id, text in contexts:
        for hit in pattern.finditer(text):
            src = known[hit.group()]
            attrs = tuple(a for a in src.attrs if a[0] in ("gaz", "acronym_of", "state", "country"))
            found.append(
                Mention(unit_id, hit.start(), hit.end(), hit.group(), src.type, "prop", attrs)
            )
    return settle(pool + found)
