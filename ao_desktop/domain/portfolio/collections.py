"""The collections worklist (who to contact or visit today, by risk) and promises to pay
tracked against later extracts.

A promise to pay (janji bayar) is an activity's result: a date and an amount. It is
kept when the first extract dated on or after the promised date shows the client's
arrears down by at least the amount promised (or cleared), compared with the last extract
before the promise was made; broken when that extract shows less; open while no such
extract exists yet.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from ao_desktop.domain.common.i18n import _

BROKEN_PROMISE_WEIGHT_DAYS = 30  # a broken promise weighs like a month more in arrears
REMIND_DAYS_BEFORE_DUE = 3  # accounts due this soon are on the list for a reminder


class PromiseState(StrEnum):
    OPEN = "menunggu"
    KEPT = "ditepati"
    BROKEN = "diingkari"


def promise_label(state: PromiseState) -> str:
    return {PromiseState.OPEN: _("Menunggu"), PromiseState.KEPT: _("Ditepati"),
            PromiseState.BROKEN: _("Diingkari")}[state]


@dataclass(frozen=True)
class Promise:
    activity_id: int
    client_id: int
    made_on: date
    promise_date: date
    amount: int


@dataclass(frozen=True)
class TrackedPromise:
    promise: Promise
    state: PromiseState
    checked_on: date | None  # the as-of date of the extract that decided it
    arrears_before: int | None
    arrears_after: int | None


def judge_promise(promise: Promise, arrears_by_date: dict[date, int]) -> TrackedPromise:
    """`arrears_by_date`: the client's arrears (principal + interest, all accounts) on each
    extract's as-of date; a date missing means the client had no account on it (0)."""
    dates = sorted(arrears_by_date)
    before_dates = [d for d in dates if d < promise.made_on]
    after_dates = [d for d in dates if d >= promise.promise_date]
    before = arrears_by_date[before_dates[-1]] if before_dates else None
    if not after_dates:
        return TrackedPromise(promise, PromiseState.OPEN, None, before, None)
    checked = after_dates[0]
    after = arrears_by_date[checked]
    if after == 0:
        state = PromiseState.KEPT
    elif before is None:
        state = PromiseState.BROKEN  # nothing to compare with, and still in arrears
    else:
        state = PromiseState.KEPT if before - after >= promise.amount else PromiseState.BROKEN
    return TrackedPromise(promise, state, checked, before, after)


@dataclass(frozen=True)
class WorkItem:
    """One account on the collections worklist."""

    account_id: int
    account_no: str
    client_id: int | None
    borrower_name: str
    officer_id: int | None
    officer_name: str
    mobile: str
    outstanding: int
    arrears_principal: int
    arrears_interest: int
    days_past_due: int
    collectibility: int
    next_due: date | None
    broken_promises: int = 0
    open_promise: date | None = None  # the date of a promise still open
    last_letter: int = 0  # the highest SP level issued so far (0: none)

    @property
    def arrears(self) -> int:
        return self.arrears_principal + self.arrears_interest

    @property
    def risk(self) -> int:
        """Days past due, plus a month for each broken promise."""
        return self.days_past_due + BROKEN_PROMISE_WEIGHT_DAYS * self.broken_promises


def risk_order(item: WorkItem) -> tuple[int, int, int, str]:
    """Riskiest first: days past due with broken promises, then arrears, then outstanding."""
    return (-item.risk, -item.arrears, -item.outstanding, item.account_no)


def action_hint(item: WorkItem, today: date) -> str:
    """What the AO should do next, in a few words."""
    if item.open_promise is not None and item.open_promise >= today:
        return _("Tunggu janji bayar {d}").format(d=item.open_promise.strftime("%d/%m/%Y"))
    if item.days_past_due == 0:
        return _("Ingatkan sebelum jatuh tempo")
    if item.days_past_due <= 7:
        return _("Hubungi via WhatsApp/telepon")
    if item.days_past_due <= 30:
        return _("Kunjungi nasabah")
    if item.last_letter < 3:
        return _("Kunjungi; pertimbangkan SP{n}").format(n=item.last_letter + 1)
    return _("Sudah SP3: restrukturisasi atau eksekusi agunan")
