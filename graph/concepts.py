"""The closed vocabularies shared by extraction, the ontology and the shapes.

Every value is the local name of a term of ``ontology/epkg.ttl`` (a SKOS concept or
an object property); a test checks the ontology defines each one, so extraction can
never emit a term the graph does not know.
"""

from __future__ import annotations

__all__ = ["ROLES", "ACTIONS", "RELATIONS"]

#: Roles of persons, concepts of the ``epkg:Roles`` SKOS scheme.
ROLES: tuple[str, ...] = (
    "PoliticalPrisoner",
    "FormerPoliticalPrisoner",
    "HumanRightsDefender",
    "Journalist",
    "EditorInChief",
    "Blogger",
    "Activist",
    "Lawyer",
    "Philanthropist",
    "Refugee",
    "TortureVictim",
    "Detainee",
    "OppositionPolitician",
)

#: What the Parliament does in an operative unit, concepts of the ``epkg:Actions`` scheme.
ACTIONS: tuple[str, ...] = (
    "CallsOn",
    "Urges",
    "Condemns",
    "Welcomes",
    "Notes",
    "Deplores",
    "Instructs",
    "Regrets",
    "Stresses",
    "Encourages",
    "Insists",
    "Reaffirms",
    "Recalls",
    "Advises",
    "Considers",
    "ExpressesConcern",
    "Supports",
    "Demands",
    "Recognises",
)

#: Relations between entities the text states, object properties of the ontology.
RELATIONS: tuple[str, ...] = (
    "callsForReleaseOf",
    "memberOf",
    "chargedUnder",
    "worksFor",
    "supporterOf",
)
