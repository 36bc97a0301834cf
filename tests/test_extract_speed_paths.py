"""Extraction's shortcuts give the answers of the plain code they replace: the stem's
index of endings (not a scan of every ending), cue patterns tried only where a word
opens with a phrase's first letters (not a scan of the whole unit), the gazetteer's
walk over keys computed once per token, tokens built without the named tuple's
``__new__``."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_startup_compiled import fresh_process

from graph.extract import leaf_contexts
from graph.extract.cues import (
    available_languages,
    compile_patterns,
    finditer,
    fold_aligned,
    load_cues,
)
from graph.extract.gazetteer import Entry, _acronym_hit, _key, _lower_words, _trie, match
from graph.extract.gazetteer import entries as gazetteer_entries
from graph.extract.tokens import (
    _TOKEN,
    Token,
    is_acronym,
    is_cap,
    stem,
    stem_by_scan,
    tokenize,
)
from graph.read import read_path
from graph.segment import segment

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SAMPLE = "examples/TA-9-2021-0056-ro.txt"


# --- the stem --------------------------------------------------------------------


@SETTINGS
@given(st.text(alphabet="aeiloursnțăâ'sABC-", max_size=9))
def test_stem_by_index_is_stem_by_scan(word: str) -> None:
    assert stem.__wrapped__(word) == stem_by_scan(word)


def test_stem_by_index_is_stem_by_scan_on_real_words() -> None:
    units = leaf_contexts(segment(read_path(SAMPLE)))
    words = {t.text for _, text in units for t in tokenize(text)}
    assert len(words) > 500
    for word in words:
        assert stem.__wrapped__(word) == stem_by_scan(word), word


# --- cue patterns ------------------------------------------------------------------


def _spans(matches: Iterator[re.Match[str]]) -> list[tuple[int, int, str, int | None]]:
    return [(m.start(), m.end(), m.group(), m.lastindex) for m in matches]


def _same(pattern: re.Pattern[str], folded: str, pos: int = 0, end: int = sys.maxsize) -> None:
    expected = _spans(pattern.finditer(folded, pos, end))
    assert _spans(finditer(pattern, folded, pos, end)) == expected, (pattern.pattern, pos, end)


def _phrase_lists(raw: dict[str, Any]) -> list[list[str]]:
    out = []
    for section in raw.values():
        if isinstance(section, dict):
            for value in section.values():
                value = [value] if isinstance(value, str) else value
                if isinstance(value, list) and all(isinstance(v, str) for v in value):
                    out.append(value)
    return out


def _texts_of(phrases: list[str]) -> list[str]:
    """Texts where the phrases occur, inflected, glued to a word, after a hyphen."""
    words = [p.replace("*", "ului") for p in phrases]
    return [
        fold_aligned(", ".join(words)),
        fold_aligned(" ".join("x" + w for w in words)),
        fold_aligned("-".join(w.upper() for w in words) + " (" + "; ".join(words) + ")"),
    ]


def test_cue_patterns_find_what_their_scan_finds_in_every_language() -> None:
    checked = 0
    for language in available_languages():
        cues = load_cues(language)
        lists = _phrase_lists(cues.raw)
        patterns = [p for p in (compile_patterns(ps) for ps in lists) if p is not None]
        patterns += [p for p, _ in cues.roles] + [p for p, _ in cues.org_cues]
        patterns += [p for p in (cues.list_intros, cues.role_any) if p is not None]
        texts = [t for ps in lists for t in _texts_of(ps)]
        for pattern in patterns:
            for folded in texts:
                if pattern.search(folded) is None and checked % 7:
                    checked += 1
                    continue  # most pairs find nothing: check a seventh of them
                _same(pattern, folded)
                _same(pattern, folded, 3, len(folded) - 3)
                _same(pattern, folded, len(folded) // 3, len(folded) // 3 + 250)
                checked += 1
    assert checked > 10_000


def test_cue_patterns_find_what_their_scan_finds_in_the_sample() -> None:
    document = segment(read_path(SAMPLE))
    cues = load_cues(document.meta.language)
    lists = _phrase_lists(cues.raw)
    patterns = [p for p in (compile_patterns(ps) for ps in lists) if p is not None]
    patterns += [p for p, _ in cues.roles] + [p for p, _ in cues.org_cues]
    found = 0
    for _, text in leaf_contexts(document):
        folded = fold_aligned(text)
        for pattern in patterns:
            _same(pattern, folded)
            found += sum(1 for _ in pattern.finditer(folded))
    assert found > 100  # the comparison is not all empty


_PHRASE_WORDS = st.sampled_from(
    ["ab", "abc", "abcd", "ab*", "abc*", "a*c", "*bc", "é", "Éa", "x-y", "l'ab", "_a", "1a", "b"]
)
_TEXT_WORDS = st.sampled_from(
    ["ab", "abc", "abcd", "abcde", "xab", "ab-c", "c-ab", "é", "éa", "ea", "l'ab", "_a", "1a", "b"]
)


@SETTINGS
@given(
    st.lists(st.lists(_PHRASE_WORDS, min_size=1, max_size=3).map(" ".join), min_size=1),
    st.lists(
        st.tuples(_TEXT_WORDS, st.sampled_from([" ", "  ", ", ", "-", "", "\n"])),
        max_size=40,
    ),
    st.integers(0, 300),
    st.integers(0, 400),
)
def test_compiled_phrases_find_what_their_scan_finds(
    phrases: list[str], words: list[tuple[str, str]], pos: int, end: int
) -> None:
    pattern = compile_patterns(phrases)
    assert pattern is not None
    text = "".join(w + gap for w, gap in words)
    folded = fold_aligned(text * 6)  # long enough to be looked up, not scanned
    _same(pattern, folded)
    _same(pattern, folded, pos)
    _same(pattern, folded, pos, end)


# --- the gazetteer -----------------------------------------------------------------


_END = "\0"


def _nested_trie() -> dict[str, Any]:
    """The gazetteer's names as the nested trie ``match`` once walked (one dict a word)."""
    trie: dict[str, Any] = {}
    for entry in gazetteer_entries():
        for name in entry.names:
            toks = [t.text for t in tokenize(name)]
            if not toks or (len(toks) == 1 and is_acronym(toks[0])):
                continue
            node = trie
            for t in toks:
                node = node.setdefault(_key(t), {})
            node.setdefault(
                _END, (entry, toks[0][0].isupper() and len(toks[0]) > 3 and len(toks) < 3)
            )
    return trie


