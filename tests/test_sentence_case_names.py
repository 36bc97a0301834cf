"""Names that capitalise their first word only ("strana Nová volba"), in the languages
whose cue data says so (``sentence_case_names``): the one lower-case word after the
name is taken where the name plainly ends there, never an open-ended run. Invented
names in the shapes of the EP's texts."""

from __future__ import annotations

import pytest
from eval_support import assert_case, unit_mentions

CASES = [
    ("cs", "vzhledem k tomu, že opoziční strana Nová volba, jejíž předseda byl zatčen, "
           "nesmí pořádat shromáždění;", ("Nová volba", "Movement")),
    ("sk", "keďže mimovládna organizácia Otvorený dialóg a nezávislé médiá boli zrušené;",
     ("Otvorený dialóg", "NGO")),
    ("fr", "considérant que le mouvement Front populaire a été dissous;",
     ("Front populaire", "Movement")),
    # an unknown verb after the name: the name stays its capitalised word
    ("cs", "vzhledem k tomu, že strana Nová volba požaduje propuštění vězňů;",
     ("Nová volba požaduje", None)),
    ("cs", "vzhledem k tomu, že strana Nová volba požaduje propuštění vězňů;",
     ("Nová", "Movement")),
    # two lower-case words: not taken (one at most)
    ("sk", "keďže strana Slobodná vlasť národa, ktorú vedie opozícia, bola zakázaná;",
     ("Slobodná vlasť národa", None)),
    # a language whose names capitalise every word is left as it was
    ("en", "whereas the opposition party Free homeland, whose leader was arrested, is banned;",
     ("Free homeland", None)),
]


@pytest.mark.parametrize(("language", "text", "expected"), CASES)
def test_sentence_case_names(language: str, text: str, expected: tuple[str, str | None]) -> None:
    assert_case(unit_mentions(language, text), expected)
