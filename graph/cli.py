"""The ``epkg`` command.

Subcommands live in :mod:`graph.commands`, one module each, imported only when
used (so ``epkg parse`` never pays for rdflib or pySHACL). This module is the one
place where typed errors become one line on stderr and an exit code:
0 ok, 1 does not conform / query failed, 2 bad input or configuration.
"""

from __future__ import annotations

import atexit
import importlib
import importlib.util
import io
import os
import sys
from typing import Any

import click

from . import __version__
from .collector import freeze_at_exit
from .errors import EpkgError

__all__ = ["main", "COMMANDS"]

#: command name → module in graph.commands that defines ``command`` (a click.Command).
COMMANDS: dict[str, str] = {
    "parse": "parse",
    "entities": "entities",
    "build": "build",
    "validate": "validate",
    "export": "export",
    "queries": "queries",
    "query": "query",
    "load": "load",
    "serve": "serve",
    "viz": "viz",
}


# The interpreter's last collections would trace every long-lived structure at exit
# (~30 ms of a fresh `epkg build`); frozen, they are only freed (graph.collector).
atexit.register(freeze_at_exit)


class LazyGroup(click.Group):
    """A click group that imports a subcommand's module only when it is called."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(name for name in COMMANDS if self._available(name))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module_name = COMMANDS.get(cmd_name)
        if module_name is None or not self._available(cmd_name):
            return None
        module = importlib.import_module(f"graph.commands.{module_name}")
        command: click.Command = module.command
        return command

    @staticmethod
    def _available(name: str) -> bool:
        return importlib.util.find_spec(f"graph.commands.{COMMANDS[name]}") is not None


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's last flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        pass


#: click's "no arguments: show the help" signal (click ≥ 8.2), which must stay the help.
_NO_ARGS_IS_HELP: type[Exception] | tuple[()] = getattr(
    click.exceptions, "NoArgsIsHelpError", ()
)


def _usage_error(ctx: click.Context, exc: click.UsageError) -> None:
    hint = f" (see '{exc.ctx.command_path} --help')" if exc.ctx is not None else ""
    click.echo(f"epkg: error: {exc.format_message()}{hint}", err=True)
    ctx.exit(exc.exit_code)


class Epkg(LazyGroup):
    """Turns EpkgError into one line and its exit code; anything else into one line too."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except click.UsageError as exc:  # `epkg --bogus`: one line too
            if isinstance(exc, _NO_ARGS_IS_HELP) or "--debug" in args:
                raise
            _usage_error(ctx, exc)
            raise  # unreachable: ctx.exit raised

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except EpkgError as exc:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            click.echo(f"epkg: error: {exc}", err=True)
            ctx.exit(exc.exit_code)
        except click.UsageError as exc:  # a missing argument, a folder for a file…: one line
            if isinstance(exc, _NO_ARGS_IS_HELP) or (ctx.obj and ctx.obj.get("debug")):
                raise
            _usage_error(ctx, exc)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except BrokenPipeError:  # `epkg … | head` closed the pipe: not an error of ours
            _silence_stdout()
            ctx.exit(141)
        except KeyboardInterrupt:
            click.echo("epkg: interrupted", err=True)
            ctx.exit(130)
        except Exception as exc:  # the last line of defence: never a bare traceback
            if ctx.obj and ctx.obj.get("debug"):
                raise
            click.echo(
                f"epkg: internal error: {type(exc).__name__}: {exc} "
                "(run again with --debug for the traceback, and please report it)",
                err=True,
            )
            ctx.exit(2)


@click.group(cls=Epkg, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", "-V", prog_name="epkg")
@click.option("--debug", is_flag=True, help="Show the full traceback of an error.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """epkg: European Parliament resolutions as a knowledge graph.

    Reads a resolution ("text adopted") as PDF text or the EP's HTML page, finds its
    structure and the entities it names, and builds an RDF graph you can validate,
    query, export, load into a triplestore and look at.

    Exit codes: 0 ok; 1 the graph does not conform or a query failed;
    2 bad input, configuration or an unreachable store.
    """
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
