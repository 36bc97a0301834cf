# ruff: noqa: E501  (a table of sentences, one per language)
"""Every EU language: a small resolution written with the EP's formulae in that language.

Each case gives the title line, two citations, two recitals and two paragraphs as the
EP prints them; the segmenter must detect the language, find the units and read the
date. The table is written by hand (not generated from the profiles it tests).
"""

from __future__ import annotations

import datetime as dt

import pytest

from graph.lang import SUPPORTED, detect_language
from graph.model import Source, UnitKind
from graph.segment import segment

DATE = dt.date(2021, 2, 11)

# code: (long title, citation 1, citation 2, recital A, recital B, paragraph 1, paragraph 2)
CASES: dict[str, tuple[str, ...]] = {
    "ro": (
        "Rezoluția Parlamentului European din 11 februarie 2021 referitoare la situația din Ruritania (2021/2544(RSP))",
        "având în vedere rezoluțiile sale anterioare,",
        "având în vedere articolul 144 din Regulamentul său de procedură,",
        "întrucât situația s-a deteriorat;",
        "întrucât protestatarii au fost arestați;",
        "condamnă arestările;",
        "încredințează Președintelui sarcina de a transmite prezenta rezoluție.",
    ),
    "en": (
        "European Parliament resolution of 11 February 2021 on the situation in Ruritania (2021/2544(RSP))",
        "having regard to its previous resolutions,",
        "having regard to Rule 144 of its Rules of Procedure,",
        "whereas the situation has deteriorated;",
        "whereas protesters have been arrested;",
        "Condemns the arrests;",
        "Instructs its President to forward this resolution.",
    ),
    "fr": (
        "Résolution du Parlement européen du 11 février 2021 sur la situation en Ruritanie (2021/2544(RSP))",
        "vu ses résolutions antérieures,",
        "vu l’article 144 de son règlement intérieur,",
        "considérant que la situation s’est dégradée;",
        "considérant que des manifestants ont été arrêtés;",
        "condamne les arrestations;",
        "charge sa présidente de transmettre la présente résolution.",
    ),
    "de": (
        "Entschließung des Europäischen Parlaments vom 11. Februar 2021 zur Lage in Ruritanien (2021/2544(RSP))",
        "unter Hinweis auf seine früheren Entschließungen,",
        "gestützt auf Artikel 144 seiner Geschäftsordnung,",
        "in der Erwägung, dass sich die Lage verschlechtert hat;",
        "in der Erwägung, dass Demonstranten festgenommen wurden;",
        "verurteilt die Festnahmen;",
        "beauftragt seinen Präsidenten, diese Entschließung zu übermitteln.",
    ),
    "es": (
        "Resolución del Parlamento Europeo, de 11 de febrero de 2021, sobre la situación en Ruritania (2021/2544(RSP))",
        "Vistas sus anteriores resoluciones,",
        "Visto el artículo 144 de su Reglamento interno,",
        "Considerando que la situación se ha deteriorado;",
        "Considerando que se ha detenido a manifestantes;",
        "Condena las detenciones;",
        "Encarga a su presidente que transmita la presente Resolución.",
    ),
    "it": (
        "Risoluzione del Parlamento europeo dell'11 febbraio 2021 sulla situazione in Ruritania (2021/2544(RSP))",
        "viste le sue precedenti risoluzioni,",
        "visto l'articolo 144 del suo regolamento,",
        "considerando che la situazione è peggiorata;",
        "considerando che sono stati arrestati manifestanti;",
        "condanna gli arresti;",
        "incarica il suo Presidente di trasmettere la presente risoluzione.",
    ),
    "pt": (
        "Resolução do Parlamento Europeu, de 11 de fevereiro de 2021, sobre a situação na Ruritânia (2021/2544(RSP))",
        "Tendo em conta as suas anteriores resoluções,",
        "Tendo em conta o artigo 144.º do seu Regimento,",
        "Considerando que a situação se deteriorou;",
        "Considerando que foram detidos manifestantes;",
        "Condena as detenções;",
        "Encarrega o seu Presidente de transmitir a presente resolução.",
    ),
    "nl": (
        "Resolutie van het Europees Parlement van 11 februari 2021 over de situatie in Ruritanië (2021/2544(RSP))",
        "gezien zijn eerdere resoluties,",
        "gezien artikel 144 van zijn Reglement,",
        "overwegende dat de situatie is verslechterd;",
        "overwegende dat demonstranten zijn gearresteerd;",
        "veroordeelt de arrestaties;",
        "verzoekt zijn Voorzitter deze resolutie te doen toekomen.",
    ),
    "pl": (
        "Rezolucja Parlamentu Europejskiego z dnia 11 lutego 2021 r. w sprawie sytuacji w Ruritanii (2021/2544(RSP))",
        "uwzględniając swoje poprzednie rezolucje,",
        "uwzględniając art. 144 Regulaminu,",
        "mając na uwadze, że sytuacja się pogorszyła;",
        "mając na uwadze, że aresztowano demonstrantów;",
        "potępia aresztowania;",
        "zobowiązuje swojego przewodniczącego do przekazania niniejszej rezolucji.",
    ),
    "cs": (
        "Usnesení Evropského parlamentu ze dne 11. února 2021 o situaci v Ruritánii (2021/2544(RSP))",
        "s ohledem na svá předchozí usnesení,",
        "s ohledem na článek 144 jednacího řádu,",
        "vzhledem k tomu, že se situace zhoršila;",
        "vzhledem k tomu, že byli zatčeni demonstranti;",
        "odsuzuje zatčení;",
        "pověřuje svého předsedu, aby toto usnesení předal.",
    ),
    "sk": (
        "Uznesenie Európskeho parlamentu z 11. februára 2021 o situácii v Ruritánii (2021/2544(RSP))",
        "so zreteľom na svoje predchádzajúce uznesenia,",
        "so zreteľom na článok 144 rokovacieho poriadku,",
        "keďže sa situácia zhoršila;",
        "keďže boli zatknutí demonštranti;",
        "odsudzuje zatknutia;",
        "poveruje svojho predsedu, aby postúpil toto uznesenie.",
    ),
    "sl": (
        "Resolucija Evropskega parlamenta z dne 11. februarja 2021 o razmerah v Ruritaniji (2021/2544(RSP))",
        "ob upoštevanju svojih prejšnjih resolucij,",
        "ob upoštevanju člena 144 Poslovnika,",
        "ker so se razmere poslabšale;",
        "ker so bili protestniki aretirani;",
        "obsoja aretacije;",
        "naroči svojemu predsedniku, naj to resolucijo posreduje.",
    ),
    "hr": (
        "Rezolucija Europskog parlamenta od 11. veljače 2021. o stanju u Ruritaniji (2021/2544(RSP))",
        "uzimajući u obzir svoje prethodne rezolucije,",
        "uzimajući u obzir članak 144. Poslovnika,",
        "budući da se stanje pogoršalo;",
        "budući da su prosvjednici uhićeni;",
        "osuđuje uhićenja;",
        "nalaže svojem predsjedniku da ovu rezoluciju proslijedi.",
    ),
    "hu": (
        "Az Európai Parlament 2021. február 11-i állásfoglalása a ruritániai helyzetről (2021/2544(RSP))",
        "tekintettel korábbi állásfoglalásaira,",
        "tekintettel eljárási szabályzata 144. cikkére,",
        "mivel a helyzet romlott;",
        "mivel tüntetőket tartóztattak le;",
        "elítéli a letartóztatásokat;",
        "utasítja elnökét, hogy továbbítsa ezt az állásfoglalást.",
    ),
    "bg": (
        "Резолюция на Европейския парламент от 11 февруари 2021 г. относно положението в Рурития (2021/2544(RSP))",
        "като взе предвид предишните си резолюции,",
        "като взе предвид член 144 от своя правилник,",
        "като има предвид, че положението се е влошило;",
        "като има предвид, че протестиращи са арестувани;",
        "осъжда арестите;",
        "възлага на своя председател да предаде настоящата резолюция.",
    ),
    "el": (
        "Ψήφισμα του Ευρωπαϊκού Κοινοβουλίου της 11ης Φεβρουαρίου 2021 σχετικά με την κατάσταση στη Ρουριτανία (2021/2544(RSP))",
        "έχοντας υπόψη τα προηγούμενα ψηφίσματά του,",
        "έχοντας υπόψη το άρθρο 144 του Κανονισμού του,",
        "λαμβάνοντας υπόψη ότι η κατάσταση επιδεινώθηκε·",
        "λαμβάνοντας υπόψη ότι συνελήφθησαν διαδηλωτές·",
        "καταδικάζει τις συλλήψεις·",
        "αναθέτει στον Πρόεδρό του να διαβιβάσει το παρόν ψήφισμα.",
    ),
    "lt": (
        "2021 m. vasario 11 d. Europos Parlamento rezoliucija dėl padėties Ruritanijoje (2021/2544(RSP))",
        "atsižvelgdamas į ankstesnes savo rezoliucijas,",
        "atsižvelgdamas į Darbo tvarkos taisyklių 144 straipsnį,",
        "kadangi padėtis pablogėjo;",
        "kadangi buvo suimti protestuotojai;",
        "smerkia suėmimus;",
        "paveda Pirmininkui perduoti šią rezoliuciją.",
    ),
    "lv": (
        "Eiropas Parlamenta 2021. gada 11. februāra rezolūcija par situāciju Rurītānijā (2021/2544(RSP))",
        "ņemot vērā iepriekšējās rezolūcijas,",
        "ņemot vērā Reglamenta 144. pantu,",
        "tā kā situācija ir pasliktinājusies;",
        "tā kā ir aizturēti protestētāji;",
        "nosoda aizturēšanu;",
        "uzdod priekšsēdētājam nosūtīt šo rezolūciju.",
    ),
    "et": (
        "Euroopa Parlamendi 11. veebruari 2021. aasta resolutsioon olukorra kohta Ruritaanias (2021/2544(RSP))",
        "võttes arvesse oma varasemaid resolutsioone,",
        "võttes arvesse kodukorra artiklit 144,",
        "arvestades, et olukord on halvenenud;",
        "arvestades, et meeleavaldajaid on vahistatud;",
        "mõistab vahistamised hukka;",
        "teeb presidendile ülesandeks edastada käesolev resolutsioon.",
    ),
    "fi": (
        "Euroopan parlamentin päätöslauselma 11. helmikuuta 2021 Ruritanian tilanteesta (2021/2544(RSP))",
        "ottaa huomioon aiemmat päätöslauselmansa,",
        "ottaa huomioon työjärjestyksen 144 artiklan,",
        "ottaa huomioon, että tilanne on heikentynyt;",
        "ottaa huomioon, että mielenosoittajia on pidätetty;",
        "tuomitsee pidätykset;",
        "kehottaa puhemiestä välittämään tämän päätöslauselman.",
    ),
    "sv": (
        "Europaparlamentets resolution av den 11 februari 2021 om situationen i Ruritanien (2021/2544(RSP))",
        "med beaktande av sina tidigare resolutioner,",
        "med beaktande av artikel 144 i arbetsordningen,",
        "Situationen har försämrats.",
        "Demonstranter har gripits.",
        "Europaparlamentet fördömer gripandena.",
        "Europaparlamentet uppdrar åt talmannen att översända denna resolution.",
    ),
    "da": (
        "Europa-Parlamentets beslutning af 11. februar 2021 om situationen i Ruritanien (2021/2544(RSP))",
        "der henviser til sine tidligere beslutninger,",
        "der henviser til forretningsordenens artikel 144,",
        "der henviser til, at situationen er blevet forværret;",
        "der henviser til, at demonstranter er blevet anholdt;",
        "fordømmer anholdelserne;",
        "pålægger sin formand at sende denne beslutning.",
    ),
    "mt": (
        "Riżoluzzjoni tal-Parlament Ewropew tal-11 ta' Frar 2021 dwar is-sitwazzjoni fir-Ruritanja (2021/2544(RSP))",
        "wara li kkunsidra r-riżoluzzjonijiet preċedenti tiegħu,",
        "wara li kkunsidra l-Artikolu 144 tar-Regoli ta' Proċedura tiegħu,",
        "billi s-sitwazzjoni marret għall-agħar;",
        "billi ġew arrestati dimostranti;",
        "jikkundanna l-arresti;",
        "jagħti istruzzjonijiet lill-President tiegħu biex jgħaddi din ir-riżoluzzjoni.",
    ),
    "ga": (
        "Rún ó Pharlaimint na hEorpa an 11 Feabhra 2021 maidir leis an staid in Ruritania (2021/2544(RSP))",
        "ag féachaint dá rúin roimhe seo,",
        "ag féachaint do Riail 144 dá Rialacha Nós Imeachta,",
        "de bhrí go bhfuil an staid tar éis dul in olcas;",
        "de bhrí gur gabhadh lucht agóide;",
        "cáineann sé na gabhálacha;",
        "á threorú dá hUachtarán an rún seo a chur ar aghaidh.",
    ),
}

