"""KUR (Kredit Usaha Rakyat) rate rules: segments by amount and rates rising with each use.

The rates are product RULES, not constants of the app: ``KUR_SEGMENTS`` holds the defaults
as of the 2023 rules (Permenko Perekonomian 1/2023), which the seed product catalog copies
into its KUR products; the bank's admin edits them there when the government changes them.
All KUR rates are effective per year.

- Super Mikro: up to Rp10 juta, 3% whatever the number of previous uses.
- Mikro: above Rp10 juta up to Rp100 juta, 6% on the first use, then 7%, 8%, 9% from the 4th.
- Kecil: above Rp100 juta up to Rp500 juta, the same ladder 6%, 7%, 8%, 9%.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ao_desktop.domain.common.errors import FieldIssue, ValidationFailed
from ao_desktop.domain.common.formatting import format_rupiah
from ao_desktop.domain.common.i18n import _
from ao_desktop.domain.products.rate_conversion import check_rate


@dataclass(frozen=True)
class TieredRateRule:
    """Rate by use: ``rates_by_use[k]`` applies to a client with ``k`` previous KUR loans;
    the last rate applies to every use beyond the tuple."""

    rates_by_use: tuple[Decimal, ...]

    def __post_init__(self) -> None:
        if not self.rates_by_use:
            raise ValidationFailed(
                [FieldIssue("rates_by_use", _("Isi minimal satu suku bunga"), True)]
            )
        for rate in self.rates_by_use:
            check_rate(rate, "rates_by_use")

    def rate_for_use(self, previous_uses: int) -> Decimal:
        """The rate for a client who already had ``previous_uses`` KUR loans (0 = first)."""
        if (
            not isinstance(previous_uses, int)
            or isinstance(previous_uses, bool)
            or (previous_uses < 0)
        ):
            raise ValidationFailed(
                [FieldIssue("previous_uses", _("Jumlah penggunaan KUR tidak boleh negatif"), True)]
            )
        return self.rates_by_use[min(previous_uses, len(self.rates_by_use) - 1)]


@dataclass(frozen=True)
class KurSegment:
    code: str
    label: str
    min_exclusive: int  # the segment starts above this amount
    max_amount: int  # and includes this amount
    rule: TieredRateRule

    def contains(self, amount: int) -> bool:
        return self.min_exclusive < amount <= self.max_amount


_GRADUATED = TieredRateRule((Decimal(6), Decimal(7), Decimal(8), Decimal(9)))

# Defaults as of the 2023 rules; copied by the seed catalog into product rules.
KUR_SEGMENTS: tuple[KurSegment, ...] = (
    KurSegment("super_mikro", "KUR Super Mikro", 0, 10_000_000, TieredRateRule((Decimal(3),))),
    KurSegment("mikro", "KUR Mikro", 10_000_000, 100_000_000, _GRADUATED),
    KurSegment("kecil", "KUR Kecil", 100_000_000, 500_000_000, _GRADUATED),
)


def _segment(amount: int, segments: tuple[KurSegment, ...]) -> KurSegment:
    if not isinstance(amount, int) or isinstance(amount, bool) or amount <= 0:
        raise ValidationFailed(
            [FieldIssue("amount", _("Jumlah pinjaman harus lebih dari Rp0"), True)]
        )
    for segment in segments:
        if segment.contains(amount):
            return segment
    top = max(s.max_amount for s in segments)
    raise ValidationFailed(
        [
            FieldIssue(
                "amount",
                _("Jumlah pinjaman di luar plafon KUR (maksimal {limit})").format(
                    limit=format_rupiah(top)
                ),
                True,
            )
        ]
    )


def kur_segment_for(amount: int, segments: tuple[KurSegment, ...] = KUR_SEGMENTS) -> str:
    """The code of the segment an amount falls in: "super_mikro", "mikro" or "kecil"."""
    return _segment(amount, segments).code


def kur_rate(
    amount: int, previous_uses: int, segments: tuple[KurSegment, ...] = KUR_SEGMENTS
) -> Decimal:
    """The effective annual KUR rate for this amount and the client's number of past uses."""
    return _segment(amount, segments).rule.rate_for_use(previous_uses)
