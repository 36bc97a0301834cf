"""Resolution's fast paths give the answers of the plain code they replace: a
clause's mentions by binary search, the gap test between an organisation and a
person without copying the gap, persons clustered through an index of given names
instead of pair by pair."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from graph.extract.cues import fold_aligned
from graph.model import EntityType, Mention
from graph.statements import _clauses, _cue_between, _in_clauses, _org_cue

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

_PIECES = st.sampled_from(
    [
        " ",
        ", ",
        ";",
        "*",
        "”",
        '"',
        "mișcării",
        "mișcarea",
        "movement",
        "the",
        "X",
        "Ab",
        "ong",
        "-",
    ]
)
_TEXTS = st.lists(_PIECES, max_size=16).map("".join)


@SETTINGS
@given(_TEXTS, st.integers(0, 80), st.integers(0, 80), st.sampled_from(["ro", "en"]))
@example("Xmișcării", 1, 9, "ro")  # a word right before the gap: the cue still starts it
def test_cue_between_is_the_stripped_gap_test(text: str, a: int, b: int, language: str) -> None:
    a, b = sorted((min(a, len(text)), min(b, len(text))))
    org_cue = _org_cue(language)
    gap = fold_aligned(text[a:b]).strip(' ,*”"')
    expected = not gap or (org_cue is not None and org_cue.fullmatch(gap) is not None)
    assert _cue_between(fold_aligned(text), a, b, org_cue) == expected


@SETTINGS
@given(_TEXTS, st.lists(st.tuples(st.integers(0, 80), st.integers(1, 12)), max_size=12))
def test_in_clauses_keeps_the_mentions_wholly_inside_each_clause(
    text: str, spans: list[tuple[int, int]]
) -> None:
    found = [
        (Mention("u", s, s + n, "x" * n, EntityType.PERSON, "shape"), (EntityType.PERSON, str(i)))
        for i, (s, n) in enumerate(spans)
    ]
    clauses = _clauses(text)
    expected = [[(m, r) for m, r in found if cs <= m.start and m.end <= ce] for cs, ce in clauses]
    assert _in_clauses(found, clauses) == expected


def test_a_long_list_of_names_keeps_its_memberships() -> None:
    """Many names in one clause (the case that was quadratic): a member named after
    the movement's cue is found, the names far away are not members."""
    from graph.statements import _affiliations

    names = ", ".join(f"Ab{i} Cd" for i in range(300))
    text = "fondatorului mișcării Ora Liberă, Ef Gh, și " + names
    folded = fold_aligned(text)
    start = text.index("Ora Liberă")
    org = Mention("u", start, start + len("Ora Liberă"), "Ora Liberă", EntityType.MOVEMENT, "cue")
    persons = [
        (
            Mention("u", m.start(), m.end(), m.group(), EntityType.PERSON, "shape"),
            (EntityType.PERSON, m.group()),
        )
        for m in re.finditer(r"[A-Z][a-z]+\d* [A-Z][a-z]+", text)
        if m.start() > org.end
    ]
    out: list[tuple[object, ...]] = []
    from graph.extract.cues import load_cues

    _affiliations(
        folded,
        0,
        persons,
        [(org, (EntityType.MOVEMENT, "ora"))] + persons,
        "u",
        load_cues("ro"),
        lambda s, p, o, u: out.append((s, p, o)),
    )
    assert out == [((EntityType.PERSON, "Ef Gh"), "memberOf", (EntityType.MOVEMENT, "ora"))]


def _plain_cluster_people(surfaces: list[str]) -> list[list[int]]:
    """The pairwise clustering that :func:`graph.resolve._cluster_people` indexes."""
    from graph.extract.tokens import fold
    from graph.resolve import same_person

    clusters: list[list[int]] = []
    names: list[list[str]] = []
    alone: list[int] = []
    for i, name in enumerate(surfaces):
        if " " not in name:
            alone.append(i)
            continue
        for c, known in enumerate(names):
            if any(same_person(name, k) for k in known):
                clusters[c].append(i)
                if name not in known:
                    known.append(name)
                break
        else:
            clusters.append([i])
            names.append([name])
    for i in alone:
        surname = fold(surfaces[i])
        owners = [
            c for c, known in enumerate(names) if any(fold(k.split()[-1]) == surname for k in known)
        ]
        if len(owners) == 1:
            clusters[owners[0]].append(i)
        else:
            clusters.append([i])
            names.append([surfaces[i]])
    return [sorted(c) for c in clusters]


_GIVEN = st.sampled_from(["Yuri", "Iuri", "Iurii", "Ana", "Anna", "Ána", "Ion", ""])
_SURNAME = st.sampled_from(["Popescu", "Popesku", "Popescou", "Ivanov", "Ivanova", "Ioan"])
_PERSON = st.one_of(
    st.tuples(_GIVEN, _SURNAME).map(lambda p: f"{p[0]} {p[1]}".strip()),
    st.tuples(_GIVEN, _GIVEN, _SURNAME).map(lambda p: " ".join(p)),
    _SURNAME,
)


@SETTINGS
@given(st.lists(_PERSON, max_size=25))
def test_people_cluster_as_compared_pairwise(surfaces: list[str]) -> None:
    from graph.resolve import _cluster_people

    ms = [Mention("u", i, i + 1, s, EntityType.PERSON, "shape") for i, s in enumerate(surfaces)]
    people = {s: s for s in surfaces}
    got = _cluster_people(ms, list(range(len(ms))), "ro", people)
    assert got == _plain_cluster_people(surfaces)
