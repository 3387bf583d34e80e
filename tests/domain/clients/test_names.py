"""Tests for name folding and fuzzy name similarity (duplicate detection)."""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from ao_desktop.domain.clients.names import (
    BUSINESS_FORMS,
    PREFIX_TITLES,
    SIMILAR_NAME_THRESHOLD,
    SUFFIX_TITLES,
    _strip_titles,
    fold_name,
    fold_tokens,
    given_name,
    jaro_winkler,
    name_search_key,
    name_similarity,
)


@pytest.mark.parametrize(
    ("name", "folded"),
    [
        ("Budi Santoso", "budi santoso"),
        ("  BUDI   santoso ", "budi santoso"),
        ("José Müller", "jose muller"),
        ("Ma'ruf Amin", "maruf amin"),
        ("Ma\u2019ruf Amin", "maruf amin"),
        ("Abdul-Rahman", "abdul rahman"),
        ("Bapak Budi Santoso", "budi santoso"),
        ("Bpk. Budi", "budi"),
        ("Pak Budi", "budi"),
        ("Ibu Siti Aminah", "siti aminah"),
        ("Bu Siti", "siti"),
        ("Sdr. Andi", "andi"),
        ("Sdri Rina", "rina"),
        ("H. Ahmad Dahlan", "ahmad dahlan"),
        ("H.Ahmad Dahlan", "ahmad dahlan"),
        ("Hj. Siti Aminah", "siti aminah"),
        ("Haji Ahmad", "ahmad"),
        ("Hajjah Siti", "siti"),
        ("Dr. Ir. Budi Santoso", "budi santoso"),
        ("Drs. Agus Salim", "agus salim"),
        ("Bapak H. Ahmad Dahlan, S.E., M.M.", "ahmad dahlan"),
        ("Rina Wati, S.Kom", "rina wati"),
        ("Rina Wati S. Kom.", "rina wati"),
        ("Andi Wijaya, S.H.", "andi wijaya"),
        ("Andi Wijaya SE", "andi wijaya"),
        ("Dewi Lestari, ST", "dewi lestari"),
        ("PT. Maju Jaya Tbk", "maju jaya"),
        ("Maju Jaya, PT", "maju jaya"),
        ("CV Sumber Rejeki", "sumber rejeki"),
        ("UD. Sinar Terang", "sinar terang"),
        # Whole tokens only: titles inside names are kept.
        ("Hartono", "hartono"),
        ("Budiman Setiadi", "budiman setiadi"),
        ("Ptolemy Cvetkovic", "ptolemy cvetkovic"),
        ("Irawan Hadi", "irawan hadi"),
        # Titles only at the ends; "H" at the end is an initial, not haji.
        ("Ahmad H.", "ahmad h"),
        ("Siti Ibu Aminah", "siti ibu aminah"),
        # Never fold a name to nothing.
        ("Bapak", "bapak"),
        ("PT", "pt"),
        ("", ""),
        ("  ...  ", ""),
    ],
)
def test_fold_name(name: str, folded: str) -> None:
    assert fold_name(name) == folded


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Bapak H. Ahmad Dahlan, S.E.", "bapak h ahmad dahlan s e"),
        ("  José   MÜLLER ", "jose muller"),
        ("PT. Maju Jaya", "pt maju jaya"),
        ("Ma'ruf", "maruf"),
        ("", ""),
    ],
)
def test_name_search_key(name: str, key: str) -> None:
    assert name_search_key(name) == key


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("MARTHA", "MARHTA", 0.961),
        ("DWAYNE", "DUANE", 0.840),
        ("DIXON", "DICKSONX", 0.813),
        ("abc", "xyz", 0.0),
        ("same", "same", 1.0),
        ("", "abc", 0.0),
    ],
)
def test_jaro_winkler_reference_values(a: str, b: str, expected: float) -> None:
    assert jaro_winkler(a, b) == pytest.approx(expected, abs=0.001)


# Pairs an AO would want flagged as a possible duplicate.
SIMILAR_PAIRS = [
    ("Siti Nurhaliza", "Nurhaliza Siti"),
    ("Budi Santoso", "Santoso Budi"),
    ("Muhammad", "Muhamad"),
    ("Muhammad", "Mohammad"),
    ("Muhammad Rizki", "Mohammad Rizki"),
    ("Muhammad Rizki", "Muhamad Rizky"),
    ("Muhammad Rizki Pratama", "Rizki Pratama Muhamad"),
    ("Ahmad Fauzi", "Achmad Fauzi"),
    ("Dewi Lestari", "Dewi Lestary"),
    ("Dedi Kurniawan", "Dedy Kurniawan"),
    ("Ani Yudhoyono", "Ani Yudoyono"),
    ("Rina Wati", "Rinawati"),
    ("Hj. Siti Aminah", "SITI AMINAH"),
    ("Bapak Budi Santoso, S.E.", "budi santoso"),
    ("PT Maju Jaya", "Maju Jaya, PT"),
]

# Different people who merely share a first name or a pattern.
DIFFERENT_PAIRS = [
    ("Budi Santoso", "Budi Hartono"),
    ("Budi Santoso", "Budi Susanto"),
    ("Siti Aminah", "Siti Rahayu"),
    ("Agus Salim", "Agus Setiawan"),
    ("Sri Wahyuni", "Sri Rahayu"),
    ("Joko Widodo", "Joko Susilo"),
    ("Bambang Susilo", "Bambang Sutrisno"),
    ("Budi Santoso", "Budi"),
    ("Andi", "Budi"),
    ("Siti Aminah", "Aminah Siti Rahma"),
]


