"""Demo client problems: for every AO, problems in every status (baru, diproses,
dieskalasi, selesai, ditutup), on the AO's own clients, with the complaints a branch
hears (an instalment debited twice, a wrong address, a card swallowed by the ATM, a
rate not as in the brochure, a slow teller). Some are past their deadline, some due
today, some extended once, some escalated to the supervisor. Deadlines are 10 working
days on the real calendar (public holidays and cuti bersama). Deterministic per
(seed, today).
"""

from __future__ import annotations

import random
import sqlite3
from datetime import date, datetime, time, timedelta

from ao_desktop.domain.calendar.working_days import add_working_days
from ao_desktop.storage.calendar.public_holidays import PackageHolidays

DAYS, EXTENSION = 10, 10
# category, channel, description, resolution
COMPLAINTS = (
    ("pembayaran", "whatsapp", "Angsuran bulan ini terdebet dua kali dari rekening tabungan; nasabah minta "
     "kelebihan potongan dikembalikan.", "Debet ganda dikoreksi oleh operasional, dana dikembalikan ke tabungan."),
    ("pembayaran", "datang", "Setoran angsuran lewat teller belum tercatat di kartu angsuran, padahal ada "
     "bukti setor.", "Setoran ditemukan tercatat di rekening lain, sudah dipindahkan; kartu angsuran diperbarui."),
    ("pembayaran", "telepon", "Denda keterlambatan dikenakan padahal nasabah membayar sebelum jatuh tempo "
     "melalui transfer.", "Transfer masuk H-1, denda dibatalkan dan dikembalikan."),
    ("data", "kunjungan", "Alamat di sistem masih alamat lama, surat tagihan dikirim ke rumah orang tua.",
     "Alamat diperbarui sesuai KTP baru dan surat keterangan domisili."),
    ("data", "surat", "Nama di buku tabungan salah eja (Siti Aminah tertulis Siti Amina).",
     "Data CIF diperbaiki sesuai KTP, buku tabungan dicetak ulang."),
    ("data", "sms", "Nomor HP untuk notifikasi SMS masih nomor lama yang sudah tidak aktif.",
     "Nomor HP diganti setelah verifikasi identitas di kantor."),
    ("layanan", "datang", "Kartu ATM tertelan di mesin ATM depan pasar, nasabah butuh uang untuk belanja "
     "stok.", "Kartu diblokir dan diganti kartu baru di hari yang sama."),
    ("layanan", "media_sosial", "Mengeluh di Facebook karena antrean teller lama, menunggu lebih dari "
     "satu jam.", "Nasabah dihubungi dan minta maaf; jadwal teller tambahan di hari pasar."),
    ("layanan", "telepon", "Petugas penagihan pihak ketiga datang malam hari dan berbicara kasar kepada "
     "istri nasabah.", "Dilaporkan ke kepala cabang, petugas diganti; nasabah menerima permintaan maaf."),
    ("produk", "kunjungan", "Bunga kredit yang dibayar tidak sesuai brosur: brosur 6% efektif, tagihan "
     "terasa lebih besar.", "Dijelaskan perbedaan bunga flat dan efektif dengan simulasi; tidak ada kesalahan hitung."),
    ("produk", "whatsapp", "Biaya administrasi tabungan dipotong tiap bulan padahal dijanjikan gratis "
     "saat pembukaan.", "Produk tabungan dipindah ke jenis tanpa biaya administrasi; potongan 3 bulan dikembalikan."),
    ("produk", "telepon", "Pencairan deposito sebelum jatuh tempo kena penalti yang tidak dijelaskan "
     "saat penempatan.", "RIPLAY yang ditandatangani ditunjukkan; penalti sesuai ketentuan, nasabah menerima."),
    ("lainnya", "lainnya", "Minta surat keterangan lunas untuk mengambil sertifikat agunan, belum "
     "diterbitkan.", "Surat keterangan lunas diterbitkan dan sertifikat diserahkan."),
)
ESCALATION_NOTES = ("Perlu keputusan pengembalian dana di atas kewenangan AO.",
                    "Nasabah mengancam melapor ke OJK (157); mohon arahan.",
                    "Menyangkut petugas cabang lain, perlu ditangani supervisor.")
EXTENSION_REASONS = ("Menunggu hasil penelusuran transaksi dari kantor pusat; nasabah sudah diberi tahu.",
                     "Menunggu rekaman CCTV ATM dari vendor; nasabah sudah diberi tahu lewat WhatsApp.")
