"""Name normalisation and fuzzy comparison, used to spot duplicate clients.

Indonesian names have no fixed order or spelling (Muhammad / Muhamad / Mohammad), often
carry honorifics and degrees (H., Hj., S.E.), and business names carry legal forms
(PT, CV, Tbk). Folding removes that noise before comparing.
"""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher

# Chosen with the pairs in tests/domain/clients/test_names.py: swapped token order scores 1.0 and
# spelling variants score above it ("Muhammad" / "Muhamad" 0.975, "Muhammad" /
# "Mohammad" 0.925), while different names sharing a first name score well below
# ("Budi Santoso" / "Budi Hartono" 0.75, "Budi Santoso" / "Budi Susanto" 0.83,
# "Siti Aminah" / "Siti Rahayu" 0.64). Two-edit variants sit near the line
# ("Muhamad" / "Mohammad" 0.882), which is acceptable for a "check this" warning.
SIMILAR_NAME_THRESHOLD = 0.88

# Titles are matched after punctuation is removed and adjacent tokens are joined, so
# "S.E.", "S.E", "SE" and "S. E." all reach the key "se".
# Honorifics, pilgrimage and academic prefixes: only meaningful before the name
# ("H" at the end is more likely an initial, as in "Ahmad H.").
PREFIX_TITLES: frozenset[str] = frozenset(
    {
        "bapak", "bpk", "pak", "ibu", "bu", "sdr", "sdri", "sdra", "saudara", "saudari",
        "tn", "ny", "nn", "nona", "mas", "mbak", "h", "hj", "haji", "hajjah", "hajah",
        "kh", "dr", "drs", "dra", "ir", "prof", "drg",
    }
)  # fmt: skip
# Academic degrees: written after the name.
SUFFIX_TITLES: frozenset[str] = frozenset(
    {
        "se", "sh", "st", "skom", "ssi", "spd", "sked", "ssos", "sip", "sag", "sp", "spsi",
        "sfarm", "amd", "mm", "mba", "msi", "mt", "mh", "mkom", "mpd", "ak", "phd",
    }
)  # fmt: skip
# Business legal forms: written before ("PT Maju") or after ("Maju, PT") the name.
BUSINESS_FORMS: frozenset[str] = frozenset(
    {"pt", "cv", "ud", "tbk", "persero", "fa", "firma", "koperasi", "kop", "yayasan"}
)
_LEADING = PREFIX_TITLES | BUSINESS_FORMS
_TRAILING = SUFFIX_TITLES | BUSINESS_FORMS
# Longest title written as separate letters: "S. Kom" is two tokens, "M.B.A." three.
_MAX_TITLE_TOKENS = 3

# Apostrophes join ("Ma'ruf" -> "maruf"); all other punctuation separates tokens.
_APOSTROPHES = re.compile(r"['`\u2018\u2019\u02bc]")
_NON_WORD = re.compile(r"[^0-9a-z]+")


def _tokens(name: str) -> list[str]:
    """Lowercase ASCII word tokens: accents stripped, punctuation removed."""
    if name.isascii():  # nearly every Indonesian name: nothing to decompose (5x faster)
        plain = name.lower()
        if "'" in plain or "`" in plain:
            plain = _APOSTROPHES.sub("", plain)
        return _NON_WORD.sub(" ", plain).split()
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return _NON_WORD.sub(" ", _APOSTROPHES.sub("", plain)).split()


# A title at the front joins tokens[:size], so it starts with the first token; one at
# the end ends with the last: a name whose first token begins no title and whose last
# ends none (nearly every name) has no title to drop, found by two set lookups.
_LEADING_STARTS: frozenset[str] = frozenset(t[:i] for t in _LEADING for i in range(1, len(t) + 1))
_TRAILING_ENDS: frozenset[str] = frozenset(t[i:] for t in _TRAILING for i in range(len(t)))


def _strip_titles(tokens: list[str]) -> list[str]:
    """Drop titles at either end, repeatedly, always keeping at least one token."""
    if len(tokens) < 2 or (tokens[0] not in _LEADING_STARTS and tokens[-1] not in _TRAILING_ENDS):
        return tokens
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


