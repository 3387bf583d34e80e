"""SqlClientRepository: clients, their status history and notes.

Writes are version-checked UPDATEs (`WHERE id = ? AND version = ?`): a row a colleague
changed since it was loaded is not overwritten; the caller gets None and explains.
Directory queries are Core selects returning small tuples, sorted, filtered and paged
in SQL.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    Select,
    and_,
    false,
    func,
    or_,
    select,
    true,
    update,
)
from sqlalchemy.orm import Session

from ao_desktop.domain.clients.client import (
    EDITABLE_FIELDS,
    Address,
    Client,
    ClientListItem,
    ClientNote,
    StatusChange,
)
from ao_desktop.domain.clients.client_query import ClientQuery, ClientSort
from ao_desktop.domain.clients.enums import ClientStatus
from ao_desktop.domain.clients.names import name_search_key
from ao_desktop.storage import dialect
from ao_desktop.storage.audit_repository import audit_entry
from ao_desktop.storage.audit_values import jsonable
from ao_desktop.storage.clients import search_index
from ao_desktop.storage.clients.client_bulk import insert_clients
from ao_desktop.storage.clients.client_mapping import (
    client_values,
    row_to_client,
    tuple_to_list_item,
)
from ao_desktop.storage.models import (
    ClientNoteRow,
    ClientRow,
    ClientStatusRow,
    OfficerRow,
)

_EMPTY = (None, "", (), [])  # a new record's unset fields: left out of its audit entry

C = ClientRow.__table__
OFF = OfficerRow.__table__

_LIST_COLUMNS = (
    C.c.id, C.c.full_name, C.c.business_name, C.c.nik, C.c.mobile, C.c.city, C.c.status,
    C.c.lead_source, OFF.c.name.label("officer_name"), C.c.monthly_income, C.c.updated_at,
    C.c.archived,
)
_IDENTITY_COLUMNS = (
    C.c.id, C.c.version, C.c.full_name, C.c.business_name, C.c.nik, C.c.mobile, C.c.birth_date,
    C.c.city, C.c.archived,
)
_IN_CHUNK = 5000  # values per IN (...): under the 32,766 variables of SQLite >= 3.32
_SORT_COLUMNS = {
    ClientSort.NAME: C.c.name_key,
    ClientSort.NIK: C.c.nik,
    ClientSort.MOBILE: C.c.mobile,
    ClientSort.CITY: C.c.city,
    ClientSort.STATUS: C.c.status,
    ClientSort.SOURCE: C.c.lead_source,
    ClientSort.OFFICER: OFF.c.name,
    ClientSort.INCOME: C.c.monthly_income,
    ClientSort.UPDATED: C.c.updated_at,
}


class SqlClientRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    # --- reading one client -------------------------------------------------------------
    def get(self, client_id: int) -> Client | None:
        row = self.session.get(ClientRow, client_id, populate_existing=True)
        return row_to_client(row) if row else None

    def list_item(self, client_id: int) -> ClientListItem | None:
        stmt = select(*_LIST_COLUMNS).select_from(C.outerjoin(OFF, C.c.officer_id == OFF.c.id)).where(C.c.id == client_id)
        r = self.session.execute(stmt).first()
        return tuple_to_list_item(r) if r else None

    def history(self, client_id: int) -> list[StatusChange]:
        rows = self.session.scalars(
            select(ClientStatusRow).where(ClientStatusRow.client_id == client_id)
            .order_by(ClientStatusRow.changed_at, ClientStatusRow.id)
        )
        return [StatusChange(ClientStatus(r.status), r.changed_at, r.changed_by, r.note) for r in rows]

    def notes(self, client_id: int) -> list[ClientNote]:
        rows = self.session.scalars(
            select(ClientNoteRow).where(ClientNoteRow.client_id == client_id)
            .order_by(ClientNoteRow.created_at.desc(), ClientNoteRow.id.desc())
        )
        return [ClientNote(r.text, r.created_at, r.author, r.id) for r in rows]

    def referrals(self, client_id: int) -> list[ClientListItem]:
        stmt = (
            select(*_LIST_COLUMNS).select_from(C.outerjoin(OFF, C.c.officer_id == OFF.c.id))
            .where(C.c.referrer_id == client_id).order_by(C.c.name_key).limit(500)
        )
        return [tuple_to_list_item(r) for r in self.session.execute(stmt)]

    def last_change(self, client_id: int) -> tuple[str, datetime] | None:
        r = self.session.execute(select(C.c.updated_by, C.c.updated_at).where(C.c.id == client_id)).first()
        return (r.updated_by, r.updated_at) if r else None

    def duplicate_candidates(self, nik: str, mobile: str, birth_date: date | None) -> list[Client]:
        conditions = []
        if nik:
            conditions.append(ClientRow.nik == nik)
        if mobile:
            conditions.append(ClientRow.mobile == mobile)
        if birth_date:
            conditions.append(ClientRow.birth_date == birth_date)
        if not conditions:
            return []
        rows = self.session.scalars(select(ClientRow).where(or_(*conditions)).limit(200))
        return [row_to_client(r) for r in rows]

    def identity_candidates(self, niks: Collection[str], mobiles: Collection[str],
                            birth_dates: Collection[date]) -> list[Client]:
        """Stored clients sharing a NIK, a mobile or a birth date with any of the given
        (the import's duplicate check, one query per chunk instead of one per row). Only
        the identity fields are filled: id, version, names, NIK, mobile, birth date, city;
        read the whole client with get() before changing it."""
        found: dict[int, Client] = {}
        for key_column, values in ((C.c.nik, niks), (C.c.mobile, mobiles), (C.c.birth_date, birth_dates)):
            items = sorted(v for v in set(values) if v)
            for start in range(0, len(items), _IN_CHUNK):
                stmt = select(*_IDENTITY_COLUMNS).where(key_column.in_(items[start : start + _IN_CHUNK]))
                for r in self.session.execute(stmt):
                    if r.id not in found:
                        found[r.id] = Client(
                            id=r.id, version=r.version, full_name=r.full_name,
                            business_name=r.business_name, nik=r.nik, mobile=r.mobile,
                            birth_date=r.birth_date, address=Address(city=r.city),
                            archived=bool(r.archived),
                        )
        return list(found.values())

    def change_marker(self) -> tuple[object, ...]:
        """Changes whenever a client is added or saved (count, last id, last change time):
        lets an import skip its second duplicate check when nobody wrote in between."""
        row = self.session.execute(select(func.count(), func.max(C.c.id), func.max(C.c.updated_at))).one()
        return tuple(row)

    def export_rows(self, query: ClientQuery, batch: int = 2000) -> Iterator[tuple[Client, str]]:
        """Every client the query finds, whole, with the AO's name, in the directory's
        order, within the caller's transaction (see export_ids/export_batch for a long
        export that must not hold one read for its whole length)."""
        ids = self.export_ids(query)
        for start in range(0, len(ids), batch):
            yield from self.export_batch(ids[start:start + batch])

    def export_ids(self, query: ClientQuery) -> list[int]:
        """The ids the query finds, in the directory's order: one short read, a few
        megabytes even for a million clients."""
        stmt = self._filtered(query, (C.c.id,)).order_by(*self._order(query))
        return list(self.session.scalars(stmt))

    def export_batch(self, ids: Sequence[int]) -> list[tuple[Client, str]]:
        """The clients with these ids, whole, with the AO's name, in the order given; an id
        deleted meanwhile is left out."""
        # Core rows (not ORM objects): row_to_client reads them by column name, and a
        # tuple per client is several times cheaper than a tracked object.
        stmt = (select(*C.c, OFF.c.name.label("officer_name"))
                .select_from(C.outerjoin(OFF, C.c.officer_id == OFF.c.id))
                .where(C.c.id.in_(list(ids))))
        found = {row.id: (row_to_client(row), row.officer_name or "") for row in self.session.execute(stmt)}
        return [found[i] for i in ids if i in found]

    def add_many(self, clients: Sequence[Client], actor: str, now: datetime,
                 details: dict[str, object] | None = None,
                 on_batch: Callable[[int], None] | None = None, *, audit: bool = True) -> list[int]:
        """Insert validated new clients in bulk (client_bulk.py); returns their ids."""
        return insert_clients(self.session, clients, actor, now, details, on_batch, audit=audit)

    # --- writing ------------------------------------------------------------------------
    def _audit(self, row_id: int, action: str, actor: str, now: datetime, details: dict[str, Any]) -> None:
        audit_entry(self.session, "clients", row_id, action, actor, now, details)

    def add(self, client: Client, actor: str, now: datetime) -> Client:
        values = client_values(client)
        row = ClientRow(**values, status=client.status.value, archived=False, version=1,
                        created_at=now, updated_at=now, updated_by=actor)
        self.session.add(row)
        self.session.flush()
        self.session.add(ClientStatusRow(client_id=row.id, status=row.status, changed_at=now,
                                         changed_by=actor, note=""))
        self._audit(row.id, "create", actor, now, {f: [None, jsonable(getattr(client, f))] for f in EDITABLE_FIELDS
                                                   if getattr(client, f) not in _EMPTY})
        return replace(client, id=row.id, version=1, archived=False, created_at=now,
                       updated_at=now, updated_by=actor)

    def _versioned_update(self, client_id: int, version: int, values: dict[str, Any],
                          actor: str, now: datetime) -> bool:
        result = self.session.execute(
            update(ClientRow)
            .where(ClientRow.id == client_id, ClientRow.version == version)
            .values(**values, version=ClientRow.version + 1, updated_at=now, updated_by=actor)
            .execution_options(synchronize_session=False)
        )
        return result.rowcount == 1

    def update(self, client: Client, actor: str, now: datetime) -> Client | None:
        assert client.id is not None
        before = self.get(client.id)
        if before is None or before.version != client.version:
            return None
        if not self._versioned_update(client.id, client.version, client_values(client), actor, now):
            return None
        changed = {f: [jsonable(getattr(before, f)), jsonable(getattr(client, f))]
                   for f in EDITABLE_FIELDS if getattr(before, f) != getattr(client, f)}
        self._audit(client.id, "update", actor, now, changed)
        return self.get(client.id)

    def set_status(self, client_id: int, version: int, status: ClientStatus, actor: str,
                   now: datetime, note: str) -> Client | None:
        extra: dict[str, Any] = {"status": status.value}
        before = self.session.scalar(select(ClientRow.status).where(ClientRow.id == client_id))
        if not self._versioned_update(client_id, version, extra, actor, now):
            return None
        self.session.add(ClientStatusRow(client_id=client_id, status=status.value, changed_at=now,
                                         changed_by=actor, note=note))
        self._audit(client_id, "status", actor, now, {"status": [before, status.value], "note": note})
        return self.get(client_id)

    def set_archived(self, client_id: int, version: int, archived: bool, actor: str,
                     now: datetime) -> Client | None:
        if not self._versioned_update(client_id, version, {"archived": archived}, actor, now):
            return None
        self._audit(client_id, "archive" if archived else "unarchive", actor, now, {"archived": [not archived, archived]})
        return self.get(client_id)

    def add_note(self, client_id: int, text_: str, author: str, now: datetime) -> ClientNote:
        row = ClientNoteRow(client_id=client_id, text=text_, author=author, created_at=now)
        self.session.add(row)
        self.session.flush()
        audit_entry(self.session, "client_notes", row.id, "create", author, now, {"text": [None, text_]}, client_id)
        return ClientNote(row.text, row.created_at, row.author, row.id)

    # --- the directory ------------------------------------------------------------------
    def _filtered(self, query: ClientQuery, columns: Any, *, by_officer: bool = False,
                  with_officer: bool = False, word_start: bool | None = None,
                  name_prefix_only: bool = False) -> Select[Any]:
        # The officer join only when a column needs it: counting 1M rows through the
        # join costs seconds instead of tens of milliseconds.
        needs_officer = with_officer or columns is _LIST_COLUMNS or query.sort is ClientSort.OFFICER
        source = C.outerjoin(OFF, C.c.officer_id == OFF.c.id) if needs_officer else C
        conditions: list[Any] = []
        if not name_prefix_only and search_index.search_words(query.text) is not None:
            source, matches, _newest = dialect.client_search(
                self.session, source, C, query.text, word_start)
            conditions.append(matches)
        elif query.text.strip():
            # Words too short for trigrams: a name prefix through the name_key index.
            key = name_search_key(query.text)
            if key.strip():
                conditions.append(and_(C.c.name_key >= key, C.c.name_key < key + "\uffff"))
            else:
                conditions.append(false())

        def col(c: Any) -> Any:
            # In the per-officer walk, unary + keeps every other index out of the plan:
            # with statistics saying "a third of all clients per officer", SQLite would
            # rather scan a whole (archived|status|source, name) index, even for an officer
            # with no clients at all.
            return dialect.unindexed(self.session, c) if by_officer else c

        if query.archived_only:
            conditions.append(col(C.c.archived) == true())
        elif not query.include_archived:
            conditions.append(col(C.c.archived) == false())
        if query.statuses:
            conditions.append(col(C.c.status).in_(sorted(s.value for s in query.statuses)))
        if query.sources:
            conditions.append(col(C.c.lead_source).in_(sorted(s.value for s in query.sources)))
        if query.officer_id is not None:
            conditions.append(C.c.officer_id == query.officer_id)
        if query.tag.strip():
            conditions.append(C.c.tags.like(f"%,{query.tag.strip().lower()},%"))
        return select(*columns).select_from(source).where(*conditions)

    def _search_by_officer(self, query: ClientQuery, offset: int, limit: int) -> list[ClientListItem]:
        """Officer order without sorting every client: one index walk per officer (a branch
        has a handful), officers in name order, clients by name within each; clients
        without an officer first (where SQLite sorts NULL)."""
        officer_ids = list(self.session.scalars(select(OFF.c.id).order_by(OFF.c.name, OFF.c.id)))
        groups: list[int | None] = [None, *officer_ids]
        if query.officer_id is not None:
            groups = [query.officer_id]
        if query.descending:
            groups.reverse()
        order = [C.c.name_key.desc(), C.c.id.desc()] if query.descending else [C.c.name_key, C.c.id]
        rows: list[ClientListItem] = []
        skip = offset
        for officer_id in groups:
            same = C.c.officer_id.is_(None) if officer_id is None else C.c.officer_id == officer_id
            if skip:
                in_group = self.session.execute(
                    self._filtered(query, (func.count(),), by_officer=True).where(same)
                ).scalar_one()
                if in_group <= skip:
                    skip -= in_group
                    continue
            stmt = (self._filtered(query, _LIST_COLUMNS, by_officer=True).where(same).order_by(*order)
                    .offset(skip).limit(limit - len(rows)))
            rows += [tuple_to_list_item(r) for r in self.session.execute(stmt)]
            skip = 0
            if len(rows) >= limit:
                break
        return rows

    def _newest_first(self, descending: bool) -> list[Any]:
        """Index hits newest first (the search index's row id is the client's id)."""
        newest = dialect.search_row_id(self.session)
        return [newest.asc() if descending else newest.desc()]

    def _search_by_relevance(self, query: ClientQuery, offset: int, limit: int) -> list[ClientListItem]:
        """Names starting with the text (by name), then names with a word starting with it,
        then any other hit (newest first). Three ordered reads that stop at the page
        instead of ranking every hit: "sit" has thousands of hits among 100k clients."""
        key = name_search_key(query.text)
        starts = and_(C.c.name_key >= key, C.c.name_key < key + "\uffff")
        by_name = [C.c.name_key.desc(), C.c.id.desc()] if query.descending else [C.c.name_key, C.c.id]
        newest = self._newest_first(query.descending)
        groups = [(self._filtered(query, _LIST_COLUMNS, name_prefix_only=True), by_name)]
        if search_index.word_start_expression(query.text) is None:
            groups.append((self._filtered(query, _LIST_COLUMNS).where(~starts), newest))
        else:
            groups += [
                (self._filtered(query, _LIST_COLUMNS, word_start=True).where(~starts), newest),
                (self._filtered(query, _LIST_COLUMNS, word_start=False).where(~starts), newest),
            ]
        if query.descending:
            groups.reverse()
        rows: list[ClientListItem] = []
        skip = offset
        for stmt, order in groups:
            if skip:
                in_group = self.session.execute(
                    select(func.count()).select_from(stmt.subquery())).scalar_one()
                if in_group <= skip:
                    skip -= in_group
                    continue
            if order is newest and not query.descending:
                found = dialect.newest_page(self.session, stmt, order, C.c.id, skip,
                                            limit - len(rows))
            else:
                found = list(self.session.execute(stmt.order_by(*order).offset(skip).limit(limit - len(rows))))
            rows += [tuple_to_list_item(r) for r in found]
            skip = 0
            if len(rows) >= limit:
                break
        return rows

    def search(self, query: ClientQuery, offset: int, limit: int) -> list[ClientListItem]:
        indexed = search_index.search_words(query.text) is not None
        if query.sort is ClientSort.OFFICER and not indexed:
            return self._search_by_officer(query, offset, limit)
        if query.sort is ClientSort.RELEVANCE and indexed:
            return self._search_by_relevance(query, offset, limit)
        stmt = self._filtered(query, _LIST_COLUMNS).order_by(*self._order(query)).offset(offset).limit(limit)
        return [tuple_to_list_item(r) for r in self.session.execute(stmt)]

    def _order(self, query: ClientQuery) -> list[Any]:
        uses_index = search_index.search_words(query.text) is not None
        if query.sort is ClientSort.OFFICER:
            # Clients without an officer first, on both engines (PostgreSQL's default is last).
            order = ([OFF.c.name.desc().nulls_last(), OFF.c.id.desc().nulls_last(), C.c.name_key.desc(),
                      C.c.id.desc()]
                     if query.descending else
                     [OFF.c.name.asc().nulls_first(), OFF.c.id.asc().nulls_first(), C.c.name_key, C.c.id])
        elif query.sort is ClientSort.RELEVANCE and uses_index:
            order = self._newest_first(query.descending)
        else:
            sort = ClientSort.NAME if query.sort is ClientSort.RELEVANCE else query.sort
            sort_col = _SORT_COLUMNS[sort]
            order = [sort_col.desc(), C.c.id.desc()] if query.descending else [sort_col, C.c.id]
        return order

    def count(self, query: ClientQuery) -> int:
        return int(self.session.execute(self._filtered(query, (func.count(),))).scalar_one())