# (status, working days since receipt, extended, escalated) for each AO
PLAN = (
    ("baru", 1, False, False), ("baru", 13, False, False),  # the second is overdue
    ("diproses", 10, False, False),  # due today
    ("diproses", 4, False, False), ("diproses", 15, False, False),  # overdue
    ("diproses", 14, True, False),  # extended, not yet due
    ("dieskalasi", 6, False, True), ("dieskalasi", 12, False, True),  # overdue, escalated
    ("dieskalasi", 16, True, True),  # extended and escalated
    ("selesai", 8, False, False), ("selesai", 22, True, False),
    ("ditutup", 25, False, False), ("ditutup", 40, False, True),
)
# Older, closed problems over the last six months (working days ago, resolved after the
# deadline), so every month's work report has problems received and resolved.
HISTORY_PLAN = ((32, False), (47, True), (63, False), (85, False), (104, True), (126, False))
_INSERT = (
    "INSERT INTO client_problems (id, client_id, officer_id, category, channel, received_at, description, "
    "deadline, original_deadline, extension_reason, extended_at, status, resolution, resolved_at, escalated_to, "
    "escalation_note, escalated_at, closed_at, version, created_at, updated_at, updated_by) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)"
)
_HISTORY = "INSERT INTO client_problem_history (problem_id, action, status, at, by, note) VALUES (?, ?, ?, ?, ?, ?)"


def _stamp(value: datetime | None) -> str | None:
    return value.strftime("%Y-%m-%d %H:%M:%S.%f") if value else None  # SQLAlchemy's DateTime text


def insert_demo_problems(con: sqlite3.Connection, seed: int, today: date) -> int:
    """Fill `client_problems` and its history for every AO (inside the caller's
    transaction); returns the count. No clients, no problems."""
    rng = random.Random(f"demo-problems-{seed}-{today.isoformat()}")
    calendar = PackageHolidays().between(date(today.year - 1, 1, 1), date(today.year + 1, 12, 31))

    def add(start: date, n: int) -> date:
        return add_working_days(start, n, calendar)

    boss = con.execute("SELECT id, name FROM officers WHERE role != 'ao' ORDER BY id LIMIT 1").fetchone()
    rows: list[tuple] = []
    history: list[tuple] = []
    for officer_id, officer in con.execute("SELECT id, name FROM officers WHERE role = 'ao' ORDER BY id").fetchall():
        clients = [r[0] for r in con.execute(
            "SELECT id FROM clients WHERE officer_id = ? AND archived = 0 ORDER BY id LIMIT 60",
            (officer_id,)).fetchall()]
        if not clients:
            continue
        plan = [(*p, False) for p in PLAN] + [("ditutup", ago, False, False, late) for ago, late in HISTORY_PLAN]
        for n, (status, ago, extended, escalated, late) in enumerate(plan):
            category, channel, description, resolution = rng.choice(COMPLAINTS)
            received_day = add(add(today, 0), -ago) if ago else today
            received = datetime.combine(received_day, time(rng.randint(8, 15), rng.choice((0, 10, 25, 40, 55))))
            original = add(received_day, DAYS)
            deadline = add(original, EXTENSION) if extended else original
            pid = len(rows) + 1
            steps: list[tuple[str, str, datetime, str, str]] = [("dicatat", "baru", received, officer, "")]
            at = received
            if status != "baru":
                at += timedelta(hours=2)
                steps.append(("diproses", "diproses", at, officer, ""))
            extended_at = escalated_at = resolved_at = closed_at = None
            reason = note = text = ""
            if extended:
                extended_at = datetime.combine(add(original, -3), time(10, 0))
                reason = rng.choice(EXTENSION_REASONS)
                steps.append(("diperpanjang", steps[-1][1], extended_at, officer, reason))
            if escalated and boss:
                escalated_at = max(at, received) + timedelta(days=1)
                note = rng.choice(ESCALATION_NOTES)
                steps.append(("dieskalasi", "dieskalasi", escalated_at, officer, note))
            if status in ("selesai", "ditutup"):
                resolved_at = datetime.combine(add(received_day, min(ago - 1, DAYS - 2) or 1), time(14, 0))
                if late:
                    resolved_at = datetime.combine(add(deadline, 2), time(14, 0))
                text = resolution
                steps.append(("selesai", "selesai", resolved_at, officer, text))
            if status == "ditutup":
                closed_at = resolved_at + timedelta(days=1) if resolved_at else None
                steps.append(("ditutup", "ditutup", closed_at or received, officer, "Nasabah mengonfirmasi puas."))
            last = steps[-1]
            rows.append((pid, clients[(n * 7 + rng.randrange(3)) % len(clients)], officer_id, category, channel,
                         _stamp(received), description, deadline.isoformat(), original.isoformat(), reason,
                         _stamp(extended_at), status, text, _stamp(resolved_at),
                         boss[0] if escalated and boss else None, note, _stamp(escalated_at),
                         _stamp(closed_at), _stamp(received), _stamp(last[2]), last[3]))
            history += [(pid, action, st, _stamp(when), who, what) for action, st, when, who, what in steps]
    con.executemany(_INSERT, rows)
    con.executemany(_HISTORY, history)
    return len(rows)

