"""A per-user cache of what epkg derives from its own read-only data files.

Every fresh process would otherwise parse the same TOML files (gazetteer, cue
words, language profiles) with the pure-Python ``tomllib`` and rebuild the same
tries and word sets: ~100 ms of a ~200 ms build. :func:`cached` keeps the derived
value as a pickle in ``$EPKG_CACHE_DIR`` (else ``$XDG_CACHE_HOME/epkg``, else
``~/.cache/epkg``); ``EPKG_NO_CACHE=1`` turns it off.

The key is a hash of everything the value depends on: the data files' bytes, the
source bytes of the modules that derive it (editing the code invalidates it, so a
stale cache cannot outlive a fix), the epkg version and the Python version. A file
holds its key and a digest of its payload; one that is missing, truncated, corrupt,
written for another key, or not the user's own is ignored and replaced. The cache
is an optimisation only: no failure of it is ever an error, the value is computed
instead. Files are written atomically (:mod:`graph.atomic`), so processes writing
at once (a batch's workers) each rename a complete file into place and readers see
an old or a new one, never a mix.
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar, cast

from . import __version__

try:
    import _sre  # type: ignore[import-not-found]  # CPython's regex engine; no stub
except ImportError:  # another Python implementation: no regex programs
    _sre = None

if TYPE_CHECKING:
    import re

__all__ = [
    "cached",
    "cache_dir",
    "cache_key",
    "Program",
    "program",
    "compile_program",
    "DISABLE_ENV",
    "DIR_ENV",
]

#: Set to "1" to neither read nor write the cache.
DISABLE_ENV = "EPKG_NO_CACHE"
#: The cache folder (an empty value counts as unset, as XDG's variables do).
DIR_ENV = "EPKG_CACHE_DIR"

_PACKAGE = Path(__file__).resolve().parent
_PREFIX = str(_PACKAGE) + os.sep
_MAGIC = b"epkg-datacache 1\n"
_DIGEST_HEX = 64  # sha256
_HEADER = len(_MAGIC) + 2 * (_DIGEST_HEX + 1)
_PICKLE_PROTOCOL = 5

T = TypeVar("T")


def cache_dir() -> Path | None:
    """The cache folder, or None when the cache is turned off."""
    if os.environ.get(DISABLE_ENV, "") not in ("", "0"):
        return None
    explicit = os.environ.get(DIR_ENV)
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg and Path(xdg).is_absolute() else Path.home() / ".cache"
    return base / "epkg"


@cache
def _file_digest(path: Path) -> bytes:
    """The sha256 of one file (once per process: several caches share the gazetteer's)."""
    return hashlib.sha256(path.read_bytes()).digest()


def _label(path: Path) -> str:
    """The file's name inside the package: the same key for a checkout and a wheel."""
    name = str(path)
    if not name.startswith(_PREFIX):
        name = str(path.resolve())  # a syscall a folder: only for a path not yet absolute
    return name[len(_PREFIX) :].replace(os.sep, "/") if name.startswith(_PREFIX) else path.name


def cache_key(name: str, files: Iterable[Path]) -> str:
    """The hash of everything a cached value depends on (OSError if a file is missing).

    This module's own source is always part of it: a change of the file format
    invalidates every cache."""
    h = hashlib.sha256()
    for part in (name, __version__, sys.version, str(_PICKLE_PROTOCOL)):
        h.update(part.encode("utf-8") + b"\0")
    for path in sorted({Path(__file__), *files}, key=_label):
        h.update(_label(path).encode("utf-8") + b"\0" + _file_digest(path))
    return h.hexdigest()


def cached(name: str, files: Iterable[Path], compute: Callable[[], T]) -> T:
    """``compute()``, or the value a previous process computed with the same inputs.

    ``name`` names the cache file (one per name: a new key replaces the old file, so
    the folder never grows); ``files`` are every data file and module ``compute``
    reads. Errors of ``compute`` itself propagate; errors of the cache never do.
    """
    folder = cache_dir()
    if folder is None:
        return compute()
    try:
        key = cache_key(name, files)
    except OSError as exc:  # a source not shipped (a wheel without .py files)
        _debug(f"{name}: no key ({exc}); not cached")
        return compute()
    path = folder / f"{name}.pickle"
    found = _load(path, key)
    if found is not None:
        return cast(T, found[0])
    value = compute()
    _store(path, key, value)
    return value


def _load(path: Path, key: str) -> tuple[object] | None:
    """The cached value (in a 1-tuple: the value may itself be None), or None."""
    try:
        with path.open("rb") as handle:
            if hasattr(os, "getuid") and os.fstat(handle.fileno()).st_uid != os.getuid():
                _debug(f"{path}: not the user's own file; ignored")
                return None  # unpickling another user's file could run their code
            data = handle.read()
    except OSError:
        return None
    header = _MAGIC + key.encode("ascii") + b"\n"
    if not data.startswith(header) or len(data) < _HEADER:
        _debug(f"{path}: another key or format; recomputed")
        return None
    digest = data[len(header) : _HEADER - 1]
    payload = memoryview(data)[_HEADER:]
    if hashlib.sha256(payload).hexdigest().encode("ascii") != digest:
        _debug(f"{path}: truncated or corrupt; recomputed")
        return None
    try:  # the C unpickler alone: pickle.py's import costs a fresh process ~1 ms more
        from _pickle import loads
    except ImportError:  # another Python implementation
        from pickle import loads
    try:
        return (loads(payload),)
    except Exception as exc:  # any unpickling failure (a class renamed...) means "recompute"
        _debug(f"{path}: unreadable ({exc!r}); recomputed")
        return None


def _store(path: Path, key: str, value: object) -> None:
    """Write the value beside its key; a failure (read-only folder, full disk) is ignored."""
    import pickle

    from .atomic import atomic_open
    from .errors import OutputError

    try:
        payload = pickle.dumps(value, protocol=_PICKLE_PROTOCOL)
        digest = hashlib.sha256(payload).hexdigest().encode("ascii")
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        with atomic_open(path, "wb") as handle:
            handle.write(_MAGIC + key.encode("ascii") + b"\n" + digest + b"\n" + payload)
    except (OSError, OutputError, pickle.PicklingError, TypeError, AttributeError) as exc:
        _debug(f"{path}: not written ({exc!r})")


def _debug(message: str) -> None:
    """A debug log line (logging is imported only when there is something to say)."""
    import logging

    logging.getLogger(__name__).debug("data cache: %s", message)


#: A regex compiled by CPython's pure-Python parser and compiler, kept to skip them:
#: (runtime, source, flags asked, flags, code as bytes, groups - 1, groupindex, indexgroup).
Program = tuple[str, str, int, int, bytes, int, dict[str, int], tuple[str | None, ...]]


@cache
def _runtime() -> str:
    """What a program is valid for: this interpreter and its regex engine's code format."""
    if _sre is None:
        return ""
    return f"{sys.version}|{_sre.MAGIC}|{_sre.CODESIZE}|{sys.byteorder}"


def program(source: str, flags: int = 0) -> Program | None:
    """The compiled program of ``re.compile(source, flags)``, to cache with derived data.

    Compiling the ~150 long alternations of cue words and language profiles is most
    of the ~25 ms their regexes cost a fresh process; the C engine takes the result
    of that compilation as is. This relies on CPython internals (``re._parser``,
    ``re._compiler``, ``_sre.compile``), so it is confined to this function and
    :func:`compile_program`, bound to the exact interpreter, and ``None`` (compile
    as usual) on any surprise."""
    if not _runtime():
        return None
    try:
        from array import array
        from re import _compiler, _parser  # type: ignore[attr-defined]

        parsed = _parser.parse(source, flags)
        code = array("I", [int(op) for op in _compiler._code(parsed, flags)])
        groupindex = dict(parsed.state.groupdict)
        indexgroup: list[str | None] = [None] * parsed.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        return (
            _runtime(),
            source,
            int(flags),
            int(flags | parsed.state.flags),
            code.tobytes(),
            parsed.state.groups - 1,
            groupindex,
            tuple(indexgroup),
        )
    except Exception as exc:  # an interpreter whose internals differ: no program
        _debug(f"no regex program ({exc!r})")
        return None


def compile_program(source: str, flags: int, cached: Program | None) -> re.Pattern[str]:
    """``re.compile(source, flags)``, from ``cached`` when it is this interpreter's
    program of that very source; ``re.compile`` itself on any doubt or failure."""
    if cached is not None and cached[:3] == (_runtime(), source, int(flags)):
        try:
            from array import array

            code = array("I")
            code.frombytes(cached[4])
            pattern: re.Pattern[str] = _sre.compile(
                source, cached[3], code.tolist(), cached[5], cached[6], cached[7]
            )
            return pattern
        except Exception as exc:  # a damaged program: the engine refuses it
            _debug(f"regex program refused ({exc!r}); compiled")
    import re

    return re.compile(source, flags)
