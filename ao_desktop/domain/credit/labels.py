"""Indonesian labels for the credit vocabularies (storage keeps the codes)."""

from __future__ import annotations

from ao_desktop.domain.common.i18n import _
from ao_desktop.domain.credit.enums import (
    ApplicationStatus,
    CollateralType,
    IncomeKind,
    LoanPurpose,
)


def purpose_label(purpose: LoanPurpose) -> str:
    return {
        LoanPurpose.WORKING_CAPITAL: _("Modal kerja"),
        LoanPurpose.INVESTMENT: _("Investasi"),
        LoanPurpose.CONSUMPTION: _("Konsumsi"),
    }[purpose]


def status_label(status: ApplicationStatus) -> str:
    return {
        ApplicationStatus.DRAFT: _("Draft"),
        ApplicationStatus.SUBMITTED: _("Diajukan"),
        ApplicationStatus.APPROVED: _("Disetujui"),
        ApplicationStatus.REJECTED: _("Ditolak"),
        ApplicationStatus.DISBURSED: _("Dicairkan"),
    }[status]


def income_kind_label(kind: IncomeKind) -> str:
    return {IncomeKind.BUSINESS: _("Usaha"), IncomeKind.SALARIED: _("Karyawan (gaji)")}[kind]


def collateral_type_label(kind: CollateralType) -> str:
    return {
        CollateralType.SHM: _("SHM (Sertifikat Hak Milik)"),
        CollateralType.SHGB: _("SHGB (Sertifikat Hak Guna Bangunan)"),
        CollateralType.BPKB: _("BPKB kendaraan"),
        CollateralType.DEPOSIT: _("Deposito"),
        CollateralType.OTHER: _("Lainnya"),
    }[kind]
