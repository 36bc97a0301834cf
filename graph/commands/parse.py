"""``epkg parse``: show the structure the segmenter finds in a resolution.

The quickest way to see whether a document is read as intended before building a
graph: the metadata, then one line per unit (id, kind, first words, footnotes),
then the footnotes. ``--json`` gives the same as one JSON object, with clean texts
and offsets, for scripts and tests.
"""

from __future__ import annotations

import json
from typing import Any

import click

from ..model import Document

__all__ = ["command", "document_to_dict"]


def _first_words(text: str, count: int = 8) -> str:
    words = text.split()
    return " ".join(words[:count]) + (" …" if len(words) > count else "")


def document_to_dict(document: Document) -> dict[str, Any]:
    """The document as plain JSON-ready data (dates as ISO strings)."""
    meta = document.meta
    return {
        "source": {
            "origin": document.source.origin,
            "media_type": document.source.media_type,
            "encoding": document.source.encoding,
            "sha256": document.source.sha256,
        },
        "meta": {
            "local_id": meta.local_id,
            "doc_id": meta.doc_id,
            "date": meta.date.isoformat() if meta.date else None,
            "procedure": meta.procedure,
            "title": meta.title,
            "long_title": meta.long_title,
            "language": meta.language,
        },
        "units": [
            {
                "id": u.id,
                "kind": str(u.kind),
                "label": u.label,
                "ordinal": u.ordinal,
                "parent": u.parent,
                "footnotes": list(u.footnotes),
                "text": u.text,
                "pieces": [[p.clean_start, p.source_start, p.length] for p in u.pieces],
            }
            for u in document.units
        ],
        "footnotes": [
            {
                "id": f.id,
                "number": f.number,
                "marker": f.marker,
                "unit": f.unit,
                "text": f.text,
                "oj_reference": f.oj_reference,
                "pieces": [[p.clean_start, p.source_start, p.length] for p in f.pieces],
            }
            for f in document.footnotes
        ],
    }


def _counts(document: Document) -> str:
    kinds: dict[str, int] = {}
    for unit in document.units:
        kinds[str(unit.kind)] = kinds.get(str(unit.kind), 0) + 1
    parts = [
        f"{kinds.get(k, 0)} {k}s" for k in ("citation", "recital", "paragraph", "subparagraph")
    ]
    return ", ".join(parts) + f", {len(document.footnotes)} footnotes"


@click.command("parse")
@click.argument("file", type=click.Path(dir_okay=True, allow_dash=True))
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="Print the structure as JSON (clean texts and offsets included).",
)
@click.option(
    "--lang",
    "language",
    metavar="CODE",
    help="The document's language (ISO 639-1); detected from the markers when omitted.",
)
def command(file: str, as_json: bool, language: str | None) -> None:
    """Print the structure of the resolution in FILE ('-' reads stdin).

    FILE is the text extracted from a texts-adopted PDF, or the EP's HTML page
    (saved or copied from the browser).
    """
    from ..read import read_path
    from ..segment import segment, structure_warnings

    document = segment(read_path(file), language=language)
    for warning in structure_warnings(document):
        click.echo(f"epkg: warning: {warning}", err=True)
    if as_json:
        click.echo(json.dumps(document_to_dict(document), ensure_ascii=False, indent=2))
        return
    meta = document.meta
    click.echo(
        f"{meta.local_id or '?'}  {meta.doc_id or '?'}  "
        f"{meta.date.isoformat() if meta.date else '?'}  "
        f"{meta.procedure or '?'}  [{meta.language}]"
    )
    if meta.title:
        click.echo(meta.title)
    if meta.long_title:
        click.echo(meta.long_title)
    click.echo(_counts(document))
    for unit in document.units:
        notes = f"  [{', '.join(unit.footnotes)}]" if unit.footnotes else ""
        indent = "  " if unit.parent else ""
        click.echo(
            f"{indent}{unit.id:<20} {unit.kind:<12} {unit.label:>3}  "
            f"{_first_words(unit.text)}{notes}"
        )
    for footnote in document.footnotes:
        click.echo(
            f"{footnote.id:<20} {'footnote':<12} {footnote.number:>3}  (on {footnote.unit}) "
            f"{_first_words(footnote.text, 12)}"
        )
