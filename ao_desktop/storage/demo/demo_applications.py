"""Demo credit applications: for every AO, applications in every status, on clients
whose pipeline status matches (a draft on a prospect, a disbursed loan on an active
client), with the figures of real micro and small businesses (warung, bengkel, toko
kelontong, konveksi, petani) and of salaried clients (guru, karyawan pabrik, perawat).

The products and their terms are those of the seed catalog (resources/products.json):
each amount and tenor fits its product's range and the instalment is the simulator's.
Most balance sheets balance; a few are off by a little, as a hurried AO's are, so the
warning shows. Deterministic per (seed, today).
"""

from __future__ import annotations

import json
import random
import sqlite3
from dataclasses import asdict
from datetime import date, datetime, timedelta
from decimal import Decimal

from ao_desktop.domain.credit.checklist import DocumentItem
from ao_desktop.domain.credit.collateral import Collateral
from ao_desktop.domain.credit.enums import CollateralType, IncomeKind
from ao_desktop.domain.credit.figures import BusinessFigures
from ao_desktop.domain.credit.five_c import FiveCScore
from ao_desktop.domain.credit.slik import OtherFacility, SlikCheck
from ao_desktop.domain.products.loan_schedule import (
    InterestMethod,
    LoanRequest,
    Rounding,
    simulate_loan,
)

# code: (rate % p.a., method, min amount, max amount, tenors offered, purpose, documents)
PRODUCTS: dict[str, tuple[Decimal, InterestMethod, int, int, tuple[int, ...], str, tuple[str, ...]]] = {
    "KUR-SM": (Decimal(3), InterestMethod.ANNUITY, 1_000_000, 10_000_000, (12, 18, 24), "modal_kerja",
               ("KTP pemohon", "Kartu Keluarga (KK)", "Surat keterangan usaha")),
    "KUR-MIKRO": (Decimal(6), InterestMethod.ANNUITY, 10_000_001, 100_000_000, (12, 24, 36), "modal_kerja",
                  ("KTP pemohon", "Kartu Keluarga (KK)", "NIB", "Foto tempat usaha")),
    "KMK": (Decimal("11.5"), InterestMethod.DECLINING, 50_000_000, 5_000_000_000, (12, 24, 36), "modal_kerja",
            ("KTP pemohon dan suami/istri", "Kartu Keluarga (KK)", "NPWP", "Rekening koran 6 bulan terakhir")),
    "MULTIGUNA": (Decimal("7.5"), InterestMethod.FLAT, 10_000_000, 500_000_000, (24, 36, 48), "konsumsi",
                  ("KTP pemohon dan suami/istri", "Kartu Keluarga (KK)", "Slip gaji 3 bulan terakhir")),
}
# business, monthly turnover range (juta), cost-of-goods share, operating share
BUSINESSES = (
    ("Warung sembako", 15, 40, 0.72, 0.08),
    ("Bengkel motor", 12, 35, 0.45, 0.20),
    ("Toko kelontong", 25, 70, 0.75, 0.07),
    ("Konveksi rumahan", 30, 90, 0.55, 0.18),
    ("Petani cabai", 6, 20, 0.40, 0.15),
)
SALARIED = (("Guru SD", 5_500_000), ("Karyawan pabrik", 4_800_000), ("Perawat", 6_500_000),
            ("PNS kecamatan", 7_500_000))
STATUSES = ("draft", "diajukan", "disetujui", "ditolak", "dicairkan")
# The client pipeline status that goes with each application status.
_CLIENT_STATUS = {"draft": "prospek", "diajukan": "pengajuan", "disetujui": "pengajuan",
                  "ditolak": "ditolak", "dicairkan": "aktif"}
_REJECTIONS = ("DSR melebihi batas produk", "SLIK Kol 3 di bank lain", "Usaha baru berjalan 4 bulan",
               "Agunan tidak mencukupi")
PER_STATUS = 3  # applications per status per AO (drafts and those waiting: recent ones)
# Decided applications spread over the six months the monthly reports look back on, so
# every month of every AO has approvals, refusals and disbursements to report.
_DECIDED_PER_AO = {"disetujui": 4, "ditolak": 5, "dicairkan": 9}
_SIX_MONTHS = 175
_INSERT = (
    "INSERT INTO credit_applications (id, client_id, officer_id, product_code, amount, tenor_months, "
    "purpose, purpose_description, installment, figures, collateral, five_c, slik, documents, "
    "recommendation, conditions, status, rejection_reason, disbursed_on, version, created_at, "
    "updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)"
)
_HISTORY = ("INSERT INTO credit_application_status_history (application_id, status, changed_at, changed_by, note) "
            "VALUES (?, ?, ?, ?, ?)")