# How each language's Official Journal reference reads (the footnote of citation 1).
OJ = {
    "ro": "JO C 23, 21.1.2021, p. 83", "en": "OJ C 23, 21.1.2021, p. 83",
    "fr": "JO C 23 du 21.1.2021, p. 83", "de": "ABl. C 23 vom 21.1.2021, S. 83",
    "es": "DO C 23 de 21.1.2021, p. 83", "it": "GU C 23 del 21.1.2021, pag. 83",
    "pt": "JO C 23 de 21.1.2021, p. 83", "nl": "PB C 23 van 21.1.2021, blz. 83",
    "pl": "Dz.U. C 23 z 21.1.2021, s. 83", "cs": "Úř. věst. C 23, 21.1.2021, s. 83",
    "sk": "Ú. v. EÚ C 23, 21.1.2021, s. 83", "sl": "UL C 23, 21.1.2021, str. 83",
    "hr": "SL C 23, 21.1.2021., str. 83", "hu": "HL C 23., 2021.1.21., 83. o.",
    "bg": "ОВ C 23, 21.1.2021 г., стр. 83", "el": "ΕΕ C 23 της 21.1.2021, σ. 83",
    "lt": "OL C 23, 2021 1 21, p. 83", "lv": "OV C 23, 21.1.2021., 83. lpp.",
    "et": "ELT C 23, 21.1.2021, lk 83", "fi": "EUVL C 23, 21.1.2021, s. 83",
    "sv": "EUT C 23, 21.1.2021, s. 83", "da": "EUT C 23 af 21.1.2021, s. 83",
    "mt": "ĠU C 23, 21.1.2021, p. 83", "ga": "IO C 23, 21.1.2021, lch. 83",
}

