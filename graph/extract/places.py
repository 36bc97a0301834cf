"""Places the gazetteer does not know: "orașul X" / "the city of X" (strong), and a
single unknown capitalised word after a place preposition ("la X", "din X") (weak)."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import EntityType, Mention
from .cues import Cues, finditer, fold_aligned
from .names import cap_run_end, token_at
from .tokens import folded_words, is_cap, tokenize, word_set

__all__ = ["extract"]


def extract(unit_id: str, text: str, cues: Cues) -> Iterator[Mention]:
    tokens = tokenize(text)
    folded = fold_aligned(text)
    n = len(tokens)
    pat = cues.patterns("bodies", "place_heads")
    if pat is not None:
        for m in finditer(pat, folded):
            k = token_at(tokens, m.end())
            if k < n and is_cap(tokens[k].text):
                end = cap_run_end(tokens, k, text, cues, limit=3)
                s, e = tokens[k].start, tokens[end - 1].end
                yield Mention(unit_id, s, e, text[s:e], EntityType.PLACE, "cue:place")
    folds = folded_words(text)
    if cues.place_prepositions.isdisjoint(word_set(text)):
        return  # no preposition: no place after one
    for i in range(1, n - 1):
        if folds[i - 1] not in cues.place_prepositions or not tokens[i - 1].text.islower():
            continue
        tok = tokens[i]
        if not is_cap(tok.text) or cues.is_non_name(tok.text) or any(c.isdigit() for c in tok.text):
            continue
        if i + 1 < n and (
            is_cap(tokens[i + 1].text) and text[tok.end : tokens[i + 1].start] == " "
        ):
            continue
        yield Mention(unit_id, tok.start, tok.end, tok.text, EntityType.PLACE, "shape:place")
