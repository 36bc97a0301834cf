"""English, web-page and other-language fixtures (tests/fixtures/structure/).

The same resolution as PDF text, as the EP's HTML page and as text copied from a
browser must give the same units, texts, footnotes and metadata.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from graph.errors import NotAResolutionError
from graph.model import Source, UnitKind
from graph.read import read_bytes, read_path
from graph.segment import segment

FIXTURES = Path(__file__).parent / "fixtures" / "structure"
FORMS = ["en-pdf.txt", "TA-9-2021-0082_EN.html", "en-browser.txt"]


def _shape(document):
    return (
        document.meta,
        [(u.id, u.kind, u.label, u.ordinal, u.parent, u.footnotes, u.text) for u in document.units],
        [(f.id, f.unit, f.text, f.oj_reference) for f in document.footnotes],
    )


@pytest.fixture(scope="module")
def english():
    return {name: segment(read_path(FIXTURES / name)) for name in FORMS}


def test_three_forms_collected(english):
    assert len(english) == 3


def test_english_structure(english):
    document = english["en-pdf.txt"]
    ids = [u.id for u in document.units]
    assert ids == [
        "cit_1",
        "cit_2",
        "cit_3",
        "cit_4",
        "cit_5",
        "rec_A",
        "rec_B",
        "rec_C",
        "rec_D",
        "rec_E",
        "para_1",
        "para_2",
        "para_3",
        "para_3__subpara_1",
        "para_3__subpara_2",
        "para_4",
        "para_5",
        "para_6",
    ]
    assert document.unit("cit_4").text.endswith(
        "European External Action Service of 2 March 2021 "
        "on the sentencing of activists in Ruritania,"
    )
    assert "Anna Kowalska, who was arrested" in document.unit("rec_C").text
    assert "whereas the amendments were adopted" in document.unit("rec_D").text
    assert document.unit("para_5").text.endswith("to visit detained activists;")
    assert document.unit("para_3__subpara_2").text.startswith("Calls, in this regard")
    assert (
        document.unit("cit_5").text
        == "having regard to Rules 144(5) and 132(4) of its Rules of Procedure,"
    )
    assert [(f.id, f.unit) for f in document.footnotes] == [
        ("fn_1", "cit_1"),
        ("fn_2", "cit_1"),
        ("fn_3", "rec_B"),
    ]
    assert document.footnotes[0].oj_reference == "OJ C 171, 6.5.2021, p. 2"
    assert document.footnotes[2].oj_reference is None
    assert "Rapporteur described" in document.unit("rec_B").text


def test_english_metadata(english):
    meta = english["en-pdf.txt"].meta
    assert (meta.local_id, meta.doc_id, meta.date, meta.procedure, meta.language) == (
        "P9_TA(2021)0082",
        "TA-9-2021-0082",
        dt.date(2021, 3, 11),
        "2021/2577(RSP)",
        "en",
    )
    assert meta.title == "The situation of human rights defenders in Ruritania"
    assert meta.long_title.startswith("European Parliament resolution of 11 March 2021 on")


@pytest.mark.parametrize("name", FORMS[1:])
def test_web_forms_equal_the_pdf_text(english, name):
    assert _shape(english[name]) == _shape(english["en-pdf.txt"])


def test_html_page_text_starts_at_the_resolution(english):
    html = english["TA-9-2021-0082_EN.html"]
    assert html.source.media_type == "text/html"
    assert html.source.text.startswith(
        "The situation of human rights defenders in Ruritania\nP9_TA(2021)0082\n"
    )
    for furniture in (
        "Previous",
        "Procedure :",
        "PDF 146k",
        "Last updated",
        "Legal notice",
        "var ep",
    ):
        assert furniture not in html.source.text
    assert [f.marker for f in html.footnotes] == ["(1)", "(2)", "(3)"]


def test_pieces_of_web_forms_map_back(english):
    for document in english.values():
        for unit in document.units:
            for piece in unit.pieces:
                got = document.source.text[piece.source_start : piece.source_start + piece.length]
                want = unit.text[piece.clean_start : piece.clean_start + piece.length]
                assert " ".join(got.split()) == " ".join(want.split()) and len(got) == len(want)


@pytest.mark.parametrize(
    ("name", "language", "citation", "recital", "oj"),
    [
        ("fr-pdf.txt", "fr", "vu ", "considérant que", "JO C 171 du 6.5.2021, p. 2"),
        (
            "de-pdf.txt",
            "de",
            "unter Hinweis auf",
            "in der Erwägung, dass",
            "ABl. C 171 vom 6.5.2021, S. 2",
        ),
    ],
)
def test_french_and_german(name, language, citation, recital, oj):
    document = segment(read_path(FIXTURES / name))
    assert document.meta.language == language
    assert document.meta.date == dt.date(2021, 3, 11)
    assert document.meta.procedure == "2021/2577(RSP)"
    assert document.meta.doc_id == "TA-9-2021-0082"
    cits = [u for u in document.units if u.kind is UnitKind.CITATION]
    recs = [u for u in document.units if u.kind is UnitKind.RECITAL]
    paras = [u for u in document.units if u.kind is UnitKind.PARAGRAPH]
    assert len(cits) == 3 and cits[0].text.startswith(citation)
    assert recs and all(r.text.startswith(recital) for r in recs)
    assert [p.label for p in paras] == ["1", "2", "3"]
    assert len(document.footnotes) == 1 and document.footnotes[0].unit == "cit_1"
    assert document.footnotes[0].oj_reference == oj


def test_german_page_break_mid_recital():
    document = segment(read_path(FIXTURES / "de-pdf.txt"))
    assert document.unit("rec_B").text.endswith("zu Haftstrafen verurteilt hat;")


def test_explicit_language_must_match_the_markers():
    text = (FIXTURES / "en-pdf.txt").read_text(encoding="utf-8")
    with pytest.raises(NotAResolutionError, match="French"):
        segment(Source(text, "text/plain", "en.txt", "", "utf-8"), language="fr")


@pytest.mark.parametrize(
    "text",
    [
        "Hello world.\n1. A numbered line.\n2. Another.\n",
        "<html><body><p>Weather forecast for Brussels</p></body></html>",
        "A. Something\nB. Else\n",
    ],
)
def test_not_a_resolution(text):
    with pytest.raises(NotAResolutionError, match="not a European Parliament resolution"):
        segment(read_bytes(text.encode(), "other.txt"))


def _pdftotext_style(text: str) -> str:
    """Each block wrapped to visual lines of ~60 characters, blocks apart by a blank line."""
    import textwrap

    blocks = [line for line in text.splitlines() if line.strip()]
    return "\n\n".join(textwrap.fill(block, 60) for block in blocks) + "\n"


def test_wrapped_visual_lines_give_the_same_structure(english):
    text = _pdftotext_style((FIXTURES / "en-pdf.txt").read_text(encoding="utf-8"))
    assert max(len(line) for line in text.splitlines()) <= 60
    document = segment(Source(text, "text/plain", "wrapped.txt", "", "utf-8"))
    assert _shape(document)[1:] == _shape(english["en-pdf.txt"])[1:]
    assert "situation of human rights defenders." in document.footnotes[2].text


def test_section_headings_are_not_text():
    text = (FIXTURES / "en-pdf.txt").read_text(encoding="utf-8")
    with_headings = text.replace("1. Condemns", "General remarks\n1. Condemns").replace(
        "4. Welcomes", "\nSanctions and EU action\n\n4. Welcomes"
    )
    document = segment(Source(with_headings, "text/plain", "h.txt", "", "utf-8"))
    plain = segment(Source(text, "text/plain", "p.txt", "", "utf-8"))
    assert [(u.id, u.text) for u in document.units] == [(u.id, u.text) for u in plain.units]


def test_labels_on_lines_of_their_own(english):
    """Copied from some browsers, a table's label cell lands on its own line."""
    text = (FIXTURES / "en-browser.txt").read_text(encoding="utf-8")
    import re

    split = re.sub(r"^(–|[A-E]\.|\d\.|\(\d\))\s*", r"\1\n", text, flags=re.MULTILINE)
    assert split.count("\n–\n") == 5 and "\nA.\nwhereas" in split and "\n(1)\nOJ C 171" in split
    document = segment(Source(split, "text/plain", "split.txt", "", "utf-8"))
    assert _shape(document)[1:] == _shape(english["en-browser.txt"])[1:]


