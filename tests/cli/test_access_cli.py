"""The sign-in area on the command line, on a small demo database (every officer's PIN is
123456; ids 1-3 AOs, 4 the supervisor, 5 the admin, 6 marketing): `officers`, `audit`,
`client-data` (subject access), masking for marketing, refusals in one sentence."""

from __future__ import annotations

import json
import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from ao_desktop.cli.main import main
from ao_desktop.storage.demo.demo_data import generate_demo_database

AO, OTHER_AO, SUPERVISOR, ADMIN, MARKETING = 1, 2, 4, 5, 6
pytestmark = pytest.mark.usefixtures("home")


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    generate_demo_database(path, 40, seed=7)
    return path


@pytest.fixture
def demo(demo_file: Path, tmp_path: Path) -> Path:
    """A copy per test: sign-ins and exports write to the audit."""
    copy = tmp_path / "demo.sqlite"
    copy.write_bytes(demo_file.read_bytes())
    return copy


def _rows(path: Path, sql: str, *params: object) -> list[tuple]:
    con = sqlite3.connect(path)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


def _client_of(path: Path, officer_id: int) -> tuple[int, str, str, str]:
    """(id, name, nik, mobile) of one of the officer's clients with a NIK and a mobile."""
    return _rows(path, "SELECT id, full_name, nik, mobile FROM clients WHERE officer_id = ? AND nik != '' "
                       "AND mobile != '' ORDER BY id LIMIT 1", officer_id)[0]


def _prepare(path: Path) -> None:
    from ao_desktop.services.setup import prepare_database
    from ao_desktop.storage.engine import open_database
    from ao_desktop.storage.unit_of_work import SqlUnitOfWork

    db = open_database(path)
    try:
        prepare_database(SqlUnitOfWork(db))
    finally:
        db.close()


def _one_sentence(err: str) -> str:
    text = err.strip()
    assert text and "\n" not in text and "Traceback" not in text, err
    return text


def test_officers_json_lists_every_role(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["officers", "--db", str(demo), "--json"]) == 0
    officers = json.loads(capsys.readouterr().out)
    assert [set(o) for o in officers] == [{"id", "name", "role", "active"}] * 6
    assert [o["role"] for o in officers] == ["ao", "ao", "ao", "supervisor", "admin", "marketing"]
    assert all(o["active"] is True for o in officers)