@pytest.mark.parametrize(("a", "b"), SIMILAR_PAIRS)
def test_similar_names_pass_threshold(a: str, b: str) -> None:
    assert name_similarity(a, b) >= SIMILAR_NAME_THRESHOLD


@pytest.mark.parametrize(("a", "b"), DIFFERENT_PAIRS)
def test_different_names_fail_threshold(a: str, b: str) -> None:
    assert name_similarity(a, b) < SIMILAR_NAME_THRESHOLD


def test_threshold_value() -> None:
    assert SIMILAR_NAME_THRESHOLD == 0.88


def test_similarity_of_empty_names() -> None:
    assert name_similarity("", "") == 0.0
    assert name_similarity("Budi", "") == 0.0
    assert name_similarity("...", "Budi") == 0.0


names = st.text(alphabet="abcdefghijklmnopqrstuvwxyz ABCDÉÜ.,'-", max_size=30)
words = st.lists(
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=2, max_size=9), min_size=1, max_size=4
)


@given(names, names)
def test_similarity_is_bounded_and_symmetric(a: str, b: str) -> None:
    score = name_similarity(a, b)
    assert 0.0 <= score <= 1.0
    assert name_similarity(b, a) == score


@given(words, st.randoms())
def test_similarity_ignores_token_order(tokens: list[str], rnd) -> None:  # type: ignore[no-untyped-def]
    shuffled = tokens[:]
    rnd.shuffle(shuffled)
    a, b = " ".join(tokens), " ".join(shuffled)
    # Titles are removed by position ("dr dr aa" vs "dr aa dr"), so only title-free names
    # are order-insensitive by construction.
    assume(fold_name(a) == a and fold_name(b) == b)
    assert name_similarity(a, b) == 1.0


@given(names)
def test_fold_name_is_idempotent(name: str) -> None:
    folded = fold_name(name)
    assert fold_name(folded) == folded
    assert folded == folded.strip() and "  " not in folded
    assert all(token.isalnum() and token.isascii() for token in folded.split())
    assert folded in name_search_key(name)


@given(st.text())
def test_folding_never_fails(name: str) -> None:
    assert isinstance(fold_name(name), str)
    assert isinstance(name_search_key(name), str)
    assert 0.0 <= name_similarity(name, "Budi Santoso") <= 1.0


@pytest.mark.parametrize(
    ("full_name", "expected"),
    [
        ("Siti Harahap", "Siti"),
        ("Hj. Siti Harahap", "Siti"),
        ("Hajjah Siti Harahap", "Siti"),
        ("H. Ahmad Fauzi, S.E.", "Ahmad"),
        ("dr. Budi Santoso", "Budi"),
        ("Dr. Ir. Budi Santoso, M.M.", "Budi"),
        ("Dr.Ir. Budi Santoso", "Budi"),
        ("Prof. Dr. H. Rahmat", "Rahmat"),
        ("Drs. Hendra", "Hendra"),
        ("Dra. Wati Lestari", "Wati"),
        ("Ibu Ratna", "Ratna"),
        ("Bapak Joko Widodo", "Joko"),
        ("Rina Wati S.Kom", "Rina"),
        ("Tono, A.Md.", "Tono"),
        ("  ", ""),
        ("Hj.", "Hj."),  # nothing but a title: keep what was written
        ("Haryanto", "Haryanto"),  # starts like "H" but is a name
    ],
)
def test_given_name_leaves_out_titles(full_name: str, expected: str) -> None:
    assert given_name(full_name) == expected


def _strip_titles_by_loop(tokens: list[str]) -> list[str]:
    """_strip_titles without its shortcut: the reference it must agree with."""
    changed = True
    while changed and len(tokens) > 1:
        changed = False
        for size in range(min(_MAX_TITLE_TOKENS, len(tokens) - 1), 0, -1):
            if "".join(tokens[:size]) in _LEADING:
                tokens, changed = tokens[size:], True
                break
            if "".join(tokens[-size:]) in _TRAILING:
                tokens, changed = tokens[:-size], True
                break
    return tokens


_LEADING = PREFIX_TITLES | BUSINESS_FORMS
_TRAILING = SUFFIX_TITLES | BUSINESS_FORMS
_MAX_TITLE_TOKENS = 3
_TITLE_PIECES = sorted({t[:i] for t in PREFIX_TITLES | SUFFIX_TITLES | BUSINESS_FORMS
                        for i in range(1, len(t) + 1)}
                       | {t[i:] for t in SUFFIX_TITLES | BUSINESS_FORMS for i in range(len(t))})


@given(st.lists(st.sampled_from([*_TITLE_PIECES, "siti", "budi", "aminah", "s", "m", "kom"])
                | st.text("abcdehijkmprstuy", min_size=1, max_size=5), max_size=7))
def test_fold_tokens_shortcut_agrees_with_the_loop(tokens: list[str]) -> None:
    assert _strip_titles(list(tokens)) == _strip_titles_by_loop(list(tokens))
    name = " ".join(tokens)
    assert fold_tokens(name) == fold_name(name).split() == _strip_titles_by_loop(name.split())
