"""Typed errors. The library raises them; only :mod:`graph.cli` turns them into
one line on stderr and an exit code (0 ok, 1 does not conform / query failed,
2 bad input or configuration)."""

from __future__ import annotations

__all__ = [
    "EpkgError",
    "InputError",
    "EmptyInputError",
    "BinaryInputError",
    "EncodingError",
    "NotAResolutionError",
    "GraphInputError",
    "ConfigError",
    "OutputError",
    "StoreError",
    "QueryError",
    "ValidationFailed",
]


class EpkgError(Exception):
    """Base of every error epkg expects; ``exit_code`` is what the CLI returns."""

    exit_code: int = 2


class InputError(EpkgError):
    """An input file is missing, unreadable, or not what was expected."""


class EmptyInputError(InputError):
    """The input holds no text."""


class BinaryInputError(InputError):
    """The input is binary (a PDF, an image, an archive…) where text was expected."""


class EncodingError(InputError):
    """The input's bytes could not be decoded as text in any supported encoding."""


class NotAResolutionError(InputError):
    """The input is text, but not a European Parliament resolution."""


class GraphInputError(InputError):
    """An RDF file given to validate/query/load/viz could not be parsed."""


class ConfigError(EpkgError):
    """A command-line option or setting is invalid."""


class OutputError(EpkgError):
    """An output could not be written (unwritable folder, disk full…)."""


class StoreError(EpkgError):
    """A triplestore (embedded or remote) is unreachable or refused the request."""


class QueryError(EpkgError):
    """A SPARQL query is malformed or failed to run."""

    exit_code = 1


class ValidationFailed(EpkgError):
    """A graph does not conform to the SHACL shapes."""

    exit_code = 1

    def __init__(self, message: str, report: str = "") -> None:
        super().__init__(message)
        self.report = report