def test_as_is_accepted_before_or_after_the_subcommand(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--as", str(SUPERVISOR), "audit", "--db", str(demo), "--json"]) == 0
    assert main(["audit", "--as", str(SUPERVISOR), "--db", str(demo), "--json"]) == 0
    capsys.readouterr()
    assert main(["audit", "--as", str(AO), "--db", str(demo)]) == 1  # the audit is not an AO's
    assert "supervisor atau admin" in _one_sentence(capsys.readouterr().err)


@pytest.mark.parametrize(("pin", "expected"), [("654321", "PIN salah"), ("", "PIN wajib diisi")])
def test_a_wrong_or_empty_pin_is_refused_and_only_the_refusal_recorded(
    demo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, pin: str, expected: str
) -> None:
    before = _rows(demo, "SELECT count(*) FROM audit_log")[0][0]
    monkeypatch.setenv("AO_DESKTOP_PIN", pin)
    assert main(["--as", str(AO), "search", "a", "--db", str(demo)]) == 1
    assert expected in _one_sentence(capsys.readouterr().err)
    new = _rows(demo, "SELECT table_name, row_id, action FROM audit_log WHERE id > ?", before)
    assert new == [("sign_in", AO, "refused")]


def test_no_pin_and_no_terminal_is_one_sentence(demo: Path, capsys: pytest.CaptureFixture[str],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AO_DESKTOP_PIN")
    assert main(["officers", "--db", str(demo)]) == 1
    assert "AO_DESKTOP_PIN" in _one_sentence(capsys.readouterr().err)


def test_marketing_sees_nik_and_phone_masked_in_search_and_lists(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _id, name, nik, mobile = _client_of(demo, AO)
    assert main(["--as", str(MARKETING), "search", name, "--db", str(demo), "--json"]) == 0
    hits = json.loads(capsys.readouterr().out)
    hit = next(h for h in hits if h["name"] == name)
    assert hit["nik"] == nik[:4] + "********" + nik[-4:]
    assert "****" in hit["phone"] and hit["phone"].replace("+62", "0")[-4:] == mobile[-4:]
    assert main(["--as", str(MARKETING), "search", "a", "--db", str(demo), "--limit", "50", "--json"]) == 0
    every = json.loads(capsys.readouterr().out)
    assert every and all("********" in h["nik"] for h in every if h["nik"])
    assert all("****" in h["phone"] for h in every if h["phone"])
    # Searching by a NIK would tell marketing who holds it: refused.
    assert main(["--as", str(MARKETING), "search", nik, "--db", str(demo), "--json"]) == 1
    capsys.readouterr()
    # The AO sees their own client in full.
    assert main(["--as", str(AO), "search", name, "--db", str(demo), "--json"]) == 0
    assert any(h["nik"] == nik for h in json.loads(capsys.readouterr().out))


def test_subject_access_round_trip(demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    client_id, name, nik, _mobile = _client_of(demo, AO)
    out, pdf = tmp_path / "nasabah.json", tmp_path / "nasabah.pdf"
    assert main(["--as", str(AO), "client-data", str(client_id), "--out", str(out), "--pdf", str(pdf),
                 "--db", str(demo)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["client"]["id"] == client_id and data["client"]["full_name"] == name
    assert data["client"]["nik"] == nik  # the client's own data, in full
    stored_activities = _rows(demo, "SELECT count(*) FROM activities WHERE client_id = ?", client_id)[0][0]
    assert len(data["activities"]) == stored_activities
    text = "\n".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert name in text and nik in text
    exports = _rows(demo, "SELECT action, actor, client_id, details FROM audit_log WHERE table_name = 'exports'")
    assert [(a, c) for a, _who, c, _d in exports] == [("subject_access", client_id)]
    assert json.loads(exports[0][3])["file"] == "nasabah.json" and json.loads(exports[0][3])["pdf"] == "nasabah.pdf"


def test_subject_access_contains_the_consent_and_its_withdrawal(demo: Path, tmp_path: Path) -> None:
    client_id, *_rest = _client_of(demo, AO)
    con = sqlite3.connect(demo)
    with con:
        con.execute("UPDATE clients SET consent_contact = 0, consent_given_on = '2026-11-03', "
                    "consent_purpose = 'penawaran', consent_channels = 'whatsapp,telepon', "
                    "consent_withdrawn_on = '2026-12-05', consent_withdrawal_reason = 'Tidak mau ditawari' "
                    "WHERE id = ?", (client_id,))
    con.close()
    out, pdf = tmp_path / "nasabah.json", tmp_path / "nasabah.pdf"
    assert main(["--as", str(AO), "client-data", str(client_id), "--out", str(out), "--pdf", str(pdf),
                 "--db", str(demo)]) == 0
    consent = json.loads(out.read_text(encoding="utf-8"))["consent"]
    assert consent == {"valid": False, "given_on": "2026-11-03", "purpose": "penawaran",
                       "channels": ["telepon", "whatsapp"], "withdrawn_on": "2026-12-05",
                       "withdrawal_reason": "Tidak mau ditawari",
                       "summary": "Persetujuan dicabut 5 Des 2026: Tidak mau ditawari"}
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(pdf).pages).split())
    assert "Persetujuan dicabut 5 Des 2026: Tidak mau ditawari" in text


def test_an_ao_asking_for_a_colleagues_client_is_refused_and_nothing_written(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    client_id, *_ = _client_of(demo, OTHER_AO)
    out = tmp_path / "lain.json"
    _prepare(demo)  # the seed catalog a first opening adds is not what this test is about
    before = _rows(demo, "SELECT max(id) FROM audit_log")[0][0]
    assert main(["--as", str(AO), "client-data", str(client_id), "--out", str(out), "--db", str(demo)]) == 1
    assert "sendiri" in _one_sentence(capsys.readouterr().err)
    assert not out.exists()
    # The refusal's own entry is the only write: who, which use case, about which client.
    new = _rows(demo, "SELECT table_name, action, officer_id, client_id, details FROM audit_log WHERE id > ?",
                before)
    assert [row[:4] for row in new] == [("permissions", "refused", AO, client_id)]
    assert json.loads(new[0][4])["use_case"] == "export_subject_access"
    # Marketing exports no personal data at all.
    assert main(["--as", str(MARKETING), "client-data", str(client_id), "--out", str(out), "--db", str(demo)]) == 1
    _one_sentence(capsys.readouterr().err)
    assert not out.exists()


def test_audit_filters_by_client_officer_and_date(demo: Path, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    client_id, *_ = _client_of(demo, AO)
    assert main(["--as", str(SUPERVISOR), "client-data", str(client_id), "--out", str(tmp_path / "a.json"),
                 "--db", str(demo)]) == 0
    capsys.readouterr()
    assert main(["--as", str(ADMIN), "audit", "--client", str(client_id), "--db", str(demo), "--json"]) == 0
    about = json.loads(capsys.readouterr().out)
    assert about and all(e["client_id"] == client_id for e in about)
    assert any(e["action"] == "subject_access" and e["officer_id"] == SUPERVISOR for e in about)
    assert main(["--as", str(ADMIN), "audit", "--officer", str(SUPERVISOR), "--db", str(demo), "--json"]) == 0
    by = json.loads(capsys.readouterr().out)
    assert by and all(e["officer_id"] == SUPERVISOR for e in by)
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    assert main(["--as", str(ADMIN), "audit", "--since", tomorrow, "--db", str(demo), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_the_audit_is_append_only_even_by_hand(demo: Path) -> None:
    con = sqlite3.connect(demo)
    try:
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            con.execute("UPDATE audit_log SET actor = 'x'")
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            con.execute("DELETE FROM audit_log")
    finally:
        con.close()


def test_a_personal_product_sheet_never_prints_the_nik(demo: Path, tmp_path: Path) -> None:
    client_id, name, nik, _mobile = _client_of(demo, AO)
    out = tmp_path / "kur.pdf"
    assert main(["--as", str(AO), "product-sheet", "KUR-MIKRO", "--amount", "50jt", "--tenor", "24",
                 "--client", str(client_id), "--out", str(out), "--db", str(demo)]) == 0
    text = "\n".join(page.extract_text() for page in PdfReader(out).pages)
    assert name in text  # personal: it names the client
    assert nik not in text and nik[:4] + "********" not in text


def test_a_bulk_import_is_one_audit_entry_with_file_counts_and_row_ids(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.fixtures.client_sheets import build_fixture

    before = _rows(demo, "SELECT max(id) FROM audit_log")[0][0]
    sheet = build_fixture(tmp_path / "prospek.xlsx")
    assert main(["--as", str(AO), "import-clients", str(sheet), "--db", str(demo), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    new = _rows(demo, "SELECT table_name, action, officer_id, details FROM audit_log WHERE id > ?", before)
    assert [(t, a, o) for t, a, o, _d in new] == [("clients", "import_batch", AO)]
    details = json.loads(new[0][3])
    assert details["file"] == "prospek.xlsx" and details["inserted"] == result["inserted"] > 0
    ids = [i for first, last in details["inserted_ids"] for i in range(first, last + 1)]
    assert ids == [r[0] for r in _rows(demo, "SELECT id FROM clients WHERE id > 40 ORDER BY id")]


def test_a_supervisor_hands_over_an_aos_portfolio_and_json_gives_the_counts(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    clients = _rows(demo, "SELECT count(*) FROM clients WHERE officer_id = ?", OTHER_AO)[0][0]
    assert clients > 0
    assert main(["--as", str(SUPERVISOR), "handover", "--from", str(OTHER_AO), "--to", str(AO),
                 "--db", str(demo), "--json"]) == 0
    moved = json.loads(capsys.readouterr().out)
    assert moved["from"] == OTHER_AO and moved["to"] == AO and moved["clients"] == clients
    assert _rows(demo, "SELECT count(*) FROM clients WHERE officer_id = ?", OTHER_AO) == [(0,)]
    entries = _rows(demo, "SELECT officer_id, details FROM audit_log WHERE action = 'handover'")
    assert len(entries) == 1 and entries[0][0] == SUPERVISOR
    assert json.loads(entries[0][1])["loans"] == moved["loans"]


def test_an_ao_cannot_hand_over_and_only_the_refusal_is_recorded(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _prepare(demo)
    before = _rows(demo, "SELECT max(id) FROM audit_log")[0][0]
    assert main(["--as", str(AO), "handover", "--from", str(OTHER_AO), "--to", str(AO), "--db", str(demo)]) == 1
    assert "supervisor" in _one_sentence(capsys.readouterr().err)
    new = _rows(demo, "SELECT table_name, action, officer_id FROM audit_log WHERE id > ?", before)
    assert new == [("permissions", "refused", AO)]
    assert _rows(demo, "SELECT count(*) FROM clients WHERE officer_id = ?", AO)[0][0] < 40


def _end_relationship_long_ago(path: Path, client_id: int) -> None:
    """The client became tidak aktif 12 years ago, with nothing open."""
    con = sqlite3.connect(path)
    try:
        con.execute("UPDATE clients SET status = 'tidak_aktif' WHERE id = ?", (client_id,))
        con.execute("DELETE FROM loan_accounts WHERE client_id = ?", (client_id,))
        con.execute("DELETE FROM credit_applications WHERE client_id = ?", (client_id,))
        con.execute("DELETE FROM client_status_history WHERE client_id = ?", (client_id,))
        con.execute("INSERT INTO client_status_history (client_id, status, changed_at, changed_by, note) "
                    "VALUES (?, 'tidak_aktif', ?, 'Ani', '')", (client_id, f"{date.today().year - 12}-01-15 09:00:00"))
        con.commit()
    finally:
        con.close()


def test_retention_lists_for_the_admin_and_anonymises_when_asked(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    client_id, name, nik, _mobile = _client_of(demo, AO)
    _end_relationship_long_ago(demo, client_id)
    assert main(["--as", str(ADMIN), "retention", "--db", str(demo), "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed["anonymised"] == [] and [c["id"] for c in listed["past_retention"]] == [client_id]
    assert listed["past_retention"][0]["name"] == name
    assert main(["--as", str(ADMIN), "retention", "--anonymise", str(client_id), "--db", str(demo), "--json"]) == 0
    after = json.loads(capsys.readouterr().out)
    assert after == {"anonymised": [client_id], "past_retention": []}
    assert _rows(demo, "SELECT full_name, nik FROM clients WHERE id = ?", client_id) == [
        (f"Nasabah dianonimkan #{client_id}", "")]
    assert _rows(demo, "SELECT count(*) FROM audit_log WHERE action = 'anonymise' AND row_id = ?",
                 client_id) == [(1,)]
    assert nik not in json.dumps(_rows(demo, "SELECT details FROM audit_log WHERE action = 'anonymise'"))


def test_retention_is_the_admins_and_a_client_not_listed_is_refused(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--as", str(SUPERVISOR), "retention", "--db", str(demo)]) == 1
    assert "admin" in _one_sentence(capsys.readouterr().err)
    client_id, name, *_ = _client_of(demo, AO)
    past, past_name, *_ = _client_of(demo, OTHER_AO)
    _end_relationship_long_ago(demo, past)
    # All or none: the listed client is not anonymised either when one asked for is not listed.
    assert main(["--as", str(ADMIN), "retention", "--anonymise", str(past), str(client_id), "--db", str(demo)]) == 1
    assert f"Nasabah {client_id} tidak ada di daftar retensi" in _one_sentence(capsys.readouterr().err)
    assert _rows(demo, "SELECT full_name FROM clients WHERE id IN (?, ?) ORDER BY id = ?", client_id, past, past) == [
        (name,), (past_name,)]
