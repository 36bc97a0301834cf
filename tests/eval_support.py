"""Scoring extraction against a gold file (tests/gold/*.json): precision, recall and
F1 per entity type, a mention counting as found only with its exact span and type.

The gold stores each unit's text; the document is rebuilt from those texts, so the
score measures extraction alone, whatever the segmenter does.
"""

from __future__ import annotations

import datetime as _dt
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from graph.extract import extract
from graph.model import Document, DocumentMeta, EntityType, Mention, Source, Unit, UnitKind

GOLD = Path(__file__).resolve().parent / "gold"
CORE = ("Person", "Movement", "NGO", "Law", "LegalProvision", "EUInstrument")

_KINDS = {
    "cit": UnitKind.CITATION,
    "rec": UnitKind.RECITAL,
    "para": UnitKind.PARAGRAPH,
    "fn": UnitKind.FOOTNOTE,
}


@dataclass(frozen=True)
class Score:
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def load_gold(name: str) -> dict:
    return json.loads((GOLD / f"{name}.json").read_text(encoding="utf-8"))


def document_from_gold(gold: dict) -> Document:
    units, footnotes = [], []
    from graph.model import Footnote

    for n, u in enumerate(gold["units"], 1):
        uid = u["id"]
        if uid.startswith("fn_"):
            footnotes.append(Footnote(uid, len(footnotes) + 1, "1", u["text"], "x"))
            continue
        kind = UnitKind.SUBPARAGRAPH if "__subpara" in uid else _KINDS[uid.split("_")[0]]
        units.append(Unit(uid, kind, uid.rsplit("_", 1)[-1], n, u["text"]))
    meta = DocumentMeta(None, None, _dt.date(2000, 1, 1), None, None, None, gold["language"])
    return Document(
        meta, tuple(units), tuple(footnotes), Source("", "text/plain", "<gold>", "", "utf-8")
    )


def predict(gold: dict) -> list[Mention]:
    return extract(document_from_gold(gold))


def score(gold: dict, predicted: list[Mention]) -> dict[str, Score]:
    """Per type (and "ALL" and "CORE"), exact span-and-type matching."""
    want = Counter((m["unit"], m["start"], m["end"], m["type"]) for m in gold["mentions"])
    got = Counter((m.unit, m.start, m.end, m.type.value) for m in predicted)
    out: dict[str, Score] = {}
    groups = {t.value: (t.value,) for t in EntityType}
    groups["CORE"] = CORE
    groups["ALL"] = tuple(t.value for t in EntityType)
    for name, types in groups.items():
        w = Counter({k: v for k, v in want.items() if k[3] in types})
        g = Counter({k: v for k, v in got.items() if k[3] in types})
        tp = sum((w & g).values())
        out[name] = Score(tp, sum(g.values()) - tp, sum(w.values()) - tp)
    return out


def differences(gold: dict, predicted: list[Mention]) -> tuple[list[tuple], list[tuple]]:
    """(missed, spurious) mentions, for readable failures."""
    want = {(m["unit"], m["start"], m["end"], m["type"], m["surface"]) for m in gold["mentions"]}
    got = {(m.unit, m.start, m.end, m.type.value, m.surface) for m in predicted}
    return sorted(want - got), sorted(got - want)


def unit_mentions(
    language: str, text: str, kind: UnitKind = UnitKind.RECITAL
) -> set[tuple[str, str]]:
    """(surface, type) of every mention extracted from one unit of a one-unit document:
    what the extraction regression tests assert on."""
    unit_id, number = ("cit_1", "1") if kind is UnitKind.CITATION else ("u_1", "A")
    unit = Unit(unit_id, kind, number, 1, text)
    meta = DocumentMeta(None, None, _dt.date(2022, 1, 1), None, None, None, language)
    doc = Document(meta, (unit,), (), Source("", "text/plain", "<t>", "", "utf-8"))
    return {(m.surface, m.type.value) for m in extract(doc)}


def assert_case(found: set[tuple[str, str]], expected: tuple[str, str | None]) -> None:
    """``expected`` is (surface, type): that mention is found; (surface, None): no
    mention has that surface."""
    surface, type_ = expected
    if type_ is None:
        assert not any(s == surface for s, _ in found), found
    else:
        assert (surface, type_) in found, found