def given_name(full_name: str) -> str:
    """The first word of a person's name as written, without leading titles:
    "Hj. Siti Harahap" -> "Siti", "Dr.Ir. Budi Santoso, M.M." -> "Budi".

    Used for forms of address ("Bu Siti"): a title after "Bu"/"Pak" reads wrong
    ("Bu Hj. Siti"), and the honorific already shows respect. A name that is nothing
    but titles is returned as written.
    """
    words = full_name.split()
    for word in words:
        parts = [p for p in _NON_WORD.split(_APOSTROPHES.sub("", word.lower())) if p]
        if not parts or not all(p in PREFIX_TITLES for p in parts):
            return word.rstrip(",")
    return words[0] if words else ""


def fold_name(name: str) -> str:
    """Comparable form of a name: lowercase, no accents/punctuation/titles/legal forms."""
    return " ".join(_strip_titles(_tokens(name)))


def fold_tokens(name: str) -> list[str]:
    """fold_name(name).split(), without the join and the split."""
    return _strip_titles(_tokens(name))


def name_search_key(name: str) -> str:
    """Sort and prefix-search key: like fold_name but titles are kept."""
    return " ".join(_tokens(name))


def jaro_winkler(a: str, b: str, prefix_scale: float = 0.1) -> float:
    """Jaro-Winkler similarity in [0, 1]; rewards a shared prefix of up to 4 characters."""
    if a == b:
        return 1.0
    if not a or not b:
        return 0.0
    window = max(len(a), len(b)) // 2 - 1
    b_used = [False] * len(b)
    a_matched: list[str] = []
    for i, ch in enumerate(a):
        for j in range(max(0, i - window), min(len(b), i + window + 1)):
            if not b_used[j] and b[j] == ch:
                b_used[j] = True
                a_matched.append(ch)
                break
    matches = len(a_matched)
    if matches == 0:
        return 0.0
    b_matched = [ch for ch, used in zip(b, b_used, strict=True) if used]
    transpositions = sum(x != y for x, y in zip(a_matched, b_matched, strict=True)) / 2
    jaro = (matches / len(a) + matches / len(b) + (matches - transpositions) / matches) / 3
    prefix = 0
    for x, y in zip(a[:4], b[:4], strict=False):
        if x != y:
            break
        prefix += 1
    return jaro + prefix * prefix_scale * (1 - jaro)


def _token_jaro_winkler(a: list[str], b: list[str]) -> float:
    """Pair tokens greedily by Jaro-Winkler and return the weakest pair's score.

    Comparing token by token (instead of whole strings) stops a shared first name from
    earning the Winkler prefix bonus for the whole name, and taking the weakest pair
    means every part of the name must match: "Budi Santoso" / "Budi Susanto" is not
    rescued by the identical "Budi". A token left without a partner scores 0.
    """
    if len(a) != len(b):
        return 0.0
    pairs = sorted(
        ((jaro_winkler(x, y), i, j) for i, x in enumerate(a) for j, y in enumerate(b)),
        reverse=True,
    )
    used_a: set[int] = set()
    used_b: set[int] = set()
    weakest = 1.0
    for score, i, j in pairs:
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        weakest = min(weakest, score)
    return weakest


def name_similarity(a: str, b: str) -> float:
    """Similarity of two names in [0, 1], insensitive to titles, accents and token order.

    The maximum of difflib's ratio on the sorted tokens (robust to inserted/missing
    letters and split/joined tokens, "Rina Wati" / "Rinawati") and token-wise
    Jaro-Winkler (robust to substituted and transposed letters).
    Compare against SIMILAR_NAME_THRESHOLD.
    """
    tokens_a, tokens_b = fold_name(a).split(), fold_name(b).split()
    if not tokens_a or not tokens_b:
        return 0.0
    sorted_a, sorted_b = " ".join(sorted(tokens_a)), " ".join(sorted(tokens_b))
    if sorted_a == sorted_b:
        return 1.0
    # Neither difflib nor greedy matching is guaranteed symmetric; a canonical argument
    # order makes name_similarity(a, b) == name_similarity(b, a) exactly.
    if sorted_a > sorted_b:
        sorted_a, sorted_b, tokens_a, tokens_b = sorted_b, sorted_a, tokens_b, tokens_a
    ratio = SequenceMatcher(None, sorted_a, sorted_b, autojunk=False).ratio()
    return max(ratio, _token_jaro_winkler(tokens_a, tokens_b))
