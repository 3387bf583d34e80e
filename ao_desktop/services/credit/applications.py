"""Use cases of credit applications: create, edit (version-checked), move along the
status flow (moving the client's pipeline in the same transaction), list, and read one
with its ratios. Each write is one unit of work.

Who may do what is checked here: an AO works on their own applications; only a
supervisor or an admin approves or rejects (the AO does not decide on their own file).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from ao_desktop.domain.access.permissions import Action, require, require_owner
from ao_desktop.domain.common.errors import (
    FieldChange,
    FieldIssue,
    NotFound,
    StaleEdit,
    ValidationFailed,
)
from ao_desktop.domain.common.formatting import format_datetime
from ao_desktop.domain.common.i18n import _
from ao_desktop.domain.common.officer import Actor, OfficerRole
from ao_desktop.domain.credit.application import CreditApplication, check_application
from ao_desktop.domain.credit.checklist import checklist_for
from ao_desktop.domain.credit.enums import ApplicationStatus
from ao_desktop.domain.credit.five_c import FiveCWeights, grade, weight_issues, weighted_total
from ao_desktop.domain.credit.history import ApplicationListItem, StatusEntry
from ao_desktop.domain.credit.ratios import (
    DEFAULT_MAX_DSR_PCT,
    DEFAULT_PRUDENCE_PCT,
    CreditRatios,
    compute_ratios,
)
from ao_desktop.domain.credit.status_flow import StatusChange, check_move, client_status_after
from ao_desktop.domain.products.product import Product
from ao_desktop.services.access.refusals import records_refusal
from ao_desktop.services.ports import Transaction, UnitOfWork

PRUDENCE_KEY = "credit.prudence_pct"
WEIGHTS_KEY = "credit.five_c_weights"  # "25,30,15,20,10": character..condition
DEFAULT_MAX_DSR_KEY = "credit.max_dsr_pct"

_LABELS = {"product_code": _("Produk"), "amount": _("Jumlah"), "tenor_months": _("Tenor"),
           "purpose": _("Tujuan"), "purpose_description": _("Uraian tujuan"),
           "figures": _("Data keuangan"), "collateral": _("Agunan"), "five_c": _("5C"),
           "slik": _("SLIK"), "documents": _("Dokumen"), "recommendation": _("Rekomendasi"),
           "conditions": _("Syarat"), "status": _("Status")}


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


@dataclass(frozen=True)
class CreditSettings:
    prudence_pct: Decimal = DEFAULT_PRUDENCE_PCT
    max_dsr_pct: Decimal = DEFAULT_MAX_DSR_PCT  # when the product names none
    weights: FiveCWeights = FiveCWeights()


@dataclass(frozen=True)
class Assessment:
    """An application with everything computed from it, for the list, the editor and the memo."""

    application: CreditApplication
    client_name: str
    product: Product | None
    ratios: CreditRatios
    score: Decimal | None
    grade: str


def _decimal(text: str, default: Decimal) -> Decimal:
    try:
        value = Decimal(text) if text else default
    except InvalidOperation:
        return default
    return value if 0 <= value <= 100 else default


def read_settings(tx: Transaction) -> CreditSettings:
    weights = FiveCWeights()
    raw = tx.settings.get(WEIGHTS_KEY, "")
    if raw:
        try:
            candidate = FiveCWeights(*(int(p) for p in raw.split(",")))
            weights = candidate if not weight_issues(candidate) else weights
        except (TypeError, ValueError):
            pass  # a damaged setting falls back to the defaults rather than blocking the AO
    return CreditSettings(_decimal(tx.settings.get(PRUDENCE_KEY, ""), DEFAULT_PRUDENCE_PCT),
                          _decimal(tx.settings.get(DEFAULT_MAX_DSR_KEY, ""), DEFAULT_MAX_DSR_PCT),
                          weights)


def save_settings(uow: UnitOfWork, settings: CreditSettings, actor: Actor) -> None:
    """Admins only: the prudence share, the default DSR ceiling and the 5C weights."""
    require(actor, Action.MANAGE_SETTINGS, _("Hanya admin yang dapat mengubah pengaturan analisa kredit."))
    issues = weight_issues(settings.weights)
    for name, value in (("prudence_pct", settings.prudence_pct), ("max_dsr_pct", settings.max_dsr_pct)):
        if not 0 < value <= 100:
            issues.append(FieldIssue(name, _("Persentase harus di atas 0% dan paling besar 100%.")))
    if issues:
        raise ValidationFailed(issues)
    w = settings.weights
    with uow.write() as tx:
        tx.settings.change({
            PRUDENCE_KEY: str(settings.prudence_pct), DEFAULT_MAX_DSR_KEY: str(settings.max_dsr_pct),
            WEIGHTS_KEY: ",".join(str(v) for v in (w.character, w.capacity, w.capital, w.collateral, w.condition)),
        }, actor.name, datetime.now().replace(microsecond=0))


def assess(app: CreditApplication, product: Product | None, settings: CreditSettings,
           client_name: str = "", portfolio_installments: int = 0) -> Assessment:
    """`portfolio_installments`: the client's running loans in this bank's portfolio
    (portfolio_installments_of), counted with the other instalments in RPC and DSR."""
    ceiling = product.max_dsr_pct if product and product.max_dsr_pct is not None else settings.max_dsr_pct
    ratios = compute_ratios(app.figures, app.installment, app.slik.installments,
                            settings.prudence_pct, ceiling, portfolio_installments)
    total = weighted_total(app.five_c, settings.weights)
    return Assessment(app, client_name, product, ratios, total, grade(total))


def _check_allowed(actor: Actor, officer_id: int) -> None:
    require_owner(actor, officer_id, _("AO hanya dapat mengelola pengajuannya sendiri."))


def _product(tx: Transaction, code: str) -> Product:
    product = tx.products.get_by_code(code.strip())
    if product is None:
        raise ValidationFailed([FieldIssue("product_code", _("Produk {code} tidak ditemukan.").format(code=code))])
    return product


def _checked(tx: Transaction, app: CreditApplication, today: date) -> CreditApplication:
    if tx.clients.get(app.client_id) is None:
        raise ValidationFailed([FieldIssue("client_id", _("Nasabah dengan id {i} tidak ditemukan.")
                                           .format(i=app.client_id))])
    if tx.officers.get(app.officer_id) is None:
        raise ValidationFailed([FieldIssue("officer_id", _("AO dengan id {i} tidak ditemukan.")
                                           .format(i=app.officer_id))])
    product = _product(tx, app.product_code)
    app = check_application(app, product, today)
    return replace(app, documents=checklist_for(product.required_documents, app.documents))


@records_refusal
def create_application(uow: UnitOfWork, app: CreditApplication, actor: Actor) -> CreditApplication:
    """A new draft; its instalment comes from the product's simulator, its checklist from
    the product's required documents."""
    _check_allowed(actor, app.officer_id)
    with uow.write() as tx:
        app = _checked(tx, replace(app, status=ApplicationStatus.DRAFT, rejection_reason="",
                                   disbursed_on=None), date.today())
        return tx.applications.add(app, actor.name, _now())


