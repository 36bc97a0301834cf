"""The line walker: one pass over a resolution's body, classifying each line.

A line opens a citation, a recital or a paragraph, is a footnote block (or the next
line of one), a section heading, page furniture, or the continuation of the unit
before it — or that paragraph's next subparagraph. :mod:`graph.segment` runs the
walker and turns what it gathered into the document model; the rules themselves
are explained in its docstring.
"""

from __future__ import annotations

import re
from dataclasses import field
from functools import cache

from .footnotes import FootnoteBlock, Marker, find_markers
from .lang import LanguageProfile, all_profiles, first_word, first_words, fold, folded
from .model import Compiled, UnitKind, cached_dataclass

_COMPILED = Compiled(__name__, __file__)

# dashes and bullets; U+F020…U+F0FF: a Symbol-font dash or bullet a PDF or Word copy keeps
_DASH = r"(?:[-–—•·‒―−\uf020-\uf0ff]\s*)"
_LEAD = _COMPILED.pattern(rf"^\s*{_DASH}?")
# A recital's letter: Latin A…Z, AA…, or another script's (Greek "Α.", "ΣΤ.", Cyrillic "Б.").
_RECITAL = _COMPILED.pattern(rf"^\s*{_DASH}?([^\W\d_]{{1,3}})\s?\.\s+(?=\S)")
_BARE_LABEL = _COMPILED.pattern(
    rf"^\s*(?:{_DASH}|[A-Z]{{1,2}}\s?\.|[^\W\d_a-z]{{1,3}}\.|\d{{1,3}}\s?\.|\(\d{{1,3}}\)|\[\d{{1,3}}\]|[⁰¹²³⁴⁵⁶⁷⁸⁹]+|\d{{1,3}})\s*$"
)  # a bare number: a footnote's lost superscript above its text, or a page number (dropped)
_PARAGRAPH = _COMPILED.pattern(r"^\s*(\d{1,3})\s?\.\s*(?=\S)")
# a footnote's text opens with a word, a number or a quotation; ", 15 March" after a
# marker is the running text that a page break separated from its marker
_SUP_FOOTNOTE = _COMPILED.pattern(
    r"^\s*([⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3})(?![⁰¹²³⁴⁵⁶⁷⁸⁹])\s*(?=[^\W_]|[\"„“«‘'(])"
)
_PAREN_FOOTNOTE = _COMPILED.pattern(r"^\s*(?:\((\d{1,3})\)|\[(\d{1,3})\])\s*(?=\S)")
# "1 OJ C 23, …": a footnote block whose superscript number the PDF's text lost
_PLAIN_FOOTNOTE = _COMPILED.pattern(r"^\s*(\d{1,2})\s+(?=[^\W\d_]|[\"„“«‘'])")
_PAGE_NUMBER = _COMPILED.pattern(
    r"^\s*(?:\d{1,3}\s*/\s*\d{1,3}|PE\s?\d{3}\.\d{3}(?:v\d+-\d+)?(?:\s*/\s*\d{1,3})?)\s*$"
)
# the PDF's page foot: "EN United in diversity EN", or the language code alone
_CODES = "BG|CS|DA|DE|EL|EN|ES|ET|FI|FR|GA|HR|HU|IT|LT|LV|MT|NL|PL|PT|RO|SK|SL|SV"
_MOTTO = _COMPILED.pattern(rf"^\s*({_CODES})(?:\s+[^\W\d][^.;:,]{{4,50}}?\s+\1)?\s*$")
# a text's own id on a line of its own: "P9_TA(2021)0056", "P9_TC1-COD(2018)0178"
_DOC_ID = _COMPILED.pattern(r"^\s*P\d{1,2}_T[AC]\d?(?:-PROV)?(?:-[A-Z]{3})?\(\d{4}\)\d{4}")
# an item of a list inside a unit: "– more transparency", "(a) to ensure", "b) to provide"
_LIST_ITEM = _COMPILED.pattern(rf"^(?:{_DASH}|\(?[a-z]{{1,3}}\)|\(\d{{1,2}}\))")
# the Official Journal's running head: "C 465/84 EN Official Journal … 17.11.2021", or
# "17.11.2021 EN Official Journal … C 465/85" (Hungarian dates read "2021.11.17.")
_OJ_PAGE = r"(?:C|L|CE|CA)\s?\d{1,3}\s?[A-Z]?/\d{1,4}"
_OJ_DATE = r"(?:\d{1,2}\.\d{1,2}\.\d{4}|\d{4}\.\d{1,2}\.\d{1,2}\.)"
_OJ_HEAD = _COMPILED.pattern(
    rf"^(?:{_OJ_PAGE}\s+(?:{_CODES})\s.+\s{_OJ_DATE}|{_OJ_DATE}\s+(?:{_CODES})\s.+\s{_OJ_PAGE})$"
)
_SENTENCE_END = _COMPILED.pattern(r"[.;:!?][\"”»’)\]]*\s*$")
_TRAILING_MARKERS = _COMPILED.pattern(r"(?:[⁰¹²³⁴⁵⁶⁷⁸⁹]+|\(\d{1,3}\)|\[\d{1,3}\])\s*$")
_UNIT_END = _COMPILED.pattern(r"[.;,!?:][\"”»’)\]]*$")
_HEADING_END = _COMPILED.pattern(r"[.;:,!?][\"”»’)\]]*\s*$")


