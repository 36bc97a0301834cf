"""The derived-data cache (graph/datacache.py): a warm cache gives exactly what a cold
one computes, and no state of the cache folder is ever an error."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from graph import datacache
from graph.errors import ConfigError
from graph.extract import cues, gazetteer
from graph.lang import all_profiles, detect_language

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty cache folder of this test only."""
    where = tmp_path / "cache"
    monkeypatch.setenv(datacache.DIR_ENV, str(where))
    monkeypatch.delenv(datacache.DISABLE_ENV, raising=False)
    return where


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A data file of a made-up derivation."""
    path = tmp_path / "words.txt"
    path.write_text("alpha beta gamma", encoding="utf-8")
    return path


class Counter:
    """A derivation that counts how often it really runs."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.calls = 0

    def __call__(self) -> dict[str, tuple[str, ...]]:
        self.calls += 1
        return {"words": tuple(self.path.read_text(encoding="utf-8").split())}


def _files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def test_a_warm_cache_skips_the_derivation(folder: Path, data: Path) -> None:
    derive = Counter(data)
    first = datacache.cached("words", [data], derive)
    second = datacache.cached("words", [data], derive)
    assert first == second == {"words": ("alpha", "beta", "gamma")}
    assert derive.calls == 1
    assert _files(folder) == ["words.pickle"]


def test_a_changed_data_file_changes_the_key(folder: Path, data: Path) -> None:
    derive = Counter(data)
    before = datacache.cache_key("words", [data])
    datacache.cached("words", [data], derive)
    data.write_text("delta", encoding="utf-8")
    datacache._file_digest.cache_clear()  # a process reads each file once; this one twice
    assert datacache.cache_key("words", [data]) != before
    assert datacache.cached("words", [data], derive) == {"words": ("delta",)}
    assert derive.calls == 2
    assert _files(folder) == ["words.pickle"]  # replaced, not piled up


