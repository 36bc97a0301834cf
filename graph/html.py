"""HTML page → the visible text of the resolution.

The EP's page (europarl.europa.eu/doceo/document/TA-…_XX.html) wraps the
resolution in navigation ("Index / Previous / Next / Full text"), a procedure box
("Procedure : 2021/2544(RSP)", "Texts adopted : …", "PDF 146kWORD 61k") and a page
footer ("Last updated: …, Legal notice"). We render the visible text (block
elements on their own lines, table cells side by side so "–" and "having regard
to" stay together, footnote references as printed: ``Kazakhstan(1)``), then keep
the part from the resolution's title block to the end of its footnotes.
Finding where that is uses only the language profiles' data.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from .lang import all_profiles
from .meta import LOCAL_ID, PROCEDURE, is_boilerplate

__all__ = ["html_to_text", "visible_text", "trim_to_resolution"]

_BLOCK = {
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "caption",
    "dd",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "tbody",
    "thead",
    "tfoot",
    "tr",
    "ul",
    "body",
    "html",
}
_CELL = {"td", "th"}
_HIDDEN = {
    "script",
    "style",
    "noscript",
    "template",
    "head",
    "svg",
    "iframe",
    "object",
    "select",
    "button",
}
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_WS = re.compile(r"[ \t\r\n\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_LEAD = re.compile(r"^\s*(?:[-–—•·‒―−\uf020-\uf0ff]\s*)?")
_BARE_LABEL = re.compile(r"^(?:[-–—•·‒―−\uf020-\uf0ff]|[^\W\d_a-z]{1,3}\.|\d{1,3}\.|\(\d{1,3}\))$")


class _Visible(HTMLParser):
    """Collects visible text; one output line per block element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.current: list[str] = []
        self.hidden = 0
        self.sup: list[str] | None = None
        self.lists: list[list[str | int]] = []  # [type, next number] of each open ol/ul

    def _break(self) -> None:
        line = _WS.sub(" ", "".join(self.current)).strip()
        if line:
            self.lines.append(line)
        self.current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self.hidden += 1
        elif self.hidden:
            return
        elif tag in _BLOCK:
            self._break()
            if tag in ("ol", "ul"):
                self._open_list(tag, dict(attrs))
            elif tag == "li" and self.lists:
                self.current.append(self._item_label())
        elif tag in _CELL:
            self.current.append(" ")
        elif tag == "sup":
            self.sup = []

    def _open_list(self, tag: str, attrs: dict[str, str | None]) -> None:
        kind = (attrs.get("type") or ("1" if tag == "ol" else "-")) if tag == "ol" else "-"
        try:
            first = int(attrs.get("start") or 1)
        except ValueError:
            first = 1
        self.lists.append([kind, first])

    def _item_label(self) -> str:
        """What a browser draws before a list item: "1. ", "A. ", "– "."""
        kind, number = self.lists[-1]
        assert isinstance(number, int)
        self.lists[-1][1] = number + 1
        if kind == "1":
            return f"{number}. "
        if kind in ("A", "a") and 1 <= number <= 26:
            letter = chr(ord("A") + number - 1)
            return f"{letter if kind == 'A' else letter.lower()}. "
        return "– "

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self.hidden and tag in _BLOCK:
            self._break()

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif self.hidden:
            return
        elif tag in _BLOCK:
            self._break()
            if tag in ("ol", "ul") and self.lists:
                self.lists.pop()
        elif tag in _CELL:
            self.current.append(" ")
        elif tag == "sup" and self.sup is not None:
            content = "".join(self.sup).strip()
            self.sup = None
            at_start = not "".join(self.current).strip()
            if content.isdigit():
                # a bare superscript number: "(1) " opening a footnote, "¹" in running text
                self.current.append(
                    f"({content}) " if at_start else content.translate(_SUPERSCRIPT)
                )
            else:
                self.current.append(content)

    def handle_data(self, data: str) -> None:
        if self.hidden:
            return
        if self.sup is not None:
            self.sup.append(data)
        else:
            self.current.append(data)

    def close(self) -> None:
        super().close()
        self._break()


def visible_text(markup: str) -> str:
    """The page's visible text, one block per line."""
    parser = _Visible()
    parser.feed(markup)
    parser.close()
    lines: list[str] = []
    for line in parser.lines:
        if lines and _BARE_LABEL.match(lines[-1]):
            lines[-1] = f"{lines[-1]} {line}"  # "–" or "1." in a cell or paragraph of its own
        else:
            lines.append(line)
    return "\n".join(lines)


def _is_citation(line: str) -> bool:
    lead = _LEAD.match(line)
    offset = lead.end() if lead else 0
    return any(p.citation_re.match(line, offset) for p in all_profiles())


def _has_title_formula(line: str) -> bool:
    return any(p.title_re.search(line) and not p.is_parliament(line) for p in all_profiles())


def _ends_with_procedure(line: str) -> bool:
    return bool(PROCEDURE.search(line)) and line.rstrip().endswith(")") and not is_boilerplate(line)


def trim_to_resolution(text: str) -> str:
    """Keep the text from the resolution's title block to the end of its footnotes.

    Left as it is when no citation is found (the segmenter will then say what is
    missing). The start is the long title, extended back over the local id and the
    short title just above it; the end is the page footer ("Last updated: …").
    """
    lines = text.split("\n")
    first = next((i for i, line in enumerate(lines) if _is_citation(line)), -1)
    if first < 0:
        return text
    title = next((i for i in range(first - 1, -1, -1) if _has_title_formula(lines[i])), -1)
    if title < 0:
        title = next((i for i in range(first - 1, -1, -1) if _ends_with_procedure(lines[i])), -1)
    start = title if title >= 0 else 0
    if title >= 0:
        taken_title = False
        for index in range(title - 1, max(-1, title - 5), -1):
            line = lines[index].strip()
            if not line:
                continue
            if LOCAL_ID.search(line) and len(LOCAL_ID.sub("", line).strip()) < 20:
                start = index
                continue
            if (
                taken_title
                or is_boilerplate(line)
                or re.search(r"\d{4}\s*[-–]\s*\w", line)
                or line.endswith(":")
            ):
                break
            start = index
            taken_title = True
    footers = [p.footer_re for p in all_profiles() if p.footer_re is not None]
    end = len(lines)
    for index in range(first, len(lines)):
        if any(f.match(lines[index]) for f in footers):
            end = index
            break
    return "\n".join(lines[start:end]).strip("\n") + "\n"


def html_to_text(markup: str) -> str:
    """An HTML page → the visible text of the resolution it carries."""
    return trim_to_resolution(visible_text(markup))
