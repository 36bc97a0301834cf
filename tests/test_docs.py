"""Documentation keeps up with the commands (Datasette's habit): every command is in
the README, and every option of every command says what it does in --help."""

from __future__ import annotations

from pathlib import Path

import click
import pytest

from graph.cli import COMMANDS, main

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def _command(name: str) -> click.Command:
    ctx = click.Context(main)
    command = main.get_command(ctx, name)
    assert command is not None, f"command {name} is registered but cannot be loaded"
    return command


def test_every_registered_command_loads() -> None:
    assert len(COMMANDS) >= 10
    assert sorted(main.list_commands(click.Context(main))) == sorted(COMMANDS)


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_command_is_in_the_readme(name: str) -> None:
    assert f"epkg {name}" in README, f"README never shows `epkg {name}`"


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_command_and_its_options_have_help(name: str) -> None:
    command = _command(name)
    assert (command.help or "").strip(), f"epkg {name} has no help text"
    undocumented = [
        param.name
        for param in command.params
        if isinstance(param, click.Option) and not (param.help or "").strip()
    ]
    assert not undocumented, f"epkg {name}: options without help: {undocumented}"
