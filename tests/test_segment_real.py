"""Layouts met in real texts adopted (EP web pages, PDF text, Official Journal copies).

Each case is a small text written for the test in the shape of a real page (invented
names and sentences): one failure class found by reading real resolutions each.
"""

from __future__ import annotations

import pytest

from graph.read import read_bytes
from graph.segment import segment, structure_warnings


def _parse(text: str, language: str | None = None):
    return segment(read_bytes(text.encode("utf-8"), "<test>"), language=language)


def _ids(document) -> list[str]:
    return [u.id for u in document.units]


# --- the title block ---------------------------------------------------------------

DISCHARGE_PAGE = """Index
 Previous
 Next
 Full text
Procedure : 2022/2111(DEC)
Texts adopted :

P9_TA(2023)0190

Texts adopted
PDF 190kWORD 50k
Wednesday, 10 May 2023 - Strasbourg
Discharge 2021: Agency for Invented Affairs
P9_TA(2023)0190A9-0099/2023
Decision
 Decision
 Resolution

1. European Parliament decision of 10 May 2023 on discharge to an invented agency (2022/2111(DEC))

The European Parliament,

–  having regard to the final annual accounts of the Agency for the financial year 2021,

–  having regard to Article 319 of the Treaty on the Functioning of the European Union,

1.  Grants the Executive Director of the Agency discharge for the financial year 2021;

2.  Instructs its President to forward this decision to the Council and the Commission.

2. European Parliament decision of 10 May 2023 on the closure of its accounts (2022/2111(DEC))

The European Parliament,

–  having regard to the final annual accounts of the Agency for the financial year 2021,

1.  Approves the closure of the accounts of the Agency for the financial year 2021;

Last updated: 11 May 2023
Legal notice - Privacy policy
"""


def test_discharge_page_short_title_is_not_a_tab_and_the_second_decision_is_not_glued():
    document = _parse(DISCHARGE_PAGE)
    meta = document.meta
    assert meta.title == "Discharge 2021: Agency for Invented Affairs"  # not "Resolution"
    assert meta.long_title is not None and meta.long_title.startswith(
        "European Parliament decision"
    )
    assert meta.local_id == "P9_TA(2023)0190" and meta.procedure == "2022/2111(DEC)"
    assert _ids(document) == ["cit_1", "cit_2", "para_1", "para_2"]
    assert document.units[-1].text.endswith("to the Council and the Commission.")
    warnings = structure_warnings(document)
    assert any("not read" in w for w in warnings)


PDF_WRAPPED_SHORT_TITLE = """European Parliament

2019-2024

TEXTOS APROVADOS
Edição provisória

P9_TA-PROV(2021)0400
Situação das pessoas inventadas na região imaginária e as suas
consequências
Resolução do Parlamento Europeu, de 9 de setembro de 2021, sobre a situação das
pessoas inventadas na região imaginária (2021/2800(RSP))

O Parlamento Europeu,

– Tendo em conta o artigo 132.º do seu Regimento,

A. Considerando que a situação das pessoas inventadas se agravou;

1. Condena a situação descrita;
"""


def test_pdf_short_title_wrapped_after_the_local_id():
    meta = _parse(PDF_WRAPPED_SHORT_TITLE).meta
    assert (
        meta.title == "Situação das pessoas inventadas na região imaginária e as suas consequências"
    )
    assert meta.local_id == "P9_TA(2021)0400"
    assert meta.date is not None and meta.date.isoformat() == "2021-09-09"
    assert meta.long_title is not None and meta.long_title.endswith("(2021/2800(RSP))")


