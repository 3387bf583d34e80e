"""Checking a database on a PostgreSQL server: the relational checks `check` runs on a
SQLite file, where they mean something on a server (#18).

- Pages: PostgreSQL guards its own pages (WAL, checksums where the DBA enabled them);
  SQLite's integrity_check has no counterpart to run here, and the report says so.
- The catalog: a foreign key or the audit log's append-only rule is only enforced while
  its trigger is enabled and its constraint validated; an index left invalid by a failed
  build answers nothing. Either is reported as a problem of the database's structure.
- Foreign keys: every declared foreign key is checked row by row for rows pointing at
  missing rows (what PRAGMA foreign_key_check does on SQLite): rows loaded while the
  triggers were off (`session_replication_role = replica`, `DISABLE TRIGGER ALL`) are
  found even though PostgreSQL enforces foreign keys.
- The search index: pg_trgm and the client search's GIN indexes exist and are valid.
- The schema stamp (the Alembic revision) stands in for SQLite's application id.
- The collation: names sort as on SQLite (code point order) only under C, POSIX,
  C.UTF-8 or ucs_basic; any other is reported as a warning, not as damage.

Everything is read in one REPEATABLE READ transaction; nothing is written.
"""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy.exc import OperationalError

from ao_desktop.domain.common.errors import DatabaseRefused
from ao_desktop.domain.common.i18n import _
from ao_desktop.domain.maintenance.backup import CheckReport
from ao_desktop.storage import dialect
from ao_desktop.storage.maintenance.db_check import foreign_key_lines
from ao_desktop.storage.sqlite_file import SCHEMA_VERSION

log = logging.getLogger(__name__)

# Collations that order text by code point, as SQLite's BINARY does for UTF-8.
_CODE_POINT_COLLATIONS = frozenset({"c", "posix", "ucs_basic", "c.utf-8", "c.utf8", "pg_c_utf8"})

_FOREIGN_KEYS = """
SELECT con.conrelid::regclass::text, con.confrelid::regclass::text,
       array_agg(ca.attname::text ORDER BY k.n), array_agg(pa.attname::text ORDER BY k.n)
FROM pg_constraint con
CROSS JOIN LATERAL unnest(con.conkey, con.confkey) WITH ORDINALITY AS k(child, parent, n)
JOIN pg_attribute ca ON ca.attrelid = con.conrelid AND ca.attnum = k.child
JOIN pg_attribute pa ON pa.attrelid = con.confrelid AND pa.attnum = k.parent
WHERE con.contype = 'f' AND con.connamespace = current_schema()::regnamespace
GROUP BY con.oid, con.conrelid, con.confrelid
ORDER BY 1, 2
"""
_DISABLED_TRIGGERS = """
SELECT c.relname::text, t.tgname::text, t.tgisinternal
FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
WHERE c.relnamespace = current_schema()::regnamespace AND t.tgenabled = 'D'
ORDER BY 1, 2
"""
_UNVALIDATED = """
SELECT conrelid::regclass::text, conname::text FROM pg_constraint
WHERE connamespace = current_schema()::regnamespace AND NOT convalidated ORDER BY 1, 2
"""
_INVALID_INDEXES = """
SELECT c.relname::text FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
WHERE c.relnamespace = current_schema()::regnamespace AND NOT (i.indisvalid AND i.indisready)
ORDER BY 1
"""


def sorts_like_sqlite(collation: str) -> bool:
    """True when text ordered by `collation` comes out in SQLite's order (BINARY: code
    point order for UTF-8); a language's collation (en_US.UTF-8, id_ID, ICU) ignores case,
    spaces and punctuation at first, so the same names list in another order."""
    return collation.strip().lower() in _CODE_POINT_COLLATIONS


def check_server_database(location: str) -> CheckReport:
    """The relational checks of `check` on the database at a `postgresql://` location,
    explained line by line in Bahasa Indonesia, in a report of the same shape as a file's."""
    from ao_desktop.storage.server import (
        ServerDatabase,
        connection_problem,
        prepare_location,
        schema_version,
    )

    db = ServerDatabase(prepare_location(location))
    try:
        version = schema_version(db.read_engine)
        with db.read_engine.connect() as conn:  # REPEATABLE READ: one snapshot for all
            report = _check(conn, db.label, version)
            conn.rollback()
    except OperationalError as exc:
        raise DatabaseRefused(_("Tidak dapat terhubung ke server {s}: {e}").format(
            s=db.label, e=connection_problem(exc))) from exc
    finally:
        db.close()
    log.info("check of %s: %s", report.path, "ok" if report.ok else "; ".join(report.lines))
    return report


