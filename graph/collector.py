"""When Python's cyclic garbage collector may skip its work, and why that is safe.

Reference counting frees almost everything a build allocates; the cyclic collector
exists for the rest (objects in reference cycles). During one document's analysis it
found nothing to free yet traced the document's ~100,000 young objects again and
again: ~10 ms of a batch worker's ~70 ms a document. At a process's exit the
interpreter's last collections trace every long-lived structure (the cue data, the
gazetteer, the caches): ~30 ms of a fresh ``epkg build`` of ~200.

So the collector pauses while one document is built (whatever cycles that leaves are
collected once it resumes, so memory stays bounded by one document), and the CLI
freezes the heap just before exit (frozen objects are still freed, by reference
counting, as the interpreter tears down; only the tracing is skipped).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["paused", "freeze_at_exit"]


@contextmanager
def paused() -> Iterator[None]:
    """Pause the cyclic collector for one document's work; nested pauses are fine."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def freeze_at_exit() -> None:
    """Registered with :mod:`atexit`: atexit handlers run before the interpreter's
    final collections, which then skip every object alive at that moment."""
    gc.freeze()