@pytest.mark.parametrize(
    ("title", "procedure"),
    [
        (
            "European Parliament non-legislative resolution of 22 November 2023 on the draft "
            "Council decision on an invented agreement "
            "(06600/2023 – C9-0247/2023 – 2023/0038M(NLE))",
            "2023/0038M(NLE)",
        ),
        (
            "European Parliament resolution on the progress of an invented country "
            "(COM(2004)0657 - C6-0151/2004 - 2004/2184 (INI))",
            "2004/2184(INI)",
        ),
        (
            "European Parliament resolution of 2 March 2017 on an invented programme "
            "(2015/2329(ΙΝΙ))",
            "2015/2329(INI)",
        ),
    ],
)
def test_procedure_variants_and_titles_found_by_them(title, procedure):
    text = (
        f"P9_TA(2023)0418\nAn invented agreement\n\n{title}\n\nThe European Parliament,\n\n"
        "–  having regard to the draft Council decision,\n\n1.  Consents to the conclusion;\n"
    )
    meta = _parse(text).meta
    assert meta.procedure == procedure
    assert meta.long_title == title
    assert meta.title == "An invented agreement"


def test_hungarian_non_legislative_title():
    text = (
        "2023. november 22., Szerda - Strasbourg\nKitalált megállapodás\nP9_TA(2023)0418\n\n"
        "Az Európai Parlament 2023. november 22-i nem jogalkotási állásfoglalása egy kitalált "
        "megállapodásról (2023/0038M(NLE))\n\nAz Európai Parlament,\n\n"
        "–  tekintettel a tanácsi határozat tervezetére,\n\n"
        "1.  egyetért a megállapodás megkötésével;\n"
    )
    meta = _parse(text).meta
    assert meta.long_title is not None and meta.long_title.startswith("Az Európai Parlament 2023.")
    assert meta.title == "Kitalált megállapodás"
    assert meta.date is not None and meta.date.isoformat() == "2023-11-22"


# --- citations -------------------------------------------------------------------


def test_a_dashed_citation_with_a_formula_the_profile_lacks_is_still_a_citation():
    text = (
        "P8_TA(2017)0165\nQuitação inventada\n\n"
        "Decisão do Parlamento Europeu, de 27 de abril de 2017, sobre uma quitação inventada "
        "(2016/2182(DEC))\n\nO Parlamento Europeu,\n\n"
        "–  Atendendo às contas anuais definitivas da agência inventada,\n\n"
        "–  Examinadas as contas da outra agência inventada,\n\n"
        "–  Tendo em conta o relatório do Tribunal de Contas,\n\n"
        "1.  Dá quitação ao diretor executivo da agência inventada;\n"
    )
    document = _parse(text)
    assert _ids(document) == ["cit_1", "cit_2", "cit_3", "para_1"]
    assert document.units[0].text.startswith("Atendendo às contas")
    assert document.units[1].text.startswith("Examinadas as contas")


def test_official_journal_citations_without_dashes_and_gelet_op():
    text = (
        "P6_TA(2009)0156\n\nResolutie van het Europees Parlement van 24 maart 2009 over een "
        "verzonnen programma (2008/2061(INI))\n\nHet Europees Parlement,\n\n"
        "gezien het verzonnen programma voor steden,\n\n"
        "gelet op artikelen 158 en 159 van het EG-Verdrag,\n\n"
        "A.\n\noverwegende dat het programma verzonnen is,\n\n"
        "1.\n\nverzoekt de Commissie het programma voort te zetten;\n"
    )
    document = _parse(text)
    assert _ids(document) == ["cit_1", "cit_2", "rec_A", "para_1"]
    assert document.units[1].text == "gelet op artikelen 158 en 159 van het EG-Verdrag,"


def test_table_cells_copied_with_their_bars():
    text = (
        "P9_TA(2020)0211\nInvented measures\n"
        "European Parliament resolution of 15 September 2020 on invented measures "
        "(2019/2195(INI))\n"
        "The European Parliament,\n— |\nhaving regard to the invented treaty, |\n— |\n"
        "having regard to its resolution of 15 January 2020 on the invented deal (1), |\n"
        "A. |\nwhereas the measures are invented; |\n1. |\nCalls for invented measures; |\n"
    )
    document = _parse(text)
    assert _ids(document) == ["cit_1", "cit_2", "rec_A", "para_1"]
    assert [u.text for u in document.units] == [
        "having regard to the invented treaty,",
        "having regard to its resolution of 15 January 2020 on the invented deal (1),",
        "whereas the measures are invented;",
        "Calls for invented measures;",
    ]


