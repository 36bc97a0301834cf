"""A language's gazetteer names in a file of its own (graph/data/labels/<code>.toml):
merged into the entries of graph/data/*.toml, and a key naming no entry is an error."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.errors import ConfigError
from graph.extract import gazetteer


def _entries_with(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str
) -> dict[str, gazetteer.Entry]:
    folder = tmp_path / "labels"
    folder.mkdir(parents=True)
    (folder / "xx.toml").write_text(text, encoding="utf-8")
    monkeypatch.setattr(gazetteer, "_LABELS", folder)
    return {e.id: e for e in gazetteer._read_entries()}


def test_a_language_file_adds_labels_names_and_demonyms(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = _entries_with(tmp_path, monkeypatch, """
[entity.european-parliament]
label = "Parlamento Xx"
aliases = ["Parlamentoxx Xx"]
acronyms = ["PXX"]

[place."Belarus"]
label = "Belaruxx"
alt = ["Belaruxxa"]
dem = ["belaruxxian"]
""")
    parliament, belarus = found["european-parliament"], found["belarus"]
    assert ("xx", "Parlamento Xx") in parliament.labels
    assert {"Parlamento Xx", "Parlamentoxx Xx"} <= set(parliament.names)
    assert "PXX" in parliament.acronyms
    assert ("en", "European Parliament") in parliament.labels
    assert ("xx", "Belaruxx") in belarus.labels
    assert "Belaruxxa" in belarus.names and "belaruxxian" in belarus.demonyms


def test_a_key_that_names_no_entry_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(ConfigError, match="labels/xx.toml: no entity 'european-parlament'"):
        _entries_with(tmp_path, monkeypatch, '[entity.european-parlament]\nlabel = "X"\n')
    with pytest.raises(ConfigError, match="no place 'Belarussia'"):
        _entries_with(tmp_path / "2", monkeypatch, '[place."Belarussia"]\nlabel = "X"\n')


def test_the_language_files_are_sources_of_the_cached_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Editing a language's file must derive the gazetteer again (the data cache key)."""
    _entries_with(tmp_path, monkeypatch, '[entity.european-parliament]\nlabel = "X"\n')
    assert tmp_path / "labels" / "xx.toml" in gazetteer.sources()
