"""Demo activities: six months of an AO's past work and four weeks of plans per officer.

Each AO works a portfolio of their own clients on working days (no weekends, public
holidays or cuti bersama): visits in office hours, calls and WhatsApp messages between
them. Past activities are mostly done with a result (interest, a refusal with its
reason, an application, a promise to pay), some were not met or cancelled, and those of
the last three weeks are sometimes still open (the overdue list). Interested clients
and promises get a follow-up a few working days later. Every future working day has
visits planned, so the Today panel and the agenda are never empty. Deterministic per
(seed, today).
"""

from __future__ import annotations

import json
import random
import sqlite3
from datetime import date, datetime, timedelta

from ao_desktop.storage.calendar.public_holidays import PackageHolidays

# (value, weight) pools: an AO phones and messages more often than they ride out.
_TYPES = (("kunjungan", 34), ("telepon", 24), ("whatsapp", 27), ("sms", 4),
          ("pertemuan_kantor", 8), ("email", 3))
_PURPOSES = (("prospecting", 18), ("pengenalan_produk", 20), ("follow_up", 30),
             ("penagihan", 14), ("penanganan_masalah", 5), ("silaturahmi", 13))
_REMOTE = {"telepon", "whatsapp", "sms", "email"}
_PRODUCTS = ("KUR-MIKRO", "KUR-KECIL", "KMK", "KPR", "MULTIGUNA", "DEP-3", "DEP-12", "TAB")
_NOT_INTERESTED = (
    "Sudah punya pinjaman di bank lain", "Bunga dirasa terlalu tinggi", "Belum butuh dana",
    "Tidak mau berutang", "Menunggu panen dulu", "Pasangan belum setuju",
)
_NOTES = {
    "prospecting": ("Usaha warung sembako, omzet stabil", "Dapat nomor dari tetangga (referensi)",
                    "Pemilik bengkel motor, tertarik modal kerja", "Baru buka usaha katering"),
    "pengenalan_produk": ("Jelaskan simulasi angsuran 24 dan 36 bulan",
                          "Bawa brosur, nasabah minta waktu diskusi dengan istri",
                          "Bandingkan bunga flat dan efektif"),
    "follow_up": ("Tanya kelengkapan berkas (KK, NPWP)", "Nasabah minta dihubungi minggu depan",
                  "Konfirmasi jadwal survei usaha", "Kirim ulang daftar dokumen via WA"),
    "penagihan": ("Angsuran bulan ini belum masuk", "Usaha sepi, minta keringanan",
                  "Tunggakan 1 bulan, sudah diingatkan"),
    "penanganan_masalah": ("Keluhan potongan admin di mutasi", "Kartu ATM tertelan, dibantu blokir",
                           "Salah transfer angsuran, diurus ke CS"),
    "silaturahmi": ("Kunjungan hari raya, bawa parsel kecil", "Ucapan selamat atas usaha baru",
                    "Ngobrol santai, nasabah puas dengan layanan"),
}
PORTFOLIO = 400  # clients an AO actively works with in the demo
_INSERT = (
    "INSERT INTO activities (id, client_id, officer_id, type, purpose, status, starts_at, "
    "duration_minutes, location, outcome, products, result, result_reason, promise_date, "
    "promise_amount, follow_up_of, version, created_at, updated_at, updated_by) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)"
)


def _holidays(first: date, last: date) -> set[date]:
    return set(PackageHolidays().between(first, last))


def _stamp(value: datetime) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%S.%f")  # SQLAlchemy's DateTime text on SQLite


