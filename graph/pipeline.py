"""The pipeline in one place: read → segment → extract → resolve.

Each stage is a plain function of the previous stage's value; this module only
chains them, so a caller (the CLI, the store, a benchmark) never wires stages by hand.
"""

from __future__ import annotations

import dataclasses
import os

from .model import Analysis, Source

__all__ = ["analyse_source", "analyse_path"]


def analyse_source(source: Source, language: str | None = None) -> Analysis:
    """Segment a source, extract its mentions and resolve them into entities.

    A text that looks truncated is analysed as far as it goes; the reason is added to
    ``Analysis.warnings`` (for the command to print), never silently dropped.
    """
    from . import collector
    from .segment import segment, structure_warnings

    with collector.paused():  # ~100,000 short-lived objects, no cycle: see graph.collector
        document = segment(source, language=language)  # refuses a non-resolution first

        from .extract import extract
        from .resolve import resolve

        mentions = extract(document)
        analysis = resolve(document, mentions)
    warnings = structure_warnings(document)
    if warnings:
        analysis = dataclasses.replace(analysis, warnings=analysis.warnings + warnings)
    return analysis


def analyse_path(path: str | os.PathLike[str], language: str | None = None) -> Analysis:
    """Read a file (or ``-`` for stdin) and analyse it."""
    from .read import read_path

    return analyse_source(read_path(path), language=language)
