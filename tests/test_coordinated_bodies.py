"""Bodies coordinated after a country written before its head ("Kirgisian
presidentille ja hallitukselle", "Belarusz elnökét és kormányát"): each head names a
body of that country, as "the President and Government of X" does where the country
comes last. Invented sentences in the shapes of the EP's texts."""

from __future__ import annotations

import pytest
from eval_support import unit_mentions

from graph.model import UnitKind

CASES = [
    ("fi", "kehottaa Valko-Venäjän presidentille ja hallitukselle osoitettuja vaatimuksia;",
     {("Valko-Venäjän presidentille", "StateBody"), ("hallitukselle", "StateBody")}),
    ("sv", "uppmanar Belarus president och regering att frige fångarna;",
     {("Belarus president", "StateBody"), ("regering", "StateBody")}),
    ("hu", "felszólítja Belarusz elnökét és kormányát, hogy engedje szabadon a foglyokat;",
     {("Belarusz elnökét", "StateBody"), ("kormányát", "StateBody")}),
    ("lt", "ragina Baltarusijos prezidentą ir vyriausybę paleisti kalinius;",
     {("Baltarusijos prezidentą", "StateBody"), ("vyriausybę", "StateBody")}),
]


@pytest.mark.parametrize(("language", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_heads_coordinated_after_a_country_first(
    language: str, text: str, expected: set[tuple[str, str]]
) -> None:
    assert expected <= unit_mentions(language, text, UnitKind.PARAGRAPH)


def test_what_follows_the_and_must_be_a_head() -> None:
    """ "the Belarusian authorities and journalists": journalists are no body."""
    found = unit_mentions("en", "calls on the Belarusian authorities and journalists to act;",
                          UnitKind.PARAGRAPH)
    assert found == {("Belarusian authorities", "StateBody")}