# --- footnotes in PDF text that lost its superscripts ----------------------------

PLAIN_DIGITS_PDF = """TEXTS ADOPTED

P9_TA(2021)0082

Invented defenders

European Parliament resolution of 11 March 2021 on invented defenders (2021/2577(RSP))

The European Parliament,

- having regard to its resolutions of 19 September 20191 and of 7 October 20202,
- having regard to the statement of the UN3 on invented defenders,
- having regard to the invented guidelines of June 2008 and the statement of

1 OJ C 171, 6.5.2021, p. 2.
2 OJ C 395, 29.9.2021, p. 45.
3 Office of the High Commissioner for Human Rights.

2 March 2021 on the sentencing of invented activists,
A. whereas CO2 emissions are not the subject here, unlike the Union4;
B. whereas on
15 March 2021 the invented court sentenced four activists;

4 Texts adopted, P9_TA(2020)0001.

1. Condemns the sentences;
"""


def test_plain_digit_footnotes_in_pdf_text():
    document = _parse(PLAIN_DIGITS_PDF)
    assert _ids(document) == ["cit_1", "cit_2", "cit_3", "rec_A", "rec_B", "para_1"]
    texts = {u.id: u.text for u in document.units}
    assert texts["cit_1"] == (
        "having regard to its resolutions of 19 September 2019 and of 7 October 2020,"
    )
    assert texts["cit_2"] == "having regard to the statement of the UN on invented defenders,"
    # the page break cut the citation: its end comes back, the footnote blocks do not
    assert texts["cit_3"].endswith(
        "statement of 2 March 2021 on the sentencing of invented activists,"
    )
    # "CO2" is a formula: footnote 4 is claimed by "Union4", and "15 March" is running text
    assert texts["rec_A"] == "whereas CO2 emissions are not the subject here, unlike the Union;"
    assert texts["rec_B"] == "whereas on 15 March 2021 the invented court sentenced four activists;"
    assert [(f.number, f.unit) for f in document.footnotes] == [
        (1, "cit_1"),
        (2, "cit_1"),
        (3, "cit_2"),
        (4, "rec_A"),
    ]
    assert document.footnotes[0].oj_reference == "OJ C 171, 6.5.2021, p. 2"
    assert document.footnotes[3].text == "Texts adopted, P9_TA(2020)0001."


def test_a_dated_page_footer_in_words_the_profile_does_not_list_ends_the_text():
    text = (
        "P9_TA(2021)0001\nNoget opdigtet\n\n"
        "Europa-Parlamentets beslutning af 11. februar 2021 om noget opdigtet (2021/2544(RSP))\n\n"
        "Europa-Parlamentet,\n\n–  der henviser til sine tidligere beslutninger,\n\n"
        "1.  opfordrer Kommissionen til at handle;\n\n"
        "2.  pålægger sin formand at sende denne beslutning til Rådet.\n\n"
        "Opdateret senest: 12. februar 2021\nJuridisk note - Databeskyttelse\n"
    )
    document = _parse(text)
    assert _ids(document) == ["cit_1", "para_1", "para_2"]
    assert document.units[-1].text == "pålægger sin formand at sende denne beslutning til Rådet."


PDFTOTEXT_PAGES = """European Parliament
2019-2024

TEXTS ADOPTED
Provisional edition

P9_TA-PROV(2021)0500
Invented situation in Freedonia
European Parliament resolution of 7 October 2021 on the invented situation in
Freedonia (2021/2900(RSP))

The European Parliament,
– having regard to its previous resolutions on Freedonia1,
– having regard to Rule 144(5) and 132(4) of its Rules of Procedure,
A. whereas the invented authorities of Freedonia have detained at least forty
peaceful protesters since the invented election;
B. whereas the invented press law of Freedonia was amended without any
consultation;

1 OJ C 23, 21.1.2021, p. 83.
PE698.001/ 1

EN United in diversity EN
\x0cGeneral remarks
1. Condemns the detention of peaceful protesters in Freedonia and calls for their
release;
2. Instructs its President to forward this resolution to the Council and the
Commission.

PE698.001/ 2
"""


