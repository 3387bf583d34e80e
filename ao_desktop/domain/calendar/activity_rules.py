"""Checks on an activity before it is stored: times, outcomes, results.

Each check returns FieldIssues naming the field, so a dialog can point at it and the
command line can print one sentence. Nothing here reads storage: whether the client and
the officer exist is the service's check.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

from ao_desktop.domain.calendar.activity import Activity, NextStep, Outcome
from ao_desktop.domain.calendar.enums import ActivityResult, ActivityStatus
from ao_desktop.domain.common.errors import FieldIssue, ValidationFailed
from ao_desktop.domain.common.i18n import _

MAX_DURATION = 12 * 60  # minutes: longer is a typo (a day-long event is not an AO visit)
MAX_TEXT = 4000
MAX_PROMISE = 100_000_000_000  # Rp100 miliar: beyond any AO's collection
EARLIEST = datetime(2000, 1, 1)
LATEST = datetime(2100, 12, 31, 23, 59)
# A promise to pay further away than this is a typo in the year, not a plan.
PROMISE_HORIZON = timedelta(days=366)


def _error(field: str, message: str) -> FieldIssue:
    return FieldIssue(field, message, True)


def time_issues(starts_at: datetime, duration_minutes: int, field: str = "starts_at") -> list[FieldIssue]:
    issues: list[FieldIssue] = []
    if not EARLIEST <= starts_at <= LATEST:
        issues.append(_error(field, _("Waktu mulai harus antara tahun 2000 dan 2100.")))
    if duration_minutes <= 0:
        issues.append(_error("duration_minutes", _(
            "Waktu selesai harus sesudah waktu mulai (durasi minimal 1 menit).")))
    elif duration_minutes > MAX_DURATION:
        issues.append(_error("duration_minutes", _(
            "Durasi paling lama {h} jam.").format(h=MAX_DURATION // 60)))
    return issues


def outcome_issues(outcome: Outcome, activity_day: date) -> list[FieldIssue]:
    """A result that needs a date, an amount or a reason without one; a result on an
    activity that did not happen."""
    issues: list[FieldIssue] = []
    if outcome.status is ActivityStatus.PLANNED:
        issues.append(_error("status", _("Pilih status akhir: selesai, batal atau tidak bertemu.")))
    if outcome.result is not None and outcome.status is not ActivityStatus.DONE:
        issues.append(_error("result", _("Hasil hanya dicatat untuk kegiatan yang selesai.")))
    if len(outcome.outcome) > MAX_TEXT:
        issues.append(_error("outcome", _("Catatan hasil terlalu panjang (maksimal {n} karakter).")
                             .format(n=MAX_TEXT)))
    if outcome.result is ActivityResult.NOT_INTERESTED and not outcome.result_reason.strip():
        issues.append(_error("result_reason", _("Isi alasan nasabah tidak tertarik.")))
    if outcome.result is ActivityResult.PROMISE_TO_PAY:
        if outcome.promise_date is None:
            issues.append(_error("promise_date", _("Janji bayar memerlukan tanggal bayar.")))
        elif not activity_day <= outcome.promise_date <= activity_day + PROMISE_HORIZON:
            issues.append(_error("promise_date", _(
                "Tanggal janji bayar harus antara tanggal kegiatan dan satu tahun sesudahnya.")))
        if isinstance(outcome.promise_amount, bool) or not isinstance(outcome.promise_amount, int):
            raise TypeError("promise_amount is whole rupiah (int)")
        if outcome.promise_amount <= 0:
            issues.append(_error("promise_amount", _("Janji bayar memerlukan jumlah (lebih dari Rp0).")))
        elif outcome.promise_amount > MAX_PROMISE:
            issues.append(_error("promise_amount", _("Jumlah janji bayar tidak masuk akal.")))
    return issues


def clean_outcome(outcome: Outcome, activity_day: date) -> Outcome:
    """The outcome with its text trimmed and fields that do not belong to its result
    emptied; raises ValidationFailed listing every problem."""
    issues = outcome_issues(outcome, activity_day)
    if issues:
        raise ValidationFailed(issues)
    promise = outcome.result is ActivityResult.PROMISE_TO_PAY
    return replace(
        outcome,
        outcome=outcome.outcome.strip(),
        products=tuple(dict.fromkeys(p.strip().upper() for p in outcome.products if p.strip())),
        result_reason=outcome.result_reason.strip()
        if outcome.result is ActivityResult.NOT_INTERESTED else "",
        promise_date=outcome.promise_date if promise else None,
        promise_amount=outcome.promise_amount if promise else 0,
    )


def clean_activity(activity: Activity) -> Activity:
    """The activity trimmed and checked; raises ValidationFailed listing every problem."""
    issues = time_issues(activity.starts_at, activity.duration_minutes)
    if len(activity.location) > 500:
        issues.append(_error("location", _("Lokasi terlalu panjang (maksimal 500 karakter).")))
    if activity.status is not ActivityStatus.PLANNED:
        issues += outcome_issues(_outcome_of(activity), activity.starts_at.date())
    elif activity.result is not None:
        issues.append(_error("result", _("Hasil hanya dicatat untuk kegiatan yang selesai.")))
    if len(activity.outcome) > MAX_TEXT:
        issues.append(_error("outcome", _("Catatan terlalu panjang (maksimal {n} karakter).")
                             .format(n=MAX_TEXT)))
    if issues:
        raise ValidationFailed(_unique(issues))
    return replace(activity, location=activity.location.strip(), outcome=activity.outcome.strip(),
                   starts_at=activity.starts_at.replace(second=0, microsecond=0))


def next_step_issues(step: NextStep, after: datetime) -> list[FieldIssue]:
    issues = [FieldIssue("next_" + i.field, i.message, True)
              for i in time_issues(step.starts_at, step.duration_minutes)]
    if step.starts_at < after.replace(second=0, microsecond=0):
        issues.append(_error("next_starts_at", _(
            "Langkah berikutnya harus dijadwalkan sesudah kegiatan ini.")))
    return issues


def _outcome_of(activity: Activity) -> Outcome:
    return Outcome(activity.status, activity.outcome, activity.products, activity.result,
                   activity.result_reason, activity.promise_date, activity.promise_amount)


def _unique(issues: list[FieldIssue]) -> list[FieldIssue]:
    return list(dict.fromkeys(issues))
