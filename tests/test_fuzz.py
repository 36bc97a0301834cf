"""Fuzzing the reader, the segmenter and the extractors with hypothesis.

Whatever the input — random text, random bytes, the sample with lines deleted, blocks
swapped, footnotes doubled, cut at any point, a web page with pieces of markup torn
out — the pipeline either works or raises one of our typed errors (the EpkgError
family), never anything else; and what it returns holds together:

* every unit's and footnote's pieces lie inside the source text, and each piece's
  clean characters are the source's (white space folded to one space);
* unit and footnote ids are unique (they become IRIs);
* every mention's offsets are inside its unit's text and ``text[start:end] == surface``,
  and so are the mentions gathered by the resolved entities;
* the RDF build of what was found does not fail either.

The budget is fixed (``derandomize=True``, a set number of examples) so CI time is
bounded and a failure is reproducible.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.errors import EpkgError
from graph.model import Document, Piece
from graph.read import read_bytes

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = (ROOT / "examples" / "TA-9-2021-0056-ro.txt").read_text(encoding="utf-8")
WEB_PAGE = (ROOT / "tests" / "fixtures" / "structure" / "TA-9-2021-0082_EN.html").read_text(
    encoding="utf-8"
)
EN_PDF = (ROOT / "tests" / "fixtures" / "structure" / "en-pdf.txt").read_text(encoding="utf-8")

BUDGET = {"deadline": None, "derandomize": True, "database": None,
          "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large]}


def _check_pieces(owner: str, clean: str, pieces: tuple[Piece, ...], source: str) -> None:
    for piece in pieces:
        assert piece.length > 0, (owner, piece)
        assert piece.source_start >= 0 and piece.source_start + piece.length <= len(source)
        assert piece.clean_start >= 0 and piece.clean_start + piece.length <= len(clean)
        got = clean[piece.clean_start : piece.clean_start + piece.length]
        want = source[piece.source_start : piece.source_start + piece.length]
        for c, s in zip(got, want, strict=True):
            assert c == s or (c == " " and s.isspace()), (owner, got, want)


def check_document(document: Document) -> None:
    source = document.source.text
    ids = [u.id for u in document.units] + [f.id for f in document.footnotes]
    assert len(ids) == len(set(ids)), f"duplicate ids: {sorted(i for i in ids if ids.count(i) > 1)}"
    for unit in document.units:
        _check_pieces(unit.id, unit.text, unit.pieces, source)
        for note in unit.footnotes:
            assert note in ids
        if unit.parent is not None:
            assert unit.parent in ids
    for footnote in document.footnotes:
        _check_pieces(footnote.id, footnote.text, footnote.pieces, source)
        assert footnote.unit in ids


def run_pipeline(data: bytes, media_type: str | None = None) -> None:
    """read → segment → extract → resolve → RDF; only typed errors may escape."""
    from graph.extract import extract
    from graph.rdf import build_quads
    from graph.resolve import resolve
    from graph.segment import segment

    try:
        source = read_bytes(data, "fuzz.txt", media_type)
        document = segment(source)
    except EpkgError:
        return
    check_document(document)
    texts = dict(document.contexts())
    try:
        mentions = extract(document)
        analysis = resolve(document, mentions)
        build_quads(analysis)
    except EpkgError:
        return
    for mention in list(mentions) + [m for e in analysis.entities for m in e.mentions]:
        text = texts[mention.unit]
        assert 0 <= mention.start < mention.end <= len(text), mention
        assert text[mention.start : mention.end] == mention.surface, mention


# ---- random text and bytes -----------------------------------------------------------

# Words and marks that make the segmenter and the extractors take their branches.
_PIECES = [
    "având în vedere ", "întrucât ", "having regard to ", "whereas ", "– ", "A. ", "B. ",
    "1. ", "2. ", "3. ", "¹", "²", "(1)", "(2) ", "JO C 23, 21.1.2021, p. 83", "OJ L 1, ",
    "Parlamentul European,", "Rezoluția Parlamentului European din 11 februarie 2021 ",
    "P9_TA(2021)0056", "(2021/2544(RSP))", "Comisia ", "Consiliul ", "solicită ",
    "calls on ", "Mr ", "Ion Popescu ", "Legea privind ", "articolul 174 din Codul penal ",
    "Kazahstan", "ONU", "(APCC)", "\n", "\n\n", "\f", "\r\n", " ", ";", ".", ",", "-",
    "\u00a0", "\u2028", "\t", "ș", "ş", "«", "»", "„", "”",
]


@settings(max_examples=150, **BUDGET)
@given(st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=12)), max_size=60))
def test_random_text(parts: list[str]) -> None:
    run_pipeline("".join(parts).encode("utf-8", "surrogatepass"))


@settings(max_examples=150, **BUDGET)
@given(st.binary(max_size=400))
def test_random_bytes(data: bytes) -> None:
    run_pipeline(data)


@settings(max_examples=60, **BUDGET)
@given(st.binary(max_size=64), st.sampled_from(["utf-8", "utf-16", "cp1250", "latin-1"]))
def test_the_sample_with_binary_garbage(garbage: bytes, encoding: str) -> None:
    text = SAMPLE[:3000] if encoding != "utf-16" else SAMPLE[:1500]
    data = text.encode(encoding, "replace")
    run_pipeline(data[: len(data) // 2] + garbage + data[len(data) // 2 :])


# ---- mutations of real resolutions ----------------------------------------------------


@st.composite
def mutated(draw: st.DrawFn, text: str) -> str:
    """The text with 1–4 mutations: lines deleted or doubled, blocks swapped, a line
    starting with a footnote marker doubled, a cut at a random point."""
    lines = text.split("\n")
    for _ in range(draw(st.integers(1, 4))):
        if not lines:
            break
        kind = draw(st.sampled_from(["delete", "double", "swap", "footnote", "cut", "join"]))
        i = draw(st.integers(0, len(lines) - 1))
        if kind == "delete":
            del lines[i : i + draw(st.integers(1, 5))]
        elif kind == "double":
            lines[i:i] = lines[i : i + draw(st.integers(1, 5))]
        elif kind == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            n = draw(st.integers(1, 8))
            a, b = sorted((i, j))
            if a + n <= b:
                lines = (
                    lines[:a] + lines[b : b + n] + lines[a + n : b] + lines[a : a + n]
                    + lines[b + n :]
                )
        elif kind == "footnote":
            notes = [k for k, line in enumerate(lines) if line[:1] and line[:1] in "¹²³⁴⁵("]
            if notes:
                k = draw(st.sampled_from(notes))
                lines.insert(draw(st.integers(0, len(lines))), lines[k])
        elif kind == "cut":
            joined = "\n".join(lines)
            lines = joined[: draw(st.integers(0, len(joined)))].split("\n")
        else:
            lines[i : i + 2] = [" ".join(lines[i : i + 2])]
    return "\n".join(lines)


@settings(max_examples=60, **BUDGET)
@given(mutated(SAMPLE))
def test_mutations_of_the_sample(text: str) -> None:
    run_pipeline(text.encode("utf-8"))


@settings(max_examples=25, **BUDGET)
@given(mutated(EN_PDF))
def test_mutations_of_an_english_pdf_text(text: str) -> None:
    run_pipeline(text.encode("utf-8"))


@st.composite
def torn_page(draw: st.DrawFn) -> str:
    """The EP web page with 1–3 chunks of markup torn out (tags cut in half)."""
    page = WEB_PAGE
    for _ in range(draw(st.integers(1, 3))):
        start = draw(st.integers(0, len(page)))
        end = min(len(page), start + draw(st.integers(1, 400)))
        page = page[:start] + page[end:]
    return page


@settings(max_examples=25, **BUDGET)
@given(torn_page())
def test_torn_web_pages(page: str) -> None:
    run_pipeline(page.encode("utf-8"), "text/html")


def test_the_unmutated_inputs_pass_the_checks() -> None:
    """The checks themselves bite on real documents (not only on refused inputs)."""
    from graph.read import read_bytes
    from graph.segment import segment

    for data, media in ((SAMPLE, None), (EN_PDF, None), (WEB_PAGE, "text/html")):
        document = segment(read_bytes(data.encode("utf-8"), "x", media))
        assert len(document.units) >= 8 and document.footnotes
        check_document(document)
        run_pipeline(data.encode("utf-8"), media)
