"""Which rows of a sheet repeat an earlier row, and how a sheet row is merged into a
client already stored (the "merge" choice for duplicates).

Duplicates follow `duplicates.duplicate_reasons` (same NIK, same mobile, or a similar
name with the same birth date). Names are compared in full only when a cheap, exact
bound says they could be similar, which keeps a 100,000-row sheet about linear.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from ao_desktop.domain.clients.client import Client, normalize_tags
from ao_desktop.domain.clients.duplicates import duplicate_reasons
from ao_desktop.domain.clients.names import SIMILAR_NAME_THRESHOLD, fold_tokens
from ao_desktop.domain.imports.client_import import ADDRESS_FIELDS, ParsedRow


# --- duplicates within one file -----------------------------------------------------------
@dataclass(frozen=True)
class FileDuplicate:
    """A row that repeats an earlier row of the same file."""

    row: int
    first_row: int
    reasons: tuple[str, ...]


# Rows that share one birth date are compared by name only with the first this many: a
# placeholder date (01/01/1970) shared by thousands of rows must not make the check
# quadratic. Later rows with that date still match on NIK, mobile and an identical name.
BIRTH_DATE_BUCKET = 32
# Float slack so that the bound below never rounds a true match away.
_LIMIT = SIMILAR_NAME_THRESHOLD - 1e-9


# What bounds name_similarity() from above without running it (it costs ~60 µs): the
# folded name's sorted tokens (its key), the length and character set of the key, and
# the length and character set of each token. Characters are bits of an int, so a bound
# is a few integer operations. A plain tuple: cheap to make, and to pickle when the
# import's helper process makes the sketches of its rows (see name_sketches).
_NameSketch = tuple[str, int, int, tuple[tuple[int, int], ...]]


def _chars(text: str) -> int:
    bits = 0
    for ch in set(text):
        bits |= 1 << ord(ch)
    return bits


_SPACE = 1 << ord(" ")


def _sketch(name: str, token_cache: dict[str, tuple[int, int]]) -> _NameSketch:
    tokens = fold_tokens(name)
    parts = []
    chars = _SPACE if len(tokens) > 1 else 0
    for token in tokens:
        part = token_cache.get(token)
        if part is None:
            part = token_cache[token] = (len(token), _chars(token))
        parts.append(part)
        chars |= part[1]
    key = " ".join(sorted(tokens))
    return key, len(key), chars, tuple(parts)


def name_sketches(rows: Sequence[ParsedRow]) -> dict[str, _NameSketch]:
    """The sketches FileDuplicateFinder.add makes of these rows' names, made elsewhere
    (the import's helper process) and handed to it with `add(rows, sketches)`."""
    sketches: dict[str, _NameSketch] = {}
    tokens: dict[str, tuple[int, int]] = {}
    for parsed in rows:
        client = parsed.client
        if client is not None and client.birth_date is not None and client.full_name not in sketches:
            sketches[client.full_name] = _sketch(client.full_name, tokens)
    return sketches


def _may_be_similar(a: _NameSketch, b: _NameSketch) -> bool:
    """False only when name_similarity(a, b) is surely below the threshold. It is the
    larger of difflib's ratio on the sorted tokens and, for equal token counts, the
    weakest Jaro-Winkler of paired tokens. Two strings share at most c characters, each
    length less the characters the other lacks; the ratio is at most 2c / total length;
    a token's Jaro is at most (c/len_x + c/len_y + 1) / 3 and Winkler's prefix adds at
    most 4 x 0.1 of the rest, so every token needs a partner that this bound allows."""
    key_a, len_a, chars_a, tokens_a = a
    key_b, len_b, chars_b, tokens_b = b
    if not tokens_a or not tokens_b:
        return False
    if key_a == key_b:
        return True
    common = min(len_a - (chars_a & ~chars_b).bit_count(), len_b - (chars_b & ~chars_a).bit_count())
    if 2 * common >= _LIMIT * (len_a + len_b):
        return True
    if len(tokens_a) != len(tokens_b):
        return False
    # The hot loop of the duplicate search (~300,000 pairs at 100,000 rows): min() spelled
    # out, which halves its cost.
    for len_x, chars_x in tokens_a:
        for len_y, chars_y in tokens_b:
            c = len_x - (chars_x & ~chars_y).bit_count()
            c_y = len_y - (chars_y & ~chars_x).bit_count()
            if c_y < c:
                c = c_y
            # jaro + 0.4 * (1 - jaro) with jaro at its bound (c/len_x + c/len_y + 1) / 3
            if 0.2 * (c / len_x + c / len_y + 1) + 0.4 >= _LIMIT:
                break
        else:
            return False
    return True


class NameFilter:
    """A cheap, exact pre-check for "similar names": False only when name_similarity()
    is surely below the threshold (see _may_be_similar). Sketches are kept per name, so
    checking one sheet against many stored clients folds each name once."""

    def __init__(self) -> None:
        self._sketches: dict[str, _NameSketch] = {}
        self._tokens: dict[str, tuple[int, int]] = {}

    def _sketch(self, name: str) -> _NameSketch:
        made = self._sketches.get(name)
        if made is None:
            made = self._sketches[name] = _sketch(name, self._tokens)
        return made

    def may_match(self, a: str, b: str) -> bool:
        return _may_be_similar(self._sketch(a), self._sketch(b))


def find_file_duplicates(rows: Sequence[ParsedRow]) -> dict[int, FileDuplicate]:
    """Sheet row -> the earliest earlier row that duplicate_reasons() takes for the same
    person (same NIK, same mobile, or a similar name with the same birth date). Rejected
    rows take no part. Indexed by NIK, mobile and birth date, and names are compared only
    when their sketches allow a match: about linear in the rows."""
    finder = FileDuplicateFinder()
    finder.add(rows)
    return finder.found


class FileDuplicateFinder:
    """find_file_duplicates() fed in pieces, in sheet order: `add` the rows as they are
    checked (the import does, while its helper process checks the rest); `found` is then
    what find_file_duplicates gives for all of them."""

    def __init__(self) -> None:
        self.found: dict[int, FileDuplicate] = {}
        self._by_nik: dict[str, tuple[int, Client]] = {}
        self._by_mobile: dict[str, tuple[int, Client]] = {}
        self._by_birth: dict[date, list[tuple[int, Client, _NameSketch]]] = {}
        self._by_birth_name: dict[tuple[date, str], tuple[int, Client]] = {}
        self._by_name: dict[str, _NameSketch] = {}  # names repeat: "Siti Aminah", "Muhammad Rizki"
        self._token_cache: dict[str, tuple[int, int]] = {}

    def add(self, rows: Sequence[ParsedRow], sketches: Mapping[str, _NameSketch] | None = None) -> None:
        """The next rows of the sheet, after every row added before; `sketches`, when
        given, are name_sketches() of them (the same as made here)."""
        if sketches:
            self._by_name.update(sketches)
        by_nik, by_mobile, by_birth = self._by_nik, self._by_mobile, self._by_birth
        by_birth_name, by_name, token_cache = self._by_birth_name, self._by_name, self._token_cache
        found = self.found
        may_be_similar = _may_be_similar
        for parsed in rows:
            client = parsed.client
            if client is None:
                continue
            row = parsed.row
            entry = (row, client)
            candidates: list[tuple[int, Client]] = []
            if client.nik and (earlier := by_nik.setdefault(client.nik, entry)) is not entry:
                candidates.append(earlier)
            if client.mobile and (earlier := by_mobile.setdefault(client.mobile, entry)) is not entry:
                candidates.append(earlier)
            birth = client.birth_date
            if birth is not None:
                mine = by_name.get(client.full_name)
                if mine is None:
                    mine = by_name[client.full_name] = _sketch(client.full_name, token_cache)
                bucket = by_birth.get(birth)
                if bucket is None:
                    by_birth[birth] = [(row, client, mine)]
                else:
                    for r, c, sketch in bucket:
                        if may_be_similar(mine, sketch):
                            candidates.append((r, c))
                    if len(bucket) < BIRTH_DATE_BUCKET:
                        bucket.append((row, client, mine))
                        if len(bucket) == BIRTH_DATE_BUCKET:  # full: later rows use exact names
                            for r, c, sketch in bucket:
                                by_birth_name.setdefault((birth, sketch[0]), (r, c))
                    elif (earlier := by_birth_name.setdefault((birth, mine[0]), entry)) is not entry:
                        candidates.append(earlier)
            if candidates:
                candidates.sort(key=lambda e: e[0])
                for first_row, earlier_client in candidates:
                    reasons = duplicate_reasons(client, earlier_client)
                    if reasons:
                        found[row] = FileDuplicate(row, first_row, reasons)
                        break


# --- merging into a stored client ---------------------------------------------------------
MERGE_FIELDS: tuple[str, ...] = (
    "kind", "full_name", "business_name", "nik", "nib", "npwp", "birth_date", "sex", "mobile",
    "landline", "occupation", "monthly_income", "monthly_obligations", "status",
    "lead_source", "refusal_reason", "officer_id", "consent_contact",
)  # fmt: skip


def merge_into(existing: Client, incoming: Client, present_fields: Collection[str]) -> Client:
    """`existing` updated from a sheet row: a field takes the sheet's value only when the
    row filled it (`present_fields`: Client field names, Address parts by their own names);
    everything else, id and version included, stays as stored. Tags are united; a note
    from the sheet is appended on a new line unless the stored notes already hold it."""
    changes: dict[str, Any] = {f: getattr(incoming, f) for f in MERGE_FIELDS if f in present_fields}
    parts = {f: getattr(incoming.address, f) for f in ADDRESS_FIELDS if f in present_fields}
    if parts:
        changes["address"] = replace(existing.address, **parts)
    if "tags" in present_fields:
        changes["tags"] = normalize_tags(existing.tags + incoming.tags)
    if "notes" in present_fields and incoming.notes:
        if not existing.notes:
            changes["notes"] = incoming.notes
        elif incoming.notes not in existing.notes:
            changes["notes"] = f"{existing.notes}\n{incoming.notes}"
    return replace(existing, **changes) if changes else existing
