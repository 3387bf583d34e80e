"""Use cases of the client directory: one function per user action, taking plain values
and a unit of work. Validation and duplicate rules come from the domain."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from ao_desktop.domain.access.permissions import (
    Action,
    masks_personal_data,
    require,
    require_owner,
    require_reader,
    sees_only_own,
)
from ao_desktop.domain.clients.client import (
    EDITABLE_FIELDS,
    Client,
    ClientListItem,
    ClientNote,
    ClientProfile,
)
from ao_desktop.domain.clients.client_query import ClientQuery
from ao_desktop.domain.clients.client_rules import clean_client, errors_only
from ao_desktop.domain.clients.consent import settle_consent
from ao_desktop.domain.clients.duplicates import DuplicateMatch, find_duplicates
from ao_desktop.domain.clients.enums import ClientStatus
from ao_desktop.domain.clients.labels import FIELD_LABELS
from ao_desktop.domain.common.errors import (
    DuplicateSuspected,
    FieldChange,
    FieldIssue,
    NotFound,
    StaleEdit,
    ValidationFailed,
)
from ao_desktop.domain.common.formatting import format_datetime
from ao_desktop.domain.common.i18n import _
from ao_desktop.domain.common.masking import mask_nik, mask_phone
from ao_desktop.domain.common.officer import Actor, Officer
from ao_desktop.services.access.refusals import records_refusal
from ao_desktop.services.ports import Transaction, UnitOfWork

MAX_PAGE = 1000
MAX_NOTE = 4000
NOT_YOURS = "AO hanya dapat membuka dan mengubah nasabahnya sendiri."


def _name(actor: Actor | str) -> str:
    return actor.name if isinstance(actor, Actor) else actor


def _check_write(actor: Actor | str, *officer_ids: int | None) -> None:
    """A signed-in officer changes their own clients (an AO) or the branch's; a bare name
    is the app's own work on behalf of a check already made (credit moving a pipeline)."""
    if isinstance(actor, str):
        return
    for officer_id in officer_ids or (None,):
        require_owner(actor, officer_id, _(NOT_YOURS))


def _stored_officer(tx: Transaction, client_id: int | None) -> int | None:
    stored = tx.clients.get(client_id) if client_id is not None else None
    if client_id is not None and stored is None:
        raise NotFound(_("Nasabah dengan id {id} tidak ditemukan.").format(id=client_id))
    return stored.officer_id if stored else None


def masked_item(item: ClientListItem) -> ClientListItem:
    return replace(item, nik=mask_nik(item.nik), mobile=mask_phone(item.mobile))


def masked_client(client: Client) -> Client:
    return replace(client, nik=mask_nik(client.nik), mobile=mask_phone(client.mobile),
                   landline=mask_phone(client.landline), npwp=mask_nik(client.npwp))


def scoped_query(query: ClientQuery, actor: Actor | None) -> ClientQuery:
    """What a role may list: an AO their own clients, whatever the query asks; marketing
    the pipeline, but not found by NIK or phone (that would reveal whose number it is)."""
    if actor is None:
        return query
    require(actor, Action.VIEW_PIPELINE)
    if sees_only_own(actor):
        return replace(query, officer_id=actor.officer_id)
    if masks_personal_data(actor) and sum(ch.isdigit() for ch in query.text) >= 6:
        from ao_desktop.domain.common.errors import PermissionDenied

        raise PermissionDenied(_("Peran marketing tidak dapat mencari nasabah dengan NIK atau nomor HP."))
    return query


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


def _validated(client: Client) -> Client:
    cleaned, issues = clean_client(client)
    if errors_only(issues):
        raise ValidationFailed(issues)
    return cleaned


def _check_references(tx: Transaction, client: Client) -> None:
    if client.referrer_id is not None and tx.clients.get(client.referrer_id) is None:
        raise ValidationFailed([_issue("referrer_id", _("Nasabah yang mereferensikan tidak ditemukan."))])
    if client.officer_id is not None and tx.officers.get(client.officer_id) is None:
        raise ValidationFailed([_issue("officer_id", _("AO yang dipilih tidak ditemukan."))])


