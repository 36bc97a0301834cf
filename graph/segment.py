"""Segmentation: a resolution's text → citations, recitals, paragraphs, footnotes.

The text comes from a PDF (page breaks cut sentences, even names; footnote blocks
are printed mid-sentence at the foot of each page; markers ¹²³ restart on every
page) or from the EP's web page (markers glued like ``Kazakhstan(1)``, footnotes at
the end). We walk the lines once:

* a line opening with a citation marker ("– having regard to") starts a citation;
  ``A. whereas`` the next recital (letters in sequence); ``1.`` the next paragraph
  (numbers in sequence, so a continuation line beginning "2020. …" is not one);
* a line opening with a footnote marker ("¹ OJ C 23, …", "(1) OJ …") is a
  footnote block: it belongs to the earliest unresolved marker with that number
  printed before it on the same page, and is cut out of the running text;
* any other line continues the current unit — unless the current unit is a
  paragraph whose text already ends a sentence (``;``, ``.``, ``:``), in which case
  it is the paragraph's next *subparagraph*.

Subparagraphs (our choice, documented in the README): a paragraph with follow-on
blocks keeps its whole text (``para_5``) and gets one unit per block,
``para_5__subpara_1`` being its lead text and ``para_5__subpara_2`` the block
after it, each ``parent="para_5"``. A paragraph without follow-on blocks has no
subparagraph units. Footnotes are carried by the smallest unit holding the marker.

The clean text of a unit drops the label ("A.", "1.", the dash), the markers and
the footnote blocks, folds white space and joins the pieces a page break cut
(a name cut in two by a page end); :class:`~graph.model.Piece` records map it back to
``Source.text``. A truncated resolution gives the units that are there.
"""

from __future__ import annotations

from .clean import clean_text
from .errors import NotAResolutionError
from .footnotes import resolve_footnotes
from .lang import SUPPORTED, LanguageProfile, detect_language, load_profile
from .meta import parse_meta
from .model import Document, DocumentMeta, Footnote, Source, Unit, UnitKind
from .walker import _BARE_LABEL, _LEAD, _RECITAL, _UNIT_END, _Builder, _Walker

__all__ = ["segment", "clean_text", "structure_warnings"]


def _lines(text: str) -> list[tuple[int, int]]:
    result: list[tuple[int, int]] = []
    position = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n\u2028\u2029\x0b\x0c\x1c\x1d\x1e\x85")
        result.append((position, position + len(body)))
        position += len(line)
    return result


def _profile(source: Source, language: str | None) -> LanguageProfile:
    if language:
        return load_profile(language)
    code = detect_language(source.text)
    if not code:
        raise NotAResolutionError(
            f"{source.origin}: not a European Parliament resolution: found no citation "
            f"('having regard to' …) or recital ('whereas' …) in any of the supported "
            f"languages ({', '.join(SUPPORTED)})"
        )
    return load_profile(code)


def _cell_end(text: str, start: int, end: int) -> int:
    """The end of a line without a table cell's closing bar.

    Text copied from a table (the Official Journal's HTML on EUR-Lex) prints each
    cell on its own line ending in "|": "— |", "having regard to …, |", "A. |".
    """
    line = text[start:end].rstrip()
    if line.endswith("|") and (len(line) == 1 or line[-2].isspace() or line[:-1].strip() == ""):
        return start + len(line[:-1].rstrip())
    return end


def _wrapped(text: str, lines: list[tuple[int, int]]) -> bool:
    """True when the text keeps a PDF's visual lines (pdftotext) rather than one line per block.

    Then most lines stop mid-sentence and the next line follows without a blank line;
    with one line per block, a line stops mid-sentence only at a page break, and a
    blank line (or a footnote block) comes next.
    """
    run_on = 0
    for (start, end), (next_start, _next_end) in zip(lines, lines[1:], strict=False):
        adjacent = (
            not text[end:next_start].strip("\r\n\x0c") and text.count("\n", end, next_start) <= 1
        )
        if adjacent and not _UNIT_END.search(text[start:end].rstrip()):
            run_on += 1
    return run_on >= 3 and run_on > 0.3 * len(lines)


def _body_start(text: str, lines: list[tuple[int, int]], profile: LanguageProfile) -> int:
    for index, (start, end) in enumerate(lines):
        line = text[start:end]
        lead = _LEAD.match(line)
        if profile.citation_re.match(line, lead.end() if lead else 0):
            return _dashed_before(text, lines, index)
        recital = _RECITAL.match(line)
        if recital and profile.recital_re and profile.recital_re.match(line, recital.end()):
            return index
    return -1


def _dashed_before(text: str, lines: list[tuple[int, int]], index: int) -> int:
    """Back over dashed lines just above the first known citation: citations too.

    A resolution may open with a formula the profile does not list (a discharge's
    "– Atendendo às contas …", a typing error): the dash still says it is a citation.
    """
    first = index
    for back in range(index - 1, max(-1, index - 6), -1):
        start, end = lines[back]
        line = text[start:end]
        if not line.strip():
            continue
        lead = _LEAD.match(line)
        dashed = bool(lead and lead.group(0).strip())
        if not dashed or not any(c.isalpha() for c in line[lead.end() if lead else 0 :]):
            break
        first = back
    return first


