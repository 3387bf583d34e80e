"""Writing one core-banking extract inside the caller's write transaction.

The extract row is kept per as-of date: importing the same date again empties and
refills it (same id), so accounts pointing at it never lose their link. Accounts are
found by number; new ones are inserted, and when the extract is the newest one every
listed account's latest position is updated from it. Rows go in by `executemany` on the
transaction's own connection: a 20,000-account extract is a few hundred milliseconds.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime

from sqlalchemy.orm import Session

from ao_desktop.domain.portfolio.extract_rows import MatchedRow
from ao_desktop.storage import dialect
from ao_desktop.storage.portfolio import rollups

BATCH = 2_000
_ACCOUNT_COLUMNS = (
    "account_no", "client_id", "nik", "cif", "borrower_name", "product", "plafond", "disbursed_on",
    "tenor_months", "rate_pct", "installment", "outstanding", "arrears_principal", "arrears_interest",
    "penalty", "days_past_due", "collectibility", "next_due", "last_payment", "officer_id",
    "officer_code", "extract_id", "source", "version", "created_at", "updated_at", "updated_by",
)  # fmt: skip
_INSERT_ACCOUNT = (f"INSERT INTO loan_accounts ({', '.join(_ACCOUNT_COLUMNS)}) "
                   f"VALUES ({', '.join('?' * len(_ACCOUNT_COLUMNS))})")
_UPDATE_COLUMNS = _ACCOUNT_COLUMNS[1:22]  # client_id .. extract_id
_UPDATE_ACCOUNT = ("UPDATE loan_accounts SET " + ", ".join(f"{c} = ?" for c in _UPDATE_COLUMNS)
                   + ", version = version + 1, updated_at = ?, updated_by = ? WHERE id = ?")
_POSITION_COLUMNS = (
    "extract_id", "account_id", "officer_id", "client_id", "outstanding", "arrears_principal",
    "arrears_interest", "penalty", "days_past_due", "collectibility", "installment", "next_due",
    "last_payment",
)  # fmt: skip
_INSERT_POSITION = (f"INSERT INTO loan_positions ({', '.join(_POSITION_COLUMNS)}) "
                    f"VALUES ({', '.join('?' * len(_POSITION_COLUMNS))})")


def _stamp(value: datetime) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%S.%f")  # SQLAlchemy's DateTime text on SQLite


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _account_values(m: MatchedRow, extract_id: int) -> tuple[object, ...]:
    r = m.row
    return (m.client_id, r.nik, r.cif, r.borrower_name, r.product, r.plafond, _day(r.disbursed_on),
            r.tenor_months, "" if r.rate_pct is None else str(r.rate_pct), r.installment, r.outstanding,
            r.arrears_principal, r.arrears_interest, r.penalty, r.days_past_due, m.collectibility,
            _day(r.next_due), _day(r.last_payment), m.officer_id, r.officer_code, extract_id)


def write_extract(
    session: Session,
    as_of: date,
    file_name: str,
    rows: Sequence[MatchedRow],
    actor: str,
    now: datetime,
    *,
    newest: bool,
    on_batch: Callable[[int], None] | None = None,
) -> int:
    """Store the extract (replacing one of the same date); returns its id. `newest`: it
    is the newest extract, so the accounts' latest positions come from it."""
    con = dialect.raw_connection(session)
    stamp = _stamp(now)
    total = sum(m.row.outstanding for m in rows)
    found = con.execute("SELECT id FROM loan_extracts WHERE as_of = ?", (as_of.isoformat(),)).fetchone()
    if found:
        extract_id = int(found[0])
        con.execute("DELETE FROM loan_positions WHERE extract_id = ?", (extract_id,))
        con.execute("UPDATE loan_extracts SET file_name = ?, accounts = ?, outstanding = ?, imported_at = ?, "
                    "imported_by = ? WHERE id = ?", (file_name, len(rows), total, stamp, actor, extract_id))
    else:
        extract_id = int(con.execute(
            "INSERT INTO loan_extracts (as_of, file_name, accounts, outstanding, imported_at, imported_by) "
            "VALUES (?, ?, ?, ?, ?, ?) RETURNING id", (as_of.isoformat(), file_name, len(rows), total, stamp, actor)
        ).fetchone()[0])
    known = dict(con.execute("SELECT account_no, id FROM loan_accounts"))
    fresh = [m for m in rows if m.row.account_no not in known]
    for start in range(0, len(fresh), BATCH):
        con.executemany(_INSERT_ACCOUNT, [
            (m.row.account_no, *_account_values(m, extract_id), "ekstrak", 1, stamp, stamp, actor)
            for m in fresh[start:start + BATCH]])
    if fresh:
        numbers = {m.row.account_no for m in fresh}
        known.update((n, i) for n, i in con.execute("SELECT account_no, id FROM loan_accounts")
                     if n in numbers)
    if newest:
        fresh_numbers = {m.row.account_no for m in fresh}
        stale = [m for m in rows if m.row.account_no not in fresh_numbers]
        for start in range(0, len(stale), BATCH):
            con.executemany(_UPDATE_ACCOUNT, [
                (*_account_values(m, extract_id), stamp, actor, known[m.row.account_no])
                for m in stale[start:start + BATCH]])
    for start in range(0, len(rows), BATCH):
        con.executemany(_INSERT_POSITION, [
            (extract_id, known[m.row.account_no], m.officer_id, m.client_id, m.row.outstanding,
             m.row.arrears_principal, m.row.arrears_interest, m.row.penalty, m.row.days_past_due,
             m.collectibility, m.row.installment, _day(m.row.next_due), _day(m.row.last_payment))
            for m in rows[start:start + BATCH]])
        if on_batch is not None:
            on_batch(min(start + BATCH, len(rows)))
    if found:
        _repoint_dropped(con, extract_id)
    rollups.rebuild(con, extract_id)
    con.execute(
        "INSERT INTO audit_log (table_name, row_id, action, actor, at, details) VALUES "
        "('loan_extracts', ?, 'import', ?, ?, ?)",
        (extract_id, actor, stamp, f'{{"as_of": "{as_of.isoformat()}", "accounts": {len(rows)}}}'))
    return extract_id