def _stale(tx: Transaction, original: CreditApplication) -> StaleEdit:
    assert original.id is not None
    current = tx.applications.get(original.id)
    if current is None:
        return StaleEdit(_("Pengajuan ini sudah tidak ada di database."), [], None)
    changes = [FieldChange(f, label, getattr(original, f), getattr(current, f))
               for f, label in _LABELS.items() if getattr(original, f) != getattr(current, f)]
    fields = ", ".join(c.label for c in changes) or _("tidak ada isian yang terlihat")
    return StaleEdit(_(
        "Pengajuan ini sudah diubah oleh {who} pada {when} sejak Anda membukanya (bagian yang "
        "berubah: {fields}). Perubahan Anda tidak disimpan; muat ulang lalu ulangi.").format(
        who=current.updated_by or _("rekan lain"), when=format_datetime(current.updated_at),
        fields=fields), changes, current.updated_by)


@records_refusal
def update_application(uow: UnitOfWork, app: CreditApplication, actor: Actor) -> CreditApplication:
    """Save the AO's edits; refused when a colleague saved first, or when the
    application is decided (disetujui, ditolak, dicairkan: the approver saw it as it was)."""
    if app.id is None:
        raise NotFound(_("Pengajuan belum tersimpan."))
    _check_allowed(actor, app.officer_id)
    with uow.write() as tx:
        stored = tx.applications.get(app.id)
        if stored is None:
            raise NotFound(_("Pengajuan dengan id {id} tidak ditemukan.").format(id=app.id))
        if stored.version != app.version:
            raise _stale(tx, app)
        if stored.status not in (ApplicationStatus.DRAFT, ApplicationStatus.SUBMITTED):
            raise ValidationFailed([FieldIssue("status", _(
                "Pengajuan yang sudah diputus tidak dapat diubah."))])
        saved = tx.applications.update(_checked(tx, app, date.today()), actor.name, _now())
        if saved is None:
            raise _stale(tx, app)
        return saved


