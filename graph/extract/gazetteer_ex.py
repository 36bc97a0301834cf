"""Extractor over the curated gazetteer (EU and international bodies and
instruments, well-known NGOs and media, places)."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Mention
from .cues import Cues
from .gazetteer import match
from .tokens import tokenize

__all__ = ["extract"]


def extract(unit_id: str, text: str, cues: Cues) -> Iterator[Mention]:
    tokens = tokenize(text)
    for i, j, entry in match(tokens):
        start, end = tokens[i].start, tokens[j - 1].end
        yield Mention(unit_id, start, end, text[start:end], entry.type, "gaz", (("gaz", entry.id),))
