"""The portfolio as the view and `ao-desktop portfolio` show it: one extract (the one of
the date asked, else the newest on or before it), the branch or one officer, the
collectibility distribution, NPL, aging, per-officer totals, the trend over the last six
extracts and the movement since the previous extract. Every sum is SQL over one
extract's positions.

An AO sees their own portfolio whatever they ask for; a supervisor or admin the branch.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ao_desktop.domain.access.permissions import Action, require
from ao_desktop.domain.common.officer import Actor, OfficerRole
from ao_desktop.domain.portfolio.account import AccountListItem, Extract, PositionEntry
from ao_desktop.domain.portfolio.summary import (
    AGING_BUCKETS,
    EMPTY_TOTALS,
    Bucket,
    MovementCounts,
    MovementItem,
    OfficerTotals,
    PortfolioSummary,
    classify_move,
)
from ao_desktop.services.ports import UnitOfWork

TREND_EXTRACTS = 6


def visible_officer(actor: Actor | None, officer_id: int | None) -> int | None:
    if actor is not None:
        require(actor, Action.VIEW_PERSONAL_DATA)  # not marketing: loans of named clients
    if actor is not None and actor.role is OfficerRole.AO and actor.officer_id is not None:
        return actor.officer_id
    return officer_id


def portfolio_summary(uow: UnitOfWork, officer_id: int | None = None, as_of: date | None = None,
                      actor: Actor | None = None, *, with_officers: bool = True,
                      with_trend: bool = True) -> PortfolioSummary:
    officer_id = visible_officer(actor, officer_id)
    with uow.read() as tx:
        extract = tx.portfolio.extract_on_or_before(as_of)
        if extract is None or extract.id is None:
            return PortfolioSummary(None, None, officer_id, EMPTY_TOTALS,
                                    aging=[Bucket() for _b in AGING_BUCKETS])
        previous = tx.portfolio.previous_extract(extract.as_of)
        totals = tx.portfolio.totals(extract.id, officer_id)
        by_officer = ([OfficerTotals(o, name, t) for o, name, t in tx.portfolio.totals_by_officer(extract.id)
                       if officer_id is None or o == officer_id] if with_officers else [])
        aging = tx.portfolio.aging(extract.id, officer_id)
        trend = tx.portfolio.trend(extract.as_of, officer_id, TREND_EXTRACTS) if with_trend else []
        arrears, unmatched, unassigned = tx.portfolio.extras(extract.id, officer_id)
    return PortfolioSummary(extract.as_of, previous.as_of if previous else None, officer_id, totals,
                            by_officer, aging, trend, arrears, unmatched, unassigned)


def list_extracts(uow: UnitOfWork) -> list[Extract]:
    with uow.read() as tx:
        return tx.portfolio.extracts()


@dataclass(frozen=True)
class MovementReport:
    as_of: date | None
    previous_as_of: date | None
    items: list[MovementItem]
    counts: MovementCounts


def movement(uow: UnitOfWork, officer_id: int | None = None, as_of: date | None = None,
             actor: Actor | None = None, limit: int = 2000) -> MovementReport:
    """Loans that got worse, recovered, are new or left since the previous extract."""
    officer_id = visible_officer(actor, officer_id)
    with uow.read() as tx:
        extract = tx.portfolio.extract_on_or_before(as_of)
        previous = tx.portfolio.previous_extract(extract.as_of) if extract else None
        if extract is None or previous is None or extract.id is None or previous.id is None:
            return MovementReport(extract.as_of if extract else None, None, [], MovementCounts())
        rows = tx.portfolio.movement(extract.id, previous.id, officer_id, limit)
    items: list[MovementItem] = []
    sums: dict[str, list[int]] = {}
    for r in rows:
        kind = classify_move(r.kol_before, r.kol_after)
        if kind is None:
            continue
        items.append(MovementItem(r.id, r.account_no, r.name, r.officer_name, kind, r.kol_before,
                                  r.kol_after, r.os_before, r.os_after, r.dpd_before, r.dpd_after))
        acc = sums.setdefault(kind, [0, 0])
        acc[0] += 1
        acc[1] += r.os_after if kind != "lunas" else r.os_before
    counts = MovementCounts(*(Bucket(*sums.get(k, [0, 0])) for k in ("memburuk", "membaik", "baru", "lunas")))
    return MovementReport(extract.as_of, previous.as_of, items, counts)


def find_account(uow: UnitOfWork, account_no: str) -> AccountListItem | None:
    with uow.read() as tx:
        return tx.portfolio.account_by_number(account_no)


def client_accounts(uow: UnitOfWork, client_id: int) -> list[AccountListItem]:
    with uow.read() as tx:
        return tx.portfolio.accounts_of_client(client_id)


def account_positions(uow: UnitOfWork, account_id: int) -> list[PositionEntry]:
    with uow.read() as tx:
        return tx.portfolio.positions(account_id)