def test_html_lists_and_split_cells():
    """Browsers draw list numbers and letters; labels may sit in a cell of their own."""
    page = """<html><body>
    <p>P9_TA(2021)0082</p>
    <p>European Parliament resolution of 11 March 2021 on Ruritania (2021/2577(RSP))</p>
    <p>The European Parliament,</p>
    <ul><li>having regard to its previous resolutions<span class="sup">(1)</span>,</li>
        <li>having regard to Rule 144 of its Rules of Procedure,</li></ul>
    <ol type="A"><li>whereas the situation has deteriorated;</li>
        <li>whereas arrests continue;</li></ol>
    <table><tr><td><p>1.</p></td><td><p>Condemns the arrests;</p></td></tr></table>
    <ol start="2"><li>Instructs its President to forward this resolution.</li></ol>
    <p>(1)</p><p>OJ C 171, 6.5.2021, p. 2.</p>
    </body></html>"""
    document = segment(read_bytes(page.encode(), "lists.html"))
    assert [u.id for u in document.units] == [
        "cit_1",
        "cit_2",
        "rec_A",
        "rec_B",
        "para_1",
        "para_2",
    ]
    assert document.unit("cit_1").text == "having regard to its previous resolutions,"
    assert document.unit("para_1").text == "Condemns the arrests;"
    assert [(f.unit, f.oj_reference) for f in document.footnotes] == [
        ("cit_1", "OJ C 171, 6.5.2021, p. 2")
    ]


