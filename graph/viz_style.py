"""How each type of node is drawn, the same in the page, GEXF and the pictures.

Colours from colour-blind-safe palettes (Okabe-Ito, then Paul Tol's); units in greys so
the entities stand out; shapes tell types apart without colour.
"""

from __future__ import annotations

__all__ = ["TYPE_STYLE"]

#: how each type is drawn everywhere: (colour, Cytoscape.js shape, matplotlib marker).
#: Colours from a colour-blind-safe palette (Okabe-Ito, then Tol's); units in greys.
TYPE_STYLE: dict[str, tuple[str, str, str]] = {
    "Person": ("#E69F00", "ellipse", "o"),
    "Movement": ("#D55E00", "hexagon", "h"),
    "NGO": ("#009E73", "round-triangle", "^"),
    "TradeUnion": ("#117733", "vee", "v"),
    "MediaOutlet": ("#CC79A7", "star", "*"),
    "Law": ("#0072B2", "diamond", "D"),
    "LegalProvision": ("#56B4E9", "round-diamond", "d"),
    "EUInstrument": ("#332288", "round-tag", "s"),
    "InternationalInstrument": ("#88CCEE", "tag", "s"),
    "EUBody": ("#AA4499", "pentagon", "p"),
    "InternationalOrganisation": ("#882255", "octagon", "8"),
    "StateBody": ("#999933", "barrel", "P"),
    "Place": ("#44AA99", "triangle", "^"),
    "Other": ("#BBBBBB", "ellipse", "o"),
    "Citation": ("#C8C8C8", "round-rectangle", "s"),
    "Recital": ("#A8A8A8", "round-rectangle", "s"),
    "Paragraph": ("#6E6E6E", "rectangle", "s"),
    "Subparagraph": ("#8E8E8E", "rectangle", "s"),
    "Footnote": ("#DDDDDD", "cut-rectangle", "s"),
}
