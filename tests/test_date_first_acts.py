"""Dated acts in the languages that date an act before its kind (Hungarian, Finnish,
Estonian; Lithuanian and Latvian alike): the Parliament's resolutions and the
Council's conclusions are EU instruments with their date. Invented dates and topics
in the shapes of the EP's citations."""

from __future__ import annotations

import pytest
from eval_support import assert_case, unit_mentions

from graph.model import UnitKind

CASES = [
    ("hu", "tekintettel a Belaruszról szóló, 2021. június 3-i állásfoglalására,",
     ("2021. június 3-i állásfoglalására", "EUInstrument")),
    ("hu", "tekintettel a Tanács 2022. október 17-i következtetéseire,",
     ("Tanács 2022. október 17-i következtetéseire", "EUInstrument")),
    ("fi", "ottaa huomioon 3. kesäkuuta 2021 antamansa päätöslauselman Valko-Venäjästä,",
     ("3. kesäkuuta 2021 antamansa päätöslauselman", "EUInstrument")),
    ("fi", "ottaa huomioon neuvoston 17. lokakuuta 2022 antamat päätelmät,",
     ("neuvoston 17. lokakuuta 2022 antamat päätelmät", "EUInstrument")),
    ("et", "võttes arvesse oma 3. juuni 2021. aasta resolutsiooni Valgevene kohta,",
     ("3. juuni 2021. aasta resolutsiooni", "EUInstrument")),
    ("et", "võttes arvesse nõukogu 17. oktoobri 2022. aasta järeldusi,",
     ("nõukogu 17. oktoobri 2022. aasta järeldusi", "EUInstrument")),
]


@pytest.mark.parametrize(("language", "text", "expected"), CASES)
def test_a_date_first_act_is_an_eu_instrument(
    language: str, text: str, expected: tuple[str, str | None]
) -> None:
    assert_case(unit_mentions(language, text, UnitKind.CITATION), expected)