def _match_by_walk(tokens: list[Token]) -> Iterator[tuple[int, int, Entry]]:
    """The walk ``match`` replaced: each token's key asked as a nested trie is walked."""
    trie, acronyms = _nested_trie(), _trie()[1]
    i, n = 0, len(tokens)
    while i < n:
        best: tuple[int, Entry] | None = None
        node: dict[str, Any] = trie
        j = i
        while j < n:
            child: dict[str, Any] | None = node.get(_key(tokens[j].text))
            if child is None:
                break
            node = child
            j += 1
            if _END in node:
                entry, needs_cap = node[_END]
                first = tokens[i].text
                if needs_cap and not first[0].isupper():
                    continue
                if j - i == 1 and not (
                    is_cap(first) or is_acronym(first) or first in _lower_words()
                ):
                    continue
                best = (j, entry)
        if best is None:
            hit = _acronym_hit(tokens[i].text, acronyms)
            if hit is not None:
                best = (i + 1, hit)
        if best is not None:
            yield i, best[0], best[1]
            i = best[0]
        else:
            i += 1


def test_gazetteer_match_is_the_walk_on_the_sample() -> None:
    hits = 0
    for _, text in leaf_contexts(segment(read_path(SAMPLE))):
        tokens = tokenize(text)
        found = list(match(tokens))
        assert found == list(_match_by_walk(tokens))
        hits += len(found)
    assert hits > 20


_GAZETTEER_TEXT = (
    "Uniunea Europeană Uniunii Europene ONU ONU-ului UE ue Consiliul Europei Rusia Rusiei "
    "Organizația Mondială a Sănătății Amnesty International european Parlamentul de Human "
    "Rights Watch Nations United the EU-ul Marea Britanie ( ) ,"
)
_GAZETTEER_WORDS = [t.text for t in tokenize(_GAZETTEER_TEXT)]


@SETTINGS
@given(st.lists(st.sampled_from(_GAZETTEER_WORDS), max_size=30))
def test_gazetteer_match_is_the_walk(words: list[str]) -> None:
    tokens = tokenize(" ".join(words))
    assert list(match(tokens)) == list(_match_by_walk(tokens))


# --- tokens ------------------------------------------------------------------------