def test_pdftotext_page_furniture_headings_and_lost_superscripts():
    document = _parse(PDFTOTEXT_PAGES)
    meta = document.meta
    assert meta.local_id == "P9_TA(2021)0500" and meta.procedure == "2021/2900(RSP)"
    assert meta.title == "Invented situation in Freedonia"
    assert meta.long_title == (
        "European Parliament resolution of 7 October 2021 on the invented situation in "
        "Freedonia (2021/2900(RSP))"
    )
    assert _ids(document) == ["cit_1", "cit_2", "rec_A", "rec_B", "para_1", "para_2"]
    texts = {u.id: u.text for u in document.units}
    assert texts["cit_1"] == "having regard to its previous resolutions on Freedonia,"
    assert texts["rec_B"] == (
        "whereas the invented press law of Freedonia was amended without any consultation;"
    )
    assert texts["para_1"] == (
        "Condemns the detention of peaceful protesters in Freedonia and calls for their release;"
    )
    assert texts["para_2"].endswith("to the Council and the Commission.")
    assert [(f.number, f.unit, f.oj_reference) for f in document.footnotes] == [
        (1, "cit_1", "OJ C 23, 21.1.2021, p. 83")
    ]


def test_parliament_line_with_a_space_before_the_comma():
    text = (
        "P6_TA(2007)0624\nIšgalvota šalis\n\n2007 m. gruodžio 13 d. Europos Parlamento rezoliucija "
        "dėl išgalvotos šalies\nEuropos Parlamentas ,\n\n"
        "–   atsižvelgdamas į išgalvotą susitarimą,\n\n"
        "1.   ragina išgalvotą šalį laikytis susitarimo;\n"
    )
    document = _parse(text)
    assert document.meta.long_title == (
        "2007 m. gruodžio 13 d. Europos Parlamento rezoliucija dėl išgalvotos šalies"
    )
    assert _ids(document) == ["cit_1", "para_1"]


@pytest.mark.parametrize("dash", ["\uf0b7", "\uf02d", "‒", "−", "•"])
def test_citations_after_a_symbol_font_or_unusual_dash(dash):
    text = (
        "P9_TA(2020)0001\nUn título inventado\n\nResolución del Parlamento Europeo, de 1 de julio "
        "de 2020, sobre algo inventado (2020/2691(RSP))\n\nEl Parlamento Europeo,\n\n"
        f"{dash} Visto el artículo 3 del Tratado de la Unión Europea (TUE),\n\n"
        f"{dash}\nVistos los artículos 4 y 6 del Tratado,\n\n"
        "A. Considerando que algo inventado ocurre;\n\n1. Pide a la Comisión que actúe;\n"
    )
    document = _parse(text)
    assert _ids(document) == ["cit_1", "cit_2", "rec_A", "para_1"]
    assert document.units[0].text == "Visto el artículo 3 del Tratado de la Unión Europea (TUE),"
    assert document.units[1].text == "Vistos los artículos 4 y 6 del Tratado,"


def test_maltese_title_with_an_assimilated_article():
    text = (
        "Deċiżjoni tal-Parlament Ewropew tat-18 ta' Novembru 2008 dwar talba inventata\n"
        "Il-Parlament Ewropew,\n– wara li kkunsidra t-talba inventata,\n"
        "1. Jiddeċiedi li ma jneħħix l-immunità;\n"
    )
    document = _parse(text)
    assert document.meta.language == "mt"
    assert document.meta.long_title == (
        "Deċiżjoni tal-Parlament Ewropew tat-18 ta' Novembru 2008 dwar talba inventata"
    )
    assert document.meta.date is not None and document.meta.date.isoformat() == "2008-11-18"
    assert _ids(document) == ["cit_1", "para_1"]


