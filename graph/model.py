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

import dataclasses
import datetime as _dt
import marshal
import re
from collections.abc import Callable
from dataclasses import field
from enum import StrEnum
from pathlib import Path
from types import CodeType
from typing import Any, NoReturn, TypeVar, dataclass_transform

from . import datacache

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

T = TypeVar("T")


class Compiled:
    """What a module compiles when it is imported, kept compiled in the data cache.

    A fresh process would otherwise parse and compile the module-level regexes of
    segmentation (~40, each by ``re``'s pure-Python compiler) and compile the ~90
    methods ``@dataclass`` writes as source text and runs with ``exec`` (``__init__``,
    ``__eq__``, ``__hash__``… of every class of the model): ~8 ms of a ~200 ms build.
    One per module: made before the module's first :meth:`pattern` or
    :func:`cached_dataclass`; :meth:`save` after its last. The cache entry is keyed by
    the module's source (and this one's), so an edit recompiles; a pattern or a method
    source not found in it is compiled as usual, so the cache can only make it faster.
    """

    def __init__(self, module: str, path: str) -> None:
        self._name = f"compiled-{module}"
        self._files = (Path(path), Path(__file__))
        found = _load_only(self._name, self._files)
        #: whether an earlier process's compilation was found (else it is saved by :meth:`save`)
        self.hit = found is not None
        self._saved = self.hit
        self._programs: dict[tuple[str, int], datacache.Program | None] = {}
        self._codes: dict[str, CodeType] = {}
        if found is not None:
            self._programs, codes = found
            self._codes = marshal.loads(codes)

    def pattern(self, source: str, flags: int = 0) -> re.Pattern[str]:
        """``re.compile(source, flags)``, from the program compiled by an earlier process."""
        key = (source, int(flags))
        if key not in self._programs:
            self._programs[key] = datacache.program(source, flags)
        return datacache.compile_program(source, flags, self._programs[key])

    def exec(self, source: str, globals: dict[str, Any], locals: dict[str, Any]) -> None:
        """``exec(source, globals, locals)`` for ``dataclasses``: the code object is the one
        ``exec`` would compile (no ``__future__`` flag inherited: dataclasses.py has none)."""
        code = self._codes.get(source)
        if code is None:
            code = self._codes[source] = compile(source, "<string>", "exec", dont_inherit=True)
        exec(code, globals, locals)

    def save(self) -> None:
        """Keep what was compiled for the next process (when it was not found cached)."""
        if not self._saved:
            payload = (self._programs, marshal.dumps(self._codes))
            datacache.cached(self._name, self._files, lambda: payload)
            self._saved = True


class _NotCached(Exception):
    """Raised by the compute of a load-only :func:`datacache.cached` call."""


def _load_only(name: str, files: tuple[Path, ...]) -> Any:
    """The cached value, or None; nothing is computed or stored."""

    def missing() -> NoReturn:
        raise _NotCached

    try:
        return datacache.cached(name, files, missing)
    except _NotCached:
        return None


@dataclass_transform(field_specifiers=(field,))
def cached_dataclass(
    compiled: Compiled, *, frozen: bool = False, slots: bool = False
) -> Callable[[type[T]], type[T]]:
    """``@dataclass(frozen=…, slots=…)`` whose generated methods ``compiled`` keeps compiled.

    The generated methods are the same functions: ``dataclasses`` builds each from
    source text with ``exec``, and while the class is made its module's ``exec`` is
    :meth:`Compiled.exec`, which runs the same source's code object, cached.
    """

    def wrap(cls: type[T]) -> type[T]:
        namespace = vars(dataclasses)
        previous = namespace.get("exec")
        namespace["exec"] = compiled.exec
        try:
            return dataclasses.dataclass(frozen=frozen, slots=slots)(cls)
        finally:
            if previous is None:
                namespace.pop("exec", None)
            else:
                namespace["exec"] = previous

    return wrap


_COMPILED = Compiled(__name__, __file__)


@cached_dataclass(_COMPILED, frozen=True, slots=True)
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


@cached_dataclass(_COMPILED, frozen=True, slots=True)
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


@cached_dataclass(_COMPILED, frozen=True, slots=True)
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


@cached_dataclass(_COMPILED, frozen=True, slots=True)
class Footnote:
    """A footnote, renumbered 1…n in document order (the PDF restarts per page)."""

    id: str  # "fn_1"
    number: int
    marker: str  # the marker as printed: "¹", "(1)", "1"
    text: str
    unit: str  # id of the unit that carries the marker
    oj_reference: str | None = None  # "JO C 23, 21.1.2021, p. 83"
    pieces: tuple[Piece, ...] = ()


@cached_dataclass(_COMPILED, frozen=True, slots=True)
class DocumentMeta:
    """What the title block says about the resolution."""

    local_id: str | None  # "P9_TA(2021)0056"
    doc_id: str | None  # "TA-9-2021-0056" (the EP's doceo / Open Data id)
    date: _dt.date | None
    procedure: str | None  # "2021/2544(RSP)"
    title: str | None  # short title
    long_title: str | None  # "Rezoluția Parlamentului European din …"
    language: str  # ISO 639-1: "ro", "en", …


@cached_dataclass(_COMPILED, frozen=True, slots=True)
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


@cached_dataclass(_COMPILED, frozen=True, slots=True)
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


@cached_dataclass(_COMPILED, frozen=True, slots=True)
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


@cached_dataclass(_COMPILED, frozen=True, slots=True)
class Statement:
    """What the Parliament does in an operative unit: calls on, urges, condemns…

    ``action`` is the local name of the action concept ("CallsOn", "Urges");
    ``addressees`` the entities addressed.
    """

    unit: str
    action: str
    addressees: tuple[tuple[EntityType, str], ...] = ()


@cached_dataclass(_COMPILED, frozen=True, slots=True)
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


@cached_dataclass(_COMPILED, frozen=True, slots=True)
class Analysis:
    """A document with what was found in it: the input of the RDF build."""

    document: Document
    entities: tuple[Entity, ...] = ()
    statements: tuple[Statement, ...] = ()
    relations: tuple[Relation, ...] = ()
    warnings: tuple[str, ...] = field(default=())


_COMPILED.save()