@SETTINGS
@given(st.text(alphabet="ab É1.-'’/ º(", max_size=40))
def test_tokens_are_the_named_tuples_of_the_matches(text: str) -> None:
    expected = [Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    found = tokenize(text)
    assert list(found) == expected
    assert all(type(t) is Token for t in found)


def test_section_patterns_are_compiled_from_the_sources_derived_with_the_data() -> None:
    from graph.extract.cues import pattern_source

    checked = 0
    for language in available_languages():
        cues = load_cues(language)
        for name, section in cues.raw.items():
            if not isinstance(section, dict):
                continue
            for key, value in section.items():
                phrases = [value] if isinstance(value, str) else value
                if not (isinstance(phrases, list) and all(isinstance(v, str) for v in phrases)):
                    continue
                pattern = cues.patterns(name, key)
                source = pattern_source(phrases)
                assert (pattern.pattern if pattern is not None else None) == source
                checked += 1
    assert checked > 200


# --- persons -----------------------------------------------------------------------


@SETTINGS
@given(st.text(alphabet="aAlL-'’sIbn Éé1/", min_size=1, max_size=12))
def test_a_word_opening_in_lower_case_without_a_prefix_is_no_name_word(word: str) -> None:
    """What ``persons._runs_of`` assumes to judge most tokens without a call."""
    from graph.extract.persons import _name_word

    for language in ("ro", "en", "fr", "de"):
        prefixes = tuple(load_cues(language).raw.get("person_prefixes", ()))
        if not (word[0].isupper() or word.startswith(prefixes)):
            assert _name_word.__wrapped__(word, language) is False


def test_name_words_of_the_sample_opening_in_lower_case_have_a_prefix() -> None:
    from graph.extract.persons import _name_word

    units = leaf_contexts(segment(read_path(SAMPLE)))
    words = {t.text for _, text in units for t in tokenize(text)} | {"al-Khawaja", "el-Sisi"}
    for language in available_languages():
        prefixes = tuple(load_cues(language).raw.get("person_prefixes", ()))
        for word in words:
            if _name_word.__wrapped__(word, language):
                assert word[0].isupper() or word.startswith(prefixes), word


# --- what the cue and gazetteer data caches keep -------------------------------------


def _head_stems_from_sections(language: str) -> frozenset[str]:
    """The head stems as ``Cues.head_stems`` computed them before the data cache kept
    them: from the loaded cues' sections."""
    cues = load_cues(language)
    words: set[str] = set()
    for phrases in cues.section("org_cues").values():
        words |= {p.split()[0].rstrip("*") for p in phrases}
    sections = {
        "legal": ("code_heads", "law_heads", "bill_heads", "decree_heads", "article_heads"),
        "instruments": (
            "eu_heads",
            "international_heads",
            "eu_strategy",
            "own_resolutions",
            "council_conclusions",
            "sanctions",
        ),
        "bodies": ("country_heads", "named_heads", "place_heads"),
    }
    for name, keys in sections.items():
        for key in keys:
            words |= {p.split()[0].rstrip("*") for p in cues.section(name).get(key, [])}
    words |= {p.split()[0] for p in cues.section("org_names").get("words", [])}
    return frozenset(stem(w) for w in words if w and w.isalpha() and len(w) > 2)


def test_head_stems_kept_with_the_cue_data_are_those_of_its_sections() -> None:
    for language in available_languages():
        expected = _head_stems_from_sections(language)
        assert load_cues(language).head_stems == expected, language
        assert expected  # every language has head nouns


def test_gazetteer_entries_unpickle_to_equal_entries() -> None:
    import dataclasses
    import pickle

    from graph.extract.gazetteer import _derive

    derived = _derive()
    again = pickle.loads(pickle.dumps(derived, protocol=5))
    assert again == derived
    assert len(again.entries) > 300
    fields = [f.name for f in dataclasses.fields(Entry)]
    assert len(fields) == 7
    for old, new in zip(derived.entries, again.entries, strict=True):
        assert [getattr(new, name) for name in fields] == [getattr(old, name) for name in fields]
        assert hash(new) == hash(old)
    # one object per entry, shared by every structure, as before
    some = next(iter(again.acronyms.values()))
    assert any(entry is some for entry in again.entries)


def test_cue_data_pickles_alike_under_any_hash_seed(tmp_path: Path) -> None:
    """What the cue data cache keeps (pattern heads, section sources, head stems
    included) is the same bytes whatever the hash seed."""
    root = Path(__file__).resolve().parent.parent
    code = "from graph.extract.cues import load_cues; load_cues('ro'); load_cues('de')"
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "EPKG_CACHE_DIR": str(tmp_path / seed)}
        env.pop("EPKG_NO_CACHE", None)
        subprocess.run([sys.executable, "-c", code], cwd=root, env=env, check=True)
    for name in ("cues-ro.pickle", "cues-de.pickle"):
        assert (tmp_path / "1" / name).read_bytes() == (tmp_path / "2" / name).read_bytes()


# --- what the extraction modules compile at import ----------------------------------

