"""The SLIK OJK (credit bureau) check as the AO records it by hand."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from ao_desktop.domain.common.errors import FieldIssue
from ao_desktop.domain.common.i18n import _


@dataclass(frozen=True)
class OtherFacility:
    """A facility at another lender found in SLIK; its instalment feeds the DSR."""

    lender: str
    outstanding: int
    installment: int
    collectibility: int = 1  # Kol 1-5


@dataclass(frozen=True)
class SlikCheck:
    checked_on: date | None = None
    worst_collectibility: int | None = None  # Kol 1-5; None: no record found
    facilities: tuple[OtherFacility, ...] = field(default_factory=tuple)
    notes: str = ""

    @property
    def installments(self) -> int:
        return sum(f.installment for f in self.facilities)


def slik_issues(slik: SlikCheck, today: date) -> list[FieldIssue]:
    issues: list[FieldIssue] = []
    if slik.checked_on is not None and slik.checked_on > today:
        issues.append(FieldIssue("slik_checked_on", _("Tanggal cek SLIK tidak boleh di masa depan.")))
    if slik.worst_collectibility is not None and not 1 <= slik.worst_collectibility <= 5:
        issues.append(FieldIssue("slik_worst", _("Kolektibilitas SLIK harus 1 sampai 5.")))
    issues += _facility_issues(slik.facilities)
    return issues


def _facility_issues(facilities: Sequence[OtherFacility]) -> list[FieldIssue]:
    issues: list[FieldIssue] = []
    for n, f in enumerate(facilities, start=1):
        if any(isinstance(v, bool) or not isinstance(v, int) or v < 0
               for v in (f.outstanding, f.installment)):
            issues.append(FieldIssue(f"slik_facility[{n}]", _(
                "Fasilitas SLIK ke-{n}: baki debet dan angsuran harus rupiah bulat, tidak negatif.")
                .format(n=n)))
        if not 1 <= f.collectibility <= 5:
            issues.append(FieldIssue(f"slik_facility[{n}]", _(
                "Fasilitas SLIK ke-{n}: kolektibilitas harus 1 sampai 5.").format(n=n)))
    return issues