def _issue(field: str, message: str) -> FieldIssue:
    return FieldIssue(field, message, True)


def check_duplicates(uow: UnitOfWork, client: Client) -> list[DuplicateMatch]:
    """Stored clients that look like `client` (same NIK, same mobile, similar name + birth date)."""
    cleaned, _issues = clean_client(client)
    with uow.read() as tx:
        candidates = tx.clients.duplicate_candidates(cleaned.nik, cleaned.mobile, cleaned.birth_date)
    return find_duplicates(cleaned, candidates)


@records_refusal
def add_client(uow: UnitOfWork, client: Client, actor: Actor | str, *, allow_duplicates: bool = False) -> Client:
    """Validate and store a new client; refuse suspected duplicates unless confirmed."""
    cleaned = settle_consent(None, _validated(client), _now().date())
    if isinstance(actor, Actor) and sees_only_own(actor) and cleaned.officer_id is None:
        cleaned = replace(cleaned, officer_id=actor.officer_id)  # an AO's new client is theirs
    _check_write(actor, cleaned.officer_id)
    with uow.write() as tx:
        _check_references(tx, cleaned)
        if not allow_duplicates:
            candidates = tx.clients.duplicate_candidates(cleaned.nik, cleaned.mobile, cleaned.birth_date)
            matches = find_duplicates(cleaned, candidates)
            if matches:
                raise DuplicateSuspected(
                    _("Nasabah ini mirip dengan {n} nasabah yang sudah ada.").format(n=len(matches)), matches
                )
        return tx.clients.add(replace(cleaned, id=None, archived=False), _name(actor), _now())


def _stale(tx: Transaction, original: Client, current: Client | None) -> StaleEdit:
    if current is None:
        return StaleEdit(_("Nasabah ini sudah tidak ada di database."), [], None)
    changes = [
        FieldChange(f, FIELD_LABELS.get(f, f), getattr(original, f), getattr(current, f))
        for f in EDITABLE_FIELDS + ("status", "archived")
        if getattr(original, f) != getattr(current, f)
    ]
    who = current.updated_by or _("rekan lain")
    when = format_datetime(current.updated_at) if current.updated_at else ""
    fields = ", ".join(c.label for c in changes) or _("status/arsip")
    return StaleEdit(
        _("Data nasabah ini sudah diubah oleh {who} pada {when} sejak Anda membukanya "
          "(bagian yang berubah: {fields}). Perubahan Anda tidak disimpan; muat ulang lalu ulangi."
          ).format(who=who, when=when, fields=fields),
        changes,
        current.updated_by,
    )


@records_refusal
def update_client(uow: UnitOfWork, original: Client, edited: Client, actor: Actor | str) -> Client:
    """Save `edited` over `original`; refused with what changed if a colleague saved first."""
    if original.id is None:
        raise NotFound(_("Nasabah belum tersimpan."))
    cleaned = _validated(replace(edited, id=original.id, version=original.version))
    with uow.write() as tx:
        _check_write(actor, _stored_officer(tx, original.id), cleaned.officer_id)
        _check_references(tx, cleaned)
        # Against the stored client: a withdrawal is recorded even over a stale form.
        cleaned = settle_consent(tx.clients.get(original.id) or original, cleaned, _now().date())
        saved = tx.clients.update(cleaned, _name(actor), _now())
        if saved is None:
            raise _stale(tx, original, tx.clients.get(original.id))
        return saved


def _versioned(uow: UnitOfWork, client: Client, action, actor: Actor | str) -> Client:  # type: ignore[no-untyped-def]
    if client.id is None:
        raise NotFound(_("Nasabah belum tersimpan."))
    with uow.write() as tx:
        _check_write(actor, _stored_officer(tx, client.id))
        saved = action(tx)
        if saved is None:
            raise _stale(tx, client, tx.clients.get(client.id))
        return saved


