"""Reading: a path, stdin or bytes → :class:`~graph.model.Source`.

Resolutions reach us as text extracted from the EP's PDF (UTF-8, sometimes with a
BOM, sometimes UTF-16 from Windows tools, sometimes a legacy single-byte encoding:
Romanian files really come in cp1250, ISO-8859-2 and ISO-8859-16), or as the EP's
HTML page. Legacy encodings cannot be told apart by validity — every byte decodes
in ISO-8859-2 — so we decode with each and keep the one whose text looks like a
European language (letters such as ă â î ș ț é ü, no control characters, no
typographic impossibilities); the text is kept as decoded (cp1250 gives ş ţ with a
cedilla: that is what the file says).

Anything that is not text is refused with a typed error naming the file and what
was expected, before it can reach the segmenter.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import sys
from pathlib import Path

from .errors import BinaryInputError, EmptyInputError, EncodingError, InputError
from .model import Compiled, Source

__all__ = ["read_path", "read_bytes", "decode"]

_COMPILED = Compiled(__name__, __file__)

_EXPECTED = (
    "expected the text of a European Parliament resolution (plain text or the EP's HTML page)"
)

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF file"),
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"PK\x03\x04", "a ZIP archive (or a Word/OpenDocument file)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ", "an xz archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"\x7fELF", "an executable"),
    (b"MZ", "an executable"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office file"),
    (b"{\\rtf", "an RTF file"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"RIFF", "a RIFF (audio/video/WebP) file"),
    (b"%!PS", "a PostScript file"),
)

_LEGACY = ("cp1250", "iso-8859-2", "iso-8859-16", "cp1252")
_GOOD = set("ăâîșțşţĂÂÎȘȚŞŢ")
_LETTERS = set(
    "éèêëàáäçôöüûùúíóőűčřšžěůýłąęśźżćńľĺŕďťňßãõñòìïÉÈÀÁÄÇÖÜÚÍÓŐŰČŘŠŽĚŮÝŁĄĘŚŹŻĆŃĽĹŔĎŤŇÑ„”“–—’‘«»°"
)
_CONTROL = _COMPILED.pattern(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_ODD = set("¤¦¨¬¯±´¶·¸¹²³¼½¾¿×÷ÐÞðþµ¡¢£¥ªº")
_TAG = _COMPILED.pattern(r"<(?:[a-zA-Z][a-zA-Z0-9]*|!--|/[a-zA-Z])[\s>/]")
_HTML = _COMPILED.pattern(
    r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|div|p|table)[\s>/]",
    re.IGNORECASE | re.DOTALL,
)


def _binary_kind(data: bytes) -> str | None:
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    return None


def _score(text: str) -> tuple[int, int]:
    """How much a decoding looks like European text (higher is better).

    C1 control characters come first: real text never has them, so a decoding that
    yields one (ISO-8859-x reading cp1250's „ ” – …) loses to any that does not.
    """
    controls = 0
    score = 0
    for char in text:
        if char < "\x80":
            continue
        if char in "șțȘȚ":
            score += 2
        elif char in _GOOD or char in _LETTERS:
            score += 1
        elif char in _ODD:
            score -= 3
        elif "\x80" <= char <= "\x9f":
            controls += 1
    return -controls, score


def _utf16_without_bom(data: bytes) -> str | None:
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even_nul = sample[0::2].count(0) / len(sample[0::2])
    odd_nul = sample[1::2].count(0) / len(sample[1::2])
    if odd_nul > 0.3 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.3 and odd_nul < 0.05:
        return "utf-16-be"
    return None


def decode(data: bytes, origin: str) -> tuple[str, str]:
    """Bytes → (text, encoding name); typed errors for binary or undecodable input."""
    for bom, name in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32")):
        if data.startswith(bom) and len(data) % 4 == 0:
            try:
                return data.decode(name), name
            except UnicodeDecodeError:
                break
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise EncodingError(
                f"{origin}: starts with a UTF-8 byte-order mark but is not valid UTF-8 "
                f"({exc.reason} at byte {exc.start + 3}); {_EXPECTED}"
            ) from None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise EncodingError(
                f"{origin}: starts with a UTF-16 byte-order mark but is not valid UTF-16 "
                f"({exc.reason}); {_EXPECTED}"
            ) from None
    kind = _binary_kind(data)
    if kind is not None:
        raise BinaryInputError(
            f"{origin}: this is {kind}, not text; {_EXPECTED} "
            "(extract the PDF's text first, e.g. with pdftotext)"
        )
    bare16 = _utf16_without_bom(data)
    if bare16 is not None:
        try:
            return data.decode(bare16), bare16
        except UnicodeDecodeError:
            pass
    if b"\x00" in data[:65536]:
        raise BinaryInputError(
            f"{origin}: contains NUL bytes, so it is binary, not text; {_EXPECTED}"
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return text, "utf-8"
    best: tuple[tuple[int, int], str, str] | None = None
    for name in _LEGACY:
        try:
            candidate = data.decode(name)
        except UnicodeDecodeError:
            continue
        score = _score(candidate)
        if best is None or score > best[0]:
            best = (score, name, candidate)
    if best is None or _mostly_non_ascii(best[2]):
        # European text in a single-byte code page is mostly ASCII; text that is not
        # is in an encoding we do not read (Greek or Cyrillic code pages, GBK, Shift-JIS…)
        raise EncodingError(
            f"{origin}: not valid UTF-8 or UTF-16, and not European text in cp1250, "
            f"ISO-8859-2 or ISO-8859-16; {_EXPECTED} (save it as UTF-8)"
        )
    return best[2], best[1]


def _mostly_non_ascii(text: str) -> bool:
    letters = [c for c in text[:65536] if not c.isspace() and not c.isdigit()]
    if not letters:
        return False
    return sum(1 for c in letters if c >= "\x80") > 0.3 * len(letters)


def _check_text(text: str, origin: str) -> None:
    if not text.strip():
        raise EmptyInputError(f"{origin}: the input holds no text; {_EXPECTED}")
    sample = text[:65536]
    controls = len(_CONTROL.findall(sample))
    if controls > max(8, len(sample) // 100):
        raise BinaryInputError(
            f"{origin}: {controls} control characters in the first {len(sample)} characters: "
            f"binary data, not text; {_EXPECTED}"
        )


def read_bytes(data: bytes, origin: str, media_type: str | None = None) -> Source:
    """Decode bytes into a Source; HTML (detected by content, or by ``media_type``)
    becomes the visible text of the page from the resolution's title on."""
    if not data:
        raise EmptyInputError(f"{origin}: the input is empty; {_EXPECTED}")
    text, encoding = decode(data, origin)
    _check_text(text, origin)
    sha = hashlib.sha256(data).hexdigest()
    declared = (media_type or "").lower().startswith(("text/html", "application/xhtml"))
    is_html = bool(_HTML.match(text[:4096])) or (declared and bool(_TAG.search(text[:4096])))
    if is_html:
        from .html import html_to_text

        visible = html_to_text(text)
        if not visible.strip():
            raise EmptyInputError(f"{origin}: the HTML page has no visible text; {_EXPECTED}")
        return Source(
            text=visible, media_type="text/html", origin=origin, sha256=sha, encoding=encoding
        )
    return Source(text=text, media_type="text/plain", origin=origin, sha256=sha, encoding=encoding)


def read_path(path: str | os.PathLike[str]) -> Source:
    """Read a file, or stdin when ``path`` is ``-``."""
    if str(path) == "-":
        data = sys.stdin.buffer.read()
        return read_bytes(data, "<stdin>")
    origin = str(path)
    target = Path(path)
    if not target.exists():
        raise InputError(f"{origin}: no such file; {_EXPECTED}")
    if target.is_dir():
        raise InputError(f"{origin}: is a directory, not a file; {_EXPECTED}")
    try:
        data = target.read_bytes()
    except OSError as exc:
        raise InputError(f"{origin}: cannot be read ({exc.strerror or exc}); {_EXPECTED}") from None
    media_type = "text/html" if target.suffix.lower() in {".html", ".htm", ".xhtml"} else None
    return read_bytes(data, origin, media_type)


_COMPILED.save()
