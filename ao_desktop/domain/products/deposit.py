"""Time-deposit (deposito) simulation: interest, final tax, maturity value, ARO projection.

Conventions:

- Interest is simple interest for the period on the actual number of days, actual/365:
  ``amount x rate / 100 x days / 365``, where ``days`` runs from the placement date to the
  maturity date. Indonesian banks quote deposito interest this way, so a 1-month deposit
  earns a little more in 31-day months than in February.
- The maturity date is ``tenor_months`` later on the same day, clamped to the month end;
  roll-over ``k`` matures ``k x tenor`` months after the first placement, so 31 Jan keeps
  returning to the 31st (or the month end) instead of drifting to the 28th.
- Gross interest and tax are each rounded half-up to whole rupiah.
- The 20% final tax applies when the period's opening balance is above the threshold
  (Rp7.500.000 by default); the rule really looks at the depositor's total balance at the
  bank, which the simulator does not know, so it uses the deposit itself.
- ARO (automatic roll over) here rolls principal + net interest: each period opens with the
  previous closing balance.
- Tax rate, threshold and the LPS limits are settings (``DepositRules``), never fixed here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, localcontext

from ao_desktop.domain.common.errors import FieldIssue, ValidationFailed
from ao_desktop.domain.common.formatting import format_pct, format_rupiah
from ao_desktop.domain.common.i18n import _
from ao_desktop.domain.common.user_dates import start_date_issue
from ao_desktop.domain.products.loan_schedule import MAX_AMOUNT, add_months, round_whole
from ao_desktop.domain.products.rate_conversion import PRECISION, check_rate

MAX_DEPOSIT_TENOR_MONTHS = 60
MAX_ROLLOVERS = 120
DAYS_PER_YEAR = 365


@dataclass(frozen=True)
class DepositRules:
    """Regulatory settings: defaults from the glossary; load the current ones from settings."""

    tax_pct: Decimal = Decimal("20")
    tax_free_threshold: int = 7_500_000  # no tax when the balance is at most this
    lps_max_rate_pa: Decimal = Decimal("3.75")  # LPS guarantee rate (3.75% commercial banks)
    lps_max_balance: int = 2_000_000_000  # guaranteed per depositor per bank


@dataclass(frozen=True)
class DepositRequest:
    amount: int
    rate_pa: Decimal
    tenor_months: int
    start_date: date
    aro: bool = False
    rollovers: int = 0  # roll-overs to project after the first period (ARO only)


@dataclass(frozen=True)
class DepositPeriod:
    no: int  # 1 = the first placement, 2 = the first roll-over, ...
    start_date: date
    maturity_date: date
    days: int
    opening_balance: int
    gross_interest: int
    tax: int
    net_interest: int
    closing_balance: int  # opening balance + net interest


@dataclass(frozen=True)
class DepositResult:
    request: DepositRequest
    rules: DepositRules
    maturity_date: date  # of the first period
    days: int
    gross_interest: int
    tax: int
    net_interest: int
    value_at_maturity: int  # amount + net interest of the first period
    periods: tuple[DepositPeriod, ...]  # the first period and any projected ARO roll-overs
    warnings: tuple[str, ...] = field(default=())

    @property
    def final_balance(self) -> int:
        return self.periods[-1].closing_balance

    @property
    def lps_guaranteed(self) -> bool:
        """Whether the rate is within the LPS guarantee rate (the balance is covered up to
        ``lps_max_balance`` only)."""
        return Decimal(self.request.rate_pa) <= self.rules.lps_max_rate_pa


def _check(request: DepositRequest, rules: DepositRules) -> None:
    issues: list[FieldIssue] = []
    amount = request.amount
    if not isinstance(amount, int) or isinstance(amount, bool) or amount <= 0:
        issues.append(FieldIssue("amount", _("Nominal deposito harus lebih dari Rp0"), True))
    elif amount > MAX_AMOUNT:
        issues.append(FieldIssue("amount", _("Nominal deposito terlalu besar"), True))
    try:
        check_rate(request.rate_pa)
    except ValidationFailed as exc:
        issues += exc.issues
    tenor = request.tenor_months
    if (
        not isinstance(tenor, int)
        or isinstance(tenor, bool)
        or not 1 <= tenor <= MAX_DEPOSIT_TENOR_MONTHS
    ):
        issues.append(FieldIssue("tenor_months", _("Tenor deposito harus 1 sampai 60 bulan"), True))
    if not isinstance(request.start_date, date):
        issues.append(FieldIssue("start_date", _("Tanggal penempatan wajib diisi"), True))
    elif (issue := start_date_issue(request.start_date)) is not None:
        issues.append(issue)
    rollovers = request.rollovers
    if not isinstance(rollovers, int) or not 0 <= rollovers <= MAX_ROLLOVERS:
        issues.append(
            FieldIssue("rollovers", _("Jumlah perpanjangan harus 0 sampai 120 kali"), True)
        )
    elif rollovers and not request.aro:
        issues.append(
            FieldIssue("rollovers", _("Perpanjangan otomatis hanya untuk deposito ARO"), True)
        )
    try:
        check_rate(rules.tax_pct, "tax_pct")
    except ValidationFailed:
        issues.append(FieldIssue("tax_pct", _("Tarif pajak harus antara 0% dan 100%"), True))
    try:
        check_rate(rules.lps_max_rate_pa, "lps_max_rate_pa")
    except ValidationFailed as exc:
        issues += exc.issues
    for name in ("tax_free_threshold", "lps_max_balance"):
        value = getattr(rules, name)
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            issues.append(FieldIssue(name, _("Jumlah tidak boleh negatif"), True))
    if issues:
        raise ValidationFailed(issues)


def _period(
    no: int, start: date, maturity: date, opening: int, rate: Decimal, rules: DepositRules
) -> DepositPeriod:
    days = (maturity - start).days
    gross = round_whole(opening * rate * days / (100 * DAYS_PER_YEAR))
    taxed = opening > rules.tax_free_threshold
    tax = round_whole(gross * Decimal(rules.tax_pct) / 100) if taxed else 0
    net = gross - tax
    return DepositPeriod(no, start, maturity, days, opening, gross, tax, net, opening + net)


def _warnings(
    request: DepositRequest, rules: DepositRules, periods: tuple[DepositPeriod, ...]
) -> tuple[str, ...]:
    warnings: list[str] = []
    if Decimal(request.rate_pa) > rules.lps_max_rate_pa:
        warnings.append(
            _(
                "Suku bunga di atas tingkat bunga penjaminan LPS ({rate}): "
                "simpanan tidak dijamin LPS"
            ).format(rate=format_pct(rules.lps_max_rate_pa))
        )
    limit = format_rupiah(rules.lps_max_balance)
    if request.amount > rules.lps_max_balance:
        warnings.append(
            _("Nominal di atas {limit}: hanya {limit} yang dijamin LPS").format(limit=limit)
        )
    else:
        # A roll-over that reopens above the limit: only the limit stays guaranteed.
        above = [p for p in periods if p.opening_balance > rules.lps_max_balance]
        if above:
            warnings.append(
                _(
                    "Dengan ARO saldo melebihi {limit} mulai periode ke-{no}: "
                    "hanya {limit} yang dijamin LPS"
                ).format(limit=limit, no=above[0].no)
            )
    return tuple(warnings)


def simulate_deposit(request: DepositRequest, rules: DepositRules | None = None) -> DepositResult:
    """Interest, tax and maturity value, plus the ARO projection; ValidationFailed on bad
    input (every bad field at once)."""
    rules = rules or DepositRules()
    _check(request, rules)
    rate = Decimal(request.rate_pa)
    periods: list[DepositPeriod] = []
    balance = request.amount
    count = 1 + (request.rollovers if request.aro else 0)
    with localcontext() as ctx:
        ctx.prec = PRECISION
        ctx.rounding = ROUND_HALF_UP
        for no in range(1, count + 1):
            start = add_months(request.start_date, (no - 1) * request.tenor_months)
            maturity = add_months(request.start_date, no * request.tenor_months)
            period = _period(no, start, maturity, balance, rate, rules)
            periods.append(period)
            balance = period.closing_balance
    first = periods[0]
    frozen_periods = tuple(periods)
    return DepositResult(
        request=request,
        rules=rules,
        maturity_date=first.maturity_date,
        days=first.days,
        gross_interest=first.gross_interest,
        tax=first.tax,
        net_interest=first.net_interest,
        value_at_maturity=first.closing_balance,
        periods=frozen_periods,
        warnings=_warnings(request, rules, frozen_periods),
    )