@records_refusal
def change_status(uow: UnitOfWork, client: Client, status: ClientStatus, actor: Actor | str,
                  note: str = "") -> Client:
    """Move a client along the pipeline; the change and its date go into the history."""
    if status is client.status:
        return client
    return _versioned(uow, client, lambda tx: tx.clients.set_status(
        client.id, client.version, status, _name(actor), _now(), note.strip()[:MAX_NOTE]), actor)


@records_refusal
def archive_client(uow: UnitOfWork, client: Client, actor: Actor | str) -> Client:
    """Hide a client from the directory without deleting anything."""
    return _versioned(uow, client, lambda tx: tx.clients.set_archived(
        client.id, client.version, True, _name(actor), _now()), actor)


@records_refusal
def restore_client(uow: UnitOfWork, client: Client, actor: Actor | str) -> Client:
    return _versioned(uow, client, lambda tx: tx.clients.set_archived(
        client.id, client.version, False, _name(actor), _now()), actor)


@records_refusal
def add_client_note(uow: UnitOfWork, client_id: int, text: str, actor: Actor | str) -> ClientNote:
    text = text.strip()
    if not text:
        raise ValidationFailed([_issue("notes", _("Catatan kosong tidak disimpan."))])
    if len(text) > MAX_NOTE:
        raise ValidationFailed([_issue("notes", _("Catatan terlalu panjang (maksimal {n} karakter).").format(n=MAX_NOTE))])
    with uow.write() as tx:
        if tx.clients.get(client_id) is None:
            raise NotFound(_("Nasabah tidak ditemukan."))
        _check_write(actor, _stored_officer(tx, client_id))
        return tx.clients.add_note(client_id, text, _name(actor), _now())


def _readable(client: Client | None, client_id: int, actor: Actor | None) -> Client:
    if client is None:
        raise NotFound(_("Nasabah dengan id {id} tidak ditemukan.").format(id=client_id))
    if actor is None:
        return client
    if masks_personal_data(actor):
        require(actor, Action.VIEW_PIPELINE)
        return masked_client(client)
    require_reader(actor, client.officer_id, _(NOT_YOURS))
    return client


@records_refusal
def get_client(uow: UnitOfWork, client_id: int, actor: Actor | None = None) -> Client:
    """One client; an AO only their own, marketing with NIK and phones masked."""
    with uow.read() as tx:
        client = tx.clients.get(client_id)
    return _readable(client, client_id, actor)


@records_refusal
def get_client_profile(uow: UnitOfWork, client_id: int, actor: Actor | None = None) -> ClientProfile:
    """Everything the 360 panel shows, read in one transaction (a consistent snapshot)."""
    with uow.read() as tx:
        client = _readable(tx.clients.get(client_id), client_id, actor)
        officer = tx.officers.get(client.officer_id) if client.officer_id else None
        referrer = tx.clients.list_item(client.referrer_id) if client.referrer_id else None
        referrals = tx.clients.referrals(client_id)
        if masks_personal_data(actor):
            referrer = masked_item(referrer) if referrer else None
            referrals = [masked_item(r) for r in referrals]
        return ClientProfile(
            client=client,
            officer_name=officer.name if officer else "",
            referrer=referrer,
            referrals=referrals,
            history=tx.clients.history(client_id),
            notes=tx.clients.notes(client_id),
        )


def search_clients(uow: UnitOfWork, query: ClientQuery, offset: int = 0, limit: int = 200,
                   actor: Actor | None = None) -> list[ClientListItem]:
    """One page of the directory, sorted and filtered in SQL, as the actor's role sees it."""
    limit = max(1, min(limit, MAX_PAGE))
    query = scoped_query(query, actor)
    with uow.read() as tx:
        items = tx.clients.search(query, max(0, offset), limit)
    return [masked_item(i) for i in items] if masks_personal_data(actor) else items


def count_clients(uow: UnitOfWork, query: ClientQuery, actor: Actor | None = None) -> int:
    query = scoped_query(query, actor)
    with uow.read() as tx:
        return tx.clients.count(query)


def list_officers(uow: UnitOfWork) -> list[Officer]:
    with uow.read() as tx:
        return tx.officers.list()