def _stamp(value: datetime) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%S.%f")  # SQLAlchemy's DateTime text on SQLite


def _dump(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, default=lambda v: v.isoformat())


def _round(value: float, step: int = 50_000) -> int:
    return int(value // step * step)


def _business(rng: random.Random, kind: tuple) -> tuple[BusinessFigures, str]:
    name, lo, hi, cogs, opex = kind
    turnover = _round(rng.uniform(lo, hi) * 1_000_000, 100_000)
    cash, receivables = _round(turnover * rng.uniform(0.1, 0.3)), _round(turnover * rng.uniform(0, 0.2))
    inventory, fixed = _round(turnover * rng.uniform(0.3, 1.0)), _round(turnover * rng.uniform(1, 4))
    payables, bank = _round(turnover * rng.uniform(0, 0.2)), _round(turnover * rng.uniform(0, 0.8))
    equity = cash + receivables + inventory + fixed - payables - bank
    if rng.random() < 0.15:  # a hurried sheet that does not quite balance
        equity -= rng.choice((250_000, 500_000, 1_250_000))
    return BusinessFigures(
        IncomeKind.BUSINESS, turnover=turnover, cost_of_goods=_round(turnover * cogs),
        operating_costs=_round(turnover * opex), other_income=rng.choice((0, 0, 500_000, 1_000_000)),
        household_expenses=_round((turnover * (1 - cogs - opex)) * rng.uniform(0.25, 0.45)), other_installments=rng.choice((0, 0, 750_000, 1_200_000)),
        cash=cash, receivables=receivables, inventory=inventory, fixed_assets=fixed, trade_payables=payables,
        bank_debt=bank, equity=equity), name  # fmt: skip


def _salaried(rng: random.Random) -> tuple[BusinessFigures, str]:
    job, salary = rng.choice(SALARIED)
    salary = _round(salary * rng.uniform(0.9, 1.2))
    return BusinessFigures(IncomeKind.SALARIED, net_salary=salary,
                           household_expenses=_round(salary * rng.uniform(0.35, 0.5)),
                           other_installments=rng.choice((0, 500_000, 900_000))), job


def _amount(figures: BusinessFigures, share: float, tenor: int, rate: Decimal, within_rpc: float | None) -> int:
    """The amount whose instalment takes about `share` of the income with the other
    instalments and, for a sound file, `within_rpc` of the repayment capacity (70% of
    what is left after household costs): an AO sizes the loan to the client."""
    budget = figures.monthly_income * share - figures.other_installments
    if within_rpc is not None:
        spare = figures.monthly_income - figures.household_expenses - figures.other_installments
        budget = min(budget, spare * 0.7 * within_rpc)
    budget = max(budget, 300_000)
    return _round(budget * tenor / (1 + float(rate) / 100 * tenor / 12), 1_000_000)


def _application(rng: random.Random, status: str, created: datetime) -> tuple:
    # Refused applications are the stretched ones; the others sit under the ceilings.
    share = rng.uniform(0.45, 0.7) if status == "ditolak" else rng.uniform(0.15, 0.38)
    within_rpc = None if status == "ditolak" else rng.uniform(0.5, 0.95)
    if rng.random() < 0.3:
        figures, what = _salaried(rng)
        code = "MULTIGUNA"
    else:
        figures, what = _business(rng, rng.choice(BUSINESSES))
        rough = _amount(figures, share, 24, Decimal(6), within_rpc)
        code = "KUR-SM" if rough <= 10_000_000 else "KUR-MIKRO" if rough <= 100_000_000 else "KMK"
    rate, method, lo, hi, tenors, purpose, documents = PRODUCTS[code]
    tenor = rng.choice(tenors)
    amount = min(hi, max(-(-lo // 1_000_000) * 1_000_000, _amount(figures, share, tenor, rate, within_rpc)))  # whole juta
    # MULTIGUNA rounds its instalment up to Rp1.000, as the catalog says; fees do not
    # change the instalment, so they are left out here.
    rounding = Rounding.UP_1000 if code == "MULTIGUNA" else Rounding.WHOLE
    installment = simulate_loan(LoanRequest(amount, rate, tenor, method, created.date(), rounding)).installments[0].installment
    collateral = ()
    if amount > 25_000_000:
        collateral = (Collateral(CollateralType.SHM, "Pemohon", "Tanah dan bangunan tempat usaha",
                                 _round(amount * 1.8, 1_000_000), _round(amount * 1.3, 1_000_000)),)
    elif amount > 10_000_000:
        collateral = (Collateral(CollateralType.BPKB, "Pemohon", "Sepeda motor 2021",
                                 18_000_000, 12_000_000),)
    scored = status != "draft" or rng.random() < 0.5
    five = FiveCScore(*(rng.randint(2 if status == "ditolak" else 3, 5) for _ in range(5))) if scored else FiveCScore()
    slik = SlikCheck(created.date(), 3 if status == "ditolak" and rng.random() < 0.5 else 1,
                     (OtherFacility("BPR Arta Sejahtera", figures.other_installments * 12,
                                    figures.other_installments),) if figures.other_installments else (),
                     "Tidak ada tunggakan" if status != "ditolak" else "")
    docs_done = status != "draft"
    docs = tuple(DocumentItem(d, created.date() if docs_done or rng.random() < 0.5 else None) for d in documents)
    return (code, amount, tenor, purpose, f"{what}: {'tambah stok dan modal usaha' if purpose == 'modal_kerja' else 'renovasi rumah'}",
            installment, _dump(asdict(figures)), _dump([asdict(c) for c in collateral]), _dump(asdict(five)),
            _dump(asdict(slik)), _dump([asdict(d) for d in docs]),
            "" if status == "draft" else "Usaha berjalan baik, kemampuan bayar cukup; direkomendasikan.",
            "" if status == "draft" else "Pengikatan agunan; asuransi jiwa selama tenor.")  # fmt: skip


def insert_demo_applications(con: sqlite3.Connection, seed: int, today: date) -> int:
    """Fill `credit_applications` and its history for every AO (inside the caller's
    transaction); returns the count."""
    rng = random.Random(f"demo-applications-{seed}-{today.isoformat()}")
    rows: list[tuple] = []
    history: list[tuple] = []
    next_id = 1
    supervisor = con.execute("SELECT name FROM officers WHERE role != 'ao' ORDER BY id LIMIT 1").fetchone()
    approver = supervisor[0] if supervisor else "Supervisor"
    for officer_id, officer in con.execute("SELECT id, name FROM officers WHERE role = 'ao' ORDER BY id").fetchall():
        for status in STATUSES:
            clients = [r[0] for r in con.execute(
                "SELECT id FROM clients WHERE officer_id = ? AND status = ? AND archived = 0 ORDER BY id LIMIT 50",
                (officer_id, _CLIENT_STATUS[status])).fetchall()]
            clients = clients or [r[0] for r in con.execute(
                "SELECT id FROM clients WHERE officer_id = ? ORDER BY id LIMIT 50", (officer_id,)).fetchall()]
            count = _DECIDED_PER_AO.get(status, PER_STATUS)
            for n in range(min(count, len(clients))):
                back = (5 + n * _SIX_MONTHS // count + rng.randint(0, 12) if status in _DECIDED_PER_AO
                        else rng.randint(5, 40))
                created = datetime.combine(today - timedelta(days=back), datetime.min.time()).replace(hour=9 + n % 8)
                values = _application(rng, status, created)
                decided = created + timedelta(days=3)
                disbursed = (decided + timedelta(days=2)).date() if status == "dicairkan" else None
                reason = rng.choice(_REJECTIONS) if status == "ditolak" else ""
                rows.append((next_id, clients[n], officer_id, *values, status, reason, disbursed,
                             _stamp(created), _stamp(decided if status != "draft" else created),
                             approver if status in ("disetujui", "ditolak") else officer))
                steps = {"draft": ["draft"], "diajukan": ["draft", "diajukan"],
                         "disetujui": ["draft", "diajukan", "disetujui"],
                         "ditolak": ["draft", "diajukan", "ditolak"],
                         "dicairkan": ["draft", "diajukan", "disetujui", "dicairkan"]}[status]
                for i, step in enumerate(steps):
                    who = approver if step in ("disetujui", "ditolak") else officer
                    note = reason if step == "ditolak" else (disbursed.isoformat() if step == "dicairkan" and disbursed else "")
                    history.append((next_id, step, _stamp(created + timedelta(days=i)), who, note))
                next_id += 1
    con.executemany(_INSERT, rows)
    con.executemany(_HISTORY, history)
    return len(rows)
