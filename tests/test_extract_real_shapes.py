"""Shapes met in real adopted texts (EN and RO) that the hand-written fixtures lacked.

Each case has invented names (or generic world knowledge) in the sentence shape of a
real text, and failed before the fix it pins: the wrong span, type or a false hit.
"""

from __future__ import annotations

import pytest
from eval_support import assert_case, unit_mentions

from graph.model import UnitKind

CASES = [
    # a known treaty's name ran on over "în ceea ce privește …" ("… Europeană în ceea")
    (
        "ro",
        "având în vedere articolul 7 alineatul (1) din Tratatul privind Uniunea Europeană "
        "în ceea ce privește statul de drept în Ruritania,",
        ("Tratatul privind Uniunea Europeană", "EUInstrument"),
    ),
    # … and over a spaced dash and a case number ("… Europene – 2019/1111")
    (
        "ro",
        "în temeiul articolului 258 din Tratatul privind funcționarea Uniunii Europene – "
        "2019/1111, Ruritania,",
        ("Tratatul privind funcționarea Uniunii Europene", "EUInstrument"),
    ),
    # a body's name ran over an infinitive clause into the next body
    (
        "ro",
        "având în vedere decizia Comisiei de a sesiza Curtea de Justiție a Uniunii Europene",
        ("Curtea de Justiție a Uniunii Europene", "EUBody"),
    ),
    (
        "ro",
        "având în vedere decizia Comisiei de a sesiza Curtea de Justiție a Uniunii Europene",
        ("Comisiei", "EUBody"),
    ),
    # a dated Commission recommendation is an instrument, not a state body
    (
        "ro",
        "având în vedere Recomandarea Comisiei din 3 martie 2020 privind statul de drept",
        ("Recomandarea Comisiei din 3 martie 2020", "EUInstrument"),
    ),
    (
        "en",
        "having regard to the Commission Recommendation of 3 March 2020 on the rule of law",
        ("Commission Recommendation of 3 March 2020", "EUInstrument"),
    ),
    # a numbered recommendation, and its "(UE)" series is no mention of the Union
    (
        "ro",
        "care completează Recomandărilor (UE) 2019/1234, (UE) 2019/5678 ale Comisiei",
        ("Recomandărilor (UE) 2019/1234", "EUInstrument"),
    ),
    (
        "ro",
        "care completează Recomandărilor (UE) 2019/1234, (UE) 2019/5678 ale Comisiei",
        ("UE", None),
    ),
    # a country's possessive is not part of the organisation's name; "Club" heads one
    (
        "en",
        "whereas Ion Vasilescu, chair of Armenia's Free Speech Club, was arrested",
        ("Free Speech Club", "NGO"),
    ),
    (
        "en",
        "whereas Ion Vasilescu, chair of Armenia's Free Speech Club, was arrested",
        ("Armenia", "Place"),
    ),
    # a typeset non-breaking hyphen (U+2011) inside a name
    (
        "ro",
        "întrucât avocata Ana\u2011Maria Ionescu a fost arestată",
        ("Ana\u2011Maria Ionescu", "Person"),
    ),
    # a country's former official name and its acronym
    (
        "ro",
        "hotărârea prin care se condamnă fosta Republică iugoslavă a Macedoniei (FYROM)",
        ("fosta Republică iugoslavă a Macedoniei", "Place"),
    ),
    (
        "ro",
        "hotărârea prin care se condamnă fosta Republică iugoslavă a Macedoniei (FYROM)",
        ("FYROM", "Place"),
    ),
    # a run of name words before a capitalised non-name is the front of another name
    (
        "en",
        "of 15 December 2016 on the cases of the Mardon Hill Buddhist Academy and Ion Vasilescu,",
        ("Mardon Hill Buddhist", None),
    ),
    (
        "en",
        "of 15 December 2016 on the cases of the Mardon Hill Buddhist Academy and Ion Vasilescu,",
        ("Ion Vasilescu", "Person"),
    ),
    (
        "en",
        "on mass arbitrary detention in the Xinjiang Uyghur Autonomous Region,",
        ("Uyghur Autonomous Region", None),
    ),
    (
        "en",
        "on mass arbitrary detention in the Xinjiang Uyghur Autonomous Region,",
        ("Xinjiang Uyghur Autonomous Region", "Place"),
    ),
    # Romanian: no person's name follows "din" ("… din Larung Gar")
    (
        "ro",
        "referitoare la Academia budistă din Mardon Hill și la Ion Vasilescu,",
        ("Mardon Hill", None),
    ),
    (
        "ro",
        "referitoare la Academia budistă din Mardon Hill și la Ion Vasilescu,",
        ("Ion Vasilescu", "Person"),
    ),
    # a body's run stops before a titled person coordinated with another title
    (
        "en",
        "by the President of the European Parliament Ion Vasilescu and High "
        "Representative/Vice-President Ana Dragu;",
        ("Ion Vasilescu", "Person"),
    ),
    (
        "en",
        "by the President of the European Parliament Ion Vasilescu and High "
        "Representative/Vice-President Ana Dragu;",
        ("High Representative/Vice-President", "EUBody"),
    ),
    (
        "en",
        "by the President of the European Parliament Ion Vasilescu and High "
        "Representative/Vice-President Ana Dragu;",
        ("Ana Dragu", "Person"),
    ),
    # dated acts: the European Council's conclusions, a day range, a topic before the
    # date, the Parliament's own recommendation
    (
        "en",
        "having regard to the European Council conclusions of 21-22 October 2021,",
        ("European Council conclusions of 21-22 October 2021", "EUInstrument"),
    ),
    (
        "en",
        "and to the Council conclusions on Moldova of 12 October 2020,",
        ("Council conclusions on Moldova of 12 October 2020", "EUInstrument"),
    ),
    (
        "ro",
        "având în vedere concluziile Consiliului privind Moldova din 12 octombrie 2020,",
        ("concluziile Consiliului privind Moldova din 12 octombrie 2020", "EUInstrument"),
    ),
    (
        "en",
        "having regard to its recommendation of 21 October 2020 to the Council,",
        ("recommendation of 21 October 2020", "EUInstrument"),
    ),
    (
        "ro",
        "având în vedere recomandarea sa din 21 octombrie 2020 adresată Consiliului,",
        ("recomandarea sa din 21 octombrie 2020", "EUInstrument"),
    ),
    # a constitution named with its state is a law; a bare one is not
    (
        "en",
        "having regard to the Constitution of the Republic of Moldova,",
        ("Constitution of the Republic of Moldova", "Law"),
    ),
    (
        "ro",
        "având în vedere Constituția Republicii Moldova,",
        ("Constituția Republicii Moldova", "Law"),
    ),
    ("en", "rights guaranteed by the Constitution and by law", ("Constitution", None)),
    # international offices and fora known by their usual names
    (
        "en",
        "having regard to the statements of the UN Secretary-General of 10 August 2020,",
        ("UN Secretary-General", "InternationalOrganisation"),
    ),
    (
        "en",
        "having regard to the G7 Foreign Ministers' statement of 4 November 2022,",
        ("G7", "InternationalOrganisation"),
    ),
    (
        "en",
        "having regard to the statement by the OSCE Media Freedom Representative,",
        ("OSCE Media Freedom Representative", "InternationalOrganisation"),
    ),
    # a lower-case law "de modificare a …" (amending) with its subject
    (
        "ro",
        "Încălcarea dreptului Uniunii prin legea de modificare a legislației privind "
        "organizarea instanțelor,",
        ("legea de modificare a legislației privind organizarea instanțelor", "Law"),
    ),
    # an organisation's numbered resolution is an international instrument
    (
        "en",
        "having regard to United Nations Security Council Resolution 1325 on women,",
        ("United Nations Security Council Resolution 1325", "InternationalInstrument"),
    ),
    (
        "en",
        "having regard to PACE Resolution 2254 (2019) on media freedom,",
        ("PACE Resolution 2254 (2019)", "InternationalInstrument"),
    ),
    (
        "ro",
        "având în vedere Rezoluția 1325 a Consiliului de Securitate al ONU privind femeile,",
        ("Rezoluția 1325 a Consiliului de Securitate al ONU", "InternationalInstrument"),
    ),
    # numbered acts enumerated after a plural head: one mention each
    (
        "ro",
        "în completarea Recomandărilor (UE) 2019/1234, (UE) 2019/5678 și (UE) 2020/9 ale Comisiei,",
        ("(UE) 2019/5678", "EUInstrument"),
    ),
    (
        "ro",
        "în completarea Recomandărilor (UE) 2019/1234, (UE) 2019/5678 și (UE) 2020/9 ale Comisiei,",
        ("(UE) 2020/9", "EUInstrument"),
    ),
    (
        "en",
        "having regard to Council Regulations (EU) 2020/1998 and (EU) 2020/1999,",
        ("Council Regulations (EU) 2020/1998", "EUInstrument"),
    ),
    (
        "en",
        "having regard to Council Regulations (EU) 2020/1998 and (EU) 2020/1999,",
        ("(EU) 2020/1999", "EUInstrument"),
    ),
    (
        "en",
        "having regard to Council Regulations (EU) 2020/1998 and (EU) 2020/1999,",
        ("Council Regulations", None),
    ),
    # the Parliament's Conference of Presidents; the Eastern Partnership
    (
        "en",
        "having regard to the decision of its Conference of Presidents to award the prize,",
        ("Conference of Presidents", "EUBody"),
    ),
    (
        "ro",
        "rolul crucial al societății civile în țările Parteneriatului estic,",
        ("Parteneriatului estic", "EUInstrument"),
    ),
    # … and before a person's name that closes the run ("the X Government A B, 75,")
    (
        "en",
        "whereas the writer and critic of the Algerian Government Ion Vasilescu, 75, has "
        "been detained",
        ("Ion Vasilescu", "Person"),
    ),
    (
        "en",
        "whereas the writer and critic of the Algerian Government Ion Vasilescu, 75, has "
        "been detained",
        ("Algerian Government", "StateBody"),
    ),
    # a word barred from names only by another language's place name ("San") stays
    # inside a name between two name words
    (
        "en",
        "having regard to the further sentencing of Thura San Min Htet of 29 September 2022,",
        ("Thura San Min Htet", "Person"),
    ),
]


@pytest.mark.parametrize(("language", "text", "expected"), CASES)
def test_real_shape(language: str, text: str, expected: tuple[str, str | None]) -> None:
    assert_case(unit_mentions(language, text, UnitKind.CITATION), expected)
