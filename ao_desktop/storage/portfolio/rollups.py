"""The per-extract sums behind the portfolio view, kept in `loan_rollups`: for each
extract, one row per (officer, Kol, aging bucket) with the accounts, outstanding, arrears
and unmatched accounts. The view adds up a few hundred of these instead of 20,000
positions per extract (six extracts for the chart), so it stays fast at any size.

Rebuilt from the positions whenever they change: an extract imported, the
collectibility policy changed, a Kode AO assigned to an officer. Runs on the caller's
connection inside its transaction (dialect.RawConnection).
"""

from __future__ import annotations

from ao_desktop.domain.portfolio.summary import AGING_BUCKETS
from ao_desktop.storage.dialect import RawConnection


def _bucket_case() -> str:
    parts = [f"WHEN days_past_due <= {last} THEN {i}" for i, (_first, last) in enumerate(AGING_BUCKETS)
             if last is not None]
    return f"CASE {' '.join(parts)} ELSE {len(AGING_BUCKETS) - 1} END"


_REBUILD = (
    "INSERT INTO loan_rollups (extract_id, officer_id, collectibility, bucket, accounts, outstanding, "
    "arrears, unmatched) SELECT extract_id, officer_id, collectibility, " + _bucket_case() + ", COUNT(*), "
    "COALESCE(SUM(outstanding), 0), COALESCE(SUM(arrears_principal + arrears_interest), 0), "
    "COALESCE(SUM(CASE WHEN client_id IS NULL THEN 1 ELSE 0 END), 0) FROM loan_positions {where} GROUP BY 1, 2, 3, 4")


def rebuild(con: RawConnection, extract_id: int | None = None) -> None:
    """Recompute the sums of one extract, or of every extract when None."""
    if extract_id is None:
        con.execute("DELETE FROM loan_rollups")
        con.execute(_REBUILD.format(where=""))
    else:
        con.execute("DELETE FROM loan_rollups WHERE extract_id = ?", (extract_id,))
        con.execute(_REBUILD.format(where="WHERE extract_id = ?"), (extract_id,))
