"""The document model: the immutable values that flow through the pipeline.

read → :class:`Source`; segment → :class:`Document` (meta, units, footnotes);
extract → :class:`Mention`; resolve → :class:`Entity`, :class:`Statement`,
:class:`Relation`, gathered in an :class:`Analysis`. Each stage takes the previous
stage's value and returns a new one, so every stage can be tested on its own and
no stage reaches back.

Offsets are always counted in Unicode code points (Python ``str`` indices), which
is what NIF's ``beginIndex``/``endIndex`` mean.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from enum import StrEnum

__all__ = [
    "Source",
    "UnitKind",
    "Piece",
    "Unit",
    "Footnote",
    "DocumentMeta",
    "Document",
    "EntityType",
    "Mention",
    "Entity",
    "Statement",
    "Relation",
    "Analysis",
]


@dataclass(frozen=True, slots=True)
class Source:
    """A document as read from disk or stdin, decoded to text.

    ``text`` is what the segmenter works on: for HTML it is the visible text of the
    page (block elements separated by newlines), so offsets into a unit map back to
    ``text``, not to the raw markup.
    """

    text: str
    media_type: str  # "text/plain" or "text/html"
    origin: str  # the path as given, or "<stdin>"
    sha256: str  # of the raw bytes, for provenance
    encoding: str  # the encoding the bytes were decoded from


class UnitKind(StrEnum):
    """The kinds of structural unit of a resolution."""

    CITATION = "citation"
    RECITAL = "recital"
    PARAGRAPH = "paragraph"
    SUBPARAGRAPH = "subparagraph"
    FOOTNOTE = "footnote"


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of a unit's clean text copied from the source.

    ``clean[clean_start:clean_start+length]`` corresponds to
    ``source[source_start:source_start+length]`` (white space may have been folded
    to a single space, character for character). What lies between two pieces in
    the source was an artefact (page break, footnote block, marker) or folded
    white space.
    """

    clean_start: int
    source_start: int
    length: int


@dataclass(frozen=True, slots=True)
class Unit:
    """A structural unit: citation, recital, paragraph, subparagraph or footnote.

    ``id`` is the Akoma-Ntoso-style local id used in IRIs: ``cit_3``, ``rec_B``,
    ``para_5``, ``para_5__subpara_2``, ``fn_4``. ``label`` is the number as printed
    ("3", "B", "5", "2"); ``ordinal`` is the position in document order (1…n over
    all units but footnotes; footnotes are numbered on their own).
    """

    id: str
    kind: UnitKind
    label: str
    ordinal: int
    text: str
    pieces: tuple[Piece, ...] = ()
    parent: str | None = None
    footnotes: tuple[str, ...] = ()  # ids of the footnotes whose markers it carries

    def source_offset(self, clean_offset: int) -> int:
        """Map an offset in the clean text back to an offset in the source text."""
        for piece in reversed(self.pieces):
            if piece.clean_start <= clean_offset:
                return piece.source_start + min(clean_offset - piece.clean_start, piece.length)
        raise ValueError(f"offset {clean_offset} is before the first piece of {self.id}")


@dataclass(frozen=True, slots=True)
class Footnote:
    """A footnote, renumbered 1…n in document order (the PDF restarts per page)."""

    id: str  # "fn_1"
    number: int
    marker: str  # the marker as printed: "¹", "(1)", "1"
    text: str
    unit: str  # id of the unit that carries the marker
    oj_reference: str | None = None  # "JO C 23, 21.1.2021, p. 83"
    pieces: tuple[Piece, ...] = ()


@dataclass(frozen=True, slots=True)
class DocumentMeta:
    """What the title block says about the resolution."""

    local_id: str | None  # "P9_TA(2021)0056"
    doc_id: str | None  # "TA-9-2021-0056" (the EP's doceo / Open Data id)
    date: _dt.date | None
    procedure: str | None  # "2021/2544(RSP)"
    title: str | None  # short title
    long_title: str | None  # "Rezoluția Parlamentului European din …"
    language: str  # ISO 639-1: "ro", "en", …


