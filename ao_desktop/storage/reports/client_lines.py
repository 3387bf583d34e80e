"""The per-client analysis of a report: every client with an activity or an application
event in the period (and any client the portfolio names), with their status, products,
last contact, what was done and the next step.

Read in a few grouped queries and then per chunk of client ids (SQLite's bound-variable
limit), never one query per client.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from datetime import datetime

from sqlalchemy import text
from sqlalchemy.orm import Session

from ao_desktop.domain.reports.period import ReportPeriod
from ao_desktop.domain.reports.report import ClientLine, NextStep
from ao_desktop.storage.calendar.activity_mapping import client_display_name

CHUNK = 900  # below SQLite's default limit of bound variables in older builds


def _bounds(period: ReportPeriod) -> dict[str, str]:
    return {"s": period.start.isoformat(sep=" "), "e": period.end.isoformat(sep=" ")}


def _officer_filter(column: str, officer_ids: Sequence[int] | None) -> str:
    if officer_ids is None:
        return "1 = 1"
    if not officer_ids:
        return "0 = 1"
    return f"{column} IN ({', '.join(str(int(i)) for i in officer_ids)})"


def _chunks(ids: list[int]) -> Iterator[tuple[str, dict[str, int]]]:
    for start in range(0, len(ids), CHUNK):
        part = ids[start:start + CHUNK]
        names = [f"c{i}" for i in range(len(part))]
        yield ", ".join(f":{n}" for n in names), dict(zip(names, part, strict=True))


def _stamp(value: object) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))


def client_lines(session: Session, period: ReportPeriod, officer_ids: Sequence[int] | None,
                 extra_clients: Sequence[int] = ()) -> list[ClientLine]:
    p = _bounds(period)
    run = session.execute
    done: dict[int, dict[str, int]] = defaultdict(dict)
    touched: set[int] = set(extra_clients)
    for client_id, kind, count in run(text(
            f"SELECT client_id, type, sum(status = 'selesai') FROM activities "
            f"WHERE starts_at >= :s AND starts_at < :e AND {_officer_filter('officer_id', officer_ids)} "
            f"GROUP BY 1, 2"), p):
        touched.add(client_id)
        if count:
            done[client_id][kind] = count
    products: dict[int, set[str]] = defaultdict(set)
    for client_id, code in run(text(
            f"SELECT DISTINCT a.client_id, j.value FROM activities a, json_each(a.products) j "
            f"WHERE a.starts_at >= :s AND a.starts_at < :e AND a.products != '[]' "
            f"AND {_officer_filter('a.officer_id', officer_ids)}"), p):
        products[client_id].add(str(code))
    apps: dict[int, dict[int, tuple[str, int, str]]] = defaultdict(dict)
    for client_id, app_id, code, amount, status in run(text(
            f"SELECT a.client_id, a.id, a.product_code, a.amount, h.status "
            f"FROM credit_application_status_history h JOIN credit_applications a ON a.id = h.application_id "
            f"WHERE h.changed_at >= :s AND h.changed_at < :e AND {_officer_filter('a.officer_id', officer_ids)} "
            f"ORDER BY h.changed_at, h.id"), p):
        touched.add(client_id)
        apps[client_id][app_id] = (code, amount, status)  # the last status reached wins
        products[client_id].add(code)
    ids = sorted(touched)
    info: dict[int, tuple[str, str, str]] = {}
    last: dict[int, datetime] = {}
    nxt: dict[int, NextStep] = {}
    for marks, params in _chunks(ids):
        for cid, kind, full, business, status, officer in run(text(
                f"SELECT c.id, c.kind, c.full_name, c.business_name, c.status, coalesce(o.name, '') "
                f"FROM clients c LEFT JOIN officers o ON o.id = c.officer_id WHERE c.id IN ({marks})"), params):
            info[cid] = (client_display_name(kind, full, business), status, officer)
        for cid, when in run(text(
                f"SELECT client_id, max(starts_at) FROM activities WHERE client_id IN ({marks}) "
                f"AND status = 'selesai' AND starts_at < :e GROUP BY client_id"), {**params, **p}):
            last[cid] = _stamp(when)
        # SQLite's bare columns: type and purpose come from the row holding the min.
        for cid, kind, purpose, when in run(text(
                f"SELECT client_id, type, purpose, min(starts_at) FROM activities WHERE client_id IN ({marks}) "
                f"AND status = 'rencana' AND starts_at >= :s GROUP BY client_id"), {**params, **p}):
            nxt[cid] = NextStep(_stamp(when), kind, purpose)
    lines = [
        ClientLine(
            client_id=cid, name=info[cid][0], officer_name=info[cid][2], status=info[cid][1],
            products=tuple(sorted(products.get(cid, ()))),
            last_contact=last[cid].date() if cid in last else None,
            done=dict(sorted(done.get(cid, {}).items())),
            applications=tuple(apps.get(cid, {}).values()), next_step=nxt.get(cid),
        )
        for cid in ids if cid in info
    ]
    lines.sort(key=lambda line: (line.officer_name.casefold(), line.name.casefold(), line.client_id))
    return lines