#: the extraction modules whose regexes and dataclasses come from graph.model.Compiled
_COMPILING = (
    "graph.extract.tokens",
    "graph.extract.cues",
    "graph.extract.gazetteer",
    "graph.extract.names",
    "graph.extract.legal",
)

def test_extraction_modules_compile_from_the_cache_what_re_and_dataclass_make(
    tmp_path: Path,
) -> None:
    """On a miss (compiled, then saved) as on a hit, each pattern is the one
    ``re.compile`` makes and each class's methods those ``@dataclass`` writes (the
    comparisons of tests/test_startup_compiled.py)."""
    first, second = fresh_process(tmp_path, _COMPILING), fresh_process(tmp_path, _COMPILING)
    for module in _COMPILING:
        assert first[module]["hit"] is False and second[module]["hit"] is True, module
        for run in (first, second):
            assert run[module]["patterns"] == [], module
            assert all(d == [] for d in run[module]["methods"].values()), run[module]
    patterns = sum(first[m]["counts"][0] for m in _COMPILING)
    classes = sum(first[m]["counts"][1] for m in _COMPILING)
    assert patterns >= 10 and classes >= 6


# --- per-word memos ------------------------------------------------------------------


@SETTINGS
@given(st.lists(st.lists(st.sampled_from(_GAZETTEER_WORDS + ["x-y", "Ab/cd"]), max_size=12)))
def test_gazetteer_keys_memo_gives_each_tokens_key(units: list[list[str]]) -> None:
    from graph.extract import gazetteer

    for texts in units:
        assert gazetteer._keys(texts) == [_key.__wrapped__(t) for t in texts]


def test_gazetteer_keys_memo_is_bounded(monkeypatch: Any) -> None:
    from graph.extract import gazetteer

    monkeypatch.setattr(gazetteer, "_MAX_KEYS", 3)
    monkeypatch.setattr(gazetteer, "_KEYS", {})
    for texts in (["Uniunii", "Europene"], ["ONU", "ONU-ului", "de"], ["Rusiei"]):
        assert gazetteer._keys(texts) == [_key.__wrapped__(t) for t in texts]
        assert len(gazetteer._KEYS) <= 3


@SETTINGS
@given(
    st.lists(
        st.frozensets(
            st.sampled_from(
                ["legea", "legii", "lege", "codul", "cod", "x", "proiectul", "decretul", "de"]
            )
        )
    )
)
def test_law_head_words_are_the_words_opening_as_a_head(units: list[frozenset[str]]) -> None:
    from graph.extract.legal import _head_prefixes, _law_head_words

    prefixes = _head_prefixes("ro")
    for words in units:
        assert _law_head_words(words, "ro", prefixes) == {
            w for w in words if w.startswith(prefixes)
        }


def test_a_role_matches_only_where_all_roles_together_match() -> None:
    """What ``roles_around`` assumes to skip a window in one search: where no phrase of
    any role matches (``role_any``), no role's own pattern does."""
    from graph.extract.names import _role_hits

    hits = 0
    for language in available_languages():
        cues = load_cues(language)
        assert cues.role_any is not None
        texts = _texts_of([p for ps in cues.raw.get("roles", {}).values() for p in ps])
        for folded in texts:
            for lo in range(0, len(folded), 37):
                for hi in (lo + 20, lo + 110, lo + 400):
                    found = _role_hits(cues.roles, folded, lo, hi)
                    hits += bool(found)
                    if found:
                        assert cues.role_any.search(folded, lo, hi) is not None
    assert hits > 1000


@SETTINGS
@given(
    st.text(alphabet="aĂăȘșŞşéÉ’'-ß İıΣσς x1", max_size=30), st.integers(0, 30), st.integers(0, 30)
)
def test_a_cut_of_a_texts_aligned_folding_is_the_cut_folded(text: str, a: int, b: int) -> None:
    """What ``gazetteer_ex._prefix_start`` assumes to cut the unit's cached folding."""
    assert fold_aligned(text)[a:b] == fold_aligned(text[a:b])


@SETTINGS
@given(
    st.sampled_from(["gaz", "cue", "list", "pat", "acr", "prop", "shape", "x", ""]),
    st.text(max_size=6),
)
def test_strength_by_rule_memo_is_the_rules_family_strength(family: str, detail: str) -> None:
    from graph.extract import _STRENGTH, strength
    from graph.model import EntityType, Mention

    for rule in (family, f"{family}:{detail}"):
        mention = Mention("u", 0, 1, "x", EntityType.PLACE, rule)
        assert strength(mention) == _STRENGTH.get(rule.split(":", 1)[0], 1)
        assert strength(mention) == strength(mention)
