"""``epkg validate``: check a graph file against the shapes, with pySHACL's exit codes.

0 the graph conforms, 1 it does not (the report says why), 2 the file or an option
is bad. The report goes to stdout, so ``epkg validate g.ttl --format json | jq`` works.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from ..errors import GraphInputError, ValidationFailed

if TYPE_CHECKING:
    from ..validate import Engine

__all__ = ["command"]


@click.command("validate")
@click.argument("graph_file", metavar="GRAPH", type=click.Path(dir_okay=False))
@click.option("--format", "-f", "fmt", type=click.Choice(("text", "turtle", "json")),
              default="text", show_default=True, help="How to print the validation report.")
@click.option("--input-format", default=None, metavar="FORMAT",
              help="The graph file's format when its suffix does not say "
                   "(turtle, jsonld, nt, nq, trig, rdfxml).")
@click.option("--engine", type=click.Choice(("shacl", "pyshacl")), default="shacl",
              show_default=True,
              help="The SHACL engine: the fast Rust one, or pySHACL (the reference).")
def command(graph_file: str, fmt: str, input_format: str | None, engine: Engine) -> None:
    """Validate GRAPH (any RDF format epkg writes) against epkg's SHACL shapes.

    \b
    Exit codes (as pySHACL's): 0 conforms; 1 does not conform; 2 the file cannot be
    read or parsed, or a bad option.
    """
    from ..export import read
    from ..validate import validate

    quads = read(graph_file, input_format)
    if not quads:  # an empty graph trivially "conforms": say what is wrong instead
        raise GraphInputError(
            f"{graph_file}: holds no triples; expected a graph made by epkg build"
        )
    result = validate(quads, engine=engine)
    click.echo(result.render(fmt), nl=False)
    if not result.conforms:
        raise ValidationFailed(
            f"{graph_file}: does not conform ({len(result.results)} results)"
        )
