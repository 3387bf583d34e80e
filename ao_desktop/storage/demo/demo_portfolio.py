"""Demo loan portfolio: loans for the demo's active clients (and some prospects'
relatives who bank elsewhere: a few accounts that match no client), seven month-end
core-banking extracts of history (the six months the demo covers and the end of the month
before, so the oldest month has an opening outstanding), a realistic collectibility mix (most loans current,
some late payers, a few sliding into NPL so the branch's NPL sits around 2-5%), promises
to pay kept and broken on collection visits, and warning letters on the worst accounts.

Written with the demo's own sqlite3 connection inside its load transaction; one account
in five hundred carries an unknown Kode AO ("AO-99"), so the "no AO" line shows.
Deterministic per (seed, today). At most MAX_LOANS accounts, whatever the client count.
"""

from __future__ import annotations

import random
import sqlite3
from datetime import date, datetime, time, timedelta

from ao_desktop.storage.portfolio import rollups

MAX_LOANS = 20_000
LOAN_SHARE = 0.35  # of the clients
# Seven month-ends: the six months the demo covers, each with the extract at its start
# (the oldest month's report has an opening outstanding too); views show the newest six.
EXTRACTS = 7
# product, rate % p.a., plafond range, tenors
_PRODUCTS = (("KUR-MIKRO", "6", 10_000_000, 100_000_000, (12, 24, 36)),
             ("KUR-SM", "3", 2_000_000, 10_000_000, (12, 18, 24)),
             ("KMK", "11.5", 50_000_000, 300_000_000, (12, 24, 36)),
             ("MULTIGUNA", "7.5", 10_000_000, 150_000_000, (24, 36, 48)))
# behaviour over the six months: (name, weight)
_BEHAVIOURS = (("clean", 80.3), ("blip", 6), ("late", 4), ("slipping", 2.5), ("npl", 6.2), ("recovered", 1))


def _month_ends(today: date, n: int) -> list[date]:
    """The last `n` month-ends before today's month, oldest first."""
    out = []
    day = today.replace(day=1) - timedelta(days=1)
    for _i in range(n):
        out.append(day)
        day = day.replace(day=1) - timedelta(days=1)
    return list(reversed(out))


def _stamp(value: datetime) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%S.%f")


def _dpd_path(kind: str, rng: random.Random) -> list[int]:
    """Days past due on each of the extracts, oldest first."""
    if kind == "clean":
        return [0] * EXTRACTS
    if kind == "blip":
        path = [0] * EXTRACTS
        path[rng.randrange(EXTRACTS)] = rng.randint(1, 12)
        return path
    if kind == "late":
        return [rng.choice((0, 0, rng.randint(3, 28), rng.randint(31, 45))) for _i in range(EXTRACTS)]
    if kind == "slipping":
        start = rng.randint(1, 3)
        return [0 if i < start else min(89, (i - start + 1) * 30 - rng.randint(0, 20)) for i in range(EXTRACTS)]
    if kind == "npl":  # 91-260 days late on the newest extract, a month more each month before
        final = rng.randint(91, 260)
        return [max(0, final - (EXTRACTS - 1 - i) * 30) for i in range(EXTRACTS)]
    # recovered: late in the middle months, paid up by the newest extract
    peak = rng.randint(2, 3)
    return [0 if i < peak - 1 else (rng.randint(35, 100) if i <= peak else 0) for i in range(EXTRACTS)]