# Recital letters as printed: Greek and Bulgarian texts letter their recitals in their script.
LETTERS = {"el": ("Α", "Β"), "bg": ("А", "Б")}


def _document(code: str) -> str:
    title, cit1, cit2, rec_a, rec_b, para1, para2 = CASES[code]
    a, b = LETTERS.get(code, ("A", "B"))
    return "\n".join(
        [
            "P9_TA(2021)0056",
            "",
            "Ruritania",
            "",
            title,
            "",
            f"– {cit1[:-1]}¹{cit1[-1]}",
            f"– {cit2}",
            "",
            f"¹ {OJ[code]}.",
            "",
            f"{a}. {rec_a}",
            f"{b}. {rec_b}",
            f"1. {para1}",
            f"2. {para2}",
            "",
        ]
    )


def test_every_supported_language_has_a_case():
    assert sorted(CASES) == sorted(SUPPORTED) == sorted(OJ)
    assert len(CASES) == 24


@pytest.mark.parametrize("code", sorted(CASES))
def test_language(code):
    text = _document(code)
    assert detect_language(text) == code
    document = segment(Source(text, "text/plain", f"{code}.txt", "", "utf-8"))
    kinds = [u.kind for u in document.units]
    assert kinds == [UnitKind.CITATION] * 2 + [UnitKind.RECITAL] * 2 + [UnitKind.PARAGRAPH] * 2, (
        code
    )
    assert document.units[2].text == CASES[code][3]
    assert document.units[5].text == CASES[code][6]
    assert document.meta.language == code
    assert document.meta.date == DATE, code
    assert document.meta.long_title == CASES[code][0]
    assert document.meta.procedure == "2021/2544(RSP)"
    assert document.meta.title == "Ruritania"
    (footnote,) = document.footnotes
    assert (footnote.unit, footnote.oj_reference) == ("cit_1", OJ[code])
    assert document.units[0].text == CASES[code][1]