def test_the_key_covers_the_deriving_code_and_the_versions(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code = tmp_path / "derive.py"
    code.write_text("x = 1\n", encoding="utf-8")
    base = datacache.cache_key("words", [data, code])
    assert datacache.cache_key("words", [data]) != base
    assert datacache.cache_key("other", [data, code]) != base
    monkeypatch.setattr(datacache, "__version__", "0.0.0-other")
    assert datacache.cache_key("words", [data, code]) != base
    monkeypatch.undo()
    monkeypatch.setattr(datacache.sys, "version", "3.99.0 (another python)")
    assert datacache.cache_key("words", [data, code]) != base


def test_the_gazetteer_key_follows_its_data(tmp_path: Path) -> None:
    real = gazetteer.sources()
    assert any(p.name == "places.toml" for p in real)
    assert any(p.name == "stem-endings.toml" for p in real)  # the stemmer's data too
    assert {"gazetteer.py", "tokens.py"} <= {p.name for p in real}
    copies = []
    for path in real:
        copy = tmp_path / path.name
        copy.write_bytes(path.read_bytes())
        copies.append(copy)
    same = datacache.cache_key("gazetteer", copies)
    places = next(p for p in copies if p.name == "places.toml")
    places.write_bytes(places.read_bytes() + b"\n# one more line\n")
    datacache._file_digest.cache_clear()
    assert datacache.cache_key("gazetteer", copies) != same


@pytest.mark.parametrize(
    "damage",
    ["truncated", "flipped", "foreign", "other key", "empty", "bad pickle"],
)
def test_a_damaged_cache_file_is_ignored_and_replaced(
    folder: Path, data: Path, damage: str
) -> None:
    derive = Counter(data)
    expected = datacache.cached("words", [data], derive)
    path = folder / "words.pickle"
    good = path.read_bytes()
    key = datacache.cache_key("words", [data]).encode("ascii")
    header = datacache._MAGIC + key + b"\n"
    damaged = {
        "truncated": good[: len(good) - 7],
        "flipped": good[:-3] + bytes([good[-3] ^ 0x55]) + good[-2:],
        "foreign": b"\x80\x05K\x01.",  # a valid pickle of another program
        "other key": good.replace(key, b"0" * len(key)),
        "empty": b"",
        "bad pickle": header + _digest(b"not a pickle") + b"\n" + b"not a pickle",
    }[damage]
    path.write_bytes(damaged)
    assert datacache.cached("words", [data], derive) == expected
    assert derive.calls == 2
    assert path.read_bytes() == good  # replaced by a sound file
    assert datacache.cached("words", [data], derive) == expected
    assert derive.calls == 2


def _digest(payload: bytes) -> bytes:
    import hashlib

    return hashlib.sha256(payload).hexdigest().encode("ascii")


def test_another_users_file_is_not_unpickled(
    folder: Path, data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    derive = Counter(data)
    datacache.cached("words", [data], derive)
    monkeypatch.setattr(os, "getuid", lambda: os.stat(folder).st_uid + 1)
    datacache.cached("words", [data], derive)
    assert derive.calls == 2


def test_an_unwritable_cache_folder_still_works(
    tmp_path: Path, data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv(datacache.DIR_ENV, str(blocker / "epkg"))  # cannot be created
    derive = Counter(data)
    assert datacache.cached("words", [data], derive) == {"words": ("alpha", "beta", "gamma")}
    assert datacache.cached("words", [data], derive) == {"words": ("alpha", "beta", "gamma")}
    assert derive.calls == 2
    assert blocker.read_text(encoding="utf-8") == "not a folder"


def test_a_missing_source_means_no_cache_not_an_error(folder: Path, data: Path) -> None:
    derive = Counter(data)
    gone = data.parent / "not-shipped.py"
    assert datacache.cached("words", [data, gone], derive) == {"words": ("alpha", "beta", "gamma")}
    assert _files(folder) == []


def test_the_off_switch(folder: Path, data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(datacache.DISABLE_ENV, "1")
    assert datacache.cache_dir() is None
    derive = Counter(data)
    datacache.cached("words", [data], derive)
    datacache.cached("words", [data], derive)
    assert derive.calls == 2
    assert _files(folder) == []


def test_the_cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(datacache.DISABLE_ENV, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv(datacache.DIR_ENV, str(tmp_path / "mine"))
    assert datacache.cache_dir() == tmp_path / "mine"
    monkeypatch.setenv(datacache.DIR_ENV, "")  # empty counts as unset
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert datacache.cache_dir() == tmp_path / "xdg" / "epkg"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/path")  # invalid by the XDG spec
    assert datacache.cache_dir() == tmp_path / "home" / ".cache" / "epkg"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert datacache.cache_dir() == tmp_path / "home" / ".cache" / "epkg"


def test_errors_of_the_derivation_itself_propagate(folder: Path, data: Path) -> None:
    def broken() -> None:
        raise ConfigError("bad data")

    with pytest.raises(ConfigError, match="bad data"):
        datacache.cached("words", [data], broken)
    assert _files(folder) == []


def test_writers_at_once_leave_one_sound_file(folder: Path, data: Path) -> None:
    start = threading.Barrier(6)
    results: list[object] = []

    def worker() -> None:
        start.wait()
        results.append(datacache.cached("words", [data], Counter(data)))

    threads = [threading.Thread(target=worker) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [{"words": ("alpha", "beta", "gamma")}] * 6
    assert _files(folder) == ["words.pickle"]  # no temporary file left behind
    derive = Counter(data)
    datacache.cached("words", [data], derive)
    assert derive.calls == 0


def test_cold_and_warm_gazetteer_are_identical(folder: Path) -> None:
    cold = gazetteer._derive()
    stored = datacache.cached("gazetteer", gazetteer.sources(), gazetteer._derive)
    warm = datacache.cached("gazetteer", gazetteer.sources(), _never)
    assert stored == cold
    assert warm is not cold
    assert warm == cold
    assert warm.entries == gazetteer.entries()
    assert (warm.trie, warm.acronyms) == gazetteer._trie()
    assert warm.demonyms == gazetteer._demonyms()
    assert warm.country_prefixes == gazetteer._country_prefixes()
    assert frozenset(warm.lower_words) == gazetteer._lower_words()
    assert len(warm.entries) > 100 and len(warm.trie) > 100
    # one pickle: an entry is the same object in every structure, as when computed
    ids = {id(e) for e in warm.entries}
    assert {id(e) for e in warm.acronyms.values()} <= ids
    assert {id(e) for _, e in warm.country_prefixes} <= ids


def test_cold_and_warm_cue_data_are_identical(folder: Path) -> None:
    languages = cues.available_languages()
    assert len(languages) >= 9
    for language in languages:
        cold = cues._derive(language)
        datacache.cached(f"cues-{language}", cues.sources(language), lambda c=cold: c)
        warm = datacache.cached(f"cues-{language}", cues.sources(language), _never)
        assert warm == cold, language
        assert warm.non_name_stems and warm.roles, language
    assert _files(folder) == sorted(f"cues-{lang}.pickle" for lang in languages)


def test_cold_and_warm_cues_compile_alike(folder: Path) -> None:
    cues.load_cues.cache_clear()
    try:
        cold = cues.load_cues("ro")
        assert _files(folder) == ["cues-ro.pickle"]
        cues.load_cues.cache_clear()
        warm = cues.load_cues("ro")
    finally:
        cues.load_cues.cache_clear()
    assert warm is not cold
    assert warm.raw == cold.raw
    assert warm.non_name_stems == cold.non_name_stems
    assert warm.non_name_words == cold.non_name_words
    assert warm.months == cold.months and warm.name_stops == cold.name_stops
    assert warm.roles == cold.roles and warm.org_cues == cold.org_cues
    assert warm.action_pattern == cold.action_pattern
    assert warm.action_names == cold.action_names


def test_cold_and_warm_profiles_are_identical(folder: Path) -> None:
    all_profiles.cache_clear()
    try:
        cold = all_profiles()
        all_profiles.cache_clear()
        warm = all_profiles()
    finally:
        all_profiles.cache_clear()
    assert _files(folder) == ["profiles.pickle"]
    assert warm is not cold and warm == cold and len(warm) >= 24
    assert [p.citation_re.pattern for p in warm] == [p.citation_re.pattern for p in cold]


def _never() -> gazetteer._Derived:
    raise AssertionError("the warm cache should have answered")


def test_match_keys_are_memoised() -> None:
    gazetteer._key("Organizației")
    before = gazetteer._key.cache_info().hits
    assert gazetteer._key("Organizației") == gazetteer._key("Organizației")
    assert gazetteer._key.cache_info().hits == before + 2


def _build(sample: Path, out: Path, cache: Path | None, seed: str) -> bytes:
    env = {k: v for k, v in os.environ.items() if k != datacache.DISABLE_ENV}
    env["PYTHONHASHSEED"] = seed
    if cache is None:
        env[datacache.DISABLE_ENV] = "1"
    else:
        env[datacache.DIR_ENV] = str(cache)
    subprocess.run(
        [sys.executable, "-m", "graph.cli", "build", str(sample), "-o", str(out)],
        cwd=ROOT, env=env, check=True, capture_output=True,
    )  # fmt: skip
    return out.read_bytes()


def test_the_sample_builds_alike_cold_warm_and_uncached(sample_path: Path, tmp_path: Path) -> None:
    """Fresh processes, as a user runs them: no cache, a cold one, then the same warm,
    and another cold one under another hash seed (the files are byte for byte alike)."""
    one, two = tmp_path / "one", tmp_path / "two"
    plain = _build(sample_path, tmp_path / "plain.nt", None, "1")
    cold = _build(sample_path, tmp_path / "cold.nt", one, "2")
    written = {p.name: p.stat().st_ino for p in one.iterdir()}
    data = {n for n in written if not n.startswith("compiled-")}
    assert data == {"gazetteer.pickle", "cues-ro.pickle", "profiles.pickle", "tokens.pickle"}
    compiled = {n.removeprefix("compiled-").removesuffix(".pickle") for n in written} - {
        n.removesuffix(".pickle") for n in data
    }
    assert "graph.model" in compiled  # the modules' compiled patterns and generated code
    assert all(importlib.util.find_spec(name) for name in compiled)
    warm = _build(sample_path, tmp_path / "warm.nt", one, "3")
    assert {p.name: p.stat().st_ino for p in one.iterdir()} == written  # read, not rewritten
    _build(sample_path, tmp_path / "again.nt", two, "4")
    assert plain.count(b"\n") > 100
    assert cold == plain and warm == plain
    for name in written:
        assert (one / name).read_bytes() == (two / name).read_bytes(), name


# Compiled regex programs (datacache.program / compile_program): a CPython internal,
# so every cached program must give the very pattern re.compile gives.


def _same_pattern(cached: re.Pattern[str], fresh: re.Pattern[str], texts: list[str]) -> None:
    assert cached == fresh  # CPython compares the source, the flags and the code
    assert cached.pattern == fresh.pattern
    assert (cached.flags, cached.groups, cached.groupindex) == (
        fresh.flags,
        fresh.groups,
        fresh.groupindex,
    )
    for text in texts:
        assert [(m.span(), m.groups()) for m in cached.finditer(text)] == [
            (m.span(), m.groups()) for m in fresh.finditer(text)
        ]


def test_cached_cue_programs_are_the_patterns_re_compiles(sample_text: str) -> None:
    folded = [cues.fold_aligned(line) for line in sample_text.splitlines() if line.strip()]
    checked = 0
    for language in cues.available_languages():
        data = cues._derive(language)
        assert len(data.programs) > 50, language
        for source, found in data.programs.items():
            cached = datacache.compile_program(source, 0, found)
            fresh = re.compile(source)
            _same_pattern(cached, fresh, folded if language == "ro" else [])
            checked += 1
    assert checked > 500


def test_cached_profile_programs_are_the_patterns_re_compiles(sample_text: str) -> None:
    all_profiles.cache_clear()
    try:
        profiles = all_profiles()
    finally:
        all_profiles.cache_clear()
    lines = sample_text.splitlines()
    checked = 0
    for profile in profiles:
        assert {"citation", "title", "date", "oj"} <= set(profile._programs), profile.code
        for key, found in profile._programs.items():
            source = profile._source(key)
            assert source is not None
            cached = datacache.compile_program(source, re.IGNORECASE, found)
            _same_pattern(cached, re.compile(source, re.IGNORECASE), lines)
            checked += 1
    assert checked >= 24 * 5


def test_a_warm_cache_compiles_no_cue_or_profile_regex(
    folder: Path, sample_text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def clear() -> None:
        cues.load_cues.cache_clear()
        cues._section_pattern.cache_clear()
        all_profiles.cache_clear()

    clear()
    try:
        cold = cues.load_cues("ro")
        cold_patterns = [cold.patterns(s, k) for s, k in _section_keys(cold)]
        cold_language = detect_language(sample_text)
        clear()

        def refuse(*args: object, **kwargs: object) -> re.Pattern[str]:
            raise AssertionError(f"compiled again: {args!r:.100}")

        monkeypatch.setattr(re, "compile", refuse)
        monkeypatch.setattr(datacache, "program", refuse)  # no derivation: the file's programs
        warm = cues.load_cues("ro")
        warm_patterns = [warm.patterns(s, k) for s, k in _section_keys(warm)]
        assert detect_language(sample_text) == cold_language == "ro"
        monkeypatch.undo()
    finally:
        clear()
    assert len(warm_patterns) > 50
    assert warm_patterns == cold_patterns
    assert warm.roles == cold.roles and warm.action_pattern == cold.action_pattern


def _section_keys(loaded: cues.Cues) -> list[tuple[str, str]]:
    return [
        (name, key)
        for name, section in loaded.raw.items()
        if isinstance(section, dict)
        for key, value in section.items()
        if isinstance(value, str)
        or (isinstance(value, list) and all(isinstance(v, str) for v in value))
    ]


def test_a_program_of_another_runtime_or_damaged_is_compiled_afresh() -> None:
    source = r"(?<![\w])(?:ab[\w'’]*|(?P<x>cd))"
    found = datacache.program(source)
    assert found is not None
    fresh = re.compile(source)
    other = ("3.99 another python", *found[1:])
    damaged = (*found[:4], b"\xff" * len(found[4]), *found[5:])
    wrong_source = (found[0], "zz", *found[2:])
    for program in (found, other, damaged, wrong_source, None):
        _same_pattern(datacache.compile_program(source, 0, program), fresh, ["ab cd abx"])
    assert datacache.program("(unbalanced") is None
    with pytest.raises(re.error):
        datacache.compile_program("(unbalanced", 0, None)


def test_without_cpythons_regex_engine_patterns_compile_as_usual(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    found = datacache.program("ab+c")
    monkeypatch.setattr(datacache, "_sre", None)
    datacache._runtime.cache_clear()
    try:
        assert datacache.program("ab+c") is None
        assert datacache.compile_program("ab+c", 0, found) == re.compile("ab+c")
    finally:
        monkeypatch.undo()
        datacache._runtime.cache_clear()
    assert datacache.program("ab+c") == found
