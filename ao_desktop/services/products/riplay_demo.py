"""A few recorded RIPLAYs in the demo database, so the client panel shows real content.

Made through the same service as a real hand-over (`make_riplay`), for the first AO's
first clients, dated in the days before the demo's reference day. Only in a demo
database (setting "demo") without records yet; the PDFs themselves go to a temporary
folder and are discarded: the record and its snapshot are what the panel reprints.
"""

from __future__ import annotations

import tempfile
from datetime import date, datetime, time, timedelta
from pathlib import Path

from ao_desktop.domain.clients.client_query import ClientQuery, ClientSort
from ao_desktop.domain.common.officer import OfficerRole
from ao_desktop.services.ports import UnitOfWork
from ao_desktop.services.products.product_sheets import SheetSpec, make_riplay

# The same (fictitious) bank and branch as the demo database's header, in Medan.
DEMO_ISSUER = {
    "riplay.bank_full_name": "PT BPR Mitra Usaha Sejahtera (data demo)",
    "riplay.complaint_branch": "Kantor Cabang Medan Kota, Jl. Brigjend Katamso No. 12, Medan",
    "riplay.complaint_phone": "(061) 4512345",
    "riplay.complaint_email": "pengaduan@bpr-mitrausaha-contoh.co.id",
    "riplay.complaint_website": "www.bpr-mitrausaha-contoh.co.id/pengaduan",
}
# (product, amount, tenor, days before the demo's reference day, hour)
DEMO_HANDOVERS = (
    ("KUR-MIKRO", 50_000_000, 36, 12, 10),
    ("KPR", 350_000_000, 180, 9, 14),
    ("DEP-6", 100_000_000, 6, 6, 9),
    ("KMK", 150_000_000, 24, 3, 11),
    ("MULTIGUNA", 40_000_000, 24, 1, 15),
)


def record_demo_riplays(uow: UnitOfWork) -> int:
    """Record the demo hand-overs once; how many were recorded (0 when not a demo database,
    without products or clients, or already done)."""
    with uow.read() as tx:
        if tx.settings.get("demo", "") != "1" or not tx.products.count():
            return 0
        today_text = tx.settings.get("demo_today", "")
        aos = [o for o in tx.officers.list() if o.role is OfficerRole.AO]
        if not aos:
            return 0
        clients = tx.clients.search(
            ClientQuery(officer_id=aos[0].id, sort=ClientSort.NAME), 0, len(DEMO_HANDOVERS)
        )
        if not clients or any(tx.riplays.for_client(c.id) for c in clients):
            return 0
        missing = {k: v for k, v in DEMO_ISSUER.items() if not tx.settings.get(k, "").strip()}
    if missing:
        with uow.write() as tx:
            for key, value in missing.items():
                tx.settings.set(key, value)
    today = date.fromisoformat(today_text) if today_text else date.today()
    recorded = 0
    with tempfile.TemporaryDirectory(prefix="ao-demo-riplay-") as folder:
        for client, (code, amount, tenor, days_ago, hour) in zip(clients, DEMO_HANDOVERS, strict=False):
            day = today - timedelta(days=days_ago)
            spec = SheetSpec(
                code=code, amount=amount, tenor_months=tenor, officer_id=aos[0].id,
                client_id=client.id, start_date=day,
                printed_at=datetime.combine(day, time(hour, 0)),
            )  # fmt: skip
            make_riplay(uow, spec, Path(folder) / "r.pdf", record=True)
            recorded += 1
    return recorded
