"""Hand-made analyses for the graph tests: they exercise every part of the RDF
contract without depending on the segmenter or the extractors."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable

from pyoxigraph import Literal, NamedNode, Quad

from graph.model import (
    Analysis,
    Document,
    DocumentMeta,
    Entity,
    EntityType,
    Footnote,
    Mention,
    Relation,
    Source,
    Statement,
    Unit,
    UnitKind,
)

CIT = "având în vedere rezoluția sa din 14 martie 2019 referitoare la Kazahstan"
REC = "întrucât Ivan Petrov a fost condamnat în temeiul articolului 174 din Codul penal"
PARA = "solicită eliberarea imediată a lui Ivan Petrov;"
SUB = "invită Comisia să monitorizeze situația din Kazahstan;"
FN = "JO C 23, 21.1.2021, p. 83."


def _mention(unit: str, text: str, surface: str, etype: EntityType, nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return Mention(unit, start, start + len(surface), surface, etype)


def small_analysis(language: str = "ro", doc_id: str | None = "TA-9-2021-0056") -> Analysis:
    text = "\n".join([CIT, REC, PARA, SUB, FN])
    source = Source(
        text=text,
        media_type="text/plain",
        origin="small.txt",
        sha256=hashlib.sha256(text.encode()).hexdigest(),
        encoding="utf-8",
    )
    meta = DocumentMeta(
        local_id="P9_TA(2021)0056",
        doc_id=doc_id,
        date=dt.date(2021, 2, 11),
        procedure="2021/2544(RSP)",
        title="Situația drepturilor omului în Kazahstan",
        long_title="Rezoluția Parlamentului European din 11 februarie 2021",
        language=language,
    )
    units = (
        Unit("cit_1", UnitKind.CITATION, "1", 1, CIT, footnotes=("fn_1",)),
        Unit("rec_A", UnitKind.RECITAL, "A", 2, REC),
        Unit("para_1", UnitKind.PARAGRAPH, "1", 3, PARA),
        Unit("para_1__subpara_1", UnitKind.SUBPARAGRAPH, "1", 4, SUB, parent="para_1"),
    )
    footnotes = (
        Footnote("fn_1", 1, "¹", FN, "cit_1", oj_reference="JO C 23, 21.1.2021, p. 83"),
    )
    document = Document(meta, units, footnotes, source)
    person = Entity(
        "ivan-petrov",
        EntityType.PERSON,
        "Ivan Petrov",
        alt_labels=("lui Ivan Petrov",),
        roles=("PoliticalPrisoner",),
        mentions=(
            _mention("rec_A", REC, "Ivan Petrov", EntityType.PERSON),
            _mention("para_1", PARA, "lui Ivan Petrov", EntityType.PERSON),
        ),
    )
    law = Entity(
        "codul-penal",
        EntityType.LAW,
        "Codul penal",
        mentions=(_mention("rec_A", REC, "Codul penal", EntityType.LAW),),
    )
    article = Entity(
        "codul-penal-art-174",
        EntityType.LEGAL_PROVISION,
        "articolul 174 din Codul penal",
        alt_labels=("articolului 174 din Codul penal",),
        part_of=(EntityType.LAW, "codul-penal"),
        mentions=(
            _mention("rec_A", REC, "articolului 174 din Codul penal", EntityType.LEGAL_PROVISION),
        ),
    )
    commission = Entity(
        "comisia-europeana",
        EntityType.EU_BODY,
        "Comisia Europeană",
        alt_labels=("Comisia",),
        mentions=(_mention("para_1__subpara_1", SUB, "Comisia", EntityType.EU_BODY),),
    )
    place = Entity(
        "kazahstan",
        EntityType.PLACE,
        "Kazahstan",
        mentions=(
            _mention("cit_1", CIT, "Kazahstan", EntityType.PLACE),
            _mention("para_1__subpara_1", SUB, "Kazahstan", EntityType.PLACE),
        ),
    )
    statements = (
        Statement("para_1", "CallsOn"),
        Statement("para_1__subpara_1", "CallsOn", ((EntityType.EU_BODY, "comisia-europeana"),)),
    )
    relations = (
        Relation(None, "callsForReleaseOf", (EntityType.PERSON, "ivan-petrov"), "para_1"),
        Relation(
            (EntityType.PERSON, "ivan-petrov"),
            "chargedUnder",
            (EntityType.LEGAL_PROVISION, "codul-penal-art-174"),
            "rec_A",
        ),
    )
    return Analysis(
        document, (person, law, article, commission, place), statements, relations
    )


#: A way of damaging a built graph, for the validation tests.
Mutation = Callable[[list[Quad]], list[Quad]]


def drop(subject: str | None, pred: str, obj: str | None = None) -> Mutation:
    """Remove the statements of ``pred`` (of ``subject`` and to ``obj``, when given)."""

    def mutate(quads: list[Quad]) -> list[Quad]:
        return [
            q for q in quads
            if not (q.predicate.value == pred
                    and (subject is None or q.subject.value == subject)
                    and (obj is None or q.object.value == obj))
        ]  # fmt: skip

    return mutate


def set_object(subject: str, pred: str, new: NamedNode | Literal) -> Mutation:
    """Give every ``pred`` statement of ``subject`` the object ``new``."""

    def mutate(quads: list[Quad]) -> list[Quad]:
        return [
            Quad(q.subject, q.predicate, new, q.graph_name)
            if q.subject.value == subject and q.predicate.value == pred else q
            for q in quads
        ]  # fmt: skip

    return mutate


def add(*triples: tuple[str, str, NamedNode | Literal]) -> Mutation:
    """Add statements to the graph the others are in."""

    def mutate(quads: list[Quad]) -> list[Quad]:
        graph = quads[0].graph_name
        return quads + [Quad(NamedNode(s), NamedNode(p), o, graph) for s, p, o in triples]

    return mutate
