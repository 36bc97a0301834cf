"""The Romanian sample (text extracted from the PDF of P9_TA(2021)0056): the Done-when criteria."""

from __future__ import annotations

import datetime as dt
import re
import string

import pytest

from graph.model import UnitKind
from graph.read import read_path
from graph.segment import segment


@pytest.fixture(scope="module")
def document(sample_path):
    return segment(read_path(sample_path))


def _ids(document, kind):
    return [u.id for u in document.units if u.kind is kind]


def test_citations_numbered_one_to_eleven(document):
    assert _ids(document, UnitKind.CITATION) == [f"cit_{n}" for n in range(1, 12)]
    assert all(
        u.text.startswith("având în vedere") for u in document.units if u.kind is UnitKind.CITATION
    )


def test_recitals_a_to_w(document):
    letters = string.ascii_uppercase[: string.ascii_uppercase.index("W") + 1]
    assert _ids(document, UnitKind.RECITAL) == [f"rec_{c}" for c in letters]
    assert all(u.text.startswith("întrucât") for u in document.units if u.kind is UnitKind.RECITAL)


def test_paragraphs_one_to_twenty_seven(document):
    assert _ids(document, UnitKind.PARAGRAPH) == [f"para_{n}" for n in range(1, 28)]


def test_paragraph_five_has_two_subparagraphs(document):
    subs = [u for u in document.units if u.parent == "para_5"]
    assert [u.id for u in subs] == ["para_5__subpara_1", "para_5__subpara_2"]
    assert all(u.kind is UnitKind.SUBPARAGRAPH for u in subs)
    assert subs[0].text.startswith("condamnă utilizarea abuzivă")
    assert subs[0].text.endswith("concurența politică;")
    assert subs[1].text.startswith("îndeamnă guvernul Kazahstanului să pună în aplicare")
    whole = document.unit("para_5").text
    assert whole == subs[0].text + " " + subs[1].text
    # no other paragraph is split
    assert {u.parent for u in document.units if u.parent} == {"para_5"}
    # the split paragraph is not a context of its own: its subparagraphs are
    contexts = dict(document.contexts())
    assert "para_5" not in contexts and "para_5__subpara_2" in contexts


def test_ordinals_are_document_order(document):
    assert [u.ordinal for u in document.units] == list(range(1, len(document.units) + 1))
    assert document.unit("rec_B").ordinal == 13
    assert len(document.units) == 11 + 23 + 27 + 2


def test_five_footnotes_resolved_per_page(document):
    assert [f.id for f in document.footnotes] == [f"fn_{n}" for n in range(1, 6)]
    assert [f.unit for f in document.footnotes] == ["cit_1"] * 4 + ["rec_N"]
    assert document.unit("cit_1").footnotes == ("fn_1", "fn_2", "fn_3", "fn_4")
    assert document.unit("rec_N").footnotes == ("fn_5",)
    assert document.footnotes[4].marker == "¹"  # the PDF restarted its markers
    assert [f.oj_reference for f in document.footnotes] == [
        "JO C 23, 21.1.2021, p. 83",
        "JO C 45, 5.2.2016, p. 85",
        "JO C 251 E, 31.8.2013, p. 93",
        "JO C 224 E, 19.8.2010, p. 30",
        None,
    ]
    assert document.footnotes[4].text.startswith("Raportorul special al ONU pentru promovarea")


def test_page_break_artefacts_are_removed(document):
    rec_o = document.unit("rec_O").text
    assert "Raigul Sadyrbayeva" in rec_o
    assert "Raportorul special" not in rec_o
    cit_9 = document.unit("cit_9").text
    assert "Serviciului European de Acțiune Externă (SEAE)" in cit_9
    assert "JO C" not in cit_9
    cit_1 = document.unit("cit_1").text
    assert (
        "Kazahstan și rezoluțiile" in cit_1
        and "2013, 15 martie 2012 și 17 septembrie 2009," in cit_1
    )
    assert not re.search(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]", "".join(u.text for u in document.units))
    assert "întrucât alegerile democratice reprezintă" in document.unit("rec_E").text
    assert document.unit("para_27").text.endswith("Guvernului și Parlamentului Kazahstanului.")
    for unit in document.units:
        assert unit.text == " ".join(unit.text.split()), unit.id


