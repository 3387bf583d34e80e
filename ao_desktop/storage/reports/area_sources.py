"""The portfolio and problems sections of the report, read from the loan portfolio
(core-banking extracts, storage/portfolio) and the client problem log (storage/problems)
inside the report's one read transaction.

Which extract stands for a date: the newest extract dated on or before it. The month's
start is the newest extract before the period's first day (normally the previous
month-end), its end the newest on or before the last day. A period before any extract
has no start figures (zeros), not an error.

Collections over the period, per account, from the two extracts and the instalment:
    due       = arrears at the start (principal + interest) + instalments falling due in
                the period (the instalment x the months of the period)
    collected = due - arrears at the end (never below 0, never above due)
so the collection rate is what the core-banking extract shows was paid of what was owed.
An account that left between the two extracts (paid off) counts as collected in full.

Attribution, so the branch total is the sum of the officers' rows: an account's figures to
the officer of its position on the extract concerned (the end one where it has both), a
promise to pay to the officer of the activity that recorded it, a problem to its AO.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from ao_desktop.domain.portfolio.collections import Promise, PromiseState, judge_promise
from ao_desktop.domain.reports.figures import PortfolioFigures, ProblemFigures, TrendPoint
from ao_desktop.domain.reports.period import ReportPeriod
from ao_desktop.storage.portfolio.portfolio_repository import stored_date
from ao_desktop.storage.reports.work_figures import bounds, officer_filter

OfficerKey = int | None
TREND_MONTHS = 6


class SqlPortfolioReport:
    """services/reports/sources.PortfolioSource over the loan portfolio tables."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def _rows(self, sql: str, params: dict[str, object] | None = None) -> list[tuple]:  # type: ignore[type-arg]
        return [tuple(r) for r in self.session.execute(text(sql), params or {})]

    def _extract_id(self, sql_condition: str, day: date) -> int | None:
        rows = self._rows(f"SELECT id FROM loan_extracts WHERE as_of {sql_condition} :d "
                          f"ORDER BY as_of DESC LIMIT 1", {"d": day.isoformat()})
        return int(rows[0][0]) if rows else None

    def available(self) -> bool:
        return bool(self._rows("SELECT 1 FROM loan_extracts LIMIT 1"))

    def portfolio(self, period: ReportPeriod, officer_ids: Sequence[int] | None) -> dict[OfficerKey, PortfolioFigures]:
        start = self._extract_id("<", period.first)
        end = self._extract_id("<=", period.last)
        fields: dict[OfficerKey, dict[str, Any]] = defaultdict(dict)
        where = officer_filter("r.officer_id", officer_ids)
        rollup = ("SELECT r.officer_id, r.collectibility, SUM(r.accounts), SUM(r.outstanding) "
                  f"FROM loan_rollups r WHERE r.extract_id = :e AND {where} GROUP BY 1, 2")
        if start is not None:
            for officer, kol, _n, amount in self._rows(rollup, {"e": start}):
                f = fields[officer]
                f["outstanding_start"] = f.get("outstanding_start", 0) + int(amount)
                if kol >= 3:
                    f["npl_start_amount"] = f.get("npl_start_amount", 0) + int(amount)
        if end is not None:
            for officer, kol, n, amount in self._rows(rollup, {"e": end}):
                f = fields[officer]
                f["outstanding_end"] = f.get("outstanding_end", 0) + int(amount)
                amounts = f.setdefault("kol_amounts", [0] * 5)
                counts = f.setdefault("kol_counts", [0] * 5)
                amounts[kol - 1] += int(amount)
                counts[kol - 1] += int(n)
        for officer, (due, collected) in self._collections(period, start, end, officer_ids).items():
            fields[officer]["collections_due"] = due
            fields[officer]["collections_collected"] = collected
        for officer, (kept, broken) in self._promises(period, officer_ids).items():
            fields[officer]["promises_kept"] = kept
            fields[officer]["promises_broken"] = broken
        for officer, trend in self._trend(period, officer_ids).items():
            fields[officer]["trend"] = trend
        out: dict[OfficerKey, PortfolioFigures] = {}
        for officer, f in fields.items():
            for key in ("kol_amounts", "kol_counts"):
                if key in f:
                    f[key] = tuple(f[key])
            out[officer] = PortfolioFigures(**f)
        return out

    def _collections(self, period: ReportPeriod, start: int | None, end: int | None,
                     officer_ids: Sequence[int] | None) -> dict[OfficerKey, tuple[int, int]]:
        if end is None:
            return {}
        months = len(period.months())
        # Every account on either extract: start position `s`, end position `n`.
        sql = (
            "SELECT COALESCE(n.officer_id, s.officer_id), "
            "COALESCE(s.arrears_principal + s.arrears_interest, 0), "
            "COALESCE(n.installment, s.installment, 0), "
            "n.account_id IS NOT NULL, COALESCE(n.arrears_principal + n.arrears_interest, 0) "
            "FROM (SELECT account_id FROM loan_positions WHERE extract_id = :s "
            "      UNION SELECT account_id FROM loan_positions WHERE extract_id = :e) a "
            "LEFT JOIN loan_positions s ON s.extract_id = :s AND s.account_id = a.account_id "
            "LEFT JOIN loan_positions n ON n.extract_id = :e AND n.account_id = a.account_id "
            f"WHERE {officer_filter('COALESCE(n.officer_id, s.officer_id)', officer_ids)}")
        out: dict[OfficerKey, list[int]] = defaultdict(lambda: [0, 0])
        for officer, arrears_before, installment, still_there, arrears_after in self._rows(
                sql, {"s": -1 if start is None else start, "e": end}):
            due = int(arrears_before) + int(installment) * months
            collected = due if not still_there else min(due, max(0, due - int(arrears_after)))
            out[officer][0] += due
            out[officer][1] += collected
        return {o: (v[0], v[1]) for o, v in out.items()}

    def _promises(self, period: ReportPeriod, officer_ids: Sequence[int] | None) -> dict[OfficerKey, tuple[int, int]]:
        """Promises whose promised date falls in the period, judged by the extracts."""
        promises = self._rows(
            "SELECT id, client_id, officer_id, starts_at, promise_date, promise_amount FROM activities "
            "WHERE result = 'janji_bayar' AND promise_date >= :d0 AND promise_date <= :d1 "
            f"AND client_id IS NOT NULL AND {officer_filter('officer_id', officer_ids)}", bounds(period))
        if not promises:
            return {}
        dates = [stored_date(r[0]) for r in self._rows("SELECT as_of FROM loan_extracts ORDER BY as_of")]
        clients = sorted({int(r[1]) for r in promises})
        history: dict[int, dict[date, int]] = defaultdict(dict)
        for start in range(0, len(clients), 500):
            part = ", ".join(str(c) for c in clients[start:start + 500])  # ints: safe to inline
            for client_id, as_of, arrears in self._rows(
                    "SELECT p.client_id, e.as_of, SUM(p.arrears_principal + p.arrears_interest) "
                    "FROM loan_positions p JOIN loan_extracts e ON e.id = p.extract_id "
                    f"WHERE p.client_id IN ({part}) GROUP BY 1, 2"):
                history[int(client_id)][stored_date(as_of)] = int(arrears)  # type: ignore[index]
        out: dict[OfficerKey, list[int]] = defaultdict(lambda: [0, 0])
        for activity_id, client_id, officer, starts_at, promised, amount in promises:
            made, due = stored_date(starts_at), stored_date(promised)
            if made is None or due is None:
                continue
            arrears = {d: history[int(client_id)].get(d, 0) for d in dates if d is not None}
            state = judge_promise(Promise(int(activity_id), int(client_id), made, due, int(amount or 0)),
                                  arrears).state
            if state is PromiseState.KEPT:
                out[officer][0] += 1
            elif state is PromiseState.BROKEN:
                out[officer][1] += 1
        return {o: (v[0], v[1]) for o, v in out.items()}

    def _trend(self, period: ReportPeriod, officer_ids: Sequence[int] | None) -> dict[OfficerKey, tuple[TrendPoint, ...]]:
        """Outstanding and Kol 3-5 outstanding at each of the last six month-ends up to the
        period's end (each month's newest extract)."""
        extracts = self._rows(
            "SELECT id, as_of FROM loan_extracts WHERE id IN (SELECT id FROM ("
            " SELECT id, ROW_NUMBER() OVER (PARTITION BY substr(as_of, 1, 7) ORDER BY as_of DESC) AS k"
            " FROM loan_extracts WHERE as_of <= :d) WHERE k = 1) ORDER BY as_of DESC LIMIT :n",
            {"d": period.last.isoformat(), "n": TREND_MONTHS})
        if not extracts:
            return {}
        month_of = {int(i): str(as_of)[:7] for i, as_of in extracts}
        ids = ", ".join(str(i) for i in month_of)
        points: dict[OfficerKey, list[TrendPoint]] = defaultdict(list)
        for extract_id, officer, outstanding, npl in self._rows(
                "SELECT r.extract_id, r.officer_id, SUM(r.outstanding), "
                "SUM(CASE WHEN r.collectibility >= 3 THEN r.outstanding ELSE 0 END) FROM loan_rollups r "
                f"WHERE r.extract_id IN ({ids}) AND {officer_filter('r.officer_id', officer_ids)} "
                "GROUP BY 1, 2"):
            points[officer].append(TrendPoint(month_of[int(extract_id)], int(outstanding), int(npl)))
        return {o: tuple(sorted(p, key=lambda t: t.month)) for o, p in points.items()}

    def loan_status(self, client_ids: Sequence[int], period: ReportPeriod) -> dict[int, tuple[int, int, tuple[str, ...]]]:
        end = self._extract_id("<=", period.last)
        if end is None or not client_ids:
            return {}
        out: dict[int, tuple[int, int, tuple[str, ...]]] = {}
        ordered = sorted(set(client_ids))
        for start in range(0, len(ordered), 500):
            part = ", ".join(str(int(c)) for c in ordered[start:start + 500])
            grouped: dict[int, list[Any]] = {}
            for client_id, dpd, kol, product in self._rows(
                    "SELECT p.client_id, p.days_past_due, p.collectibility, a.product "
                    "FROM loan_positions p JOIN loan_accounts a ON a.id = p.account_id "
                    f"WHERE p.extract_id = :e AND p.client_id IN ({part}) AND p.outstanding > 0",
                    {"e": end}):
                g = grouped.setdefault(int(client_id), [0, 1, set()])
                g[0], g[1] = max(g[0], int(dpd)), max(g[1], int(kol))
                if product:
                    g[2].add(str(product))
            out.update({c: (g[0], g[1], tuple(sorted(g[2]))) for c, g in grouped.items()})
        return out

    def loan_clients(self, period: ReportPeriod, officer_ids: Sequence[int] | None) -> list[int]:
        end = self._extract_id("<=", period.last)
        if end is None:
            return []
        return [int(r[0]) for r in self._rows(
            "SELECT DISTINCT client_id FROM loan_positions WHERE extract_id = :e AND client_id IS NOT NULL "
            f"AND outstanding > 0 AND {officer_filter('officer_id', officer_ids)} ORDER BY client_id",
            {"e": end})]