LEGISLATIVE_PAGE = """Texts adopted
PDF 117kWORD 42k
Wednesday, 17 June 2020 - Brussels
Invented framework ***I
P9_TA(2020)0130A9-0107/2020

European Parliament legislative resolution of 17 June 2020 on an invented framework
(COM(2018)0353 – C8-0207/2018 – 2018/0178(COD))

(Ordinary legislative procedure: first reading)

The European Parliament,

–  having regard to the Commission proposal to Parliament and the Council (COM(2018)0353),

1.  Adopts its position at first reading hereinafter set out;

2.  Instructs its President to forward its position to the Council and the Commission.

P9_TC1-COD(2018)0178

Position of the European Parliament adopted at first reading on 17 June 2020

Having regard to the Treaty on the Functioning of the European Union,

Whereas:

(1) The invented framework is needed.
"""


def test_legislative_resolution_ends_where_the_position_begins():
    document = _parse(LEGISLATIVE_PAGE)
    assert document.meta.title == "Invented framework"  # without the procedure's stars
    assert document.meta.procedure == "2018/0178(COD)"
    assert _ids(document) == ["cit_1", "para_1", "para_2"]
    assert document.units[-1].text.endswith("to the Council and the Commission.")
    assert any("not read" in w for w in structure_warnings(document))


@pytest.mark.parametrize(
    ("opening", "heading"),
    [
        (
            "The European Parliament,\n\n–  having regard to the invented treaty,\n\n",
            "Annex to the resolution",
        ),
        ("Das Europäische Parlament,\n\n–  gestützt auf den erfundenen Vertrag,\n\n", "Anlage"),
    ],
)
def test_an_annex_in_mixed_case_ends_the_resolution(opening, heading):
    text = (
        "P9_TA(2021)0600\n\n"
        + (
            "European Parliament resolution of 7 October 2021 on an invented subject "
            "(2021/2950(INI))\n\n"
            if opening.startswith("The")
            else "Entschließung des Europäischen Parlaments vom 7. Oktober 2021 zu einem "
            "erfundenen Thema "
            "(2021/2950(INI))\n\n"
        )
        + opening
        + "1.  Invented request to the Commission;\n\n"
        + "2.  Instructs its President to forward this resolution to the Commission.\n\n"
        + f"{heading}\n\nDetailed recommendations on the invented subject\n\n"
        + "The invented recommendations read as follows\n"
    )
    document = _parse(text)
    assert _ids(document) == ["cit_1", "para_1", "para_2"]
    assert document.units[-1].text.endswith("to the Commission.")


def _with_stacked_headings(separator: str) -> str:
    lines = [
        "P9_TA(2021)0001",
        "European Parliament resolution of 7 October 2021 on an invented subject (2021/2950(INI))",
        "The European Parliament,",
        *(f"–  having regard to the invented treaty number {i}," for i in range(6)),
        *(f"{chr(65 + i)}.  whereas the invented subject {i} is serious;" for i in range(8)),
        "Part I",
        "General remarks",
        "1.  Calls for invented measures;",
        "Part II",
        "Specific remarks",
        "On the invented region",
        "2.  Calls for:",
        "–  more transparency;",
        "–  better coordination;",
        *(f"{i}.  Notes the invented fact {i};" for i in range(3, 12)),
    ]
    return separator.join(lines) + "\n"


@pytest.mark.parametrize("separator", ["\n", "\n\n"])
def test_stacked_section_headings_belong_to_no_unit_and_list_items_stay(separator):
    document = _parse(_with_stacked_headings(separator))
    texts = {u.id: u.text for u in document.units}
    assert texts["rec_H"] == "whereas the invented subject 7 is serious;"
    assert texts["para_1"] == "Calls for invented measures;"
    assert texts["para_2"] == "Calls for: – more transparency; – better coordination;"
    assert [u.id for u in document.units if u.parent == "para_2"] == [
        "para_2__subpara_1",
        "para_2__subpara_2",
        "para_2__subpara_3",
    ]
    assert len([u for u in document.units if u.kind == "paragraph"]) == 11
    assert not any("Part" in u.text or "remarks" in u.text for u in document.units)