_DROPPED = ("loan_accounts.extract_id = ? AND NOT EXISTS (SELECT 1 FROM loan_positions q "
            "WHERE q.extract_id = ? AND q.account_id = loan_accounts.id)")
_HAS_POSITION = "EXISTS (SELECT 1 FROM loan_positions q WHERE q.account_id = loan_accounts.id)"


def _repoint_dropped(con: dialect.RawConnection, extract_id: int) -> None:
    """Accounts the replaced extract listed and the new one of the same date does not:
    their latest position is now the newest one left in another extract. An account
    that only that extract ever listed was a mistake of the replaced file and goes (kept,
    closed, when a warning letter was issued on it); one entered by hand goes back to
    being entered by hand."""
    con.execute(
        "DELETE FROM loan_accounts WHERE " + _DROPPED + " AND source = 'ekstrak' AND NOT " + _HAS_POSITION
        + " AND NOT EXISTS (SELECT 1 FROM warning_letters w WHERE w.account_id = loan_accounts.id)",
        (extract_id, extract_id))
    con.execute(
        "UPDATE loan_accounts SET extract_id = NULL, outstanding = CASE WHEN source = 'ekstrak' THEN 0 "
        "ELSE outstanding END WHERE " + _DROPPED + " AND NOT " + _HAS_POSITION, (extract_id, extract_id))
    con.execute(
        "UPDATE loan_accounts SET (extract_id, client_id, officer_id, outstanding, arrears_principal, "
        "arrears_interest, penalty, days_past_due, collectibility, installment, next_due, last_payment) = "
        "(SELECT p.extract_id, COALESCE(p.client_id, loan_accounts.client_id), p.officer_id, p.outstanding, "
        "p.arrears_principal, p.arrears_interest, p.penalty, p.days_past_due, p.collectibility, p.installment, "
        "p.next_due, p.last_payment FROM loan_positions p JOIN loan_extracts e ON e.id = p.extract_id "
        "WHERE p.account_id = loan_accounts.id ORDER BY e.as_of DESC LIMIT 1) WHERE " + _DROPPED,
        (extract_id, extract_id))


def remember_cifs(session: Session, pairs: Sequence[tuple[str, int]]) -> None:
    """Keep each (CIF, client id) matched by NIK, so later extracts match by CIF alone;
    a CIF already kept for a client stays as it is."""
    dialect.raw_connection(session).executemany(
        "INSERT INTO client_cifs (cif, client_id) VALUES (?, ?) ON CONFLICT DO NOTHING", pairs)
