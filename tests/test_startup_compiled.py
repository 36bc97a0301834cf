"""What a module compiles at import (its regexes, the methods ``@dataclass`` generates)
comes from the data cache in a fresh process (graph.model.Compiled): it must be what
``re.compile`` and ``dataclasses.dataclass`` would have made, on a hit as on a miss."""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import json
import os
import re
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from graph.model import Compiled, cached_dataclass

ROOT = Path(__file__).resolve().parent.parent
MODULES = (
    "graph.model", "graph.lang", "graph.footnotes", "graph.walker", "graph.meta", "graph.read"
)  # fmt: skip
METHODS = ("__init__", "__repr__", "__eq__", "__hash__", "__setattr__", "__delattr__")


def _patterns(module: str) -> dict[str, re.Pattern[str]]:
    found = vars(importlib.import_module(module)).items()
    return {name: value for name, value in found if isinstance(value, re.Pattern)}


def _classes(module: str) -> dict[str, type]:
    found = vars(importlib.import_module(module)).items()
    return {
        name: value
        for name, value in found
        if dataclasses.is_dataclass(value)
        and isinstance(value, type)
        and value.__module__ == module
    }


def _closure(function: Any) -> list[Any]:
    """The values a generated method closes over; a class by its name (a rebuilt class
    is another object)."""
    cells = [cell.cell_contents for cell in function.__closure__ or ()]
    return [value.__qualname__ if isinstance(value, type) else value for value in cells]


def _method_differences(made: type, plain: type) -> list[str]:
    """Where the generated methods of two dataclasses differ (empty: they are the same)."""
    differences = []
    for name in METHODS:
        ours, theirs = made.__dict__.get(name), plain.__dict__.get(name)
        if (ours is None) != (theirs is None):
            differences.append(f"{name}: present in one only")
            continue
        if ours is None or ours is object.__hash__:
            continue
        ours, theirs = inspect.unwrap(ours), inspect.unwrap(theirs)
        for attribute in ("__code__", "__defaults__", "__kwdefaults__", "__annotations__"):
            if getattr(ours, attribute) != getattr(theirs, attribute):
                differences.append(f"{name}.{attribute}")
        if _closure(ours) != _closure(theirs):
            differences.append(f"{name}: closure")
    for attribute in ("__dataclass_params__", "__match_args__", "__slots__"):
        if repr(getattr(made, attribute, None)) != repr(getattr(plain, attribute, None)):
            differences.append(attribute)
    return differences


def _rebuilt(cls: type) -> type:
    """The class as ``dataclasses.dataclass`` itself makes it from the same fields."""
    params = cls.__dataclass_params__  # type: ignore[attr-defined]
    specs: list[tuple[str, Any, Any]] = []
    for spec in dataclasses.fields(cls):
        options = {
            "default": spec.default,
            "default_factory": spec.default_factory,
            "repr": spec.repr,
            "hash": spec.hash,
            "compare": spec.compare,
        }
        kept = {k: v for k, v in options.items() if v is not dataclasses.MISSING}
        specs.append((spec.name, spec.type, dataclasses.field(**kept)))
    return dataclasses.make_dataclass(
        cls.__name__,
        specs,
        frozen=params.frozen,
        slots="__slots__" in cls.__dict__,
        namespace={"__module__": cls.__module__, "__qualname__": cls.__qualname__},
    )


def test_collects_the_patterns_and_classes() -> None:
    assert sum(len(_patterns(m)) for m in MODULES) >= 35
    assert sum(len(_classes(m)) for m in MODULES) >= 16


@pytest.mark.parametrize("module", MODULES)
def test_patterns_are_those_re_compile_makes(module: str) -> None:
    for name, pattern in _patterns(module).items():
        # Pattern equality compares the source, the flags and the compiled code
        assert pattern == re.compile(pattern.pattern, pattern.flags), name


@pytest.mark.parametrize("module", MODULES)
def test_methods_are_those_dataclass_generates(module: str) -> None:
    for name, cls in _classes(module).items():
        assert _method_differences(cls, _rebuilt(cls)) == [], name


_CHILD = """
import json, sys
sys.path.insert(0, sys.argv[1])
sys.path.insert(0, sys.argv[2])
import test_startup_compiled as t
out = {}
for module in sys.argv[3:] or t.MODULES:
    __import__(module)
    compiled = vars(sys.modules[module])["_COMPILED"]
    out[module] = {
        "hit": compiled.hit,
        "patterns": [
            n for n, p in t._patterns(module).items() if p != t.re.compile(p.pattern, p.flags)
        ],
        "methods": {
            n: t._method_differences(c, t._rebuilt(c)) for n, c in t._classes(module).items()
        },
        "counts": [len(t._patterns(module)), len(t._classes(module))],
    }
print(json.dumps(out))
"""


def fresh_process(cache: Path, modules: Sequence[str] = ()) -> dict[str, Any]:
    """Import ``modules`` (default: MODULES) in a fresh process whose data cache is
    ``cache``, and compare what each compiled with what ``re`` and ``@dataclass`` make:
    module → hit, differing patterns, differing methods, (pattern, class) counts."""
    env = dict(os.environ, EPKG_CACHE_DIR=str(cache))
    env.pop("EPKG_NO_CACHE", None)
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(ROOT), str(ROOT / "tests"), *modules],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def test_a_fresh_process_gets_the_same_from_the_cache(tmp_path: Path) -> None:
    first, second = fresh_process(tmp_path), fresh_process(tmp_path)
    for module in MODULES:
        assert first[module]["hit"] is False, module  # an empty cache: compiled, then saved
        assert second[module]["hit"] is True, module  # what the first process saved
        for run in (first, second):
            assert run[module]["patterns"] == [], module
            assert all(d == [] for d in run[module]["methods"].values()), run[module]
    assert {p.name for p in tmp_path.iterdir()} >= {f"compiled-{m}.pickle" for m in MODULES}


def _define(compiled: Compiled) -> tuple[type, type, re.Pattern[str]]:
    @cached_dataclass(compiled, frozen=True, slots=True)
    class Frozen:
        name: str
        count: int = 0
        tags: tuple[str, ...] = ()

    @cached_dataclass(compiled)
    class Mutable:
        items: list[int] = dataclasses.field(default_factory=list)
        label: str | None = None

    return Frozen, Mutable, compiled.pattern(r"(?P<word>\w+)\s+\1", re.IGNORECASE)


def test_a_cache_hit_makes_what_a_miss_makes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EPKG_CACHE_DIR", str(tmp_path))
    missed = Compiled("test-startup", __file__)
    assert missed.hit is False
    miss = _define(missed)
    missed.save()
    found = Compiled("test-startup", __file__)
    assert found.hit is True
    hit = _define(found)
    for ours, made in zip(hit[:2], miss[:2], strict=True):
        assert _method_differences(ours, made) == []
        assert _method_differences(ours, _rebuilt(ours)) == []
    assert hit[2] == miss[2] == re.compile(r"(?P<word>\w+)\s+\1", re.IGNORECASE)
    frozen = hit[0]("a", 2)
    assert frozen == hit[0]("a", 2) and frozen != hit[0]("a", 3)
    assert repr(frozen).endswith("Frozen(name='a', count=2, tags=())")
    with pytest.raises(dataclasses.FrozenInstanceError):
        frozen.count = 3  # type: ignore[misc]
    assert hash(frozen) == hash(("a", 2, ()))
    assert hit[1]().items == [] and hit[1]() == hit[1]()


def test_dataclasses_is_left_as_it_was() -> None:
    """The stand-in for ``exec`` is only in place while a class is being made."""
    assert "exec" not in vars(dataclasses)
