"""The client search index: an FTS5 table with the trigram tokenizer, kept in sync by
triggers, and the translation of what the user types into a MATCH expression.

Trigram answers substring searches ("nurh" finds "Siti Nurhaliza", "3456" finds a phone
or NIK) from the index in well under a millisecond; LIKE '%x%' would scan every row.
Phones are indexed in both forms: national (0812...) and international digits (62812...).
"""

from __future__ import annotations

import re

CREATE_FTS = """
CREATE VIRTUAL TABLE client_fts USING fts5(
    name, business, nik, phones, address,
    tokenize = 'trigram'
)
"""

# SQL expressions over a clients row (NEW. or a table alias) giving the indexed texts.
PHONES = (
    "CASE WHEN {r}.mobile <> '' THEN '0' || substr({r}.mobile, 4) || ' ' || substr({r}.mobile, 2) "
    "ELSE '' END || ' ' || "
    "CASE WHEN {r}.landline <> '' THEN '0' || substr({r}.landline, 4) || ' ' || substr({r}.landline, 2) "
    "ELSE '' END"
)
ADDRESS = "{r}.street || ' ' || {r}.kelurahan || ' ' || {r}.kecamatan || ' ' || {r}.city || ' ' || {r}.province || ' ' || {r}.postal_code"


def _values(r: str) -> str:
    return (
        f"{r}.id, {r}.full_name, {r}.business_name, {r}.nik, "
        f"{PHONES.format(r=r)}, {ADDRESS.format(r=r)}"
    )


TRIGGERS = [
    f"""CREATE TRIGGER clients_fts_ai AFTER INSERT ON clients BEGIN
        INSERT INTO client_fts(rowid, name, business, nik, phones, address) VALUES ({_values("NEW")});
    END""",
    """CREATE TRIGGER clients_fts_ad AFTER DELETE ON clients BEGIN
        DELETE FROM client_fts WHERE rowid = OLD.id;
    END""",
    # Only the indexed columns fire the update trigger: a status change does not re-index.
    f"""CREATE TRIGGER clients_fts_au AFTER UPDATE OF full_name, business_name, nik, mobile,
        landline, street, kelurahan, kecamatan, city, province, postal_code ON clients BEGIN
        DELETE FROM client_fts WHERE rowid = OLD.id;
        INSERT INTO client_fts(rowid, name, business, nik, phones, address) VALUES ({_values("NEW")});
    END""",
]

DROP = [
    "DROP TRIGGER IF EXISTS clients_fts_ai",
    "DROP TRIGGER IF EXISTS clients_fts_ad",
    "DROP TRIGGER IF EXISTS clients_fts_au",
    "DROP TABLE IF EXISTS client_fts",
]

# Bulk loads drop the triggers and rebuild the index in one statement afterwards.
REBUILD = [
    "DELETE FROM client_fts",
    f"INSERT INTO client_fts(rowid, name, business, nik, phones, address) SELECT {_values('c')} FROM clients AS c",
]

_PHONE_LIKE = re.compile(r"^\+?[\d\s\-().]+$")


def search_words(text: str) -> list[str] | None:
    """The words of the user's text the index can answer (trigrams need 3 characters; a
    phone number counts as its digits), or None when no word is long enough: shorter
    words are left to the caller's prefix search. All of them must match."""
    text = text.strip()
    if not text:
        return None
    if _PHONE_LIKE.match(text) and sum(ch.isdigit() for ch in text) >= 3:
        words = [re.sub(r"\D", "", text)]
    else:
        words = text.split()
    found = [w for w in words if len(w) >= 3]
    return found or None


def match_expression(text: str) -> str | None:
    """An FTS5 MATCH string for the user's text (SQLite), or None when no word is long
    enough: each word a quoted phrase (so quotes, stars and operators typed by the user
    are plain text), all words required."""
    words = search_words(text)
    if words is None:
        return None
    return " AND ".join('"' + w.replace('"', '""') + '"' for w in words)


def word_start_expression(text: str) -> str | None:
    """An FTS5 expression matching names (or business names) with a word, after the first,
    that starts with the user's text: the phrase with a leading space, so its first
    trigram is " si" and only word starts match. Names that start with the text are
    found through the name_key index instead. None when the text is not a name fragment."""
    words = text.split()
    if not words or _PHONE_LIKE.match(text.strip()):
        return None
    phrase = " " + " ".join(words)
    return '{name business} : "' + phrase.replace('"', '""') + '"'
