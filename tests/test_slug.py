"""Entity keys (slugs) for every EU script: Greek and Cyrillic names are transliterated
(data: graph/data/transliteration.toml), so two such names never share a key — before,
every Greek or Bulgarian name became "x", "x-2"…, and one IRI stood for different
people across documents."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.extract.tokens import slug, to_latin
from graph.pipeline import analyse_path

GOLD = Path(__file__).parent / "gold"


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Αλέξης Παπαδόπουλος", "alexis-papadopoulos"),
        ("Γιώργος Ευαγγέλου", "giorgos-evangelou"),
        ("Ψυχάρης Θεοδωρίδης", "psycharis-theodoridis"),
        ("Иван Петров", "ivan-petrov"),
        ("Щерю Жечев", "shteryu-zhechev"),
        ("Ђорђе Јовановић", "djordje-jovanovic"),
        ("Maks Bokayev", "maks-bokayev"),
        ("Organizației Mondiale a Sănătății", "organizatiei-mondiale-a-sanatatii"),
    ],
)
def test_names_in_every_eu_script_get_latin_keys(name: str, key: str) -> None:
    assert slug(name) == key


def test_latin_text_is_left_as_it_is() -> None:
    assert to_latin("ab-c d") == "ab-c d"


def test_a_script_without_a_table_keeps_distinct_stable_keys() -> None:
    first, second = slug("习近平"), slug("李克强")
    assert first.startswith("x-") and second.startswith("x-")
    assert first != second
    assert slug("习近平") == first
    assert slug("—") == "x"  # no letter at all


@pytest.mark.parametrize("code", ["el", "bg"])
def test_no_entity_of_a_greek_or_bulgarian_resolution_is_keyless(code: str) -> None:
    analysis = analyse_path(GOLD / f"blind-{code}.txt")
    keys = [e.key for e in analysis.entities]
    assert keys
    assert not [k for k in keys if k == "x" or k.startswith("x-")]
    assert all(k.isascii() for k in keys)
