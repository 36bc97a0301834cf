"""``epkg entities``: the entities a resolution names, and where.

One line per entity (type, key, label, roles, the units that mention it), or with
``--json`` one object per entity with its alternative labels and every mention's
exact span, plus the Parliament's statements and the relations the text states.
The quickest way to check extraction on a new document before building a graph.
"""

from __future__ import annotations

import json
from typing import Any

import click

from ..model import Analysis, Entity, EntityType

__all__ = ["command", "analysis_to_dict"]


def _units(entity: Entity) -> list[str]:
    return list(dict.fromkeys(m.unit for m in entity.mentions))


def _entity(entity: Entity) -> dict[str, Any]:
    return {
        "type": entity.type.value,
        "key": entity.key,
        "label": entity.label,
        "alt_labels": list(entity.alt_labels),
        "roles": list(entity.roles),
        "part_of": list(entity.part_of) if entity.part_of else None,
        "units": _units(entity),
        "mentions": [
            {"unit": m.unit, "start": m.start, "end": m.end, "surface": m.surface, "rule": m.rule}
            for m in entity.mentions
        ],
    }


def analysis_to_dict(analysis: Analysis, types: tuple[EntityType, ...] = ()) -> dict[str, Any]:
    """Entities (optionally of some types only), statements and relations as JSON data."""
    chosen = [e for e in analysis.entities if not types or e.type in types]
    return {
        "document": analysis.document.meta.doc_id,
        "language": analysis.document.meta.language,
        "entities": [_entity(e) for e in chosen],
        "statements": [
            {"unit": s.unit, "action": s.action, "addressees": [list(a) for a in s.addressees]}
            for s in analysis.statements
        ],
        "relations": [
            {
                "subject": list(r.subject) if r.subject else None,
                "predicate": r.predicate,
                "object": list(r.object),
                "unit": r.unit,
            }
            for r in analysis.relations
        ],
    }


@click.command("entities")
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True))
@click.option(
    "--json", "as_json", is_flag=True, help="Print entities, statements and relations as JSON."
)
@click.option(
    "--type",
    "types",
    multiple=True,
    type=click.Choice([t.value for t in EntityType], case_sensitive=False),
    help="Only entities of this type (repeatable).",
)
@click.option(
    "--lang",
    "language",
    metavar="CODE",
    help="The document's language (ISO 639-1); detected when omitted.",
)
def command(file: str, as_json: bool, types: tuple[str, ...], language: str | None) -> None:
    """List the entities the resolution in FILE names ('-' reads stdin)."""
    from ..pipeline import analyse_path

    analysis = analyse_path(file, language=language)
    for warning in analysis.warnings:  # a truncated text: listed as far as it goes
        click.echo(f"epkg: warning: {warning}", err=True)
    wanted = tuple(t for t in EntityType if t.value.lower() in {x.lower() for x in types})
    if as_json:
        click.echo(json.dumps(analysis_to_dict(analysis, wanted), ensure_ascii=False, indent=2))
        return
    for entity in analysis.entities:
        if wanted and entity.type not in wanted:
            continue
        roles = f"  [{', '.join(entity.roles)}]" if entity.roles else ""
        click.echo(f"{entity.type.value:<26} {entity.label}{roles}  ({', '.join(_units(entity))})")
        for alt in entity.alt_labels:
            click.echo(f"{'':<26}   = {alt}")