def _check(conn: Any, label: str, version: int) -> CheckReport:
    app_ok = 1 <= version <= SCHEMA_VERSION and dialect.has_table(conn, "settings")
    lines = [
        _("Penanda database: database AO Desktop (skema {v}).").format(v=version)
        if app_ok
        else _("Penanda database: BUKAN database AO Desktop.")
    ]
    lines.append(_("Halaman data: dijaga oleh PostgreSQL sendiri (integrity_check hanya untuk "
                   "berkas SQLite)."))
    catalog = _catalog_problems(conn)
    lines.append(
        _("Aturan di katalog (constraint, trigger, indeks): baik.")
        if not catalog
        else _("Aturan di katalog RUSAK: {e}.").format(e="; ".join(catalog[:5]))
    )
    foreign = foreign_key_lines(_orphans(conn))
    lines.append(
        _("Relasi antardata (foreign key): baik.")
        if not foreign
        else _("Relasi antardata RUSAK: {e}.").format(e="; ".join(foreign[:5]))
    )
    search_ok: bool | None = None
    if dialect.has_table(conn, "clients"):
        missing = _search_index_problems(conn)
        search_ok = not missing
        lines.append(
            _("Indeks pencarian nasabah: baik.")
            if search_ok
            else _("Indeks pencarian nasabah RUSAK: {e}").format(e="; ".join(missing))
        )
    collation = _collation(conn)
    warnings: list[str] = []
    if sorts_like_sqlite(collation):
        lines.append(_("Urutan teks (collation {c}): sama dengan berkas SQLite.").format(c=collation))
    else:
        warning = _(
            "Urutan teks (collation {c}): nama diurutkan menurut aturan bahasa (huruf besar/kecil, "
            "spasi dan tanda baca diabaikan lebih dulu), bisa berbeda dari urutan di berkas "
            "SQLite. Data tidak rusak; DBA dapat membuat database dengan LC_COLLATE 'C.UTF-8' "
            "agar sama.").format(c=collation)
        warnings.append(warning)
        lines.append(warning)
    checks = ("schema_version", "catalog", "foreign_keys") + (
        ("search_index",) if search_ok is not None else ()) + ("collation",)
    return CheckReport(label, tuple(catalog), tuple(foreign), search_ok, app_ok, tuple(lines),
                       engine="postgresql", checks=checks, collation=collation,
                       warnings=tuple(warnings))


def _catalog_problems(conn: Any) -> list[str]:
    problems = []
    for table, trigger, internal in conn.exec_driver_sql(_DISABLED_TRIGGERS):
        problems.append(
            _("penjaga foreign key tabel {t} dinonaktifkan ({n})").format(t=table, n=trigger)
            if internal
            else _("trigger {n} tabel {t} dinonaktifkan").format(t=table, n=trigger))
    for table, name in conn.exec_driver_sql(_UNVALIDATED):
        problems.append(_("constraint {n} tabel {t} belum divalidasi (NOT VALID)").format(t=table, n=name))
    for (index,) in conn.exec_driver_sql(_INVALID_INDEXES):
        problems.append(_("indeks {n} tidak valid (pembuatannya gagal)").format(n=index))
    return problems


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _orphans(conn: Any) -> list[tuple[str, object, str]]:
    """(table, row id, parent table) of every row whose foreign key points at no row,
    whatever let it in (MATCH SIMPLE: a key with a NULL in it points at nothing)."""
    rows: list[tuple[str, object, str]] = []
    for child, parent, child_columns, parent_columns in conn.exec_driver_sql(_FOREIGN_KEYS).all():
        columns = {r[0] for r in conn.exec_driver_sql(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND table_name = %(t)s",
            {"t": child.strip('"')})}
        row_id = "c.id" if "id" in columns else "c.ctid::text"
        present = " AND ".join(f"c.{_quoted(c)} IS NOT NULL" for c in child_columns)
        match = " AND ".join(f"p.{_quoted(p)} = c.{_quoted(c)}"
                             for c, p in zip(child_columns, parent_columns, strict=True))
        sql = (f"SELECT {row_id} FROM {child} AS c WHERE {present} "
               f"AND NOT EXISTS (SELECT 1 FROM {parent} AS p WHERE {match}) ORDER BY 1")
        rows.extend((child.strip('"'), r[0], parent.strip('"')) for r in conn.exec_driver_sql(sql))
    return rows


def _search_index_problems(conn: Any) -> list[str]:
    problems = []
    if conn.exec_driver_sql("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'").first() is None:
        problems.append(_("ekstensi pg_trgm tidak terpasang"))
    valid = {r[0]: r[1] for r in conn.exec_driver_sql(
        "SELECT c.relname::text, i.indisvalid AND i.indisready FROM pg_index i "
        "JOIN pg_class c ON c.oid = i.indexrelid "
        "WHERE c.relnamespace = current_schema()::regnamespace")}
    for name in dialect.PG_SEARCH_INDEX_NAMES:
        if name not in valid:
            problems.append(_("indeks {n} tidak ada").format(n=name))
        elif not valid[name]:
            problems.append(_("indeks {n} tidak valid").format(n=name))
    return problems


def _collation(conn: Any) -> str:
    """The collation names are sorted by: the column's own, else the database's."""
    info = conn.exec_driver_sql(
        "SELECT to_jsonb(d) FROM pg_database d WHERE datname = current_database()").scalar()
    collation = str(info.get("datcollate") or "")
    if info.get("datlocprovider") in ("i", "b"):  # ICU or the builtin provider (PG 15+/17+)
        locale = info.get("daticulocale") or info.get("datlocale") or ""
        collation = f"{'ICU' if info['datlocprovider'] == 'i' else 'builtin'} {locale}".strip()
        if info["datlocprovider"] == "b":
            collation = str(locale)  # C or C.UTF-8: code point order
    column = conn.exec_driver_sql(
        "SELECT collation_name FROM information_schema.columns WHERE table_schema = "
        "current_schema() AND table_name = 'clients' AND column_name = 'full_name'").scalar()
    if column:
        collation = str(column)
    return collation or "?"
