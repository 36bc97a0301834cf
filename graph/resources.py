"""Find the project's data folders (ontology/, shapes/, queries/) in a checkout and
in an installed wheel, where they are packed as ``graph/_resources/<name>``."""

from __future__ import annotations

from pathlib import Path

__all__ = ["resource_dir", "resource_path"]

_PACKAGE = Path(__file__).resolve().parent
_NAMES = ("ontology", "shapes", "queries")


def resource_dir(name: str) -> Path:
    """The folder ``name`` (one of ontology, shapes, queries)."""
    if name not in _NAMES:
        raise ValueError(f"unknown resource folder {name!r}; expected one of {', '.join(_NAMES)}")
    for candidate in (_PACKAGE / "_resources" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"resource folder {name!r} is missing from this installation")


def resource_path(name: str, filename: str) -> Path:
    """A file inside one of the resource folders."""
    return resource_dir(name) / filename
