"""A deterministic, realistic demo database: officers, clients, status history and notes.

The same seed (and reference day) always gives the same rows. Rows come from word pools
(`demo_pools.py`) combined by `random.Random`, never from Faker per row, and go in by
`executemany` in batches of `BATCH` inside one write transaction. For speed the bulk load
runs with the search triggers and the secondary indexes dropped; they are recreated (and
the search index rebuilt) at the end, before the single COMMIT. A cancelled or failed run
deletes the new file, so there is never a half-built demo database.

NIK serials: every NIK is first written with serial 0001; one UPDATE then numbers
clients sharing province, city, district, birth date and sex 0001, 0002, ... by id,
exactly how the civil registry counts them, so every NIK is unique.
"""

from __future__ import annotations

import bisect
import contextlib
import os
import random
import sqlite3
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from ao_desktop.domain.errors import DatabaseRefused, DomainError
from ao_desktop.domain.i18n import _
from ao_desktop.domain.names import name_search_key
from ao_desktop.storage import demo_pools as P
from ao_desktop.storage import search_index
from ao_desktop.storage.engine import open_database
from ao_desktop.storage.location import data_dir

BATCH = 10_000
HISTORY_DAYS = 730  # clients were added over the last two years
FINISH_SHARE = 4  # progress: the final indexing counts as clients // FINISH_SHARE units

_STATUSES = (("prospek", 35), ("pengajuan", 15), ("aktif", 35), ("tidak_aktif", 8), ("ditolak", 7))
_SOURCES = (("brosur", 18), ("media_sosial", 22), ("referensi", 25), ("walk_in", 18),
            ("acara", 12), ("lainnya", 5))
_CLIENT_COLUMNS = (
    "id", "kind", "full_name", "name_key", "business_name", "nik", "nib", "npwp", "birth_date",
    "sex", "mobile", "landline", "street", "kelurahan", "kecamatan", "city", "province",
    "postal_code", "occupation", "monthly_income", "monthly_obligations", "status",
    "lead_source", "referrer_id", "refusal_reason", "officer_id", "tags", "notes",
    "consent_contact", "archived", "version", "created_at", "updated_at", "updated_by",
)  # fmt: skip
_INSERT_CLIENT = (f"INSERT INTO clients ({', '.join(_CLIENT_COLUMNS)}) "
                  f"VALUES ({', '.join('?' * len(_CLIENT_COLUMNS))})")
_INSERT_HISTORY = ("INSERT INTO client_status_history (client_id, status, changed_at, changed_by, note) "
                   "VALUES (?, ?, ?, ?, ?)")
_INSERT_NOTE = "INSERT INTO client_notes (client_id, text, author, created_at) VALUES (?, ?, ?, ?)"
# Number clients that share the first 12 NIK digits 0001, 0002, ... in id order.
_FIX_NIK_SERIALS = """
UPDATE clients SET nik = substr(clients.nik, 1, 12) || printf('%04d', d.rn),
                   npwp = CASE WHEN clients.npwp = clients.nik
                          THEN substr(clients.nik, 1, 12) || printf('%04d', d.rn) ELSE clients.npwp END
FROM (SELECT id, rn FROM (SELECT id, row_number() OVER (PARTITION BY nik ORDER BY id) AS rn
                          FROM clients WHERE nik <> '') WHERE rn > 1) AS d
WHERE clients.id = d.id
"""
_M64 = (1 << 64) - 1


@dataclass(frozen=True)
class DemoSummary:
    path: Path
    clients: int
    officers: int
    seconds: float


class DemoCancelled(DomainError):
    """The user stopped the generation; the partial file was deleted."""


def _cumulative(weights: list[float]) -> tuple[list[float], float]:
    total, acc = 0.0, []
    for w in weights:
        total += w
        acc.append(total)
    return acc, total


def _pick_weighted(pairs: tuple[tuple[str, int], ...]) -> Callable[[float], str]:
    names = [n for n, _w in pairs]
    cum, total = _cumulative([w for _n, w in pairs])
    bounds = [c / total for c in cum[:-1]]
    return lambda u: names[bisect.bisect_right(bounds, u)]