def test_footnote_number_and_page_number_on_lines_of_their_own():
    text = (
        "TEXTS ADOPTED\n\nP9_TA(2021)0082\n\nInvented defenders\n\n"
        "European Parliament resolution of 11 March 2021 on invented defenders (2021/2577(RSP))\n\n"
        "The European Parliament,\n\n"
        "- having regard to its resolutions on Freedonia1,\n"
        "- having regard to the invented guidelines of June 2008 and the statement of\n\n"
        "1\nOJ C 171, 6.5.2021, p. 2.\n\n2\n\n"
        "2 March 2021 on the sentencing of invented activists,\n"
        "A. whereas the invented court sentenced four activists;\n1. Condemns the sentences;\n"
    )
    document = _parse(text)
    assert [(u.id, u.text) for u in document.units] == [
        ("cit_1", "having regard to its resolutions on Freedonia,"),
        (
            "cit_2",
            "having regard to the invented guidelines of June 2008 and the statement of "
            "2 March 2021 on the sentencing of invented activists,",
        ),
        ("rec_A", "whereas the invented court sentenced four activists;"),
        ("para_1", "Condemns the sentences;"),
    ]
    assert [(f.unit, f.text) for f in document.footnotes] == [
        ("cit_1", "OJ C 171, 6.5.2021, p. 2.")
    ]


OJ_PDF = """21.1.2021 EN Official Journal of the European Union C 23/83
Thursday 11 February 2021
P9_TA(2021)0056
Invented situation in Freedonia
European Parliament resolution of 11 February 2021 on the situation in Freedonia (2021/2544(RSP))
(2021/C 465/07)
The European Parliament,
— having regard to its previous resolutions on Freedonia (1),
— having regard to the Commission notice C 123/4 of 12.3.2020 on the
invented procedure,
A. whereas the invented authorities of Freedonia have detained at least forty peaceful
C 23/84 EN Official Journal of the European Union 21.1.2021
Thursday 11 February 2021
protesters since the invented elections held
on 14 March 2020.
1. Condemns the detentions;
(1) OJ C 23, 21.1.2021, p. 83.
"""


def test_official_journal_pdf_running_heads_are_dropped():
    document = _parse(OJ_PDF)
    assert document.meta.title == "Invented situation in Freedonia"
    assert [(u.id, u.text) for u in document.units] == [
        ("cit_1", "having regard to its previous resolutions on Freedonia,"),
        (
            "cit_2",
            "having regard to the Commission notice C 123/4 of 12.3.2020 on the invented "
            "procedure,",
        ),
        (
            "rec_A",
            "whereas the invented authorities of Freedonia have detained at least forty peaceful "
            "protesters since the invented elections held on 14 March 2020.",
        ),
        ("para_1", "Condemns the detentions;"),
    ]
    assert [(f.unit, f.oj_reference) for f in document.footnotes] == [
        ("cit_1", "OJ C 23, 21.1.2021, p. 83")
    ]


def test_a_pdf_page_head_naming_the_parliament_is_not_a_second_text():
    text = (
        "Parlamentul European\n2019-2024\nTEXTE ADOPTATE\nP9_TA(2021)0056\nTitlu inventat\n"
        "Rezoluția Parlamentului European din 11 februarie 2021 referitoare la ceva inventat "
        "(2021/2544(RSP))\nParlamentul European,\n– având în vedere tratatul inventat,\n"
        "A. întrucât ceva este inventat;\n1. solicită ceva inventat;\nParlamentul European\n"
        "2. încredințează Președintelui sarcina de a transmite prezenta rezoluție.\n"
    )
    document = _parse(text)
    assert document.meta.title == "Titlu inventat"
    assert [(u.id, u.text) for u in document.units][2:] == [
        ("para_1", "solicită ceva inventat;"),
        ("para_2", "încredințează Președintelui sarcina de a transmite prezenta rezoluție."),
    ]
