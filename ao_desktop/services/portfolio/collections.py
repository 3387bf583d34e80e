"""The collections worklist and its one-click actions: who to contact or visit today,
riskiest first (days past due, broken promises, arrears); a WhatsApp reminder from the
calendar's templates; a collection visit scheduled as a calendar activity; and the
promises to pay of those clients tracked against the extracts (kept, broken, open).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta

from ao_desktop.domain.calendar.activity import Activity
from ao_desktop.domain.calendar.enums import ActivityPurpose, ActivityType
from ao_desktop.domain.calendar.message_templates import fill_template
from ao_desktop.domain.common.errors import NotFound, PermissionDenied
from ao_desktop.domain.common.formatting import format_rupiah
from ao_desktop.domain.common.i18n import _
from ao_desktop.domain.common.officer import Actor, OfficerRole
from ao_desktop.domain.portfolio.collections import (
    REMIND_DAYS_BEFORE_DUE,
    Promise,
    PromiseState,
    TrackedPromise,
    WorkItem,
    judge_promise,
    risk_order,
)
from ao_desktop.services.calendar.activities import schedule_activity
from ao_desktop.services.calendar.contact import (
    ContactStarted,
    list_templates,
    message_values,
    start_contact,
)
from ao_desktop.services.portfolio.summary import visible_officer
from ao_desktop.services.ports import Transaction, UnitOfWork

REMINDER_TEMPLATE = "arrears_reminder"


def _date(value: object) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def tracked_promises(tx: Transaction, client_ids: set[int]) -> dict[int, list[TrackedPromise]]:
    """Client id -> their promises to pay, each judged against the extracts."""
    if not client_ids:
        return {}
    dates = [e.as_of for e in tx.portfolio.extracts()]
    history = tx.portfolio.arrears_history(client_ids)
    out: dict[int, list[TrackedPromise]] = defaultdict(list)
    for activity_id, client_id, starts_at, promise_date, amount in tx.portfolio.promises(client_ids):
        made = _date(starts_at)
        due = _date(promise_date)
        if made is None or due is None:
            continue
        arrears = {d: history.get(client_id, {}).get(d, 0) for d in dates}
        out[client_id].append(judge_promise(Promise(activity_id, client_id, made, due, int(amount)), arrears))
    return out


def worklist(uow: UnitOfWork, officer_id: int | None = None, today: date | None = None,
             actor: Actor | None = None, limit: int = 1000) -> list[WorkItem]:
    """The newest extract's accounts in arrears (and those due within a few days), riskiest first."""
    today = today or date.today()
    officer_id = visible_officer(actor, officer_id)
    with uow.read() as tx:
        extract = tx.portfolio.extract_on_or_before(None)
        if extract is None or extract.id is None:
            return []
        rows = tx.portfolio.worklist_rows(extract.id, officer_id, today,
                                          today + timedelta(days=REMIND_DAYS_BEFORE_DUE), limit)
        promises = tracked_promises(tx, {r.client_id for r in rows if r.client_id is not None})
    items: list[WorkItem] = []
    for r in rows:
        mine = promises.get(r.client_id, []) if r.client_id is not None else []
        broken = sum(1 for p in mine if p.state is PromiseState.BROKEN)
        open_dates = [p.promise.promise_date for p in mine if p.state is PromiseState.OPEN]
        items.append(WorkItem(
            r.id, r.account_no, r.client_id, r.name, r.officer_id, r.officer_name, r.mobile,
            r.outstanding, r.arrears_principal, r.arrears_interest, r.days_past_due, r.collectibility,
            _date(r.next_due), broken, max(open_dates) if open_dates else None, int(r.last_letter or 0)))
    return sorted(items, key=risk_order)


def client_promises(uow: UnitOfWork, client_id: int) -> list[TrackedPromise]:
    with uow.read() as tx:
        return tracked_promises(tx, {client_id}).get(client_id, [])


def _account_client(uow: UnitOfWork, account_id: int, actor: Actor):  # type: ignore[no-untyped-def]
    with uow.read() as tx:
        item = tx.portfolio.account(account_id)
        client = tx.clients.get(item.account.client_id) if item and item.account.client_id else None
    if item is None:
        raise NotFound(_("Rekening dengan id {i} tidak ditemukan.").format(i=account_id))
    if client is None:
        raise NotFound(_("Rekening {a} belum cocok dengan nasabah mana pun (NIK/CIF); cocokkan "
                         "dulu data nasabahnya.").format(a=item.account.account_no))
    a = item.account
    if (actor.role is OfficerRole.AO and actor.officer_id is not None and a.officer_id is not None
            and a.officer_id != actor.officer_id):
        raise PermissionDenied(_("AO hanya dapat menagih rekening portofolionya sendiri."))
    return item, client


def reminder_text(uow: UnitOfWork, account_id: int, actor: Actor) -> str:
    """The arrears reminder filled for this account's client."""
    item, client = _account_client(uow, account_id, actor)
    a = item.account
    template = next(t for t in list_templates(uow) if t.key == REMINDER_TEMPLATE)
    values = message_values(uow, client, a.officer_id or actor.officer_id)
    values["jumlah"] = format_rupiah(a.arrears) if a.arrears else _("angsuran bulan ini")
    due = a.next_due
    values["tanggal"] = due.strftime("%d/%m/%Y") if due else _("bulan ini")
    return fill_template(template.text, values)


def send_reminder(uow: UnitOfWork, account_id: int, actor: Actor) -> ContactStarted:
    """The WhatsApp link with the reminder, and the collection contact logged for it."""
    item, client = _account_client(uow, account_id, actor)
    text = reminder_text(uow, account_id, actor)
    return start_contact(uow, client.id, ActivityType.WHATSAPP, actor,
                         officer_id=item.account.officer_id or actor.officer_id, text=text,
                         purpose=ActivityPurpose.COLLECTION)


def schedule_collection_visit(uow: UnitOfWork, account_id: int, starts_at: datetime, actor: Actor,
                              note: str = "") -> Activity:
    """A planned collection visit (kunjungan penagihan) at the client's address."""
    item, client = _account_client(uow, account_id, actor)
    a = item.account
    officer = a.officer_id or actor.officer_id or client.officer_id
    if officer is None:
        raise NotFound(_("Rekening {a} belum punya AO; tetapkan Kode AO-nya dulu.").format(a=a.account_no))
    outcome = note or _("Penagihan rekening {a}: tunggakan {t}, {d} hari.").format(
        a=a.account_no, t=format_rupiah(a.arrears), d=a.days_past_due)
    return schedule_activity(uow, Activity(client.id, officer, ActivityType.VISIT, ActivityPurpose.COLLECTION,
                                           starts_at, 45, outcome=outcome), actor)