_status_of_unit = _pick_weighted(_STATUSES)
_source_of_unit = _pick_weighted(_SOURCES)


def _unit(seed: int, client_id: int) -> float:
    """A uniform number in [0, 1) fixed by (seed, id): splitmix64 finaliser.

    The status comes from it (not from the batch's random stream), so the status of any
    earlier client is known without storing it: referrers are chosen among clients.
    """
    x = (seed * 0xD1B54A32D192ED03 + client_id * 0x9E3779B97F4A7C15) & _M64
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & _M64
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & _M64
    return ((x ^ (x >> 31)) >> 11) / 9007199254740992.0


class _Generator:
    """Everything computed once per database; `batch()` then builds rows quickly."""

    def __init__(self, seed: int, total: int, today: date, officers: list[tuple[int, str]]) -> None:
        self.seed, self.total = seed, total
        setup = random.Random(f"demo-setup-{seed}")
        first_day = today - timedelta(days=HISTORY_DAYS)
        self.days = [(first_day + timedelta(days=d)).isoformat() for d in range(HISTORY_DAYS)]
        # Office hours, sorted so that sorted indexes give increasing times on one day.
        self.times = sorted(f"{setup.randint(7, 17):02d}:{setup.randrange(60):02d}:"
                            f"{setup.randrange(60):02d}.{setup.randrange(1_000_000):06d}"
                            for _ in range(4096))
        # Birth dates for ages 21..65: (ISO, NIK DDMMYY for a man, for a woman).
        youngest = today.replace(year=today.year - 21) if not (today.month == 2 and today.day == 29) \
            else date(today.year - 21, 2, 28)
        self.births = []
        for back in range(0, 44 * 365, 1):
            b = youngest - timedelta(days=back)
            self.births.append((b.isoformat(), f"{b.day:02d}{b.month:02d}{b.year % 100:02d}",
                                f"{b.day + 40:02d}{b.month:02d}{b.year % 100:02d}"))
        self.places = P.PLACES
        self.place_cum, self.place_total = _cumulative([p.weight for p in P.PLACES])
        self.officers = officers  # (id, name) of the three AOs, weights 40/35/25
        self.keys: dict[str, str] = {}
        self.mobile_offset = setup.randrange(10**8)

    def key(self, part: str) -> str:
        k = self.keys.get(part)
        if k is None:
            k = self.keys[part] = name_search_key(part)
        return k

    def _name(self, R: Callable[[], float], female: bool, place: P.Place) -> tuple[str, str]:
        def pick(pool: tuple[str, ...]) -> str:
            return pool[int(R() * len(pool))]

        province = place.province
        if province == "Bali" and R() < 0.8:
            order = pick(P.BALI_ORDER)
            given = pick(P.BALI_GIVEN_FEMALE if female else P.BALI_GIVEN_MALE)
            parts = ["Ni" if female else "I", order, given, pick(P.BALI_LAST)]
        else:
            first = pick(P.FEMALE_FIRST if female else P.MALE_FIRST)
            u = R()
            if u < 0.08:
                parts = [first]
            else:
                parts = [first]
                if u > 0.75:
                    parts.append(pick(P.FEMALE_MIDDLE if female else P.MALE_MIDDLE))
                if province == "Sumatera Utara" and R() < 0.6:
                    parts.append(pick(P.MARGA))
                else:
                    parts.append(pick(P.FEMALE_LAST if female and R() < 0.7 else P.MALE_LAST))
            v = R()
            if v < 0.04:
                parts.insert(0, pick(P.FEMALE_PREFIXES if female else P.MALE_PREFIXES))
            elif v > 0.965:
                parts[-1] += ","
                parts.append(pick(P.SUFFIXES))
        return " ".join(parts), " ".join(self.key(p) for p in parts)

    def batch(self, first_id: int, count: int) -> tuple[list[tuple], list[tuple], list[tuple]]:
        rng = random.Random(f"demo-{self.seed}-{first_id}")
        R = rng.random
        days, times, births, places = self.days, self.times, self.births, self.places
        last_day, ntimes, nbirths = len(days) - 1, len(times), len(births)
        clients: list[tuple] = []
        history: list[tuple] = []
        notes: list[tuple] = []
        for cid in range(first_id, first_id + count):
            place = places[bisect.bisect_left(self.place_cum, R() * self.place_total)]
            female = R() < 0.5
            full_name, name_key = self._name(R, female, place)
            status = _status_of_unit(_unit(self.seed, cid))
            o = R()
            officer_id, officer = self.officers[0 if o < 0.40 else 1 if o < 0.75 else 2]
            # Identity: a quarter of the prospects have not shown their KTP yet.
            nik = birth = ""
            birth_value: str | None = None
            if not (status == "prospek" and R() < 0.25):
                age = R() + R()  # triangular: most clients are in their late thirties
                b = births[min(nbirths - 1, int(age * 0.5 * nbirths))]
                birth_value = b[0]
                nik = place.nik_prefix + (b[2] if female else b[1]) + "0001"
            # Occupation, business and money.
            business = R() < 0.15
            nib = npwp = business_name = ""
            if business:
                prefix, occupation, lo, hi = P.BUSINESS_TYPES[int(R() * len(P.BUSINESS_TYPES))]
                words = P.BUSINESS_WORDS
                w1, w2, w3 = (words[int(R() * len(words))] for _ in range(3))
                if prefix in ("PT", "CV", "UD"):
                    business_name = f"{prefix} {w1} {w2}" + (f" {w3}" if prefix == "PT" else "")
                elif R() < 0.3:
                    business_name = f"{prefix} {'Bu' if female else 'Pak'} {full_name.split()[0]}"
                else:
                    business_name = f"{prefix} {w1} {w2}"
                nib = f"{'9120' if R() < 0.7 else '8120'}{int(R() * 1e9):09d}"
                npwp = f"0{int(R() * 1e8):08d}{int(R() * 1e3):03d}000"
                if R() < 0.5:
                    npwp = "0" + npwp
                step = 100_000
            else:
                occupation, lo, hi = P.OCCUPATIONS[int(R() * len(P.OCCUPATIONS))]
                if nik and status != "prospek" and R() < 0.35:
                    npwp = nik  # since 2024 the NIK is the personal NPWP
                step = 50_000
            income = int(lo * (hi / lo) ** (R() ** 1.3)) // step * step
            u = R()
            share = 0.0 if u < 0.35 else 0.05 + R() * 0.33 if u < 0.93 else 0.38 + R() * 0.22
            obligations = int(income * share) // 1000 * 1000
            # Contact: unique mobiles (an invertible map of the id), landlines for some.
            sub = (cid * 73_856_093 + self.mobile_offset) % 100_000_000
            extra = str(1 + int(R() * 9)) if R() < 0.25 else ""
            mobile = f"+62{P.MOBILE_PREFIXES[int(R() * len(P.MOBILE_PREFIXES))]}{extra}{sub:08d}"
            landline = ""
            if R() < (0.6 if business else 0.12):
                area = place.area_code
                digits = 8 if area == "21" else 7 if len(area) == 2 else 6 + int(R() * 2)
                low = 2 * 10 ** (digits - 1)
                landline = f"+62{area}{low + int(R() * 7 * 10 ** (digits - 1))}"
            r = R()
            number = 1 + int(R() ** 2 * 150)
            rt_rw = f"RT {1 + int(R() * 12):03d}/RW {1 + int(R() * 9):03d}"
            if r < 0.78:
                street = f"Jl. {P.STREETS[int(R() * len(P.STREETS))]} No. {number}, {rt_rw}"
            elif r < 0.9:
                street = f"Gg. {P.STREETS[int(R() * len(P.STREETS))]} No. {number}, {rt_rw}"
            else:
                block = "ABCDEFGH"[int(R() * 8)] + str(1 + int(R() * 20))
                street = f"Perum {P.HOUSING[int(R() * len(P.HOUSING))]} Blok {block} No. {number % 40 + 1}, {rt_rw}"
            # Pipeline: source, referrer (preferably an existing client), history.
            source = _source_of_unit(R())
            referrer_id = None
            if source == "referensi":
                if cid == 1:
                    source = "walk_in"
                else:
                    for _try in range(4):
                        referrer_id = 1 + int(R() * (cid - 1))
                        if _status_of_unit(_unit(self.seed, referrer_id)) in ("aktif", "tidak_aktif"):
                            break
            refusal = ""
            if status == "prospek":
                steps = [("prospek", 0, "")]
            elif status == "pengajuan":
                steps = [("prospek", 0, ""), ("pengajuan", 3 + R() * 40, "")]
            elif status == "ditolak":
                if R() < 0.6:
                    refusal = P.REFUSALS_BEFORE_APPLYING[int(R() * len(P.REFUSALS_BEFORE_APPLYING))]
                    steps = [("prospek", 0, ""), ("ditolak", 1 + R() * 30, refusal)]
                else:
                    refusal = P.REFUSALS_AFTER_APPLYING[int(R() * len(P.REFUSALS_AFTER_APPLYING))]
                    steps = [("prospek", 0, ""), ("pengajuan", 3 + R() * 40, ""),
                             ("ditolak", 5 + R() * 20, refusal)]
            else:
                steps = [("prospek", 0, ""), ("pengajuan", 3 + R() * 40, "")]
                if R() < 0.15:  # a savings account: no credit application
                    steps.pop()
                steps.append(("aktif", 7 + R() * 30, ""))
                if status == "tidak_aktif":
                    steps.append(("tidak_aktif", 60 + R() * 360, ""))
            start = (cid - 1) * HISTORY_DAYS // self.total
            room = last_day - start
            gaps = sum(g for _s, g, _n in steps)
            scale = min(1.0, room / gaps) if gaps else 1.0
            marks = sorted(int(R() * ntimes) for _ in steps)
            day = float(start)
            stamps = []
            for (st, gap, note), t in zip(steps, marks, strict=True):
                day += gap * scale
                stamp = f"{days[int(day)]} {times[t]}"
                stamps.append(stamp)
                if not note and st in P.STATUS_NOTES and R() < 0.7:
                    options = P.STATUS_NOTES[st]
                    note = options[int(R() * len(options))]
                history.append((cid, st, stamp, officer, note))
            created_at, updated_at = stamps[0], stamps[-1]
            if R() < 0.12:  # the AO's notes on this client
                for _n in range(1 + int(R() * 3)):
                    d = start + int(R() * (room + 1))
                    notes.append((cid, P.NOTES[int(R() * len(P.NOTES))], officer,
                                  f"{days[d]} {times[int(R() * ntimes)]}"))
            # Tags, consent, remarks.
            tags = set()
            if business and R() < 0.7:
                tags.add("umkm")
            if occupation == "Pensiunan":
                tags.add("pensiunan")
            elif occupation == "Pegawai Negeri Sipil":
                tags.add("asn")
            if R() < 0.35:
                tags.add(P.TAGS[int(R() * len(P.TAGS))])
            tag_text = "," + ",".join(sorted(tags)) + "," if tags else ""
            consent = 1 if R() < (0.6 if status == "prospek" else 0.9) else 0
            remark = P.CLIENT_REMARKS[int(R() * len(P.CLIENT_REMARKS))] if R() < 0.04 else ""
            archived = 1 if status == "tidak_aktif" and R() < 0.3 else 0
            clients.append((
                cid, "business" if business else "individual", full_name, name_key, business_name,
                nik, nib, npwp, birth_value, "P" if female else "L", mobile, landline, street,
                place.kelurahan, place.kecamatan, place.city, place.province, place.postal_code,
                occupation, income, obligations, status, source, referrer_id, refusal, officer_id,
                tag_text, remark, consent, archived, 1, created_at, updated_at, officer,
            ))
            del birth
        return clients, history, notes