def test_title_wrapped_over_two_lines():
    text = (FIXTURES / "en-pdf.txt").read_text(encoding="utf-8")
    wrapped = text.replace(
        "human rights defenders in Ruritania (2021", "human rights defenders in\nRuritania (2021", 1
    )
    assert wrapped != text
    meta = segment(Source(wrapped, "text/plain", "w.txt", "", "utf-8")).meta
    assert (
        meta.long_title == segment(Source(text, "text/plain", "t.txt", "", "utf-8")).meta.long_title
    )
    assert meta.long_title.endswith("in Ruritania (2021/2577(RSP))")


def test_web_page_furniture_after_the_footnotes_is_dropped(english):
    text = (FIXTURES / "en-browser.txt").read_text(encoding="utf-8")
    text = text.replace(
        "Last updated: 12 March 2021Legal notice - Privacy policy", "Top\nContact us\nSitemap"
    )
    document = segment(Source(text, "text/plain", "top.txt", "", "utf-8"))
    assert _shape(document)[1:] == _shape(english["en-browser.txt"])[1:]
    nav = text.replace("2.\tCalls on", "Next\n\n2.\tCalls on")
    document = segment(Source(nav, "text/plain", "nav.txt", "", "utf-8"))
    assert document.unit("para_1").text.endswith("immediate and unconditional release;")


def test_bracketed_and_spaced_markers(english):
    """Some EP pages print markers as "[1]"; the Official Journal as "text (1),"."""
    text = (FIXTURES / "en-browser.txt").read_text(encoding="utf-8")
    bracketed = text.replace("2019(1)", "2019[1]").replace("(1)OJ", "[1] OJ")
    document = segment(Source(bracketed, "text/plain", "b.txt", "", "utf-8"))
    assert _shape(document)[1:] == _shape(english["en-browser.txt"])[1:]
    assert document.footnotes[0].marker == "[1]"
    spaced = text.replace("2019(1)", "2019 (1)").replace("2020(2)", "2020 (2)")
    document = segment(Source(spaced, "text/plain", "s.txt", "", "utf-8"))
    assert _shape(document)[1:] == _shape(english["en-browser.txt"])[1:]
    # "Rules 144(5) and 132(4)" stay text: no footnote claims them
    assert (
        document.unit("cit_5").text
        == "having regard to Rules 144(5) and 132(4) of its Rules of Procedure,"
    )


def test_page_break_after_a_semicolon_in_english(english):
    """English paragraphs open with a capital: a lower-case block after ";" runs on."""
    text = (FIXTURES / "en-pdf.txt").read_text(encoding="utf-8")
    cut = text.replace(
        "intimidation and persecution of journalists, lawyers and civil society activists;",
        "intimidation and persecution of journalists;\n\nlawyers and civil society activists;",
    )
    assert cut != text
    document = segment(Source(cut, "text/plain", "cut.txt", "", "utf-8"))
    assert [u.id for u in document.units] == [u.id for u in english["en-pdf.txt"].units]
    assert document.unit("para_2").text.endswith(
        "journalists; lawyers and civil society activists;"
    )