def test_pieces_map_back_to_the_source(document):
    text = document.source.text
    for unit in list(document.units) + list(document.footnotes):
        covered = 0
        for piece in unit.pieces:
            clean = unit.text[piece.clean_start : piece.clean_start + piece.length]
            source = text[piece.source_start : piece.source_start + piece.length]
            assert clean == re.sub(r"\s", " ", source), unit.id
            covered += piece.length
        assert covered >= len(unit.text) - len(unit.pieces), unit.id
    o = document.unit("rec_O")
    start = o.text.index("Sadyrbayeva")
    assert text[o.source_offset(start) : o.source_offset(start) + 11] == "Sadyrbayeva"


def test_metadata(document):
    meta = document.meta
    assert meta.local_id == "P9_TA(2021)0056"
    assert meta.doc_id == "TA-9-2021-0056"
    assert meta.date == dt.date(2021, 2, 11)
    assert meta.procedure == "2021/2544(RSP)"
    assert meta.title == "Situația drepturilor omului în Kazahstan"
    assert meta.long_title.startswith("Rezoluția Parlamentului European din 11 februarie 2021")
    assert meta.long_title.endswith("(2021/2544(RSP))")
    assert meta.language == "ro"


def test_language_given_explicitly_gives_the_same(sample_path, document):
    again = segment(read_path(sample_path), language="ro")
    assert again == document


def test_truncated_resolution_keeps_what_is_there(sample_text):
    from graph.model import Source

    cut = sample_text.index("12. ia act cu îngrijorare") + 40
    document = segment(Source(sample_text[:cut], "text/plain", "cut", "", "utf-8"))
    paragraphs = [u.id for u in document.units if u.kind is UnitKind.PARAGRAPH]
    assert paragraphs[-1] == "para_12" and len(paragraphs) == 12
    assert len(document.footnotes) == 5
    assert document.unit("para_12").text == sample_text[cut - 36 : cut]


def test_structure_warnings(document, sample_text):
    from graph.model import Source
    from graph.segment import structure_warnings

    assert structure_warnings(document) == ()
    cut = sample_text.index("12. ia act cu îngrijorare") + 40
    truncated = segment(Source(sample_text[:cut], "text/plain", "cut.txt", "", "utf-8"))
    (warning,) = structure_warnings(truncated)
    assert "cut.txt" in warning and "para_12" in warning and "truncated" in warning
    early = segment(
        Source(
            sample_text[: sample_text.index("- C. întrucât")], "text/plain", "c.txt", "", "utf-8"
        )
    )
    assert any("no numbered paragraphs" in w for w in structure_warnings(early))


def test_what_follows_the_resolution_is_not_part_of_it(sample_text, document):
    from graph.model import Source

    for tail in ("\n\nANEXĂ\n\nLista persoanelor vizate.\n", "\n\n" + sample_text):
        longer = segment(Source(sample_text + tail, "text/plain", "x.txt", "", "utf-8"))
        assert [(u.id, u.text) for u in longer.units] == [(u.id, u.text) for u in document.units]
        assert len(longer.footnotes) == 5


def test_text_without_diacritics(sample_text, document):
    """Some tools strip accents: "avand in vedere", "intrucat" still mark the units."""
    import unicodedata

    from graph.model import Source

    plain = "".join(
        c if unicodedata.category(c) != "Mn" else ""
        for c in unicodedata.normalize("NFD", sample_text)
    )
    assert "avand in vedere" in plain and "intrucat" in plain
    stripped = segment(Source(plain, "text/plain", "plain.txt", "", "utf-8"))
    assert [u.id for u in stripped.units] == [u.id for u in document.units]
    assert [f.unit for f in stripped.footnotes] == [f.unit for f in document.footnotes]
    assert stripped.meta.date == document.meta.date and stripped.meta.language == "ro"


def test_crlf_line_ends(sample_text, document):
    from graph.model import Source

    crlf = segment(Source(sample_text.replace("\n", "\r\n"), "text/plain", "crlf.txt", "", "utf-8"))
    assert [(u.id, u.text) for u in crlf.units] == [(u.id, u.text) for u in document.units]
    assert [(f.id, f.unit, f.text) for f in crlf.footnotes] == [
        (f.id, f.unit, f.text) for f in document.footnotes
    ]


def test_a_marker_cut_from_its_word_by_a_page_break(sample_text, document):
    from graph.model import Source

    moved = sample_text.replace("18 aprilie 2013², 15 martie", "18 aprilie 2013\n\n², 15 martie")
    assert moved != sample_text
    again = segment(Source(moved, "text/plain", "m.txt", "", "utf-8"))
    assert again.unit("cit_1").text == document.unit("cit_1").text
    assert [f.unit for f in again.footnotes] == [f.unit for f in document.footnotes]
