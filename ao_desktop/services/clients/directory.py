"""Use cases of the client directory: one function per user action, taking plain values
and a unit of work. Validation and duplicate rules come from the domain."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from ao_desktop.domain.clients.client import (
    EDITABLE_FIELDS,
    Client,
    ClientListItem,
    ClientNote,
    ClientProfile,
)
from ao_desktop.domain.clients.client_query import ClientQuery
from ao_desktop.domain.clients.client_rules import clean_client, errors_only
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
from ao_desktop.domain.common.officer import Officer
from ao_desktop.services.ports import Transaction, UnitOfWork

MAX_PAGE = 1000
MAX_NOTE = 4000


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


def add_client(uow: UnitOfWork, client: Client, actor: str, *, allow_duplicates: bool = False) -> Client:
    """Validate and store a new client; refuse suspected duplicates unless confirmed."""
    cleaned = _validated(client)
    with uow.write() as tx:
        _check_references(tx, cleaned)
        if not allow_duplicates:
            candidates = tx.clients.duplicate_candidates(cleaned.nik, cleaned.mobile, cleaned.birth_date)
            matches = find_duplicates(cleaned, candidates)
            if matches:
                raise DuplicateSuspected(
                    _("Nasabah ini mirip dengan {n} nasabah yang sudah ada.").format(n=len(matches)), matches
                )
        return tx.clients.add(replace(cleaned, id=None, archived=False), actor, _now())


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


def update_client(uow: UnitOfWork, original: Client, edited: Client, actor: str) -> Client:
    """Save `edited` over `original`; refused with what changed if a colleague saved first."""
    if original.id is None:
        raise NotFound(_("Nasabah belum tersimpan."))
    cleaned = _validated(replace(edited, id=original.id, version=original.version))
    with uow.write() as tx:
        _check_references(tx, cleaned)
        saved = tx.clients.update(cleaned, actor, _now())
        if saved is None:
            raise _stale(tx, original, tx.clients.get(original.id))
        return saved


def _versioned(uow: UnitOfWork, client: Client, action) -> Client:  # type: ignore[no-untyped-def]
    if client.id is None:
        raise NotFound(_("Nasabah belum tersimpan."))
    with uow.write() as tx:
        saved = action(tx)
        if saved is None:
            raise _stale(tx, client, tx.clients.get(client.id))
        return saved


def change_status(uow: UnitOfWork, client: Client, status: ClientStatus, actor: str, note: str = "") -> Client:
    """Move a client along the pipeline; the change and its date go into the history."""
    if status is client.status:
        return client
    return _versioned(uow, client, lambda tx: tx.clients.set_status(
        client.id, client.version, status, actor, _now(), note.strip()[:MAX_NOTE]))


def archive_client(uow: UnitOfWork, client: Client, actor: str) -> Client:
    """Hide a client from the directory without deleting anything."""
    return _versioned(uow, client, lambda tx: tx.clients.set_archived(
        client.id, client.version, True, actor, _now()))


def restore_client(uow: UnitOfWork, client: Client, actor: str) -> Client:
    return _versioned(uow, client, lambda tx: tx.clients.set_archived(
        client.id, client.version, False, actor, _now()))


def add_client_note(uow: UnitOfWork, client_id: int, text: str, actor: str) -> ClientNote:
    text = text.strip()
    if not text:
        raise ValidationFailed([_issue("notes", _("Catatan kosong tidak disimpan."))])
    if len(text) > MAX_NOTE:
        raise ValidationFailed([_issue("notes", _("Catatan terlalu panjang (maksimal {n} karakter).").format(n=MAX_NOTE))])
    with uow.write() as tx:
        if tx.clients.get(client_id) is None:
            raise NotFound(_("Nasabah tidak ditemukan."))
        return tx.clients.add_note(client_id, text, actor, _now())


def get_client(uow: UnitOfWork, client_id: int) -> Client:
    with uow.read() as tx:
        client = tx.clients.get(client_id)
    if client is None:
        raise NotFound(_("Nasabah dengan id {id} tidak ditemukan.").format(id=client_id))
    return client


def get_client_profile(uow: UnitOfWork, client_id: int) -> ClientProfile:
    """Everything the 360 panel shows, read in one transaction (a consistent snapshot)."""
    with uow.read() as tx:
        client = tx.clients.get(client_id)
        if client is None:
            raise NotFound(_("Nasabah dengan id {id} tidak ditemukan.").format(id=client_id))
        officer = tx.officers.get(client.officer_id) if client.officer_id else None
        referrer = tx.clients.list_item(client.referrer_id) if client.referrer_id else None
        return ClientProfile(
            client=client,
            officer_name=officer.name if officer else "",
            referrer=referrer,
            referrals=tx.clients.referrals(client_id),
            history=tx.clients.history(client_id),
            notes=tx.clients.notes(client_id),
        )


def search_clients(uow: UnitOfWork, query: ClientQuery, offset: int = 0, limit: int = 200) -> list[ClientListItem]:
    """One page of the directory, sorted and filtered in SQL."""
    limit = max(1, min(limit, MAX_PAGE))
    with uow.read() as tx:
        return tx.clients.search(query, max(0, offset), limit)


def count_clients(uow: UnitOfWork, query: ClientQuery) -> int:
    with uow.read() as tx:
        return tx.clients.count(query)


def list_officers(uow: UnitOfWork) -> list[Officer]:
    with uow.read() as tx:
        return tx.officers.list()
