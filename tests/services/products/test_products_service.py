"""Product catalog services on real SQLite: seed, admin-only edits, validation, stale edits,
simulations driven by a product, deposit rules as settings, a client's affordability."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from ao_desktop.domain.clients.client import Client
from ao_desktop.domain.common.errors import NotFound, PermissionDenied, StaleEdit, ValidationFailed
from ao_desktop.domain.common.officer import Actor, OfficerRole
from ao_desktop.domain.products.deposit import DepositRules
from ao_desktop.domain.products.kur import TieredRateRule
from ao_desktop.domain.products.loan_schedule import InterestMethod, LoanFees, Rounding
from ao_desktop.domain.products.product import Product, ProductKind
from ao_desktop.services.clients.directory import add_client
from ao_desktop.services.products.catalog import (
    DEFAULT_MAX_DSR_PCT,
    client_affordability,
    deposit_rules,
    get_product,
    list_products,
    max_amount_for_client,
    save_deposit_rules,
    save_product,
    seed_catalog_if_empty,
    set_product_active,
    simulate_product_deposit,
    simulate_product_loan,
)
from ao_desktop.services.products.product_seed import load_seed_catalog

ADMIN = Actor("Admin Cabang", OfficerRole.ADMIN)
AO = Actor("Budi AO", OfficerRole.AO)
SUPERVISOR = Actor("Sari Supervisor", OfficerRole.SUPERVISOR)
START = date(2026, 1, 31)
SEED = load_seed_catalog()
SEED_BY_CODE = {p.code: p for p in SEED}


def _fields(exc: pytest.ExceptionInfo[ValidationFailed]) -> set[str]:
    return {i.field for i in exc.value.issues}


def _loan(**changes: object) -> Product:
    base = Product(
        code="KMK-X",
        name="Kredit Modal Kerja X",
        kind=ProductKind.LOAN,
        rate_pa=Decimal(12),
        method=InterestMethod.DECLINING,
        min_tenor_months=6,
        max_tenor_months=36,
        min_amount=10_000_000,
        max_amount=1_000_000_000,
        fees=LoanFees(Decimal(1), 500_000, Decimal("0.5"), 0),
        max_dsr_pct=Decimal(40),
        terms_version="2026.1",
        terms_effective=date(2026, 1, 1),
        risks=("Agunan dapat dilelang bila kredit macet",),
        late_penalty="Denda 0,1% per hari dari angsuran yang terlambat",
        early_repayment="Boleh, penalti 2% dari pokok yang dilunasi",
        other_costs=("Bea materai Rp10.000",),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


# --- seed -----------------------------------------------------------------------------------
def test_seed_is_idempotent(uow) -> None:
    assert seed_catalog_if_empty(uow) == len(SEED) >= 12
    assert seed_catalog_if_empty(uow) == 0
    assert [p.code for p in list_products(uow, include_inactive=True)] == [p.code for p in SEED]


def test_seed_holds_the_products_the_branch_offers() -> None:
    assert {
        "KUR-SM",
        "KUR-MIKRO",
        "KUR-KECIL",
        "KMK",
        "KI",
        "KPR",
        "MULTIGUNA",
        "DEP-1",
        "DEP-3",
        "DEP-6",
        "DEP-12",
        "TAB",
    } <= set(SEED_BY_CODE)
    assert SEED_BY_CODE["KMK"].method is InterestMethod.DECLINING
    assert SEED_BY_CODE["KPR"].method is InterestMethod.ANNUITY
    assert SEED_BY_CODE["MULTIGUNA"].method is InterestMethod.FLAT
    assert SEED_BY_CODE["KUR-SM"].rate_pa == 3 and SEED_BY_CODE["KUR-SM"].max_amount == 10_000_000
    assert all(p.terms_version == "2026.1" and p.terms_effective for p in SEED)
    assert all(p.long_description and p.required_documents and p.eligibility for p in SEED)
    assert all(p.aro_available for p in SEED if p.kind is ProductKind.DEPOSIT)


@pytest.mark.parametrize("product", [p for p in SEED if p.is_loan], ids=lambda p: p.code)
def test_every_seed_loan_simulates_at_its_limits(product: Product) -> None:
    tiers = range(len(product.tiered_rate.rates_by_use) + 1) if product.tiered_rate else (0,)
    for method in product.methods:
        for uses in tiers:
            for amount in (product.min_amount, product.max_amount):
                for tenor in (product.min_tenor_months, product.max_tenor_months):
                    schedule = simulate_product_loan(
                        product, amount, tenor, method=method, start_date=START, previous_uses=uses
                    )
                    assert sum(i.principal for i in schedule.installments) == amount
                    assert schedule.installments[-1].balance == 0
                    assert 0 <= schedule.total_fees < amount


@pytest.mark.parametrize(
    "product", [p for p in SEED if p.kind is ProductKind.DEPOSIT], ids=lambda p: p.code
)
def test_every_seed_deposit_simulates_at_its_limits(product: Product) -> None:
    for amount in (product.min_amount, product.max_amount):
        for tenor in (product.min_tenor_months, product.max_tenor_months):
            result = simulate_product_deposit(
                product, amount, tenor, start_date=START, aro=True, rollovers=3
            )
            assert result.value_at_maturity > amount and len(result.periods) == 4


# --- reading the catalog --------------------------------------------------------------------
def test_get_product_ignores_case_and_reports_unknown_codes(uow) -> None:
    seed_catalog_if_empty(uow)
    assert get_product(uow, " kur-mikro ").code == "KUR-MIKRO"
    with pytest.raises(NotFound, match="Produk dengan kode XYZ tidak ditemukan."):
        get_product(uow, "XYZ")


# --- the admin's edits ----------------------------------------------------------------------
@pytest.mark.parametrize("actor", [AO, SUPERVISOR])
def test_only_admins_change_the_catalog(uow, actor: Actor) -> None:
    seed_catalog_if_empty(uow)
    kpr = get_product(uow, "KPR")
    message = "Hanya admin yang dapat mengubah katalog produk."
    with pytest.raises(PermissionDenied, match=message):
        save_product(uow, _loan(), actor)
    with pytest.raises(PermissionDenied, match=message):
        save_product(uow, replace(kpr, rate_pa=Decimal(1)), actor, original=kpr)
    with pytest.raises(PermissionDenied, match=message):
        set_product_active(uow, "KPR", False, actor)
    with pytest.raises(PermissionDenied):
        save_deposit_rules(uow, DepositRules(), actor)
    assert get_product(uow, "KPR") == kpr
    assert deposit_rules(uow) == DepositRules()


def test_admin_adds_cleans_and_refuses_a_duplicate_code(uow) -> None:
    saved = save_product(
        uow,
        _loan(code=" kmk-x ", name="  Kredit   Modal  X ", benefits=(" Cepat ", "", "  ")),
        ADMIN,
    )
    assert saved.id is not None and saved.code == "KMK-X" and saved.name == "Kredit Modal X"
    assert saved.benefits == ("Cepat",)
    with pytest.raises(ValidationFailed, match="sudah dipakai") as exc:
        save_product(uow, _loan(code="kmk-x"), ADMIN)
    assert _fields(exc) == {"code"}


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"code": ""}, "code"),
        ({"code": "KUR MIKRO"}, "code"),
        ({"code": "X" * 21}, "code"),
        ({"name": "   "}, "name"),
        ({"name": "N" * 121}, "name"),
        ({"kind": "pinjaman"}, "kind"),
        ({"short_description": "x" * 301}, "short_description"),
        ({"benefits": tuple(f"b{i}" for i in range(31))}, "benefits"),
        ({"required_documents": ("x" * 301,)}, "required_documents"),
        ({"rate_pa": Decimal(-1)}, "rate_pa"),
        ({"rate_pa": Decimal(101)}, "rate_pa"),
        ({"rate_pa": 6.5}, "rate_pa"),
        ({"method": None}, "method"),
        ({"method": "flatt"}, "method"),
        ({"allowed_methods": (InterestMethod.FLAT,)}, "allowed_methods"),
        ({"tiered_rate": TieredRateRule((Decimal(6), Decimal(7)))}, "rate_pa"),
        ({"min_tenor_months": 0}, "min_tenor_months"),
        ({"max_tenor_months": 601}, "max_tenor_months"),
        ({"min_tenor_months": 40}, "max_tenor_months"),
        ({"min_amount": 0}, "min_amount"),
        ({"min_amount": -5}, "min_amount"),
        ({"max_amount": 5_000_000}, "max_amount"),
        ({"fees": LoanFees(Decimal(101), 0, Decimal(0), 0)}, "provision_pct"),
        ({"fees": LoanFees(Decimal(0), 0, Decimal(-1), 0)}, "insurance_pct"),
        ({"fees": LoanFees(Decimal(0), -1, Decimal(0), 0)}, "admin"),
        ({"fees": LoanFees(Decimal(0), 0, Decimal(0), -1)}, "notary"),
        ({"fees": LoanFees(Decimal(0), 20_000_000, Decimal(0), 0)}, "fees"),
        ({"rounding": "10"}, "rounding"),
        ({"max_dsr_pct": Decimal(0)}, "max_dsr_pct"),
        ({"max_dsr_pct": Decimal(120)}, "max_dsr_pct"),
        ({"aro_available": True}, "aro_available"),
        ({"terms_version": " "}, "terms_version"),
        ({"terms_effective": None}, "terms_effective"),
        # Rounded up to Rp1.000, Rp10.000.000 over 600 months at 30% repays early.
        (
            {
                "rounding": Rounding.UP_1000,
                "method": InterestMethod.ANNUITY,
                "rate_pa": Decimal(30),
                "max_tenor_months": 600,
            },
            "rounding",
        ),
    ],
)
def test_every_field_is_validated(uow, changes: dict[str, object], field: str) -> None:
    with pytest.raises(ValidationFailed) as exc:
        save_product(uow, _loan(**changes), ADMIN)
    assert field in _fields(exc)
    assert all(i.message for i in exc.value.issues)
    assert list_products(uow, include_inactive=True) == []


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"method": InterestMethod.FLAT}, "method"),
        ({"tiered_rate": TieredRateRule((Decimal(3),))}, "tiered_rate"),
        ({"fees": LoanFees(Decimal(1), 0, Decimal(0), 0)}, "fees"),
        ({"max_dsr_pct": Decimal(35)}, "max_dsr_pct"),
        ({"max_amount": 0}, "max_amount"),
        ({"max_tenor_months": 61, "min_tenor_months": 61}, "max_tenor_months"),
    ],
)
def test_deposits_refuse_loan_fields(uow, changes: dict[str, object], field: str) -> None:
    deposit = SEED_BY_CODE["DEP-3"]
    with pytest.raises(ValidationFailed) as exc:
        save_product(uow, replace(deposit, **changes), ADMIN)  # type: ignore[arg-type]
    assert field in _fields(exc)


def test_savings_may_have_no_upper_limit(uow) -> None:
    saved = save_product(uow, SEED_BY_CODE["TAB"], ADMIN)
    assert saved.max_amount == 0 and saved.kind is ProductKind.SAVINGS


def test_edit_and_stale_edit(uow) -> None:
    seed_catalog_if_empty(uow)
    kpr = get_product(uow, "KPR")
    mine = save_product(uow, replace(kpr, rate_pa=Decimal("8.25")), ADMIN, original=kpr)
    assert mine.rate_pa == Decimal("8.25") and mine.version == kpr.version + 1
    colleague = Actor("Dewi Admin", OfficerRole.ADMIN)
    with pytest.raises(StaleEdit) as exc:
        save_product(uow, replace(kpr, name="KPR Baru"), colleague, original=kpr)
    assert [c.field for c in exc.value.changes] == ["rate_pa"]
    assert exc.value.changes[0].before == Decimal("8.5") and exc.value.changes[0].after == Decimal(
        "8.25"
    )
    assert exc.value.changed_by == ADMIN.name
    assert "Admin Cabang" in str(exc.value) and "Suku bunga" in str(exc.value)
    assert get_product(uow, "KPR").name == kpr.name


def test_rename_to_a_code_in_use_is_refused(uow) -> None:
    seed_catalog_if_empty(uow)
    kpr = get_product(uow, "KPR")
    with pytest.raises(ValidationFailed, match="KMK sudah dipakai"):
        save_product(uow, replace(kpr, code="kmk"), ADMIN, original=kpr)


def test_set_product_active(uow) -> None:
    seed_catalog_if_empty(uow)
    withdrawn = set_product_active(uow, "multiguna", False, ADMIN)
    assert not withdrawn.active
    assert "MULTIGUNA" not in [p.code for p in list_products(uow)]
    assert "MULTIGUNA" in [p.code for p in list_products(uow, include_inactive=True)]
    assert set_product_active(uow, "MULTIGUNA", True, ADMIN).active
    with pytest.raises(NotFound):
        set_product_active(uow, "NOPE", True, ADMIN)


# --- simulation -----------------------------------------------------------------------------
def test_kur_rate_rises_with_previous_uses() -> None:
    mikro = SEED_BY_CODE["KUR-MIKRO"]
    rates = [
        simulate_product_loan(
            mikro, 50_000_000, 24, start_date=START, previous_uses=n
        ).request.rate_pa
        for n in range(6)
    ]
    assert rates == [6, 7, 8, 9, 9, 9]
    super_mikro = SEED_BY_CODE["KUR-SM"]
    assert simulate_product_loan(super_mikro, 10_000_000, 12, previous_uses=3).request.rate_pa == 3


def test_amount_outside_the_range_names_the_product() -> None:
    mikro = SEED_BY_CODE["KUR-MIKRO"]
    for amount in (10_000_000, 100_000_001):
        with pytest.raises(ValidationFailed) as exc:
            simulate_product_loan(mikro, amount, 12)
        assert str(exc.value) == "Plafon untuk KUR Mikro antara Rp10.000.001 dan Rp100.000.000"
    assert simulate_product_loan(mikro, 10_000_001, 12).request.amount == 10_000_001


@pytest.mark.parametrize(
    ("code", "amount", "tenor", "kwargs", "field", "fragment"),
    [
        ("KUR-MIKRO", 0, 12, {}, "amount", "lebih dari Rp0"),
        ("KUR-MIKRO", -5, 12, {}, "amount", "lebih dari Rp0"),
        ("KUR-MIKRO", 50_000_000, 61, {}, "tenor_months", "antara 3 dan 60 bulan"),
        ("KUR-MIKRO", 50_000_000, 2, {}, "tenor_months", "antara 3 dan 60 bulan"),
        ("KUR-MIKRO", 50_000_000, 12, {"previous_uses": -1}, "previous_uses", "negatif"),
        (
            "KPR",
            500_000_000,
            120,
            {"method": InterestMethod.FLAT},
            "method",
            "tidak tersedia untuk KPR",
        ),
        ("KPR", 500_000_000, 120, {"method": "bogus"}, "method", "tidak dikenal"),
        ("DEP-3", 50_000_000, 3, {}, "product", "bukan kredit"),
        ("TAB", 50_000_000, 1, {}, "product", "bukan kredit"),
    ],
)
def test_bad_loan_simulations(code, amount, tenor, kwargs, field, fragment) -> None:
    with pytest.raises(ValidationFailed) as exc:
        simulate_product_loan(SEED_BY_CODE[code], amount, tenor, **kwargs)
    assert field in _fields(exc) and fragment in str(exc.value)


def test_every_bad_input_is_reported_at_once() -> None:
    with pytest.raises(ValidationFailed) as exc:
        simulate_product_loan(SEED_BY_CODE["KPR"], 5, 999, method=InterestMethod.DECLINING)
    assert _fields(exc) == {"amount", "tenor_months", "method"}


def test_product_drives_method_fees_and_rounding() -> None:
    multiguna = SEED_BY_CODE["MULTIGUNA"]
    schedule = simulate_product_loan(multiguna, 100_000_000, 24, start_date=START)
    assert (
        schedule.request.method is InterestMethod.FLAT
        and schedule.request.rounding is Rounding.UP_1000
    )
    assert all(i.installment % 1000 == 0 for i in schedule.installments[:-1])
    # provisi 1% + asuransi 1.5% + administrasi Rp500.000
    assert schedule.total_fees == 1_000_000 + 1_500_000 + 500_000
    assert schedule.net_disbursement == 100_000_000 - schedule.total_fees
    ki = SEED_BY_CODE["KI"]
    declining = simulate_product_loan(ki, 200_000_000, 24, method="declining", start_date=START)
    assert declining.request.method is InterestMethod.DECLINING
    assert simulate_product_loan(ki, 200_000_000, 24).request.method is InterestMethod.ANNUITY
    assert simulate_product_loan(ki, 200_000_000, 24).request.start_date == date.today()


@pytest.mark.parametrize(
    ("amount", "tenor", "kwargs", "field"),
    [
        (4_999_999, 3, {}, "amount"),
        (5_000_000, 6, {}, "tenor_months"),
        (0, 3, {}, "amount"),
    ],
)
def test_bad_deposit_simulations(amount, tenor, kwargs, field) -> None:
    with pytest.raises(ValidationFailed) as exc:
        simulate_product_deposit(SEED_BY_CODE["DEP-3"], amount, tenor, **kwargs)
    assert field in _fields(exc)


def test_deposit_without_aro_refuses_it_and_loans_are_not_deposits() -> None:
    no_aro = replace(SEED_BY_CODE["DEP-3"], aro_available=False)
    with pytest.raises(ValidationFailed, match="ARO"):
        simulate_product_deposit(no_aro, 10_000_000, 3, aro=True)
    with pytest.raises(ValidationFailed, match="bukan produk deposito"):
        simulate_product_deposit(SEED_BY_CODE["KPR"], 10_000_000, 3)


# --- deposit rules --------------------------------------------------------------------------
def test_deposit_rules_live_in_settings(uow) -> None:
    assert deposit_rules(uow) == DepositRules()
    bpr = DepositRules(
        tax_pct=Decimal(20),
        tax_free_threshold=7_500_000,
        lps_max_rate_pa=Decimal("6.25"),
        lps_max_balance=2_000_000_000,
    )
    save_deposit_rules(uow, bpr, ADMIN)
    assert deposit_rules(uow) == bpr
    with uow.read() as tx:
        assert tx.settings.get("deposit.lps_max_rate_pa") == "6.25"
        assert tx.settings.get("deposit.updated_by") == ADMIN.name
    dep = replace(SEED_BY_CODE["DEP-12"], rate_pa=Decimal(5))
    # 5% is above the commercial-bank LPS rate (3.75%) but within the BPR one (6.25%).
    assert simulate_product_deposit(dep, 100_000_000, 12, rules=DepositRules()).warnings
    assert not simulate_product_deposit(dep, 100_000_000, 12, rules=deposit_rules(uow)).warnings


def test_bad_deposit_rules_are_refused_and_unreadable_settings_fall_back(uow) -> None:
    with pytest.raises(ValidationFailed) as exc:
        save_deposit_rules(uow, DepositRules(tax_pct=Decimal(120), lps_max_balance=-1), ADMIN)
    assert _fields(exc) == {"tax_pct", "lps_max_balance"}
    with uow.write() as tx:
        tx.settings.set("deposit.tax_pct", "dua puluh")
        tx.settings.set("deposit.tax_free_threshold", "10000000")
    rules = deposit_rules(uow)
    assert rules.tax_pct == Decimal(20) and rules.tax_free_threshold == 10_000_000


# --- affordability --------------------------------------------------------------------------
def _client(uow, income: int, obligations: int) -> int:
    client = add_client(
        uow,
        Client(full_name="Rahmat Hidayat", monthly_income=income, monthly_obligations=obligations),
        actor="ao",
    )
    assert client.id is not None
    return client.id


def test_client_affordability_uses_income_obligations_and_product_limit(uow) -> None:
    kpr = SEED_BY_CODE["KPR"]  # DSR limit 35%
    schedule = simulate_product_loan(kpr, 300_000_000, 180, start_date=START)
    installment = schedule.max_installment
    client_id = _client(uow, income=12_000_000, obligations=1_000_000)
    result = client_affordability(uow, client_id, schedule, kpr)
    assert result is not None and result.max_dsr_pct == 35
    assert result.headroom == 12_000_000 * 35 // 100 - 1_000_000 - installment
    assert result.affordable is (result.headroom >= 0)
    no_income = _client(uow, income=0, obligations=0)
    assert client_affordability(uow, no_income, schedule, kpr) is None
    no_limit = replace(kpr, max_dsr_pct=None)
    assert (
        client_affordability(uow, client_id, schedule, no_limit).max_dsr_pct == DEFAULT_MAX_DSR_PCT
    )


def test_max_amount_for_client_fits_and_is_capped(uow) -> None:
    kpr = SEED_BY_CODE["KPR"]
    client_id = _client(uow, income=20_000_000, obligations=2_000_000)
    amount = max_amount_for_client(uow, client_id, kpr, 240)
    assert amount > 0 and amount % 100_000 == 0
    budget = 20_000_000 * 35 // 100 - 2_000_000
    assert simulate_product_loan(kpr, amount, 240).max_installment <= budget
    assert simulate_product_loan(kpr, amount + 100_000, 240).max_installment > budget
    rich = _client(uow, income=10**10, obligations=0)
    assert max_amount_for_client(uow, rich, SEED_BY_CODE["KUR-MIKRO"], 36) == 100_000_000
    poor = _client(uow, income=1_000_000, obligations=0)
    assert max_amount_for_client(uow, poor, kpr, 60) == 0
    with pytest.raises(ValidationFailed):
        max_amount_for_client(uow, client_id, kpr, 999)
    with pytest.raises(NotFound):
        max_amount_for_client(uow, 424242, kpr, 120)
