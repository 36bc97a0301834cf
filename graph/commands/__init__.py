"""One module per ``epkg`` subcommand, each defining ``command`` (a click.Command).

Register a new one in :data:`graph.cli.COMMANDS`.
"""
