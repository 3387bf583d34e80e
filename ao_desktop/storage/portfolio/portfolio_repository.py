"""SqlPortfolioRepository: extracts, accounts and their positions, matching by NIK and
CIF, and the sums behind the portfolio view (added up in SQL, one extract at a time,
through the (extract, officer, Kol) index).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from ao_desktop.domain.portfolio.account import (
    AccountListItem,
    AccountSource,
    Extract,
    LoanAccount,
    PositionEntry,
)
from ao_desktop.domain.portfolio.collectibility import CollectibilityPolicy
from ao_desktop.domain.portfolio.extract_rows import MatchedRow
from ao_desktop.domain.portfolio.summary import AGING_BUCKETS, Bucket, Totals, TrendPoint
from ao_desktop.storage import dialect
from ao_desktop.storage.audit_repository import audit_entry
from ao_desktop.storage.audit_values import jsonable
from ao_desktop.storage.portfolio import extract_writer, rollups

# What the audit names when an account is recorded by hand (the extract import is one
# batch entry of its own): the figures and who it belongs to, not the borrower's NIK.
_AUDITED_ACCOUNT_FIELDS = ("account_no", "product", "plafond", "disbursed_on", "tenor_months", "rate_pct",
                           "installment", "outstanding", "officer_id", "application_id")

CHUNK = 900  # SQLite's bound-parameter limit is 999 on old builds


def stored_date(value: Any) -> date | None:
    """A date column as SQLite returns it through text() (ISO text, or a date-time)."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def _stamp(value: Any) -> datetime | None:
    if value is None:
        return None
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))


def _extract(r: Any) -> Extract:
    return Extract(stored_date(r.as_of), r.file_name, r.accounts, r.outstanding,  # type: ignore[arg-type]
                   _stamp(r.imported_at), r.imported_by, r.id)  # type: ignore[arg-type]


def row_to_account(r: Any) -> LoanAccount:
    return LoanAccount(
        account_no=r.account_no, client_id=r.client_id, nik=r.nik, cif=r.cif,
        borrower_name=r.borrower_name, product=r.product, plafond=r.plafond,
        disbursed_on=stored_date(r.disbursed_on), tenor_months=r.tenor_months,
        rate_pct=Decimal(r.rate_pct) if r.rate_pct else None, installment=r.installment,
        outstanding=r.outstanding, arrears_principal=r.arrears_principal,
        arrears_interest=r.arrears_interest, penalty=r.penalty, days_past_due=r.days_past_due,
        collectibility=r.collectibility, next_due=stored_date(r.next_due), last_payment=stored_date(r.last_payment),
        officer_id=r.officer_id, officer_code=r.officer_code, extract_id=r.extract_id,
        source=AccountSource(r.source), application_id=r.application_id, id=r.id, version=r.version,
        updated_at=_stamp(r.updated_at), updated_by=r.updated_by)


_ACCOUNT_SELECT = (
    "SELECT a.*, COALESCE(c.full_name, a.borrower_name) AS client_name, COALESCE(o.name, '') AS "
    "officer_name, e.as_of AS as_of FROM loan_accounts a LEFT JOIN clients c ON c.id = a.client_id "
    "LEFT JOIN officers o ON o.id = a.officer_id LEFT JOIN loan_extracts e ON e.id = a.extract_id ")


class SqlPortfolioRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def _all(self, sql: str, **params: Any) -> list[Any]:
        return list(self.session.execute(text(sql), params).all())

    def _raw(self) -> dialect.RawConnection:
        """The transaction's own DB-API connection, for many-parameter lookups and bulk
        work (SQLAlchemy's text() would parse 900 named parameters per chunk)."""
        return dialect.raw_connection(self.session)

    def _lookup(self, sql: str, values: Collection[str]) -> dict[str, int]:
        con, found = self._raw(), {}
        ordered = sorted(v for v in values if v)
        for start in range(0, len(ordered), CHUNK):
            part = ordered[start:start + CHUNK]
            found.update(con.execute(sql.format(marks=", ".join("?" * len(part))), part).fetchall())
        return found

    # --- extracts -----------------------------------------------------------------------
    def extracts(self, limit: int = 1000) -> list[Extract]:
        """Newest first."""
        return [_extract(r) for r in self._all(
            "SELECT * FROM loan_extracts ORDER BY as_of DESC LIMIT :n", n=limit)]

    def extract_on_or_before(self, day: date | None) -> Extract | None:
        """The extract of `day`, else the newest before it; the newest of all for None."""
        if day is None:
            rows = self._all("SELECT * FROM loan_extracts ORDER BY as_of DESC LIMIT 1")
        else:
            rows = self._all("SELECT * FROM loan_extracts WHERE as_of <= :d ORDER BY as_of DESC LIMIT 1",
                             d=day.isoformat())
        return _extract(rows[0]) if rows else None

    def previous_extract(self, day: date) -> Extract | None:
        rows = self._all("SELECT * FROM loan_extracts WHERE as_of < :d ORDER BY as_of DESC LIMIT 1",
                         d=day.isoformat())
        return _extract(rows[0]) if rows else None

    def write_extract(self, as_of: date, file_name: str, rows: Sequence[MatchedRow], actor: str,
                      now: datetime, newest: bool, on_batch: Callable[[int], None] | None = None) -> int:
        return extract_writer.write_extract(self.session, as_of, file_name, rows, actor, now,
                                            newest=newest, on_batch=on_batch)

    # --- matching -----------------------------------------------------------------------
    def clients_by_nik(self, niks: Collection[str]) -> dict[str, int]:
        """NIK -> client id (the oldest client holding it) for the NIKs given."""
        return self._lookup("SELECT nik, MIN(id) FROM clients WHERE nik IN ({marks}) GROUP BY nik", niks)

    def clients_by_cif(self, cifs: Collection[str]) -> dict[str, int]:
        return self._lookup("SELECT cif, client_id FROM client_cifs WHERE cif IN ({marks})", cifs)

    def remember_cifs(self, pairs: Sequence[tuple[str, int]]) -> None:
        extract_writer.remember_cifs(self.session, pairs)

    def officer_codes(self) -> dict[str, int]:
        """Kode AO -> officer id, as the admin assigned them (settings "portfolio.ao.<code>")."""
        rows = self._all("SELECT key, value FROM settings WHERE key LIKE 'portfolio.ao.%'")
        out: dict[str, int] = {}
        for key, value in rows:
            if str(value).isdigit():
                out[key[len("portfolio.ao."):]] = int(value)
        return out

    def assign_code(self, code: str, officer_id: int) -> int:
        """Give every account (and position) carrying this unassigned Kode AO its officer;
        the number of accounts."""
        n = self.session.execute(text(
            "UPDATE loan_accounts SET officer_id = :o WHERE officer_code = :c AND officer_id IS NULL"),
            {"o": officer_id, "c": code}).rowcount
        self.session.execute(text(
            "UPDATE loan_positions SET officer_id = :o WHERE officer_id IS NULL AND account_id IN "
            "(SELECT id FROM loan_accounts WHERE officer_code = :c)"), {"o": officer_id, "c": code})
        rollups.rebuild(self._raw())
        return int(n or 0)

    def unassigned_codes(self) -> list[tuple[str, int]]:
        return [(r[0], r[1]) for r in self._all(
            "SELECT officer_code, COUNT(*) FROM loan_accounts WHERE officer_id IS NULL "
            "GROUP BY officer_code ORDER BY officer_code")]

    # --- policy -------------------------------------------------------------------------
    def recompute_collectibility(self, policy: CollectibilityPolicy) -> None:
        a, b, c, d = policy.upper
        case = (f"CASE WHEN days_past_due <= {a} THEN 1 WHEN days_past_due <= {b} THEN 2 "
                f"WHEN days_past_due <= {c} THEN 3 WHEN days_past_due <= {d} THEN 4 ELSE 5 END")
        self.session.execute(text(f"UPDATE loan_accounts SET collectibility = {case}"))
        self.session.execute(text(f"UPDATE loan_positions SET collectibility = {case}"))
        rollups.rebuild(self._raw())

    # --- sums ---------------------------------------------------------------------------
    @staticmethod
    def _officer_filter(officer_id: int | None, alias: str = "p") -> str:
        return "" if officer_id is None else f" AND {alias}.officer_id = :officer"

    def totals(self, extract_id: int, officer_id: int | None) -> Totals:
        rows = self._all(
            "SELECT r.collectibility, SUM(r.accounts), SUM(r.outstanding) FROM loan_rollups r "
            "WHERE r.extract_id = :e" + self._officer_filter(officer_id, "r") + " GROUP BY r.collectibility",
            e=extract_id, officer=officer_id)
        return Totals.of({lvl: (n, total) for lvl, n, total in rows})

    def totals_by_officer(self, extract_id: int) -> list[tuple[int | None, str, Totals]]:
        rows = self._all(
            "SELECT r.officer_id, r.collectibility, SUM(r.accounts), SUM(r.outstanding) FROM loan_rollups r "
            "WHERE r.extract_id = :e GROUP BY r.officer_id, r.collectibility", e=extract_id)
        names = dict(self._all("SELECT id, name FROM officers"))
        grouped: dict[int | None, dict[int, tuple[int, int]]] = {}
        for officer, lvl, n, total in rows:
            grouped.setdefault(officer, {})[lvl] = (n, total)
        out = [(o, names.get(o, "") if o is not None else "", Totals.of(g)) for o, g in grouped.items()]
        return sorted(out, key=lambda t: (t[0] is None, t[1]))

    def aging(self, extract_id: int, officer_id: int | None) -> list[Bucket]:
        rows = {i: (n, t) for i, n, t in self._all(
            "SELECT r.bucket, SUM(r.accounts), SUM(r.outstanding) FROM loan_rollups r "
            "WHERE r.extract_id = :e" + self._officer_filter(officer_id, "r") + " GROUP BY r.bucket",
            e=extract_id, officer=officer_id)}
        return [Bucket(*rows.get(i, (0, 0))) for i in range(len(AGING_BUCKETS))]

    def extras(self, extract_id: int, officer_id: int | None) -> tuple[int, int, int]:
        """(arrears, unmatched accounts, unassigned accounts) of one extract."""
        r = self._all(
            "SELECT COALESCE(SUM(r.arrears), 0), COALESCE(SUM(r.unmatched), 0), "
            "COALESCE(SUM(CASE WHEN r.officer_id IS NULL THEN r.accounts ELSE 0 END), 0) "
            "FROM loan_rollups r WHERE r.extract_id = :e" + self._officer_filter(officer_id, "r"),
            e=extract_id, officer=officer_id)[0]
        return int(r[0]), int(r[1]), int(r[2])

    def trend(self, up_to: date, officer_id: int | None, count: int = 6) -> list[TrendPoint]:
        """Outstanding and NPL outstanding of the last `count` extracts up to `up_to`, oldest first."""
        rows = self._all(
            "SELECT e.as_of, COALESCE(SUM(r.outstanding), 0), "
            "COALESCE(SUM(CASE WHEN r.collectibility >= 3 THEN r.outstanding ELSE 0 END), 0) "
            "FROM (SELECT id, as_of FROM loan_extracts WHERE as_of <= :d ORDER BY as_of DESC LIMIT :n) e "
            "LEFT JOIN loan_rollups r ON r.extract_id = e.id" + self._officer_filter(officer_id, "r")
            + " GROUP BY e.id, e.as_of ORDER BY e.as_of", d=up_to.isoformat(), n=count, officer=officer_id)
        return [TrendPoint(stored_date(d), int(o), int(n)) for d, o, n in rows]  # type: ignore[arg-type]

    def movement(self, extract_id: int, previous_id: int, officer_id: int | None,
                 limit: int = 2000) -> list[Any]:
        """(account id, number, name, officer, Kol before, Kol after, outstanding before/after,
        DPD before/after) of every account whose Kol changed, that is new or that left."""
        officer = "" if officer_id is None else " AND COALESCE(n.officer_id, o.officer_id) = :officer"
        sql = (
            "SELECT a.id, a.account_no, COALESCE(c.full_name, a.borrower_name) AS name, "
            "COALESCE(off.name, '') AS officer_name, o.collectibility AS kol_before, "
            "n.collectibility AS kol_after, COALESCE(o.outstanding, 0) AS os_before, "
            "COALESCE(n.outstanding, 0) AS os_after, o.days_past_due AS dpd_before, "
            "n.days_past_due AS dpd_after FROM loan_accounts a "
            "LEFT JOIN loan_positions o ON o.account_id = a.id AND o.extract_id = :prev "
            "LEFT JOIN loan_positions n ON n.account_id = a.id AND n.extract_id = :cur "
            "LEFT JOIN clients c ON c.id = a.client_id "
            "LEFT JOIN officers off ON off.id = COALESCE(n.officer_id, o.officer_id) "
            "WHERE (o.account_id IS NOT NULL OR n.account_id IS NOT NULL) "
            "AND (o.account_id IS NULL OR n.account_id IS NULL OR o.collectibility != n.collectibility)"
            + officer + " ORDER BY COALESCE(n.outstanding, o.outstanding) DESC LIMIT :lim")
        return self._all(sql, prev=previous_id, cur=extract_id, officer=officer_id, lim=limit)

    # --- accounts -----------------------------------------------------------------------
    def account_by_number(self, account_no: str) -> AccountListItem | None:
        rows = self._all(_ACCOUNT_SELECT + "WHERE a.account_no = :n", n=account_no.strip())
        return self._item(rows[0]) if rows else None

    def account(self, account_id: int) -> AccountListItem | None:
        rows = self._all(_ACCOUNT_SELECT + "WHERE a.id = :i", i=account_id)
        return self._item(rows[0]) if rows else None

    @staticmethod
    def _item(r: Any) -> AccountListItem:
        return AccountListItem(row_to_account(r), r.client_name, r.officer_name, stored_date(r.as_of))

    def accounts_of_client(self, client_id: int) -> list[AccountListItem]:
        return [self._item(r) for r in self._all(
            _ACCOUNT_SELECT + "WHERE a.client_id = :c ORDER BY a.disbursed_on DESC, a.id DESC", c=client_id)]

    def active_installments(self, client_id: int, exclude_application: int | None = None) -> int:
        """The monthly instalments of the client's loans still running: in the newest
        extract with an outstanding, or entered by hand with an outstanding."""
        r = self._all(
            "SELECT COALESCE(SUM(a.installment), 0) FROM loan_accounts a WHERE a.client_id = :c "
            "AND a.outstanding > 0 AND (a.extract_id IS NULL OR a.extract_id = "
            "(SELECT id FROM loan_extracts ORDER BY as_of DESC LIMIT 1)) "
            "AND (a.application_id IS NULL OR a.application_id != :app)",
            c=client_id, app=exclude_application if exclude_application is not None else -1)
        return int(r[0][0])

    def application_ids(self) -> set[int]:
        """Applications that already have their loan account."""
        return {r[0] for r in self._all("SELECT application_id FROM loan_accounts WHERE application_id IS NOT NULL")}

    def positions(self, account_id: int) -> list[PositionEntry]:
        return [PositionEntry(stored_date(r.as_of), r.outstanding, r.arrears_principal,  # type: ignore[arg-type]
                              r.arrears_interest, r.days_past_due, r.collectibility, r.officer_name or "")
                for r in self._all(
                    "SELECT e.as_of, p.*, o.name AS officer_name FROM loan_positions p "
                    "JOIN loan_extracts e ON e.id = p.extract_id LEFT JOIN officers o ON o.id = p.officer_id "
                    "WHERE p.account_id = :a ORDER BY e.as_of DESC", a=account_id)]

    def add_account(self, account: LoanAccount, actor: str, now: datetime) -> int:
        values = {
            "account_no": account.account_no, "client_id": account.client_id, "nik": account.nik,
            "cif": account.cif, "borrower_name": account.borrower_name, "product": account.product,
            "plafond": account.plafond, "disbursed_on": account.disbursed_on,
            "tenor_months": account.tenor_months,
            "rate_pct": "" if account.rate_pct is None else str(account.rate_pct),
            "installment": account.installment, "outstanding": account.outstanding,
            "arrears_principal": account.arrears_principal, "arrears_interest": account.arrears_interest,
            "penalty": account.penalty, "days_past_due": account.days_past_due,
            "collectibility": account.collectibility, "next_due": account.next_due,
            "last_payment": account.last_payment, "officer_id": account.officer_id,
            "officer_code": account.officer_code, "extract_id": None, "source": account.source.value,
            "application_id": account.application_id, "version": 1, "created_at": now,
            "updated_at": now, "updated_by": actor,
        }
        from ao_desktop.storage.models import LoanAccountRow

        row = LoanAccountRow(**values)
        self.session.add(row)
        self.session.flush()
        audit_entry(self.session, "loan_accounts", row.id, "create", actor, now,
                    {key: [None, jsonable(values[key])] for key in _AUDITED_ACCOUNT_FIELDS}, account.client_id)
        return int(row.id)

    # --- collections --------------------------------------------------------------------
    def worklist_rows(self, extract_id: int, officer_id: int | None, due_from: date, due_by: date,
                      limit: int = 1000) -> list[Any]:
        """Accounts of the extract in arrears, or falling due between `due_from` and
        `due_by` (a reminder before the due date), with the client's mobile."""
        return self._all(
            "SELECT a.id, a.account_no, a.client_id, COALESCE(c.full_name, a.borrower_name) AS name, "
            "p.officer_id, COALESCE(o.name, '') AS officer_name, COALESCE(c.mobile, '') AS mobile, "
            "p.outstanding, p.arrears_principal, p.arrears_interest, p.days_past_due, p.collectibility, "
            "p.next_due, (SELECT MAX(level) FROM warning_letters w WHERE w.account_id = a.id) AS last_letter "
            "FROM loan_positions p JOIN loan_accounts a ON a.id = p.account_id "
            "LEFT JOIN clients c ON c.id = a.client_id LEFT JOIN officers o ON o.id = p.officer_id "
            "WHERE p.extract_id = :e AND p.outstanding > 0 AND (p.days_past_due > 0 "
            "OR p.arrears_principal + p.arrears_interest > 0 OR p.next_due BETWEEN :due_from AND :due)"
            + self._officer_filter(officer_id)
            + " ORDER BY p.days_past_due DESC, p.arrears_principal + p.arrears_interest DESC LIMIT :lim",
            e=extract_id, officer=officer_id, due_from=due_from.isoformat(), due=due_by.isoformat(),
            lim=limit)

    def promises(self, client_ids: Collection[int]) -> list[Any]:
        """Promises to pay recorded on these clients' activities: (activity id, client id,
        made on, promised date, amount)."""
        out: list[Any] = []
        values = sorted(client_ids)
        for start in range(0, len(values), CHUNK):
            part = values[start:start + CHUNK]
            marks = ", ".join(f":c{i}" for i in range(len(part)))
            out += self._all(
                f"SELECT id, client_id, starts_at, promise_date, promise_amount FROM activities "
                f"WHERE result = 'janji_bayar' AND promise_date IS NOT NULL AND client_id IN ({marks}) "
                f"ORDER BY promise_date", **{f"c{i}": v for i, v in enumerate(part)})
        return out

    def arrears_history(self, client_ids: Collection[int]) -> dict[int, dict[date, int]]:
        """Client id -> {extract as-of: arrears over all the client's accounts}."""
        out: dict[int, dict[date, int]] = {c: {} for c in client_ids}
        values = sorted(client_ids)
        for start in range(0, len(values), CHUNK):
            part = values[start:start + CHUNK]
            marks = ", ".join(f":c{i}" for i in range(len(part)))
            for client_id, as_of, arrears in self._all(
                    f"SELECT p.client_id, e.as_of, SUM(p.arrears_principal + p.arrears_interest) "
                    f"FROM loan_positions p JOIN loan_extracts e ON e.id = p.extract_id "
                    f"WHERE p.client_id IN ({marks}) GROUP BY p.client_id, e.as_of",
                    **{f"c{i}": v for i, v in enumerate(part)}):
                out.setdefault(client_id, {})[stored_date(as_of)] = int(arrears)  # type: ignore[index]
        return out
