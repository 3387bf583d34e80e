"""The 5C assessment: five scores from 1 to 5, their weights (an admin setting) and the
weighted total with its grade."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from ao_desktop.domain.common.errors import FieldIssue, ValidationFailed
from ao_desktop.domain.common.i18n import _

ASPECTS: tuple[str, ...] = ("character", "capacity", "capital", "collateral", "condition")
HUNDREDTH = Decimal("0.01")


def aspect_label(aspect: str) -> str:
    return {
        "character": _("Character (watak)"),
        "capacity": _("Capacity (kemampuan)"),
        "capital": _("Capital (modal)"),
        "collateral": _("Collateral (agunan)"),
        "condition": _("Condition (kondisi usaha)"),
    }[aspect]


@dataclass(frozen=True)
class FiveCWeights:
    """Percent per aspect; they must add up to 100. Capacity weighs most by default:
    repayment comes from income, collateral is the way out, not the way in."""

    character: int = 25
    capacity: int = 30
    capital: int = 15
    collateral: int = 20
    condition: int = 10


@dataclass(frozen=True)
class FiveCScore:
    """Each score 1-5; 0 means not scored yet."""

    character: int = 0
    capacity: int = 0
    capital: int = 0
    collateral: int = 0
    condition: int = 0
    notes: tuple[str, str, str, str, str] = ("", "", "", "", "")

    @property
    def complete(self) -> bool:
        return all(getattr(self, a) for a in ASPECTS)


# Grade by weighted total (1.00-5.00), best first.
GRADES: tuple[tuple[Decimal, str], ...] = (
    (Decimal("4.00"), "A"), (Decimal("3.50"), "B"), (Decimal("3.00"), "C"), (Decimal("0"), "D"),
)


def grade_label(grade: str) -> str:
    return {"A": _("A — sangat layak"), "B": _("B — layak"), "C": _("C — layak dengan syarat"),
            "D": _("D — tidak layak"), "": _("belum dinilai")}[grade]


def weight_issues(weights: FiveCWeights) -> list[FieldIssue]:
    values = [getattr(weights, a) for a in ASPECTS]
    issues = [FieldIssue(a, _("Bobot {aspect} harus antara 0 dan 100.").format(aspect=aspect_label(a)))
              for a, v in zip(ASPECTS, values, strict=True)
              if isinstance(v, bool) or not isinstance(v, int) or not 0 <= v <= 100]
    if not issues and sum(values) != 100:
        issues.append(FieldIssue("weights", _("Jumlah bobot 5C harus 100% (sekarang {n}%).")
                                 .format(n=sum(values))))
    return issues


def score_issues(score: FiveCScore) -> list[FieldIssue]:
    return [FieldIssue(a, _("Nilai {aspect} harus 1 sampai 5.").format(aspect=aspect_label(a)))
            for a in ASPECTS
            if isinstance(getattr(score, a), bool) or not isinstance(getattr(score, a), int)
            or not 0 <= getattr(score, a) <= 5]


def weighted_total(score: FiveCScore, weights: FiveCWeights) -> Decimal | None:
    """Σ score × weight ÷ 100, 2 decimals half-up; None until every aspect is scored."""
    problems = weight_issues(weights) + score_issues(score)
    if problems:
        raise ValidationFailed(problems)
    if not score.complete:
        return None
    total = sum(Decimal(getattr(score, a) * getattr(weights, a)) for a in ASPECTS) / 100
    return total.quantize(HUNDREDTH, ROUND_HALF_UP)


def grade(total: Decimal | None) -> str:
    if total is None:
        return ""
    return next(g for floor, g in GRADES if total >= floor)
