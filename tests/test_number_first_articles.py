"""Articles written number first (Finnish, Hungarian, Latvian, Lithuanian): read as
number, ordinal full stop, head, then subdivisions written alike, and tied to the law
named just before them. Invented sentences in the shapes of the EP's texts."""

from __future__ import annotations

import datetime as _dt

import pytest
from eval_support import unit_mentions

from graph.extract import extract
from graph.model import Document, DocumentMeta, EntityType, Source, Unit, UnitKind
from graph.resolve import resolve

CASES = [
    ("lt", "kadangi jis kaltinamas pagal Baudžiamojo kodekso 307 straipsnį;",
     "307 straipsnį", "Baudžiamojo kodekso 307 straipsnį"),
    ("lv", "tā kā viņai izvirzītas apsūdzības saskaņā ar Kriminālkodeksa 206. pantu;",
     "206. pantu", "Kriminālkodeksa 206. pantu"),
    ("hu", "mivel a vádat a Büntető Törvénykönyv 330. cikke alapján emelték;",
     "330. cikke", "Büntető Törvénykönyv 330. cikke"),
    ("fi", "ottaa huomioon, että häntä syytetään rikoslain 330 artiklan nojalla;",
     "330 artiklan", "rikoslain 330 artiklan"),
]


def _analyse(language: str, text: str) -> list[tuple[str, str | None]]:
    unit = Unit("u_1", UnitKind.RECITAL, "A", 1, text)
    meta = DocumentMeta(None, None, _dt.date(2022, 1, 1), None, None, None, language)
    doc = Document(meta, (unit,), (), Source("", "text/plain", "<t>", "", "utf-8"))
    analysis = resolve(doc, extract(doc))
    laws = {e.ref: e.label for e in analysis.entities}
    return [
        (e.label, laws.get(e.part_of) if e.part_of else None)
        for e in analysis.entities
        if e.type is EntityType.LEGAL_PROVISION
    ]


@pytest.mark.parametrize(("language", "text", "surface", "label"), CASES,
                         ids=[c[0] for c in CASES])
def test_a_number_first_article_is_found_and_belongs_to_its_law(
    language: str, text: str, surface: str, label: str
) -> None:
    assert (surface, "LegalProvision") in unit_mentions(language, text)
    [(found_label, law)] = _analyse(language, text)
    assert found_label == label  # as the document writes it, the law before it
    assert law is not None


@pytest.mark.parametrize(
    ("language", "text", "surface"),
    [
        ("lt", "atsižvelgdamas į Darbo tvarkos taisyklių 144 straipsnio 5 dalį,",
         "144 straipsnio 5 dalį"),
        ("hu", "tekintettel eljárási szabályzata 144. cikkének (5) bekezdésére,",
         "144. cikkének (5) bekezdésére"),
        ("fi", "ottaa huomioon työjärjestyksen 150 artiklan 5 kohdan,", "150 artiklan 5 kohdan"),
        ("lv", "ņemot vērā Reglamenta 144. panta 5. punktu,", "144. panta 5. punktu"),
    ],
)
def test_subdivisions_written_number_first_belong_to_the_article(
    language: str, text: str, surface: str
) -> None:
    assert (surface, "LegalProvision") in unit_mentions(language, text, UnitKind.CITATION)


def test_a_number_before_another_word_is_no_article() -> None:
    found = unit_mentions("lt", "kadangi 307 žmonės buvo suimti ir 12 straipsnių paskelbta;")
    assert not any(t == "LegalProvision" for _, t in found), found


def test_a_language_that_writes_the_head_first_is_not_read_number_first() -> None:
    """English has no heads_after_number: "30 Articles" stays no provision."""
    found = unit_mentions("en", "whereas 30 Articles of the draft were amended;")
    assert ("30 Articles", "LegalProvision") not in found


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("hu", "mivel a tervezet 12 cikk módosítását javasolja;"),  # no ordinal stop: a count
        ("lv", "tā kā likumprojektā ir 12 panti;"),
        ("fi", "ottaa huomioon, että luonnoksessa on 12 artiklaa;"),
    ],
)
def test_a_count_of_articles_is_no_article(language: str, text: str) -> None:
    found = unit_mentions(language, text)
    assert not any(t == "LegalProvision" for _, t in found), found
