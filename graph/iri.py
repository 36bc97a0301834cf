"""The one place where IRIs are minted.

Every IRI epkg writes comes from a function here, so the IRI scheme of DESIGN.md §2
lives in one module: deterministic (the same values give the same IRI), each value
percent-encoded in its own slot (a ``/`` or ``#`` inside a value can never open a
new path segment or fragment), and checked — a string that is not a valid IRI
raises :class:`InvalidIRIError` instead of becoming a broken node downstream.

Strings are returned, not terms: :mod:`graph.rdf` wraps them in pyoxigraph
``NamedNode`` (which parses the IRI again, so the check costs nothing extra there).
"""

from __future__ import annotations

import re
from urllib.parse import quote

from pyoxigraph import NamedNode

from .errors import ConfigError
from .model import EntityType

__all__ = [
    "DEFAULT_BASE",
    "ONTOLOGY",
    "EP_ELI",
    "LANGUAGE_AUTHORITY",
    "EU_LANGUAGES",
    "InvalidIRIError",
    "check_base",
    "check_iri",
    "doc_id_for",
    "work_iri",
    "expression_iri",
    "unit_iri",
    "phrase_iri",
    "statement_iri",
    "relation_iri",
    "source_iri",
    "activity_iri",
    "entity_iri",
    "entity_type_slug",
    "concept_iri",
    "term_iri",
    "language_iri",
    "ep_work_iri",
    "ep_expression_iri",
]

DEFAULT_BASE = "https://w3id.org/epkg/"
#: Our vocabulary (ontology/epkg.ttl); role and action concepts live here too.
ONTOLOGY = "https://w3id.org/epkg/ontology#"
#: The European Parliament Open Data Portal's ELI space, which ours link to with owl:sameAs.
EP_ELI = "https://data.europarl.europa.eu/eli/dl/doc/"
#: The EU Publications Office authority table of languages.
LANGUAGE_AUTHORITY = "http://publications.europa.eu/resource/authority/language/"

#: ISO 639-1 code → the EU language authority's code, for the 24 official languages.
EU_LANGUAGES: dict[str, str] = {
    "bg": "BUL", "cs": "CES", "da": "DAN", "de": "DEU", "el": "ELL", "en": "ENG",
    "es": "SPA", "et": "EST", "fi": "FIN", "fr": "FRA", "ga": "GLE", "hr": "HRV",
    "hu": "HUN", "it": "ITA", "lt": "LIT", "lv": "LAV", "mt": "MLT", "nl": "NLD",
    "pl": "POL", "pt": "POR", "ro": "RON", "sk": "SLK", "sl": "SLV", "sv": "SWE",
}  # fmt: skip

#: Entity type → the path segment of its IRIs (``<base>id/<segment>/<key>``).
_TYPE_SLUGS: dict[EntityType, str] = {
    EntityType.PERSON: "person",
    EntityType.MOVEMENT: "movement",
    EntityType.NGO: "ngo",
    EntityType.TRADE_UNION: "trade-union",
    EntityType.MEDIA_OUTLET: "media-outlet",
    EntityType.LAW: "law",
    EntityType.LEGAL_PROVISION: "legal-provision",
    EntityType.EU_INSTRUMENT: "eu-instrument",
    EntityType.INTERNATIONAL_INSTRUMENT: "international-instrument",
    EntityType.EU_BODY: "eu-body",
    EntityType.INTERNATIONAL_ORGANISATION: "international-organisation",
    EntityType.STATE_BODY: "state-body",
    EntityType.PLACE: "place",
}

# RFC 3986 unreserved characters stay as they are; everything else in a slot is
# percent-encoded (UTF-8), so a slot can never carry "/", "#", "?" or white space.
_SAFE = "-._~"
_LOCAL_NAME = re.compile(r"[A-Za-z][A-Za-z0-9]*\Z")
_LOCAL_ID = re.compile(r"P(\d+)_TA\((\d{4})\)(\d{4})\Z")


class InvalidIRIError(ConfigError):
    """A value cannot make a valid IRI (an empty slot, a bad base, an illegal character)."""


def check_iri(iri: str) -> str:
    """Return ``iri`` if it is a valid absolute IRI, else raise InvalidIRIError."""
    try:
        NamedNode(iri)
    except ValueError as exc:
        raise InvalidIRIError(f"not a valid IRI: {iri!r} ({exc})") from exc
    return iri


def check_base(base: str) -> str:
    """A base must be an absolute http(s) IRI ending with ``/``: instance IRIs hang under it."""
    if not re.match(r"https?://[^/?#\s]+/", base) or not base.endswith("/"):
        raise InvalidIRIError(
            f"invalid base IRI {base!r}: expected an absolute http(s) IRI ending with '/', "
            f"e.g. {DEFAULT_BASE}"
        )
    if "?" in base or "#" in base:
        raise InvalidIRIError(f"invalid base IRI {base!r}: it may not contain '?' or '#'")
    return check_iri(base)