@dataclass(frozen=True, slots=True)
class Document:
    """A segmented resolution."""

    meta: DocumentMeta
    units: tuple[Unit, ...]
    footnotes: tuple[Footnote, ...]
    source: Source

    def unit(self, unit_id: str) -> Unit:
        for unit in self.units:
            if unit.id == unit_id:
                return unit
        raise KeyError(unit_id)

    def contexts(self) -> tuple[tuple[str, str], ...]:
        """Every piece of text that can mention an entity: (unit or footnote id, text).

        A paragraph split into subparagraphs is left out: its text is the sum of its
        subparagraphs', and a mention belongs to the smallest unit that holds it.
        """
        parents = {u.parent for u in self.units if u.parent}
        return tuple((u.id, u.text) for u in self.units if u.id not in parents) + tuple(
            (f.id, f.text) for f in self.footnotes
        )


class EntityType(StrEnum):
    """The thirteen entity types; values are the local names of the ontology classes."""

    PERSON = "Person"
    MOVEMENT = "Movement"
    NGO = "NGO"
    TRADE_UNION = "TradeUnion"
    MEDIA_OUTLET = "MediaOutlet"
    LAW = "Law"
    LEGAL_PROVISION = "LegalProvision"
    EU_INSTRUMENT = "EUInstrument"
    INTERNATIONAL_INSTRUMENT = "InternationalInstrument"
    EU_BODY = "EUBody"
    INTERNATIONAL_ORGANISATION = "InternationalOrganisation"
    STATE_BODY = "StateBody"
    PLACE = "Place"


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of a unit's clean text that names an entity.

    ``unit`` is a unit or footnote id; ``text[start:end] == surface`` always.
    ``rule`` names the extractor rule that found it (for debugging and evaluation).
    ``attrs`` carries what the extractor learnt around the span, as (name, value)
    pairs: e.g. ``("role", "Journalist")``, ``("part_of", "Codul penal")``,
    ``("acronym", "APCC")``.
    """

    unit: str
    start: int
    end: int
    surface: str
    type: EntityType
    rule: str = ""
    attrs: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Entity:
    """A real-world entity the document names, with every mention of it.

    ``key`` is a slug unique within its type ("almat-zhumagulov"); IRIs are minted
    from (type, key) in :mod:`graph.iri` only. ``label`` is the canonical (base,
    nominative) form; ``alt_labels`` every other surface form seen. ``roles`` are
    local names of concepts of the roles scheme ("PoliticalPrisoner").
    ``part_of`` is the key of the containing entity (an article's law).
    """

    key: str
    type: EntityType
    label: str
    alt_labels: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    mentions: tuple[Mention, ...] = ()
    part_of: tuple[EntityType, str] | None = None

    @property
    def ref(self) -> tuple[EntityType, str]:
        return (self.type, self.key)


@dataclass(frozen=True, slots=True)
class Statement:
    """What the Parliament does in an operative unit: calls on, urges, condemns…

    ``action`` is the local name of the action concept ("CallsOn", "Urges");
    ``addressees`` the entities addressed.
    """

    unit: str
    action: str
    addressees: tuple[tuple[EntityType, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Relation:
    """A relation the text states between two entities, in a given unit.

    ``predicate`` is the local name of an ontology property
    ("callsForReleaseOf", "memberOf", "chargedUnder").
    The subject may be ``None`` when it is the Parliament itself (the resolution).
    """

    subject: tuple[EntityType, str] | None
    predicate: str
    object: tuple[EntityType, str]
    unit: str


@dataclass(frozen=True, slots=True)
class Analysis:
    """A document with what was found in it: the input of the RDF build."""

    document: Document
    entities: tuple[Entity, ...] = ()
    statements: tuple[Statement, ...] = ()
    relations: tuple[Relation, ...] = ()
    warnings: tuple[str, ...] = field(default=())
