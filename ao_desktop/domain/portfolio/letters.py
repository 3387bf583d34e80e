"""Warning letters (Surat Peringatan) SP1, SP2 and SP3: numbering per branch and year,
the response deadline in working days, and the warnings (never refusals) when a level
comes before the previous letter's deadline or without it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime

from ao_desktop.domain.common.i18n import _

LEVELS = (1, 2, 3)
DEFAULT_DEADLINE_WORKING_DAYS = 7  # setting: days the borrower has to pay after a letter
ROMAN_MONTHS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


@dataclass(frozen=True)
class WarningLetter:
    account_id: int
    level: int
    number: str
    sequence: int  # per branch and year
    branch_code: str
    year: int
    issued_on: date
    deadline: date
    arrears_principal: int
    arrears_interest: int
    penalty: int
    days_past_due: int
    issued_by: str
    id: int | None = None
    created_at: datetime | None = None

    @property
    def total(self) -> int:
        return self.arrears_principal + self.arrears_interest + self.penalty


def branch_code(branch_name: str, configured: str = "") -> str:
    """The code printed in letter numbers: the admin's setting, else the initials of the
    branch name ("KCP Sleman Utara" -> "KSU"), else "CAB"."""
    text = configured.strip().upper()
    if text:
        return re.sub(r"[^A-Z0-9-]", "", text)[:12] or "CAB"
    folded = unicodedata.normalize("NFKD", branch_name).encode("ascii", "ignore").decode()
    initials = "".join(w[0] for w in re.findall(r"[A-Za-z0-9]+", folded)).upper()
    return initials[:8] or "CAB"


def letter_number(sequence: int, level: int, code: str, issued_on: date) -> str:
    """"007/SP2/KSU/XII/2026": sequence within the branch and year, level, branch,
    month in Roman numerals, year."""
    return f"{sequence:03d}/SP{level}/{code}/{ROMAN_MONTHS[issued_on.month - 1]}/{issued_on.year}"


def level_name(level: int) -> str:
    return {1: _("Surat Peringatan Pertama (SP1)"), 2: _("Surat Peringatan Kedua (SP2)"),
            3: _("Surat Peringatan Ketiga (SP3)")}[level]


def order_warnings(level: int, issued: list[WarningLetter], today: date) -> list[str]:
    """Why issuing `level` today goes against the usual order: the previous level was
    never issued, or its deadline has not passed. Warnings only: any level may be issued
    when the bank's policy allows."""
    if level not in LEVELS:
        raise ValueError(f"no warning letter level {level}")
    warnings: list[str] = []
    previous = [w for w in issued if w.level == level - 1]
    if level > 1 and not previous:
        warnings.append(_("SP{p} belum pernah diterbitkan untuk rekening ini.").format(p=level - 1))
    elif previous:
        last = max(previous, key=lambda w: (w.issued_on, w.sequence))
        if today <= last.deadline:
            warnings.append(_("Batas waktu SP{p} ({n}) baru berakhir {d}.").format(
                p=level - 1, n=last.number, d=last.deadline.strftime("%d/%m/%Y")))
    same = [w for w in issued if w.level == level]
    if same:
        last_same = max(same, key=lambda w: (w.issued_on, w.sequence))
        warnings.append(_("SP{n} sudah pernah diterbitkan ({num}, {d}).").format(
            n=level, num=last_same.number, d=last_same.issued_on.strftime("%d/%m/%Y")))
    return warnings