def _round(value: float, step: int = 1_000) -> int:
    return int(value // step * step)


def insert_demo_portfolio(con: sqlite3.Connection, seed: int, today: date) -> int:
    """Add the demo portfolio; the number of loan accounts (0 without clients)."""
    rng = random.Random(f"demo-portfolio-{seed}-{today.isoformat()}")
    clients = con.execute(
        "SELECT id, nik, officer_id, full_name FROM clients WHERE status = 'aktif' AND officer_id IS NOT NULL "
        "ORDER BY id").fetchall()
    if not clients:
        return 0
    total_clients = con.execute("SELECT COUNT(*) FROM clients").fetchone()[0]
    n = min(MAX_LOANS, max(1, int(total_clients * LOAN_SHARE)))
    chosen = [clients[i % len(clients)] for i in range(n)] if len(clients) < n else rng.sample(clients, n)
    ends = _month_ends(today, EXTRACTS)
    now = _stamp(datetime.combine(today, time(7, 30)))
    extract_ids = []
    for as_of in ends:
        cur = con.execute("INSERT INTO loan_extracts (as_of, file_name, accounts, outstanding, imported_at, "
                          "imported_by) VALUES (?, ?, 0, 0, ?, 'Demo')",
                          (as_of.isoformat(), f"OS_KREDIT_{as_of:%Y%m%d}.xlsx",
                           _stamp(datetime.combine(as_of + timedelta(days=1), time(8, 0)))))
        extract_ids.append(cur.lastrowid)
    accounts, positions, cifs, promises, letters = [], [], [], [], []
    account_id = con.execute("SELECT COALESCE(MAX(id), 0) FROM loan_accounts").fetchone()[0]
    seen_cif: set[int] = set()
    # Exact shares of each behaviour (then shuffled): the NPL stays near its target at
    # any size instead of swinging with a few random draws.
    kinds = [b for b, w in _BEHAVIOURS for _i in range(round(w * len(chosen) / 100))]
    kinds += ["clean"] * (len(chosen) - len(kinds))
    rng.shuffle(kinds)
    for index, (client_id, nik, officer_id, name) in enumerate(chosen):
        account_id += 1
        kind = kinds[index]
        # Large working-capital loans are watched closely; the NPL comes from micro loans.
        product, rate, lo, hi, tenors = rng.choice(_PRODUCTS if kind != "npl" else _PRODUCTS[:2])
        plafond = _round(rng.uniform(lo, hi), 1_000_000)
        tenor = rng.choice(tenors)
        installment = _round(plafond / tenor * (1 + float(rate) / 100 * tenor / 12 / 2))
        # Disbursed before the window (most) or within it (new loans); some paid off in it.
        # Loans that go bad were disbursed before the window: a new loan starts current.
        start_index = 0 if rng.random() < 0.75 or kind not in ("clean", "blip") else rng.randint(1, EXTRACTS - 1)
        disbursed = ends[start_index] - timedelta(days=rng.randint(5, 25) + (30 * rng.randint(1, tenor - 6)
                                                                              if start_index == 0 else 0))
        end_index = EXTRACTS if rng.random() < 0.96 else rng.randint(start_index + 1, EXTRACTS)
        path = _dpd_path(kind, rng)
        unmatched = index % 250 == 7  # a borrower the AO never entered as a client
        code = "AO-99" if index % 500 == 11 else str(officer_id)
        owner = None if code == "AO-99" else officer_id
        cif = f"CIF{client_id:07d}"
        if not unmatched and client_id not in seen_cif:
            seen_cif.add(client_id)
            cifs.append((cif, client_id))
        acc_nik = nik if not unmatched else f"3302{rng.randint(10**11, 10**12 - 1)}"
        acc_cif = cif if not unmatched else f"CIX{account_id:07d}"
        last = None
        for i in range(start_index, end_index):
            as_of = ends[i]
            months_run = max(0, (as_of - disbursed).days // 30)
            dpd = path[i]
            late_months = (dpd + 29) // 30
            outstanding = max(installment, plafond - _round(plafond / tenor * max(0, months_run - late_months)))
            arrears_p = _round(late_months * installment * 0.8)
            arrears_i = _round(late_months * installment * 0.2)
            next_due = as_of.replace(day=min(disbursed.day, 28)) + timedelta(days=31 if dpd == 0 else 0)
            next_due = next_due.replace(day=min(disbursed.day, 28))
            paid = as_of - timedelta(days=dpd + rng.randint(0, 3))
            kol = 1 if dpd == 0 else 2 if dpd <= 90 else 3 if dpd <= 120 else 4 if dpd <= 180 else 5
            positions.append((extract_ids[i], account_id, owner, None if unmatched else client_id, outstanding,
                              arrears_p, arrears_i, 0, dpd, kol, installment, next_due.isoformat(),
                              paid.isoformat()))
            last = (i, outstanding, arrears_p, arrears_i, dpd, kol, next_due, paid)
        assert last is not None
        i, outstanding, arrears_p, arrears_i, dpd, kol, next_due, paid = last
        accounts.append((account_id, f"00{officer_id:02d}{account_id:08d}", None if unmatched else client_id,
                         acc_nik, acc_cif, name, product, plafond, disbursed.isoformat(), tenor, rate,
                         installment, outstanding, arrears_p, arrears_i, 0, dpd, kol, next_due.isoformat(),
                         paid.isoformat(), owner, code, extract_ids[i], "ekstrak", 1, now, now, "Demo"))
        if unmatched or officer_id is None:
            continue
        # Collections: a visit with a promise to pay on accounts that were late.
        if kind in ("recovered", "npl", "slipping") and end_index == EXTRACTS:
            late_at = next((j for j, d in enumerate(path) if d > 0 and j >= start_index), None)
            if late_at is not None and late_at < EXTRACTS - 1:
                made = ends[late_at] + timedelta(days=rng.randint(3, 10))
                made = made - timedelta(days=max(0, made.weekday() - 4))
                promised = made + timedelta(days=rng.randint(7, 14))
                amount = _round(((path[late_at] + 29) // 30) * installment, 50_000)
                promises.append((client_id, officer_id, made, promised, amount, name))
            if kind in ("npl", "slipping") and path[-1] > 0 and rng.random() < 0.5:
                made = today - timedelta(days=rng.randint(2, 6))
                promises.append((client_id, officer_id, made, today + timedelta(days=rng.randint(2, 9)),
                                 _round(installment, 50_000), name))
        if kind == "npl" and end_index == EXTRACTS and path[-1] > 60:
            levels = 1 + (path[-1] > 100) + (path[-1] > 150)
            for level in range(1, levels + 1):
                issued = ends[-1] - timedelta(days=20 * (levels - level) + rng.randint(0, 4))
                while issued.weekday() >= 5:
                    issued -= timedelta(days=1)
                letters.append((account_id, level, issued, arrears_p, arrears_i, dpd))
    con.executemany(
        "INSERT INTO loan_accounts (id, account_no, client_id, nik, cif, borrower_name, product, plafond, "
        "disbursed_on, tenor_months, rate_pct, installment, outstanding, arrears_principal, arrears_interest, "
        "penalty, days_past_due, collectibility, next_due, last_payment, officer_id, officer_code, extract_id, "
        "source, version, created_at, updated_at, updated_by) VALUES "
        "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", accounts)
    con.executemany(
        "INSERT INTO loan_positions (extract_id, account_id, officer_id, client_id, outstanding, "
        "arrears_principal, arrears_interest, penalty, days_past_due, collectibility, installment, next_due, "
        "last_payment) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", positions)
    con.executemany("INSERT OR IGNORE INTO client_cifs (cif, client_id) VALUES (?, ?)", cifs)
    con.execute("UPDATE loan_extracts SET accounts = (SELECT COUNT(*) FROM loan_positions p WHERE "
                "p.extract_id = loan_extracts.id), outstanding = (SELECT COALESCE(SUM(outstanding), 0) FROM "
                "loan_positions p WHERE p.extract_id = loan_extracts.id)")
    rollups.rebuild(con)
    _insert_promises(con, promises)
    _insert_letters(con, letters, today)
    return len(accounts)


def _insert_promises(con: sqlite3.Connection, promises: list[tuple]) -> None:
    next_id = con.execute("SELECT COALESCE(MAX(id), 0) FROM activities").fetchone()[0] + 1
    rows = []
    for client_id, officer_id, made, promised, amount, _name in promises:
        at = datetime.combine(made, time(10, 0))
        rows.append((next_id, client_id, officer_id, "kunjungan", "penagihan", "selesai", _stamp(at), 45, "",
                     "Kunjungan penagihan; nasabah berjanji membayar tunggakan", "[]", "janji_bayar", "",
                     promised.isoformat(), amount, None, _stamp(at), _stamp(at), "Demo"))
        next_id += 1
    con.executemany(
        "INSERT INTO activities (id, client_id, officer_id, type, purpose, status, starts_at, duration_minutes, "
        "location, outcome, products, result, result_reason, promise_date, promise_amount, follow_up_of, version, "
        "created_at, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)",
        rows)


def _insert_letters(con: sqlite3.Connection, letters: list[tuple], today: date) -> None:
    from ao_desktop.domain.portfolio.letters import ROMAN_MONTHS, branch_code

    row = con.execute("SELECT value FROM settings WHERE key = 'bank.branch'").fetchone()
    code = branch_code(row[0] if row else "")
    sequence: dict[int, int] = {}
    rows = []
    for account_id, level, issued, arrears_p, arrears_i, dpd in sorted(letters, key=lambda r: (r[2], r[0])):
        seq = sequence[issued.year] = sequence.get(issued.year, 0) + 1
        deadline = issued
        left = 7
        while left:
            deadline += timedelta(days=1)
            left -= deadline.weekday() < 5
        number = f"{seq:03d}/SP{level}/{code}/{ROMAN_MONTHS[issued.month - 1]}/{issued.year}"
        rows.append((account_id, level, number, seq, code, issued.year, issued.isoformat(), deadline.isoformat(),
                     arrears_p, arrears_i, 0, dpd, "Demo", _stamp(datetime.combine(issued, time(9, 0)))))
    con.executemany(
        "INSERT INTO warning_letters (account_id, level, number, sequence, branch_code, year, issued_on, deadline, "
        "arrears_principal, arrears_interest, penalty, days_past_due, issued_by, created_at) VALUES "
        "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
