"""ClientTableModel against a real SQLite file: paging, SQL sorting, filters, roles."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt, QThreadPool

from ao_desktop.domain.clients.client import Client
from ao_desktop.domain.clients.client_query import ClientQuery, ClientSort
from ao_desktop.domain.clients.enums import ClientStatus, LeadSource
from ao_desktop.services.clients.directory import add_client, archive_client
from ao_desktop.storage.engine import open_database
from ao_desktop.storage.unit_of_work import SqlUnitOfWork
from ao_desktop.ui.clients.table_model import ClientTableModel, Column, IdRole, SortRole

NAMES = ["Agus", "Budi", "Citra", "Dewi", "Eko", "Fitri", "Gilang", "Hana", "Indra"]


@pytest.fixture(scope="module")
def big_uow(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SqlUnitOfWork]:
    """450 clients (shared by the read-only paging tests: built once)."""
    db = open_database(Path(tmp_path_factory.mktemp("big")) / "big.sqlite", create=True)
    uow = SqlUnitOfWork(db)
    for i in range(450):
        add_client(
            uow,
            Client(full_name=f"{NAMES[i % len(NAMES)]} Nasabah {i:03d}"),
            "test",
            allow_duplicates=True,
        )
    yield uow
    QThreadPool.globalInstance().waitForDone(5000)
    db.close()


@pytest.fixture
def model(uow: SqlUnitOfWork, qtbot) -> ClientTableModel:  # noqa: ANN001 - pytest-qt fixture
    return ClientTableModel(uow)


def _names(model: ClientTableModel) -> list[str]:
    return [model.index(r, Column.NAME).data() for r in range(model.rowCount())]


def test_passes_qt_model_tester(
    qtmodeltester, add: Callable[..., Client], uow: SqlUnitOfWork
) -> None:  # noqa: ANN001
    add("Siti Aminah", monthly_income=4_000_000, mobile="081234567890", status=ClientStatus.ACTIVE)
    archived = add("Budi Santoso", business_name="CV Maju Jaya")
    archive_client(uow, archived, "test")
    model = ClientTableModel(uow)
    model.set_query(ClientQuery(include_archived=True))
    qtmodeltester.check(model)


def test_loads_in_pages_of_200(big_uow: SqlUnitOfWork) -> None:
    model = ClientTableModel(big_uow)
    model.set_query(ClientQuery())
    root = QModelIndex()
    assert model.rowCount() == 200
    assert model.canFetchMore(root)
    model.fetchMore(root)
    assert model.rowCount() == 400
    model.fetchMore(root)
    assert model.rowCount() == 450
    assert not model.canFetchMore(root)
    assert len({model.index(r, 0).data(IdRole) for r in range(450)}) == 450


def test_total_count_arrives_from_a_worker(big_uow: SqlUnitOfWork, qtbot) -> None:  # noqa: ANN001
    model = ClientTableModel(big_uow)
    with qtbot.waitSignal(model.totalChanged, check_params_cb=lambda n: n == 450, timeout=5000):
        model.set_query(ClientQuery())
    assert model.total == 450
    assert model.rowCount() == 200  # counting never loads rows


def test_a_short_result_knows_its_count_without_a_worker(big_uow: SqlUnitOfWork) -> None:
    model = ClientTableModel(big_uow)
    model.set_query(ClientQuery(text="Indra"))  # every 9th of 450
    assert model.total == model.rowCount() == 50


def _sort(model: ClientTableModel, qtbot, column: int, order: Qt.SortOrder) -> None:  # noqa: ANN001
    """Sort and wait for the first page, which a worker fetches."""
    model.sort(column, order)
    qtbot.waitUntil(lambda: model.shown_query == model.query, timeout=5000)


def test_sorting_by_name_requeries_sql(big_uow: SqlUnitOfWork, qtbot) -> None:  # noqa: ANN001
    model = ClientTableModel(big_uow)
    model.set_query(ClientQuery())
    _sort(model, qtbot, Column.NAME, Qt.SortOrder.AscendingOrder)
    assert model.query.sort is ClientSort.NAME and not model.query.descending
    assert model.index(0, Column.NAME).data() == "Agus Nasabah 000"
    _sort(model, qtbot, Column.NAME, Qt.SortOrder.DescendingOrder)
    assert model.query.descending
    # The last name of all 450 is first, though it was never among the loaded 200 rows.
    assert model.index(0, Column.NAME).data() == "Indra Nasabah 449"
    assert model.rowCount() == 200


def test_sort_minus_one_means_relevance(big_uow: SqlUnitOfWork, qtbot) -> None:  # noqa: ANN001
    model = ClientTableModel(big_uow)
    model.set_query(ClientQuery(sort=ClientSort.NAME))
    _sort(model, qtbot, -1, Qt.SortOrder.AscendingOrder)
    assert model.query.sort is ClientSort.RELEVANCE


def test_a_sort_keeps_the_old_rows_until_its_page_arrives_and_keeps_the_count(
    big_uow: SqlUnitOfWork, qtbot  # noqa: ANN001
) -> None:
    model = ClientTableModel(big_uow)
    with qtbot.waitSignal(model.totalChanged, check_params_cb=lambda n: n == 450, timeout=5000):
        model.set_query(ClientQuery(sort=ClientSort.NAME))
    before = model.index(0, Column.NAME).data()
    counts: list[int] = []
    model.totalChanged.connect(counts.append)
    model.sort(Column.NAME, Qt.SortOrder.DescendingOrder)
    # The GUI thread did not query: the old page is still there, in its own order.
    assert model.query.descending and not model.shown_query.descending
    assert model.index(0, Column.NAME).data() == before
    with qtbot.waitSignal(model.modelReset, timeout=5000):
        pass
    assert model.shown_query == model.query
    assert model.index(0, Column.NAME).data() == "Indra Nasabah 449"
    assert model.total == 450 and counts == []  # only the order changed: no recount


def test_a_newer_query_wins_over_a_sort_still_on_its_way(big_uow: SqlUnitOfWork, qtbot) -> None:  # noqa: ANN001
    model = ClientTableModel(big_uow)
    model.set_query(ClientQuery(sort=ClientSort.NAME))
    model.sort(Column.NAME, Qt.SortOrder.DescendingOrder)
    model.set_query(ClientQuery(text="Indra", sort=ClientSort.NAME))  # typed meanwhile
    model.runner.wait_for_idle()
    qtbot.wait(50)  # let any late delivery through: it must be dropped
    assert model.shown_query == model.query and model.query.text == "Indra"
    assert model.rowCount() == 50


def test_fetching_more_while_a_sort_is_on_its_way_follows_the_rows_on_screen(
    big_uow: SqlUnitOfWork, qtbot  # noqa: ANN001
) -> None:
    model = ClientTableModel(big_uow)
    model.set_query(ClientQuery(sort=ClientSort.NAME))
    model.sort(Column.NAME, Qt.SortOrder.DescendingOrder)
    assert model.shown_query != model.query  # delivered only by the event loop: not yet
    model.fetchMore(QModelIndex())
    names = [model.index(r, Column.NAME).data() for r in range(model.rowCount())]
    assert len(names) == 400 and names == sorted(names)  # no descending page mixed in
    qtbot.waitUntil(lambda: model.shown_query == model.query, timeout=5000)
    assert model.index(0, Column.NAME).data() == "Indra Nasabah 449"


def test_sorting_by_income_orders_by_the_raw_amount(model: ClientTableModel, add, qtbot) -> None:  # noqa: ANN001
    add("Kecil", monthly_income=900_000)
    add("Besar", monthly_income=12_000_000)
    add("Sedang", monthly_income=4_000_000)
    _sort(model, qtbot, Column.INCOME, Qt.SortOrder.DescendingOrder)
    assert _names(model) == ["Besar", "Sedang", "Kecil"]  # not the text order of "Rp..."


def test_filters_by_status(model: ClientTableModel, add) -> None:  # noqa: ANN001
    add("Prospek Satu")
    add("Aktif Satu", status=ClientStatus.ACTIVE)
    add("Aktif Dua", status=ClientStatus.ACTIVE)
    model.set_query(ClientQuery(statuses=frozenset({ClientStatus.ACTIVE}), sort=ClientSort.NAME))
    assert _names(model) == ["Aktif Dua", "Aktif Satu"]
    assert model.index(0, Column.STATUS).data() == "Nasabah aktif"


def test_search_text_narrows_rows(model: ClientTableModel, add) -> None:  # noqa: ANN001
    add("Siti Nurhaliza", mobile="081234567890")
    add("Budi Santoso", mobile="081298765432")
    model.set_query(ClientQuery(text="nurh"))
    assert _names(model) == ["Siti Nurhaliza"]
    model.set_query(ClientQuery(text="98765"))
    assert _names(model) == ["Budi Santoso"]


def test_display_is_formatted_and_sort_role_is_raw(model: ClientTableModel, add) -> None:  # noqa: ANN001
    client = add(
        "Siti Aminah",
        monthly_income=4_000_000,
        mobile="+6281234567890",
        lead_source=LeadSource.SOCIAL_MEDIA,
    )
    model.set_query(ClientQuery())
    income = model.index(0, Column.INCOME)
    assert income.data() == "Rp4.000.000"
    assert income.data(SortRole) == 4_000_000
    assert income.data(Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    assert model.index(0, Column.MOBILE).data() == "0812-3456-7890"
    assert model.index(0, Column.MOBILE).data(SortRole) == "+6281234567890"
    assert model.index(0, Column.SOURCE).data() == "Media sosial"
    assert model.index(0, Column.NAME).data(IdRole) == client.id
    assert client.updated_at is not None
    day = client.updated_at.day
    assert model.index(0, Column.UPDATED).data().startswith(f"{day} ")
    assert model.index(0, Column.UPDATED).data(SortRole) == client.updated_at


def test_archived_rows_are_greyed(model: ClientTableModel, add, uow: SqlUnitOfWork) -> None:  # noqa: ANN001
    add("Masih Aktif")
    archive_client(uow, add("Sudah Arsip"), "test")
    model.set_query(ClientQuery(include_archived=True, sort=ClientSort.NAME))
    assert _names(model) == ["Masih Aktif", "Sudah Arsip"]
    assert model.index(0, 0).data(Qt.ItemDataRole.ForegroundRole) is None
    assert model.index(1, 0).data(Qt.ItemDataRole.ForegroundRole) is not None
    model.set_query(ClientQuery())
    assert _names(model) == ["Masih Aktif"]


def test_headers_are_indonesian(model: ClientTableModel) -> None:
    titles = [model.headerData(c, Qt.Orientation.Horizontal) for c in Column]
    assert titles == [
        "Nama",
        "NIK",
        "No. HP",
        "Kota",
        "Status",
        "Sumber",
        "AO",
        "Penghasilan",
        "Diubah",
    ]


def test_a_landline_in_the_mobile_column_shows_as_a_landline(
    model: ClientTableModel, uow: SqlUnitOfWork
) -> None:
    from datetime import datetime

    with uow.write() as tx:  # as an import from an older sheet left it: straight to storage
        tx.clients.add(Client(full_name="Toko Kelontong", mobile="+62215551234"), "t", datetime.now())
        tx.clients.add(Client(full_name="Siti", mobile="+6281234567890"), "t", datetime.now())
    model.set_query(ClientQuery(sort=ClientSort.NAME))
    phones = [model.index(r, Column.MOBILE).data() for r in range(model.rowCount())]
    assert phones == ["0812-3456-7890", "(021) 5551234"]


def test_the_name_column_tells_the_whole_name_on_hover(model: ClientTableModel, add) -> None:  # noqa: ANN001
    from ao_desktop.domain.clients.enums import ClientKind

    add("Adi Pradipta", kind=ClientKind.BUSINESS, business_name="Apotek Jaya Maju Sentosa Abadi")
    model.set_query(ClientQuery())
    tip = model.index(0, Column.NAME).data(Qt.ItemDataRole.ToolTipRole)
    assert tip == "Apotek Jaya Maju Sentosa Abadi (Adi Pradipta)"


def test_a_failed_count_says_so_and_the_next_load_counts_again(
    big_uow: SqlUnitOfWork, qtbot, monkeypatch  # noqa: ANN001
) -> None:
    """The database going out of reach between the page and its count: the rows stay,
    the count reports COUNT_FAILED (not "counting" forever), and a reload counts again."""
    from ao_desktop.domain.common.errors import DatabaseUnreachable
    from ao_desktop.ui.clients import table_model

    def unreachable(_uow: object, _query: object) -> int:
        raise DatabaseUnreachable("Koneksi ke server database terputus", "server")

    model = ClientTableModel(big_uow)
    with monkeypatch.context() as patch:
        patch.setattr(table_model, "count_clients", unreachable)
        with qtbot.waitSignal(
            model.totalChanged, check_params_cb=lambda n: n == table_model.COUNT_FAILED, timeout=5000
        ):
            model.set_query(ClientQuery())
    assert model.rowCount() == 200 and model.total is None
    with qtbot.waitSignal(model.totalChanged, check_params_cb=lambda n: n == 450, timeout=5000):
        model.refresh()
    assert model.total == 450
