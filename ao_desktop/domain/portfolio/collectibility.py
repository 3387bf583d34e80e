"""Collectibility (kolektibilitas, Kol 1-5) from days past due, under a policy the admin
chooses, and the NPL ratio.

The default is OJK's rule for commercial banks (POJK 40/2019): Kol 1 Lancar at 0 days,
Kol 2 Dalam Perhatian Khusus 1-90, Kol 3 Kurang Lancar 91-120, Kol 4 Diragukan 121-180,
Kol 5 Macet over 180. The BPR preset carries the day thresholds BPR core-banking systems
commonly use (0-30, 31-90, 91-180, 181-360, over 360); the admin confirms them against
the bank's credit policy. A policy is four upper bounds: the last day past due of Kol 1,
2, 3 and 4; everything beyond the fourth is Kol 5.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from ao_desktop.domain.common.errors import FieldIssue
from ao_desktop.domain.common.i18n import _

LEVELS: tuple[int, ...] = (1, 2, 3, 4, 5)
NPL_LEVELS: frozenset[int] = frozenset({3, 4, 5})
HUNDREDTH = Decimal("0.01")
MAX_DAYS = 100_000


class PolicyPreset(StrEnum):
    OJK_COMMERCIAL = "ojk_bank_umum"
    BPR = "bpr"
    CUSTOM = "khusus"


@dataclass(frozen=True)
class CollectibilityPolicy:
    """Upper bounds (inclusive) of days past due for Kol 1, 2, 3 and 4."""

    preset: PolicyPreset
    upper: tuple[int, int, int, int]

    def level(self, days_past_due: int) -> int:
        return collectibility(days_past_due, self)

    def ranges(self) -> list[tuple[int, int, int | None]]:
        """(level, first day, last day or None for 'and over') of each Kol."""
        out: list[tuple[int, int, int | None]] = []
        first = 0
        for level, last in zip(LEVELS, self.upper, strict=False):
            out.append((level, first, last))
            first = last + 1
        out.append((5, first, None))
        return out


OJK_COMMERCIAL = CollectibilityPolicy(PolicyPreset.OJK_COMMERCIAL, (0, 90, 120, 180))
BPR = CollectibilityPolicy(PolicyPreset.BPR, (30, 90, 180, 360))
PRESETS: dict[PolicyPreset, CollectibilityPolicy] = {
    PolicyPreset.OJK_COMMERCIAL: OJK_COMMERCIAL, PolicyPreset.BPR: BPR}


def collectibility(days_past_due: int, policy: CollectibilityPolicy = OJK_COMMERCIAL) -> int:
    """Kol 1-5 of an account `days_past_due` days late (negative counts as 0)."""
    for level, last in zip(LEVELS, policy.upper, strict=False):
        if days_past_due <= last:
            return level
    return 5


def level_label(level: int) -> str:
    return {1: _("Lancar"), 2: _("Dalam Perhatian Khusus"), 3: _("Kurang Lancar"),
            4: _("Diragukan"), 5: _("Macet")}[level]


def level_short(level: int) -> str:
    return _("Kol {n}").format(n=level)


def preset_label(preset: PolicyPreset) -> str:
    return {PolicyPreset.OJK_COMMERCIAL: _("OJK bank umum (POJK 40/2019)"),
            PolicyPreset.BPR: _("BPR (periksa dengan kebijakan kredit bank)"),
            PolicyPreset.CUSTOM: _("Khusus (diatur admin)")}[preset]


def policy_issues(upper: tuple[int, ...]) -> list[FieldIssue]:
    """Why these bounds are not a policy: four whole days, rising, within reason."""
    if len(upper) != 4:
        return [FieldIssue("upper", _("Kebijakan kolektibilitas perlu empat batas hari (Kol 1-4)."))]
    if any(not 0 <= d <= MAX_DAYS for d in upper):
        return [FieldIssue("upper", _("Batas hari harus antara 0 dan {m}.").format(m=MAX_DAYS))]
    if any(b <= a for a, b in zip(upper, upper[1:], strict=False)):
        return [FieldIssue("upper", _("Batas hari tiap Kol harus lebih besar dari Kol sebelumnya."))]
    return []


def policy_text(policy: CollectibilityPolicy) -> str:
    """How a policy is kept in settings: "ojk_bank_umum:0,90,120,180"."""
    return f"{policy.preset.value}:" + ",".join(str(d) for d in policy.upper)


def parse_policy(text: str) -> CollectibilityPolicy:
    """The stored policy; OJK's rule for anything empty or damaged (never blocks work)."""
    try:
        name, _sep, numbers = text.partition(":")
        preset = PolicyPreset(name)
        upper = tuple(int(p) for p in numbers.split(","))
    except (ValueError, TypeError):
        return OJK_COMMERCIAL
    if policy_issues(upper):
        return OJK_COMMERCIAL
    return CollectibilityPolicy(preset, upper)  # type: ignore[arg-type]


def npl_ratio(npl_outstanding: int, total_outstanding: int) -> Decimal:
    """NPL = outstanding in Kol 3-5 / total outstanding, in percent, 2 decimals half-up;
    0.00 for an empty portfolio."""
    if total_outstanding <= 0:
        return Decimal("0.00")
    return (Decimal(npl_outstanding) * 100 / total_outstanding).quantize(HUNDREDTH, ROUND_HALF_UP)
