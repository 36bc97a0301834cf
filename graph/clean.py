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

_CLOSING = set(",.;:)]”»")  # a span that opens with these is glued to the one before
# white space that is not already one plain space: runs, newlines, tabs, no-break
# spaces (a run of two or more, or one that is not " "); opening with ``\s`` lets
# the regex engine skip ahead to white space instead of trying every position. Every
# white space character but " " is unprintable, so a printable text without "  " has none.
_SPACE_RUN = re.compile(r"\s\s+|[^\S ]")


class _Out:
    """The clean text being written, and its pieces (merged when contiguous)."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.pieces: list[list[int]] = []  # [clean_start, source_start, length]
        self.last = ""

    def write(self, chunk: str, source_start: int) -> None:
        """Append ``chunk``; ``source_start`` < 0 when it has no source (an invented space)."""
        if not self.length or self.last == " ":
            trimmed = chunk.lstrip(" ")
            if source_start >= 0:
                source_start += len(chunk) - len(trimmed)
            chunk = trimmed
        if not chunk:
            return
        if source_start >= 0:
            piece = self.pieces[-1] if self.pieces else None
            if (
                piece is not None
                and piece[0] + piece[2] == self.length
                and piece[1] + piece[2] == source_start
            ):
                piece[2] += len(chunk)
            else:
                self.pieces.append([self.length, source_start, len(chunk)])
        self.parts.append(chunk)
        self.length += len(chunk)
        self.last = chunk[-1]

    def space(self, source_start: int) -> None:
        if self.length and self.last != " ":
            self.write(" ", source_start)


def _runs(spans: list[tuple[int, int]], skip: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """For each span, its sub-ranges left after cutting out the ``skip`` ranges."""
    ordered = sorted(skip)
    result: list[list[tuple[int, int]]] = []
    for start, end in spans:
        runs: list[tuple[int, int]] = []
        position = start
        for skip_start, skip_end in ordered:
            if skip_end <= position or skip_start >= end:
                continue
            if skip_start > position:
                runs.append((position, skip_start))
            position = max(position, skip_end)
        if position < end:
            runs.append((position, end))
        result.append(runs)
    return result


def _first_char(text: str, runs: list[tuple[int, int]]) -> str:
    """The first character of the runs' text that is not white space ("" if none)."""
    for start, end in runs:
        chunk = text[start:end].lstrip()
        if chunk:
            return chunk[0]
    return ""


def clean_text(
    text: str, spans: list[tuple[int, int]], skip: list[tuple[int, int]]
) -> tuple[str, tuple[Piece, ...]]:
    """Join ``spans`` of ``text`` leaving out ``skip`` ranges; fold white space.

    Returns the clean string and the pieces mapping it back to ``text``. Spans are
    joined by one space — or by nothing when the first ends in a hyphen after a
    letter and the next begins with a lower-case letter (a word cut at a page end).
    """
    out = _Out()
    for number, (runs, (start, _end)) in enumerate(zip(_runs(spans, skip), spans, strict=True)):
        if number and out.length:
            following = _first_char(text, runs)
            previous = "".join(out.parts[-2:])
            hyphenated = (
                previous.endswith("-")
                and len(previous) > 1
                and previous[-2].isalpha()
                and following.islower()
            )
            if not hyphenated and following not in _CLOSING:
                out.space(start - 1 if start > 0 and text[start - 1].isspace() else -1)
        for run_start, run_end in runs:
            chunk = text[run_start:run_end]
            if chunk.isprintable() and "  " not in chunk:
                out.write(chunk, run_start)  # the usual line: nothing to fold
                continue
            position = run_start
            for match in _SPACE_RUN.finditer(text, run_start, run_end):
                out.write(text[position : match.start()], position)
                out.space(match.start())
                position = match.end()
            out.write(text[position:run_end], position)
    clean = "".join(out.parts)
    stripped = clean.rstrip(" ")
    pieces: list[Piece] = []
    for clean_start, source_start, length in out.pieces:
        length = min(length, len(stripped) - clean_start)
        if length > 0:
            pieces.append(Piece(clean_start, source_start, length))
    return stripped, tuple(pieces)
