"""Clean text: a unit's text without the PDF's artefacts, with a map back to the source.

A unit's words may be spread over several source ranges (a page break, a footnote
block printed mid-sentence) and carry markers (¹, (1)) that are not words. The
clean text joins the ranges, drops the markers, folds white space, and records
:class:`~graph.model.Piece` runs so every clean character can be traced back to
``Source.text`` (NIF offsets are on the clean text; provenance needs the source).
"""

from __future__ import annotations

import re

from .model import Piece

__all__ = ["clean_text"]

_SPACE = re.compile(r"\s")


def clean_text(
    text: str, spans: list[tuple[int, int]], skip: list[tuple[int, int]]
) -> tuple[str, tuple[Piece, ...]]:
    """Join ``spans`` of ``text`` leaving out ``skip`` ranges; fold white space.

    Returns the clean string and the pieces mapping it back to ``text``. Spans are
    joined by one space — or by nothing when the first ends in a hyphen after a
    letter and the next begins with a lower-case letter (a word cut at a page end).
    """
    chars: list[str] = []
    origin: list[int] = []  # source index of each clean char, -1 when invented
    skip_iter = sorted(skip)
    for number, (start, end) in enumerate(spans):
        if number and chars:
            following = text[start:end].lstrip()[:1]
            hyphenated = (
                chars[-1] == "-" and len(chars) > 1 and chars[-2].isalpha() and following.islower()
            )
            if not hyphenated:
                chars.append(" ")
                origin.append(start - 1 if start > 0 and text[start - 1].isspace() else -1)
        position = start
        for skip_start, skip_end in skip_iter:
            if skip_end <= position or skip_start >= end:
                continue
            for index in range(position, max(position, skip_start)):
                chars.append(text[index])
                origin.append(index)
            position = max(position, skip_end)
        for index in range(position, end):
            chars.append(text[index])
            origin.append(index)
    # fold white space runs into one space; strip the ends
    out: list[str] = []
    out_origin: list[int] = []
    for char, source_index in zip(chars, origin, strict=True):
        if _SPACE.match(char):
            if not out or out[-1] == " ":
                continue
            out.append(" ")
            out_origin.append(source_index)
        else:
            out.append(char)
            out_origin.append(source_index)
    while out and out[-1] == " ":
        out.pop()
        out_origin.pop()
    pieces: list[Piece] = []
    run_start = -1
    for clean_index, source_index in enumerate(out_origin):
        continues = (
            run_start >= 0
            and source_index >= 0
            and source_index == out_origin[clean_index - 1] + 1
            and out_origin[clean_index - 1] >= 0
        )
        if continues:
            continue
        if run_start >= 0:
            pieces.append(Piece(run_start, out_origin[run_start], clean_index - run_start))
        run_start = clean_index if source_index >= 0 else -1
    if run_start >= 0:
        pieces.append(Piece(run_start, out_origin[run_start], len(out_origin) - run_start))
    return "".join(out), tuple(pieces)
