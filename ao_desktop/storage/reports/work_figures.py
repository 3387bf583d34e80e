"""SqlWorkFigures: the report's figures from clients, activities and credit applications.

Aggregates in SQL, grouped by officer, one query per measure: a branch of 20 officers and
10,000 clients is a handful of indexed scans over the period, not a loop over clients.
Date-times are stored as ISO text, so the period's bounds are compared as ISO text too.

Attribution (so that the branch total is the sum of the officers' rows): a client's
pipeline to the client's AO, an activity to its officer, an application to its officer.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import text
from sqlalchemy.orm import Session

from ao_desktop.domain.reports.figures import (
    ActivityFigures,
    CreditFigures,
    PipelineFigures,
    WeekCount,
)
from ao_desktop.domain.reports.period import ReportPeriod
from ao_desktop.domain.reports.report import ClientLine
from ao_desktop.storage.reports.client_lines import client_lines

REMOTE = ("telepon", "whatsapp", "sms", "email")
OfficerKey = int | None


def bounds(period: ReportPeriod) -> dict[str, str]:
    return {"s": period.start.isoformat(sep=" "), "e": period.end.isoformat(sep=" "),
            "d0": period.first.isoformat(), "d1": period.last.isoformat()}


def officer_filter(column: str, officer_ids: Sequence[int] | None) -> str:
    """An SQL condition on `column` (ids are ints: safe to inline)."""
    if officer_ids is None:
        return "1 = 1"
    if not officer_ids:
        return "0 = 1"
    return f"{column} IN ({', '.join(str(int(i)) for i in officer_ids)})"


class SqlWorkFigures:
    def __init__(self, session: Session) -> None:
        self.session = session

    def _rows(self, sql: str, params: dict[str, object]) -> list[tuple]:  # type: ignore[type-arg]
        return [tuple(r) for r in self.session.execute(text(sql), params)]

    def pipeline(self, period: ReportPeriod, officer_ids: Sequence[int] | None) -> dict[OfficerKey, PipelineFigures]:
        p = bounds(period)
        where = officer_filter("officer_id", officer_ids)
        sources: dict[OfficerKey, dict[str, int]] = defaultdict(dict)
        for officer, source, count in self._rows(
                f"SELECT officer_id, lead_source, count(*) FROM clients "
                f"WHERE created_at >= :s AND created_at < :e AND {where} GROUP BY 1, 2", p):
            sources[officer][source] = count
        moves: dict[OfficerKey, dict[str, int]] = defaultdict(dict)
        for officer, status, count in self._rows(
                f"SELECT c.officer_id, h.status, count(DISTINCT h.client_id) "
                f"FROM client_status_history h JOIN clients c ON c.id = h.client_id "
                f"WHERE h.changed_at >= :s AND h.changed_at < :e "
                f"AND h.status IN ('pengajuan', 'aktif', 'ditolak') "
                f"AND {officer_filter('c.officer_id', officer_ids)} GROUP BY 1, 2", p):
            moves[officer][status] = count
        # The status each client had when the period began: its newest history row before
        # the start (every client gets one when it is added or imported).
        open_start: dict[OfficerKey, int] = {}
        for officer, count in self._rows(
                f"SELECT c.officer_id, count(*) FROM clients c WHERE c.created_at < :s "
                f"AND {officer_filter('c.officer_id', officer_ids)} AND (SELECT h.status FROM "
                f"client_status_history h WHERE h.client_id = c.id AND h.changed_at < :s "
                f"ORDER BY h.changed_at DESC, h.id DESC LIMIT 1) = 'prospek' GROUP BY 1", p):
            open_start[officer] = count
        return {o: PipelineFigures(dict(sources.get(o, {})), moves.get(o, {}).get("pengajuan", 0),
                                   moves.get(o, {}).get("aktif", 0), moves.get(o, {}).get("ditolak", 0),
                                   open_start.get(o, 0))
                for o in set(sources) | set(moves) | set(open_start)}

    def activities(self, period: ReportPeriod, officer_ids: Sequence[int] | None,
                   now: datetime) -> dict[OfficerKey, ActivityFigures]:
        p = {**bounds(period), "now": min(period.end, now).isoformat(sep=" ")}
        where = officer_filter("officer_id", officer_ids)
        counts: dict[OfficerKey, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        remote = ", ".join(f"'{t}'" for t in REMOTE)
        for officer, kind, status, overdue, promises, promised, count in self._rows(
                f"SELECT officer_id, CASE WHEN type = 'kunjungan' THEN 'visit' "
                f"WHEN type IN ({remote}) THEN 'call' ELSE 'other' END, status, "
                f"status = 'rencana' AND starts_at < :now, "
                f"sum(result = 'janji_bayar'), sum(CASE WHEN result = 'janji_bayar' THEN promise_amount ELSE 0 END), "
                f"count(*) FROM activities WHERE starts_at >= :s AND starts_at < :e AND {where} "
                f"GROUP BY 1, 2, 3, 4", p):
            c = counts[officer]
            if kind in ("visit", "call") and status != "batal":
                c[f"{kind}_planned"] += count
                if status == "selesai":
                    c[f"{kind}_done"] += count
            if overdue:
                c["overdue"] += count
            c["promises"] += promises or 0
            c["promised"] += promised or 0
        weeks = period.weeks()
        weekly: dict[OfficerKey, dict[date, list[int]]] = defaultdict(
            lambda: {first: [0, 0] for first, _last in weeks})
        for officer, day, kind, count in self._rows(
                f"SELECT officer_id, substr(starts_at, 1, 10), type = 'kunjungan', count(*) FROM activities "
                f"WHERE starts_at >= :s AND starts_at < :e AND status = 'selesai' "
                f"AND (type = 'kunjungan' OR type IN ({remote})) AND {where} GROUP BY 1, 2, 3", p):
            on = date.fromisoformat(day)
            first = next(f for f, last in weeks if f <= on <= last)
            weekly[officer][first][0 if kind else 1] += count
        out: dict[OfficerKey, ActivityFigures] = {}
        for officer in set(counts) | set(weekly):
            c = counts.get(officer, {})
            w = weekly[officer]
            out[officer] = ActivityFigures(
                c.get("visit_planned", 0), c.get("visit_done", 0), c.get("call_planned", 0),
                c.get("call_done", 0), c.get("overdue", 0), c.get("promises", 0), c.get("promised", 0),
                tuple(WeekCount(first, last, *w[first]) for first, last in weeks))
        return out

    def credit(self, period: ReportPeriod, officer_ids: Sequence[int] | None) -> dict[OfficerKey, CreditFigures]:
        p = bounds(period)
        steps: dict[OfficerKey, dict[str, int]] = defaultdict(dict)
        for officer, status, count in self._rows(
                f"SELECT a.officer_id, h.status, count(DISTINCT h.application_id) "
                f"FROM credit_application_status_history h JOIN credit_applications a ON a.id = h.application_id "
                f"WHERE h.changed_at >= :s AND h.changed_at < :e AND h.status IN ('diajukan', 'disetujui', 'ditolak') "
                f"AND {officer_filter('a.officer_id', officer_ids)} GROUP BY 1, 2", p):
            steps[officer][status] = count
        disbursed: dict[OfficerKey, tuple[int, int]] = {}
        for officer, count, amount in self._rows(
                f"SELECT officer_id, count(*), coalesce(sum(amount), 0) FROM credit_applications "
                f"WHERE status = 'dicairkan' AND disbursed_on >= :d0 AND disbursed_on <= :d1 "
                f"AND {officer_filter('officer_id', officer_ids)} GROUP BY 1", p):
            disbursed[officer] = (count, amount)
        return {o: CreditFigures(steps.get(o, {}).get("diajukan", 0), steps.get(o, {}).get("disetujui", 0),
                                 steps.get(o, {}).get("ditolak", 0), *disbursed.get(o, (0, 0)))
                for o in set(steps) | set(disbursed)}

    def client_lines(self, period: ReportPeriod, officer_ids: Sequence[int] | None,
                     extra_clients: Sequence[int] = ()) -> list[ClientLine]:
        return client_lines(self.session, period, officer_ids, extra_clients)