@records_refusal
def change_status(uow: UnitOfWork, application_id: int, version: int, change: StatusChange,
                  actor: Actor, today: date | None = None) -> CreditApplication:
    """Move the application; the client's pipeline status (and, on a refusal, their
    refusal reason) change in the same transaction."""
    today = today or date.today()
    with uow.write() as tx:
        app = tx.applications.get(application_id)
        if app is None:
            raise NotFound(_("Pengajuan dengan id {id} tidak ditemukan.").format(id=application_id))
        _check_allowed(actor, app.officer_id)
        if change.to in (ApplicationStatus.APPROVED, ApplicationStatus.REJECTED):
            require(actor, Action.DECIDE_APPLICATIONS)
        if app.version != version:
            raise _stale(tx, replace(app, version=version))
        change = check_move(app.status, change, today)
        now = _now()
        saved = tx.applications.set_status(app, change.to, change.reason, change.on, actor.name, now)
        if saved is None:
            raise _stale(tx, replace(app, version=version))
        _move_client(tx, app.client_id, change, actor.name, now)
        return saved


def _move_client(tx: Transaction, client_id: int, change: StatusChange, actor: str, now: datetime) -> None:
    client = tx.clients.get(client_id)
    if client is None:
        return
    target = client_status_after(client.status, change.to)
    if target is None:
        return
    if change.reason:
        client = tx.clients.update(replace(client, refusal_reason=change.reason), actor, now) or client
    note = _("Pengajuan kredit: {s}").format(s=change.to.value)
    if tx.clients.set_status(client.id, client.version, target, actor, now, note) is None:
        raise StaleEdit(_("Data nasabah sedang diubah rekan lain; status pengajuan tidak disimpan."), [], None)


def get_assessment(uow: UnitOfWork, application_id: int) -> Assessment:
    with uow.read() as tx:
        app = tx.applications.get(application_id)
        if app is None:
            raise NotFound(_("Pengajuan dengan id {id} tidak ditemukan.").format(id=application_id))
        client = tx.clients.get(app.client_id)
        return assess(app, tx.products.get_by_code(app.product_code), read_settings(tx),
                      client.full_name if client else "", _running(tx, app))


def list_assessments(uow: UnitOfWork, officer_id: int | None = None,
                     status: ApplicationStatus | None = None,
                     client_id: int | None = None, actor: Actor | None = None) -> list[Assessment]:
    """Newest first. An AO (`actor`) sees only their own applications whatever the
    filter asks; a supervisor or admin sees the branch."""
    if actor is not None:
        require(actor, Action.VIEW_PERSONAL_DATA)  # not marketing: incomes and loans
    if actor is not None and actor.role is OfficerRole.AO and actor.officer_id is not None:
        officer_id = actor.officer_id
    with uow.read() as tx:
        settings = read_settings(tx)
        products = {p.code: p for p in tx.products.list(include_inactive=True)}
        items: list[ApplicationListItem] = tx.applications.list(officer_id, status, client_id)
        return [assess(i.application, products.get(i.application.product_code), settings, i.client_name,
                       _running(tx, i.application)) for i in items]


def _running(tx: Transaction, app: CreditApplication) -> int:
    """The client's instalments on running loans in the portfolio; a disbursed
    application's own account is not counted against it."""
    return tx.portfolio.active_installments(app.client_id, app.id)


def portfolio_installments_of(uow: UnitOfWork, client_id: int, application_id: int | None = None) -> int:
    """What the editor counts as the client's running instalments at this bank."""
    with uow.read() as tx:
        return tx.portfolio.active_installments(client_id, application_id)


def pipeline_counts(uow: UnitOfWork, officer_id: int | None = None) -> dict[ApplicationStatus, int]:
    with uow.read() as tx:
        return tx.applications.status_counts(officer_id)


def status_history(uow: UnitOfWork, application_id: int) -> list[StatusEntry]:
    with uow.read() as tx:
        return tx.applications.history(application_id)


def credit_settings(uow: UnitOfWork) -> CreditSettings:
    with uow.read() as tx:
        return read_settings(tx)


def loan_products(uow: UnitOfWork) -> list[Product]:
    """The active loan products an application may name."""
    with uow.read() as tx:
        return [p for p in tx.products.list() if p.is_loan and p.method is not None]