class SqlProblemReport:
    """services/reports/sources.ProblemSource over the client problem log.

    received: received in the period; resolved on time / late: resolved (or closed without
    a resolution date) in the period, on or before / after its deadline; open: received by
    the period's end and not resolved by then.
    """

    def __init__(self, session: Session) -> None:
        self.session = session

    def available(self) -> bool:
        return True

    def problems(self, period: ReportPeriod, officer_ids: Sequence[int] | None) -> dict[OfficerKey, ProblemFigures]:
        done = "COALESCE(resolved_at, CASE WHEN status IN ('selesai', 'ditutup') THEN closed_at END)"
        sql = (
            "SELECT officer_id, "
            "SUM(CASE WHEN received_at >= :s AND received_at < :e THEN 1 ELSE 0 END), "
            f"SUM(CASE WHEN {done} >= :s AND {done} < :e AND substr({done}, 1, 10) <= deadline THEN 1 ELSE 0 END), "
            f"SUM(CASE WHEN {done} >= :s AND {done} < :e AND substr({done}, 1, 10) > deadline THEN 1 ELSE 0 END), "
            f"SUM(CASE WHEN received_at < :e AND ({done} IS NULL OR {done} >= :e) THEN 1 ELSE 0 END) "
            f"FROM client_problems WHERE {officer_filter('officer_id', officer_ids)} GROUP BY officer_id")
        out: dict[OfficerKey, ProblemFigures] = {}
        for officer, received, on_time, late, still_open in self.session.execute(text(sql), bounds(period)):
            figures = ProblemFigures(int(received or 0), int(on_time or 0), int(late or 0), int(still_open or 0))
            if figures != ProblemFigures():
                out[officer] = figures
        return out