class _Builder:
    def __init__(self, seed: int, today: date) -> None:
        self.rng = random.Random(f"demo-activities-{seed}-{today.isoformat()}")
        self.today = today
        self.first = today - timedelta(days=182)
        self.last = today + timedelta(days=28)
        off = _holidays(self.first, self.last + timedelta(days=30))
        self.working = [self.first + timedelta(days=d) for d in range((self.last - self.first).days + 1)]
        self.working = [d for d in self.working if d.weekday() < 5 and d not in off]
        self.off = off
        self.rows: list[tuple[object, ...]] = []
        self.next_id = 1

    def pick(self, pool: tuple[tuple[str, int], ...]) -> str:
        return self.rng.choices([v for v, _w in pool], [w for _v, w in pool])[0]

    def later_working_day(self, day: date, n: int) -> date:
        while n:
            day += timedelta(days=1)
            if day.weekday() < 5 and day not in self.off:
                n -= 1
        return day

    def at(self, day: date, kind: str) -> datetime:
        if kind in _REMOTE:
            return datetime(day.year, day.month, day.day, self.rng.randint(8, 16), self.rng.choice((0, 15, 30, 45)))
        return datetime(day.year, day.month, day.day, self.rng.randint(9, 15), self.rng.choice((0, 30)))

    def add(self, client: tuple, officer: tuple[int, str], kind: str, purpose: str, start: datetime,
            follow_up_of: int | None = None) -> None:
        rng = self.rng
        cid, address = client[0], client[1]
        past = start.date() < self.today
        status, result, reason, p_date, p_amount, products, note = "rencana", None, "", None, 0, [], ""
        if past:
            recent = (self.today - start.date()).days <= 21
            roll = rng.random()
            if recent and roll < 0.10:
                status = "rencana"  # not yet completed: overdue
            elif roll < 0.16 and kind not in _REMOTE:
                status = "tidak_bertemu"
            elif 0.16 <= roll < 0.20:
                status = "batal"
            else:
                status = "selesai"
        if status == "selesai":
            note = rng.choice(_NOTES[purpose])
            roll = rng.random()
            if purpose == "penagihan":
                if roll < 0.65:
                    result = "janji_bayar"
                    p_date = start.date() + timedelta(days=rng.randint(1, 10))
                    p_amount = rng.randint(10, 100) * 50_000
            elif purpose in ("prospecting", "pengenalan_produk", "follow_up"):
                if purpose == "pengenalan_produk":
                    products = rng.sample(_PRODUCTS, rng.randint(1, 2))
                result = ("tertarik" if roll < 0.35 else "tidak_tertarik" if roll < 0.6
                          else "mengajukan" if roll < 0.72 else None)
                if result == "tidak_tertarik":
                    reason = rng.choice(_NOT_INTERESTED)
        duration = rng.choice((5, 10, 15)) if kind in _REMOTE else rng.choice((30, 45, 60, 90))
        stamp = _stamp(min(start, datetime.combine(self.today, datetime.min.time())))
        own_id = self.next_id
        self.next_id += 1
        self.rows.append((
            own_id, cid, officer[0], kind, purpose, status, _stamp(start), duration,
            "" if kind in _REMOTE else address, note, json.dumps(products), result, reason,
            p_date.isoformat() if p_date else None, p_amount, follow_up_of, stamp, stamp, officer[1],
        ))
        # Interest and promises are followed up a few working days later.
        if status == "selesai" and result in ("tertarik", "janji_bayar") and rng.random() < 0.8:
            day = (p_date if p_date and p_date.weekday() < 5 and p_date not in self.off
                   else self.later_working_day(start.date(), rng.randint(2, 6)))
            if day <= self.last:
                next_kind = self.pick(_TYPES)
                next_purpose = "penagihan" if purpose == "penagihan" else "follow_up"
                self.add(client, officer, next_kind, next_purpose, self.at(day, next_kind), own_id)


def insert_demo_activities(con: sqlite3.Connection, seed: int, today: date) -> int:
    """Fill `activities` for every AO (inside the caller's transaction); returns the count."""
    builder = _Builder(seed, today)
    aos = con.execute("SELECT id, name FROM officers WHERE role = 'ao' ORDER BY id").fetchall()
    for officer in aos:
        clients = con.execute(
            "SELECT id, trim(street || ', ' || kelurahan || ', ' || kecamatan || ', ' || city, ', ') "
            "FROM clients WHERE officer_id = ? AND archived = 0 "
            "AND status IN ('prospek', 'pengajuan', 'aktif') ORDER BY id LIMIT ?",
            (officer[0], PORTFOLIO)).fetchall()
        if not clients:
            continue
        rng = builder.rng
        for day in builder.working:
            future = day >= today
            count = rng.randint(2, 4) if future else rng.randint(3, 6)
            for _n in range(count):
                kind, purpose = builder.pick(_TYPES), builder.pick(_PURPOSES)
                if future and rng.random() < 0.6:
                    kind = "kunjungan"  # plans are mostly trips; calls happen on the day
                builder.add(rng.choice(clients), officer, kind, purpose, builder.at(day, kind))
        # Promises to pay falling due around today, so the Today panel shows some.
        for back, ahead in ((3, 1), (5, 0), (8, -2)):
            day = today - timedelta(days=back)
            client = rng.choice(clients)
            start = datetime(day.year, day.month, day.day, 10, 0)
            builder.rows.append((
                builder.next_id, client[0], officer[0], "kunjungan", "penagihan", "selesai",
                _stamp(start), 45, client[1], "Nasabah berjanji melunasi tunggakan angsuran",
                "[]", "janji_bayar", "", (today + timedelta(days=ahead)).isoformat(),
                rng.randint(10, 60) * 50_000, None, _stamp(start), _stamp(start), officer[1]))
            builder.next_id += 1
    con.executemany(_INSERT, builder.rows)
    return len(builder.rows)