def segment(source: Source, language: str | None = None) -> Document:
    """Split a resolution into its units and footnotes, with its title-block metadata.

    Raises NotAResolutionError when the text has no resolution structure
    (no citation or recital in the detected or given language).
    """
    profile = _profile(source, language)
    text = source.text
    lines = _lines(text)
    body = _body_start(text, lines, profile)
    if body < 0:
        raise NotAResolutionError(
            f"{source.origin}: not a European Parliament resolution: no citation "
            f"({profile.citation[0]!r} …) or recital ({(profile.recital or ('A.',))[0]!r} …) "
            f"found in {profile.name}"
        )
    header = [text[s:e] for s, e in lines[:body]]
    meta = parse_meta(header, profile)
    walker = _Walker(text, profile)
    body_lines = lines[body:]
    filled = [(s, e) for s, e in body_lines if text[s:e].strip()]
    walker.wrapped = _wrapped(text, filled)
    # "Thursday 11 February 2021" above the title, and again at the head of every page
    walker.repeated = {
        " ".join(h.split()) for h in header if profile.date_re.search(h) and len(h) <= 80
    }
    following_of = {
        filled[i][0]: text[filled[i + 1][0] : filled[i + 1][1]] for i in range(len(filled) - 1)
    }
    after_blank = False
    prefix = ""  # a label printed on a line of its own ("–", "A.", "1.", "(1)")
    for start, end in body_lines:
        end = _cell_end(text, start, end)
        line = text[start:end]
        if not line.strip():
            after_blank = after_blank or not prefix
            continue
        if not prefix and _BARE_LABEL.match(line) and following_of.get(start) is not None:
            prefix = line.strip() + " "
            continue
        glued = prefix + line.lstrip()
        use = prefix if prefix and walker.opens_something(glued) else ""
        offset = len(line) - len(line.lstrip()) if use else 0
        if not walker.line(start + offset, end, after_blank, following_of.get(start), use):
            break
        prefix = ""
        after_blank = False
    return _build(source, meta, walker, profile)


def _flatten(builders: list[_Builder]) -> list[_Builder]:
    ordered: list[_Builder] = []
    for builder in builders:
        ordered.append(builder)
        ordered.extend(builder.children)
    return ordered


def _unit_id(builder: _Builder) -> str:
    prefix = {UnitKind.CITATION: "cit", UnitKind.RECITAL: "rec", UnitKind.PARAGRAPH: "para"}
    if builder.parent is not None:
        return f"para_{builder.parent.label}__subpara_{builder.label}"
    return f"{prefix[builder.kind]}_{builder.label}"


def _build(
    source: Source, meta: DocumentMeta, walker: _Walker, profile: LanguageProfile
) -> Document:
    ordered = _flatten(walker.units)
    ids = {id(b): _unit_id(b) for b in ordered}
    resolved = resolve_footnotes(source.text, walker.blocks, walker.markers, ordered, ids, profile)
    skip = resolved.skip
    units: list[Unit] = []
    for ordinal, builder in enumerate(ordered, start=1):
        unit_id = ids[id(builder)]
        clean, pieces = clean_text(source.text, builder.spans, skip)
        units.append(
            Unit(
                id=unit_id,
                kind=builder.kind,
                label=builder.label,
                ordinal=ordinal,
                text=clean,
                pieces=pieces,
                parent=ids[id(builder.parent)] if builder.parent is not None else None,
                footnotes=resolved.by_unit.get(unit_id, ()),
            )
        )
    footnotes: tuple[Footnote, ...] = resolved.footnotes
    return Document(meta=meta, units=tuple(units), footnotes=footnotes, source=source)


def structure_warnings(document: Document) -> tuple[str, ...]:
    """What looks incomplete about a segmented resolution, as sentences for the user.

    ``segment`` builds what is there and stays silent; the caller decides whether to
    show these (the pipeline can put them in ``Analysis.warnings``).
    """
    warnings: list[str] = []
    units = [u for u in document.units if u.parent is None]
    kinds = {u.kind for u in units}
    origin = document.source.origin
    if UnitKind.PARAGRAPH not in kinds:
        warnings.append(f"{origin}: no numbered paragraphs found: the text may be truncated")
    if units and not _UNIT_END.search(units[-1].text):
        warnings.append(
            f"{origin}: the text ends in the middle of {units[-1].id}: it may be truncated"
        )
    warnings.extend(_unread_document(document))
    return tuple(warnings)


def _unread_document(document: Document) -> tuple[str, ...]:
    """A second resolution (or an annex with its own citations) after the one read.

    The walk ends at a second title banner, so a concatenation of resolutions would
    otherwise lose all but the first without a word.
    """
    text = document.source.text
    pieces = [p for u in document.units for p in u.pieces] + [
        p for f in document.footnotes for p in f.pieces
    ]
    end = max((p.source_start + p.length for p in pieces), default=0)
    rest = text[end:]
    if not rest.strip():
        return ()
    lines = _lines(rest)
    index = _body_start(rest, lines, load_profile(document.meta.language))
    if index < 0:
        return ()
    line = text.count("\n", 0, end + lines[index][0]) + 1
    return (
        f"{document.source.origin}: {len(rest.strip())} characters after the end of the "
        f"resolution were not read (another resolution or an annex begins at line {line}); "
        "epkg reads one resolution per file",
    )
