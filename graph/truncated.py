"""Is a segmented resolution complete? Warnings for a text that looks cut short.

Truncated downloads and partial copies are common. We build what is there (every
unit found is real text of the resolution) and say, in one warning line, why the
text looks cut: a resolution always has an operative part (numbered paragraphs) and
always ends a sentence (its last paragraph forwards the resolution, with a full
stop). A cut exactly at the end of a sentence of the operative part cannot be seen
from the structure alone and passes without a warning.

The checks use punctuation and unit kinds only, so they hold in every language.
"""

from __future__ import annotations

import re

from .model import Document, UnitKind

__all__ = ["truncation_warnings"]

# A full stop, question or exclamation mark, or ellipsis (Latin, Greek, Armenian-free
# EU scripts), possibly followed by closing quotes or brackets.
_FINAL = re.compile(r"[.!?…;:][\"”»’)\]]*\s*$")
_FINAL_STOP = re.compile(r"[.!?…][\"”»’)\]]*\s*$")


def _tail(text: str, words: int = 6) -> str:
    parts = text.split()
    return ("… " if len(parts) > words else "") + " ".join(parts[-words:])


def truncation_warnings(document: Document) -> tuple[str, ...]:
    """Why the document looks truncated (empty when it does not), one line each."""
    origin = document.source.origin
    units = document.units
    if not units:
        return (f"{origin}: the text looks truncated: no citation, recital or paragraph "
                "could be read; built what is there",)
    found: list[str] = []
    if not any(u.kind is UnitKind.PARAGRAPH for u in units):
        found.append("it has no numbered paragraph (the operative part is missing)")
    last = units[-1]
    if not _FINAL_STOP.search(last.text):
        how = "ends mid-sentence" if not _FINAL.search(last.text) else "ends without a full stop"
        found.append(f"its last unit, {last.id}, {how} ({_tail(last.text)!r})")
    if not found:
        return ()
    return (f"{origin}: the text looks truncated: {'; '.join(found)}; built what is there",)