@cached_dataclass(_COMPILED)
class _Builder:
    """A unit being assembled: its label and the source ranges of its content."""

    kind: UnitKind
    label: str
    spans: list[tuple[int, int]] = field(default_factory=list)
    parent: _Builder | None = None
    children: list[_Builder] = field(default_factory=list)


def _letter_value(label: str) -> int:
    value = 0
    for char in label:
        value = value * 26 + (ord(char) - ord("A") + 1)
    return value


def _next_letter(label: str | None) -> str:
    """A → B, Z → AA, AZ → BA: the EP's recital letters after Z."""
    if label is None:
        return "A"
    value = _letter_value(label) + 1
    letters = ""
    while value:
        value, rest = divmod(value - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _is_banner(line: str) -> bool:
    """An all-capitals line of words, without sentence punctuation: a heading like "ANNEX"."""
    stripped = line.strip()
    if len(stripped.split()) > 12:  # most lines: a sentence, not a heading
        return False
    cased = [c for c in stripped if c.isalpha()]
    return len(cased) >= 4 and all(c.isupper() for c in cased) and not _HEADING_END.search(stripped)


def _last_chunk(text: str, spans: list[tuple[int, int]]) -> str:
    for start, end in reversed(spans):
        chunk = _TRAILING_MARKERS.sub("", text[start:end].rstrip()).rstrip()
        if chunk:
            return chunk
    return ""


def _ends_sentence(text: str, spans: list[tuple[int, int]]) -> bool:
    return bool(_SENTENCE_END.search(_last_chunk(text, spans)))


def _ends_unit(text: str, spans: list[tuple[int, int]]) -> bool:
    """Ends as a unit does: a citation with a comma, a recital or paragraph with ; or ."""
    return bool(_HEADING_END.search(_last_chunk(text, spans)))


@cache
def _navigation_words() -> tuple[str, ...]:
    """The web page's navigation words of every language ("Home", "Print"), longest first."""
    return tuple(
        sorted({w.strip() for p in all_profiles() for w in p.navigation}, key=len, reverse=True)
    )


@cache
def _navigation_keys() -> tuple[frozenset[int], frozenset[str]]:
    """The words' lengths (a literal matches letter for letter) and folded forms."""
    words = _navigation_words()
    return frozenset(map(len, words)), frozenset(folded(w) for w in words)


@cache
def _navigation_pattern() -> re.Pattern[str]:
    return re.compile("|".join(re.escape(w) for w in _navigation_words()) or "(?!)", re.IGNORECASE)


def _is_navigation(stripped: str) -> bool:
    """A whole line that is a navigation word; the folded set answers most lines, so
    the pattern is compiled only for a page that has such a line."""
    lengths, folded = _navigation_keys()
    return (
        len(stripped) in lengths
        and fold(stripped) in folded
        and bool(_navigation_pattern().fullmatch(stripped))
    )


class _Walker:
    """One pass over the lines of the body, building units and footnote blocks."""

    def __init__(self, text: str, profile: LanguageProfile) -> None:
        self.text = text
        self.profile = profile
        self.units: list[_Builder] = []
        self.current: _Builder | None = None
        self.blocks: list[FootnoteBlock] = []
        self.markers: list[Marker] = []
        self.page_markers: list[Marker] = []  # markers since the last footnote group
        self.group_numbers: list[int] = []  # numbers of the footnote blocks of this group
        self.in_footnotes = False
        self.last_recital: str | None = None
        self.recital_labels: set[str] = set()
        self.next_paragraph = 1
        self.zone = "citations"
        self.wrapped = False  # lines are a PDF's visual lines, not whole blocks
        self.repeated: set[str] = set()  # dated title-block lines a PDF repeats on each page
        self.footers = [p for p in all_profiles() if p.page_footer]
        self.footer_words = tuple(w for p in self.footers for w in first_words(p.page_footer))

    def start(self, kind: UnitKind, label: str, content_start: int, end: int) -> None:
        builder = _Builder(kind, label)
        self.units.append(builder)
        self.current = builder
        self.add(builder, content_start, end)

    def add(self, builder: _Builder, start: int, end: int) -> None:
        builder.spans.append((start, end))
        if builder.parent is not None:
            builder.parent.spans.append((start, end))
        found = find_markers(self.text, start, end)
        self.markers.extend(found)
        self.page_markers.extend(found)

    def footnote(
        self, marker: str, number: int, content_start: int, end: int, line_start: int
    ) -> None:
        self.blocks.append(
            FootnoteBlock(
                marker, number, line_start, [(content_start, end)], tuple(self.page_markers)
            )
        )
        self.group_numbers.append(number)
        self.in_footnotes = True

    def _page_footer(self, line: str) -> bool:
        """A page footer of any language ("Europäisches Parlament 2019-2024 …").

        Only the languages whose footer's first word opens the line have their
        pattern compiled and tried: a PDF's text rarely needs any of the 24.
        """
        head = first_word(line)
        if not head.startswith(self.footer_words):
            return False
        return any(
            profile.footer_re is not None and profile.footer_re.match(line) is not None
            for profile in self.footers
            if any(head.startswith(w) for w in first_words(profile.page_footer))
        )

    def opens_something(self, line: str) -> bool:
        """True when ``line`` opens a unit or a footnote block."""
        if _SUP_FOOTNOTE.match(line) or _PAREN_FOOTNOTE.match(line):
            return True
        plain = _PLAIN_FOOTNOTE.match(line)
        if plain is not None and self._plain_pending(int(plain.group(1))):
            return True
        return self._starts_unit(line)

    def _plain_pending(self, number: int) -> bool:
        """A plain marker of that number printed on this page and not yet claimed."""
        pending = sum(1 for m in self.page_markers if m.plain and m.number == number)
        return pending > self.group_numbers.count(number)

    def line(
        self, start: int, end: int, after_blank: bool, following: str | None, prefix: str = ""
    ) -> bool:
        """Take one line; False when the page footer says the resolution is over.

        ``after_blank``: a blank line precedes it; ``following``: the next non-blank
        line (None at the end), to tell a section heading from a subparagraph.
        ``prefix``: a label printed on the line before, read as if it opened this one
        (offsets stay in the source: the content starts at ``start``).
        """
        line = prefix + self.text[start:end]
        start -= len(prefix)
        if self._page_footer(line):
            return False
        if _PAGE_NUMBER.match(line) or _MOTTO.match(line) or self._running_head(line):
            return True
        if self._footnote_line(line, start, end, after_blank):
            return True
        if (
            self.in_footnotes
            and not after_blank
            and not _ends_sentence(self.text, self.blocks[-1].spans)
            and not self._starts_unit(line)
        ):
            self.blocks[-1].spans.append(
                (start + len(line) - len(line.lstrip()), end)
            )  # a footnote's next line
            return True
        if self.in_footnotes:
            if self.blocks[-1].marker.startswith("(") and not self._starts_unit(line):
                return False  # a web page lists its footnotes last: what follows is the page's
            self.in_footnotes = False
            self.page_markers = []  # a new page: markers restart
            self.group_numbers = []
        if _is_navigation(line.strip()) or not any(c.isalnum() for c in line):
            return True  # page furniture, or a rule of "____" / "* * *" above the footnotes
        if self.zone == "paragraphs" and _is_banner(line) and not self._starts_unit(line):
            return False  # "ANNEX", a second "TEXTS ADOPTED": the resolution is over
        if self.zone == "paragraphs" and self._annex(line, after_blank):
            return False  # "Annex", "Annex to the resolution": the resolution is over
        if self.zone == "paragraphs" and _DOC_ID.match(line):
            return (
                False  # "P9_TC1-COD(2018)0178": the position that follows a legislative resolution
            )
        if self.zone == "paragraphs" and self._dated_footer(line):
            return False  # "Last updated: 12 February 2021" in a language without its words
        if self.zone == "paragraphs" and self._second_title(line, following):
            return False  # "2. European Parliament decision of …" / "The European Parliament,"
        if self.units and self.profile.is_parliament(line):
            return True  # "European Parliament" heading a PDF page
        if (
            self._recital(line, start, end)
            or self._paragraph(line, start, end)
            or self._citation(line, start, end)
        ):
            return True
        if self._heading(line, following, after_blank):
            return True
        self._continuation(line, start, end, after_blank)
        return True

    def _recital_label(self, line: str) -> re.Match[str] | None:
        """The match of a recital's letter opening ``line``, if it opens the next recital.

        The next letter in sequence is enough once recitals have begun (or when the
        language has no recital marker, as Swedish); any other capital-letter label
        (another script's, or the first "A.") needs the recital marker after it.
        """
        if self.zone == "paragraphs":
            return None
        match = _RECITAL.match(line)
        if match is None or not match.group(1).isupper() or match.group(1) in self.recital_labels:
            return None
        marker = self.profile.recital_re
        if marker is not None and marker.match(line, match.end()):
            return match
        in_sequence = match.group(1) == _next_letter(self.last_recital)
        if in_sequence and (self.last_recital is not None or marker is None):
            return match
        return None

    def _starts_unit(self, line: str) -> bool:
        if self._recital_label(line) is not None:
            return True
        paragraph = _PARAGRAPH.match(line)
        if paragraph and int(paragraph.group(1)) == self.next_paragraph:
            return True
        lead = _LEAD.match(line)
        return bool(self.profile.citation_re.match(line, lead.end() if lead else 0))

    def _running_head(self, line: str) -> bool:
        """The Official Journal's running head, repeated on every page of its PDF:
        "C 465/84 EN Official Journal of the European Union 17.11.2021" (or the other
        way round), and the sitting's day "Thursday 11 February 2021"."""
        stripped = " ".join(line.split())
        if len(stripped) > 120:
            return False
        return bool(_OJ_HEAD.match(stripped)) or stripped in self.repeated

    def _annex(self, line: str, after_blank: bool) -> bool:
        """An annex heading standing apart after a paragraph that ended its sentence.

        In visual-line text a paragraph's next line may begin "Annex I to Regulation …",
        so there it must follow a blank line.
        """
        if self.current is None or not self.profile.is_annex(line):
            return False
        if self.wrapped and not after_blank:
            return False
        return _ends_sentence(self.text, self.current.spans)

    def _dated_footer(self, line: str) -> bool:
        """A web page's "<a few words>: <date>" line ("Last updated: …") after the text."""
        head, colon, rest = line.strip().partition(":")
        if not colon or len(line) > 80 or not 1 <= len(head.split()) <= 4:
            return False
        if not head[:1].isalpha() or _SENTENCE_END.search(line):
            return False
        date = self.profile.date_re.match(rest.strip())
        return date is not None and not rest.strip()[date.end() :].strip(" .")

    def _second_title(self, line: str, following: str | None) -> bool:
        """The title block of a second text on the page (a discharge's decision, then its
        resolution): a title formula followed by "The European Parliament,", or that line."""
        if self.profile.is_parliament(line):
            # "The European Parliament," opening a body — not a PDF's page head "European
            # Parliament" without its comma
            stripped = line.strip()
            return stripped.endswith((",", ":")) or len(stripped.split()) >= 3
        if following is None or not self.profile.is_parliament(following):
            return False
        numbered = _PARAGRAPH.match(line)
        title = self.profile.title_re.search(line)
        return title is not None and title.start() <= (numbered.end() if numbered else 0) + 1

    def _heading(self, line: str, following: str | None, after_blank: bool = False) -> bool:
        """A section heading between units ("General remarks"): not part of any unit.

        It ends no sentence, follows a unit that does, and a new unit comes next — or,
        with one line per block, another such heading ("Part I" / "General remarks" /
        "1. …"). An item of a list ("– more transparency") after a colon is no heading.
        """
        if self.current is None or following is None or not self._heading_like(line):
            return False
        last = _last_chunk(self.text, self.current.spans)
        if not _ends_unit(self.text, self.current.spans) or last.endswith(":"):
            return False
        if self._starts_unit(following):
            return True
        stands_apart = after_blank or not self.wrapped
        return (
            stands_apart and self._heading_like(following) and not following.lstrip()[:1].islower()
        )

    @staticmethod
    def _heading_like(line: str) -> bool:
        stripped = line.strip()
        if not stripped or len(stripped) > 200 or _HEADING_END.search(stripped):
            return False
        return not _LIST_ITEM.match(stripped)

    def _footnote_line(self, line: str, start: int, end: int, after_blank: bool = True) -> bool:
        match = _SUP_FOOTNOTE.match(line)
        if match is not None:
            sup = match.group(1)
            number = int(sup.translate(str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")))
            self.footnote(sup, number, start + match.end(), end, start)
            return True
        match = _PAREN_FOOTNOTE.match(line)
        if match is not None:
            number = int(match.group(1) or match.group(2))
            pending = any(m.number == number for m in self.page_markers)
            if pending and (
                self.zone == "paragraphs" or self.in_footnotes or self.profile.oj_re.search(line)
            ):
                self.footnote(line[: match.end()].strip(), number, start + match.end(), end, start)
                return True
        return self._plain_footnote_line(line, start, end, after_blank)

    def _plain_footnote_line(self, line: str, start: int, end: int, after_blank: bool) -> bool:
        """ "1 OJ C 23, …" under a page whose text printed "word1": a footnote block.

        A line may begin with a number in running text ("15 March 2021 the …"), so
        the number must be pending as a plain marker on this page, and the line must
        stand apart (after a blank line, among footnotes) or cite the Official Journal.
        """
        match = _PLAIN_FOOTNOTE.match(line)
        if match is None:
            return False
        number = int(match.group(1))
        if not self._plain_pending(number):
            return False  # no marker of that number left on this page
        if self.profile.date_re.match(line, len(line) - len(line.lstrip())):
            return False  # "2 March 2021 on …": a sentence a page break cut before its date
        if not (after_blank or self.in_footnotes or self.profile.oj_re.match(line, match.end())):
            return False
        self.footnote(match.group(1), number, start + match.end(), end, start)
        return True

    def _recital(self, line: str, start: int, end: int) -> bool:
        match = self._recital_label(line)
        if match is None:
            return False
        self.zone = "recitals"
        self.last_recital = match.group(1)
        self.recital_labels.add(match.group(1))
        self.start(UnitKind.RECITAL, match.group(1), start + match.end(), end)
        return True

    def _paragraph(self, line: str, start: int, end: int) -> bool:
        match = _PARAGRAPH.match(line)
        if match is None or int(match.group(1)) != self.next_paragraph:
            return False
        if self.next_paragraph == 1 and not self.units:
            return False  # a numbered line before any citation or recital is not a paragraph 1
        self.zone = "paragraphs"
        self.next_paragraph += 1
        self.start(UnitKind.PARAGRAPH, match.group(1), start + match.end(), end)
        return True

    def _citation(self, line: str, start: int, end: int) -> bool:
        if self.zone != "citations":
            return False
        lead = _LEAD.match(line)
        offset = lead.end() if lead else 0
        dashed = bool(lead and lead.group(0).strip())
        # a dashed line is a citation whatever its formula: after the first unit, or
        # opening the body (the segmenter starts it there only above a known citation)
        if not self.profile.citation_re.match(line, offset) and not dashed:
            return False
        count = sum(1 for u in self.units if u.kind is UnitKind.CITATION)
        self.start(UnitKind.CITATION, str(count + 1), start + offset, end)
        return True

    def _continuation(self, line: str, start: int, end: int, after_blank: bool) -> None:
        current = self.current
        if current is None:
            return  # title block leftovers ("The European Parliament,")
        paragraph = current.parent or current
        block_break = after_blank or not self.wrapped
        # where paragraphs open with a capital ("1. Calls on"), a block opening in lower
        # case after a ";" is the same sentence cut by a page break
        first = line.lstrip()[:1]
        lower_case_run_on = self.profile.capitalised and first.islower()
        if (
            paragraph.kind is UnitKind.PARAGRAPH
            and block_break
            and not lower_case_run_on
            and _ends_sentence(self.text, current.spans)
        ):
            if not paragraph.children:
                lead = _Builder(UnitKind.SUBPARAGRAPH, "1", list(paragraph.spans), paragraph)
                paragraph.children.append(lead)
            child = _Builder(UnitKind.SUBPARAGRAPH, str(len(paragraph.children) + 1), [], paragraph)
            paragraph.children.append(child)
            self.current = child
            self.add(child, start + len(line) - len(line.lstrip()), end)
            return
        self.add(current, start + len(line) - len(line.lstrip()), end)


_COMPILED.save()
