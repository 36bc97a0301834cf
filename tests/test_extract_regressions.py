"""One regression test per extraction bug fixed (each once produced the wrong span,
type or role shown in its comment)."""

from __future__ import annotations

import datetime as _dt

import pytest

from graph.extract import extract
from graph.model import Document, DocumentMeta, EntityType, Source, Unit, UnitKind


def mentions(language: str, text: str) -> set[tuple[str, str]]:
    unit = Unit("u_1", UnitKind.RECITAL, "A", 1, text)
    meta = DocumentMeta(None, None, _dt.date(2022, 1, 1), None, None, None, language)
    doc = Document(meta, (unit,), (), Source("", "text/plain", "<t>", "", "utf-8"))
    return {(m.surface, m.type.value) for m in extract(doc)}


CASES = [
    # an acronym glued to a place by a hyphen is not the EU ("UE-Kazahstan")
    (
        "ro",
        "având în vedere APCC (UE) și Dialogul UE-Georgia privind drepturile omului",
        ("UE-Georgia", None),
    ),
    # "îndeamnă" once read as an adjective of nationality before "autoritățile"
    ("ro", "îndeamnă autoritățile să permită pluralismul politic", ("îndeamnă autoritățile", None)),
    # a surname alone after "lui"
    ("ro", "avocații lui Vasilescu au fost arestați", ("Vasilescu", "Person")),
    # an English possessive is not part of the name
    (
        "en",
        "whereas Saniya Orlova, a journalist at RFE/RL's Almaty service",
        ("RFE/RL", "MediaOutlet"),
    ),
    # "Nobel Peace Prize" is not a person
    ("en", "co-founded by Nobel Peace Prize laureate Shirin Tavakoli", ("Nobel Peace Prize", None)),
    # a party name ends at "and the": two movements
    (
        "en",
        "whereas the opposition movement Free Forum and the Civic Party were banned",
        ("Free Forum", "Movement"),
    ),
    # a body's name does not run over a verb in English title case
    (
        "en",
        "whereas the Union Election Commission dissolved the League for Democracy",
        ("Union Election Commission", "StateBody"),
    ),
    # "ONG-uri independente …" is a cue, not a name
    (
        "ro",
        "întrucât mai multe ONG-uri independente, printre care Vigilia, au fost amendate",
        ("Vigilia", "NGO"),
    ),
    # a French article list with paragraphs and elided determiners
    (
        "fr",
        "vu l'article 144, paragraphe 5, et l'article 132, paragraphe 4, "
        "de son règlement intérieur",
        ("article 132, paragraphe 4", "LegalProvision"),
    ),
]


@pytest.mark.parametrize(("language", "text", "expected"), CASES)
def test_regression(language: str, text: str, expected: tuple[str, str | None]) -> None:
    found = mentions(language, text)
    surface, type_ = expected
    if type_ is None:
        assert not any(s == surface for s, _ in found), found
    else:
        assert (surface, type_) in found, found


def test_collected_every_case() -> None:
    assert len(CASES) == 9


def test_role_does_not_jump_over_a_conjunction() -> None:
    """ "X, soția lui Y, și jurnalista Z": Y is no journalist."""
    text = (
        "întrucât Nodira Petrova, soția lui Ion Petrov, și jurnalista Ana Petrova au fost hărțuite"
    )
    unit = Unit("u_1", UnitKind.RECITAL, "A", 1, text)
    meta = DocumentMeta(None, None, None, None, None, None, "ro")
    doc = Document(meta, (unit,), (), Source("", "text/plain", "<t>", "", "utf-8"))
    roles = {
        m.surface: dict(m.attrs).get("role") for m in extract(doc) if m.type is EntityType.PERSON
    }
    assert roles == {"Nodira Petrova": None, "Ion Petrov": None, "Ana Petrova": "Journalist"}