def _slot(value: str, what: str) -> str:
    """Percent-encode one value for one path segment; an empty value is an error."""
    if not value or not value.strip():
        raise InvalidIRIError(f"cannot mint an IRI: the {what} is empty")
    return quote(value, safe=_SAFE)


def doc_id_for(local_id: str | None, doc_id: str | None, sha256: str) -> tuple[str, bool]:
    """The document id used in IRIs, and whether it is the EP's own id.

    The EP's id ("TA-9-2021-0056") is used when known, or derived from the text's
    reference ("P9_TA(2021)0056"); without either the source's digest stands in, so
    the IRI stays deterministic, and no owl:sameAs to the EP can be claimed.
    """
    if doc_id:
        return doc_id, True
    if local_id:
        match = _LOCAL_ID.match(local_id.strip())
        if match:
            term, year, number = match.groups()
            return f"TA-{term}-{year}-{number}", True
    if not sha256:
        raise InvalidIRIError("cannot mint a document IRI: no id, no reference and no digest")
    return f"sha256-{sha256[:16]}", False


def work_iri(doc_id: str, base: str = DEFAULT_BASE) -> str:
    """``<base>eli/dl/doc/<doc_id>``: the resolution as an ELI work."""
    return check_iri(f"{check_base(base)}eli/dl/doc/{_slot(doc_id, 'document id')}")


def expression_iri(doc_id: str, lang: str, base: str = DEFAULT_BASE) -> str:
    """``<work>/<lang>``: one language version; also the name of the document's graph."""
    return check_iri(f"{work_iri(doc_id, base)}/{_slot(lang.lower(), 'language')}")


def unit_iri(expression: str, unit_id: str) -> str:
    """``<expression>/<unit id>``: ``…/ro/cit_3``, ``…/ro/para_5__subpara_2``, ``…/ro/fn_4``."""
    return check_iri(f"{expression}/{_slot(unit_id, 'unit id')}")


def phrase_iri(unit: str, start: int, end: int) -> str:
    """``<unit>#char=<start>,<end>``: a span of a unit's text (RFC 5147 style)."""
    if not 0 <= start <= end:
        raise InvalidIRIError(f"cannot mint a span IRI: bad offsets {start},{end}")
    return check_iri(f"{unit}#char={start},{end}")


def statement_iri(unit: str, index: int) -> str:
    """``<unit>#statement_<n>``: the n-th (1-based) statement of the Parliament in a unit."""
    if index < 1:
        raise InvalidIRIError(f"cannot mint a statement IRI: index {index} < 1")
    return check_iri(f"{unit}#statement_{index}")


def relation_iri(unit: str, index: int) -> str:
    """``<unit>#relation_<n>``: the n-th (1-based) relation stated in a unit."""
    if index < 1:
        raise InvalidIRIError(f"cannot mint a relation IRI: index {index} < 1")
    return check_iri(f"{unit}#relation_{index}")


def source_iri(expression: str) -> str:
    """``<expression>#source``: the file a build read (a prov:Entity)."""
    return check_iri(f"{expression}#source")


def activity_iri(expression: str) -> str:
    """``<expression>#build``: the build that made the document's graph (a prov:Activity).

    One per named graph: a rebuild replaces the graph, and with it its activity.
    """
    return check_iri(f"{expression}#build")


def entity_type_slug(entity_type: EntityType) -> str:
    """The path segment of an entity type's IRIs."""
    return _TYPE_SLUGS[EntityType(entity_type)]


def entity_iri(entity_type: EntityType, key: str, base: str = DEFAULT_BASE) -> str:
    """``<base>id/<type>/<key>``: one IRI per real-world entity, shared across documents."""
    return check_iri(f"{check_base(base)}id/{entity_type_slug(entity_type)}/{_slot(key, 'key')}")


def term_iri(local_name: str) -> str:
    """A term of our vocabulary: class, property or concept."""
    if not _LOCAL_NAME.match(local_name or ""):
        raise InvalidIRIError(f"not a vocabulary local name: {local_name!r}")
    return ONTOLOGY + local_name


def concept_iri(local_name: str) -> str:
    """A role or action concept (``epkg:PoliticalPrisoner``, ``epkg:CallsOn``)."""
    return term_iri(local_name)


def language_iri(lang: str) -> str:
    """The EU authority IRI of an ISO 639-1 language code (``ro`` → ``…/language/RON``)."""
    code = EU_LANGUAGES.get((lang or "").lower())
    if code is None:
        raise InvalidIRIError(
            f"unknown language {lang!r}: expected one of {', '.join(sorted(EU_LANGUAGES))}"
        )
    return LANGUAGE_AUTHORITY + code


def ep_work_iri(doc_id: str) -> str:
    """The EP Open Data Portal's IRI of the same work."""
    return check_iri(EP_ELI + _slot(doc_id, "document id"))


def ep_expression_iri(doc_id: str, lang: str) -> str:
    """The EP Open Data Portal's IRI of the same language version."""
    return check_iri(f"{ep_work_iri(doc_id)}/{_slot(lang.lower(), 'language')}")
