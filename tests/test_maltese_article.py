"""The Maltese article ("l-", "il-", "tal-", "lill-", "għall-"…) is a token of its own,
as the French "l'" is, so names after it start at their capitalised word; Arabic
prefixes written the same way ("al-", "el-", "bin-") and other languages' hyphenated
words stay whole. Invented names in the shapes of the EP's texts."""

from __future__ import annotations

from eval_support import unit_mentions

from graph.extract.tokens import tokenize


def _words(text: str) -> list[str]:
    return [t.text for t in tokenize(text)]


def test_the_maltese_article_is_a_token_of_its_own() -> None:
    assert _words("lill-Kummissjoni tal-Kodiċi u l-awtoritajiet, Il-Parlament għall-Unjoni") == [
        "lill-", "Kummissjoni", "tal-", "Kodiċi", "u", "l-", "awtoritajiet", ",",
        "Il-", "Parlament", "għall-", "Unjoni",
    ]  # fmt: skip
    assert _words("f'Bishkek") == ["f'", "Bishkek"]
    assert _words("billi r-Rapporteur ta' Sħubija") == [
        "billi", "r-", "Rapporteur", "ta'", "Sħubija",
    ]  # fmt: skip


def test_other_prefixes_and_hyphenated_words_stay_whole() -> None:
    assert _words("al-Nashiri el-Sisi bin-Laden s-a într-o Jean-Luc") == [
        "al-Nashiri", "el-Sisi", "bin-Laden", "s-a", "într-o", "Jean-Luc",
    ]  # fmt: skip


def test_a_maltese_article_and_its_law() -> None:
    found = unit_mentions(
        "mt",
        "billi l-ġurnalist Aibek Toktosunov ġie akkużat taħt l-Artikolu 330 tal-Kodiċi "
        "Kriminali tal-Kirgiżistan;",
    )
    assert ("Artikolu 330", "LegalProvision") in found
    assert ("Aibek Toktosunov", "Person") in found
    assert any(t == "Law" and s.startswith("Kodiċi Kriminali") for s, t in found), found
