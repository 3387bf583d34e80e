"""ComparisonActions: "Simpan PDF…" and "Cetak…" of the comparison, for the client.

The same worker, printer and folder handling as the product sheet's actions
(SheetActions); only what is written differs: one `make_comparison_sheet` call with the
options on the Perbandingan tab and the client picked in the simulator.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ao_desktop.domain.products.loan_schedule import LoanSchedule
from ao_desktop.services.products.product_sheets import make_comparison_sheet
from ao_desktop.ui.products.sheet_actions import SheetActions

_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f]+')


@dataclass(frozen=True)
class ComparisonRequest:
    """The options on screen (product name, schedule) and who they are for."""

    options: tuple[tuple[str, LoanSchedule], ...]
    client_id: int | None = None
    client_name: str = ""
    product_name: str = "Perbandingan"
    dsr_warning: str = ""  # the DSR belongs to one option; the product sheet asks about it


def comparison_file_name(request: ComparisonRequest, today: date | None = None) -> str:
    """`Perbandingan kredit - Siti Nurhaliza - 2026-12-04.pdf` (safe on Windows)."""
    parts = ["Perbandingan kredit"]
    if request.client_name.strip():
        parts.append(request.client_name.strip())
    parts.append((today or date.today()).isoformat())
    text = _UNSAFE.sub(" ", " - ".join(parts))
    return " ".join(text.split())[:150] + ".pdf"


class ComparisonActions(SheetActions):
    """Save and print the comparison; `request()` describes what is on screen."""

    def _noun(self) -> str:
        return self.tr("Lembar perbandingan")

    def _file_name(self, request: ComparisonRequest) -> str:  # type: ignore[override]
        return comparison_file_name(request)

    def _write(self, request: ComparisonRequest, out: Path,  # type: ignore[override]
               record: bool = False) -> int:
        """The one service call behind both actions (runs on the worker thread). A
        comparison is no RIPLAY: nothing is recorded (`record` is ignored)."""
        return make_comparison_sheet(
            self._context.uow,
            options=request.options,
            out=out,
            officer_id=self._context.officer_id,
            client_id=request.client_id,
        )
