"""Extractor over the curated gazetteer (EU and international bodies and
instruments, well-known NGOs and media, places)."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import EntityType, Mention
from .cues import Cues, fold_aligned
from .gazetteer import match
from .tokens import fold, tokenize

__all__ = ["extract"]


def _prefix_start(text: str, start: int, cues: Cues) -> int:
    """Start of "Republica X" / "Republic of X" when a place is so introduced."""
    before = fold_aligned(text[max(0, start - 40) : start])
    offset = max(0, start - 40)
    for phrase in sorted(cues.section("bodies").get("place_prefixes", []), key=len, reverse=True):
        p = fold(phrase) + " "
        if before.endswith(p) and (len(before) == len(p) or not before[-len(p) - 1].isalnum()):
            return offset + len(before) - len(p)
    return start


def extract(unit_id: str, text: str, cues: Cues) -> Iterator[Mention]:
    tokens = tokenize(text)
    for i, j, entry in match(tokens):
        start, end = tokens[i].start, tokens[j - 1].end
        if entry.type is EntityType.PLACE:
            start = _prefix_start(text, start, cues)
            if text[start].islower():
                start = tokens[i].start
        yield Mention(unit_id, start, end, text[start:end], entry.type, "gaz", (("gaz", entry.id),))