def test_a_rule_above_the_footnotes(english):
    text = (FIXTURES / "en-browser.txt").read_text(encoding="utf-8")
    ruled = text.replace("\n(1)OJ", "\n______________\n\n(1)OJ")
    assert ruled != text
    document = segment(Source(ruled, "text/plain", "r.txt", "", "utf-8"))
    assert _shape(document)[1:] == _shape(english["en-browser.txt"])[1:]


def test_romanian_web_page():
    page = """<!DOCTYPE html><html lang="ro"><head><title>Texte adoptate</title></head><body>
    <ul><li>Index</li><li>Anterior</li><li>Următor</li><li>Text integral</li></ul>
    <table><tr><td>Procedură : 2021/2544(RSP)</td></tr><tr><td>Texte adoptate :</td>
    <td>P9_TA(2021)0056</td></tr></table>
    <h2>Texte adoptate</h2><p>PDF 146k WORD 61k</p>
    <p>Joi, 11 februarie 2021 - Bruxelles</p>
    <p>Situația în Ruritania</p><p>P9_TA(2021)0056</p>
    <p>Rezoluția Parlamentului European din 11 februarie 2021 referitoare la situația din
    Ruritania (2021/2544(RSP))</p>
    <p>Parlamentul European,</p>
    <table><tr><td>–</td><td>având în vedere rezoluțiile sale anterioare<span class="sup">
    <a href="#def_1_1">(1)</a></span>,</td></tr></table>
    <table><tr><td>A.</td><td>întrucât situația s-a deteriorat;</td></tr></table>
    <table><tr><td>1.</td><td>condamnă arestările;</td></tr></table>
    <p>îndeamnă guvernul să elibereze protestatarii;</p>
    <table><tr><td>2.</td>
    <td>încredințează Președintelui sarcina de a transmite rezoluția.</td></tr></table>
    <p><a name="def_1_1">(1)</a> JO C 23, 21.1.2021, p. 83.</p>
    <p>Ultima actualizare: 12 februarie 2021</p><p>Aviz juridic - Politica de confidențialitate</p>
    </body></html>"""
    document = segment(read_bytes(page.encode("utf-8"), "TA-9-2021-0056_RO.html"))
    assert document.source.text.startswith("Situația în Ruritania\nP9_TA(2021)0056\nRezoluția")
    assert [u.id for u in document.units] == [
        "cit_1",
        "rec_A",
        "para_1",
        "para_1__subpara_1",
        "para_1__subpara_2",
        "para_2",
    ]
    assert document.meta.title == "Situația în Ruritania"
    assert document.meta.long_title.endswith("situația din Ruritania (2021/2544(RSP))")
    assert document.meta.date == dt.date(2021, 2, 11)
    assert document.footnotes[0].oj_reference == "JO C 23, 21.1.2021, p. 83"
    assert document.unit("cit_1").text == "având în vedere rezoluțiile sale anterioare,"


def test_provisional_edition_id():
    text = (FIXTURES / "en-pdf.txt").read_text(encoding="utf-8").replace("P9_TA(", "P9_TA-PROV(")
    meta = segment(Source(text, "text/plain", "p.txt", "", "utf-8")).meta
    assert (meta.local_id, meta.doc_id) == ("P9_TA(2021)0082", "TA-9-2021-0082")


def test_short_blocks_are_not_taken_for_visual_lines():
    paragraphs = "".join(f"<p>{n}. Calls for measure number {n};</p>" for n in range(1, 11))
    page = (
        "<html><body><p>European Parliament resolution of 1 March 2021 on x (2021/0001(RSP))</p>"
        "<p>– having regard to x,</p><p>– having regard to y,</p><p>A. whereas z;</p>"
        f"{paragraphs}<p>Urges the Commission to act;</p><p>11. Instructs its President.</p>"
        "</body></html>"
    )
    document = segment(read_bytes(page.encode(), "short.html"))
    assert document.unit("para_10__subpara_2").text == "Urges the Commission to act;"
