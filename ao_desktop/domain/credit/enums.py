"""The closed vocabularies of a credit application: purpose, status, income kind,
collateral type.

Stored values are short, stable codes; Indonesian labels live in `labels.py`.
"""

from __future__ import annotations

from enum import StrEnum


class LoanPurpose(StrEnum):
    WORKING_CAPITAL = "modal_kerja"
    INVESTMENT = "investasi"
    CONSUMPTION = "konsumsi"


class ApplicationStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "diajukan"
    APPROVED = "disetujui"
    REJECTED = "ditolak"  # needs a reason
    DISBURSED = "dicairkan"  # needs the date


class IncomeKind(StrEnum):
    """Where the monthly income comes from: the business's books or a salary slip."""

    BUSINESS = "usaha"
    SALARIED = "karyawan"


class CollateralType(StrEnum):
    SHM = "shm"
    SHGB = "shgb"
    BPKB = "bpkb"
    DEPOSIT = "deposito"
    OTHER = "lainnya"
