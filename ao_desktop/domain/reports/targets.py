"""Monthly targets per officer, set by a supervisor or admin, and achievement against them.

Counts and rupiah are whole numbers; the collection rate and the NPL ceiling are percents
(Decimal, two decimals at most). A period longer than a month adds the monthly counts
and amounts up and takes the rates of its last month that has a target.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation

from ao_desktop.domain.common.errors import FieldIssue, ValidationFailed
from ao_desktop.domain.common.i18n import _
from ao_desktop.domain.reports.figures import ratio_pct

MAX_COUNT = 100_000
MAX_AMOUNT = 10**15


@dataclass(frozen=True)
class MonthlyTarget:
    officer_id: int
    month: str  # "YYYY-MM"
    new_prospects: int = 0
    visits: int = 0
    applications: int = 0
    disbursement: int = 0  # rupiah
    collection_rate: Decimal = Decimal(0)  # percent of the instalments due that are collected
    npl_ceiling: Decimal = Decimal(0)  # percent; the NPL must stay at or below it
    version: int = 0


def target_issues(t: MonthlyTarget) -> list[FieldIssue]:
    issues: list[FieldIssue] = []
    for name, label in (("new_prospects", _("Target prospek baru")), ("visits", _("Target kunjungan")),
                        ("applications", _("Target pengajuan"))):
        value = getattr(t, name)
        if not 0 <= value <= MAX_COUNT:
            issues.append(FieldIssue(name, _("{f} harus antara 0 dan {m}.").format(f=label, m=MAX_COUNT)))
    if not 0 <= t.disbursement <= MAX_AMOUNT:
        issues.append(FieldIssue("disbursement", _("Target pencairan tidak boleh negatif.")))
    for name, label in (("collection_rate", _("Target tingkat penagihan")), ("npl_ceiling", _("Batas NPL"))):
        value = getattr(t, name)
        if not Decimal(0) <= value <= Decimal(100) or value != value.quantize(Decimal("0.01")):
            issues.append(FieldIssue(name, _("{f} harus persen 0 sampai 100 (paling banyak dua desimal).").format(f=label)))
    return issues


def checked_target(t: MonthlyTarget) -> MonthlyTarget:
    issues = target_issues(t)
    if issues:
        raise ValidationFailed(issues)
    return t


def parse_pct(text: str) -> Decimal:
    """A percent typed the Indonesian or the machine way: "97,5", "97.5", "97,5%"."""
    cleaned = text.strip().rstrip("%").strip().replace(",", ".")
    try:
        return Decimal(cleaned or "0")
    except InvalidOperation as exc:
        raise ValidationFailed([FieldIssue("pct", _("'{t}' bukan persen.").format(t=text))]) from exc


def combine(targets: Sequence[MonthlyTarget], officer_id: int, label: str = "") -> MonthlyTarget | None:
    """One officer's targets over several months (a quarter) or several officers' over one
    month (the branch): counts and amounts added, rates from the last target given."""
    if not targets:
        return None
    last = targets[-1]
    return replace(last, officer_id=officer_id, month=label or last.month,
                   new_prospects=sum(t.new_prospects for t in targets),
                   visits=sum(t.visits for t in targets),
                   applications=sum(t.applications for t in targets),
                   disbursement=sum(t.disbursement for t in targets))


def achievement(actual: int, target: int) -> Decimal | None:
    """Pencapaian: actual ÷ target in percent; None without a target."""
    return ratio_pct(actual, target)
